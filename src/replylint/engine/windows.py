"""Windowed matching on long drafts: a bounded pattern runs only around the words that gate it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable

Gate = tuple[str, frozenset[int]]

# Below this many tokens one run over the whole draft is cheaper than finding windows; above it, each active
# Matcher walking every token makes the cost per character grow with the draft (every gate opens somewhere).
WINDOWED_FROM = 100
_COUNT = re.compile(r"^\{(\d*)(,(\d*))?\}$")


@dataclass(frozen=True, slots=True)
class Reach:
    """The most tokens a match spans: `fixed`, plus for each repeated token the longest run of its words."""

    fixed: int
    runs: tuple[tuple[str, frozenset[int]], ...] = ()  # (attr, words) of each `*`, `+` or `{n,}` token


def pattern_reach(pattern: list[dict[str, Any]], literal: Callable[[dict[str, Any]], Gate | None]) -> Reach | None:
    """How far a match of `pattern` can reach, or None when a repeated token is not limited to listed words.

    `literal` gives the (attr, words) a token is limited to. A repeated token's part of a match is a run of
    consecutive tokens among its words, so the draft's longest such run bounds it exactly.
    """
    fixed, runs = 0, []
    for token in pattern:
        op = token.get("OP")
        counted = _COUNT.match(op) if isinstance(op, str) else None
        if op in (None, "!", "?", "1"):
            fixed += 1
        elif counted is not None and (not counted.group(2) or counted.group(3)):
            fixed += int(counted.group(3) or counted.group(1))  # {n}, {n,m}, {,m}
        else:
            gate = literal(token)
            if gate is None:
                return None
            runs.append(gate)
    return Reach(fixed, tuple(runs))


class Positions:
    """Where each word of a draft occurs, by lower-cased form and by lemma, built on first use."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self._arrays = arrays
        self._runs: dict[Gate, int] = {}
        self._where: dict[str, dict[int, list[int]]] = {}
        self._found: dict[Gate, list[int]] = {}

    def of(self, attr: str, words: frozenset[int]) -> list[int]:
        """The sorted token positions of any of `words` under `attr` ("lower" or "lemma")."""
        known = self._found.get((attr, words))
        if known is None:
            known = self._found[attr, words] = self._positions(attr, words)
        return known

    def _positions(self, attr: str, words: frozenset[int]) -> list[int]:
        where = self._where.get(attr)
        if where is None:
            where = {}
            for i, word in enumerate(self._arrays[attr].tolist()):
                where.setdefault(word, []).append(i)
            self._where[attr] = where
        found = [where[word] for word in words if word in where]
        return found[0] if len(found) == 1 else sorted(i for positions in found for i in positions)

    def reach(self, reach: Reach) -> int:
        """The most tokens a match can span in this draft."""
        return reach.fixed + sum(self._longest_run(gate) for gate in reach.runs)

    def _longest_run(self, gate: Gate) -> int:
        known = self._runs.get(gate)
        if known is None:
            attr, words = gate
            inside = np.isin(self._arrays[attr], np.fromiter(words, dtype=np.uint64, count=len(words)))
            edges = np.diff(np.concatenate(([0], inside.view(np.int8), [0])))
            starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
            known = self._runs[gate] = int((ends - starts).max()) if len(starts) else 0
        return known


def windows(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """Token ranges holding every match of at most `reach` tokens that contains one of `positions`.

    Overlapping ranges are merged, so a match is found once and longest-match filtering sees its rivals.
    """
    merged: list[tuple[int, int]] = []
    for position in positions:
        start, end = max(0, position - reach + 1), min(length, position + reach)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
