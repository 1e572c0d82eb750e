"""`replylint test-rules` and `replylint eval`: tools for pack writers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.flags import (
    BySourceFlag,
    ContextKeyFlag,
    ErrorsFlag,
    EvalFormatFlag,
    EvalModelFlag,
    LabelledFlag,
    LabelsFlag,
    MinF1Flag,
    MinPrecisionFlag,
    SplitFlag,
)
from replylint.cli.options import ConfigOption, NoDefaultOption, PackOption, _die, _load
from replylint.packs.records import PackError


def test_rules(
    packs: Annotated[
        list[Path] | None,
        typer.Argument(help="Packs to test (default: the shipped packs).", dir_okay=False, show_default=False),
    ] = None,
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline name or path.")] = "blank:en",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List passing examples too.")] = False,
) -> None:
    """Run each rule's in-file examples: fail examples must match their [[marks]] exactly, pass ones nothing."""
    from replylint.authoring.examples import check_rules
    from replylint.engine import nlp
    from replylint.packs.builtin import BUILTIN_RULES
    from replylint.packs.loading import load_packs, shipped_pack_paths

    try:
        loaded = load_packs(list(packs) if packs else shipped_pack_paths())
        pipeline = nlp.load(model)
        # The built-ins' own examples run with the shipped packs, whose rules they report on.
        builtins = () if packs else BUILTIN_RULES
        results = check_rules([r for p in loaded for r in p.rules], pipeline, builtins)
    except (PackError, nlp.ModelError) as exc:
        raise _die(str(exc)) from None
    failed = [r for r in results if not r.ok]
    for result in results:
        if not result.ok:
            typer.echo(f"FAIL {result.case} ({result.rule.source}:{result.example.line}): {result.detail}")
        elif verbose or result.detail:
            typer.echo(f"ok   {result.case}{'  ' + result.detail if result.detail else ''}")
    rules = {r.rule.qualified_id for r in results}
    tally = f"{len(rules) - len(builtins)} rules in {len(loaded)} packs" + (
        f" and {len(builtins)} built-ins" if builtins else ""
    )
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed ({tally})")
    raise typer.Exit(1 if failed else 0)


def evaluate_packs(
    labelled: LabelledFlag,
    labels: LabelsFlag = None,
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    errors: ErrorsFlag = 0,
    output_format: EvalFormatFlag = "table",
    model: EvalModelFlag = "blank:en",
    config_file: ConfigOption = None,
    split: SplitFlag = None,
    sources: BySourceFlag = False,
    min_precision: MinPrecisionFlag = None,
    min_f1: MinF1Flag = None,
    context_keys: ContextKeyFlag = None,
) -> None:
    """Measure packs on labelled drafts: precision, recall and F1 per pack; exit 1 below --min-* thresholds."""
    from replylint.authoring.evaluate import (
        by_source,
        fired_rules,
        in_split,
        read_labelled,
        score,
        shortfalls,
        stand_ins,
    )
    from replylint.engine import nlp
    from replylint.inputs.collections.keys import CONTEXT_KEYS
    from replylint.inputs.drafts import InputError

    if output_format not in ("table", "json"):
        raise _die(f"--format must be table or json, not {output_format!r}")
    mapping = _label_mapping(labels)
    rules = _load(config_file, pack, no_default_packs)
    packs = {r.pack for r in rules.selected if r.kind != "builtin"}
    known = packs | {r.qualified_id for r in rules.selected if r.kind != "builtin"}
    unknown = sorted(set(mapping.values()) - known)
    if unknown:
        raise _die(f"no loaded pack or rule named {', '.join(map(repr, unknown))} (loaded: {', '.join(sorted(packs))})")
    try:
        items = read_labelled(labelled, mapping, tuple(context_keys) if context_keys else CONTEXT_KEYS)
        items = in_split(items, split) if split is not None else items
        fired = fired_rules(items, list(rules.selected), nlp.load(model))
    except (InputError, nlp.ModelError, PackError) as exc:
        raise _die(str(exc)) from None
    stands_for = stand_ins(list(rules.selected))
    scores = score(items, fired, mapping, stands_for)
    groups = by_source(items, fired, mapping, stands_for) if sources else None
    missed = shortfalls(scores, min_precision, min_f1)
    gated = min_precision is not None or min_f1 is not None
    if output_format == "json":
        typer.echo(_eval_json(len(items), scores, groups, missed if gated else None))
    else:
        from replylint.authoring.scoreboard import print_scores, print_sources

        print_scores(scores, len(items), errors)
        if groups is not None:
            print_sources(groups)
    for line in missed:
        typer.echo(f"replylint: eval: below threshold: {line}", err=True)
    raise typer.Exit(1 if missed else 0)


def _label_mapping(labels: list[str] | None) -> dict[str, str]:
    """--labels FIELD=PACK pairs, or the five core labels."""
    from replylint.authoring.evaluate import DEFAULT_LABELS

    mapping = dict(DEFAULT_LABELS) if not labels else {}
    for item in labels or ():
        name, sep, pack_name = item.partition("=")
        if not sep or not name or not pack_name:
            raise _die(f"--labels takes FIELD=PACK, not {item!r}")
        mapping[name] = pack_name
    return mapping


def _eval_json(drafts: int, scores: list, groups: dict | None, missed: list[str] | None) -> str:
    import json

    document: dict[str, object] = {"drafts": drafts, "packs": [s.as_dict() for s in scores]}
    if groups is not None:
        document["sources"] = {
            name: {"rows": rows, "packs": [s.as_dict() for s in group]} for name, (rows, group) in groups.items()
        }
    if missed is not None:
        document["below_thresholds"] = missed
    return json.dumps(document, indent=2)
