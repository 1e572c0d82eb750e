"""Collections of replies (YAML, JSON, CSV) read as trees that keep every reply's place."""
