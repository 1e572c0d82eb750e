"""JSON5 and JavaScript collections: literal arrays of reply objects, read without running anything."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.findings import Entry
from replylint.inputs.collections.walker import FieldSpec, read_collection
from replylint.inputs.drafts import InputError, Source
from replylint.inputs.skips import NotReplies


def read(name: str, text: str):
    return read_collection(Source(name, text), FieldSpec())


def where(entry, word: str) -> tuple[int, int]:
    return entry.draft.locate(entry.draft.text.index(word))


USERSCRIPT = """\
// ==UserScript==
// @name  Replies
// ==/UserScript==
const re = /it's "quoted"/g, ratio = 4 / 2;
const comments = [
  {id: 'a-1', name: 'Thanks', description: 'Thanks for asking \\u2014 it\\'s fixed now.', targets: [T.Answer]},
  {name: `Split`, description: "Thanks for waiting. " +
      'We shipped it today.', show() { return 1; }, ...extra},
];
"""


def test_a_userscript_array_of_name_description_objects_is_read():
    first, second = read("replies.user.js", USERSCRIPT)
    assert (first.draft.entry, first.draft.text) == (Entry("Thanks", 1), "Thanks for asking \u2014 it's fixed now.")
    assert where(first, "fixed") == (6, 76)
    assert second.draft.entry == Entry("Split", 2)
    assert second.draft.text == "Thanks for waiting. We shipped it today."
    # A reply joined with '+' keeps each piece at its own line.
    assert (where(second, "Thanks"), where(second, "shipped")) == ((7, 33), (8, 11))


def test_a_jsonp_callback_around_the_array_is_read():
    (entry,) = read("r.js", 'cb([{"title": "Late", "body": "Sorry, your parcel is late."}]);\n')
    assert (entry.draft.entry, where(entry, "parcel")) == (Entry("Late", 1), (1, 44))


def test_a_script_without_a_reply_array_holds_no_replies():
    with pytest.raises(NotReplies, match="no literal array of reply objects"):
        read("app.js", "function f(a) { return [a, 'x y z']; }\nconst n = [{x: 1}];\n")


def test_a_script_named_as_replies_without_an_array_is_an_error():
    with pytest.raises(InputError, match=r"^replies\.js: no literal array of reply objects"):
        read("replies.js", "export default loadFromServer();\n")


def test_code_inside_strings_comments_and_regexes_is_never_taken_for_an_array():
    text = "const a = '[{'; // [{name: 'x', description: 'not this one'}]\nconst r = /[{]/;\n"
    with pytest.raises(NotReplies):
        read("x.js", text)


JSON5 = """\
// Replies, with comments.
{
  replies: [
    {title: 'Shipped', body: 'Thanks \\
for waiting: it shipped today.',},
    {title: "Hex", count: 0x1F, body: "Sorry, it is late again.", extra: +Infinity},
  ],
}
"""


def test_json5_replies_keep_their_places_through_continuations():
    first, second = read("r.json5", JSON5)
    assert first.draft.text == "Thanks for waiting: it shipped today."
    assert (where(first, "Thanks"), where(first, "waiting")) == ((4, 31), (5, 5))
    assert (second.draft.entry, where(second, "late")) == (Entry("Hex", 2), (6, 53))


@pytest.mark.parametrize(
    ("text", "line"),
    [("{\n  a: 'x',\n  b: nope,\n}\n", 3), ("[\n 1,\n 2,,\n]\n", 3), ("{a: 1}\n{b: 2}\n", 2)],
)
def test_invalid_json5_is_an_error_naming_the_line(text, line):
    with pytest.raises(InputError, match=rf"^r\.json5:{line}: "):
        read("r.json5", text)


def test_json5_nested_too_deeply_is_refused_without_recursing():
    with pytest.raises(InputError, match=r"^r\.json5:1: nested too deeply"):
        read("r.json5", "[" * 5000 + "]" * 5000)


_REPLY_CHARS = st.text(alphabet=st.sampled_from(list("ab 'é\"\\\n\t:#-|>,😀`$/*")), min_size=3, max_size=60)


def _assert_mapped(name: str, text: str, reply: str) -> None:
    if len(reply.split()) < 2:
        with pytest.raises(NotReplies):
            read(name, text)
        return
    (entry,) = read(name, text)
    assert entry.draft.text == reply
    for index, char in enumerate(reply):
        if not char.isspace():
            assert text[entry.draft.source_offset(index)] in (char, "\\")


@settings(max_examples=100, deadline=None)
@given(_REPLY_CHARS, st.sampled_from(["'", '"', "`"]))
def test_every_js_string_maps_characters_onto_the_file(reply, quote):
    escaped = reply.replace("\\", "\\\\").replace(quote, "\\" + quote)
    if quote != "`":
        escaped = escaped.replace("\n", "\\n")
    _assert_mapped("r.js", f"/* replies */ var r = [{{name: 'x', body: {quote}{escaped}{quote}}}];\n", reply)


@settings(max_examples=100, deadline=None)
@given(_REPLY_CHARS, st.booleans())
def test_every_json5_string_maps_characters_onto_the_file(reply, ascii_only):
    body = json.dumps(reply, ensure_ascii=ascii_only)
    _assert_mapped("r.json5", f"// replies\n{{replies: [{{title: 'x', body: {body},}}],}}\n", reply)
