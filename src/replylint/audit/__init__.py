"""The archive audit: lint many replies on Dask and report rates per group (`replylint audit`)."""

from __future__ import annotations

from replylint.audit.frames import FINDING_COLUMNS, findings_meta, lint_frame
from replylint.audit.linters import LinterSetup

__all__ = ["FINDING_COLUMNS", "LinterSetup", "findings_meta", "lint_frame"]
