"""YAML collections read from parser events only (no tag is ever constructed), each scalar aligned with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from replylint.inputs.collections.nodes import MAX_DEPTH, MAX_NODES, Items, Node, Other, Pairs, Span, Text, compress
from replylint.inputs.drafts import InputError
from replylint.packs.yamlnodes import too_deep_in_flow

if TYPE_CHECKING:
    from replylint.inputs.drafts import Source

_YAML_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_YAML_BREAKS = "\r\n\x85\u2028\u2029"
_STR_TAG = "tag:yaml.org,2002:str"
_STANDARD_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:seq", _STR_TAG)
# libyaml parses about five times faster; its marks count characters too, as the pure-Python parser's do.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def trees(source: Source) -> list[Node]:
    """One tree per YAML document; InputError names file:line."""
    loader = _LOADER(source.text)
    try:
        return _yaml_documents(source.text, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        if too_deep_in_flow(source.text, MAX_DEPTH):
            # libyaml may stop '[[[[' at its own limit before our event check: say it in our words.
            raise InputError(f"{source.path}:{line}: document is nested too deeply") from None
        raise InputError(f"{source.path}:{line}: {exc.problem or exc.context or 'invalid YAML'}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{source.path}:1: {exc}") from None
    finally:
        loader.dispose()


def _yaml_documents(text: str, loader: yaml.SafeLoader) -> list[Node]:
    """Trees built from parser events rather than composed nodes.

    PyYAML's composer recurses (libyaml's crashes the process on "[[[[..." a few ten thousand deep) and its
    parsers slow down with depth, so nesting is checked here, as each event arrives, and reading stops early.
    """
    trees: list[Node] = []
    stack: list[tuple[Pairs | Items, list[str | None]]] = []  # open collections and a mapping's pending key
    anchors: dict[str, Node] = {}
    count = 0
    while not isinstance(event := loader.get_event(), yaml.StreamEndEvent):
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if isinstance(event, yaml.DocumentStartEvent):
            anchors = {}
        if not isinstance(event, yaml.NodeEvent):
            continue
        count += 1
        if count > MAX_NODES or len(stack) >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem="document is nested too deeply or too large", problem_mark=event.start_mark
            )
        node, label, opened = _yaml_event_node(text, loader, event, anchors)
        if not stack:
            trees.append(node)
        elif isinstance(stack[-1][0], Items):
            stack[-1][0].items.append(node)
        elif (pending := stack[-1][1])[0] is None:
            pending[0] = label  # this node is a key; the next one is its value
        else:
            stack[-1][0].items.append((pending[0], node))
            pending[0] = None
        if opened is not None:
            stack.append((opened, [None]))
    return trees


def _yaml_event_node(
    text: str, loader: yaml.SafeLoader, event: yaml.NodeEvent, anchors: dict[str, Node]
) -> tuple[Node, str, Pairs | Items | None]:
    """The node an event stands for, its text as a mapping key, and the collection it opens (if any)."""
    start = event.start_mark.index
    opened: Pairs | Items | None = None
    if isinstance(event, yaml.AliasEvent):
        if event.anchor not in anchors:
            raise yaml.MarkedYAMLError(problem=f"found undefined alias {event.anchor!r}", problem_mark=event.start_mark)
        node = anchors[event.anchor]  # shared, not copied: the walker's `seen` keeps alias bombs linear
        return node, node.value if isinstance(node, Text) else "?", None
    node: Node
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag in {None, "!"}:
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # plain "yes" is a bool
        node = Text(event.value, start, _yaml_anchors(text, event)) if tag == _STR_TAG else Other(start)
        label = event.value
    else:
        opened = Pairs(start, []) if isinstance(event, yaml.MappingStartEvent) else Items(start, [])
        # A collection under a tag such as !!python/object is read (its children need a parent), not kept.
        standard = event.tag in {None, "!"} or event.tag.startswith(_STANDARD_TAGS)
        node, label = (opened if standard else Other(start)), "?"
    if event.anchor:
        anchors[event.anchor] = node
    return node, label, opened


def _yaml_anchors(text: str, node: yaml.ScalarEvent) -> tuple[Span, ...]:
    """Where each character of a scalar's value sits in the file, by walking the value along its source.

    Characters found verbatim map exactly; an escape maps to its backslash; a space or newline made by
    folding a line break maps to that break (the nearest source character: it has no character of its own).
    """
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        # The value starts on the line after the header ("|-", ">2 # comment").
        start = next((i for i in range(start, end) if text[i] in _YAML_BREAKS), end)
    elif node.style in ("'", '"'):
        start, end = start + 1, end - 1
    offsets: list[Span] = []
    position = start
    for index, char in enumerate(node.value):
        while position < end:
            raw = text[position]
            if node.style == '"' and raw == "\\":
                decoded, length = _yaml_escape(text, position)
                if decoded == char:
                    offsets.append((index, position))
                    position += length
                    break
                position += length
            elif raw == char:
                offsets.append((index, position))
                position += 2 if node.style == "'" and text.startswith("''", position) else 1
                break
            elif char in " \n\u2028\u2029" and raw in _YAML_BREAKS:
                offsets.append((index, position))
                position += 2 if text.startswith("\r\n", position) else 1
                break
            else:
                position += 1  # indentation, a dropped trailing space, the header: not in the value
        else:
            offsets.append((index, max(start, min(position, end) - 1)))
    return compress(offsets or [(0, start)])


def _yaml_escape(text: str, position: int) -> tuple[str, int]:
    """The character a double-quoted escape stands for ("" for an escaped line break) and its length."""
    code = text[position + 1 : position + 2]
    if code in _YAML_ESCAPES:
        return _YAML_ESCAPES[code], 2
    if code in _YAML_BREAKS:
        return "", 3 if text.startswith("\r\n", position + 1) else 2
    width = {"x": 2, "u": 4, "U": 8}.get(code, 0)
    digits = text[position + 2 : position + 2 + width]
    if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
        return chr(int(digits, 16)), 2 + width
    return "\\", 1
