"""`replylint eval` lints each labelled row against the customer's message it answers, as the context rules need."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from replylint.authoring.evaluate import read_labelled
from replylint.cli.app import app
from replylint.inputs.drafts import InputError
from replylint.packs.loading import shipped_pack_paths

CONTEXT = str(next(p for p in shipped_pack_paths() if p.stem == "context"))
# Pairs written for this test; "ignored" is 1 when the reply ignores what the customer wrote.
ROWS = [
    {
        "id": "asks-again",
        "in_reply_to": "My order 55123 arrived with a cracked lid.",
        "text": "Could you send us your order number so we can check?",
        "ignored": 1,
    },
    {"id": "no-message", "text": "Could you send us your order number so we can check?", "ignored": 0},
    {
        "id": "tried-it",
        "Customer_Message": "I already rebooted the router twice this morning.",
        "text": "Please restart the router and let us know.",
        "ignored": 1,
    },
    {
        "id": "answered",
        "previous": "Does the large tent fit four people?",
        "text": "Yes, it sleeps four adults comfortably.",
        "ignored": 0,
    },
    {
        "id": "wrong-name",
        "in_reply_to": "Where is my parcel? - Tomasz",
        "text": "Hello Thomas, your parcel is at the depot.",
        "ignored": 1,
    },
]


def _eval(path, *flags: str):
    args = ["eval", str(path), "--no-default-packs", "--pack", CONTEXT, "--labels", "ignored=context"]
    return CliRunner().invoke(app, [*args, "--format", "json", *flags])


def _counts(result) -> tuple[int, int, int, int]:
    (row,) = json.loads(result.stdout)["packs"]
    return row["tp"], row["fp"], row["fn"], row["tn"]


def test_each_row_is_linted_against_the_message_it_answers(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS))
    result = _eval(path)
    assert result.exit_code == 0, result.output
    assert _counts(result) == (3, 0, 0, 2)


def test_context_key_names_the_field_of_another_layout(tmp_path):
    rows = [{"text": r["text"], "ignored": r["ignored"], "asked": r.get("in_reply_to")} for r in ROWS]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    # Without the flag "asked" is not a context field: the context rules never run, so every positive is missed;
    # with it, the one positive whose message is not under "asked" (the tried step) still is.
    assert _counts(_eval(path)) == (0, 0, 3, 2)
    assert _counts(_eval(path, "--context-key", "asked")) == (2, 0, 1, 2)


def test_labelled_rows_keep_their_customer_message(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS))
    items = read_labelled(path, {"ignored": "context"})
    assert [item.context for item in items] == [
        ROWS[0]["in_reply_to"],
        None,
        ROWS[2]["Customer_Message"],
        ROWS[3]["previous"],
        ROWS[4]["in_reply_to"],
    ]


def test_errors_show_the_message_a_missed_row_answers(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({**ROWS[0], "ignored": 0}) + "\n")
    args = ["eval", str(path), "--no-default-packs", "--pack", CONTEXT, "--labels", "ignored=context", "--errors", "1"]
    result = CliRunner().invoke(app, args)
    assert "[context false positive] line 1 (asks-again) fired: context.asks-for-given-info" in result.output
    assert "  in reply to: My order 55123 arrived with a cracked lid.\n" in result.output


@pytest.mark.parametrize("value", ['{"order": 1}', "42"])
def test_a_customer_message_that_is_not_text_is_refused_with_its_line(tmp_path, value):
    path = tmp_path / "pairs.jsonl"
    path.write_text(f'{{"text": "Hi", "ignored": 0}}\n{{"text": "Hi", "in_reply_to": {value}, "ignored": 0}}\n')
    with pytest.raises(InputError, match=r"pairs.jsonl:2: 'in_reply_to' \(the customer's message\) must be a string"):
        read_labelled(path, {"ignored": "context"})
    result = _eval(path)
    assert result.exit_code == 2
    assert "pairs.jsonl:2:" in result.output


def test_a_label_may_measure_one_rule_of_a_pack(tmp_path):
    path = tmp_path / "pairs.jsonl"
    rows = [{**row, "name": int(row["id"] == "wrong-name")} for row in ROWS]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    args = ["eval", str(path), "--no-default-packs", "--pack", CONTEXT, "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--labels", "name=context.name-mismatch"])
    (row,) = json.loads(result.stdout)["packs"]
    # The other rules' findings (the number asked again, the step tried) do not count for this rule's label.
    assert (row["pack"], row["tp"], row["fp"], row["fn"], row["tn"]) == ("context.name-mismatch", 1, 0, 0, 4)
    result = CliRunner().invoke(app, [*args, "--labels", "name=context.no-such-rule"])
    assert result.exit_code == 2
    assert "no loaded pack or rule named 'context.no-such-rule' (loaded: context)" in result.stderr


def test_a_context_finding_flags_the_row_for_the_generic_rule_it_replaces(tmp_path):
    path = tmp_path / "pairs.jsonl"
    reply = "Hi, refunds take up to 10 working days to process."
    rows = [
        {"text": reply, "in_reply_to": "This is the fourth time I've asked about this refund!", "missing_ack": 1},
        {"text": reply, "missing_ack": 1},
        {"text": "Sorry for the wait, the refund went out today.", "missing_ack": 0},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    packs = [str(p) for p in shipped_pack_paths() if p.stem in ("acknowledgement", "context")]
    args = ["eval", str(path), "--no-default-packs", "--pack", packs[0], "--pack", packs[1], "--format", "json"]
    for target in ("acknowledgement", "acknowledgement.missing-acknowledgement"):
        result = CliRunner().invoke(app, [*args, "--labels", f"missing_ack={target}"])
        # The distress finding stands in for missing-acknowledgement on the first row, as it does in `check`.
        assert _counts(result) == (2, 0, 0, 1), target
