"""A canned-reply repository with one file per layout, linted with no config: every reply, named and placed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

CANNED = Path(__file__).parents[1] / "data" / "canned"

# Per file: each reply's entry (name, 1-based index) and the line its text starts on. Every reply in the
# fixture has a problem the shipped packs catch, so each must show up in the findings.
REPLIES = {
    "SAVED_REPLIES.md": {("Duplicate issue", 1): 8, ("Works for me", 2): 14, ("Needs a reproduction", 3): 18},
    "replies.yml": {("Question, not a bug", 1): 5, ("Stale pull request", 2): 9, ("Released", 3): 12},
    "macros.json": {("Shipping::Delayed parcel", 1): 10, ("Billing::Refund refused", 2): 19},
    "commands.json": {("!logs", 1): 2, ("!restart", 2): 3, ("!docs", 3): 4},
    "snippets.json5": {("Greeting", 1): 6, ("Password reset", 2): 11},
    "canned.user.js": {("Welcome", 1): 14, ("Off topic", 2): 19},
    "replies.js": {("Account locked", 1): 2, ("Feature request", 2): 3},
    "export.csv": {("Order status", 1): 2, ("Wrong address", 2): 3},
}
# One finding per file: the blame or snark a reviewer would want caught, at its line and column.
MARKED = {
    "SAVED_REPLIES.md": ("Works for me", 14, 47, "blame.customer-fault", "You must have entered"),
    "replies.yml": ("Stale pull request", 9, 68, "blame.customer-fault", "you forgot to"),
    "macros.json": ("Billing::Refund refused", 19, 78, "blame.customer-fault", "you did not read"),
    "commands.json": ("!restart", 3, 16, "snark.passive-aggressive-reminder", "As I already said"),
    "snippets.json5": ("Password reset", 11, 14, "blame.customer-fault", "You should have read"),
    "canned.user.js": ("Welcome", 14, 53, "blame.customer-fault", "you did not read"),
    "replies.js": ("Account locked", 2, 72, "blame.customer-fault", "You must have typed"),
    "export.csv": ("Wrong address", 3, 70, "manners.bare-demand", "Send us the correct one"),
}


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--no-cache", *args])


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture copied to a folder of its own, so no config of this repository is found."""
    folder = tmp_path / "canned"
    shutil.copytree(CANNED, folder)
    monkeypatch.chdir(folder)
    return folder


def test_the_fixture_has_one_file_per_layout():
    assert sorted(path.name for path in CANNED.iterdir()) == sorted(REPLIES)


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_every_reply_is_reported_with_its_entry_name_and_line(repository, name):
    result = check("--format", "json", name)
    assert result.exit_code == 1, result.output
    (report,) = json.loads(result.stdout)["files"]
    first_lines: dict[tuple[str, int], int] = {}
    for finding in report["findings"]:
        entry = (finding["entry"]["name"], finding["entry"]["index"])
        first_lines[entry] = min(first_lines.get(entry, finding["line"]), finding["line"])
    assert first_lines == REPLIES[name]
    entry, line, column, rule, match = MARKED[name]
    # A finding of the rule covers the marked words where they stand (its span may take in words around them:
    # "because you did not read", "entered it wrong").
    found = [
        (f["column"], f["match"])
        for f in report["findings"]
        if (f["rule"], f["entry"]["name"], f["line"])
        == (
            rule,
            entry,
            line,
        )
    ]
    assert any(column - start >= 0 and text[column - start :].startswith(match) for start, text in found), found


def test_headings_and_code_inside_saved_replies_are_not_prose(repository):
    result = check("--format", "json", "SAVED_REPLIES.md")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    # Line 1 is the file's title, 20-22 the shell block under a reply, `git pull` inline code in a reply.
    assert not [f for f in findings if f["line"] in {1, 3, 5, 12, 16, 20, 21, 22}]
    assert not [f for f in findings if "git pull" in f["match"]]


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


# The walk takes these suffixes when the config says so (what a walk takes by default is the walker's business).
WALK_ALL = 'include = ["**/*.md", "**/*.yml", "**/*.json", "**/*.js"]\n'


def test_a_folder_with_an_empty_or_unsupported_collection_exits_2_naming_each(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "replylint.toml": WALK_ALL,
            "replies/good.md": "Thanks for writing in, it is fixed.\n",
            "replies/replies.yml": "replies: []\n",
            "replies/macros.json": '[{"label": "A", "wording": "Sorry, it broke again today."}]\n',
        },
    )
    result = check("--config", "replylint.toml", "--format", "text", "replies")
    assert result.exit_code == 2
    errors = sorted(line for line in result.stdout.splitlines() if ": error: " in line)
    assert errors == [
        "replies/macros.json: error: no reply text found: none is a known reply key (keys found:"
        ' wording); name the key that holds replies in the config: [[collections]] glob = "..." keys = ["..."]',
        "replies/replies.yml: error: empty collection: no replies in it",
    ]


def test_a_layout_and_key_set_per_glob_override_detection(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = """\
[[collections]]
glob = "notes/*.md"
layout = "markdown"

[[collections]]
glob = "bot/*.txt"
layout = "json"
keys = ["say"]
"""
    write(
        tmp_path,
        {
            "replylint.toml": config,
            "notes/SAVED_REPLIES.md": "## A\n\nThanks, fixed.\n\n## B\n\nThanks, shipped.\n",
            "bot/commands.txt": '[{"name": "Hi", "say": "You must have entered it wrong, as usual."}]\n',
        },
    )
    result = check("--config", "replylint.toml", "--format", "json", "notes", "bot/commands.txt")
    files = {report["path"]: report for report in json.loads(result.stdout)["files"]}
    # One draft for the whole Markdown file: no entry; the .txt file read as JSON, its 'say' key as replies.
    assert [f["entry"] for f in files["notes/SAVED_REPLIES.md"]["findings"]] == []
    bot = [(f["rule"], f["entry"], f["line"], f["column"]) for f in files["bot/commands.txt"]["findings"]]
    assert ("blame.customer-fault", {"name": "Hi", "index": 1}, 1, 25) in bot


def test_an_unknown_layout_in_the_config_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"replylint.toml": '[[collections]]\nglob = "*.x"\nlayout = "xml"\n', "a.txt": "Thanks.\n"})
    result = check("--config", "replylint.toml", "a.txt")
    assert result.exit_code == 2
    assert "layout" in result.stderr and "must be one of text, markdown, saved-replies" in result.stderr


def test_a_named_file_of_an_unknown_format_or_a_script_without_replies_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"notes.rst": "Thanks, fixed.\n", "app.js": "run(1, 2);\n"})
    result = check("--format", "text", "notes.rst", "app.js")
    assert result.exit_code == 2
    assert "notes.rst: error: format not understood (.rst is none of " in result.stdout
    assert "app.js: error: holds no replies: no literal array of reply objects" in result.stdout
