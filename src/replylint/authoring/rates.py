"""Precision, recall and F1 from counts: one definition for `eval` scores and `train`'s threshold table."""

from __future__ import annotations


class Rates:
    """Rates of a record that has `tp`, `fp` and `fn` counts (an empty denominator rates 0)."""

    __slots__ = ()
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
