"""Refuse pack regexes that can backtrack catastrophically, before they ever meet a draft."""

from __future__ import annotations

import re

try:  # Python 3.11+: the parser moved to re._parser (sre_parse is deprecated)
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}
_UNBOUNDED = sre_parse.MAXREPEAT
MAX_LENGTH = 1000


def problem(pattern: str) -> str | None:
    """Why `pattern` is refused (invalid, too long, or nested unbounded repetition), or None if it is safe."""
    if len(pattern) > MAX_LENGTH:
        return f"regex longer than {MAX_LENGTH} characters"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"invalid regex: {exc}"
    if _nested(parsed, inside_unbounded=False):
        return (
            "nested unbounded repetition such as (a+)+ can backtrack catastrophically; "
            "rewrite it without a quantifier inside a quantified group"
        )
    return None


def _nested(items: object, *, inside_unbounded: bool) -> bool:
    for op, value in items:  # type: ignore[attr-defined]
        if op in _REPEATS:
            _, high, body = value
            unbounded = high == _UNBOUNDED or high > 100
            if unbounded and inside_unbounded:
                return True
            if _nested(body, inside_unbounded=inside_unbounded or unbounded):
                return True
        elif op == sre_parse.BRANCH:
            if any(_nested(branch, inside_unbounded=inside_unbounded) for branch in value[1]):
                return True
        elif op in (sre_parse.SUBPATTERN, sre_parse.ASSERT, sre_parse.ASSERT_NOT) and _nested(
            value[-1], inside_unbounded=inside_unbounded
        ):
            return True
    return False
