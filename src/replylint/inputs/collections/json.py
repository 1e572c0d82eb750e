"""JSON collections read by a small scanner that keeps positions (json.loads would lose them)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.inputs.collections.nodes import MAX_DEPTH, Items, Node, Other, Pairs, Span, Text, compress, error_at

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source

_JSON_SPACE = re.compile(r"[ \t\r\n]*")
_JSON_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')
_JSON_LITERAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity")
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def tree(source: Source) -> Node:
    """The JSON document as a tree; InputError names file:line."""
    return _Json(source).parse()


def lines(source: Source) -> list[Node]:
    """A JSON Lines file (.jsonl): one tree per JSON value, one value per line; InputError names file:line."""
    parser = _Json(source)
    trees: list[Node] = []
    while parser.skip() < len(parser.text):
        trees.append(parser.value(0))
    return trees


class _Json:
    def __init__(self, source: Source) -> None:
        self.source, self.text, self.position = source, source.text, 0

    def parse(self) -> Node:
        node = self.value(0)
        if self.skip() < len(self.text):
            raise error_at(self.source, self.position, "extra data after the JSON value")
        return node

    def skip(self) -> int:
        """Skip white space; the position of the next character."""
        match = _JSON_SPACE.match(self.text, self.position)
        self.position = match.end() if match else self.position
        return self.position

    def peek(self) -> str:
        return self.text[self.skip() : self.position + 1]

    def expect(self, chars: str, what: str) -> str:
        char = self.peek()
        if not char or char not in chars:
            raise error_at(self.source, self.position, f"expected {what}")
        self.position += 1
        return char

    def value(self, depth: int) -> Node:
        start = self.skip()
        if depth > MAX_DEPTH:
            raise error_at(self.source, start, "JSON nested too deeply")
        char = self.peek()
        if char == '"':
            return self.string()
        if char == "[":
            return self.array(start, depth)
        if char == "{":
            return self.object(start, depth)
        if match := _JSON_LITERAL.match(self.text, start):
            self.position = match.end()
            return Other(start)
        raise error_at(self.source, start, "expected a JSON value")

    def array(self, start: int, depth: int) -> Items:
        self.position += 1
        items: list[Node] = []
        if self.peek() == "]":
            self.position += 1
            return Items(start, items)
        while True:
            items.append(self.value(depth + 1))
            if self.expect(",]", "',' or ']'") == "]":
                return Items(start, items)

    def object(self, start: int, depth: int) -> Pairs:
        self.position += 1
        pairs: list[tuple[str, Node]] = []
        if self.peek() == "}":
            self.position += 1
            return Pairs(start, pairs)
        while True:
            if self.peek() != '"':
                raise error_at(self.source, self.position, "expected a string key in double quotes")
            key = self.string().value
            self.expect(":", "':'")
            pairs.append((key, self.value(depth + 1)))
            if self.expect(",}", "',' or '}'") == "}":
                return Pairs(start, pairs)

    def string(self) -> Text:
        start = self.position
        self.position += 1
        parts: list[str] = []
        anchors: list[Span] = [(0, self.position)]
        length = 0
        while True:
            match = _JSON_CHUNK.match(self.text, self.position)
            chunk = match.group() if match else ""
            parts.append(chunk)
            length += len(chunk)
            self.position += len(chunk)
            char = self.text[self.position : self.position + 1]
            if char == '"':
                self.position += 1
                return Text("".join(parts), start, compress(anchors))
            if char != "\\":
                raise error_at(
                    self.source,
                    start if not char else self.position,
                    "unterminated string" if not char else "control character in a string",
                )
            decoded, size = self.escape()
            anchors.append((length, self.position))  # the escaped character maps to its backslash
            parts.append(decoded)
            length += len(decoded)
            self.position += size
            anchors.append((length, self.position))

    def escape(self) -> tuple[str, int]:
        code = self.text[self.position + 1 : self.position + 2]
        if code in _JSON_ESCAPES:
            return _JSON_ESCAPES[code], 2
        if code == "u" and (high := self._hex(self.position + 2)) is not None:
            low = self._hex(self.position + 8) if self.text.startswith("\\u", self.position + 6) else None
            if 0xD800 <= high < 0xDC00 and low is not None and 0xDC00 <= low < 0xE000:
                return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), 12  # a surrogate pair
            if 0xD800 <= high < 0xE000:
                # Half of a pair is no character: no text can hold it, so it cannot be linted or reported.
                raise error_at(self.source, self.position, f"\\u{high:04x} is half a surrogate pair, not a character")
            return chr(high), 6
        raise error_at(self.source, self.position, "invalid escape in a string")

    def _hex(self, position: int) -> int | None:
        digits = self.text[position : position + 4]
        return int(digits, 16) if re.fullmatch(r"[0-9a-fA-F]{4}", digits) else None
