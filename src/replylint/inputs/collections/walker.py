"""Reply collections (YAML, JSON, CSV): one draft per reply string, each character placed in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from replylint.findings import Entry
from replylint.inputs.collections import csv as collection_csv
from replylint.inputs.collections import json as collection_json
from replylint.inputs.collections import yaml as collection_yaml
from replylint.inputs.collections.nodes import Items, Node, Pairs, Span, Text, error_at
from replylint.inputs.collections.paths import format_path, matches, parse_path
from replylint.inputs.drafts import InputError
from replylint.inputs.finishing import finish_draft
from replylint.inputs.html import html_spans, looks_like_html
from replylint.inputs.placeholders import DEFAULT_SYNTAXES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from replylint.inputs.drafts import Draft, Source

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
# Keys whose short value names an entry in help-desk exports, saved-reply and bot-command files.
_TITLE_KEYS = ("title", "name", "label", "subject", "shortcut", "command", "trigger", "key", "id")
_TITLE_CHARS = 120
_REPLY_NAMES = re.compile(r"comment|body|reply|message|text|content|html", re.IGNORECASE)


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
    """One reply of a collection and its place (macros[0].body).

    Its entry's replylint-disable is on the draft, encoded as everywhere: None = nothing, () = every rule.
    """

    draft: Draft
    key_path: str

    @property
    def disabled(self) -> tuple[str, ...] | None:
        return self.draft.disabled


def read_collection(
    source: Source, spec: FieldSpec, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()
) -> list[CollectionDraft]:
    """Every reply of a .yaml/.yml/.json/.csv collection as its own draft; InputError names file:line."""
    return list(iter_collection(source, spec, syntaxes=syntaxes, custom=custom))


def iter_collection(
    source: Source, spec: FieldSpec, *, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()
) -> Iterator[CollectionDraft]:
    """The replies one at a time, so a huge collection never holds all its drafts at once.

    The file is scanned before this returns (a malformed file raises InputError here); a bad replylint-disable
    value is found during the walk and raises InputError from the iterator.
    """
    suffix = PurePath(source.path).suffix.lower()
    if suffix == ".json":
        trees = [collection_json.tree(source)]
    elif suffix in {".yaml", ".yml"}:
        trees = collection_yaml.trees(source)
    elif suffix == ".csv":
        trees = collection_csv.trees(source, spec.columns)
        if spec.columns:
            # Named columns replace the keys and paths: those columns, and only they, hold replies.
            spec = FieldSpec(keys=spec.columns, paths=())
    else:
        raise InputError(f"{source.path}: not a collection (expected {', '.join(COLLECTION_SUFFIXES)})")
    # Only YAML can share nodes (aliases); JSON and CSV trees are walked without remembering what was seen.
    return _Walker(source, spec, syntaxes, custom, shared=suffix in {".yaml", ".yml"}).walk(trees)


class _Walker:
    """Walks a tree, collecting the selected strings as drafts."""

    def __init__(
        self,
        source: Source,
        spec: FieldSpec,
        syntaxes: tuple[str, ...],
        custom: tuple[str, ...],
        *,
        shared: bool = True,
    ):
        self.source, self.syntaxes, self.custom, self.shared = source, syntaxes, custom, shared
        self.keys = {key.lower() for key in spec.keys}
        self.count = 0
        self.pairs = spec.keys == DEFAULT_KEYS
        self.paths = tuple(parse_path(path) for path in spec.paths)
        # YAML aliases share nodes: a collection is walked at most once as a reply and once not, and a string
        # becomes at most one draft, so an alias bomb costs no more than its text.
        self.seen: set[tuple[int, bool]] = set()

    def walk(self, trees: list[Node]) -> Iterator[CollectionDraft]:
        for number, tree in enumerate(trees):
            yield from self.visit(tree, (f"---{number + 1}",) if number else (), (), reply=False, title=None)

    def visit(
        self, node: Node, path: tuple[str | int, ...], disabled: tuple[str, ...], *, reply: bool, title: str | None
    ) -> Iterator[CollectionDraft]:
        if self.shared:
            if (id(node), reply) in self.seen:
                return
            self.seen.add((id(node), reply))
        if isinstance(node, Pairs):
            disabled = self._disabled(node, disabled)
            title = _title(node) or title
            named = not self.pairs or _names_reply(node)
            for key, child in node.items:
                if key != DISABLE_KEY:
                    is_reply = key.lower() in self.keys and (key.lower() != "value" or named)
                    yield from self.visit(child, (*path, key), disabled, reply=is_reply, title=title)
        elif isinstance(node, Items):
            for index, child in enumerate(node.items):
                yield from self.visit(child, (*path, index), disabled, reply=reply, title=title)
        elif isinstance(node, Text) and len(node.value.split()) > 1 and self._selected(path, reply=reply):
            # One-word values (statuses, tags, ids) are settings, not replies.
            if self.shared:
                self.seen.add((id(node), not reply))
            self.count += 1
            entry = Entry(title or _key_title(path, self.keys) or format_path(path), self.count)
            draft = replace(self._draft(node), disabled=_encoded(disabled), entry=entry)
            yield CollectionDraft(draft, format_path(path))

    def _selected(self, path: tuple[str | int, ...], *, reply: bool) -> bool:
        if not self.paths:
            return reply
        steps = tuple(step for step in path if not (isinstance(step, str) and step.startswith("---")))
        return any(matches(pattern, steps) for pattern in self.paths)

    def _disabled(self, node: Pairs, inherited: tuple[str, ...]) -> tuple[str, ...]:
        value = next((child for key, child in node.items if key == DISABLE_KEY), None)
        if value is None:
            return inherited
        texts = value.items if isinstance(value, Items) else [value]
        if not all(isinstance(text, Text) for text in texts):
            raise error_at(self.source, value.offset, f"{DISABLE_KEY} must be a rule id prefix or a list")
        words = (re.split(r"[,\s]+", text.value) for text in texts if isinstance(text, Text))
        # "*" or "all" silences every rule: the empty prefix, which every rule id starts with.
        prefixes = ["" if prefix in {"*", "all"} else prefix for split in words for prefix in split if prefix]
        return tuple(dict.fromkeys((*inherited, *prefixes)))

    def _draft(self, node: Text) -> Draft:
        ignored: tuple[Span, ...] = ()
        neutral: tuple[Span, ...] = ()
        if looks_like_html(node.value):
            ignored, neutral = html_spans(node.value)
        return finish_draft(
            self.source, node.value, node.anchors, ignored, neutral, syntaxes=self.syntaxes, custom=self.custom
        )


def _encoded(prefixes: tuple[str, ...]) -> tuple[str, ...] | None:
    """The walk's prefixes as a Draft's `disabled`: none is None; "" (from "*" or "all") is () for every rule."""
    if not prefixes:
        return None
    return () if "" in prefixes else prefixes


def _title(node: Pairs) -> str | None:
    """What an entry calls itself: the first short one-line name, title or label beside its reply text."""
    for key, child in node.items:
        if key.lower() in _TITLE_KEYS and isinstance(child, Text):
            value = " ".join(child.value.split())
            if value and len(value) <= _TITLE_CHARS:
                return value
    return None


def _key_title(path: tuple[str | int, ...], reply_keys: set[str]) -> str | None:
    """In a map of replies ({"not-a-bug": "Thanks for ..."}) the key that holds the reply names it."""
    for step in reversed(path):
        if isinstance(step, str) and not step.startswith("---") and step.lower() not in reply_keys:
            return step
    return None


def _names_reply(node: Pairs) -> bool:
    names = [child.value for key, child in node.items if key.lower() in _NAME_KEYS and isinstance(child, Text)]
    return not names or any(_REPLY_NAMES.search(name) for name in names)
