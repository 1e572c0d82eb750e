"""JSON5 collections: checked by pyjson5 (a spec-conforming parser), placed by our literal reader."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pyjson5

from replylint.inputs.collections.literals import Literals
from replylint.inputs.collections.nodes import error_at

if TYPE_CHECKING:
    from replylint.inputs.collections.nodes import Node
    from replylint.inputs.drafts import Source

# pyjson5 gives no positions for values, and for an error only a character offset inside its message
# ("... near 18"); without one the error is placed at the start of the file.
_NEAR = re.compile(r"\bnear (\d+)")


def tree(source: Source) -> Node:
    """The JSON5 document as a tree; InputError names file:line."""
    reader = Literals(source)
    node = reader.value(0)  # first: it keeps each value's place, and refuses what is nested too deeply
    if reader.skip() < len(source.text):
        raise error_at(source, reader.position, "extra data after the JSON5 value")
    try:
        pyjson5.decode(source.text)
    except pyjson5.Json5Exception as exc:
        message = str(exc.args[0]) if exc.args else "invalid JSON5"
        near = _NEAR.search(message)
        offset = min(int(near.group(1)), len(source.text)) if near else 0
        raise error_at(source, offset, f"not valid JSON5: {message}") from None
    return node
