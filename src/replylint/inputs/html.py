"""HTML drafts: what a reader sees of a page, with markup, scripts and quoted blocks ignored."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from replylint.inputs.drafts import Draft, Span
from replylint.inputs.finishing import finish_draft
from replylint.inputs.placeholders import DEFAULT_SYNTAXES, merge_spans

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_inline import StateInline

    from replylint.inputs.drafts import Source

    InlineRule = Callable[[StateInline, bool], bool]


# Elements whose text is not the writer's prose: code, scripts, and quoted customer mail.
_SKIPPED = frozenset({"script", "style", "code", "pre", "blockquote", "template", "textarea"})
_HTML_HINT = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|table|tr|td|img|hr|font)\b"
    r"[^<>]{0,500}>",
    re.IGNORECASE,
)


def html_draft(source: Source, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()) -> Draft:
    """The whole HTML file as one draft; tags, comments, scripts, code and quoted mail ignored."""
    tags, entities = html_spans(source.text)
    return finish_draft(source, source.text, ((0, 0),), tags, entities, syntaxes=syntaxes, custom=custom)


def looks_like_html(text: str) -> bool:
    """Whether a reply body holds common HTML tags (a help desk's rich-text body)."""
    return _HTML_HINT.search(text) is not None


def html_spans(text: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """(ignored, neutral) spans of HTML: tags and non-prose elements ignored; entities inside words neutral.

    Offsets cannot move, so an entity cannot become its character: '&amp;' keeps its '&' and blanks the rest,
    space entities ('&nbsp;') are blanked, an entity inside a word ("don&rsquo;t") is neutral like a
    placeholder, so the word stays one token, and any other entity is blanked.
    """
    parser = _Events(text)
    # HTMLParser rescans to the end of the input for each '<' that no '>' follows ('<p ' x 30,000: 70 s). No tag
    # can end after the last '>', so what follows it is read as text; offsets hold (same length).
    last = text.rfind(">") + 1
    parser.feed(text if "<" not in text[last:] else text[:last] + text[last:].replace("<", " "))
    parser.close()
    events = parser.events
    ignored: list[Span] = []
    neutral: list[Span] = []
    depth = 0
    for index, (start, kind, tag) in enumerate(events):
        end = events[index + 1][0] if index + 1 < len(events) else len(text)
        if kind == "data":
            if depth:
                ignored.append((start, end))
        elif kind == "entity":
            _entity(text, start, end, ignored, neutral, skipped=depth > 0)
        else:
            ignored.append((start, end))
            if tag in _SKIPPED:
                depth = max(depth + (kind == "start") - (kind == "end"), 0)
    return merge_spans(ignored), merge_spans(neutral)


def _entity(text: str, start: int, end: int, ignored: list[Span], neutral: list[Span], *, skipped: bool) -> None:
    raw = text[start:end]
    char = html.unescape(raw)
    if skipped:
        ignored.append((start, end))
    elif char == raw:
        return  # not an entity after all ("AT&T")
    elif char == raw[:1]:
        ignored.append((start + 1, end))
    elif start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum() and char.strip():
        neutral.append((start, end))
    else:
        ignored.append((start, end))


class _Events(HTMLParser):
    """Records where each tag, text run, entity and comment starts; the next event's start is its end."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        # getpos() counts only '\n' as a line break, whatever Source does with '\r'.
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.events: list[tuple[int, str, str]] = []

    def _add(self, kind: str, tag: str = "") -> None:
        line, column = self.getpos()
        self.events.append((self.starts[line - 1] + column, kind, tag))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._add("tag", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data")

    def handle_entityref(self, name: str) -> None:
        self._add("entity")

    def handle_charref(self, name: str) -> None:
        self._add("entity")

    def handle_comment(self, data: str) -> None:
        self._add("markup")

    def handle_decl(self, decl: str) -> None:
        self._add("markup")

    def handle_pi(self, data: str) -> None:
        self._add("markup")

    def unknown_decl(self, data: str) -> None:
        self._add("markup")
