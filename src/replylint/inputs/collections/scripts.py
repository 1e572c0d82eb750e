"""Reply arrays in JavaScript and JSONP files ([{name: '…', description: '…'}]), found by scanning, never run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.inputs.collections.literals import _BEFORE_REGEX, _NAME, _REGEX_WORDS, Literals
from replylint.inputs.collections.nodes import Node, Pairs
from replylint.inputs.drafts import InputError

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source

NO_ARRAY = "no literal array of reply objects ([{name: '...', description: '...'}]) in it: format not understood"


def reply_arrays(source: Source) -> list[Node]:
    """Every literal array of objects in the script, outermost first; code around them is skipped unread."""
    reader = Literals(source)
    text = source.text
    found: list[Node] = []
    previous = ""
    try:
        while reader.skip() < len(text):
            at = reader.position
            char = text[at]
            if char == "[" and _array_of_objects(reader, at):
                try:
                    array = reader.array(at, 0)
                    if any(isinstance(item, Pairs) for item in array.items):
                        found.append(array)
                    previous = "]"
                    continue
                except InputError:
                    # Not a literal after all (or a broken script): scan on from where reading stopped, so
                    # no stretch of the file is read twice.
                    reader.position = max(reader.position, at + 1)
            elif char in {'"', "'", "`"}:
                _skip_string(reader, at)
            elif char == "/" and (previous in _BEFORE_REGEX or previous in _REGEX_WORDS or not previous):
                reader.regex()
            elif match := _NAME.match(text, at):
                reader.position = match.end()
                previous = match.group()
                continue
            else:
                reader.position = at + 1
            previous = char
    except InputError:
        pass  # an unterminated comment: nothing after it is code
    return found


def _array_of_objects(reader: Literals, at: int) -> bool:
    reader.position = at + 1
    opens = reader.peek() == "{"
    reader.position = at if opens else at + 1
    return opens


def _skip_string(reader: Literals, at: int) -> None:
    try:
        reader.string()
    except InputError:
        reader.position = at + 1
