"""A classifier rule's fields: a model path inside the pack's folder, a label, a threshold from 0 to 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.packs import cache as packcache
from replylint.packs.loading import load_pack
from replylint.packs.records import PackError

CLASSIFIER = """
    pack: team
    description: "Our own judgement."
    rules:
      - id: blame
        kind: classifier
        description: "Reads as blame."
        message: "Reads as {label} (score {score}): '{match}'."
        why: "Our QA marks it."
        suggest: "Own it."
        model: "models/blame"
        label: "blame"
        threshold: 0.75
"""


def test_a_classifier_rule_keeps_its_model_label_and_threshold(write_pack):
    path = write_pack(CLASSIFIER)
    (rule,) = load_pack(path).rules
    assert (rule.kind, rule.model, rule.label, rule.threshold) == ("classifier", "models/blame", "blame", 0.75)
    assert rule.model_path == path.parent / "models" / "blame"


def test_the_model_path_follows_the_pack_file_when_answered_from_the_pack_cache(write_pack, tmp_path):
    first = write_pack(CLASSIFIER)
    load_pack(first)
    moved = tmp_path / "elsewhere" / "team.yaml"
    moved.parent.mkdir()
    moved.write_bytes(first.read_bytes())
    assert packcache.get(moved.read_bytes(), str(moved)) is not None
    (rule,) = load_pack(moved).rules
    assert rule.model_path == Path(str(moved)).parent / "models" / "blame"


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (('        model: "models/blame"\n', ""), 4, "missing field 'model'"),
        (('        label: "blame"\n', ""), 4, "missing field 'label'"),
        (("threshold: 0.75", "threshold: 1.5"), 12, "'threshold' must be a number from 0 to 1, not 1.5"),
        (("threshold: 0.75", 'threshold: "high"'), 12, "'threshold' must be a number from 0 to 1, not 'high'"),
        (('model: "models/blame"', 'model: "/etc/models"'), 10, "'model' must be a path relative to the pack file"),
        (('model: "models/blame"', 'model: "../other/blame"'), 10, "'model' must be a path relative to the pack"),
        (("threshold: 0.75", "unless_negated: true"), 12, "unknown field 'unless_negated' in rule 'blame'"),
        (("{label} (score {score})", "{count}"), 7, "message placeholder {count} is unknown for a classifier rule"),
    ],
)
def test_malformed_classifier_rules_name_the_line_and_the_problem(write_pack, change, line, message):
    path = write_pack(CLASSIFIER.replace(*change))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert (caught.value.line, caught.value.detail[: len(message)]) == (line, message)


def test_a_phrase_rule_may_not_name_a_model(write_pack):
    text = CLASSIFIER.replace("kind: classifier", "kind: phrase").replace(
        'model: "models/blame"', 'phrases: ["your fault"]\n        model: "models/blame"'
    )
    with pytest.raises(PackError, match="unknown field 'model' in rule 'blame' of kind 'phrase'"):
        load_pack(write_pack(text))
