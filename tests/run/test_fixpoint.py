"""--fix runs to a fixpoint, re-capitalises across line breaks, and prints fixed stdin or --text to stdout."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

# "kindly note that" becomes "please note that", which another replacement then deletes: two passes.
PACK = """
pack: tone
rules:
  - id: stiff
    kind: substitution
    fix: true
    description: "d"
    message: "'{match}' -> '{suggestion}'"
    why: "w"
    suggest: "s"
    replacements: {"kindly": "please", "please note that": "", "please be advised that": ""}
  - id: unsafe
    kind: substitution
    description: "d"
    message: "m"
    why: "w"
    suggest: "s"
    replacements: {"utilize": "use"}
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("tone.yaml").write_text(PACK)
    return tmp_path


def check(*args: str, stdin: str | bytes | None = None):
    runner = CliRunner()
    base = ["check", "--no-default-packs", "--pack", "tone.yaml", "--no-cache", "--format", "text"]
    return runner.invoke(app, [*base, *args], input=stdin)


def test_one_fix_run_applies_fixes_that_an_earlier_fix_made_possible(workdir):
    Path("a.txt").write_text("Thanks. Kindly note that we close at 5.\n")
    first = check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "Thanks. We close at 5.\n"
    assert first.stderr == "replylint: fixed 2 in a.txt\nreplylint: 1 reply in 1 file, no findings\n"
    assert (first.stdout, first.exit_code) == ("", 0)
    second = check("--fix", "a.txt")
    # Nothing left to fix: no "fixed" line, only the summary.
    assert (second.stderr, Path("a.txt").read_text()) == (
        "replylint: 1 reply in 1 file, no findings\n",
        "Thanks. We close at 5.\n",
    )
    assert check("--diff", "a.txt").stdout == ""


def test_a_deletion_starting_a_sentence_recapitalises_the_word_after_a_line_break(workdir):
    Path("a.txt").write_text("Thanks for waiting. Please be advised that\nthe store closes at 5.\n")
    check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "Thanks for waiting.\nThe store closes at 5.\n"


def test_a_deletion_that_empties_its_line_takes_the_line_break_and_recapitalises(workdir):
    Path("a.txt").write_bytes(b"Hi Sam,\r\nPlease be advised that\r\nthe store closes at 5.\r\n")
    check("--fix", "a.txt")
    assert Path("a.txt").read_bytes() == b"Hi Sam,\r\nThe store closes at 5.\r\n"


def test_a_deletion_inside_a_sentence_leaves_the_next_word_alone(workdir):
    Path("a.txt").write_text("We checked, and please note that\nthe store closes at 5.\n")
    check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "We checked, and\nthe store closes at 5.\n"


def test_fixing_stdin_prints_the_fixed_text_and_reports_the_rest_on_stderr(workdir):
    result = check("--fix", "-", stdin="Kindly note that we utilize forms.\nKindly wait.")
    assert result.stdout == "We utilize forms.\nPlease wait."
    assert result.stderr == (
        "replylint: fixed 3 in <stdin>\n<stdin>:1:4: warning [tone.unsafe] m\n"
        "replylint: 1 reply in 1 file, 1 finding (0 errors, 1 warning, 0 suggestions)\n"
    )
    assert result.exit_code == 1


def test_fixing_text_prints_it_even_when_nothing_changes(workdir):
    assert check("--fix", "--text", "All sorted, thanks.").stdout == "All sorted, thanks."
    changed = check("--fix", "--text", "Please be advised that kindly wait.")
    assert (changed.stdout, changed.exit_code) == ("Please wait.", 0)
    assert changed.stderr == "replylint: fixed 2 in <text>\nreplylint: 1 reply in 1 file, no findings\n"


def test_fixed_stdin_keeps_the_encoding_it_was_read_in(workdir):
    result = check("--fix", "--encoding", "latin-1", "-", stdin="Kindly pay 5 €uros.".encode("cp1252"))
    assert result.stdout_bytes == "Please pay 5 €uros.".encode("cp1252")


def test_fix_with_stdin_and_files_together_is_a_usage_error(workdir):
    Path("a.txt").write_text("Kindly wait.\n")
    result = check("--fix", "-", "a.txt", stdin="Kindly wait.")
    assert result.exit_code == 2
    assert "takes no other input" in result.stderr
    assert Path("a.txt").read_text() == "Kindly wait.\n"


def test_diff_shows_every_pass_that_fix_would_make_and_writes_nothing(workdir):
    Path("a.txt").write_text("Thanks. Kindly note that we close at 5.\n")
    result = check("--diff", "a.txt")
    assert result.stdout == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-Thanks. Kindly note that we close at 5.\n+Thanks. We close at 5.\n"
    )
    assert result.exit_code == 1
    assert Path("a.txt").read_text() == "Thanks. Kindly note that we close at 5.\n"


def test_diff_of_standard_input_is_shown_under_its_name(workdir):
    result = check("--diff", "--stdin-filename", "r.txt", stdin="Kindly wait.\n")
    assert result.stdout == "--- a/r.txt\n+++ b/r.txt\n@@ -1 +1 @@\n-Kindly wait.\n+Please wait.\n"
