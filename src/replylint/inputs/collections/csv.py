"""CSV collections scanned by hand (RFC 4180 quoting, "" escapes): the csv module gives no positions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.inputs.collections.nodes import Items, Node, Pairs, Span, Text, compress, error_at
from replylint.inputs.drafts import InputError

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source


def trees(source: Source, columns: tuple[str, ...]) -> list[Node]:
    """The rows as mappings keyed by the header; InputError if a named column is missing."""
    text = source.text
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: (first_line.count(d), d == ","))
    field = re.compile(rf"[^{re.escape(delimiter)}\r\n]*")
    rows: list[list[Text]] = []
    position = 0
    while position < len(text):
        row: list[Text] = []
        while True:
            if text.startswith('"', position):
                position, cell = _csv_quoted(source, position)
            else:
                match = field.match(text, position)
                end = match.end() if match else position
                cell = Text(text[position:end], position, ((0, position),))
                position = end
            row.append(cell)
            if not text.startswith(delimiter, position):
                break
            position += 1
        if text.startswith("\r\n", position):
            position += 2
        elif position < len(text):
            if text[position] not in "\r\n":
                raise error_at(source, position, f"text after a closing quote (expected {delimiter!r})")
            position += 1
        if len(row) > 1 or row[0].value:
            rows.append(row)
    header = [cell.value.strip() for cell in rows[0]] if rows else []
    if columns:
        lowered = [name.lower() for name in header]
        for column in columns:
            if column.lower() not in lowered:
                raise InputError(f"{source.path}:1: no column {column!r} (columns: {', '.join(header)})")
    entries: list[Node] = [Pairs(row[0].offset, list(zip(header, row, strict=False))) for row in rows[1:]]
    return [Items(0, entries)]


def _csv_quoted(source: Source, start: int) -> tuple[int, Text]:
    text = source.text
    position = start + 1
    parts: list[str] = []
    anchors: list[Span] = [(0, position)]
    length = 0
    while True:
        close = text.find('"', position)
        if close < 0:
            raise error_at(source, start, "unterminated quoted field")
        parts.append(text[position:close])
        length += close - position
        if not text.startswith('""', close):
            return close + 1, Text("".join(parts), start, compress(anchors))
        parts.append('"')  # "" is one quote, mapped to the first of the pair
        anchors.extend(((length, close), (length + 1, close + 2)))
        length += 1
        position = close + 2
