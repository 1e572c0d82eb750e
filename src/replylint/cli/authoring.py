"""`replylint test-rules` and `replylint eval`: tools for pack writers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.options import ConfigOption, NoDefaultOption, PackOption, _die, _load
from replylint.packs.loading import shipped_pack_paths
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
    from replylint.packs.loading import load_packs

    try:
        loaded = load_packs(list(packs) if packs else shipped_pack_paths())
        pipeline = nlp.load(model)
        results = check_rules([r for p in loaded for r in p.rules], pipeline)  # built-ins have unit tests
    except (PackError, nlp.ModelError) as exc:
        raise _die(str(exc)) from None
    failed = [r for r in results if not r.ok]
    for result in results:
        if not result.ok:
            typer.echo(f"FAIL {result.case} ({result.rule.source}:{result.example.line}): {result.detail}")
        elif verbose or result.detail:
            typer.echo(f"ok   {result.case}{'  ' + result.detail if result.detail else ''}")
    rules = {r.rule.qualified_id for r in results}
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed ({len(rules)} rules in {len(loaded)} packs)")
    raise typer.Exit(1 if failed else 0)


def evaluate_packs(
    labelled: Annotated[
        Path, typer.Argument(help='JSONL file: one {"text": ..., <label>: 0|1|null} per line.', dir_okay=False)
    ],
    labels: Annotated[
        list[str] | None,
        typer.Option(
            "--labels",
            help="Map a label field to a pack, FIELD=PACK; repeatable. Default: the five core "
            "labels (blame, snark, promotion, politics_religion, missing_ack).",
        ),
    ] = None,
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    errors: Annotated[
        int, typer.Option("--errors", help="Show up to N false positives and negatives per pack.", min=0)
    ] = 0,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline name or path.")] = "blank:en",
    config_file: ConfigOption = None,
    split: Annotated[
        str | None, typer.Option("--split", help="Score only the rows whose 'split' field is this.")
    ] = None,
    sources: Annotated[
        bool, typer.Option("--by-source", help="Also score each source (the rows' 'source' field) apart.")
    ] = False,
    min_precision: Annotated[
        float | None,
        typer.Option("--min-precision", min=0.0, max=1.0, help="Exit 1 when a pack that flags anything is below."),
    ] = None,
    min_f1: Annotated[
        float | None,
        typer.Option("--min-f1", min=0.0, max=1.0, help="Exit 1 when a pack with positives has a lower F1."),
    ] = None,
) -> None:
    """Measure packs on labelled drafts: precision, recall and F1 per pack; exit 1 below --min-* thresholds."""
    from replylint.authoring.evaluate import (
        DEFAULT_LABELS,
        by_source,
        fired_rules,
        in_split,
        read_labelled,
        score,
        shortfalls,
    )
    from replylint.engine import nlp
    from replylint.inputs.drafts import InputError

    if output_format not in ("table", "json"):
        raise _die(f"--format must be table or json, not {output_format!r}")
    mapping = dict(DEFAULT_LABELS) if not labels else {}
    for item in labels or ():
        name, sep, pack_name = item.partition("=")
        if not sep or not name or not pack_name:
            raise _die(f"--labels takes FIELD=PACK, not {item!r}")
        mapping[name] = pack_name
    rules = _load(config_file, pack, no_default_packs)
    known = {r.pack for r in rules.selected if r.kind != "builtin"}
    unknown = sorted(set(mapping.values()) - known)
    if unknown:
        raise _die(f"no loaded pack named {', '.join(map(repr, unknown))} (loaded: {', '.join(sorted(known))})")
    try:
        items = read_labelled(labelled, mapping)
        items = in_split(items, split) if split is not None else items
        fired = fired_rules(items, list(rules.selected), nlp.load(model))
    except (InputError, nlp.ModelError, PackError) as exc:
        raise _die(str(exc)) from None
    scores = score(items, fired, mapping)
    groups = by_source(items, fired, mapping) if sources else {}
    missed = shortfalls(scores, min_precision, min_f1)
    if output_format == "json":
        import json

        document: dict[str, object] = {"drafts": len(items), "packs": [s.as_dict() for s in scores]}
        if sources:
            document["sources"] = {
                name: {"rows": rows, "packs": [s.as_dict() for s in group]} for name, (rows, group) in groups.items()
            }
        if min_precision is not None or min_f1 is not None:
            document["below_thresholds"] = missed
        typer.echo(json.dumps(document, indent=2))
    else:
        from replylint.authoring.scoreboard import print_scores, print_sources

        print_scores(scores, len(items), errors)
        if sources:
            print_sources(groups)
    for line in missed:
        typer.echo(f"replylint: eval: below threshold: {line}", err=True)
    raise typer.Exit(1 if missed else 0)
