"""lint(drafts, compiled rules) -> findings: analyse each draft once with nlp.pipe, run the matchers, locate hits."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from replylint.findings import Finding
from replylint.kinds import STRAIGHTEN, Hit

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from replylint.kinds import Compiled
    from replylint.nlp import Pipeline
    from replylint.sources import Draft

# Replies are short; large batches amortise spaCy's per-batch overhead without holding much memory.
BATCH_SIZE = 256


def analysis_text(draft: Draft) -> str:
    """The text the rules see: same length as the draft, ignored spans blanked, placeholders made neutral words."""
    text = draft.text.translate(STRAIGHTEN)
    if not draft.ignored and not draft.placeholders:
        return text
    chars = list(text)
    for start, end in draft.ignored:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    for start, end in draft.placeholders:
        # One capitalised run of letters: tokenised as a single name-like word that no rule lists.
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = "X" if i == start else "x"
    return "".join(chars)


def find_hits(drafts: Iterable[Draft], compiled: Compiled, pipeline: Pipeline) -> Iterator[tuple[Draft, list[Hit]]]:
    """Yield each draft with its hits (offsets into the draft text), in input order."""
    pending: deque[Draft] = deque()

    def texts() -> Iterator[str]:
        for draft in drafts:
            pending.append(draft)
            yield analysis_text(draft)

    # nlp.pipe consumes drafts lazily, so memory stays bounded by the batch size, not the input size.
    for doc in pipeline.nlp.pipe(texts(), batch_size=BATCH_SIZE):
        draft = pending.popleft()
        hits = compiled.find(doc)
        if draft.placeholders:
            hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in draft.placeholders)]
        yield draft, hits


def lint(drafts: Iterable[Draft], compiled: Compiled, pipeline: Pipeline) -> Iterator[tuple[Draft, list[Finding]]]:
    """Yield each draft with its sorted findings, in input order."""
    for draft, hits in find_hits(drafts, compiled, pipeline):
        yield draft, sorted({to_finding(draft, hit) for hit in hits})


def to_finding(draft: Draft, hit: Hit) -> Finding:
    """Place a hit in the source file."""
    line, column = draft.locate(hit.start)
    end_line, end_column = draft.locate(hit.end)
    return Finding(
        path=draft.path, line=line, column=column, end_line=end_line, end_column=end_column,
        rule=hit.rule.qualified_id, severity=hit.rule.severity, message=hit.message,
        match=draft.text[hit.start : hit.end], suggestion=hit.suggestion,
    )
