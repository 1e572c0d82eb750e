"""The classifier rule kind: findings on the top sentence with the score, lazy loading, and unusable models."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app
from replylint.engine import classifier
from replylint.engine.kinds import compile_rules
from replylint.engine.linter import lint
from replylint.inputs.drafts import draft_from_text
from replylint.packs.loading import load_pack

BLAMING = "Hi Sam,\n\nThanks for the photos. You typed the wrong address, so the parcel came back. I can resend it.\n"
OWNING = "Thanks for telling us, a new parcel leaves today.\n"


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--no-default-packs", "--format", "text", "--no-cache", *args])


@pytest.fixture
def pack_copy(trained_pack: Path, tmp_path: Path) -> Path:
    """A copy of the trained pack folder that a test may damage."""
    folder = shutil.copytree(trained_pack.parent, tmp_path / "copy")
    return folder / trained_pack.name


def test_a_blaming_draft_is_flagged_on_its_blaming_sentence_with_the_score(trained_pack, tmp_path):
    (tmp_path / "reply.txt").write_text(BLAMING, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(OWNING, encoding="utf-8")
    result = check("--pack", str(trained_pack), str(tmp_path / "reply.txt"), str(tmp_path / "fine.txt"))
    ((line,),) = [result.stdout.splitlines()]
    assert line.startswith(f"{tmp_path / 'reply.txt'}:3:24: warning [team-pack.blame] This reply reads as 'blame'")
    assert "(score 0." in line
    assert result.exit_code == 1


def test_the_finding_spans_the_top_sentence(trained_pack, pipeline):
    rules = load_pack(trained_pack).rules
    compiled = compile_rules(rules, pipeline)
    ((_, findings),) = list(lint([draft_from_text("d.txt", BLAMING)], compiled, pipeline))
    assert [(f.match, f.line, f.column, f.end_column) for f in findings] == [
        ("You typed the wrong address, so the parcel came back.", 3, 24, 77)
    ]


def test_the_same_model_gives_the_same_findings(trained_pack, pipeline):
    rules = load_pack(trained_pack).rules
    drafts = [draft_from_text("a.txt", BLAMING), draft_from_text("b.txt", OWNING)]
    first = list(lint(drafts, compile_rules(rules, pipeline), pipeline))
    again = list(lint(drafts, compile_rules(rules, pipeline), pipeline))
    assert first == again


def test_a_classifier_rule_not_selected_never_loads_its_model(pack_copy, write_pack, tmp_path):
    shutil.rmtree(pack_copy.parent / "models")
    mixed = pack_copy.read_text(encoding="utf-8") + textwrap.indent(
        textwrap.dedent("""\
            - id: fault
              kind: phrase
              description: "Says fault."
              message: "'{match}' blames."
              why: "Blame."
              suggest: "Own it."
              phrases: ["your fault"]
            """),
        "  ",
    )
    pack_copy.write_text(mixed, encoding="utf-8")
    before = classifier._load.cache_info().misses
    result = check("--pack", str(pack_copy), "--select", "team-pack.fault", "--text", "It was your fault.")
    assert result.stdout == "<text>:1:8: warning [team-pack.fault] 'your fault' blames.\n"
    assert classifier._load.cache_info().misses == before


def test_a_missing_model_is_a_pack_error_naming_the_pack_line_and_folder(pack_copy):
    shutil.rmtree(pack_copy.parent / "models" / "blame")
    result = check("--pack", str(pack_copy), "--text", "Hello.")
    folder = pack_copy.parent / "models" / "blame"
    assert result.stderr == (
        f"replylint: error: {pack_copy}:7: classifier model {folder} of rule 'blame' is missing "
        "(train one with `replylint train`)\n"
    )
    assert result.exit_code == 2


def test_a_damaged_model_is_a_pack_error_not_a_traceback(pack_copy):
    (pack_copy.parent / "models" / "blame" / "textcat" / "model").write_bytes(b"not weights")
    result = check("--pack", str(pack_copy), "--text", "Hello.")
    assert result.stderr.startswith(
        f"replylint: error: {pack_copy}:7: classifier model {pack_copy.parent / 'models' / 'blame'} cannot be loaded: "
    )
    assert result.exit_code == 2


def test_a_folder_that_is_no_model_is_named(pack_copy):
    (pack_copy.parent / "models" / "blame" / "config.cfg").unlink()
    result = check("--pack", str(pack_copy), "--text", "Hello.")
    folder = pack_copy.parent / "models" / "blame"
    assert result.stderr == (
        f"replylint: error: {pack_copy}:7: classifier model {folder} of rule 'blame' has no config.cfg: not a model\n"
    )


def test_a_label_the_model_does_not_know_is_named_with_the_ones_it_does(pack_copy):
    pack_copy.write_text(pack_copy.read_text(encoding="utf-8").replace('label: "blame"', 'label: "snark"'))
    result = check("--pack", str(pack_copy), "--text", "Hello.")
    folder = pack_copy.parent / "models" / "blame"
    assert result.stderr == (
        f"replylint: error: {pack_copy}:7: classifier model {folder} has no label 'snark' "
        "(its labels: blame, not-blame)\n"
    )


def test_a_model_building_other_components_is_refused_before_spacy_reads_it(pack_copy):
    config = pack_copy.parent / "models" / "blame" / "config.cfg"
    config.write_text(config.read_text(encoding="utf-8") + '\n[components.ner]\nfactory = "ner"\n')
    result = check("--pack", str(pack_copy), "--text", "Hello.")
    assert result.stderr == (
        f"replylint: error: {pack_copy}:7: classifier model {config} has components ner "
        "(allowed: sentencizer, textcat, textcat_multilabel, tok2vec)\n"
    )


def test_a_retrained_model_is_not_answered_from_the_result_cache(pack_copy, labelled_rows, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(BLAMING, encoding="utf-8")
    run = ["check", "--no-default-packs", "--format", "text", "--pack", str(pack_copy), "reply.txt"]
    assert CliRunner().invoke(app, run).exit_code == 1
    # Same pack file, another model: the one trained on the same drafts with every label flipped.
    flipped = tmp_path / "flipped.jsonl"
    rows = [{"text": row["text"], "blame": 1 - row["blame"]} for row in labelled_rows]
    flipped.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    from replylint.authoring.train import TrainOptions, train_pack

    other = train_pack(TrainOptions(flipped, "blame", tmp_path / "other", min_precision=0.8, epochs=5))
    shutil.rmtree(pack_copy.parent / "models" / "blame")
    shutil.copytree(other.model, pack_copy.parent / "models" / "blame")
    result = CliRunner().invoke(app, run)
    assert (result.stdout, result.exit_code) == ("", 0)


def test_an_ensemble_model_loads_and_ranks_blame_above_owning(labelled_file, tmp_path, pipeline):
    from replylint.authoring.train import TrainOptions, train_pack

    options = TrainOptions(
        labelled_file, "blame", tmp_path / "ens", min_precision=0.5, epochs=3, architecture="ensemble"
    )
    (rule,) = load_pack(train_pack(options).pack_file).rules
    model = classifier.compile_classifier(rule)
    blaming, owning = model.scores([pipeline.nlp(BLAMING), pipeline.nlp(OWNING)])
    assert blaming > owning
