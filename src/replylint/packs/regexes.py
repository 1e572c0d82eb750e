"""Refuse regexes that can backtrack catastrophically (packs and config alike), before they ever meet a draft."""

from __future__ import annotations

import math
import re
from typing import Any

try:  # Python 3.11+: the parser moved to re._parser (sre_parse is deprecated)
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

_C = sre_parse
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)}
_GROUPS = {_C.SUBPATTERN, getattr(_C, "ATOMIC_GROUP", None)}
_INF = float("inf")
MAX_LENGTH = 1000
# A repeat allowing more than this many is as good as unbounded (a{0,500}).
MAX_NESTING = 100
# Nested repetition or a repeated alternation that can split a text more ways than this is refused: a part that
# can match 0..r characters and trade them with its neighbour, repeated n times, splits (r + 1) ** n ways.
MAX_WAYS = 1000
# Characters tried when asking whether two parts of a regex can match the same character.
_PROBES = "".join(chr(c) for c in range(0x250)) + "\u0394\u0434\u05d0\u0663\u2003\u2028\u3042\u4e2d\uac00\U0001f600"
_CATEGORIES = {
    _C.CATEGORY_DIGIT: str.isdecimal,
    _C.CATEGORY_SPACE: str.isspace,
    _C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
}
_NEGATED = {_C.CATEGORY_NOT_DIGIT: _C.CATEGORY_DIGIT, _C.CATEGORY_NOT_SPACE: _C.CATEGORY_SPACE}
_NEGATED[_C.CATEGORY_NOT_WORD] = _C.CATEGORY_WORD


def problem(pattern: str) -> str | None:
    """Why `pattern` is refused (invalid, too long, or a catastrophic-backtracking shape), or None if it is safe."""
    if len(pattern) > MAX_LENGTH:
        return f"regex longer than {MAX_LENGTH} characters"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
        return _Shape(parsed.state.flags & re.IGNORECASE).check(list(parsed), 1)
    except (re.error, OverflowError) as exc:
        return f"invalid regex: {exc}"
    except RecursionError:
        return "regex nested too deeply"


class _Shape:
    """Walks a parsed regex looking for the shapes whose backtracking grows exponentially or polynomially."""

    def __init__(self, ignore_case: int) -> None:
        self.ignore_case = bool(ignore_case)

    def check(self, items: list[Any], outer: float) -> str | None:
        """`outer`: how many times the enclosing repeats can run this sequence (1 outside any repeat)."""
        for op, value in items:
            if op in _REPEATS:
                _, high, body = value
                traded = self.traded([*_flatten(list(body)) * 2], 0, strict=True) if high > 1 else None
                if traded is not None and min(high, 64) * math.log(traded + 1) > math.log(MAX_WAYS):
                    return (
                        "nested repetition such as (a+)+ or (a{1,30}){1,30} can backtrack catastrophically; "
                        "rewrite it so one repetition cannot take over another's characters"
                    )
                found = self.check(list(body), outer * high if high > 1 else outer)
            elif op == _C.BRANCH:
                found = self._branch([list(b) for b in value[1]], outer)
            elif op == _C.GROUPREF_EXISTS:  # (?(1)yes|no): either arm, like an alternation
                found = self._branch([list(value[1]), list(value[2] or [])], outer)
            elif op in _GROUPS:
                found = self.check(list(value[-1]), outer)
            elif op in (_C.ASSERT, _C.ASSERT_NOT):
                found = self.check(list(value[1]), outer)
            else:
                found = None
            if found:
                return found
        if self.traded(_flatten(items), 1, strict=False) is not None:
            return (
                "repeats in a row that can match the same characters, such as \\w*\\w* or \\w+\\s?\\w+, "
                "backtrack polynomially; merge them or put a required separator between them"
            )
        return None

    def _branch(self, branches: list[list[Any]], outer: float) -> str | None:
        if len(branches) ** min(outer, 64) > MAX_WAYS and self._overlap(branches):
            return (
                "a repeated alternation whose branches can match the same text, such as (a|a)*, "
                "can backtrack catastrophically; make the branches exclusive"
            )
        return next((found for branch in branches if (found := self.check(branch, outer))), None)

    def _overlap(self, branches: list[list[Any]]) -> bool:
        if sum(_span(branch)[0] == 0 for branch in branches) > 1:
            return True
        firsts = [self.first(branch) for branch in branches]
        return any(firsts[i] & firsts[j] for i in range(len(firsts)) for j in range(i))

    def traded(self, items: list[Any], above: float, *, strict: bool) -> float | None:
        """The largest count of variable parts (counts over `above`) that can trade characters, or None.

        A required part that none of the open characters can match pins the boundary (\\w+\\s+\\w+ is safe).
        Unless `strict`, two such parts with a required part between them (\\w*@\\w*) are allowed: that costs
        time quadratic in the length of a token at most; a third, or two side by side, are refused.
        """
        open_chars: frozenset[str] = frozenset()
        open_high, chain, separated = 0.0, 0, False
        for item in items:
            low, high = _width(item)
            if item[0] in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
                continue
            if high > low and _count(item) > above and (strict or item[0] in _REPEATS):
                if open_chars & self.first([item]):
                    chain += 1
                    if strict or not separated or chain > 1:
                        return max(open_high, _count(item))
                elif low > 0:
                    chain = 0
                open_chars = self.last([item]) | (open_chars if low == 0 else frozenset())
                open_high = max(_count(item), open_high if low == 0 else 0.0)
                separated = False
            elif low > 0 and open_chars & self.chars([item]):
                separated = True
            elif low > 0:
                open_chars, open_high, chain, separated = frozenset(), 0.0, 0, False
        return None

    def chars(self, items: list[Any]) -> frozenset[str]:
        """The probe characters (and the pattern's own literals) that `items` can consume."""
        found: set[str] = set()
        for op, value in items:
            if op == _C.LITERAL:
                found.update(self._cased(chr(value)))
            elif op in (_C.NOT_LITERAL, _C.ANY):
                found.update(c for c in _PROBES if op == _C.ANY or c != chr(value))
            elif op == _C.IN:
                found.update(c for c in _PROBES if self._in(value, c))
                found.update(ch for sub, v in value if sub == _C.LITERAL for ch in self._cased(chr(v)))
            elif op in _REPEATS:
                found |= self.chars(list(value[2]))
            elif op in _GROUPS:
                found |= self.chars(list(value[-1]))
            elif op == _C.BRANCH:
                found.update(*(self.chars(list(b)) for b in value[1]))
            elif op == _C.GROUPREF_EXISTS:
                found.update(self.chars(list(value[1])), self.chars(list(value[2] or [])))
            elif op == _C.GROUPREF:
                found.update(_PROBES)  # a backreference can repeat anything
        return frozenset(found)

    def first(self, items: list[Any]) -> frozenset[str]:
        """The characters a match of `items` can start with."""
        found: set[str] = set()
        for item in items:
            found |= self.chars([item]) if item[0] not in _GROUPS else self.first(list(item[1][-1]))
            if _width(item)[0] > 0:
                break
        return frozenset(found)

    def last(self, items: list[Any]) -> frozenset[str]:
        """The characters a match of `items` can end with."""
        found: set[str] = set()
        for item in reversed(_flatten(items)):
            op, value = item
            inner = list(value[2]) if op in _REPEATS else None
            found |= self.last(inner) if inner else self.chars([item])
            if _width(item)[0] > 0:
                break
        return frozenset(found)

    def _cased(self, char: str) -> set[str]:
        return {char, char.lower(), char.upper()} if self.ignore_case else {char}

    def _in(self, members: list[Any], char: str) -> bool:
        negate = bool(members) and members[0][0] == _C.NEGATE
        hit = any(self._member(op, value, char) for op, value in members[negate:])
        return hit != negate

    def _member(self, op: Any, value: Any, char: str) -> bool:
        chars = self._cased(char)
        if op == _C.LITERAL:
            return chr(value) in chars
        if op == _C.RANGE:
            return any(value[0] <= ord(c) <= value[1] for c in chars)
        if op == _C.CATEGORY:
            if value in _NEGATED:
                return not _CATEGORIES[_NEGATED[value]](char)
            return value in _CATEGORIES and _CATEGORIES[value](char)
        return True  # an item this check does not model: assume it can match


def _count(item: tuple[Any, Any]) -> float:
    """How many times a variable part can repeat (a repeat's maximum; 2 for an alternation)."""
    if item[0] in _REPEATS:
        return _INF if item[1][1] >= sre_parse.MAXREPEAT else item[1][1]
    return 2


def _flatten(items: list[Any]) -> list[Any]:
    """A sequence with its plain groups opened, so (\\w*)\\w* is seen as two repeats in a row."""
    out: list[Any] = []
    for op, value in items:
        if op in _GROUPS:
            out.extend(_flatten(list(value[-1])))
        else:
            out.append((op, value))
    return out


def _width(item: tuple[Any, Any]) -> tuple[float, float]:
    return _span([item])


def _span(items: list[Any]) -> tuple[float, float]:
    pattern = sre_parse.SubPattern(sre_parse.State(), items)
    low, high = pattern.getwidth()
    return low, _INF if high >= sre_parse.MAXREPEAT else high
