"""One check run: choose rules, read inputs into drafts, lint them, and assemble the Report."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.findings import FileReport, Report, Severity
from replylint.packs import Rule, load_packs, shipped_pack_paths
from replylint.sources import STDIN, InputError, decode, discover, draft_from_text, read_draft_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from replylint.sources import Draft


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses, every loaded rule by id (for reporters), and by id or alias (for `explain`)."""

    selected: tuple[Rule, ...]
    by_id: dict[str, Rule]
    by_name: dict[str, Rule]


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check and how: the parsed flags of `replylint check`."""

    paths: tuple[str, ...] = ()
    text: str | None = None
    packs: tuple[Path, ...] = ()
    default_packs: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    model: str = "blank:en"
    encoding: str | None = None
    fail_on: Severity = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished run: the report, notices for stderr, and whether any input failed."""

    report: Report
    notices: tuple[str, ...] = field(default=())

    def exit_code(self, fail_on: Severity) -> int:
        """2 when an input could not be read, 1 when a finding reaches `fail_on`, else 0."""
        if self.report.errors:
            return 2
        return int(any(f.severity.rank >= fail_on.rank for f in self.report.findings))


def load_rules(packs: tuple[Path, ...] = (), *, default_packs: bool = True,
               select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> RuleSet:
    """Load shipped and user packs (raises PackError) and keep the selected rules."""
    paths = [*(shipped_pack_paths() if default_packs else []), *packs]
    rules = [rule for pack in load_packs(paths) for rule in pack.rules]
    by_id = {rule.qualified_id: rule for rule in rules}
    by_name = dict(by_id)
    for rule in rules:
        for alias in rule.aliases:
            by_name.setdefault(f"{rule.pack}.{alias}", rule)
    chosen = tuple(r for r in rules if (not select or _selected(r, select)) and not _selected(r, ignore))
    return RuleSet(chosen, by_id, by_name)


def _selected(rule: Rule, prefixes: tuple[str, ...]) -> bool:
    names = (rule.qualified_id, *(f"{rule.pack}.{a}" for a in rule.aliases))
    return any(n == p or n.startswith(p.rstrip(".") + ".") for n in names for p in prefixes)


def check(options: CheckOptions, rules: RuleSet, read_stdin: Callable[[], bytes] | None = None) -> Outcome:
    """Lint everything the options name; unreadable inputs become FileReports with an error."""
    # Imported here: spaCy is only loaded once there is text to analyse.
    from replylint import nlp
    from replylint.kinds import compile_rules
    from replylint.linter import lint

    inputs: list[FileReport | Draft] = []
    if options.text is not None:
        inputs.append(draft_from_text("<text>", options.text))
    files, missing = discover(list(options.paths))
    inputs.extend(FileReport(path, error=message) for path, message in missing)
    read_stdin = read_stdin or sys.stdin.buffer.read
    inputs.extend(_read(path, options.encoding, read_stdin) for path in files)

    pipeline = nlp.load(options.model)
    compiled = compile_rules(rules.selected, pipeline)
    notices = tuple(f"skipped rule {rule.qualified_id}: {why}" for rule, why in compiled.skipped)
    drafts = [d for d in inputs if not isinstance(d, FileReport)]
    linted = {id(draft): findings for draft, findings in lint(drafts, compiled, pipeline)}
    reports = [item if isinstance(item, FileReport) else
               FileReport(item.path, tuple(linted[id(item)]), item.text) for item in inputs]
    reports.sort(key=lambda r: r.path)
    return Outcome(Report(tuple(reports)), notices)


def _read(path: str, encoding: str | None, read_stdin: Callable[[], bytes]) -> Draft | FileReport:
    try:
        if path == STDIN:
            return draft_from_text("<stdin>", decode(read_stdin(), encoding))
        return draft_from_text(path, read_draft_file(path, encoding))
    except InputError as exc:
        return FileReport(path, error=str(exc))
