"""What a run enforces besides the rules: selectors that must name rules, per-file ignores and severities."""

from __future__ import annotations

from dataclasses import replace

from replylint.config.settings import Config
from replylint.findings import FileReport, under
from replylint.packs.selection import Resolver, RuleSet, SelectionError, Selector


def validate(rules: RuleSet, config: Config, *, allow_empty: bool = False) -> None:
    """Refuse selectors that name no loaded rule, and a selection that leaves no pack rule to run."""
    rules.resolver.check(Selector(value, where) for value, where in config.named)
    if not allow_empty and not any(rule.kind != "builtin" for rule in rules.selected):
        raise SelectionError("the selection leaves no rule to run (see --select/--ignore); --allow-empty accepts that")


def apply_policy(report: FileReport, config: Config, resolver: Resolver) -> FileReport:
    """Per-file ignores and severity overrides from the config ("off" drops the finding), by id or alias.

    The global `ignore` is not applied here: it already took the rule out of the selection.
    """
    if not report.findings:
        return report
    policy = config.for_file(report.path)
    ignored = policy.ignore[len(config.ignore) :]
    kept = []
    for finding in report.findings:
        names = resolver.names_of(finding.rule)
        if any(under(name, p) for name in names for p in ignored):
            continue
        severity = policy.severity_for(finding.rule, finding.severity, aliases=names[1:])
        if severity is None:
            continue
        kept.append(finding if severity == finding.severity else replace(finding, severity=severity))
    return replace(report, findings=tuple(kept))
