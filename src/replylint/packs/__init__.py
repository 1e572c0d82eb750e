"""YAML rule packs to validated rules: records, the loading door, schema, caches, selection."""
