"""JSON reporter: the versioned schema that scripts and other tools rely on."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from replylint import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Report
    from replylint.packs import Rule


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write the report as JSON."""
    files = []
    for file in report.files:
        entry: dict[str, object] = {"path": file.path, "findings": [
            {"rule": f.rule, "severity": f.severity.value, "message": f.message, "match": f.match,
             "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
             "suggestion": f.suggestion} for f in file.findings]}
        if file.error is not None:
            entry["error"] = file.error
        files.append(entry)
    document = {"version": 1, "tool": {"name": "replylint", "version": __version__}, "files": files,
                "summary": {"files": len(report.files), "findings": len(report.findings),
                            "by_severity": report.count_by_severity(), "errors": len(report.errors)}}
    stream.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
