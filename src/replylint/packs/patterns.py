"""Token patterns of a pack: spaCy Matcher patterns checked key by key, with lexicons expanded and regexes vetted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from replylint.packs import regexes
from replylint.packs.records import TOKEN_ATTRS, PackError

if TYPE_CHECKING:
    from replylint.packs.fields import Checker
    from replylint.packs.yamlnodes import Located


def token_patterns(
    node: Located | None,
    lexicons: dict[str, tuple[str, ...]],
    check: Checker,
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
                _check_regexes(key, child, check)
            tokens.append(_expand_lexicons(token, lexicons, check))
        patterns.append(tuple(tokens))
    return tuple(patterns)


def _check_regexes(attr: str, node: Located, check: Checker) -> None:
    """Every REGEX under a token attribute, at any depth ({_: {x: {REGEX: ...}}}), passes the safety check."""
    stack = [node]
    while stack:
        current = stack.pop()
        for key, child in current.items():
            if key == "REGEX" and isinstance(child.value, str) and (why := regexes.problem(child.value)):
                raise PackError(check.where, child.line, f"{attr} REGEX {child.value!r}: {why}")
            stack.append(child)
        stack.extend(current.elements())


def _expand_lexicons(token: Located, lexicons: dict[str, tuple[str, ...]], check: Checker) -> dict:
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
