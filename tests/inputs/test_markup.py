"""Markdown and HTML drafts: exactly what the rules see (markup blanked, prose kept in place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.engine.kinds import compile_rules
from replylint.engine.linter import analysis_text, lint
from replylint.inputs.drafts import Source
from replylint.inputs.html import html_draft, looks_like_html
from replylint.inputs.markdown import markdown_draft
from replylint.packs.loading import load_pack


def md(text: str) -> str:
    return analysis_text(markdown_draft(Source("a.md", text)))


def htm(text: str) -> str:
    return analysis_text(html_draft(Source("a.html", text)))


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Use `rm -rf` or ``a ` b``.\n", "Use          or          .\n"),
        ("Hi\n\n```\nyour fault\n```\nBye\n", "Hi\n\n   \n          \n   \nBye\n"),
        ("Hi\n\n    indented code\n", "Hi\n\n                 \n"),
        (
            'See [the `x` guide](https://a.example/c "Title") now.\n',
            "See  the     guide" + " " * 31 + "now.\n",
        ),  # '](url "Title")' and the space
        ('Read [docs][ref].\n\n[ref]: https://a.example "T"\n', "Read  docs      .\n\n" + " " * 28 + "\n"),
        ("Look: ![Screenshot](shot.png)\n", "Look:   Screenshot           \n"),
        ("Hi <b>you</b> <!-- note --> <https://a.example>\n", "Hi    you" + " " * 38 + "\n"),
        ("---\ntitle: Refund\n---\nHello\n", "   \n             \n   \nHello\n"),
        ("---\nNot front matter\n---\nHello\n", "---\nNot front matter\n---\nHello\n"),
        ("# Sorry, Ana\n\n- one\n- two\n", "# Sorry, Ana\n\n- one\n- two\n"),
        ("> your fault, said the customer\nWe are on it.\n", "                               \nWe are on it.\n"),
        ("| a | `b` |\n| --- | --- |\n| `c` | d |\n", "| a |     |\n             \n|     | d |\n"),
        ("Line\r\nwith `code`\r\n", "Line\r\nwith       \r\n"),
        ("* a\n\n  <div>\n  Hello <i>there</i>\n  </div>\n", "* a\n\n       \n  Hello    there    \n        \n"),
    ],
)
def test_markdown_analysis_text(text, seen):
    assert md(text) == seen


def test_markdown_placeholders_become_words_and_logic_tags_are_blanked():
    assert md("Hi [Agent Name],\n{# note #}{% if vip %}Thanks{% endif %} {{#if a}}b{{/if}}\n") == (
        "Hi Xxxxxxxxxxxx,\n                      Thanks                     b       \n"
    )


def test_markdown_placeholders_inside_code_stay_code():
    assert md("Run `{{ cmd }}` now\n") == "Run" + " " * 13 + "now\n"


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("<p>Hi <b>Ana</b>,</p>", "   Hi    Ana    ,    "),
        ("<!-- draft --><p>Ok</p>", "                 Ok    "),
        ("<style>p {color: red}</style><script>x = '<your fault>'</script>Done", " " * 64 + "Done"),
        ("<blockquote>your fault</blockquote>Fixed", "                                   Fixed"),
        ("<pre>code here</pre>Text", "                    Text"),
        ("<!DOCTYPE html><title>Refund</title>", "                      Refund        "),
        ("Q&amp;A", "Q&    A"),
        ("5&nbsp;days", "5      days"),
        ("We don&rsquo;t know", "We donXxxxxxxt know"),
        ("&quot;Quoted&quot; &mdash; ok", "      Quoted" + " " * 15 + "ok"),
        ("AT&T and a < b <3", "AT&T and a < b <3"),
        ("<p>Done.</p>\n<p>On Mon, Ana wrote:</p>\n<p>your fault</p>", "   Done.    \n" + " " * 25 + "\n" + " " * 17),
        ('<a href="x"\n>Track it</a>', "           \n Track it    "),  # a tag's '>' is not a quote marker
    ],
)
def test_html_analysis_text(text, seen):
    assert htm(text) == seen


def test_html_angle_placeholders_are_not_tags_but_br_is():
    assert htm("Hi <first_name>,<br>thanks <Agent Name>") == "Hi Xxxxxxxxxxxx,    thanks Xxxxxxxxxxxx"


def test_html_placeholders_in_attributes_stay_blank():
    assert htm('<a href="{{ url }}">Track {{ name }}</a>') == "                    Track Xxxxxxxxxx    "


def test_html_lines_keep_their_breaks():
    draft = html_draft(Source("a.html", "<p>\n  Thanks\n</p>"))
    assert analysis_text(draft) == "   \n  Thanks\n    "
    assert draft.locate(draft.text.index("Thanks")) == (2, 3)


def test_looks_like_html():
    assert looks_like_html("Hi<br>there")
    assert not looks_like_html("a < b and <first_name>")


def test_findings_in_markdown_skip_code_and_point_into_the_file(pipeline, demo_fault):
    source = Source("a.md", "# Hi\n\n`your fault`\n\nSorry, your fault.\n")
    ((_, findings),) = list(lint([markdown_draft(source)], compile_rules(demo_fault, pipeline), pipeline))
    assert [(f.match, f.line, f.column) for f in findings] == [("your fault", 5, 8)]


@pytest.fixture
def demo_fault():
    return [r for r in load_pack(Path(__file__).parents[1] / "data" / "demo.yaml").rules if r.id == "fault"]
