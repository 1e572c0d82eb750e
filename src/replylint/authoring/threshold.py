"""Split labelled drafts for training and validation, and pick the threshold that reaches a precision."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.authoring.rates import Rates

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True, slots=True)
class Point(Rates):
    """What flagging every validation draft scoring at or above `threshold` gives."""

    threshold: float
    tp: int
    fp: int
    fn: int
    tn: int


def split(gold: Sequence[bool], fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Row numbers for training and for validation: `fraction` of each class held out, shuffled by `seed`."""
    order = random.Random(seed)
    train: list[int] = []
    held: list[int] = []
    for value in (True, False):  # stratified: a rare label keeps its share of positives in both parts
        rows = [i for i, g in enumerate(gold) if g is value]
        order.shuffle(rows)
        cut = max(1, round(len(rows) * fraction)) if len(rows) > 1 else 0
        held.extend(rows[:cut])
        train.extend(rows[cut:])
    return sorted(train), sorted(held)


def point(scores: Sequence[float], gold: Sequence[bool], threshold: float) -> Point:
    """The counts at one threshold."""
    flagged = [s >= threshold for s in scores]
    pairs = list(zip(flagged, gold, strict=True))
    return Point(
        threshold,
        tp=sum(f and g for f, g in pairs),
        fp=sum(f and not g for f, g in pairs),
        fn=sum(not f and g for f, g in pairs),
        tn=sum(not f and not g for f, g in pairs),
    )


def candidates(scores: Sequence[float]) -> list[float]:
    """One threshold between each pair of neighbouring distinct scores, highest first (rounded to 4 places).

    A threshold halfway between two validation drafts flags exactly the drafts above it, with a margin on both
    sides, so the figures hold for drafts that score a hair differently.
    """
    distinct = sorted(set(scores), reverse=True)
    found: list[float] = []
    for high, low in zip(distinct, [*distinct[1:], 0.0], strict=True):
        middle = round((high + low) / 2, 4)
        found.append(middle if low < middle <= high else high)
    return found


def choose(scores: Sequence[float], gold: Sequence[bool], min_precision: float) -> tuple[Point | None, Point]:
    """The threshold with the best recall whose precision reaches `min_precision` (None if none), and the best F1.

    Among thresholds of equal recall the more precise wins, then the higher (more cautious) one.
    """
    points = [point(scores, gold, t) for t in candidates(scores)]
    best_f1 = max(points, key=lambda p: (p.f1, p.threshold))
    reaching = [p for p in points if p.tp and p.precision >= min_precision]
    if not reaching:
        return None, best_f1
    return max(reaching, key=lambda p: (p.recall, p.precision, p.threshold)), best_f1


def table_points(scores: Sequence[float], gold: Sequence[bool], chosen: Point | None) -> list[Point]:
    """The rows of the validation table: thresholds 0.1 to 0.9 and the chosen one, highest first."""
    thresholds = {round(0.1 * i, 1) for i in range(1, 10)}
    if chosen is not None:
        thresholds.add(chosen.threshold)
    return [point(scores, gold, t) for t in sorted(thresholds, reverse=True)]
