"""The built-in rules as finders: steps that read one reviewed draft's hits and add or drop their own."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from replylint.engine.hits import Hit, fill_message
from replylint.engine.language import language_of
from replylint.engine.reading import INVISIBLE, hiding_places
from replylint.findings import under
from replylint.packs.builtin import (
    INVISIBLE_CHARACTERS,
    NOT_ENGLISH,
    UNFILLED_PLACEHOLDER,
    UNKNOWN_RULE,
    UNUSED_SUPPRESSION,
)
from replylint.packs.selection import Resolver

if TYPE_CHECKING:
    from replylint.engine.kinds import Compiled
    from replylint.engine.suppressions import Suppression
    from replylint.inputs.drafts import Draft
    from replylint.packs.records import Rule


@dataclass(frozen=True, slots=True)
class Reviewed:
    """One draft as the engine read it: its visible text (same offsets) and its suppression directives."""

    draft: Draft
    visible: str
    found: tuple[Suppression, ...]
    # Maps offsets in the analysed (whitespace-collapsed) text back to the draft; None when they are the same.
    index: list[int] | None


_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "tr": "Turkish",
    "ru": "Russian",
    "ja": "Japanese",
    "zh": "Chinese",
    "ar": "Arabic",
}


def not_english(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """Drop the hits of packs that do not judge the draft's language, and say so once (language.not-english)."""
    if not compiled.limited:
        return hits
    code = language_of(item.visible)
    if code is None:
        return hits
    kept = [h for h in hits if not h.rule.languages or code in h.rule.languages]
    rule = _selected(compiled, NOT_ENGLISH)
    if rule is not None:
        packs = ", ".join(sorted({r.pack for r in compiled.limited if code not in r.languages}))
        kept.append(Hit(rule, 0, 0, fill_message(rule, language=_NAMES.get(code, code), packs=packs)))
    return kept


def replaced(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """A context rule's finding stands in for the generic ones it `replaces` (distress over missing thanks)."""
    gone = {rule for hit in hits for rule in hit.rule.replaces}
    if not gone:
        return hits
    return [h for h in hits if not any(under(h.rule.qualified_id, prefix) for prefix in gone)]


def invisible_characters(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """Report each run of invisible characters, naming their code points."""
    text = item.draft.text
    rule = _selected(compiled, INVISIBLE_CHARACTERS)
    if rule is None or not INVISIBLE.search(text):
        return hits
    for start, end in hiding_places(text):
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(text[start:end]))
        hits.append(Hit(rule, start, end, fill_message(rule, codes=codes)))
    return hits


def unfilled_placeholders(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """Report the placeholders the reader would see (the input reader found them when the run asked)."""
    draft = item.draft
    rule = _selected(compiled, UNFILLED_PLACEHOLDER)
    if draft.unfilled and rule is not None:
        hits.extend(Hit(rule, a, b, fill_message(rule, match=draft.text[a:b])) for a, b in draft.unfilled)
    return hits


def suppressed(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """Drop silenced hits; report suppressions that name no rule, or silenced nothing they could have."""
    if not item.found:
        return hits
    found, unknown = _resolved(item.found, compiled)
    kept = [h for h in hits if not any(s.covers(h.rule.qualified_id, h.start) for s in found)]
    kept.extend(unknown)
    rule = _selected(compiled, UNUSED_SUPPRESSION)
    if rule is not None:
        kept.extend(_unused(rule, found, hits, compiled))
    return kept


def _resolved(found: tuple[Suppression, ...], compiled: Compiled) -> tuple[list[Suppression], list[Hit]]:
    """Suppressions with their rules resolved to current ids (old ids work), and a hit for each unknown name.

    A suppression whose every name is unknown is dropped: it must not silence everything, as an empty list would.
    """
    names = compiled.names or Resolver.of(compiled.rules)
    report = _selected(compiled, UNKNOWN_RULE)
    kept: list[Suppression] = []
    unknown: list[Hit] = []
    for suppression in found:
        if not suppression.rules:
            kept.append(suppression)
            continue
        resolved = {rule: names.resolve(rule) for rule in suppression.rules}
        for rule in (r for r, ids in resolved.items() if not ids):
            if report is not None:
                message = fill_message(report, detail=repr(rule), hint=names.hint(rule))
                unknown.append(Hit(report, *suppression.comment, message))
        ids = frozenset().union(*resolved.values())
        if ids:
            kept.append(replace(suppression, ids=ids))
    return kept, unknown


def _unused(rule: Rule, found: list[Suppression], hits: list[Hit], compiled: Compiled) -> list[Hit]:
    unused: list[Hit] = []
    for suppression in found:
        used = any(suppression.covers(h.rule.qualified_id, h.start) for h in hits)
        # Only judge a suppression whose rules ran: under --select another rule it may still be needed.
        judged = suppression.ids is None or any(compiled.selects(p) for p in suppression.ids)
        if not used and judged:
            detail = f" ({', '.join(suppression.rules)})" if suppression.rules else ""
            if suppression.entry:
                detail += " (the entry's replylint-disable key)"
            unused.append(
                Hit(UNUSED_SUPPRESSION, *suppression.comment, fill_message(UNUSED_SUPPRESSION, detail=detail))
            )
    return unused


def _selected(compiled: Compiled, builtin: Rule) -> Rule | None:
    """The compiled rule with the built-in's id (reserved packs: no user rule can take it), if it was selected."""
    return compiled.by_id.get(builtin.qualified_id)
