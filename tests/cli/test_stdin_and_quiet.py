"""--stdin-filename (stdin read and reported as a path, with its format and config) and --quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")
ONLY_DEMO = ["check", "--no-default-packs", "--pack", DEMO, "--no-cache"]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, [*ONLY_DEMO, *args], input=stdin)


def test_stdin_is_reported_under_the_given_path(workdir):
    result = lint("--stdin-filename", "replies/refund.txt", "--format", "text", stdin="Thanks. That is your fault.")
    assert result.stdout == "replies/refund.txt:1:17: error [demo.fault] 'your fault' blames.\n"
    assert result.exit_code == 1


def test_stdin_is_read_in_the_format_of_the_given_suffix(workdir):
    markdown = "```\nThat is your fault.\n```\n\nThanks, it is fixed.\n"
    as_markdown = lint("--stdin-filename", "r.md", "--format", "text", stdin=markdown)
    as_text = lint("--stdin-filename", "r.txt", "--format", "text", stdin=markdown)
    assert (as_markdown.stdout, as_markdown.exit_code) == ("", 0)  # a fence is code in Markdown
    assert as_text.stdout == "r.txt:2:9: error [demo.fault] 'your fault' blames.\n"


def test_the_per_file_settings_of_the_given_path_apply(workdir):
    Path("replylint.toml").write_text('[[per-file]]\nglob = "legacy/**"\nignore = ["demo.fault"]\n')
    reply = "Thanks. That is your fault."
    assert lint("--stdin-filename", "legacy/old.txt", "--format", "text", stdin=reply).exit_code == 0
    assert lint("--stdin-filename", "new/old.txt", "--format", "text", stdin=reply).exit_code == 1


def test_stdin_filename_with_dash_and_without_paths_both_read_stdin(workdir):
    reply = "Thanks. That is your fault."
    with_dash = lint("--stdin-filename", "a.txt", "-", "--format", "json", stdin=reply)
    assert json.loads(with_dash.stdout)["files"][0]["path"] == "a.txt"


def test_stdin_filename_with_only_file_paths_is_a_usage_error(workdir):
    Path("a.txt").write_text("Thanks.\n")
    result = lint("--stdin-filename", "b.txt", "a.txt", stdin="x")
    assert result.exit_code == 2
    assert "add '-'" in result.stderr


@pytest.mark.parametrize("name", ["pretty", "text"])
def test_quiet_prints_only_the_summary_in_human_formats(workdir, name):
    Path("a.txt").write_text("Thanks. That is your fault.\n")
    result = lint("--quiet", "--format", name, "a.txt")
    assert result.stdout == "1 reply in 1 file, 1 finding (1 error, 0 warnings, 0 suggestions)\n"
    assert result.exit_code == 1


def test_quiet_leaves_machine_formats_whole(workdir):
    Path("a.txt").write_text("Thanks. That is your fault.\n")
    quiet = lint("-q", "--format", "json", "a.txt")
    assert quiet.stdout == lint("--format", "json", "a.txt").stdout
    assert json.loads(quiet.stdout)["summary"]["findings"] == 1


def test_quiet_names_unreadable_inputs_on_stderr(workdir):
    Path("bad.txt").write_bytes(b"Thanks \xff\n")
    result = lint("-q", "--format", "text", "bad.txt")
    assert result.stdout == "0 replies in 0 files, no findings, 1 could not be read\n"
    assert result.stderr.startswith("replylint: error: bad.txt: ")
    assert result.exit_code == 2


def test_stdin_named_like_a_collection_is_read_as_one(workdir):
    replies = '[{"name": "Refund", "body": "Thanks. That is your fault."}, {"name": "Ok", "body": "Thanks!"}]'
    result = lint("--stdin-filename", "saved/replies.json", "--format", "json", stdin=replies)
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "saved/replies.json"
    assert [(f["rule"], f["entry"]) for f in file["findings"]] == [("demo.fault", {"name": "Refund", "index": 1})]
