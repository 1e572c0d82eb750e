"""Template placeholders: each named syntax finds its fields and leaves ordinary prose alone."""

from __future__ import annotations

import time

import pytest

from replylint.engine.linter import analysis_text
from replylint.inputs.drafts import draft_from_text
from replylint.inputs.placeholders import (
    DEFAULT_SYNTAXES,
    check_syntaxes,
    find_comments,
    find_placeholders,
    mark_templates,
    merge_spans,
)


def found(text: str, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()) -> list[str]:
    return [text[a:b] for a, b in find_placeholders(text, syntaxes, custom)]


@pytest.mark.parametrize(
    ("syntax", "text", "fields"),
    [
        (
            "jinja",
            "Hi {{ customer.first_name }}, {%- if vip %}thanks{% endif %}",
            ["{{ customer.first_name }}", "{%- if vip %}", "{% endif %}"],
        ),
        ("jinja", 'Hi {{ name | default: "there" }}!', ['{{ name | default: "there" }}']),
        (
            "handlebars",
            "{{#if x}}a{{/if}} {{{raw}}} {{> footer}} {{else}}",
            ["{{#if x}}", "{{/if}}", "{{{raw}}}", "{{> footer}}", "{{else}}"],
        ),
        ("braces", "Dear {name}, order {order.id} ({0})", ["{name}", "{order.id}", "{0}"]),
        ("percent", "Hi %FIRST_NAME%, your %ORDER_ID% ships", ["%FIRST_NAME%", "%ORDER_ID%"]),
        (
            "brackets",
            "[Agent Name] [Customer's Name] [ORDER_ID] [Date of Purchase] [customer.email] [NAME]",
            ["[Agent Name]", "[Customer's Name]", "[ORDER_ID]", "[Date of Purchase]", "[customer.email]", "[NAME]"],
        ),
        (
            "angle",
            "<first_name> <Agent Name> <name> <ORDER_ID> <customer.email>",
            ["<first_name>", "<Agent Name>", "<name>", "<ORDER_ID>", "<customer.email>"],
        ),
        ("dollar", "${first_name} and $ORDER$", ["${first_name}", "$ORDER$"]),
    ],
)
def test_each_syntax_finds_its_fields(syntax, text, fields):
    assert found(text, (syntax,)) == fields


@pytest.mark.parametrize(
    "prose",
    [
        "Get 50% off today, then 20% on Friday.",
        "He said it was fine [sic] and sent the [link].",
        "Tick [x] and [ ] boxes; see [1] and [a, b].",
        "Read [Click Here](https://example.com) or [Docs][ref].",
        "Use <b>bold</b>, a <br> or <a href='x'>link</a>; 3 < 4 > 2.",
        "It costs $5 and $10, or {} and { spaced } and {not an id!}.",
        'A JSON body: {"key": 1}.',
        "Everything is ALL CAPS [OK ok] and [this is a long sentence in brackets].",
        "[Solved] [Update] [EDIT] [Sent from Gmail] [One Two Three Four Five]",
        "<address>Main St</address> <link> <time> <Name=x>",
    ],
)
def test_ordinary_prose_has_no_placeholders(prose):
    assert found(prose) == []


def test_nested_and_overlapping_matches_merge():
    assert found("{{ ${x} }} and ${name}") == ["${x}", "${name}"]
    assert found("${name}") == ["${name}"]


def test_comments_are_found_separately_and_hide_their_contents():
    text = "{# hide {{ x }} #} {{!-- a {{b}} --}} {{! short }} {{ shown }}"
    assert [text[a:b] for a, b in find_comments(text)] == ["{# hide {{ x }} #}", "{{!-- a {{b}} --}}", "{{! short }}"]
    assert found(text) == ["{{ shown }}"]


def test_custom_patterns_add_to_the_named_syntaxes():
    assert found("Hi {!Contact.FirstName}, ref ::ID::", ("braces",), (r"\{![\w.]+\}", r"::\w+::")) == [
        "{!Contact.FirstName}",
        "::ID::",
    ]


def test_no_syntaxes_finds_nothing():
    assert found("{{ x }} [Agent Name]", ()) == []


def test_unknown_syntax_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="unknown placeholder syntax 'mustache'"):
        check_syntaxes(("jinja", "mustache"))
    with pytest.raises(ValueError, match="unknown placeholder syntax 'erb'"):
        find_placeholders("x", ("erb",))


def test_invalid_custom_pattern_is_a_value_error():
    with pytest.raises(ValueError, match=r"placeholder pattern '\(unclosed': invalid regex"):
        find_placeholders("x", custom=("(unclosed",))


def test_mark_templates_drops_placeholders_in_ignored_text_and_blanks_logic():
    text = "{% if vip %}Thanks, {{ name }}{% endif %}\n> [Agent Name]\n"
    draft = mark_templates(draft_from_text("t.txt", text))
    assert analysis_text(draft) == "            Thanks, Xxxxxxxxxx           \n              \n"


def test_hostile_input_is_linear():
    texts = [
        "{{" * 20000,
        "{%" * 20000,
        "[Aa " * 20000,
        "<Aa " * 20000,
        "%A" * 20000,
        "{#" * 20000 + "#",
        "{{#" * 20000 + "#}",
        "{{!" * 20000,
    ]
    start = time.perf_counter()
    for text in texts:
        find_placeholders(text)
    assert time.perf_counter() - start < 2.0


def test_merge_spans_sorts_and_merges_overlaps_only():
    assert merge_spans([(5, 8), (0, 2), (1, 3), (3, 4), (6, 6)]) == ((0, 3), (3, 4), (5, 8))


def test_custom_patterns_run_even_without_an_opening_character():
    # The named syntaxes all open with one of {[<%$, so a text without them skips their scan; custom ones do not.
    from replylint.inputs.placeholders import find_placeholders

    assert find_placeholders("Thanks, CUSTOMER_FIRST", custom=(r"CUSTOMER_\w+",)) == ((8, 22),)
    assert find_placeholders("Thanks, CUSTOMER_FIRST") == ()
    assert find_placeholders("Thanks, %CUSTOMER_FIRST%") == ((8, 24),)
