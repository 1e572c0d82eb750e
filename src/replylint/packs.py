"""Pack, Rule and Example records; load and validate YAML rule packs (no spaCy here), errors name file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from replylint import regexes, yamlnodes
from replylint.findings import Severity
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
_TOKEN_ATTRS = frozenset(
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
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
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
        if path.stat().st_size > MAX_PACK_BYTES:
            raise PackError(where, 1, f"pack is larger than {MAX_PACK_BYTES // 1_000_000} MB")
        data = path.read_bytes()
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


def parse_pack(root: Located | None, where: str) -> Pack:
    """Validate a loaded YAML document as a pack."""
    check = _Checker(where)
    if root is None or not isinstance(root.value, dict):
        raise PackError(where, root.line if root else 1, "a pack is a mapping with 'pack' and 'rules'")
    check.keys(root, {"pack", "description", "lexicons", "rules"}, "pack")
    name = check.name(root, "pack")
    description = check.string(root, "description", required=False) or ""
    lexicons = _lexicons(root.get("lexicons"), check)
    rules_node = root.get("rules")
    if rules_node is None or not isinstance(rules_node.value, list) or not rules_node.value:
        raise PackError(where, (rules_node or root).line, "'rules' must be a non-empty list")
    rules = tuple(_rule(node, name, lexicons, check) for node in rules_node.elements())
    ids = {}
    for rule in rules:
        if rule.id in ids:
            raise PackError(where, rule.line, f"duplicate rule id {rule.id!r} (first at line {ids[rule.id]})")
        ids[rule.id] = rule.line
    return Pack(name, description, where, rules)


_RULE_KEYS = {
    "id",
    "kind",
    "severity",
    "description",
    "message",
    "why",
    "suggest",
    "link",
    "aliases",
    "phrases",
    "attr",
    "patterns",
    "replacements",
    "metric",
    "max",
    "exceptions",
    "unless_negated",
    "questions",
    "min_words",
    "examples",
    "unless_preceded_by",
    "unless_followed_by",
    "unless_draft_has",
    "channels",
    "validate",
    "fix",
}
_KIND_KEYS = {
    "phrase": {"phrases", "attr"},
    "pattern": {"patterns"},
    "substitution": {"replacements", "fix"},
    "require": {"phrases", "attr", "patterns", "min_words"},
    "metric": {"metric", "max"},
}
_SHARED = _RULE_KEYS - {"phrases", "attr", "patterns", "replacements", "metric", "max", "min_words", "fix"}


def _rule(node: Located, pack: str, lexicons: dict[str, tuple[str, ...]], check: _Checker) -> Rule:
    if not isinstance(node.value, dict):
        raise PackError(check.where, node.line, "each rule is a mapping with at least 'id' and 'kind'")
    rule_id = check.name(node, "id")
    kind = check.choice(node, "kind", KINDS)
    check.keys(node, _SHARED | _KIND_KEYS[kind], f"rule {rule_id!r} of kind {kind!r}")
    severity = Severity(check.choice(node, "severity", tuple(s.value for s in Severity), default="warning"))
    phrases = check.strings(node, "phrases", lexicons)
    patterns = _patterns(node.get("patterns"), lexicons, check)
    replacements = _replacements(node.get("replacements"), check)
    metric = check.choice(node, "metric", METRICS, default=None) if kind == "metric" else None
    maximum = check.integer(node, "max", required=kind == "metric")
    need = {
        "phrase": phrases,
        "pattern": patterns,
        "substitution": replacements,
        "require": phrases or patterns,
        "metric": metric,
    }[kind]
    if not need:
        wanted = {
            "phrase": "'phrases'",
            "pattern": "'patterns'",
            "substitution": "'replacements'",
            "require": "'phrases' or 'patterns'",
            "metric": "'metric'",
        }[kind]
        raise PackError(check.where, node.line, f"rule {rule_id!r} of kind {kind!r} needs {wanted}")
    fail, passes = _examples(node.get("examples"), check)
    return Rule(
        pack=pack,
        id=rule_id,
        kind=kind,
        severity=severity,
        description=check.string(node, "description"),
        message=check.string(node, "message"),
        why=check.string(node, "why"),
        suggest=check.string(node, "suggest"),
        source=check.where,
        line=node.line,
        phrases=phrases,
        attr=check.choice(node, "attr", ATTRS, default="lower"),
        patterns=patterns,
        replacements=replacements,
        metric=metric,
        maximum=maximum,
        exceptions=check.strings(node, "exceptions", lexicons),
        unless_preceded_by=check.strings(node, "unless_preceded_by", lexicons),
        unless_followed_by=check.strings(node, "unless_followed_by", lexicons),
        unless_draft_has=check.strings(node, "unless_draft_has", lexicons),
        channels=_channels(node.get("channels"), check),
        validate=check.choice(node, "validate", VALIDATORS, default=None),
        fix=check.boolean(node, "fix"),
        unless_negated=check.boolean(node, "unless_negated"),
        questions=check.choice(node, "questions", QUESTION_MODES, default="any"),
        min_words=check.integer(node, "min_words", required=False) or 0,
        link=check.string(node, "link", required=False),
        aliases=tuple(check.name_list(node, "aliases")),
        fail=fail,
        passes=passes,
    )


def _channels(node: Located | None, check: _Checker) -> tuple[str, ...]:
    if node is None:
        return ()
    values = check.string_list(node, "'channels'")
    for element, value in zip(node.elements(), values, strict=True):
        if value not in CHANNELS:
            raise PackError(check.where, element.line, f"unknown channel {value!r} (one of: {', '.join(CHANNELS)})")
    return values


def _lexicons(node: Located | None, check: _Checker) -> dict[str, tuple[str, ...]]:
    if node is None:
        return {}
    if not isinstance(node.value, dict):
        raise PackError(check.where, node.line, "'lexicons' maps a name to a list of phrases")
    lexicons: dict[str, tuple[str, ...]] = {}
    for name, child in node.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise PackError(
                check.where, child.line, f"lexicon name {name!r} must be lower-case letters, digits and dashes"
            )
        lexicons[name] = check.string_list(child, f"lexicon {name!r}")
    return lexicons


def _patterns(
    node: Located | None,
    lexicons: dict[str, tuple[str, ...]],
    check: _Checker,
) -> tuple[tuple[dict[str, Any], ...], ...]:
    if node is None:
        return ()
    if not isinstance(node.value, list):
        raise PackError(check.where, node.line, "'patterns' is a list of token patterns (lists of mappings)")
    patterns = []
    for pattern in node.elements():
        if not isinstance(pattern.value, list) or not pattern.value:
            raise PackError(check.where, pattern.line, "a token pattern is a non-empty list of mappings")
        tokens = []
        for token in pattern.elements():
            if not isinstance(token.value, dict):
                raise PackError(check.where, token.line, 'a token in a pattern is a mapping such as {LOWER: "you"}')
            for key, child in token.items():
                if key not in _TOKEN_ATTRS:
                    raise PackError(check.where, child.line, f"unknown token attribute {key!r}")
                regex = child.value.get("REGEX") if isinstance(child.value, dict) else None
                why = regexes.problem(regex) if isinstance(regex, str) else None
                if why:
                    raise PackError(check.where, child.line, f"{key} REGEX {regex!r}: {why}")
            tokens.append(_expand_lexicons(token, lexicons, check))
        patterns.append(tuple(tokens))
    return tuple(patterns)


def _expand_lexicons(token: Located, lexicons: dict[str, tuple[str, ...]], check: _Checker) -> dict:
    """Replace {IN: "@name"} by the lexicon's entries, lower-cased as LOWER and LEMMA compare them."""
    out: dict[str, Any] = {}
    for key, child in token.items():
        value = child.value
        if isinstance(value, dict):
            value = dict(value)
            for op in ("IN", "NOT_IN"):
                ref = value.get(op)
                if isinstance(ref, str):
                    entries = lexicons.get(ref.removeprefix("@")) if ref.startswith("@") else None
                    if entries is None:
                        raise PackError(
                            check.where, child.line, f"{op} needs a list or a known '@lexicon', not {ref!r}"
                        )
                    value[op] = sorted({e.lower() for e in entries})
        out[key] = value
    return out


def _replacements(node: Located | None, check: _Checker) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    if not isinstance(node.value, dict) or not node.value:
        raise PackError(check.where, node.line, "'replacements' maps each phrase to its replacement")
    pairs = []
    for phrase, child in node.items():
        if not isinstance(phrase, str) or not phrase.strip() or not isinstance(child.value, str):
            raise PackError(
                check.where, child.line, 'replacements map a phrase (string) to a string (quote both; use "" to delete)'
            )
        pairs.append((phrase, child.value))
    return tuple(pairs)


def _examples(node: Located | None, check: _Checker) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if node is None:
        return (), ()
    check.keys(node, {"fail", "pass"}, "examples")
    out: list[tuple[Example, ...]] = []
    for key in ("fail", "pass"):
        child = node.get(key)
        if child is None:
            out.append(())
            continue
        check.string_list(child, f"examples.{key}")
        out.append(tuple(Example.parse(e.value, e.line) for e in child.elements()))
    for example in out[1]:
        if example.spans:
            raise PackError(check.where, example.line, "a 'pass' example must not contain [[marks]]")
    return out[0], out[1]


@dataclass(frozen=True, slots=True)
class _Checker:
    """Field validators that raise PackError with the file and the line of the offending value."""

    where: str

    def _fail(self, node: Located, message: str) -> PackError:
        return PackError(self.where, node.line, message)

    def keys(self, node: Located, allowed: set[str], what: str) -> None:
        for key, child in node.items():
            if key not in allowed:
                raise self._fail(child, f"unknown field {key!r} in {what} (allowed: {', '.join(sorted(allowed))})")

    def string(self, node: Located, key: str, *, required: bool = True) -> str | None:
        child = node.get(key)
        if child is None:
            if required:
                raise self._fail(node, f"missing field {key!r}")
            return None
        if not isinstance(child.value, str) or not child.value.strip():
            raise self._fail(child, f"{key!r} must be a non-empty string (quote it in YAML)")
        return child.value

    def name(self, node: Located, key: str) -> str:
        value = self.string(node, key)
        if not _NAME.match(value):
            raise self._fail(node.get(key), f"{key!r} must be lower-case letters, digits and dashes: {value!r}")
        return value

    def choice(self, node: Located, key: str, options: tuple[str, ...], default: str | None = "") -> Any:
        child = node.get(key)
        if child is None:
            if default == "":
                raise self._fail(node, f"missing field {key!r} (one of: {', '.join(options)})")
            return default
        if child.value not in options:
            raise self._fail(child, f"{key!r} must be one of {', '.join(options)}, not {child.value!r}")
        return child.value

    def boolean(self, node: Located, key: str) -> bool:
        child = node.get(key)
        if child is None:
            return False
        if not isinstance(child.value, bool):
            raise self._fail(child, f"{key!r} must be true or false")
        return child.value

    def integer(self, node: Located, key: str, *, required: bool) -> int | None:
        child = node.get(key)
        if child is None:
            if required:
                raise self._fail(node, f"missing field {key!r}")
            return None
        if not isinstance(child.value, int) or isinstance(child.value, bool) or child.value < 0:
            raise self._fail(child, f"{key!r} must be a whole number >= 0")
        return child.value

    def string_list(self, node: Located, what: str) -> tuple[str, ...]:
        if not isinstance(node.value, list):
            raise self._fail(node, f"{what} must be a list of strings")
        for element in node.elements():
            if not isinstance(element.value, str) or not element.value.strip():
                raise self._fail(
                    element, f"{what} must hold only non-empty strings (quote each in YAML), got {element.value!r}"
                )
        return tuple(node.value)

    def strings(self, node: Located, key: str, lexicons: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """A list of phrases in which an entry '@name' stands for a whole lexicon."""
        child = node.get(key)
        if child is None:
            return ()
        out: list[str] = []
        for element, value in zip(child.elements(), self.string_list(child, repr(key)), strict=True):
            if value.startswith("@") and len(value) > 1 and " " not in value:
                if value[1:] not in lexicons:
                    raise self._fail(element, f"unknown lexicon {value!r}")
                out.extend(lexicons[value[1:]])
            else:
                out.append(value)
        return tuple(dict.fromkeys(out))

    def name_list(self, node: Located, key: str) -> list[str]:
        child = node.get(key)
        if child is None:
            return []
        values = self.string_list(child, repr(key))
        for element, value in zip(child.elements(), values, strict=True):
            if not _NAME.match(value):
                raise self._fail(element, f"{value!r} must be lower-case letters, digits and dashes")
        return list(values)
