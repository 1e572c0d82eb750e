"""Where text is analysed: the spaCy pipeline, rule kinds, matching, suppressions and the linter."""
