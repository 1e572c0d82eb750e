"""What a run enforces besides the rules: selectors that must name rules, per-file ignores and severities."""

from __future__ import annotations

from dataclasses import replace

from replylint.config.settings import Config
from replylint.findings import FileReport, under
from replylint.packs.selection import Resolver, RuleSet, SelectionError, Selector


def validate(rules: RuleSet, config: Config, *, allow_empty: bool = False) -> None:
    """Refuse selectors that name no loaded rule, and a selection that leaves no pack rule to run."""
    rules.resolver.check(Selector(value, where) for value, where in config.named)
    if allow_empty:
        return
    chosen = [rule for rule in rules.selected if rule.kind != "builtin"]
    if not chosen:
        raise SelectionError("the selection leaves no rule to run (see --select/--ignore); --allow-empty accepts that")
    # A channel rule runs only where its channel is in use (--channel, `channel`, a [[per-file]] channel).
    used = {config.channel, *(entry.channel for entry in config.per_file)}
    if not any(not rule.channels or used & set(rule.channels) for rule in chosen):
        needed = sorted({channel for rule in chosen for channel in rule.channels})
        raise SelectionError(
            f"the selection leaves no rule to run: its rules need --channel {' or '.join(needed)} "
            "(or `channel` in the config); --allow-empty accepts that"
        )


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
