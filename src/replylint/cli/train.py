"""`replylint train`: turn a team's labelled replies into a pack with a classifier rule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.options import _die

LabelledArgument = Annotated[
    Path,
    typer.Argument(help="JSONL of labelled replies: a 'text' and a 0/1 field per label.", dir_okay=False),
]
LabelOption = Annotated[str, typer.Option("--label", help="The 0/1 field to learn (e.g. blame).", show_default=False)]
OutOption = Annotated[
    Path, typer.Option("--out", help="The pack folder to write (the pack YAML and models/).", file_okay=False)
]
MinPrecisionOption = Annotated[
    float, typer.Option("--min-precision", help="Pick the threshold with the best recall at this precision.")
]
ValidationOption = Annotated[float, typer.Option("--validation", help="Share of the drafts held out to measure.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the split and the training: same seed, same model.")]
EpochsOption = Annotated[int, typer.Option("--epochs", help="Passes over the training drafts.")]
ArchitectureOption = Annotated[
    str, typer.Option("--architecture", help="bow (bag of words, fast) or ensemble (adds a small CNN).")
]
PackNameOption = Annotated[str | None, typer.Option("--pack-name", help="Pack name (default: the --out folder's).")]
RuleIdOption = Annotated[str | None, typer.Option("--rule-id", help="Rule id (default: the label).")]


def train(
    labelled: LabelledArgument,
    label: LabelOption,
    out: OutOption,
    min_precision: MinPrecisionOption = 0.9,
    validation: ValidationOption = 0.2,
    seed: SeedOption = 0,
    epochs: EpochsOption = 10,
    architecture: ArchitectureOption = "bow",
    pack_name: PackNameOption = None,
    rule_id: RuleIdOption = None,
) -> None:
    """Train a classifier on labelled replies and write a pack whose rule uses it, with its validation figures."""
    from replylint.authoring.scoreboard import print_validation
    from replylint.authoring.train import TrainError, TrainOptions, train_pack
    from replylint.engine.training import ARCHITECTURES
    from replylint.packs.records import PackError

    if architecture not in ARCHITECTURES:
        raise _die(f"--architecture must be one of {', '.join(ARCHITECTURES)}, not {architecture!r}")
    options = TrainOptions(
        labelled, label, out, min_precision, validation, seed, epochs, architecture, pack_name, rule_id
    )
    try:
        trained = train_pack(options)
    except TrainError as exc:
        if exc.table is not None:
            print_validation(exc.table, None, exc.table[0].tp + exc.table[0].fp + exc.table[0].fn + exc.table[0].tn)
        raise _die(str(exc)) from None
    except (OSError, PackError) as exc:
        raise _die(f"cannot write {out}: {exc}") from None
    figures = trained.figures
    print_validation(trained.table, figures.chosen, figures.validated_on)
    typer.echo(
        f"trained on {figures.trained_on} drafts in {trained.seconds:.1f} s; "
        f"wrote {trained.pack_file} and {trained.model}/"
    )
    typer.echo(
        f"measure it: replylint eval LABELLED.jsonl --pack {trained.pack_file} --no-default-packs "
        f"--labels {label}={figures.pack}"
    )
