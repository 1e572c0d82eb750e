"""Collections: one draft per reply in YAML, JSON and CSV files, each character at its line and column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.engine.kinds import compile_rules
from replylint.engine.linter import analysis_text, lint
from replylint.inputs.collections.paths import parse_path
from replylint.inputs.collections.walker import FieldSpec, read_collection
from replylint.inputs.drafts import InputError, Source
from replylint.inputs.skips import NotReplies
from replylint.packs.loading import load_pack

DATA = Path(__file__).parents[1] / "data"
COLLECTIONS = DATA / "collections"


def read(name: str, spec: FieldSpec | None = None):
    path = COLLECTIONS / name
    # newline="" keeps CRLF line ends, as sources.read_draft_file does.
    with path.open(encoding="utf-8", newline="") as stream:
        return read_collection(Source(str(path), stream.read()), spec or FieldSpec())


def inline(name: str, text: str, spec: FieldSpec | None = None):
    return read_collection(Source(name, text), spec or FieldSpec())


def where(entry, word: str) -> tuple[int, int]:
    """Source line and column of the first character of `word` in the entry's draft."""
    return entry.draft.locate(entry.draft.text.index(word))


# ---- JSON: a help-desk macro export


def test_macro_export_yields_the_comment_actions_only():
    entries = read("macros.json")
    assert [e.key_path for e in entries] == [
        "macros[0].actions[2].value",
        "macros[1].actions[0].value",
        "macros[2].actions[0].value",
    ]
    assert entries[0].draft.text == (
        "Hi {{ticket.requester.first_name}},\n\nThanks for your patience. Your parcel left our warehouse"
        " on Monday and the carrier now expects to deliver it on Thursday.\n\n"
        "Best,\n{{current_user.first_name}}"
    )


def test_json_positions_survive_escapes_and_surrogate_pairs():
    entry = read("macros.json")[1]
    assert entry.draft.text.startswith('Here is your label: print it and drop the box at any "Parcel Point".')
    assert "incomplete — honestly" in entry.draft.text
    assert "café counter 📦 works" in entry.draft.text
    assert where(entry, "Here") == (23, 21)
    assert where(entry, "Parcel Point") == (23, 76)  # after \"
    assert where(entry, "The first") == (23, 93)  # after \n
    assert where(entry, "honestly") == (23, 162)  # after \u2014
    assert where(entry, "counter") == (23, 209)  # after \u00e9
    assert where(entry, "works") == (23, 230)  # after a \ud83d\udce6 surrogate pair
    assert where(entry, "user error") == (23, 241)


def test_json_escape_maps_to_its_backslash():
    entry = read("macros.json")[1]
    assert where(entry, "—") == (23, 155)
    assert where(entry, '"Parcel') == (23, 74)


def test_json_placeholders_are_marked():
    draft = read("macros.json")[0].draft
    assert [draft.text[a:b] for a, b in draft.placeholders] == [
        "{{ticket.requester.first_name}}",
        "{{current_user.first_name}}",
    ]
    assert where(read("macros.json")[0], "Best") == (12, 185)


def test_entry_disable_applies_to_the_replies_it_encloses():
    assert [e.disabled for e in read("macros.json")] == [None, ("acknowledgement", "promotion.code"), None]


def test_html_bodies_blank_their_tags_and_keep_placeholders():
    entry = read("macros.json")[2]
    assert analysis_text(entry.draft) == (
        "   Hi Xxxxxxxxxxxxxxx,       WeXxxxxxxve refunded your order. It should appear within 5      days.    "
    )
    assert where(entry, "refunded") == (33, 62)


def test_findings_inside_a_macro_point_at_the_exact_file_position(pipeline):
    rules = [r for r in load_pack(DATA / "demo.yaml").rules if r.id == "fault"]
    results = list(lint([e.draft for e in read("macros.json")], compile_rules(rules, pipeline), pipeline))
    found = [
        (f.path.rsplit("/", 1)[-1], f.match, f.line, f.column, f.end_line, f.end_column)
        for _, findings in results
        for f in findings
    ]
    assert found == [("macros.json", "your fault", 23, 171, 23, 181), ("macros.json", "user error", 23, 241, 23, 251)]


def test_value_of_a_field_value_pair_counts_only_when_the_field_says_reply():
    text = (
        '[{"field": "set_tags", "value": "vip refund"}, {"field": "comment_body", "value": "Thanks for'
        ' waiting."}, {"name": "Refund approved", "value": "No field here."}]'
    )
    assert [e.key_path for e in inline("a.json", text)] == ["[1].value", "[2].value"]
    assert [e.key_path for e in inline("a.json", text, FieldSpec(keys=("value",)))] == [
        "[0].value",
        "[1].value",
        "[2].value",
    ]


def test_one_word_values_are_settings_not_replies():
    assert inline("a.json", '{"body": "solved", "text": "  ", "reply": "Two words"}')[0].key_path == "reply"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{\n"body": "x",\n}', "a.json:3: expected a string key in double quotes"),
        ('{"body": [1, 2,]}', "a.json:1: expected a JSON value"),
        ('{"body": "tab\there"}', "a.json:1: control character in a string"),
        ('{"body": "bad \\q"}', "a.json:1: invalid escape in a string"),
        ('{"body": "open\n', "a.json:1: control character in a string"),
        ('{"body": "open', "a.json:1: unterminated string"),
        ("[1]\n[2]", "a.json:2: extra data after the JSON value"),
        ('{"replylint-disable": 3, "body": "a b"}', "a.json:1: replylint-disable must be a rule id prefix or a list"),
    ],
)
def test_malformed_json_names_file_and_line(text, message):
    with pytest.raises(InputError) as caught:
        inline("a.json", text)
    assert str(caught.value) == message


def test_deep_json_is_refused():
    with pytest.raises(InputError, match=r"a\.json:1: JSON nested too deeply"):
        inline("a.json", "[" * 500 + "]" * 500)


# ---- YAML: every scalar style


def test_yaml_texts_in_every_scalar_style():
    assert [(e.key_path, e.draft.text) for e in read("saved_replies.yaml")] == [
        ("replies[0].body", "Welcome aboard, {name}! Let us know if anything is unclear."),
        ("replies[1].body", "We can't refund opened items, but we can swap them for free."),
        ("replies[2].body", 'Hello "friend", café tips:\tnone. Joined line.'),
        ("replies[3].body", "Thanks for writing in.\n  We checked your account.\n\nYour fault? Not at all.\n"),
        ("replies[4].body", "Sorry for the wait, we are on it.\nMore soon."),
        ("replies[5].body", "Plain tagged reply text"),
    ]


@pytest.mark.parametrize(
    ("index", "word", "position"),
    [
        (0, "Welcome", (4, 11)),
        (0, "know", (5, 7)),  # plain, folded onto a second line
        (1, "can't", (7, 15)),
        (1, "refund", (7, 22)),
        (1, "swap", (8, 7)),  # single-quoted, '' escape
        (2, "friend", (10, 20)),
        (2, "tips", (10, 40)),
        (2, "none", (10, 47)),
        (2, "Joined", (11, 7)),  # escapes
        (3, "Thanks", (15, 7)),
        (3, "We", (16, 9)),
        (3, "Your", (18, 7)),  # literal block
        (4, "Sorry", (21, 7)),
        (4, "we", (22, 7)),
        (4, "More", (24, 7)),  # folded block
        (5, "Plain", (26, 17)),  # explicit !!str tag
    ],
)
def test_yaml_positions(index, word, position):
    assert where(read("saved_replies.yaml")[index], word) == position


def test_yaml_folded_line_break_maps_to_the_break():
    entry = read("saved_replies.yaml")[4]
    assert entry.draft.locate(entry.draft.text.index(" we")) == (21, 26)


def test_disable_star_or_all_disables_every_rule():
    text = '[{"replylint-disable": "*", "body": "a b"}, {"replylint-disable": "blame, all", "body": "c d"}]'
    assert [e.disabled for e in inline("a.json", text)] == [(), ()]


def test_yaml_disable_takes_a_single_prefix():
    assert [e.disabled for e in read("saved_replies.yaml")] == [None, None, None, ("snark",), None, None]


def test_yaml_custom_tags_are_neither_constructed_nor_read():
    text = 'body: !!python/object/apply:os.system ["echo hi there"]\ntext: !!binary aGkgdGhlcmU=\n'
    # Nothing in it is text: not a collection of replies (a walk skips it, naming the reason).
    with pytest.raises(NotReplies, match=r"^no text in it$"):
        inline("a.yaml", text)


def test_yaml_aliases_are_read_once():
    entries = inline("a.yaml", "a: &x {body: Thanks for waiting}\nb: *x\nc: [*x, *x]\n")
    assert [e.key_path for e in entries] == ["a.body"]


def test_yaml_alias_defined_outside_a_reply_key_is_still_a_reply():
    entries = inline("a.yaml", "shared: &s [Thanks for waiting, We are on it]\nbody: *s\n")
    assert [(e.key_path, where(e, word)) for e, word in zip(entries, ["for", "on"], strict=True)] == [
        ("body[0]", (1, 20)),
        ("body[1]", (1, 40)),
    ]


def test_yaml_alias_bomb_costs_no_more_than_its_text():
    lines = ["a0: &a0 [lol lol, lol lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]  # 9**11 leaves
    entries = inline("a.yaml", "\n".join([*lines, "body: *a11"]))
    assert [e.key_path for e in entries] == ["body" + "[0]" * 11 + "[0]", "body" + "[0]" * 11 + "[1]"]


def test_yaml_documents_after_the_first_are_named():
    entries = inline("a.yaml", "body: First reply here\n---\nbody: Second reply here\n")
    assert [(e.key_path, where(e, "reply")) for e in entries] == [("body", (1, 13)), ("---2 body", (3, 14))]


def test_malformed_yaml_names_file_and_line():
    # libyaml ends the message "in this context", the pure-Python loader "here".
    with pytest.raises(InputError, match=r"^a\.yaml:3: mapping values are not allowed (here|in this c)"):
        inline("a.yaml", "replies:\n  - body: fine text\n  - body: it broke: sorry\n")


# ---- CSV


def test_csv_rows_are_replies_with_positions_in_multi_line_quoted_fields():
    entries = read("canned.csv")
    assert [(e.key_path, e.draft.text, e.disabled) for e in entries] == [
        ("[0].body", "Hello there, thanks for reaching out!", None),
        ("[1].body", 'Hi %FIRST_NAME%,\r\nWe "fixed" it; your fault is gone.', ("blame",)),
        ("[2].body", "Glad we could help today.", None),
    ]
    assert [where(entries[0], "Hello"), where(entries[1], "Hi")] == [(2, 13), (3, 14)]
    assert where(entries[1], "We") == (4, 1)  # the second line of a quoted field
    assert where(entries[1], '"fixed"') == (4, 4)  # the first quote of the "" pair
    assert [where(entries[1], "your"), where(entries[2], "Glad")] == [(4, 18), (6, 11)]
    assert [entries[1].draft.text[a:b] for a, b in entries[1].draft.placeholders] == ["%FIRST_NAME%"]


def test_csv_columns_can_be_chosen():
    entries = inline("a.csv", "Note,Reply\nSeen by Ana,Thanks for the photo\n", FieldSpec(columns=("note",)))
    assert [(e.key_path, e.draft.text) for e in entries] == [("[0].Note", "Seen by Ana")]


def test_csv_semicolon_delimiter_is_detected():
    entries = inline("a.csv", "id;body\n1;Thanks, we are on it\n")
    assert [(e.draft.text, where(e, "we")) for e in entries] == [("Thanks, we are on it", (2, 11))]


@pytest.mark.parametrize(
    ("text", "spec", "message"),
    [
        ('body\n"Hello there\n', FieldSpec(), "a.csv:2: unterminated quoted field"),
        ('body\n"Hello" there\n', FieldSpec(), "a.csv:2: text after a closing quote (expected ',')"),
        ("body\nHello there\n", FieldSpec(columns=("reply",)), "a.csv:1: no column 'reply' (columns: body)"),
    ],
)
def test_malformed_csv_names_file_and_line(text, spec, message):
    with pytest.raises(InputError) as caught:
        inline("a.csv", text, spec)
    assert str(caught.value) == message


# ---- Selection by path


def test_paths_replace_keys():
    entries = read("macros.json", FieldSpec(paths=("macros[*].title",)))
    # "Returns::Label" is one word: a setting, not a reply.
    assert [e.draft.text for e in entries] == ["Shipping::Delayed parcel", "Billing::Refund issued"]


def test_paths_with_indexes_and_wildcard_keys():
    entries = read("macros.json", FieldSpec(paths=("macros[1].actions[*].*",)))
    assert [e.key_path for e in entries] == ["macros[1].actions[0].value"]


def test_parse_path_steps():
    assert parse_path("macros[*].actions[0].value") == ("macros", -1, "actions", 0, "value")
    assert parse_path("[*].*") == (-1, "*")


@pytest.mark.parametrize("path", ["", "a..b", "a[x]", "a[*", "a.b]"])
def test_invalid_paths_are_refused(path):
    with pytest.raises(ValueError, match="invalid path"):
        FieldSpec(paths=(path,))


def test_quoted_mail_inside_a_reply_is_ignored():
    entry = inline("a.json", '{"body": "We fixed it.\\nOn Mon, 3 Jun, Ana <a@b.c> wrote:\\nyour fault"}')[0]
    assert analysis_text(entry.draft) == "We fixed it.\n" + " " * 33 + "\n" + " " * 10


def test_other_suffixes_are_not_collections():
    with pytest.raises(InputError, match=r"^a\.txt: not a collection"):
        inline("a.txt", "body: x y")


# ---- Properties: whatever the writer's quoting, every visible character maps onto itself or its escape

_REPLY_CHARS = st.text(alphabet=st.sampled_from(list("ab 'é\"\\\n\t:#-|>,😀")), min_size=3, max_size=60)


def _dumper(style: str | None) -> type[yaml.SafeDumper]:
    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style=style))
    return Dumper


def _assert_mapped(name: str, text: str, reply: str) -> None:
    if len(reply.split()) < 2:
        # A one-word value is a setting, not a reply: a file of nothing else holds no replies.
        with pytest.raises(NotReplies):
            read_collection(Source(name, text), FieldSpec(keys=("body",)))
        return
    entries = read_collection(Source(name, text), FieldSpec(keys=("body",)))
    (entry,) = entries
    assert entry.draft.text == reply
    for index, char in enumerate(reply):
        if not char.isspace():
            assert text[entry.draft.source_offset(index)] in (char, "\\")


@settings(max_examples=150, deadline=None)
@given(_REPLY_CHARS, st.sampled_from([None, "'", '"', "|", ">"]), st.integers(10, 40))
def test_every_yaml_style_maps_characters_onto_the_file(reply, style, width):
    text = yaml.dump({"replies": [{"body": reply}]}, Dumper=_dumper(style), width=width, allow_unicode=True)
    _assert_mapped("a.yaml", text, reply)


@settings(max_examples=100, deadline=None)
@given(_REPLY_CHARS, st.booleans())
def test_every_json_string_maps_characters_onto_the_file(reply, ascii_only):
    _assert_mapped("a.json", json.dumps({"body": reply}, ensure_ascii=ascii_only, indent=1), reply)


@settings(max_examples=100, deadline=None)
@given(_REPLY_CHARS)
def test_every_csv_field_maps_characters_onto_the_file(reply):
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows([["id", "body"], ["1", reply]])
    _assert_mapped("a.csv", stream.getvalue(), reply)


def test_deep_yaml_is_refused():
    with pytest.raises(InputError, match=r"^a\.yaml:1: document is nested too deeply"):
        inline("a.yaml", "[" * 150 + "]" * 150)


def test_yaml_deeper_than_the_parser_allows_is_refused_in_our_words():
    with pytest.raises(InputError, match=r"^a\.yaml:1: document is nested too deeply$"):
        inline("a.yaml", "[" * 60_000 + "]" * 60_000)


def test_key_paths_quote_unusual_keys():
    entries = inline("a.json", '{"saved replies": {"Refund OK": {"body": "Thanks, it is refunded."}}}')
    assert [e.key_path for e in entries] == ['["saved replies"]["Refund OK"].body']
