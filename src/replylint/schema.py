"""Validate a pack's YAML node tree field by field into Rules; every PackError names the file and the line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from replylint import regexes
from replylint.builtin import BUILTIN_PACKS
from replylint.findings import Severity
from replylint.messages import placeholder_problem
from replylint.packs import (
    ATTRS,
    CHANNELS,
    KINDS,
    METRICS,
    QUESTION_MODES,
    TOKEN_ATTRS,
    VALIDATORS,
    Example,
    Pack,
    PackError,
    Rule,
)

if TYPE_CHECKING:
    from replylint.yamlnodes import Located

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def parse(root: Located | None, where: str) -> Pack:
    """Validate a loaded YAML document as a pack."""
    check = _Checker(where)
    if root is None or not isinstance(root.value, dict):
        raise PackError(where, root.line if root else 1, "a pack is a mapping with 'pack' and 'rules'")
    check.keys(root, {"pack", "description", "lexicons", "rules"}, "pack")
    name = check.name(root, "pack")
    if name in BUILTIN_PACKS:
        raise PackError(where, root.get("pack").line, f"pack name {name!r} is reserved for replylint's built-in rules")
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
        message=_message(node, kind, check),
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


def _message(node: Located, kind: str, check: _Checker) -> str:
    message = check.string(node, "message")
    if (why := placeholder_problem(message, kind)) is not None:
        raise PackError(check.where, node.get("message").line, why)
    return message


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
                if key not in TOKEN_ATTRS:
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
