"""Validate a pack's YAML node tree field by field into Rules; every PackError names the file and the line."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from replylint.findings import Severity
from replylint.packs.fields import NAME, Checker
from replylint.packs.pairs import context_fields, examples
from replylint.packs.patterns import token_patterns
from replylint.packs.records import (
    ATTRS,
    CHANNELS,
    KINDS,
    METRICS,
    QUESTION_MODES,
    VALIDATORS,
    Pack,
    PackError,
    Rule,
)

if TYPE_CHECKING:
    from replylint.packs.yamlnodes import Located

# Packs whose rules replylint itself reports (builtin.py; a test keeps the two in step): a user pack of the
# same name would take over their ids.
RESERVED_PACKS = ("suppressions", "placeholders", "text", "language")
# The {placeholders} a message may hold, by rule kind (what kinds.py fills in).
_PLACEHOLDERS = {
    "phrase": ("match",),
    "pattern": ("match",),
    "substitution": ("match", "suggestion"),
    "require": ("match",),
    "metric": ("match", "count", "max"),
    "classifier": ("match", "score", "label"),
    "context": ("match", "given"),
}
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def parse(root: Located | None, where: str) -> Pack:
    """Validate a loaded YAML document as a pack."""
    check = Checker(where)
    if root is None or not isinstance(root.value, dict):
        raise PackError(where, root.line if root else 1, "a pack is a mapping with 'pack' and 'rules'")
    if root.get("pack") is None:
        # Checked before any key is named: a file that is no pack (say /etc/shadow) must not be echoed.
        raise PackError(where, root.line, "not a replylint pack (no 'pack' field at the top level)")
    check.keys(root, {"pack", "description", "lexicons", "languages", "rules"}, "pack")
    name = check.name(root, "pack")
    if name in RESERVED_PACKS:
        raise PackError(where, root.get("pack").line, f"pack name {name!r} is reserved for replylint's own rules")
    description = check.string(root, "description", required=False) or ""
    lexicons = _lexicons(root.get("lexicons"), check)
    rules_node = root.get("rules")
    if rules_node is None or not isinstance(rules_node.value, list) or not rules_node.value:
        raise PackError(where, (rules_node or root).line, "'rules' must be a non-empty list")
    languages = _languages(root.get("languages"), check)
    rules = tuple(replace(_rule(node, name, lexicons, check), languages=languages) for node in rules_node.elements())
    ids = {}
    for rule in rules:
        if rule.id in ids:
            raise PackError(where, rule.line, f"duplicate rule id {rule.id!r} (first at line {ids[rule.id]})")
        ids[rule.id] = rule.line
    return Pack(name, description, where, rules)


# Every field a rule may have (each kind allows its own subset, _KIND_KEYS, plus the shared ones).
_RULE_KEYS = {
    "id", "kind", "severity", "description", "message", "why", "suggest", "link", "aliases", "phrases", "attr",
    "patterns", "replacements", "metric", "max", "exceptions", "unless_negated", "unless_quoted", "questions",
    "min_words", "examples", "unless_preceded_by", "unless_followed_by", "unless_draft_has", "channels", "validate",
    "fix", "model", "label", "threshold", "check", "cues", "replaces",
}  # fmt: skip
_KIND_KEYS = {
    "phrase": {"phrases", "attr"},
    "pattern": {"patterns"},
    "substitution": {"replacements", "fix"},
    "require": {"phrases", "attr", "patterns", "min_words"},
    "metric": {"metric", "max"},
    "classifier": {"model", "label", "threshold"},
    "context": {"check", "cues", "replaces", "patterns"},
}
_SHARED = _RULE_KEYS - {"phrases", "attr", "patterns", "replacements", "metric", "max", "min_words", "fix"}
_SHARED -= {*_KIND_KEYS["classifier"], "check", "cues", "replaces"}
# A model judges the whole draft: the match-context conditions of the other kinds mean nothing to it.
_CLASSIFIER_KEYS = {"id", "kind", "severity", "description", "message", "why", "suggest", "link", "aliases"}
_CLASSIFIER_KEYS |= {"examples", "channels", *_KIND_KEYS["classifier"]}


def _rule(node: Located, pack: str, lexicons: dict[str, tuple[str, ...]], check: Checker) -> Rule:
    if not isinstance(node.value, dict):
        raise PackError(check.where, node.line, "each rule is a mapping with at least 'id' and 'kind'")
    rule_id = check.name(node, "id")
    kind = check.choice(node, "kind", KINDS)
    allowed = _CLASSIFIER_KEYS if kind == "classifier" else _SHARED | _KIND_KEYS[kind]
    check.keys(node, allowed, f"rule {rule_id!r} of kind {kind!r}")
    severity = Severity(check.choice(node, "severity", tuple(s.value for s in Severity), default="warning"))
    phrases = check.strings(node, "phrases", lexicons)
    patterns = token_patterns(node.get("patterns"), lexicons, check)
    replacements = _replacements(node.get("replacements"), check)
    metric = check.choice(node, "metric", METRICS, default=None) if kind == "metric" else None
    maximum = check.integer(node, "max", required=kind == "metric")
    scored = _classifier_fields(node, kind, check)
    bodies = {"phrase": phrases, "pattern": patterns, "substitution": replacements, "metric": metric}
    bodies |= {"classifier": scored["model"], "context": 1}
    if not bodies.get(kind, phrases or patterns):  # each kind needs its own field; require: phrases or patterns
        raise PackError(check.where, node.line, f"rule {rule_id!r} of kind {kind!r} needs {_NEEDS[kind]}")
    fail, passes = examples(node.get("examples"), check)
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
        unless_quoted=check.boolean(node, "unless_quoted"),
        questions=check.choice(node, "questions", QUESTION_MODES, default="any"),
        min_words=check.integer(node, "min_words", required=False) or 0,
        link=check.string(node, "link", required=False),
        aliases=tuple(check.name_list(node, "aliases")),
        fail=fail,
        passes=passes,
        **context_fields(node, kind, check, lexicons),
        **scored,
    )


def _classifier_fields(node: Located, kind: str, check: Checker) -> dict[str, Any]:
    """A classifier rule's model folder (relative to the pack), the label it scores and its threshold."""
    needed = kind == "classifier"
    return {
        "model": check.relative_path(node, "model", required=needed),
        "label": check.string(node, "label", required=needed),
        "threshold": check.fraction(node, "threshold", required=needed),
    }


_NEEDS = {
    "phrase": "'phrases'",
    "pattern": "'patterns'",
    "substitution": "'replacements'",
    "require": "'phrases' or 'patterns'",
    "metric": "'metric'",
    "classifier": "'model'",
}


def _languages(node: Located | None, check: Checker) -> tuple[str, ...]:
    """The languages a pack judges, as ISO 639-1 codes ('en'); empty: every language."""
    if node is None:
        return ()
    codes = tuple(check.string_list(node, "languages"))
    for code in codes:
        if not _LANGUAGE.match(code):
            raise PackError(check.where, node.line, f"'languages' takes ISO 639-1 codes such as 'en', not {code!r}")
    return codes


def _message(node: Located, kind: str, check: Checker) -> str:
    """The message, refusing a {placeholder} its kind never fills (it would print raw)."""
    message = check.string(node, "message")
    known = _PLACEHOLDERS[kind]
    for name in _PLACEHOLDER.findall(message):
        if name not in known:
            raise PackError(
                check.where,
                node.get("message").line,
                f"message placeholder {{{name}}} is unknown for a {kind} rule (known: "
                + ", ".join(f"{{{k}}}" for k in known)
                + ")",
            )
    return message


def _channels(node: Located | None, check: Checker) -> tuple[str, ...]:
    if node is None:
        return ()
    values = check.string_list(node, "'channels'")
    for element, value in zip(node.elements(), values, strict=True):
        if value not in CHANNELS:
            raise PackError(check.where, element.line, f"unknown channel {value!r} (one of: {', '.join(CHANNELS)})")
    return values


def _lexicons(node: Located | None, check: Checker) -> dict[str, tuple[str, ...]]:
    if node is None:
        return {}
    if not isinstance(node.value, dict):
        raise PackError(check.where, node.line, "'lexicons' maps a name to a list of phrases")
    lexicons: dict[str, tuple[str, ...]] = {}
    for name, child in node.items():
        if not isinstance(name, str) or not NAME.match(name):
            raise PackError(
                check.where, child.line, f"lexicon name {name!r} must be lower-case letters, digits and dashes"
            )
        lexicons[name] = check.string_list(child, f"lexicon {name!r}")
    return lexicons


def _replacements(node: Located | None, check: Checker) -> tuple[tuple[str, str], ...]:
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
