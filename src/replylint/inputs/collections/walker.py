"""Reply collections (YAML, JSON, CSV): one draft per reply string, each character placed in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import chain
from typing import TYPE_CHECKING

from replylint.findings import Entry
from replylint.inputs.collections.keys import DEFAULT_KEYS, FALLBACK_KEYS, FORMAT_AFFIX, FieldSpec, one_format_each
from replylint.inputs.collections.nodes import Items, Node, Pairs, Span, Text, error_at
from replylint.inputs.collections.paths import format_path, matches, parse_path
from replylint.inputs.collections.scripts import NO_ARRAY
from replylint.inputs.collections.shapes import all_prose, flat, names_reply
from replylint.inputs.collections.survey import Survey, no_replies
from replylint.inputs.collections.titles import TITLE_KEYS, key_title, title_of
from replylint.inputs.collections.trees import collection_trees
from replylint.inputs.finishing import finish_draft
from replylint.inputs.html import html_spans, looks_like_html
from replylint.inputs.layouts import layout_for, named_like_replies
from replylint.inputs.placeholders import DEFAULT_SYNTAXES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from replylint.inputs.drafts import Draft, Source

DISABLE_KEY = "replylint-disable"


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
    source: Source,
    spec: FieldSpec,
    *,
    syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES,
    custom: tuple[str, ...] = (),
    layout: str | None = None,
    configured: bool = False,
) -> Iterator[CollectionDraft]:
    """The replies one at a time, so a huge collection never holds all its drafts at once.

    The file is scanned, and walked up to its first reply, before this returns: a malformed file raises
    InputError here, and so does a collection without a reply (survey.no_replies), unless the file plainly
    holds no replies (NotReplies). `configured`: the config says how to read this file. A bad
    replylint-disable value is found during the walk and raises InputError from the iterator.
    """
    layout = layout_for(source.path, layout)
    trees = collection_trees(source, layout, spec.columns)
    if layout == "csv" and spec.columns:
        # Named columns replace the keys and paths: those columns, and only they, hold replies.
        spec = FieldSpec(keys=spec.columns, paths=(), context=spec.context)
    # A userscript's {name, description} objects, and those of a file named as replies, keep the reply in
    # `description`; elsewhere (manifests, API specs) a description describes, so it is read only there.
    modes = {"fallback": layout == "javascript" or named_like_replies(source.path), "words": layout == "csv"}
    walker = _Walker(source, spec, syntaxes, custom, shared=layout == "yaml", **modes)
    found = walker.walk(trees)
    first = next(found, None)
    if first is None and walker.pairs:
        # No reply key anywhere: a map of name -> reply ({"!logs": "Thanks for ..."}) or a list of replies.
        walker = _Walker(source, spec, syntaxes, custom, shared=layout == "yaml", maps=True, **modes)
        found = walker.walk(trees)
        first = next(found, None)
    if first is None:
        nothing = NO_ARRAY if layout == "javascript" else ""
        raise no_replies(source, walker.survey, configured=configured, nothing=nothing)
    return chain((first,), found)


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
        fallback: bool = False,
        words: bool = False,
        maps: bool = False,
    ):
        self.source, self.syntaxes, self.custom, self.shared = source, syntaxes, custom, shared
        self.keys = {key.lower() for key in spec.keys}
        self.context_keys = {key.lower() for key in spec.context}
        self.count = 0
        self.pairs = spec.keys == DEFAULT_KEYS
        self.paths = tuple(parse_path(path) for path in spec.paths)
        self.survey = Survey()
        # With the default keys only: `fallback` reads `description` in a flat, titled entry with no other
        # reply key; `words` takes a CSV column when one of its words is a key ("Reply text"); `maps` takes
        # the strings of a mapping or list that holds only strings, mostly prose.
        self.fallback, self.words, self.maps = (flag and self.pairs for flag in (fallback, words, maps))
        # YAML aliases share nodes: a collection is walked at most once as a reply and once not, and a string
        # becomes at most one draft, so an alias bomb costs no more than its text.
        self.seen: set[tuple[int, bool]] = set()

    def walk(self, trees: list[Node]) -> Iterator[CollectionDraft]:
        for number, tree in enumerate(trees):
            yield from self.visit(
                tree, (f"---{number + 1}",) if number else (), (), reply=False, title=None, context=None
            )

    def visit(
        self,
        node: Node,
        path: tuple[str | int, ...],
        disabled: tuple[str, ...],
        *,
        reply: bool,
        title: str | None,
        context: str | None,
    ) -> Iterator[CollectionDraft]:
        if self.shared:
            if (id(node), reply) in self.seen:
                return
            self.seen.add((id(node), reply))
        if isinstance(node, Pairs):
            disabled = self._disabled(node, disabled)
            title = title_of(node, words=self.words) or title
            named = not self.pairs or names_reply(node)
            keys = self._reply_keys(node, named, entry=bool(path))
            # The customer's message an entry keeps beside its replies is what they answer, nested ones too.
            context = next((c.value for k, c in node.items if self._is_context(k, c)), context)
            for key, child in node.items:
                if key != DISABLE_KEY and not self._is_context(key, child):
                    yield from self.visit(
                        child, (*path, key), disabled, reply=key in keys, title=title, context=context
                    )
        elif isinstance(node, Items):
            reply = reply or (self.maps and all_prose(node.items))
            for index, child in enumerate(node.items):
                yield from self.visit(child, (*path, index), disabled, reply=reply, title=title, context=context)
        elif isinstance(node, Text) and len(node.value.split()) > 1 and self._selected(path, reply=reply):
            # One-word values (statuses, tags, ids) are settings, not replies.
            if self.shared:
                self.seen.add((id(node), not reply))
            self.count += 1
            entry = Entry(title or key_title(path, self.keys) or format_path(path), self.count)
            draft = replace(self._draft(node), disabled=_encoded(disabled), entry=entry, context=context)
            yield CollectionDraft(draft, format_path(path))
        elif isinstance(node, Text):
            key = next((step for step in reversed(path) if isinstance(step, str)), None)
            # A title names an entry; it is never the key that holds its reply, so it is not offered as one.
            self.survey.note(None if key is None or key.lower() in TITLE_KEYS else key, node.value, depth=len(path))

    def _reply_keys(self, node: Pairs, named: bool, *, entry: bool) -> set[str]:
        """The keys of a mapping whose strings are replies (`value` only where a sibling names it a comment)."""
        keys = {
            key
            for key, _ in node.items
            if self._is_key(key.lower()) and (key.lower() != "value" or named) and key.lower() not in self.context_keys
        }
        if self.pairs and len(keys) > 1:
            keys = one_format_each(keys)
        if not keys and self.fallback and entry and title_of(node, words=self.words) and flat(node):
            keys = {key for key, child in node.items if key.lower() in FALLBACK_KEYS and isinstance(child, Text)}
        if not keys and self.maps and all_prose([child for _, child in node.items]):
            keys = {key for key, _ in node.items}
        return keys

    def _is_context(self, key: str, child: Node) -> bool:
        return isinstance(child, Text) and key.lower() in self.context_keys and bool(child.value.strip())

    def _is_key(self, key: str) -> bool:
        if key in self.keys:
            return True
        if self.pairs and FORMAT_AFFIX.sub("", key) in self.keys - {"value"}:
            return True  # content_html, html_body, body_plain: the same reply in another format
        return self.words and any(word in self.keys for word in re.split(r"[\W_]+", key))

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
