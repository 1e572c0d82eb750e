"""Pretty output for many-reply files: findings grouped by entry, excerpts, why/instead once, terminal width."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len

from replylint.findings import Entry, FileReport, Finding, Report, Severity
from replylint.packs.records import Rule
from replylint.reporters import get

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SAVED = (
    "## Not a bug\n"
    "\n"
    "Thanks for the report. You failed to read the docs.\n"
    "\n"
    "## Duplicate\n"
    "\n"
    "Closing as a duplicate. You failed to search first.\n"
)
NOT_A_BUG, DUPLICATE = Entry("Not a bug", 1), Entry("Duplicate", 2)


def rule(suggest: str = "Say what you need.") -> Rule:
    return Rule(
        pack="blame",
        id="customer-fault",
        kind="phrase",
        severity=Severity.ERROR,
        description="Blame.",
        message="{match}",
        why="Blame is betrayal.",
        suggest=suggest,
        source="blame.yaml",
        line=1,
    )


RULES = {"blame.customer-fault": rule()}


def blame(line: int, column: int, entry: Entry | None, suggestion: str | None = None, path: str = "r.md") -> Finding:
    message = "'You failed' blames the reader."
    return Finding(
        path,
        line,
        column,
        line,
        column + 10,
        "blame.customer-fault",
        Severity.ERROR,
        message,
        "You failed",
        suggestion,
        entry=entry,
    )


def pretty(file: FileReport, *, color: bool = False) -> str:
    stream = io.StringIO()
    get("pretty")(Report((file,)), RULES, stream, color=color)
    return ANSI.sub("", stream.getvalue())


def test_findings_are_grouped_under_their_entry_title_and_why_is_given_once_per_rule() -> None:
    file = FileReport("r.md", (blame(3, 24, NOT_A_BUG), blame(7, 25, DUPLICATE)), SAVED)
    assert pretty(file) == (
        "r.md\n"
        "  #1 Not a bug\n"
        "  3 │ Thanks for the report. You failed¹ to read the docs.\n"
        "    │                        ^^^^^^^^^^\n"
        "\n"
        "  1  3:24  error  blame.customer-fault  'You failed' blames the reader.\n"
        "     why:     Blame is betrayal.\n"
        "     instead: Say what you need.\n"
        "\n"
        "  #2 Duplicate\n"
        "  7 │ Closing as a duplicate. You failed² to search first.\n"
        "    │                         ^^^^^^^^^^\n"
        "\n"
        "  2  7:25  error  blame.customer-fault  'You failed' blames the reader.\n"
        "     why, instead: same as 1 above\n"
        "\n"
        "1 reply in 1 file, 2 findings (2 errors, 0 warnings, 0 suggestions)\n"
    )


def test_a_later_finding_with_its_own_suggestion_repeats_only_the_instead_line() -> None:
    findings = (blame(3, 24, NOT_A_BUG), blame(7, 25, DUPLICATE, suggestion="Ask what they searched for."))
    lines = pretty(FileReport("r.md", findings, SAVED)).splitlines()
    start = lines.index("  2  7:25  error  blame.customer-fault  'You failed' blames the reader.")
    assert lines[start + 1 : start + 3] == [
        "     why:     same as 1 above",
        "     instead: Ask what they searched for.",
    ]


def test_an_entry_excerpt_shows_its_marked_lines_and_what_lies_between_never_its_neighbours() -> None:
    text = "## Refund\nWe looked at it.\nYou failed to send the receipt.\nWe need it.\nAnd you failed to sign.\n\nBye\n"
    findings = (blame(3, 1, Entry("Refund", 1)), blame(5, 5, Entry("Refund", 1)))
    output = pretty(FileReport("r.md", findings, text))
    assert output.splitlines()[1:8] == [
        "  #1 Refund",
        "  3 │ You failed¹ to send the receipt.",
        "    │ ^^^^^^^^^^",
        "  4 │ We need it.",
        "  5 │ And you failed² to sign.",
        "    │     ^^^^^^^^^^",
        "",
    ]


def test_a_document_level_finding_in_an_entry_shows_the_line_it_points_at() -> None:
    finding = Finding(
        "r.md",
        3,
        1,
        3,
        1,
        "acknowledgement.missing-thanks",
        Severity.SUGGESTION,
        "No thanks.",
        "",
        entry=Entry("Duplicate", 2),
    )
    output = pretty(FileReport("r.md", (finding,), SAVED))
    assert output.splitlines()[1:4] == [
        "  #2 Duplicate",
        "  3 │ Thanks for the report. You failed to read the docs.",
        "",
    ]


def test_entry_titles_show_control_characters_instead_of_sending_them() -> None:
    entry = Entry("Bad \x1b[31mtitle\nsecond line", 4)
    output = pretty(FileReport("r.md", (blame(3, 24, entry),), SAVED))
    assert output.splitlines()[1] == "  #4 Bad \u241b[31mtitle second line"


LONG = (
    "Thanks for writing in. " * 10 + "You failed to attach the receipt. " + "We will look into it today. " * 9 + "Bye."
)


def test_a_long_line_is_cut_to_the_terminal_width_around_its_span(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    file = FileReport("r.json", (blame(1, 231, Entry("refund", 1), path="r.json"),), LONG + "\n")
    lines = pretty(file, color=True).splitlines()
    assert lines[1:4] == [
        "  #1 refund",
        "  1 │ …ing in. You failed¹ to attach th…",
        "    │          ^^^^^^^^^^",
    ]
    assert max(cell_len(line) for line in lines) <= 40


def test_notes_wrap_to_a_narrow_terminal_under_their_indent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    lines = pretty(FileReport("r.md", (blame(3, 24, NOT_A_BUG),), SAVED), color=True).splitlines()
    assert max(cell_len(line) for line in lines) <= 30
    assert lines[lines.index("     why:     Blame is") + 1] == "     betrayal."
    # The note's own first line wraps under its details too.
    head = next(i for i, line in enumerate(lines) if line.startswith("  1  3:24"))
    assert lines[head + 1].startswith("     ") and not lines[head + 1].startswith("     why")


def test_piped_plain_output_keeps_whole_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    file = FileReport("r.json", (blame(1, 231, None, path="r.json"),), LONG + "\n")
    assert f"  1 │ {LONG[:240]}¹{LONG[240:]}" in pretty(file).splitlines()


def test_a_span_wider_than_the_terminal_is_shown_from_its_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    text = "Hello there. " + "x" * 80 + " bye.\n"
    finding = Finding("r.txt", 1, 14, 1, 94, "channels.sms-multi-segment", Severity.SUGGESTION, "long", "x" * 80)
    lines = pretty(FileReport("r.txt", (finding,), text), color=True).splitlines()
    assert lines[1:3] == ["  1 │ …" + "x" * 22 + "…", "    │  " + "^" * 22]


def test_wide_characters_are_measured_in_cells_when_a_line_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    text = "日本語" * 20 + "You failed" + "日本語" * 20 + "\n"
    finding = Finding("r.txt", 1, 61, 1, 71, "blame.customer-fault", Severity.ERROR, "m", "You failed")
    lines = pretty(FileReport("r.txt", (finding,), text), color=True).splitlines()
    assert max(cell_len(line) for line in lines[1:3]) <= 30
    row, carets = lines[1], lines[2]
    assert "You failed¹" in row
    assert cell_len(row[: row.index("You")]) == cell_len(carets[: carets.index("^")])
