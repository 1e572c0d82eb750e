"""replylint: lint customer-service reply drafts for what breaks trust."""

from __future__ import annotations

__version__ = "0.1.0"
