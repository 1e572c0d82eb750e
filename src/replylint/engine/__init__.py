"""Where text is analysed: the spaCy pipeline, rule kinds, matching, suppressions and the linter."""

from replylint.engine.startup import lighten_spacy_import

# Before any engine module imports spaCy: spaCy's command line is left unloaded (see startup.py).
lighten_spacy_import()
