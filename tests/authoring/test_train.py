"""`replylint train`: the split, the threshold choice, determinism, the written pack, and every refusal."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from replylint.authoring.threshold import Point, candidates, choose, split
from replylint.authoring.train import TrainError, TrainOptions, train_pack
from replylint.cli.app import app
from replylint.packs.loading import load_pack
from replylint.packs.models import model_digest


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_candidates_lie_halfway_between_neighbouring_scores():
    assert candidates([0.9, 0.8, 0.8, 0.3]) == [0.85, 0.55, 0.15]


def test_the_threshold_with_the_best_recall_at_the_precision_is_chosen():
    scores = [0.9, 0.8, 0.7, 0.6, 0.3]
    gold = [True, True, False, True, False]
    chosen, _ = choose(scores, gold, 0.75)
    assert chosen == Point(0.45, tp=3, fp=1, fn=0, tn=1)
    stricter, _ = choose(scores, gold, 0.9)
    assert stricter == Point(0.75, tp=2, fp=0, fn=1, tn=2)


def test_no_threshold_is_chosen_when_none_reaches_the_precision():
    chosen, best = choose([0.9, 0.8, 0.2], [False, True, False], 0.9)
    assert chosen is None
    assert (best.threshold, best.tp, best.fp) == (0.5, 1, 1)


def test_the_split_holds_out_each_class_in_proportion_and_depends_only_on_the_seed():
    gold = [True] * 10 + [False] * 30
    train, held = split(gold, 0.2, seed=3)
    assert (sum(gold[i] for i in held), len(held), len(train)) == (2, 8, 32)
    assert split(gold, 0.2, seed=3) == (train, held)
    assert sorted(train + held) == list(range(40))


def test_the_same_data_and_seed_give_the_same_model_and_pack(labelled_file, tmp_path):
    first = train_pack(TrainOptions(labelled_file, "blame", tmp_path / "one", min_precision=0.8, epochs=3))
    second = train_pack(TrainOptions(labelled_file, "blame", tmp_path / "two", min_precision=0.8, epochs=3))
    assert model_digest(first.model) == model_digest(second.model) != ""
    assert first.pack_file.read_text().replace("one", "two") == second.pack_file.read_text()


def test_another_seed_gives_another_model(labelled_file, tmp_path):
    first = train_pack(TrainOptions(labelled_file, "blame", tmp_path / "one", min_precision=0.8, epochs=3))
    other = train_pack(TrainOptions(labelled_file, "blame", tmp_path / "two", min_precision=0.8, epochs=3, seed=7))
    assert model_digest(first.model) != model_digest(other.model)


def test_the_written_pack_holds_one_classifier_rule_with_its_measured_figures(trained_pack):
    (rule,) = load_pack(trained_pack).rules
    assert (rule.qualified_id, rule.kind, rule.label, rule.model) == (
        "team-pack.blame",
        "classifier",
        "blame",
        "models/blame",
    )
    assert 0 < rule.threshold < 1
    text = trained_pack.read_text(encoding="utf-8")
    assert f"at threshold {rule.threshold} on 20 held-out drafts (10 marked 'blame')" in text
    assert "trained on 76 labelled replies" in rule.why


def test_the_train_command_prints_the_table_and_eval_measures_the_pack(labelled_file, tmp_path):
    out = tmp_path / "my-pack"
    result = run(
        "train", str(labelled_file), "--label", "blame", "--out", str(out), "--min-precision", "0.8", "--epochs", "5"
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "validation: 20 held-out drafts"
    assert sum("chosen" in line for line in lines) == 1
    assert lines[-2].startswith("trained on 76 drafts in ")
    assert lines[-2].endswith(f"; wrote {out / 'my-pack.yaml'} and {out / 'models' / 'blame'}/")
    measured = run(
        "eval", str(labelled_file), "--pack", str(out / "my-pack.yaml"), "--no-default-packs", "--labels",
        "blame=my-pack", "--format", "json",
    )  # fmt: skip
    (score,) = json.loads(measured.stdout)["packs"]
    assert (score["pack"], score["n"], score["positives"]) == ("my-pack", 96, 48)
    assert score["precision"] >= 0.8


def test_an_unreachable_precision_exits_2_and_writes_nothing(tmp_path):
    # Every text labelled both ways: no threshold can be precise.
    texts = [f"Reply number {n} about the order." for n in range(20)]
    rows = [{"text": t, "blame": label} for t in texts for label in (0, 1)]
    data = tmp_path / "noise.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "never"
    result = run("train", str(data), "--label", "blame", "--out", str(out), "--min-precision", "0.95", "--epochs", "2")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "replylint: error: no threshold reaches precision 0.95 on the 8 validation drafts ("
    )
    assert result.stderr.endswith(
        "label more drafts, try --architecture ensemble, or lower --min-precision (nothing was written)\n"
    )
    assert "(no threshold reaches the precision)" in result.stdout
    assert not out.exists()


@pytest.mark.parametrize(
    ("rows", "args", "message"),
    [
        ([{"text": "Hello.", "blame": 1}] * 3, (), "label 'blame' needs at least 2 drafts marked 1 and 2 marked 0 (found 3 and 0)"),
        ([{"text": "Hello.", "blame": 2}], (), ":1: label 'blame' must be 0, 1 or null, not 2"),
        ([{"text": "Hello.", "blame": 1}] * 3, ("--min-precision", "0"), "--min-precision must be above 0 and at most 1, not 0.0"),
        ([{"text": "Hello.", "blame": 1}] * 3, ("--pack-name", "Team!"), "pack name 'Team!' must be lower-case letters"),
        ([{"text": "Hello.", "blame": 1}] * 3, ("--pack-name", "text"), "pack name 'text' is reserved"),
        ([{"text": "Hello.", "blame": 1}] * 3, ("--architecture", "lstm"), "--architecture must be one of bow, ensemble"),
    ],
)  # fmt: skip
def test_bad_data_or_options_exit_2_with_the_reason(tmp_path, rows, args, message):
    data = tmp_path / "labelled.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = run("train", str(data), "--label", "blame", "--out", str(tmp_path / "out"), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("replylint: error: ")
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_train_error_carries_no_table_for_bad_options(tmp_path):
    with pytest.raises(TrainError) as caught:
        train_pack(TrainOptions(tmp_path / "absent.jsonl", "blame", tmp_path / "out", validation=1.5))
    assert caught.value.table is None
