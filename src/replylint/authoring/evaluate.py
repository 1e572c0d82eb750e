"""Measure packs against labelled drafts: precision, recall and F1 per pack, with examples of the errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.authoring.rates import Rates
from replylint.findings import under
from replylint.inputs.collections.keys import CONTEXT_KEYS
from replylint.inputs.drafts import InputError, draft_from_text
from replylint.inputs.files import decode

if TYPE_CHECKING:
    from collections.abc import Mapping

    from replylint.engine.nlp import Pipeline
    from replylint.packs.records import Rule

# The gold-label fields of the shipped evaluation format and the pack each one measures.
DEFAULT_LABELS = {
    "blame": "blame",
    "snark": "snark",
    "promotion": "promotion",
    "politics_religion": "politics-religion",
    "missing_ack": "acknowledgement",
}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled draft: its text, where it came from, gold 0/1/None per label field, and the message it answers."""

    id: str
    text: str
    line: int
    gold: dict[str, bool | None]
    source: str | None = None
    split: str | None = None
    context: str | None = None  # the customer's message the draft replies to: the context rules run on it


@dataclass(frozen=True, slots=True)
class Miss:
    """A false positive (with the rules that fired) or a false negative."""

    draft: Labelled
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Score(Rates):
    """Counts and rates for one label/pack pair."""

    label: str
    pack: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: tuple[Miss, ...] = field(default=())
    false_negatives: tuple[Miss, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "pack": self.pack,
            "n": self.tp + self.fp + self.fn + self.tn,
            "positives": self.tp + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


def read_labelled(path: Path, labels: dict[str, str], context_keys: tuple[str, ...] = CONTEXT_KEYS) -> list[Labelled]:
    """Read a JSONL file of {"text": ..., <label>: 0|1|null, "in_reply_to": ...}; errors name the file and line.

    The first field of the row named as one of `context_keys` (any case) and holding text is the customer's
    message the row's draft answers.
    """
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON: {exc.msg}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{path}:{number}: each line needs a "text" string')
        gold: dict[str, bool | None] = {}
        for label in labels:
            value = record.get(label)
            if value not in (0, 1, None, True, False):
                raise InputError(f"{path}:{number}: label {label!r} must be 0, 1 or null, not {value!r}")
            gold[label] = None if value is None else bool(value)
        origin = {key: _tag(record, key, path, number) for key in ("source", "split")}
        context = _context(record, context_keys, path, number)
        items.append(Labelled(str(record.get("id", number)), record["text"], number, gold, **origin, context=context))
    if not items:
        raise InputError(f"{path}: no labelled drafts")
    return items


def _tag(record: dict, key: str, path: Path, number: int) -> str | None:
    """An optional string field of a labelled row (`source`, `split`)."""
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{path}:{number}: {key!r} must be a string, not {value!r}")
    return value


def _context(record: dict, keys: tuple[str, ...], path: Path, number: int) -> str | None:
    """The customer's message of a row: the first context key (as collections match them, any case) with text."""
    wanted = {key.lower() for key in keys}
    for key, value in record.items():
        if key.lower() not in wanted or value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"{path}:{number}: {key!r} (the customer's message) must be a string, not {value!r}")
        if value.strip():
            return value
    return None


def in_split(items: list[Labelled], split: str) -> list[Labelled]:
    """The rows of one split; InputError when there are none, naming the splits that exist."""
    chosen = [item for item in items if item.split == split]
    if not chosen:
        present = sorted({item.split for item in items if item.split is not None})
        known = f"splits in the file: {', '.join(present)}" if present else "no row has a 'split' field"
        raise InputError(f"no labelled drafts in split {split!r} ({known})")
    return chosen


def fired_rules(items: list[Labelled], rules: list[Rule], pipeline: Pipeline) -> list[tuple[str, ...]]:
    """Lint every draft in one batch: the ids of the rules that fired on each."""
    from replylint.engine.kinds import compile_rules
    from replylint.engine.linter import lint

    compiled = compile_rules(rules, pipeline)
    # A row's customer message is its draft's, as a collection entry's in_reply_to is: the context rules read it.
    drafts = [replace(draft_from_text(f"<{item.id}>", item.text), context=item.context) for item in items]
    return [tuple(sorted({f.rule for f in findings})) for _, findings in lint(drafts, compiled, pipeline)]


def evaluate(items: list[Labelled], rules: list[Rule], pipeline: Pipeline, labels: dict[str, str]) -> list[Score]:
    """Lint every draft in one batch and score each label against the pack it maps to."""
    return score(items, fired_rules(items, rules, pipeline), labels, stand_ins(rules))


def stand_ins(rules: list[Rule]) -> dict[str, tuple[str, ...]]:
    """Rule id -> the rules (ids or prefixes) whose finding its own finding replaces (a context rule's `replaces`)."""
    return {rule.qualified_id: rule.replaces for rule in rules if rule.replaces}


def _counts_for(rule_id: str, target: str, stands_for: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a fired rule flags a row for a label's pack or rule: its own, or one whose finding it replaced.

    "context.no-empathy-for-distress" stands in for "acknowledgement.missing-acknowledgement" (the linter drops the
    generic finding for it), so it flags the row for "acknowledgement" as the replaced finding would have.
    """
    if under(rule_id, target):
        return True
    return any(under(target, gone) or under(gone, target) for gone in stands_for.get(rule_id, ()))


def by_source(
    items: list[Labelled],
    fired: list[tuple[str, ...]],
    labels: dict[str, str],
    stands_for: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, tuple[int, list[Score]]]:
    """Per source (rows without one grouped as '-'): its number of rows and its scores."""
    groups: dict[str, list[int]] = {}
    for number, item in enumerate(items):
        groups.setdefault(item.source or "-", []).append(number)
    return {
        name: (len(numbers), score([items[i] for i in numbers], [fired[i] for i in numbers], labels, stands_for))
        for name, numbers in sorted(groups.items())
    }


def shortfalls(scores: list[Score], min_precision: float | None, min_f1: float | None) -> list[str]:
    """Every threshold a pack misses: precision where it flagged anything, F1 where there are positives."""
    missed = []
    for s in scores:
        if min_precision is not None and s.tp + s.fp and s.precision < min_precision:
            missed.append(f"{s.pack}: precision {s.precision:.3f} < {min_precision:.3f}")
        if min_f1 is not None and s.tp + s.fn and s.f1 < min_f1:
            missed.append(f"{s.pack}: F1 {s.f1:.3f} < {min_f1:.3f}")
    return missed


def score(
    items: list[Labelled],
    fired: list[tuple[str, ...]],
    labels: dict[str, str],
    stands_for: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Score]:
    """Score each label against the pack (or rule) it maps to, given the rules that fired on each draft."""
    scores = []
    for label, pack in labels.items():
        counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
        fps: list[Miss] = []
        fns: list[Miss] = []
        for item, rule_ids in zip(items, fired, strict=True):
            gold = item.gold.get(label)
            if gold is None:
                continue
            # A label measures a pack ("context") or one of its rules ("context.name-mismatch").
            mine = tuple(r for r in rule_ids if _counts_for(r, pack, stands_for or {}))
            outcome = ("tp" if gold else "fp") if mine else ("fn" if gold else "tn")
            counts[outcome] += 1
            if outcome == "fp":
                fps.append(Miss(item, mine))
            elif outcome == "fn":
                fns.append(Miss(item, ()))
        scores.append(Score(label, pack, **counts, false_positives=tuple(fps), false_negatives=tuple(fns)))
    return scores
