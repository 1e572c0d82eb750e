"""`replylint eval`: reading labelled drafts, scoring per pack, and its table and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.authoring.evaluate import Labelled, evaluate, read_labelled
from replylint.cli.app import app
from replylint.inputs.drafts import InputError
from replylint.packs.loading import load_pack

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")
ROWS = [
    {"id": "tp", "text": "Sorry, that is your fault.", "blame": 1, "silent": 0},
    {"id": "fn", "text": "Sorry, the courier lost it, not us.", "blame": 1, "silent": 0},
    {"id": "fp", "text": "Thanks! Blame UPS for the wait.", "blame": 0, "silent": 0},
    {"id": "tn", "text": "Thanks, it ships today.", "blame": 0, "silent": None},
    {"id": "silent", "text": "DM us your order number.", "blame": 0, "silent": 1},
]


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n\n")
    return path


def test_scores_count_each_outcome(labelled, pipeline):
    rules = [r for r in load_pack(Path(DEMO)).rules if r.id in ("fault", "forgot")]
    items = read_labelled(labelled, {"blame": "demo"})
    (score,) = evaluate(items, rules, pipeline, {"blame": "demo"})
    assert (score.tp, score.fp, score.fn, score.tn) == (1, 1, 1, 2)
    assert (round(score.precision, 3), round(score.recall, 3), round(score.f1, 3)) == (0.5, 0.5, 0.5)
    assert [m.draft.id for m in score.false_positives] == ["fp"]
    assert score.false_positives[0].rules == ("demo.forgot",)
    assert [m.draft.id for m in score.false_negatives] == ["fn"]


def test_null_labels_are_not_scored(labelled, pipeline):
    rules = [r for r in load_pack(Path(DEMO)).rules if r.id == "thanks"]
    (score,) = evaluate(read_labelled(labelled, {"silent": "demo"}), rules, pipeline, {"silent": "demo"})
    assert (score.tp, score.fp, score.fn, score.tn) == (1, 0, 0, 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a", "blame": 1}\nnot json\n', "gold.jsonl:2: not valid JSON"),
        ('{"blame": 1}\n', 'gold.jsonl:1: each line needs a "text" string'),
        ('{"text": "a", "blame": "yes"}\n', "gold.jsonl:1: label 'blame' must be 0, 1 or null, not 'yes'"),
        ("\n", "gold.jsonl: no labelled drafts"),
    ],
)
def test_bad_labelled_files_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_labelled(path, {"blame": "demo"})


def test_labelled_record_keeps_its_line(labelled):
    items = read_labelled(labelled, {"blame": "demo"})
    assert items[1] == Labelled("fn", ROWS[1]["text"], 2, {"blame": True})


def test_cli_json_output(labelled):
    result = CliRunner().invoke(
        app,
        ["eval", str(labelled), "--no-default-packs", "--pack", DEMO, "--labels", "silent=demo", "--format", "json"],
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "drafts": 5,
        "packs": [
            {
                "label": "silent",
                "pack": "demo",
                "n": 4,
                "positives": 1,
                "tp": 1,
                "fp": 2,
                "fn": 0,
                "tn": 1,
                "precision": 0.333,
                "recall": 1.0,
                "f1": 0.5,
            }
        ],
    }


def test_cli_table_and_errors(labelled):
    result = CliRunner().invoke(
        app, ["eval", str(labelled), "--no-default-packs", "--pack", DEMO, "--labels", "blame=demo", "--errors", "1"]
    )
    assert result.exit_code == 0
    assert "│ blame │ demo │ 5 │   2 │  1 │  2 │  1 │     0.333 │  0.500 │ 0.400 │" in result.stdout
    assert "[demo false positive] line 5 (silent)" not in result.stdout  # --errors 1 shows one of two
    assert "[demo false positive] line 3 (fp) fired: demo.forgot" in result.stdout


def test_cli_refuses_unknown_packs_and_bad_mappings(labelled):
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(labelled), "--no-default-packs", "--pack", DEMO, "--labels", "blame=nope"])
    assert (result.exit_code, "no loaded pack or rule named 'nope' (loaded: demo)" in result.stderr) == (2, True)
    result = runner.invoke(app, ["eval", str(labelled), "--labels", "blame"])
    assert (result.exit_code, "--labels takes FIELD=PACK, not 'blame'" in result.stderr) == (2, True)


@pytest.fixture
def sourced(tmp_path):
    rows = [
        {**ROWS[0], "source": "mail", "split": "tune"},
        {**ROWS[1], "source": "mail", "split": "tune"},
        {**ROWS[2], "source": "forum", "split": "check"},
        {**ROWS[3], "source": "forum", "split": "check"},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def _eval_json(path, *flags):
    args = ["eval", str(path), "--no-default-packs", "--pack", DEMO, "--labels", "blame=demo", "--format", "json"]
    return CliRunner().invoke(app, [*args, *flags])


def test_split_scores_only_its_rows(sourced):
    result = _eval_json(sourced, "--split", "tune")
    assert result.exit_code == 0
    (blame,) = json.loads(result.stdout)["packs"]
    assert (blame["n"], blame["tp"], blame["fn"], blame["fp"]) == (2, 1, 1, 0)


def test_a_split_with_no_rows_is_an_error_naming_the_splits(sourced):
    result = _eval_json(sourced, "--split", "dev")
    assert result.exit_code == 2
    assert "no labelled drafts in split 'dev' (splits in the file: check, tune)" in result.stderr


def test_by_source_scores_each_source_apart(sourced):
    document = json.loads(_eval_json(sourced, "--by-source").stdout)
    assert sorted(document["sources"]) == ["forum", "mail"]
    forum = document["sources"]["forum"]
    assert forum["rows"] == 2
    assert (forum["packs"][0]["fp"], forum["packs"][0]["tn"], forum["packs"][0]["positives"]) == (1, 1, 0)
    mail = document["sources"]["mail"]["packs"][0]
    assert (mail["tp"], mail["fn"], mail["f1"]) == (1, 1, 0.667)


def test_by_source_table_shows_f1_and_positives(sourced):
    args = ["eval", str(sourced), "--no-default-packs", "--pack", DEMO, "--labels", "blame=demo", "--by-source"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert "│ mail   │    2 │    0.667/2 │" in result.stdout
    assert "│ forum  │    2 │ -/0 (1 fp) │" in result.stdout


def test_thresholds_fail_the_run_and_say_which_pack_missed(sourced):
    result = _eval_json(sourced, "--min-precision", "0.9", "--min-f1", "0.5")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["below_thresholds"] == ["demo: precision 0.500 < 0.900"]
    assert "replylint: eval: below threshold: demo: precision 0.500 < 0.900" in result.stderr


def test_thresholds_that_hold_pass(sourced):
    result = _eval_json(sourced, "--split", "tune", "--min-precision", "0.9", "--min-f1", "0.6")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["below_thresholds"] == []


def test_a_non_string_source_is_refused_with_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "Hi", "blame": 0, "source": 3}) + "\n")
    with pytest.raises(InputError, match=r"gold\.jsonl:1: 'source' must be a string, not 3"):
        read_labelled(path, {"blame": "demo"})
