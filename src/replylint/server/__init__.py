"""Resident servers on top of replylint.api: one loaded pipeline and rule set answering many drafts."""
