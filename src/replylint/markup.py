"""Markdown and HTML files as drafts: code, markup and link targets are ignored, prose keeps its place."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import autolink, backtick, html_inline, image, link

from replylint.placeholders import DEFAULT_SYNTAXES, find_placeholders, mark_templates, merge_spans
from replylint.sources import Draft, quoted_spans

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_inline import StateInline

    from replylint.sources import Source

    InlineRule = Callable[[StateInline, bool], bool]

Span = tuple[int, int]
# YAML (---) or TOML (+++) front matter at the very start of the file; its first line must look like "key:"
# or "key =", so a reply that opens with a --- rule stays prose.
_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n(?=[\w\"'-]+[ \t]*[:=]|---|\+\+\+)(?:.*?\n)??"
    r"(?:---|\.\.\.|\+\+\+)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)
# Elements whose text is not the writer's prose: code, scripts, and quoted customer mail.
_SKIPPED = frozenset({"script", "style", "code", "pre", "blockquote", "template", "textarea"})
# Blocks whose every line holds prose for the inline pass; lines in no such block (reference definitions,
# front matter, bare list markers) are not prose.
_LEAVES = frozenset({"paragraph_open", "heading_open", "table_open", "hr", "fence", "code_block", "html_block"})
_CELL_OPEN, _CELL_CLOSE = frozenset({"th_open", "td_open"}), frozenset({"th_close", "td_close"})
_HTML_HINT = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|table|tr|td|img|hr|font)\b"
    r"[^<>]{0,500}>",
    re.IGNORECASE,
)


def markdown_draft(
    source: Source, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()
) -> Draft:
    """The whole Markdown file as one draft; code, HTML, front matter, URLs and link definitions ignored."""
    text = source.text
    ignored: list[Span] = []
    neutral: list[Span] = []
    if front := _FRONT_MATTER.match(text):
        ignored.append(front.span())
    # Inline spans by the inline source they were found in (held, so ids stay unique while we look them up).
    env: dict[str, dict[int, tuple[str, list[Span]]]] = {"replylint": {}}
    covered: set[int] = set()
    cursors: dict[int, int] = {}
    cell = False
    for token in _markdown().parse(text, env):
        if not token.map:
            cell = token.type in _CELL_OPEN or (cell and token.type not in _CELL_CLOSE)
            continue
        if token.type in _LEAVES:
            covered.update(range(*token.map))
        if token.type == "table_open":
            ignored.append(_lines(source, token.map[0] + 1, token.map[0] + 2))  # the |---|---| row
        if token.type in {"fence", "code_block"}:
            ignored.append(_lines(source, *token.map))
        elif token.type == "html_block":
            start, end = _lines(source, *token.map)
            tags, entities = html_spans(text[start:end])
            ignored.extend((start + a, start + b) for a, b in tags)
            neutral.extend((start + a, start + b) for a, b in entities)
        elif token.type == "inline":
            place = _inline_place(source, token.content, token.map[0], cursors, in_table=cell)
            _, spans = env["replylint"].get(id(token.content), ("", []))
            ignored.extend((place(a), place(b)) for a, b in spans)
    ignored.extend(
        _lines(source, n, n + 1)
        for n in range(len(source.line_starts))
        if n not in covered and _line(source, n).strip()
    )
    return finish_draft(source, text, ((0, 0),), tuple(ignored), tuple(neutral), syntaxes=syntaxes, custom=custom)


def html_draft(source: Source, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()) -> Draft:
    """The whole HTML file as one draft; tags, comments, scripts, code and quoted mail ignored."""
    tags, entities = html_spans(source.text)
    return finish_draft(source, source.text, ((0, 0),), tags, entities, syntaxes=syntaxes, custom=custom)


def looks_like_html(text: str) -> bool:
    """Whether a reply body holds common HTML tags (a help desk's rich-text body)."""
    return _HTML_HINT.search(text) is not None


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


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # markdown-it gives inline tokens no positions; these wrappers note where code, links, autolinks and
    # inline HTML sit in the inline source (the block's content), which _inline_place maps back to the file.
    md.inline.ruler.at("backticks", _recording(backtick, whole=True))
    md.inline.ruler.at("autolink", _recording(autolink, whole=True))
    md.inline.ruler.at("html_inline", _recording(html_inline, whole=True))
    md.inline.ruler.at("link", _recording(link, whole=False))
    md.inline.ruler.at("image", _recording(image, whole=False))
    return md


def _recording(rule: InlineRule, *, whole: bool) -> InlineRule:
    def record(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            spans = state.env["replylint"].setdefault(id(state.src), (state.src, []))[1]
            if whole:
                spans.append((start, state.pos))
            else:
                # Keep the link text (or image alt); blank '[' or '![' and everything from ']' on: the URL,
                # title or reference label.
                bracket = start + (state.src[start] == "!")
                label_end = parseLinkLabel(state, bracket, True)
                spans.append((start, bracket + 1))
                spans.append((label_end if label_end >= 0 else bracket + 1, state.pos))
        return True

    return record


def _inline_place(
    source: Source, content: str, first_line: int, cursors: dict[int, int], *, in_table: bool
) -> Callable[[int], int]:
    """A map from offsets in an inline token's content (its lines from `first_line` on) to file offsets."""
    lines = content.split("\n")
    content_starts: list[int] = []
    file_starts: list[int] = []
    position = 0
    for number, content_line in enumerate(lines, start=first_line):
        raw = _line(source, number)
        # Content lines are the raw lines minus indentation and container markers ('> ', '- '), so they are
        # suffixes of the raw line; table cells and closed headings ('# Title #') are searched for instead.
        if not in_table and raw.endswith(content_line):
            column = len(raw) - len(content_line)
        elif not in_table and raw.rstrip().endswith(content_line):
            column = len(raw.rstrip()) - len(content_line)
        else:
            found = raw.find(content_line, cursors.get(number, 0))
            column = found if found >= 0 else len(raw) - len(raw.lstrip())
        cursors[number] = column + len(content_line)
        content_starts.append(position)
        file_starts.append(source.line_starts[number] + column if number < len(source.line_starts) else 0)
        position += len(content_line) + 1

    def place(offset: int) -> int:
        index = bisect_right(content_starts, offset) - 1
        return file_starts[index] + offset - content_starts[index]

    return place


def _line(source: Source, number: int) -> str:
    start, end = _lines(source, number, number + 1)
    return source.text[start:end]


def _lines(source: Source, first: int, last: int) -> Span:
    """The span of lines [first, last) without the final line break."""
    starts = source.line_starts
    start = starts[min(first, len(starts) - 1)]
    end = starts[last] if last < len(starts) else len(source.text)
    while end > start and source.text[end - 1] in "\r\n":
        end -= 1
    return start, end
