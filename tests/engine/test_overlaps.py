"""One finding per span: overlapping hits of one pack become the most specific, trimmed of edge punctuation."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from replylint.cli import app
from replylint.engine.hits import Hit
from replylint.engine.overlaps import one_per_span
from replylint.findings import Severity
from replylint.packs.records import Rule


def lines(text: str) -> list[str]:
    result = CliRunner().invoke(app, ["check", "--no-cache", "--format", "text", "--text", text])
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines()]


def rule(pack: str, rule_id: str, severity: Severity, kind: str = "pattern") -> Rule:
    return Rule(pack, rule_id, kind, severity, "d", "'{match}'", "w", "s", "<test>", 1)


def test_overlapping_hits_of_one_pack_give_one_finding():
    found = lines("Thanks. Clearly you didn't read my last message.")
    assert [f for f in found if "[snark." in f] == [
        "warning [snark.statement-put-down] 'Clearly you didn't read' belittles the reader."
    ]


def test_other_packs_keep_their_own_finding_on_the_same_words():
    found = lines("Thanks. Clearly you didn't read my last message.")
    # Both packs report the same words; findings come sorted by place, then rule id.
    assert [f.split("]")[0].split("[")[1] for f in found] == ["blame.customer-fault", "snark.statement-put-down"]


def test_spans_and_messages_leave_out_edge_punctuation():
    assert "warning [blame.not-our-responsibility] 'not ours' tells the customer" in " ".join(
        lines("Thanks. That is sorted on our side, not ours!")
    )


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([("a", "warning", 0, 5), ("b", "error", 3, 8)], ["b"]),  # higher severity wins
        ([("a", "warning", 0, 5), ("b", "warning", 0, 9)], ["b"]),  # then the longer span
        ([("a", "warning", 0, 5), ("b", "warning", 5, 9)], ["a", "b"]),  # touching is not overlapping
        ([("a", "warning", 0, 4), ("b", "warning", 3, 6), ("c", "warning", 5, 12)], ["c"]),  # a chain is one run
    ],
)
def test_the_most_specific_hit_of_a_run_is_kept(spans, kept):
    text = "x" * 20
    hits = [Hit(rule("p", name, Severity(level)), a, b, "m") for name, level, a, b in spans]
    assert sorted(h.rule.id for h in one_per_span(hits, text)) == kept


def test_metrics_and_substitutions_are_never_merged_or_trimmed():
    text = "  kindly wait  "
    metric = Hit(rule("p", "long", Severity.WARNING, "metric"), 0, 15, "m")
    substitution = Hit(rule("p", "kindly", Severity.WARNING, "substitution"), 1, 9, "m")
    assert one_per_span([metric, substitution], text) == [metric, substitution]
