"""The records a pack becomes (Pack, Rule, Example), its vocabularies and PackError."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from replylint.findings import Severity

KINDS = ("phrase", "pattern", "substitution", "require", "metric", "classifier", "context")
# What a `context` rule compares between a reply and the customer's message it answers (engine/conversation.py).
CONTEXT_CHECKS = ("given-info", "unanswered-question", "distress", "greeted-name", "repeated-step")
# The cue lists each check reads; () = any names (repeated-step: each cue is one troubleshooting step, and
# `attempts` the words that say the customer tried it).
CONTEXT_CUES: dict[str, tuple[str, ...]] = {
    "given-info": ("tracking", "account", "order", "email", "phone", "screenshot"),
    "unanswered-question": ("answers", "rhetorical"),
    "distress": ("distress", "acknowledgements"),
    "greeted-name": ("greetings", "not-names"),
    "repeated-step": (),
}
METRICS = (
    "exclamations",
    "questions",
    "caps_words",
    "hashtags",
    "links",
    "mentions",
    "words",
    "characters",
    "post_length",
    "sms_segments",
)
# Where a reply goes. `public` is a post on a social network (X's length and link limits); `forum` is a public
# reply in a forum, issue tracker or discussion, where links are normal and length is not capped.
CHANNELS = ("public", "forum", "dm", "email", "sms", "chat")
VALIDATORS = ("luhn",)
ATTRS = ("lower", "lemma")
QUESTION_MODES = ("any", "skip", "only")
# Token attributes that only a trained pipeline sets; with the blank pipeline such rules are skipped.
MODEL_ATTRS = frozenset({"POS", "TAG", "DEP", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID", "HEAD"})
# The spaCy Matcher token attributes a pattern may use (schema.py rejects any other key).
TOKEN_ATTRS = frozenset(
    {
        "ORTH",
        "TEXT",
        "LOWER",
        "NORM",
        "LEMMA",
        "LENGTH",
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "IS_SENT_START",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
        "SPACY",
        "SHAPE",
        "PREFIX",
        "SUFFIX",
        "OP",
        "_",
        *MODEL_ATTRS,
    }
)
_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)
MAX_PACK_BYTES = 5_000_000


class PackError(Exception):
    """A rule pack that cannot be used; the message starts with `file:line:`."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.detail = path, line, message


@dataclass(frozen=True, slots=True)
class Example:
    """An in-file example: the text with its [[marked]] spans removed, and those spans as offsets."""

    text: str
    spans: tuple[tuple[int, int], ...]
    line: int
    context: str | None = None  # the customer's message the example replies to (context rules)

    @classmethod
    def parse(cls, marked: str, line: int, context: str | None = None) -> Example:
        spans: list[tuple[int, int]] = []
        parts: list[str] = []
        pos = 0
        for m in _MARK.finditer(marked):
            parts.append(marked[pos : m.start()])
            start = sum(len(p) for p in parts)
            parts.append(m.group(1))
            spans.append((start, start + len(m.group(1))))
            pos = m.end()
        parts.append(marked[pos:])
        return cls("".join(parts), tuple(spans), line, context)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a pack, validated; `kinds.compile_rule` turns it into a finder."""

    pack: str
    id: str
    kind: str
    severity: Severity
    description: str
    message: str
    why: str
    suggest: str
    source: str
    line: int
    phrases: tuple[str, ...] = ()
    attr: str = "lower"
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    replacements: tuple[tuple[str, str], ...] = ()
    metric: str | None = None
    maximum: int | None = None
    exceptions: tuple[str, ...] = ()
    unless_preceded_by: tuple[str, ...] = ()
    unless_followed_by: tuple[str, ...] = ()
    unless_draft_has: tuple[str, ...] = ()
    unless_negated: bool = False
    unless_quoted: bool = False
    channels: tuple[str, ...] = ()
    validate: str | None = None
    fix: bool = False
    questions: str = "any"
    min_words: int = 0
    link: str | None = None
    aliases: tuple[str, ...] = ()
    # A classifier rule: its model folder as written (relative to the pack file), the label it scores, and the
    # score from which a draft is flagged.
    model: str | None = None
    label: str | None = None
    threshold: float | None = None
    # A context rule's check, its named phrase lists, and the rules whose finding its own finding replaces.
    check: str | None = None
    cues: tuple[tuple[str, tuple[str, ...]], ...] = ()
    replaces: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # the pack's: drafts in other languages are not judged by it
    fail: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = field(default=())

    @property
    def qualified_id(self) -> str:
        return f"{self.pack}.{self.id}"

    def cue(self, name: str) -> tuple[str, ...]:
        """One of a context rule's named phrase lists (empty when the pack gives none)."""
        return next((phrases for key, phrases in self.cues if key == name), ())

    @property
    def model_path(self) -> Path | None:
        """A classifier rule's model folder, resolved beside the pack file it was loaded from."""
        return Path(self.source).parent / self.model if self.model else None

    @property
    def model_attrs(self) -> frozenset[str]:
        """The trained-pipeline attributes this rule's patterns use (empty for the blank pipeline)."""
        return frozenset(key for pattern in self.patterns for token in pattern for key in token if key in MODEL_ATTRS)


@dataclass(frozen=True, slots=True)
class Pack:
    """A named set of rules loaded from one YAML file."""

    name: str
    description: str
    source: str
    rules: tuple[Rule, ...]
