"""lint(drafts, compiled rules) -> findings: analyse each draft once with nlp.pipe, run the matchers, locate hits."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING

from replylint.engine import builtins, suppressions
from replylint.engine.builtins import Reviewed
from replylint.engine.classifier import prescore
from replylint.engine.overlaps import one_per_span
from replylint.engine.reading import STRAIGHTEN, original, reading
from replylint.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from replylint.engine.hits import Hit
    from replylint.engine.kinds import Compiled
    from replylint.engine.nlp import Pipeline
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
    pending: deque[Reviewed] = deque()

    def texts() -> Iterator[str]:
        for draft in drafts:
            found = suppressions.parse(draft.text, draft.ignored) if "replylint:" in draft.text else []
            if draft.disabled is not None:
                found.append(suppressions.whole_draft(draft.disabled, draft.text))
            visible = visible_text(draft, suppressions.comment_spans(draft.text) if found else ())
            # Rules read what a person reads: one space for any run of whitespace inside a paragraph, no
            # invisible characters; the index maps their offsets back to the draft.
            text, index = reading(visible.translate(STRAIGHTEN))
            pending.append(Reviewed(draft, visible, tuple(found), index))
            yield text

    # nlp.pipe consumes drafts lazily, so memory stays bounded by the batch size, not the input size.
    docs = pipeline.nlp.pipe(texts(), batch_size=BATCH_SIZE)
    for doc in prescore(docs, compiled.classifiers) if compiled.classifiers else docs:
        item = pending.popleft()
        hits = compiled.find(doc, None if item.draft.part else item.draft.context)
        for step in STEPS:
            hits = step(item, hits, compiled)
        yield item.draft, one_per_span(hits, item.draft.text)


def _whole_replies(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """A part of a long draft cannot judge what the whole reply lacks: its `require` hits are dropped."""
    return [h for h in hits if h.rule.kind != "require"] if item.draft.part else hits


def _in_draft(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """Matcher hits moved from the analysed text's offsets to the draft's."""
    if item.index is None:
        return hits
    return [replace(h, **dict(zip(("start", "end"), original(item.index, h.start, h.end), strict=True))) for h in hits]


def _measured(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """The metric rules read the visible text, whose offsets are the draft's; length skips what is not seen."""
    return [*hits, *compiled.measure(item.visible, item.draft.ignored)]


def _around_placeholders(item: Reviewed, hits: list[Hit], compiled: Compiled) -> list[Hit]:
    """A filled-in value is not the writer's words: nothing is judged inside a placeholder."""
    spans = item.draft.placeholders
    if not spans:
        return hits
    return [h for h in hits if not any(a < h.end and h.start < b for a, b in spans)]


# The order matters: language before offsets move (it judges matcher hits only), placeholders before the
# unfilled check (which reports them), suppressions last (they judge every other hit).
STEPS: tuple[Callable[[Reviewed, list[Hit], Compiled], list[Hit]], ...] = (
    builtins.not_english,
    _whole_replies,
    _in_draft,
    _measured,
    builtins.replaced,
    builtins.invisible_characters,
    _around_placeholders,
    builtins.unfilled_placeholders,
    builtins.suppressed,
)


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
        severity=hit.severity or hit.rule.severity,
        message=hit.message,
        match=draft.text[hit.start : hit.end],
        suggestion=hit.suggestion,
        entry=draft.entry,
        in_reply_to=draft.context,
    )
