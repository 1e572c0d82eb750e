"""A context rule's own fields (check, cues, replaces) and rule examples, which may pair a reply with a message."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from replylint.packs.records import CONTEXT_CHECKS, CONTEXT_CUES, Example, PackError

if TYPE_CHECKING:
    from replylint.packs.fields import Checker
    from replylint.packs.yamlnodes import Located

_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)?$")
Examples = tuple[tuple[Example, ...], tuple[Example, ...]]


def context_fields(node: Located, kind: str, check: Checker, lexicons: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """The Rule fields only a context rule has (empty defaults for any other kind)."""
    if kind != "context":
        return {}
    name = check.choice(node, "check", CONTEXT_CHECKS)
    return {
        "check": name,
        "cues": _cues(node.get("cues"), node.line, name, check, lexicons),
        "replaces": _replaces(node, check),
    }


def _cues(
    node: Located | None, line: int, name: str, check: Checker, lexicons: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Named phrase lists; a check that reads fixed names (CONTEXT_CUES) refuses any other and needs them all."""
    known = CONTEXT_CUES[name]
    if node is None or not isinstance(node.value, dict) or not node.value:
        raise PackError(check.where, node.line if node else line, f"a {name!r} rule needs 'cues': {_names(known)}")
    cues = []
    for key, child in node.items():
        if known and key not in known:
            raise PackError(check.where, child.line, f"unknown cue {key!r} for check {name!r} (known: {_names(known)})")
        cues.append((str(key), check.strings(node, key, lexicons)))
    missing = [key for key in known if key not in dict(cues)]
    if missing:
        raise PackError(check.where, node.line, f"check {name!r} needs cues {_names(tuple(missing))}")
    return tuple(cues)


def _replaces(node: Located, check: Checker) -> tuple[str, ...]:
    """Rule ids or pack prefixes ("acknowledgement.missing-acknowledgement") whose findings this rule's replace."""
    values = check.strings(node, "replaces", {})
    for element, value in zip(node.get("replaces").elements() if values else (), values, strict=True):
        if not _RULE_ID.match(value):
            raise PackError(check.where, element.line, f"'replaces' takes rule ids or pack names, not {value!r}")
    return values


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(names) if names else "any names"


def examples(node: Located | None, check: Checker) -> Examples:
    """A rule's fail and pass examples; a context rule's may be {customer: ..., reply: ...} pairs."""
    if node is None:
        return (), ()
    check.keys(node, {"fail", "pass"}, "examples")
    out: list[tuple[Example, ...]] = []
    for key in ("fail", "pass"):
        child = node.get(key)
        if child is None:
            out.append(())
            continue
        if not isinstance(child.value, list):
            raise PackError(check.where, child.line, f"examples.{key} must be a list")
        out.append(tuple(_example(element, key, check) for element in child.elements()))
    for example in out[1]:
        if example.spans:
            raise PackError(check.where, example.line, "a 'pass' example must not contain [[marks]]")
    return out[0], out[1]


def _example(element: Located, key: str, check: Checker) -> Example:
    if isinstance(element.value, dict):
        check.keys(element, {"customer", "reply"}, f"an examples.{key} pair")
        reply = check.string(element, "reply")
        return Example.parse(reply or "", element.line, check.string(element, "customer"))
    if not isinstance(element.value, str) or not element.value.strip():
        raise PackError(
            check.where, element.line, f"examples.{key} holds strings (quote each in YAML) or customer/reply pairs"
        )
    return Example.parse(element.value, element.line)
