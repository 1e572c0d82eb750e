"""Code actions (one safe fix, every safe fix, a suppression comment) and hover text for a linted document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types

from replylint.api import Finding, Linter, safe_edits
from replylint.findings import LINE_BREAK
from replylint.inputs.layouts import COLLECTION_SUFFIXES
from replylint.server.lsp_diagnostics import Positions, rule_link

if TYPE_CHECKING:
    from collections.abc import Sequence

    from replylint.packs.records import Rule

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.replylint"
KINDS = [types.CodeActionKind.QuickFix, FIX_ALL]
# Accepted by engine/suppressions.py: the next line is silenced for this rule; the reason is for the reader.
SUPPRESSION = "<!-- replylint: disable-next-line={rule} -- reason -->"


@dataclass(frozen=True, slots=True)
class Analysis:
    """One linted state of a document: its text, the linter used, the findings and their diagnostics."""

    uri: str
    path: str
    text: str
    linter: Linter | None
    findings: tuple[Finding, ...]
    diagnostics: tuple[types.Diagnostic, ...]
    serial: int
    in_reply_to: str | None = None  # the customer's message the document answers (replylint.setInReplyTo)

    def rule(self, finding: Finding) -> Rule | None:
        """The rule behind a finding (None for one the loaded rules do not know)."""
        return self.linter.rules.by_id.get(finding.rule) if self.linter else None


def _offsets(positions: Positions, finding: Finding) -> tuple[int, int]:
    starts = positions.starts
    return starts[finding.line - 1] + finding.column - 1, starts[finding.end_line - 1] + finding.end_column - 1


def touching(analysis: Analysis, positions: Positions, start: int, end: int) -> list[int]:
    """Indexes of the findings whose span meets [start, end] (a cursor at either edge counts)."""
    found = []
    for index, finding in enumerate(analysis.findings):
        first, last = _offsets(positions, finding)
        if first <= end and start <= last:
            found.append(index)
    return found


def hover(analysis: Analysis, positions: Positions, position: types.Position) -> types.Hover | None:
    """Why the highlighted span hurts, what to write instead, and the rule id."""
    offset = positions.offset(position)
    indexes = touching(analysis, positions, offset, offset)
    if not indexes:
        return None
    parts = []
    for index in indexes:
        finding = analysis.findings[index]
        rule = analysis.rule(finding)
        lines = [f"**{finding.rule}** ({finding.severity.value}): {finding.message}"]
        if rule is not None:
            lines += [f"**Why it hurts:** {rule.why}", f"**Instead:** {rule.suggest}"]
        link = rule_link(rule)
        more = f"[the rule]({link}) or " if link else ""
        lines.append(f"More: {more}`replylint explain {finding.rule}`")
        parts.append("\n\n".join(lines))
    first = analysis.findings[indexes[0]]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=positions.span(first),
    )


def code_actions(
    analysis: Analysis, positions: Positions, area: types.Range, only: Sequence[str] | None
) -> list[types.CodeAction]:
    """The actions for the findings under `area`, and fix-all for the document, filtered by `only`."""
    if analysis.linter is None:
        return []
    indexes = touching(analysis, positions, positions.offset(area.start), positions.offset(area.end))
    edits = safe_edits(analysis.linter, analysis.text, analysis.path, analysis.findings)
    # By identity: findings compare by place only, and two rules can flag the same words.
    number = {id(finding): index for index, finding in enumerate(analysis.findings)}
    actions = []
    for edit in edits:
        index = number[id(edit.finding)]
        if index in indexes:
            what = (
                f"Replace '{edit.finding.match}' with '{edit.text}'" if edit.text else f"Delete '{edit.finding.match}'"
            )
            change = types.TextEdit(
                types.Range(positions.at_offset(edit.start), positions.at_offset(edit.end)), edit.text
            )
            actions.append(
                _action(f"{what} ({edit.finding.rule})", types.CodeActionKind.QuickFix, analysis, change, [index])
            )
    if edits:
        actions.append(_fix_all(analysis, positions, [number[id(edit.finding)] for edit in edits]))
    if not analysis.path.lower().endswith(COLLECTION_SUFFIXES):
        # In a collection the line above is JSON, YAML or CSV, not the reply: a comment there would break it.
        actions.extend(_suppressions(analysis, positions, indexes))
    return [a for a in actions if not only or any(a.kind == k or a.kind.startswith(f"{k}.") for k in only)]


def _fix_all(analysis: Analysis, positions: Positions, fixable: list[int]) -> types.CodeAction:
    fixed, _ = analysis.linter.fix(analysis.text, analysis.path)  # type: ignore[union-attr]
    change = types.TextEdit(positions.whole(), fixed)
    return _action("Apply every safe replylint fix", FIX_ALL, analysis, change, fixable, preferred=False)


def _suppressions(analysis: Analysis, positions: Positions, indexes: list[int]) -> list[types.CodeAction]:
    actions = []
    seen: set[tuple[str, int]] = set()
    match = LINE_BREAK.search(analysis.text)
    ending = match.group() if match else "\n"
    for index in indexes:
        finding = analysis.findings[index]
        if (finding.rule, finding.line) in seen:
            continue
        seen.add((finding.rule, finding.line))
        line = positions.line_text(finding.line - 1)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        comment = indent + SUPPRESSION.format(rule=finding.rule) + ending
        start = types.Position(finding.line - 1, 0)
        change = types.TextEdit(types.Range(start, start), comment)
        title = f"Disable {finding.rule} for this line (with a reason)"
        actions.append(_action(title, types.CodeActionKind.QuickFix, analysis, change, [index], preferred=False))
    return actions


def _action(
    title: str, kind: str, analysis: Analysis, change: types.TextEdit, indexes: list[int], *, preferred: bool = True
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=[analysis.diagnostics[i] for i in indexes],
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={analysis.uri: [change]}),
    )
