"""Markdown drafts: prose through markdown-it, with code, quotes and front matter ignored."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import autolink, backtick, html_inline, image, link

from replylint.inputs.drafts import Draft, Span
from replylint.inputs.finishing import finish_draft
from replylint.inputs.html import html_spans
from replylint.inputs.placeholders import DEFAULT_SYNTAXES

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    from replylint.inputs.drafts import Source

    InlineRule = Callable[[StateInline, bool], bool]


# YAML (---) or TOML (+++) front matter at the very start of the file; its first line must look like "key:"
# or "key =", so a reply that opens with a --- rule stays prose.
FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n(?=[\w\"'-]+[ \t]*[:=]|---|\+\+\+)(?:.*?\n)??"
    r"(?:---|\.\.\.|\+\+\+)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)
# Blocks whose every line holds prose for the inline pass; lines in no such block (reference definitions,
# front matter, bare list markers) are not prose.
_LEAVES = frozenset({"paragraph_open", "heading_open", "table_open", "hr", "fence", "code_block", "html_block"})
_CELL_OPEN, _CELL_CLOSE = frozenset({"th_open", "td_open"}), frozenset({"th_close", "td_close"})


def markdown_draft(
    source: Source, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()
) -> Draft:
    """The whole Markdown file as one draft; code, HTML, front matter, URLs and link definitions ignored."""
    text = source.text
    ignored: list[Span] = []
    neutral: list[Span] = []
    if front := FRONT_MATTER.match(text):
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


def block_tokens(text: str) -> list[Token]:
    """The parsed tokens of a Markdown text (block tokens carry line maps), as markdown_draft sees them."""
    return _markdown().parse(text, {"replylint": {}})


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
