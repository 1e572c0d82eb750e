"""Severity, Finding and Report: the immutable records that flow from the linter to the reporters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol


def under(rule_id: str, prefix: str) -> bool:
    """Whether a rule id falls under a dotted prefix: 'blame' and 'blame.customer-fault' do, 'bla' does not."""
    stem = prefix.rstrip(".")
    return rule_id == stem or rule_id.startswith(stem + ".")


class Severity(str, Enum):
    """How much a finding matters; ordered suggestion < warning < error."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.SUGGESTION: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Entry:
    """Which reply of a many-reply file a draft is: the title its file gives it and its 1-based place."""

    name: str
    index: int


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem in one draft, located in the source file (1-based lines, 1-based columns in characters)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    match: str = field(compare=False)
    suggestion: str | None = field(default=None, compare=False)
    # The reply of a collection or saved-replies file the finding is in; None for a file that is one reply.
    entry: Entry | None = field(default=None, compare=False)
    # The customer's message the draft replies to, when the run was given one (--in-reply-to, a context key).
    in_reply_to: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class FileReport:
    """The findings for one input, with its text (for highlighting) or the reason it could not be linted."""

    path: str
    findings: tuple[Finding, ...] = ()
    text: str = ""
    error: str | None = None


class Skipped(Protocol):
    """A file left out of a run and why (inputs.skips.Skip, which this layer cannot import)."""

    @property
    def path(self) -> str: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run produced, in the order it is printed."""

    files: tuple[FileReport, ...]
    # Replies linted (a collection holds many; a long reply linted in parts counts once; None: not counted, one
    # per readable file), and the files a walk found but did not lint (inputs.skips.Skip: path and reason).
    replies: int | None = None
    skipped: tuple[Skipped, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for file in self.files for f in file.findings)

    def count_by_severity(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def errors(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.error is not None)


LINE_BREAK = re.compile(r"\r\n|\r|\n")
