"""Write the pack YAML that `replylint train` produces: one classifier rule with its measured figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.storage import atomic_write

if TYPE_CHECKING:
    from pathlib import Path

    from replylint.authoring.threshold import Point


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything the written pack says about how its model was trained and how it did on validation."""

    pack: str
    rule_id: str
    label: str
    model: str  # relative to the pack file
    source: str  # the labelled file's name
    seed: int
    trained_on: int
    validated_on: int
    positives: int  # among the validation drafts
    chosen: Point
    min_precision: float


def pack_text(figures: Figures) -> str:
    """The pack as YAML; every string is written JSON-quoted, which YAML reads as the same string."""
    f, p = figures, figures.chosen
    measured = (
        f"precision {p.precision:.2f}, recall {p.recall:.2f}, F1 {p.f1:.2f} at threshold {p.threshold} "
        f"on {f.validated_on} held-out drafts ({f.positives} marked {f.label!r})"
    )
    strings = {
        "pack": f"A classifier trained on {f.source}: {measured}.",
        "description": f"Reads as {f.label!r} to a model trained on the team's labelled replies.",
        "message": f"This reply reads as {f.label!r} to the model trained on your labelled replies (score {{score}}).",
        "why": (
            f"The team's own labels: a model trained on {f.trained_on} labelled replies flags drafts scoring "
            f"{p.threshold} or more for {f.label!r}. Measured on held-out drafts: {measured}."
        ),
        "suggest": (
            "Reread the highlighted sentence as the customer would and rewrite it. If the model is wrong here, "
            "add the draft to your labelled replies and train again."
        ),
    }
    q = {key: json.dumps(value, ensure_ascii=False) for key, value in strings.items()}
    return "\n".join(
        [
            f"# Written by `replylint train` from {f.source} (label {f.label!r}, seed {f.seed}, "
            f"--min-precision {f.min_precision}).",
            f"# Validation: {measured}.",
            f"# tp {p.tp}, fp {p.fp}, fn {p.fn}, tn {p.tn}. Train again rather than edit the model or the threshold.",
            f"pack: {json.dumps(f.pack)}",
            f"description: {q['pack']}",
            "rules:",
            f"  - id: {json.dumps(f.rule_id)}",
            "    kind: classifier",
            "    severity: warning",
            f"    model: {json.dumps(f.model)}",
            f"    label: {json.dumps(f.label, ensure_ascii=False)}",
            f"    threshold: {p.threshold}",
            f"    description: {q['description']}",
            f"    message: {q['message']}",
            f"    why: {q['why']}",
            f"    suggest: {q['suggest']}",
            "",
        ]
    )


def write_pack(path: Path, figures: Figures) -> Path:
    """Write (or replace) the pack file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, pack_text(figures))
    return path
