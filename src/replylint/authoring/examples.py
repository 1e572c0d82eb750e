"""Check rules against their own [[marked]] examples: fail examples must match exactly, pass ones not at all."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from replylint.engine.kinds import compile_rules
from replylint.engine.linter import find_hits
from replylint.inputs.drafts import draft_from_text
from replylint.inputs.formats import drafts_for
from replylint.inputs.settings import Reading

if TYPE_CHECKING:
    from collections.abc import Iterable

    from replylint.engine.nlp import Pipeline
    from replylint.inputs.drafts import Draft
    from replylint.packs.records import Example, Rule


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """The outcome of one example of one rule; `case` reads like `blame.customer-fault[fail-0]`."""

    rule: Rule
    case: str
    example: Example
    ok: bool
    detail: str


def check_rules(rules: Iterable[Rule], pipeline: Pipeline, builtins: Iterable[Rule] = ()) -> list[ExampleResult]:
    """Run every example of every rule, each rule on its own; `builtins` run among all of `rules`."""
    rules = list(rules)
    results: list[ExampleResult] = []
    for rule in rules:
        results.extend(check_rule(rule, pipeline))
    for rule in builtins:
        results.extend(check_rule(rule, pipeline, context=rules))
    return results


def check_rule(rule: Rule, pipeline: Pipeline, context: Iterable[Rule] = ()) -> list[ExampleResult]:
    """Run one rule's examples, counting only its own hits.

    A pack rule runs in isolation from every other rule. A built-in reports on other rules (a suppression that
    silences nothing, a language the packs do not judge), so it runs among `context`, on drafts read as a run
    reads them (placeholders found).
    """
    # A channel rule is tested on its first channel: without one it would not run at all.
    compiled = compile_rules([rule, *context], pipeline, rule.channels[0] if rule.channels else None)
    if not compiled.has(rule):
        reason = next((why for r, why in compiled.skipped if r is rule), "not compiled")
        return [
            ExampleResult(rule, f"{rule.qualified_id}[skipped]", e, True, f"skipped: {reason}")
            for e in (*rule.fail, *rule.passes)
        ][:1]
    cases = [("fail", i, e) for i, e in enumerate(rule.fail)] + [("pass", i, e) for i, e in enumerate(rule.passes)]
    drafts = [_draft(rule, f"<example {kind}-{i}>", e) for kind, i, e in cases]
    results = []
    for (kind, i, example), (_, hits) in zip(cases, find_hits(drafts, compiled, pipeline), strict=True):
        spans = sorted({(hit.start, hit.end) for hit in hits if hit.rule is rule})
        found = [s for s in spans if s[1] > s[0]]
        document_level = len(spans) - len(found)
        if kind == "pass":
            ok = not spans
            detail = "" if ok else f"expected no finding, found {_show(example.text, spans)}"
        elif example.spans:
            ok = found == sorted(example.spans)
            detail = (
                ""
                if ok
                else (
                    f"expected {_show(example.text, sorted(example.spans))}, "
                    f"found {_show(example.text, spans) if spans else 'nothing'}"
                )
            )
        else:
            ok = document_level > 0
            detail = (
                ""
                if ok
                else (f"expected a document-level finding, found {_show(example.text, spans) if spans else 'nothing'}")
            )
        results.append(ExampleResult(rule, f"{rule.qualified_id}[{kind}-{i}]", example, ok, detail))
    return results


def _draft(rule: Rule, name: str, example: Example) -> Draft:
    if rule.kind != "builtin":
        # A context rule's example replies to the customer message it is paired with.
        return replace(draft_from_text(name, example.text), context=example.context)
    return next(iter(drafts_for(name + ".txt", example.text, Reading(unfilled=True))))


def _show(text: str, spans: list[tuple[int, int]]) -> str:
    return ", ".join(f"[[{text[a:b]}]]" if b > a else "(document-level)" for a, b in spans)
