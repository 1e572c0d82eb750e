"""Pack, Rule and Example records; load and validate YAML rule packs (no spaCy here), errors name file:line."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint import yamlnodes
from replylint.findings import Severity

if TYPE_CHECKING:
    from replylint.yamlnodes import Located

KINDS = ("phrase", "pattern", "substitution", "require", "metric")
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
CHANNELS = ("public", "dm", "email", "sms", "chat")
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

    @classmethod
    def parse(cls, marked: str, line: int) -> Example:
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
        return cls("".join(parts), tuple(spans), line)


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
    channels: tuple[str, ...] = ()
    validate: str | None = None
    fix: bool = False
    questions: str = "any"
    min_words: int = 0
    link: str | None = None
    aliases: tuple[str, ...] = ()
    fail: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = field(default=())

    @property
    def qualified_id(self) -> str:
        return f"{self.pack}.{self.id}"

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


def shipped_pack_paths() -> list[Path]:
    """The YAML packs installed with replylint, in name order."""
    folder = resources.files("replylint.rules")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_packs(paths: list[Path]) -> list[Pack]:
    """Load several packs; rule ids must be unique across them."""
    packs = [load_pack(p) for p in paths]
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            for name in (rule.qualified_id, *(f"{rule.pack}.{a}" for a in rule.aliases)):
                if name in seen:
                    raise PackError(
                        rule.source,
                        rule.line,
                        f"duplicate rule id {name!r} (also in {seen[name].source}:{seen[name].line})",
                    )
                seen[name] = rule
    return packs


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file."""
    where = str(path)
    try:
        data = read_pack_bytes(path)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(where, 1, f"not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise PackError(where, 1, f"cannot read pack: {exc.strerror or exc}") from None
    from replylint import packcache

    cached = packcache.get(data, where)
    if cached is not None:
        return cached
    try:
        root = yamlnodes.load(text)
    except yamlnodes.YamlError as exc:
        raise PackError(where, exc.line, f"YAML error: {exc.message}") from None
    pack = parse_pack(root, where)
    packcache.put(data, pack)
    return pack


def read_pack_bytes(path: Path) -> bytes:
    """A pack file's bytes: regular files only (a FIFO would hang, /dev/zero fill memory), at most 5 MB.

    Raises PackError, and OSError for the caller to word.
    """
    where = str(path)
    if not stat.S_ISREG(path.stat().st_mode):
        raise PackError(where, 1, "a pack must be a regular file (not a device, FIFO or folder)")
    with path.open("rb") as stream:
        data = stream.read(MAX_PACK_BYTES + 1)  # bounded even if the file grows after stat()
    if len(data) > MAX_PACK_BYTES:
        raise PackError(where, 1, f"pack is larger than {MAX_PACK_BYTES // 1_000_000} MB")
    return data


def parse_pack(root: Located | None, where: str) -> Pack:
    """Validate a loaded YAML document as a pack."""
    # Imported here: schema builds these records, so it imports this module.
    from replylint.schema import parse

    return parse(root, where)
