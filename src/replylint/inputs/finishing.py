"""The one finishing step of every reader: blank what is not prose, keep offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.inputs.drafts import Draft, Span, quoted_spans
from replylint.inputs.placeholders import find_placeholders, mark_templates, merge_spans

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_inline import StateInline

    from replylint.inputs.drafts import Source

    InlineRule = Callable[[StateInline, bool], bool]


def finish_draft(
    source: Source,
    text: str,
    anchors: tuple[Span, ...],
    ignored: tuple[Span, ...],
    neutral: tuple[Span, ...],
    *,
    syntaxes: tuple[str, ...],
    custom: tuple[str, ...],
) -> Draft:
    """A draft with quoted mail and template comments ignored and placeholders marked.

    An ignored span that is exactly a placeholder (<first_name> read as a tag) counts as the placeholder.
    """
    placeholders = set(find_placeholders(text, syntaxes, custom))
    kept = [span for span in ignored if span not in placeholders]
    # Quoted mail is looked for with the markup blanked, so "<p>On Mon, Ana wrote:</p>" is found and the '>'
    # closing a tag at the start of a line is not taken for a quote marker.
    quoted = quoted_spans(_blanked(text, kept))
    draft = Draft(source, text, anchors, ignored=merge_spans((*kept, *quoted)))
    return mark_templates(draft, syntaxes, custom, neutral)


def _blanked(text: str, spans: list[Span]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = (" " if char not in "\r\n" else char for char in chars[start:end])
    return "".join(chars)
