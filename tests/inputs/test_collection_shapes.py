"""Which collections hold replies without configuration, and what a file without any is: an error or a skip."""

from __future__ import annotations

import pytest

from replylint.findings import Entry
from replylint.inputs.collections.survey import is_prose
from replylint.inputs.collections.walker import FieldSpec, iter_collection, read_collection
from replylint.inputs.drafts import InputError, Source
from replylint.inputs.formats import drafts_for
from replylint.inputs.settings import Reading
from replylint.inputs.skips import NotReplies


def read(name: str, text: str, spec: FieldSpec | None = None):
    return read_collection(Source(name, text), spec or FieldSpec())


def entries(name: str, text: str) -> list[tuple[str, str]]:
    return [(e.draft.entry.name, e.draft.text) for e in read(name, text)]


def test_a_map_of_name_to_reply_is_read_with_the_names():
    text = '{"!logs": "Could you attach the log file from the menu?", "!docs": "The guide covers it step by step."}'
    assert entries("bot.json", text) == [
        ("!logs", "Could you attach the log file from the menu?"),
        ("!docs", "The guide covers it step by step."),
    ]


def test_a_yaml_list_of_reply_strings_is_read():
    text = "- Thanks for waiting, it shipped today.\n- Sorry, that took us far too long.\n"
    assert [name for name, _ in entries("a.yaml", text)] == ["[0]", "[1]"]


def test_a_reply_key_in_another_format_is_a_reply_key():
    # Freshdesk keeps canned responses as content_html; exports also use body_plain or html_body.
    text = '[{"title": "Reset", "content_html": "<p>Sorry! The reset link is on the login page.</p>"}]'
    assert [name for name, _ in entries("canned.json", text)] == ["Reset"]
    assert entries("a.json", '[{"title": "A", "body_plain": "Thanks, it ships today."}]') == [
        ("A", "Thanks, it ships today.")
    ]


def test_one_reply_kept_in_two_formats_is_linted_once():
    text = '[{"title": "A", "body": "Thanks, it ships today.", "body_html": "<p>Thanks, it ships today.</p>"}]'
    assert entries("a.json", text) == [("A", "Thanks, it ships today.")]


def test_espanso_replace_values_are_replies():
    text = "matches:\n  - trigger: ':thx'\n    replace: Thanks for your patience with this one.\n"
    assert entries("base.yml", text) == [(":thx", "Thanks for your patience with this one.")]


def test_description_is_a_reply_only_in_flat_titled_entries_of_a_replies_file():
    replies = '[{"name": "Hi", "description": "Thanks for writing in, we will answer soon."}]'
    assert entries("saved-replies.json", replies) == [("Hi", "Thanks for writing in, we will answer soon.")]
    macro = (
        '{"macros": [{"title": "Late", "description": "Use this when a parcel is late.",'
        ' "actions": [{"field": "comment_value", "value": "Sorry, your parcel is late."}]}]}'
    )
    assert entries("macros.json", macro) == [("Late", "Sorry, your parcel is late.")]
    # A manifest's description describes the package: not a reply, and the file holds none.
    with pytest.raises(NotReplies):
        read("package.json", '{"name": "tool", "version": "1.0.0", "description": "A small tool for text."}')


def test_a_title_key_names_the_entry_before_an_id():
    assert entries("a.json", '[{"id": "r-1", "title": "Late parcel", "body": "Sorry, it is late."}]') == [
        ("Late parcel", "Sorry, it is late.")
    ]


def test_csv_columns_are_matched_by_their_words():
    text = 'Macro name,Reply text,Folder\nLate,"Sorry, your parcel is late.",Shipping\n'
    assert entries("export.csv", text) == [("Late", "Sorry, your parcel is late.")]


def test_prose_under_unknown_keys_is_an_error_naming_the_keys():
    text = (
        '[{"label": "Late", "wording": "Sorry, your parcel is late again today."},'
        ' {"label": "Done", "wording": "Thanks for waiting, it is all done."}]'
    )
    with pytest.raises(InputError, match=r"^a\.json: no reply text found: .*\(keys found: wording\)"):
        read("a.json", text)


def test_a_file_named_as_replies_with_no_known_key_is_an_error_even_without_prose():
    with pytest.raises(InputError, match=r"^canned\.yml: no reply text found: .*\(keys found: words\)"):
        read("canned.yml", "- words: two words\n")


def test_configured_fields_that_match_nothing_are_an_error():
    source = Source("m.json", '{"settings": {"mode": "fast and safe"}}')
    with pytest.raises(InputError, match="the configured fields match none of them"):
        iter_collection(source, FieldSpec(keys=("body",)), configured=True)


@pytest.mark.parametrize("text", ["[]\n", "replies: []\n", ""])
def test_an_empty_collection_is_an_error(text):
    with pytest.raises(InputError, match=r"^replies\.yml: empty collection: no replies in it$"):
        read("replies.yml", text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("package.json", '{"name": "x", "version": "1.2.3", "scripts": {"test": "pytest -q -x tests"}}'),
        ("ci.yml", "name: CI\non: [push]\njobs:\n  test:\n    steps:\n      - run: python -m pip install -e .\n"),
        ("data.json", "[1, 2, 3]"),
    ],
)
def test_manifests_and_workflows_are_not_replies(name, text):
    with pytest.raises(NotReplies):
        read(name, text)


def test_the_error_comes_before_any_draft_is_asked_for():
    with pytest.raises(NotReplies):
        drafts_for("ci.yml", "name: CI\non: [push]\n", Reading())


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("Thanks for waiting, it shipped today.", True),
        ("Could you send it", False),
        ("Could you send us the order number from your receipt", True),
        ("python -m pip install --upgrade pip", False),
        ("1.2.3", False),
    ],
)
def test_prose_is_told_from_commands_and_values(text, prose):
    assert is_prose(text) is prose


def test_a_format_replylint_does_not_know_is_an_error_not_one_plain_draft():
    with pytest.raises(InputError, match=r"format not understood \(\.rst"):
        drafts_for("notes.rst", "Thanks.\n", Reading())
    (draft,) = drafts_for("notes.rst", "Thanks.\n", Reading(layout="text"))
    assert draft.text == "Thanks.\n"


def test_entries_are_numbered_in_file_order():
    text = "- title: A\n  body: Thanks for waiting here.\n- title: B\n  body: Sorry about the delay.\n"
    assert [e.draft.entry for e in read("a.yaml", text)] == [Entry("A", 1), Entry("B", 2)]


def test_the_api_raises_input_error_for_a_text_that_holds_no_replies():
    from replylint.api import InputError as ApiInputError
    from replylint.api import Linter

    linter = Linter.from_config()
    with pytest.raises(ApiInputError, match=r"^package\.json: holds no replies: "):
        linter.lint('{"name": "x", "version": "1.0.0"}', path="package.json")
    assert linter.lint('{"replies": [{"name": "A", "body": "Thanks, it shipped today."}]}', path="r.json") == []
