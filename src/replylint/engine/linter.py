"""lint(drafts, compiled rules) -> findings: analyse each draft once with nlp.pipe, run the matchers, locate hits."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING

from replylint.engine import reading as invisible
from replylint.engine import suppressions
from replylint.engine.hits import Hit
from replylint.engine.kinds import STRAIGHTEN
from replylint.engine.language import language_of
from replylint.engine.overlaps import one_per_span
from replylint.engine.reading import original, reading
from replylint.findings import Finding
from replylint.packs.builtin import (
    INVISIBLE_CHARACTERS,
    NOT_ENGLISH,
    UNFILLED_PLACEHOLDER,
    UNKNOWN_RULE,
    UNUSED_SUPPRESSION,
)
from replylint.packs.selection import Resolver

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from replylint.engine.kinds import Compiled
    from replylint.engine.nlp import Pipeline
    from replylint.engine.suppressions import Suppression
    from replylint.inputs.drafts import Draft

# Replies are short; large batches amortise spaCy's per-batch overhead without holding much memory.
BATCH_SIZE = 256


def visible_text(draft: Draft, also_ignored: Iterable[tuple[int, int]] = ()) -> str:
    """The draft as the reader sees it, same length: ignored spans blanked, placeholders made neutral words."""
    ignored = [*draft.ignored, *also_ignored]
    if not ignored and not draft.placeholders:
        return draft.text
    chars = list(draft.text)
    for start, end in ignored:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    for start, end in draft.placeholders:
        # One capitalised run of letters: tokenised as a single name-like word that no rule lists.
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = "X" if i == start else "x"
    return "".join(chars)


def analysis_text(draft: Draft, also_ignored: Iterable[tuple[int, int]] = ()) -> str:
    """The visible text with curly quotes straightened (same length), before whitespace is read."""
    return visible_text(draft, also_ignored).translate(STRAIGHTEN)


def find_hits(drafts: Iterable[Draft], compiled: Compiled, pipeline: Pipeline) -> Iterator[tuple[Draft, list[Hit]]]:
    """Yield each draft with its hits (offsets into the draft text), in input order."""
    pending: deque[tuple[Draft, list[Suppression], list[int] | None, str]] = deque()

    def texts() -> Iterator[str]:
        for draft in drafts:
            found = suppressions.parse(draft.text, draft.ignored) if "replylint:" in draft.text else []
            if draft.disabled is not None:
                found.append(suppressions.whole_draft(draft.disabled, draft.text))
            visible = visible_text(draft, suppressions.comment_spans(draft.text) if found else ())
            # Rules read what a person reads: one space for any run of whitespace inside a paragraph, no
            # invisible characters; the index maps their offsets back to the draft.
            text, index = reading(visible.translate(STRAIGHTEN))
            pending.append((draft, found, index, visible))
            yield text

    # nlp.pipe consumes drafts lazily, so memory stays bounded by the batch size, not the input size.
    for doc in pipeline.nlp.pipe(texts(), batch_size=BATCH_SIZE):
        draft, found, index, visible = pending.popleft()
        hits = _by_language(visible, compiled.find(doc), compiled)
        if draft.part:
            hits = [h for h in hits if h.rule.kind != "require"]
        if index is not None:
            hits = [
                replace(h, **dict(zip(("start", "end"), original(index, h.start, h.end), strict=True))) for h in hits
            ]
        hits.extend(compiled.measure(visible, draft.ignored))
        if invisible.INVISIBLE.search(draft.text) and compiled.has(INVISIBLE_CHARACTERS):
            hits.extend(
                Hit(
                    INVISIBLE_CHARACTERS,
                    a,
                    b,
                    INVISIBLE_CHARACTERS.message.replace(
                        "{codes}", ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(draft.text[a:b]))
                    ),
                )
                for a, b in invisible.hiding_places(draft.text)
            )
        if draft.placeholders:
            hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in draft.placeholders)]
        if draft.unfilled and compiled.has(UNFILLED_PLACEHOLDER):
            hits.extend(
                Hit(UNFILLED_PLACEHOLDER, a, b, UNFILLED_PLACEHOLDER.message.replace("{match}", draft.text[a:b]))
                for a, b in draft.unfilled
            )
        if found:
            hits = _suppress(hits, found, compiled)
        yield draft, one_per_span(hits, draft.text)


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


def _by_language(text: str, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """Drop the hits of packs that do not judge the draft's language, and say so once (language.not-english)."""
    if not compiled.limited:
        return hits
    code = language_of(text)
    if code is None:
        return hits
    kept = [h for h in hits if not h.rule.languages or code in h.rule.languages]
    if compiled.has(NOT_ENGLISH):
        packs = ", ".join(sorted({r.pack for r in compiled.limited if code not in r.languages}))
        message = NOT_ENGLISH.message.replace("{language}", _NAMES.get(code, code)).replace("{packs}", packs)
        kept.append(Hit(NOT_ENGLISH, 0, 0, message))
    return kept


def _resolved(found: list[Suppression], compiled: Compiled) -> tuple[list[Suppression], list[Hit]]:
    """Suppressions with their rules resolved to current ids (old ids work), and a hit for each unknown name.

    A suppression whose every name is unknown is dropped: it must not silence everything, as an empty list would.
    """
    names = compiled.names or Resolver.of(compiled.rules)
    kept: list[Suppression] = []
    unknown: list[Hit] = []
    for suppression in found:
        if not suppression.rules:
            kept.append(suppression)
            continue
        resolved = {rule: names.resolve(rule) for rule in suppression.rules}
        for rule in (r for r, ids in resolved.items() if not ids):
            if compiled.has(UNKNOWN_RULE):
                message = UNKNOWN_RULE.message.replace("{detail}", repr(rule)).replace("{hint}", names.hint(rule))
                unknown.append(Hit(UNKNOWN_RULE, *suppression.comment, message))
        ids = frozenset().union(*resolved.values())
        if ids:
            kept.append(replace(suppression, ids=ids))
    return kept, unknown


def _suppress(hits: list[Hit], found: list[Suppression], compiled: Compiled) -> list[Hit]:
    """Drop silenced hits; report suppressions that silenced nothing they could have, or name no rule."""
    found, unknown = _resolved(found, compiled)
    kept = [h for h in hits if not any(s.covers(h.rule.qualified_id, h.start) for s in found)]
    kept.extend(unknown)
    if compiled.has(UNUSED_SUPPRESSION):
        for suppression in found:
            used = any(suppression.covers(h.rule.qualified_id, h.start) for h in hits)
            # Only judge a suppression whose rules ran: under --select another rule it may still be needed.
            judged = suppression.ids is None or any(compiled.selects(p) for p in suppression.ids)
            if not used and judged:
                detail = f" ({', '.join(suppression.rules)})" if suppression.rules else ""
                if suppression.entry:
                    detail += " (the entry's replylint-disable key)"
                kept.append(
                    Hit(
                        UNUSED_SUPPRESSION, *suppression.comment, UNUSED_SUPPRESSION.message.replace("{detail}", detail)
                    )
                )
    return kept


def lint(drafts: Iterable[Draft], compiled: Compiled, pipeline: Pipeline) -> Iterator[tuple[Draft, list[Finding]]]:
    """Yield each draft with its sorted findings, in input order."""
    for draft, hits in find_hits(drafts, compiled, pipeline):
        yield draft, sorted({to_finding(draft, hit) for hit in hits})


def to_finding(draft: Draft, hit: Hit) -> Finding:
    """Place a hit in the source file."""
    line, column = draft.locate(hit.start)
    end_line, end_column = draft.locate(hit.end)
    return Finding(
        path=draft.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=hit.rule.qualified_id,
        severity=hit.rule.severity,
        message=hit.message,
        match=draft.text[hit.start : hit.end],
        suggestion=hit.suggestion,
        entry=draft.entry,
    )
