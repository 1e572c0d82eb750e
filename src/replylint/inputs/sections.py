"""Markdown files of saved replies: each heading's section is one reply; headings are names, not prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from replylint.findings import Entry
from replylint.inputs.collections.nodes import compress
from replylint.inputs.drafts import InputError, Source
from replylint.inputs.layouts import named_like_replies
from replylint.inputs.markdown import FRONT_MATTER, block_tokens, markdown_draft

if TYPE_CHECKING:
    from markdown_it.token import Token

    from replylint.inputs.drafts import Draft, Span

# A fence of these (or no) info strings holds a reply kept copyable; ```python holds code.
REPLY_FENCES = frozenset({"", "text", "txt", "markdown", "md", "plain", "plaintext"})
# Cheap test before parsing: a file needs two heading-like lines to hold saved replies.
_HEADING_HINT = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_QUOTE_MARK = re.compile(r" {0,3}> ?")


@dataclass(frozen=True, slots=True)
class Section:
    """One heading and what follows it up to the next heading: `kind` is fence, quote, prose or empty."""

    name: str
    level: int
    kind: str
    first: int  # the reply's lines [first, last), 0-based
    last: int
    indent: int = 0  # a fence's indentation, taken off its lines as CommonMark does
    listed: bool = False  # one of several fences in a section (or a file without headings)


def saved_replies(
    source: Source, syntaxes: tuple[str, ...], custom: tuple[str, ...], *, layout: str = "markdown"
) -> list[Draft] | None:
    """One draft per reply when the file is a collection of saved replies (or configured so); else None."""
    forced = layout == "saved-replies"
    named = named_like_replies(source.path)
    if not forced and not named and len(_HEADING_HINT.findall(source.text, 0, 1_000_000)) < 2:
        return None
    sections = _sections(source)
    if not forced and not _is_collection(source.path, sections):
        return None
    entries = _replies(sections)
    if not entries:
        raise InputError(f"{source.path}: no heading with a reply under it (layout saved-replies)")
    return [_draft(source, section, number, syntaxes, custom) for number, section in enumerate(entries, 1)]


def _is_collection(path: str, sections: list[Section]) -> bool:
    """Named as replies, titled as replies, or two or more headings each over one fence or one quote."""
    entries = _replies(sections)
    if len(entries) < 2:
        return False
    # Fences among other blocks count only in files named or titled as replies: elsewhere they are examples.
    blocks = sum(section.kind in {"fence", "quote"} and not section.listed for section in entries)
    titled = sections[0].level < min(s.level for s in sections[1:]) and named_like_replies(sections[0].name)
    return named_like_replies(path) or titled or (blocks >= 2 and 2 * blocks >= len(entries))


def _replies(sections: list[Section]) -> list[Section]:
    """Sections holding a reply: not empty, and not the prose introducing deeper headings (a title, a category)."""
    kept = []
    for number, section in enumerate(sections):
        following = sections[number + 1] if number + 1 < len(sections) else None
        introduces = following is not None and following.level > section.level
        if section.kind != "empty" and not (section.kind == "prose" and introduces):
            kept.append(section)
    return kept


def _sections(source: Source) -> list[Section]:
    """Every heading's section; one holding two or more reply fences (a list of them) gives one per fence."""
    text = source.text
    if front := FRONT_MATTER.match(text):
        # Blanked, lines kept: "---\ntitle: x\n---" would otherwise parse as a heading "title: x".
        text = "\n" * text.count("\n", 0, front.end()) + text[front.end() :]
    tokens = block_tokens(text)
    starts = [n for n, token in enumerate(tokens) if token.type == "heading_open" and token.level == 0]
    # Before the first heading: replies only if it is a list of reply fences (a file with no headings).
    sections = _fences(source, "", 0, tokens[: starts[0] if starts else len(tokens)])
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(tokens)
        heading, body, name = tokens[start], tokens[start + 3 : end], _name(tokens[start + 1])
        last = tokens[end].map[0] if end < len(tokens) and tokens[end].map else len(source.line_starts)
        first = heading.map[1] if heading.map else last
        level = int(heading.tag[1])
        sections.extend(_fences(source, name, level, body) or [_section(source, name, level, body, first, last)])
    return sections


def _fences(source: Source, name: str, level: int, body: list[Token]) -> list[Section]:
    """Two or more reply fences among other blocks ("- **Duplicate**" over a fence, and so on): one each.

    Each is named by the bold text before it, else the nearest text before it, else the heading.
    """
    fences = [n for n, token in enumerate(body) if _reply_fence(token)]
    if len(fences) < 2:
        return []
    found = []
    for count, at in enumerate(fences, 1):
        before = [token for token in body[:at] if token.type == "inline"][-3:]
        bold = [token for token in before if any(c.type == "strong_open" for c in token.children or ())]
        label = _name((bold or before)[-1]) if before else ""
        found.append(replace(_fence(source, label or f"{name or 'reply'} {count}", level, body[at]), listed=True))
    return found


def _reply_fence(token: Token) -> bool:
    return token.type == "fence" and bool(token.map) and (token.info.split() or [""])[0].lower() in REPLY_FENCES


def _fence(source: Source, name: str, level: int, block: Token) -> Section:
    top, bottom = block.map or (0, 0)
    closed = bottom - top >= 2 and _line(source, bottom - 1).strip().startswith(block.markup)
    indent = len(_line(source, top)) - len(_line(source, top).lstrip(" "))
    return Section(name, level, "fence", top + 1, bottom - closed, indent)


def _section(source: Source, name: str, level: int, body: list[Token], first: int, last: int) -> Section:
    blocks = [
        token
        for token in body
        if token.level == 0
        and not token.type.endswith("_close")
        and not (token.type == "html_block" and token.content.lstrip().startswith("<!--"))
    ]
    if len(blocks) == 1 and (block := blocks[0]).map:
        if _reply_fence(block):
            return _fence(source, name, level, block)
        if block.type == "blockquote_open":
            return Section(name, level, "quote", *block.map)
    return Section(name, level, "prose" if blocks else "empty", first, last)


def _name(inline: Token) -> str:
    """The heading's text without its markup: emphasis, code ticks and link targets dropped."""
    words = [child.content for child in inline.children or () if child.type in {"text", "code_inline"}]
    return " ".join("".join(words).split()) or inline.content.strip() or "(untitled)"


def _draft(source: Source, section: Section, number: int, syntaxes: tuple[str, ...], custom: tuple[str, ...]) -> Draft:
    """The section's reply read as Markdown on its own, each character anchored at its place in the file."""
    pieces: list[str] = []
    anchors: list[Span] = []
    length = 0
    for line in range(section.first, section.last):
        start = source.line_starts[line]
        raw = _line(source, line, breaks=True)
        if section.kind == "quote":
            cut = match.end() if (match := _QUOTE_MARK.match(raw)) else 0
        else:
            cut = min(section.indent, len(raw) - len(raw.lstrip(" ")))
        anchors.append((length, start + cut))
        pieces.append(raw[cut:])
        length += len(raw) - cut
    draft = markdown_draft(Source(source.path, "".join(pieces)), syntaxes=syntaxes, custom=custom)
    return replace(draft, source=source, anchors=compress(anchors or [(0, 0)]), entry=Entry(section.name, number))


def _line(source: Source, number: int, *, breaks: bool = False) -> str:
    starts = source.line_starts
    if number >= len(starts):
        return ""
    end = starts[number + 1] if number + 1 < len(starts) else len(source.text)
    line = source.text[starts[number] : end]
    return line if breaks else line.rstrip("\r\n")
