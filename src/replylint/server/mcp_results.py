"""What the MCP tools return: typed results (so the SDK publishes output schemas) built from api records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from replylint.api import Finding, Fixed, Linter, Rule, Severity, offsets

SeverityName = Literal["suggestion", "warning", "error"]


class Span(BaseModel):
    """Where a finding is in the text sent: character offsets and 1-based line/column."""

    start: int = Field(description="Offset of the first character (0-based, in characters).")
    end: int = Field(description="Offset just past the last character; text[start:end] is the match.")
    line: int = Field(description="1-based line of the first character.")
    column: int = Field(description="1-based column (in characters) of the first character.")
    end_line: int
    end_column: int = Field(description="1-based column just past the last character.")


class DraftFinding(BaseModel):
    """One problem in the draft, with why it hurts and what to write instead."""

    rule: str = Field(description="The rule id, e.g. 'blame.customer-fault'; explain_rule tells more.")
    severity: SeverityName
    message: str
    match: str = Field(description="The matched text; '' for a finding about the whole draft.")
    span: Span
    suggestion: str | None = Field(description="Replacement text for this match, when the rule offers one.")
    fixable: bool = Field(description="Whether fix_draft applies the suggestion by itself.")
    why: str = Field(description="Why this hurts the reader.")
    instead: str = Field(description="What to write instead.")


class Counts(BaseModel):
    """Findings per severity."""

    error: int = 0
    warning: int = 0
    suggestion: int = 0


class LintResult(BaseModel):
    """The findings of a draft and the verdict: 'revise' when any is at or above fail_on, else 'ok'."""

    verdict: Literal["ok", "revise"]
    fail_on: SeverityName = Field(description="The lowest severity that makes the verdict 'revise'.")
    counts: Counts
    findings: list[DraftFinding] = Field(description="In the order they occur in the draft.")


class FixMade(BaseModel):
    """One safe fix applied: the rule, its place (in the text it was applied to) and the change."""

    rule: str
    line: int
    column: int
    before: str
    after: str = Field(description="The replacement; '' when the words were deleted.")


class FixResult(BaseModel):
    """The draft with its safe fixes applied, the fixes made, and what is left to revise by hand."""

    text: str
    changed: bool
    applied: list[FixMade]
    remaining: LintResult = Field(description="lint_draft's result for the fixed text.")


class RuleSummary(BaseModel):
    """One rule as list_rules shows it."""

    id: str
    pack: str
    severity: SeverityName
    kind: str
    description: str
    channels: list[str] = Field(description="Channels the rule is limited to; [] = every channel.")
    fixable: bool


class RuleList(BaseModel):
    """The rules lint_draft checks with."""

    count: int
    rules: list[RuleSummary]


class RuleExample(BaseModel):
    """A rule's own example, with the spans it flags (none for an example it must not flag)."""

    text: str
    spans: list[tuple[int, int]] = Field(description="[start, end) character offsets of each flagged span.")
    in_reply_to: str | None = Field(default=None, description="The customer's message the example replies to.")


class Replacement(BaseModel):
    """A phrase a substitution rule replaces, and with what ('' = delete it)."""

    phrase: str
    replacement: str


class RuleExplanation(BaseModel):
    """Everything about one rule: why it matters, what to write instead, and its examples."""

    id: str = Field(description="The rule's current id (an old id or alias given resolves to it).")
    aliases: list[str]
    pack: str
    severity: SeverityName
    kind: str
    description: str
    why: str
    instead: str
    link: str | None
    fixable: bool
    enabled: bool = Field(description="Whether lint_draft checks it (the server's --select/--ignore/config).")
    channels: list[str]
    replacements: list[Replacement]
    flags: list[RuleExample] = Field(description="Examples the rule flags.")
    does_not_flag: list[RuleExample] = Field(description="Near misses it must leave alone.")


def lint_result(linter: Linter, text: str, findings: Iterable[Finding]) -> LintResult:
    """The findings of `text` with their rules' why and instead, counted, and the verdict."""
    found = [_finding(linter, text, f) for f in findings]
    counts = Counts(**{s.value: sum(f.severity == s.value for f in found) for s in Severity})
    fail_on = linter.config.fail_on
    revise = any(Severity(f.severity).rank >= fail_on.rank for f in found)
    return LintResult(verdict="revise" if revise else "ok", fail_on=fail_on.value, counts=counts, findings=found)


def fix_result(linter: Linter, before: str, fixed: Fixed) -> FixResult:
    """fix_draft's result from api.fix_draft's."""
    applied = [FixMade.model_validate(a, from_attributes=True) for a in fixed.applied]
    remaining = lint_result(linter, fixed.text, fixed.left)
    return FixResult(text=fixed.text, changed=fixed.text != before, applied=applied, remaining=remaining)


def rule_summary(rule: Rule) -> RuleSummary:
    """A rule's line in list_rules."""
    return RuleSummary(
        id=rule.qualified_id,
        pack=rule.pack,
        severity=rule.severity.value,
        kind=rule.kind,
        description=rule.description,
        channels=list(rule.channels),
        fixable=rule.fix,
    )


def explanation(linter: Linter, rule: Rule) -> RuleExplanation:
    """explain_rule's result."""
    return RuleExplanation(
        id=rule.qualified_id,
        aliases=[f"{rule.pack}.{alias}" for alias in rule.aliases],
        pack=rule.pack,
        severity=rule.severity.value,
        kind=rule.kind,
        description=rule.description,
        why=rule.why,
        instead=rule.suggest,
        link=rule.link,
        fixable=rule.fix,
        enabled=any(r.qualified_id == rule.qualified_id for r in linter.rules.selected),
        channels=list(rule.channels),
        replacements=[Replacement(phrase=p, replacement=r) for p, r in rule.replacements],
        flags=[RuleExample(text=e.text, spans=list(e.spans), in_reply_to=e.context) for e in rule.fail],
        does_not_flag=[RuleExample(text=e.text, spans=[], in_reply_to=e.context) for e in rule.passes],
    )


def _finding(linter: Linter, text: str, finding: Finding) -> DraftFinding:
    rule = linter.rules.by_id.get(finding.rule)
    start, end = offsets(text, finding)
    span = Span(
        start=start,
        end=end,
        line=finding.line,
        column=finding.column,
        end_line=finding.end_line,
        end_column=finding.end_column,
    )
    return DraftFinding(
        rule=finding.rule,
        severity=finding.severity.value,
        message=finding.message,
        match=finding.match,
        span=span,
        suggestion=finding.suggestion,
        fixable=bool(rule and rule.fix and finding.suggestion is not None),
        why=rule.why if rule else "",
        instead=rule.suggest if rule else "",
    )
