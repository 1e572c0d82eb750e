"""Reply collections (YAML, JSON, CSV): one draft per reply string, each character placed in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

import yaml

from replylint.markup import finish_draft, html_spans, looks_like_html
from replylint.placeholders import DEFAULT_SYNTAXES
from replylint.sources import InputError

if TYPE_CHECKING:
    from replylint.sources import Draft, Source

Span = tuple[int, int]
COLLECTION_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
DISABLE_KEY = "replylint-disable"
# Keys under which help desks and hand-written collections keep reply text (matched case-insensitively).
# Agent-facing fields (title, name, description, subject, tags) are left out on purpose.
DEFAULT_KEYS = (
    "body",
    "body_text",
    "html_body",
    "text",
    "reply",
    "message",
    "content",
    "template",
    "response",
    "answer",
    "comment",
    "value",
)
# `value` is generic: with the default keys, in field/value pairs ({"field": "status", "value": "solved"}) it
# is a reply only when the field says so ("comment_value", "comment_value_html"), as in Zendesk macro actions.
_NAME_KEYS = ("field", "type")
_REPLY_NAMES = re.compile(r"comment|body|reply|message|text|content|html", re.IGNORECASE)
_PATH_STEP = re.compile(r"(\*|[^.\[\]*]+)?((?:\[(?:\*|\d+)\])*)")
MAX_NODES = 200_000
MAX_DEPTH = 100


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Which strings of a collection are replies: values under `keys`, or at `paths`, or CSV `columns`.

    `paths` are simple paths such as "macros[*].actions[*].value" or "replies[0].*"; when given they replace
    `keys`. `columns` names CSV columns; without it, CSV columns named like a key are replies.
    """

    keys: tuple[str, ...] = DEFAULT_KEYS
    paths: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for path in self.paths:
            parse_path(path)


@dataclass(frozen=True, slots=True)
class CollectionDraft:
    """One reply of a collection, the rule id prefixes its entry disables, and its place (macros[0].body).

    `disabled` is () when nothing is disabled; "" (from "*" or "all") disables every rule.
    """

    draft: Draft
    disabled: tuple[str, ...]
    key_path: str


def parse_path(path: str) -> tuple[str | int, ...]:
    """Steps of a simple path: key names, "*" for any key, indexes, -1 for [*]; ValueError if malformed."""
    steps: list[str | int] = []
    for part in path.split("."):
        match = _PATH_STEP.fullmatch(part)
        if not part or match is None or not (match.group(1) or match.group(2)):
            raise ValueError(f"invalid path {path!r}: write keys and [*] or [N] indexes, e.g. macros[*].body")
        if match.group(1):
            steps.append(match.group(1))
        indexes = re.findall(r"\[(\*|\d+)\]", match.group(2))
        steps.extend(-1 if index == "*" else int(index) for index in indexes)
    return tuple(steps)


def read_collection(
    source: Source, spec: FieldSpec, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()
) -> list[CollectionDraft]:
    """Every reply of a .yaml/.yml/.json/.csv collection as its own draft; InputError names file:line."""
    suffix = PurePath(source.path).suffix.lower()
    if suffix == ".json":
        trees = [_Json(source).parse()]
    elif suffix in {".yaml", ".yml"}:
        trees = _yaml_trees(source)
    elif suffix == ".csv":
        trees, spec = _csv_tree(source, spec)
    else:
        raise InputError(f"{source.path}: not a collection (expected {', '.join(COLLECTION_SUFFIXES)})")
    walker = _Walker(source, spec, syntaxes, custom)
    for number, tree in enumerate(trees):
        walker.visit(tree, (f"---{number + 1}",) if number else (), (), reply=False)
    return walker.found


@dataclass(slots=True)
class _Text:
    value: str
    offset: int
    anchors: tuple[Span, ...]


@dataclass(slots=True)
class _Pairs:
    offset: int
    items: list[tuple[str, _Node]]


@dataclass(slots=True)
class _Items:
    offset: int
    items: list[_Node]


@dataclass(slots=True)
class _Other:
    offset: int


_Node = _Text | _Pairs | _Items | _Other


class _Walker:
    """Walks a tree, collecting the selected strings as drafts."""

    def __init__(self, source: Source, spec: FieldSpec, syntaxes: tuple[str, ...], custom: tuple[str, ...]):
        self.source, self.syntaxes, self.custom = source, syntaxes, custom
        self.keys = {key.lower() for key in spec.keys}
        self.pairs = spec.keys == DEFAULT_KEYS
        self.paths = tuple(parse_path(path) for path in spec.paths)
        self.found: list[CollectionDraft] = []
        # YAML aliases share nodes: a collection is walked at most once as a reply and once not, and a string
        # becomes at most one draft, so an alias bomb costs no more than its text.
        self.seen: set[tuple[int, bool]] = set()

    def visit(self, node: _Node, path: tuple[str | int, ...], disabled: tuple[str, ...], *, reply: bool) -> None:
        if (id(node), reply) in self.seen:
            return
        self.seen.add((id(node), reply))
        if isinstance(node, _Pairs):
            disabled = self._disabled(node, disabled)
            named = not self.pairs or _names_reply(node)
            for key, child in node.items:
                if key != DISABLE_KEY:
                    is_reply = key.lower() in self.keys and (key.lower() != "value" or named)
                    self.visit(child, (*path, key), disabled, reply=is_reply)
        elif isinstance(node, _Items):
            for index, child in enumerate(node.items):
                self.visit(child, (*path, index), disabled, reply=reply)
        elif isinstance(node, _Text) and len(node.value.split()) > 1 and self._selected(path, reply=reply):
            # One-word values (statuses, tags, ids) are settings, not replies.
            self.seen.add((id(node), not reply))
            self.found.append(CollectionDraft(self._draft(node), disabled, _format(path)))

    def _selected(self, path: tuple[str | int, ...], *, reply: bool) -> bool:
        if not self.paths:
            return reply
        steps = tuple(step for step in path if not (isinstance(step, str) and step.startswith("---")))
        return any(_matches(pattern, steps) for pattern in self.paths)

    def _disabled(self, node: _Pairs, inherited: tuple[str, ...]) -> tuple[str, ...]:
        value = next((child for key, child in node.items if key == DISABLE_KEY), None)
        if value is None:
            return inherited
        texts = value.items if isinstance(value, _Items) else [value]
        if not all(isinstance(text, _Text) for text in texts):
            raise _error(self.source, value.offset, f"{DISABLE_KEY} must be a rule id prefix or a list")
        words = (re.split(r"[,\s]+", text.value) for text in texts if isinstance(text, _Text))
        # "*" or "all" silences every rule: the empty prefix, which every rule id starts with.
        prefixes = ["" if prefix in {"*", "all"} else prefix for split in words for prefix in split if prefix]
        return tuple(dict.fromkeys((*inherited, *prefixes)))

    def _draft(self, node: _Text) -> Draft:
        ignored: tuple[Span, ...] = ()
        neutral: tuple[Span, ...] = ()
        if looks_like_html(node.value):
            ignored, neutral = html_spans(node.value)
        return finish_draft(
            self.source, node.value, node.anchors, ignored, neutral, syntaxes=self.syntaxes, custom=self.custom
        )


def _names_reply(node: _Pairs) -> bool:
    names = [child.value for key, child in node.items if key.lower() in _NAME_KEYS and isinstance(child, _Text)]
    return not names or any(_REPLY_NAMES.search(name) for name in names)


def _matches(pattern: tuple[str | int, ...], path: tuple[str | int, ...]) -> bool:
    if len(pattern) != len(path):
        return False
    for want, have in zip(pattern, path, strict=True):
        if isinstance(want, int) != isinstance(have, int):
            return False
        if want not in ("*", -1, have):
            return False
    return True


def _format(path: tuple[str | int, ...]) -> str:
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.startswith("---"):
            text += step + " "
        elif re.fullmatch(r"[A-Za-z_][\w\-]*", step):
            text += f".{step}" if text and not text.endswith(" ") else step
        else:
            text += '["' + step.replace("\\", "\\\\").replace('"', '\\"') + '"]'
    return text


def _compress(pairs: list[Span]) -> tuple[Span, ...]:
    """Drop anchors implied by the one before (the source advances one character per draft character)."""
    kept: list[Span] = []
    for draft_at, source_at in pairs:
        if kept and kept[-1][0] == draft_at:
            kept[-1] = (draft_at, source_at)
        elif not kept or kept[-1][1] + draft_at - kept[-1][0] != source_at:
            kept.append((draft_at, source_at))
    return tuple(kept) or ((0, 0),)


def _error(source: Source, offset: int, what: str) -> InputError:
    return InputError(f"{source.path}:{source.locate(offset)[0]}: {what}")


# ---- YAML: parser events only (no tag is ever constructed); scalar positions come from aligning the value.
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


def _yaml_trees(source: Source) -> list[_Node]:
    loader = _LOADER(source.text)
    try:
        return _yaml_documents(source.text, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise InputError(f"{source.path}:{line}: {exc.problem or exc.context or 'invalid YAML'}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{source.path}:1: {exc}") from None
    finally:
        loader.dispose()


def _yaml_documents(text: str, loader: yaml.SafeLoader) -> list[_Node]:
    """Trees built from parser events rather than composed nodes.

    PyYAML's composer recurses (libyaml's crashes the process on "[[[[..." a few ten thousand deep) and its
    parsers slow down with depth, so nesting is checked here, as each event arrives, and reading stops early.
    """
    trees: list[_Node] = []
    stack: list[tuple[_Pairs | _Items, list[str | None]]] = []  # open collections and a mapping's pending key
    anchors: dict[str, _Node] = {}
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
        elif isinstance(stack[-1][0], _Items):
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
    text: str, loader: yaml.SafeLoader, event: yaml.NodeEvent, anchors: dict[str, _Node]
) -> tuple[_Node, str, _Pairs | _Items | None]:
    """The node an event stands for, its text as a mapping key, and the collection it opens (if any)."""
    start = event.start_mark.index
    opened: _Pairs | _Items | None = None
    if isinstance(event, yaml.AliasEvent):
        if event.anchor not in anchors:
            raise yaml.MarkedYAMLError(problem=f"found undefined alias {event.anchor!r}", problem_mark=event.start_mark)
        node = anchors[event.anchor]  # shared, not copied: the walker's `seen` keeps alias bombs linear
        return node, node.value if isinstance(node, _Text) else "?", None
    node: _Node
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag in {None, "!"}:
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # plain "yes" is a bool
        node = _Text(event.value, start, _yaml_anchors(text, event)) if tag == _STR_TAG else _Other(start)
        label = event.value
    else:
        opened = _Pairs(start, []) if isinstance(event, yaml.MappingStartEvent) else _Items(start, [])
        # A collection under a tag such as !!python/object is read (its children need a parent), not kept.
        standard = event.tag in {None, "!"} or event.tag.startswith(_STANDARD_TAGS)
        node, label = (opened if standard else _Other(start)), "?"
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
    return _compress(offsets or [(0, start)])


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


# ---- JSON: a small scanner that keeps positions; json.loads would lose them.
_JSON_SPACE = re.compile(r"[ \t\r\n]*")
_JSON_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')
_JSON_LITERAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity")
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Json:
    def __init__(self, source: Source) -> None:
        self.source, self.text, self.position = source, source.text, 0

    def parse(self) -> _Node:
        node = self.value(0)
        if self.skip() < len(self.text):
            raise _error(self.source, self.position, "extra data after the JSON value")
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
            raise _error(self.source, self.position, f"expected {what}")
        self.position += 1
        return char

    def value(self, depth: int) -> _Node:
        start = self.skip()
        if depth > MAX_DEPTH:
            raise _error(self.source, start, "JSON nested too deeply")
        char = self.peek()
        if char == '"':
            return self.string()
        if char == "[":
            return self.array(start, depth)
        if char == "{":
            return self.object(start, depth)
        if match := _JSON_LITERAL.match(self.text, start):
            self.position = match.end()
            return _Other(start)
        raise _error(self.source, start, "expected a JSON value")

    def array(self, start: int, depth: int) -> _Items:
        self.position += 1
        items: list[_Node] = []
        if self.peek() == "]":
            self.position += 1
            return _Items(start, items)
        while True:
            items.append(self.value(depth + 1))
            if self.expect(",]", "',' or ']'") == "]":
                return _Items(start, items)

    def object(self, start: int, depth: int) -> _Pairs:
        self.position += 1
        pairs: list[tuple[str, _Node]] = []
        if self.peek() == "}":
            self.position += 1
            return _Pairs(start, pairs)
        while True:
            if self.peek() != '"':
                raise _error(self.source, self.position, "expected a string key in double quotes")
            key = self.string().value
            self.expect(":", "':'")
            pairs.append((key, self.value(depth + 1)))
            if self.expect(",}", "',' or '}'") == "}":
                return _Pairs(start, pairs)

    def string(self) -> _Text:
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
                return _Text("".join(parts), start, _compress(anchors))
            if char != "\\":
                raise _error(
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
            return chr(high), 6
        raise _error(self.source, self.position, "invalid escape in a string")

    def _hex(self, position: int) -> int | None:
        digits = self.text[position : position + 4]
        return int(digits, 16) if re.fullmatch(r"[0-9a-fA-F]{4}", digits) else None


# ---- CSV: the csv module gives no positions, so fields are scanned here (RFC 4180 quoting, "" escapes).
def _csv_tree(source: Source, spec: FieldSpec) -> tuple[list[_Node], FieldSpec]:
    text = source.text
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: (first_line.count(d), d == ","))
    field = re.compile(rf"[^{re.escape(delimiter)}\r\n]*")
    rows: list[list[_Text]] = []
    position = 0
    while position < len(text):
        row: list[_Text] = []
        while True:
            if text.startswith('"', position):
                position, cell = _csv_quoted(source, position)
            else:
                match = field.match(text, position)
                end = match.end() if match else position
                cell = _Text(text[position:end], position, ((0, position),))
                position = end
            row.append(cell)
            if not text.startswith(delimiter, position):
                break
            position += 1
        if text.startswith("\r\n", position):
            position += 2
        elif position < len(text):
            if text[position] not in "\r\n":
                raise _error(source, position, f"text after a closing quote (expected {delimiter!r})")
            position += 1
        if len(row) > 1 or row[0].value:
            rows.append(row)
    header = [cell.value.strip() for cell in rows[0]] if rows else []
    if spec.columns:
        lowered = [name.lower() for name in header]
        for column in spec.columns:
            if column.lower() not in lowered:
                raise InputError(f"{source.path}:1: no column {column!r} (columns: {', '.join(header)})")
        spec = FieldSpec(keys=spec.columns, paths=())
    entries: list[_Node] = [_Pairs(row[0].offset, list(zip(header, row, strict=False))) for row in rows[1:]]
    return [_Items(0, entries)], spec


def _csv_quoted(source: Source, start: int) -> tuple[int, _Text]:
    text = source.text
    position = start + 1
    parts: list[str] = []
    anchors: list[Span] = [(0, position)]
    length = 0
    while True:
        close = text.find('"', position)
        if close < 0:
            raise _error(source, start, "unterminated quoted field")
        parts.append(text[position:close])
        length += close - position
        if not text.startswith('""', close):
            return close + 1, _Text("".join(parts), start, _compress(anchors))
        parts.append('"')  # "" is one quote, mapped to the first of the pair
        anchors.extend(((length, close), (length + 1, close + 2)))
        length += 1
        position = close + 2
