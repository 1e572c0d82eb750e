"""Safe YAML loading that keeps the line of every value, so pack errors can name file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# A pack is a few hundred nodes; a "billion laughs" alias bomb expands to millions.
MAX_NODES = 200_000
MAX_DEPTH = 64
# libyaml's parser composes nodes about ten times faster than the pure-Python one; both are safe loaders.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:omap"})


class YamlError(Exception):
    """A YAML document that cannot be read safely; carries the 1-based line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class Located:
    """The plain Python value of a YAML node and the lines of it and of its children."""

    value: Any
    line: int
    children: dict[Any, Located] | list[Located] | None = None

    def get(self, key: str) -> Located | None:
        """The child under `key` of a mapping, or None."""
        if isinstance(self.children, dict):
            return self.children.get(key)
        return None

    def items(self) -> list[tuple[Any, Located]]:
        return list(self.children.items()) if isinstance(self.children, dict) else []

    def elements(self) -> list[Located]:
        return list(self.children) if isinstance(self.children, list) else []


def load(text: str) -> Located | None:
    """Parse one YAML document with safe_load semantics; None for an empty document."""
    _check_depth(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _Walker(loader).walk(node, 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlError(f"{exc.problem or exc.context or 'invalid YAML'}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), 1) from None
    finally:
        loader.dispose()


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses and crashes the process on '[[[[...'."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else 1
                    raise YamlError("document is recursive or nested too deeply", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if too_deep_in_flow(text):
            # libyaml's scanner looks ahead over '[[[[' and may stop at its own nesting limit before we see
            # the events; the meaning is ours to say, whatever the library's wording.
            raise YamlError("document is recursive or nested too deeply", line) from None
        raise YamlError(f"{exc.problem or exc.context or 'invalid YAML'}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), 1) from None
    finally:
        loader.dispose()


_FLOW_MARKS = re.compile(r"[\[\]{}\"'#\n]")


def too_deep_in_flow(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether flow brackets ('[', '{') nest deeper than `limit`, outside quotes and comments."""
    depth, quote, comment = 0, "", False
    for match in _FLOW_MARKS.finditer(text):
        mark = match.group()
        if comment:
            comment = mark != "\n"
        elif quote:
            quote = "" if mark == quote else quote
        elif mark in "\"'":
            quote = mark
        elif mark == "#":
            comment = True
        elif mark in "[{":
            depth += 1
            if depth > limit:
                return True
        elif mark in "]}":
            depth = max(0, depth - 1)
    return False


class _Walker:
    """Turns composed nodes into values, refusing cycles, deep nesting and alias expansion bombs."""

    def __init__(self, loader: yaml.SafeLoader) -> None:  # or CSafeLoader
        self.loader = loader
        self.count = 0
        self.stack: set[int] = set()

    def walk(self, node: yaml.Node, depth: int) -> Located:
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(f"document expands to more than {MAX_NODES} values (alias bomb?)", line)
        if depth > MAX_DEPTH or id(node) in self.stack:
            raise YamlError("document is recursive or nested too deeply", line)
        if isinstance(node, yaml.ScalarNode):
            # SafeConstructor refuses unknown tags such as !!python/object: nothing is ever executed.
            return Located(self.loader.construct_object(node, deep=True), line)
        if node.tag not in _PLAIN_TAGS:
            # Only safe_load semantics: a tag such as !!python/object is refused, never constructed.
            raise YamlError(f"tag {node.tag!r} is not allowed", line)
        self.stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = [self.walk(child, depth + 1) for child in node.value]
                return Located([i.value for i in items], line, items)
            if isinstance(node, yaml.MappingNode):
                self.loader.flatten_mapping(node)
                children: dict[Any, Located] = {}
                for key_node, value_node in node.value:
                    key = self.walk(key_node, depth + 1).value
                    if not isinstance(key, str | int | float | bool) and key is not None:
                        raise YamlError("mapping keys must be plain scalars", key_node.start_mark.line + 1)
                    if key in children:
                        raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
                    children[key] = self.walk(value_node, depth + 1)
                return Located({k: v.value for k, v in children.items()}, line, children)
        finally:
            self.stack.discard(id(node))
        raise YamlError(f"unsupported YAML node {node.tag}", line)
