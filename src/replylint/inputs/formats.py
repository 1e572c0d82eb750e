"""Turn one decoded input into drafts by its format: plain text, Markdown, HTML, or a collection of replies."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from replylint.inputs.collections.walker import iter_collection
from replylint.inputs.drafts import InputError, Source, draft_from_text, split_long
from replylint.inputs.html import html_draft
from replylint.inputs.layouts import COLLECTION_LAYOUTS, layout_for, not_understood
from replylint.inputs.markdown import markdown_draft
from replylint.inputs.placeholders import find_placeholders, inside, mark_templates, merge_spans
from replylint.inputs.sections import saved_replies

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from replylint.inputs.drafts import Draft
    from replylint.inputs.settings import Reading


def drafts_for(path: str, text: str, reading: Reading) -> Iterable[Draft]:
    """The drafts in one input, lazily for a collection (one reply at a time, so memory stays bounded).

    A malformed file raises InputError here, and so does a file of a format replylint does not know; a
    collection can also raise it while being iterated. A file that holds no replies by design raises
    skips.NotReplies.
    """
    syntaxes, custom, unfilled = reading.syntaxes, reading.custom, reading.unfilled
    source = Source(path, text)
    layout = layout_for(path, reading.layout)
    if layout in COLLECTION_LAYOUTS:
        configured = reading.fields is not None or reading.layout is not None
        entries = iter_collection(
            source, reading.spec, syntaxes=syntaxes, custom=custom, layout=layout, configured=configured
        )
        return _finished((item.draft for item in entries), unfilled, syntaxes, custom)
    if layout in {"markdown", "saved-replies"}:
        # Unless the config says "markdown" (one draft), a file of saved replies is read one reply per heading.
        replies = None if reading.layout == "markdown" else saved_replies(source, syntaxes, custom, layout=layout)
        drafts = replies or [markdown_draft(source, syntaxes=syntaxes, custom=custom)]
        return _finished(drafts, unfilled, syntaxes, custom)
    if layout == "html":
        return _finished([html_draft(source, syntaxes=syntaxes, custom=custom)], unfilled, syntaxes, custom)
    if layout != "text":
        raise InputError(not_understood(path))
    plain = draft_from_text(path, text)
    draft = mark_templates(plain, syntaxes, custom)
    if unfilled:
        # Judged before logic tags are blanked: "{% if vip %}" left in a sent reply is seen by the customer.
        draft = replace(draft, unfilled=_unfilled(plain, syntaxes, custom))
    return split_long(draft)


def _finished(
    drafts: Iterable[Draft], unfilled: bool, syntaxes: tuple[str, ...], custom: tuple[str, ...]
) -> Iterator[Draft]:
    for draft in drafts:
        yield from split_long(replace(draft, unfilled=_unfilled(draft, syntaxes, custom)) if unfilled else draft)


def _unfilled(draft: Draft, syntaxes: tuple[str, ...], custom: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Placeholders a reader would see (not inside code, quotes or markup)."""
    ignored = merge_spans(draft.ignored)
    return tuple(s for s in find_placeholders(draft.text, syntaxes, custom) if not inside(s, ignored))
