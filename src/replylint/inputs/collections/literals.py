"""JavaScript literals (JSON5 is a subset) read into position-keeping trees; nothing is ever evaluated."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.inputs.collections.nodes import MAX_DEPTH, Items, Node, Other, Pairs, Span, Text, compress, error_at

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source

# White space and comments; JavaScript counts BOM, NBSP and the Unicode line separators as space too.
_SPACE = re.compile(r"(?:[\s\ufeff]+|//[^\n\r\u2028\u2029]*|/\*.*?\*/)*", re.DOTALL)
_NUMBER = re.compile(r"[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity|NaN)")
_NAME = re.compile(r"[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_BREAKS = "\n\r\u2028\u2029"
# After one of these (or at the start) a '/' opens a regular expression, elsewhere it divides.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_WORDS = {"return", "typeof", "case", "do", "else", "in", "of", "void", "yield", "await", "delete", "throw"}


class Literals:
    """A reader of JS literal values over one source: code where a value could be (a call, a name) is skipped."""

    def __init__(self, source: Source) -> None:
        self.source, self.text, self.position = source, source.text, 0

    def skip(self) -> int:
        match = _SPACE.match(self.text, self.position)
        self.position = match.end() if match else self.position
        if self.text.startswith("/*", self.position):
            raise error_at(self.source, self.position, "unterminated comment")
        return self.position

    def peek(self) -> str:
        return self.text[self.skip() : self.position + 1]

    def value(self, depth: int) -> Node:
        """One literal: a string (or a sum of strings), number, array or object; anything else is code."""
        start = self.skip()
        if depth > MAX_DEPTH:
            raise error_at(self.source, start, "nested too deeply")
        char = self.peek()
        if char in {'"', "'", "`"}:
            return self.strings()
        if char == "[":
            return self.array(start, depth)
        if char == "{":
            return self.object(start, depth)
        if match := _NUMBER.match(self.text, start):
            self.position = match.end()
            return Other(start)
        self.code(",]}")
        if self.position == start:
            raise error_at(self.source, start, "expected a value")
        return Other(start)

    def array(self, start: int, depth: int) -> Items:
        self.position += 1
        items: list[Node] = []
        while self.peek() != "]":
            if not self.peek():
                raise error_at(self.source, start, "unterminated array")
            if self.peek() != ",":
                items.append(self.value(depth + 1))
            if self.peek() == ",":
                self.position += 1
            elif self.peek() != "]":
                self.code(",]")
        self.position += 1
        return Items(start, items)

    def object(self, start: int, depth: int) -> Pairs:
        self.position += 1
        pairs: list[tuple[str, Node]] = []
        while (char := self.peek()) != "}":
            if not char:
                raise error_at(self.source, start, "unterminated object")
            key = self.key()
            if key is not None and self.peek() == ":":
                self.position += 1
                pairs.append((key, self.value(depth + 1)))
            if self.peek() == ",":
                self.position += 1
            elif self.peek() != "}":
                before = self.position
                self.code(",}")  # a method, a spread, a shorthand: code, never a reply
                if self.position == before:
                    raise error_at(self.source, before, "expected ',' or '}'")
        self.position += 1
        return Pairs(start, pairs)

    def key(self) -> str | None:
        char = self.peek()
        if char in {'"', "'"}:
            return self.string().value
        if match := _NAME.match(self.text, self.position) or _NUMBER.match(self.text, self.position):
            self.position = match.end()
            return match.group()
        return None

    def strings(self) -> Node:
        """A string, or strings joined by '+' (long replies in old scripts); a sum with code is code."""
        first = self.string()
        parts = [first]
        while self.peek() == "+":
            self.position += 1
            if self.peek() not in {'"', "'", "`"}:
                self.code(",]});")
                return Other(first.offset)
            parts.append(self.string())
        if len(parts) == 1:
            return first
        anchors: list[Span] = []
        length = 0
        for part in parts:
            anchors.extend((length + at, offset) for at, offset in part.anchors)
            length += len(part.value)
        return Text("".join(part.value for part in parts), first.offset, compress(anchors))

    def string(self) -> Text:
        start = self.position
        quote = self.text[start]
        self.position += 1
        parts: list[str] = []
        anchors: list[Span] = [(0, self.position)]
        length = 0
        stops = re.compile(r"[^\\" + re.escape(quote) + ("" if quote == "`" else "\n\r") + "]*")
        while True:
            chunk = stops.match(self.text, self.position).group()  # type: ignore[union-attr]
            parts.append(chunk)
            length += len(chunk)
            self.position += len(chunk)
            char = self.text[self.position : self.position + 1]
            if char == quote:
                self.position += 1
                return Text("".join(parts), start, compress(anchors))
            if char != "\\":
                raise error_at(self.source, start, "unterminated string")
            decoded, size = self.escape()
            anchors.append((length, self.position))  # the escaped character maps to its backslash
            parts.append(decoded)
            length += len(decoded)
            self.position += size
            anchors.append((length, self.position))

    def escape(self) -> tuple[str, int]:
        text, at = self.text, self.position
        code = text[at + 1 : at + 2]
        if code in _ESCAPES and not text[at + 2 : at + 3].isdigit():
            return _ESCAPES[code], 2
        if code == "\r" and text.startswith("\n", at + 2):
            return "", 3
        if code in _BREAKS:
            return "", 2  # a line continuation
        if code == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[at + 2 : at + 4]):
            return chr(int(text[at + 2 : at + 4], 16)), 4
        if code == "u":
            if match := re.match(r"\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4})", text[at + 2 : at + 10]):
                number = int(match.group(1) or match.group(2), 16)
                low = re.match(r"\\u([dD][c-fC-F][0-9a-fA-F]{2})", text[at + 6 : at + 12])
                if 0xD800 <= number < 0xDC00 and match.group(2) and low:
                    return chr(0x10000 + ((number - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00)), 12
                if 0xD800 <= number < 0xE000 or number > 0x10FFFF:
                    raise error_at(self.source, at, "an escape that is no character (half a surrogate pair)")
                return chr(number), 2 + match.end()
            raise error_at(self.source, at, "invalid \\u escape")
        if not code:
            raise error_at(self.source, at, "unterminated string")
        return code, 2

    def code(self, stops: str) -> None:
        """Skip code up to one of `stops` outside brackets, strings, comments and regular expressions."""
        depth = 0
        previous = ""
        while self.skip() < len(self.text):
            char = self.text[self.position]
            if depth == 0 and char in stops:
                return
            if char in "([{":
                depth += 1
            elif char in ")]}":
                if depth == 0:
                    return
                depth -= 1
            if char in {'"', "'", "`"}:
                self.string()
            elif char == "/" and (previous in _BEFORE_REGEX or previous in _REGEX_WORDS or not previous):
                self.regex()
            elif match := _NAME.match(self.text, self.position):
                self.position = match.end()
                previous = match.group()
                continue
            else:
                self.position += 1
            previous = char

    def regex(self) -> None:
        match = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\[\n])+/[a-z]*").match(self.text, self.position)
        self.position = match.end() if match else self.position + 1
