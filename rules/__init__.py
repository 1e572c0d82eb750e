"""The shipped rule packs: YAML data installed with replylint (this file makes the folder importable)."""
