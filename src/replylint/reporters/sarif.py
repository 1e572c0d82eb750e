"""SARIF 2.1.0 output for code-scanning dashboards: one run, the rules in play, one result per finding."""

from __future__ import annotations

import json
import os
import posixpath
import re
from importlib import metadata
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import replylint
from replylint.findings import Severity

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import FileReport, Finding, Report
    from replylint.packs.records import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")
# RFC 3986 pchar minus ':' so a relative path's first segment can never read as a URI scheme.
_SAFE = "/-._~!$&'()*+,;=@"


def artifact_location(path: str) -> dict[str, str]:
    """The path as a URI reference, percent-encoded, relative to %SRCROOT% when it lies inside it.

    On POSIX a backslash is part of a name (encoded as %5C), not a separator; a relative path that climbs out of
    the root with '..' becomes an absolute file URI; bytes that are not UTF-8 are percent-encoded as they are.
    """
    if os.sep == "\\" or _WINDOWS_DRIVE.match(path.replace("\\", "/")):
        path = path.replace("\\", "/")
    raw = os.fsencode(path)
    if path.startswith("/"):
        return {"uri": "file://" + quote(raw, safe=_SAFE + ":")}
    if _WINDOWS_DRIVE.match(path):
        return {"uri": "file:///" + quote(raw, safe=_SAFE + ":")}
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        absolute = os.fsencode(os.path.abspath(path))
        return {"uri": "file://" + quote(absolute, safe=_SAFE + ":")}
    return {"uri": quote(os.fsencode(normal), safe=_SAFE), "uriBaseId": SOURCE_ROOT}


def region(finding: Finding) -> dict[str, int]:
    """The finding's text region; a document-level finding is an empty region (an insertion point)."""
    # SARIF columns are 1-based with endColumn exclusive, as ours are, so an empty region is simply
    # endColumn == startColumn on the same line (SARIF 2.1.0 §3.30.2); the schema accepts it.
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }


def rule_descriptor(rule_id: str, rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor for one rule: description, why and what to write instead."""
    help_text = f"{rule.why} Instead: {rule.suggest}" if rule.suggest else rule.why
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": rule.description or rule.message},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def result(finding: Finding, index: Mapping[str, int]) -> dict[str, Any]:
    """One finding as a SARIF result; ruleIndex only when the rule is described in the driver."""
    entry: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        entry["ruleIndex"] = index[finding.rule]
    entry["level"] = LEVEL[finding.severity]
    entry["message"] = {"text": finding.message}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": region(finding)}
    }
    if finding.entry is not None:
        # The reply inside a many-reply file, as SARIF names a place inside an artifact.
        location["logicalLocations"] = [{"name": finding.entry.name, "index": finding.entry.index - 1}]
        entry["properties"] = {"entry": finding.entry.name, "entryIndex": finding.entry.index}
    if finding.in_reply_to is not None:
        # The customer's message the reply answers: a context finding quotes it, and reads right only beside it.
        entry.setdefault("properties", {})["inReplyTo"] = finding.in_reply_to
    entry["locations"] = [location]
    return entry


def notification(file: FileReport) -> dict[str, Any]:
    """A file that could not be linted, as a tool execution notification."""
    return {
        "level": "error",
        "message": {"text": file.error or ""},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path)}}],
    }


def information_uri() -> str | None:
    """The project's home page from the installed metadata, if the distribution declares one."""
    try:
        meta = metadata.metadata("replylint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "repository", "source"} and url.strip():
            return url.strip()
    home = meta.get("Home-page")
    return home if home and home != "UNKNOWN" else None


def driver(rules: Mapping[str, Rule]) -> dict[str, Any]:
    """The tool.driver object, rules sorted by id so the output is stable whatever the load order."""
    tool: dict[str, Any] = {"name": "replylint", "version": replylint.__version__}
    uri = information_uri()
    if uri:
        tool["informationUri"] = uri
    tool["rules"] = [rule_descriptor(rule_id, rules[rule_id]) for rule_id in sorted(rules)]
    return tool


def log(report: Report, rules: Mapping[str, Rule]) -> dict[str, Any]:
    """The whole SARIF log as a JSON-ready dictionary."""
    index = {rule_id: i for i, rule_id in enumerate(sorted(rules))}
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.errors:
        invocation["toolExecutionNotifications"] = [notification(f) for f in report.errors]
    run = {
        "tool": {"driver": driver(rules)},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index) for f in report.findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None:
    """Write the report as an indented SARIF 2.1.0 log followed by a newline."""
    del color
    stream.write(json.dumps(log(report, rules), indent=2, ensure_ascii=False) + "\n")
