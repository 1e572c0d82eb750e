"""A collection entry's customer message (in_reply_to, customer_message, previous, or configured keys/columns)."""

from __future__ import annotations

import json

import pytest

from replylint.inputs.collections.walker import FieldSpec, read_collection
from replylint.inputs.drafts import InputError, Source

ASKED = "Is the garden centre open on bank holidays?"
ANSWER = "Yes, we open from ten until four on bank holidays."


def read(name: str, text: str, spec: FieldSpec | None = None):
    return [(c.draft.text, c.draft.context) for c in read_collection(Source(name, text), spec or FieldSpec())]


@pytest.mark.parametrize("key", ["in_reply_to", "customer_message", "previous", "In_Reply_To"])
def test_each_default_context_key_gives_the_reply_its_customer_message_and_is_not_linted(key):
    text = json.dumps([{"reply": ANSWER, key: ASKED}, {"reply": "Thanks, see you on Saturday then."}])
    assert read("pairs.json", text) == [(ANSWER, ASKED), ("Thanks, see you on Saturday then.", None)]


def test_json_lines_hold_one_pair_per_line():
    text = "\n".join(json.dumps({"reply": ANSWER, "in_reply_to": ASKED}) for _ in range(2)) + "\n"
    assert read("pairs.jsonl", text) == [(ANSWER, ASKED), (ANSWER, ASKED)]


def test_a_malformed_json_line_names_its_line():
    text = json.dumps({"reply": ANSWER}) + "\n{oops\n"
    with pytest.raises(InputError, match=r"^pairs\.jsonl:2: "):
        read("pairs.jsonl", text)


def test_a_csv_context_column_is_not_read_as_a_reply_though_it_holds_a_reply_word():
    text = f'reply,customer_message\n"{ANSWER}","{ASKED}"\n'
    assert read("pairs.csv", text) == [(ANSWER, ASKED)]


def test_a_configured_context_key_replaces_the_defaults():
    text = "- body: 'We open at ten tomorrow, see you then.'\n  question: 'When do you open tomorrow morning?'\n"
    spec = FieldSpec(context=("question",))
    assert read("pairs.yaml", text, spec) == [
        ("We open at ten tomorrow, see you then.", "When do you open tomorrow morning?")
    ]


def test_a_context_on_an_enclosing_entry_reaches_its_nested_replies():
    text = json.dumps({"previous": ASKED, "replies": [{"body": ANSWER}, {"body": "We open at ten on those days."}]})
    assert [context for _, context in read("thread.json", text)] == [ASKED, ASKED]
