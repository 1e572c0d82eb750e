"""`replylint train`: labelled drafts -> a classifier model and a pack holding its rule, with validation figures."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from replylint.authoring.evaluate import read_labelled
from replylint.authoring.packfile import Figures, write_pack
from replylint.authoring.threshold import Point, choose, split, table_points
from replylint.packs.fields import NAME
from replylint.packs.schema import RESERVED_PACKS

# Measured on a labelled dev set with few positives, the ensemble reached a precision the bag of words could not.
_TRY_ENSEMBLE = ", try --architecture ensemble,"
# Below this many drafts of either class a validation part cannot say anything about precision.
MIN_PER_CLASS = 2


class TrainError(Exception):
    """Training cannot go on (bad data or options): the message says why; `table` is set when there is one."""

    def __init__(self, message: str, table: list[Point] | None = None) -> None:
        super().__init__(message)
        self.table = table


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """What `replylint train` was asked to do."""

    labelled: Path
    label: str
    out: Path
    min_precision: float = 0.9
    validation: float = 0.2
    seed: int = 0
    epochs: int = 10
    architecture: str = "bow"
    pack: str | None = None  # default: the --out folder's name
    rule_id: str | None = None  # default: the label


@dataclass(frozen=True, slots=True)
class Trained:
    """What training wrote and measured."""

    pack_file: Path
    model: Path
    figures: Figures
    table: list[Point]
    seconds: float


def train_pack(options: TrainOptions) -> Trained:
    """Read, split, train, pick the threshold and write the model and the pack; TrainError on any refusal."""
    from replylint.engine import nlp, training

    pack, rule_id = _names(options)
    texts, gold = _labelled(options)
    train_rows, held = split(gold, options.validation, options.seed)
    recipe = training.Recipe(options.label, options.seed, options.epochs, options.architecture)
    started = time.perf_counter()
    model = training.train([texts[i] for i in train_rows], [gold[i] for i in train_rows], recipe)
    seconds = time.perf_counter() - started
    held_gold = [gold[i] for i in held]
    scores = training.scores(model, options.label, [texts[i] for i in held], nlp.load())
    chosen, best_f1 = choose(scores, held_gold, options.min_precision)
    table = table_points(scores, held_gold, chosen)
    if chosen is None:
        raise TrainError(
            f"no threshold reaches precision {options.min_precision:.2f} on the {len(held)} validation drafts "
            f"(best F1 {best_f1.f1:.2f} at threshold {best_f1.threshold:.4f}, precision {best_f1.precision:.2f}); "
            f"label more drafts{_TRY_ENSEMBLE if options.architecture == 'bow' else ''} or lower --min-precision "
            "(nothing was written)",
            table,
        )
    folder = options.out / "models" / rule_id
    training.save(model, folder)
    figures = Figures(
        pack=pack,
        rule_id=rule_id,
        label=options.label,
        model=f"models/{rule_id}",
        source=options.labelled.name,
        seed=options.seed,
        trained_on=len(train_rows),
        validated_on=len(held),
        positives=sum(held_gold),
        chosen=chosen,
        min_precision=options.min_precision,
    )
    pack_file = write_pack(options.out / f"{pack}.yaml", figures)
    return Trained(pack_file, folder, figures, table, seconds)


def _names(options: TrainOptions) -> tuple[str, str]:
    """The pack name and rule id, checked before any training time is spent."""
    if not 0 < options.validation < 1:
        raise TrainError(f"--validation must be a fraction between 0 and 1, not {options.validation}")
    if not 0 < options.min_precision <= 1:
        raise TrainError(f"--min-precision must be above 0 and at most 1, not {options.min_precision}")
    if options.epochs < 1:
        raise TrainError(f"--epochs must be at least 1, not {options.epochs}")
    pack = options.pack or _slug(options.out.resolve().name)
    rule_id = options.rule_id or _slug(options.label)
    for what, value in (("pack name", pack), ("rule id", rule_id)):
        if not NAME.match(value):
            flag = "--pack-name" if what == "pack name" else "--rule-id"
            raise TrainError(f"{what} {value!r} must be lower-case letters, digits and dashes (set {flag})")
    if pack in RESERVED_PACKS:
        raise TrainError(f"pack name {pack!r} is reserved for replylint's own rules (set --pack-name)")
    return pack, rule_id


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _labelled(options: TrainOptions) -> tuple[list[str], list[bool]]:
    """The texts and 0/1 labels of the rows that carry the label (rows where it is null are left out)."""
    from replylint.inputs.drafts import InputError

    try:
        items = read_labelled(options.labelled, {options.label: options.label})
    except InputError as exc:
        raise TrainError(str(exc)) from None
    rows = [(item.text, item.gold[options.label]) for item in items if item.gold[options.label] is not None]
    texts = [text for text, _ in rows]
    gold = [bool(g) for _, g in rows]
    positives, negatives = sum(gold), len(gold) - sum(gold)
    if positives < MIN_PER_CLASS or negatives < MIN_PER_CLASS:
        raise TrainError(
            f"{options.labelled}: label {options.label!r} needs at least {MIN_PER_CLASS} drafts marked 1 and "
            f"{MIN_PER_CLASS} marked 0 (found {positives} and {negatives})"
        )
    return texts, gold
