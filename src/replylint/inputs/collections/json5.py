"""JSON5 collections: checked by the json5 package (the reference grammar), placed by our literal reader."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import json5

from replylint.inputs.collections.literals import Literals
from replylint.inputs.collections.nodes import error_at
from replylint.inputs.drafts import InputError

if TYPE_CHECKING:
    from replylint.inputs.collections.nodes import Node
    from replylint.inputs.drafts import Source

# json5 says where it stopped as "<string>:LINE ..." in its message; it gives no positions for values.
_WHERE = re.compile(r"^<string>:(\d+)\s*")


def tree(source: Source) -> Node:
    """The JSON5 document as a tree; InputError names file:line."""
    reader = Literals(source)
    node = reader.value(0)  # first: it refuses deep nesting before json5 could recurse into it
    if reader.skip() < len(source.text):
        raise error_at(source, reader.position, "extra data after the JSON5 value")
    try:
        json5.loads(source.text)
    except ValueError as exc:
        message = str(exc)
        where = _WHERE.match(message)
        line = where.group(1) if where else "1"
        raise InputError(f"{source.path}:{line}: not valid JSON5: {message[where.end() if where else 0 :]}") from None
    except RecursionError:
        raise InputError(f"{source.path}:1: nested too deeply") from None
    return node
