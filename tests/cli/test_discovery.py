"""A check run says what it read and what it left out, and each folder is linted under its own config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.inputs import formats
from replylint.inputs.skips import NotReplies

READ = formats.drafts_for  # the real reader, kept before a test stands a stub in for it

DEMO = Path(__file__).parents[1] / "data" / "demo.yaml"
ONLY_DEMO = ("--no-default-packs", "--pack", str(DEMO), "--select", "demo.fault")
BLAME = "Thanks. That is your fault.\n"


@pytest.fixture(autouse=True)
def _in_repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".git").mkdir()


def write(name: str, text: str = BLAME) -> None:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(text, encoding="utf-8")


def check(*args: str):
    from replylint.cli.app import app

    return CliRunner().invoke(app, ["check", *ONLY_DEMO, "--no-cache", "--format", "json", *args])


def found(result) -> dict[str, list[int]]:
    report = json.loads(result.stdout)
    return {f["path"]: [x["line"] for x in f["findings"]] for f in report["files"]}


def test_the_summary_counts_replies_and_names_each_kind_of_skip():
    write("replies/a.txt")
    write("replies/macros.json", '[{"body": "That is your fault."}, {"body": "Thanks, done."}]\n')
    write("node_modules/lib/b.txt")
    write("README.md")
    write("build.log.txt")
    write(".gitignore", "*.log.txt\n")
    result = check(".")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"] | {"by_severity": None} == {
        "files": 2,
        "replies": 3,
        "skipped": 5,
        "findings": 2,
        "errors": 0,
        "by_severity": None,
    }
    assert report["skipped"] == [
        {"path": ".git/", "reason": "default exclude: version-control folder"},
        {"path": ".gitignore", "reason": "default exclude: hidden (name starts with '.')"},
        {"path": "README.md", "reason": "default exclude: project document (README, LICENSE, CHANGELOG and the like)"},
        {"path": "build.log.txt", "reason": "ignored by .gitignore (.gitignore line 1: *.log.txt)"},
        {"path": "node_modules/", "reason": "default exclude: build, vendor or environment folder"},
    ]
    assert result.stderr == (
        "replylint: 3 replies in 2 files (5 skipped: 4 default excludes, 1 ignored by .gitignore), "
        "2 findings (2 errors, 0 warnings, 0 suggestions)\n"
    )


def test_verbose_lists_each_skipped_file_with_its_reason_on_stderr():
    write("a.txt")
    write("notes.py", "print('hi')\n")
    result = check(".", "--verbose", "--format", "text")
    assert result.stderr.splitlines()[:3] == [
        "replylint: skipped .git/: default exclude: version-control folder",
        "replylint: skipped notes.py: not a reply format (.py)",
        "replylint: 1 reply in 1 file (2 skipped: 1 default exclude, 1 not a reply format), 1 finding "
        "(1 error, 0 warnings, 0 suggestions)",
    ]


def test_pretty_output_ends_with_the_same_summary():
    write("a.txt", "Thanks, all sorted.\n")
    write("LICENSE.txt")
    result = check(".", "--format", "pretty", "--color", "never")
    assert result.stdout.splitlines()[-1] == "1 reply in 1 file (2 skipped: 2 default excludes), no findings"


def test_a_long_draft_linted_in_parts_counts_as_one_reply(monkeypatch):
    monkeypatch.setattr("replylint.inputs.drafts.PART_CHARS", 200)
    write("long.txt", "Thanks for the note.\n" * 40)
    report = json.loads(check("long.txt").stdout)
    assert report["summary"]["replies"] == 1


def test_ignore_files_and_default_excludes_can_be_turned_off_by_flag_or_config():
    write("a.txt")
    write("vendor/b.txt")
    write("c.txt")
    write(".gitignore", "c.txt\n")
    assert sorted(found(check("."))) == ["a.txt"]
    assert sorted(found(check(".", "--no-ignore-files"))) == ["a.txt", "c.txt"]
    assert sorted(found(check(".", "--no-default-excludes"))) == ["a.txt", "vendor/b.txt"]
    write("replylint.toml", "respect-ignore-files = false\ndefault-excludes = false\n")
    assert sorted(found(check("."))) == ["a.txt", "c.txt", "vendor/b.txt"]


def test_files_named_on_the_command_line_are_read_even_when_ignored_or_default_excluded():
    write("c.txt")
    write("README.md")
    write(".gitignore", "c.txt\n")
    assert found(check("c.txt", "README.md")) == {"README.md": [1], "c.txt": [1]}


def test_a_folder_whose_files_are_all_skipped_is_the_no_drafts_error_saying_why():
    write("only/README.md")
    Path("only/blob.txt").write_bytes(b"\x00\x01binary")
    result = check("only")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"] == [
        {
            "path": "only",
            "error": "no drafts found (looked for .txt, .md, .markdown, .text, .html, .htm, .json, .json5, .jsonl, .ndjson, .yaml, .yml, "
            ".csv, .js, .mjs, .cjs, .jsonp files; 2 skipped: 1 binary file, 1 default exclude; --verbose lists them)",
            "findings": [],
        }
    ]
    allowed = check("only", "--allow-empty")
    assert allowed.exit_code == 0
    assert "replylint: warning: only: no drafts found" in allowed.stderr


def _not_replies(path, text, reading):
    if path.endswith("package-ish.json"):
        raise NotReplies("a build manifest (its keys: name, scripts)")
    return READ(path, text, reading)


def _lazily_not_replies(path, text, reading):
    def drafts():  # a collection reader finds out while iterating
        if path.endswith("package-ish.json"):
            raise NotReplies("a build manifest (its keys: name, scripts)")
        yield from READ(path, text, reading)

    return drafts()


@pytest.mark.parametrize("reader", [_not_replies, _lazily_not_replies])
def test_a_file_a_reader_says_holds_no_replies_is_skipped_in_a_walk_and_an_error_when_named(monkeypatch, reader):
    monkeypatch.setattr("replylint.inputs.formats.drafts_for", reader)
    write("a.txt")
    write("package-ish.json", '{"name": "x", "scripts": {}}\n')
    walked = check(".")
    assert walked.exit_code == 1
    assert {"path": "package-ish.json", "reason": "holds no replies: a build manifest (its keys: name, scripts)"} in (
        json.loads(walked.stdout)["skipped"]
    )
    named = check("package-ish.json", "--format", "text")
    assert named.exit_code == 2
    assert named.stdout == "package-ish.json: error: holds no replies: a build manifest (its keys: name, scripts)\n"


def test_each_folder_is_linted_with_its_nearest_config():
    write("replylint.toml", 'exclude = ["drafts-old"]\n')
    write("a.txt")
    write("drafts-old/b.txt")
    write("team/replylint.toml", '[severity]\n"demo.fault" = "off"\n')
    write("team/c.txt")
    write("email/pyproject.toml", '[tool.replylint]\ninclude = ["**/*.eml.txt"]\nfail-on = "error"\n')
    write("email/d.eml.txt")
    write("email/e.txt")
    result = check(".")
    assert found(result) == {"a.txt": [1], "email/d.eml.txt": [1], "team/c.txt": []}
    skipped = {s["path"]: s["reason"] for s in json.loads(result.stdout)["skipped"]}
    assert skipped["drafts-old/"] == "excluded by 'exclude' in replylint.toml"
    assert skipped["email/e.txt"] == "not matching 'include' in pyproject.toml"
    # Run from inside the sub-project the same file takes the same config: the search follows the file.
    assert found(check("team/c.txt")) == {"team/c.txt": []}


def test_config_flag_wins_over_every_nearer_config():
    write("team/replylint.toml", '[severity]\n"demo.fault" = "off"\n')
    write("team/c.txt")
    write("strict.toml", "")
    assert found(check("--config", "strict.toml", "team")) == {"team/c.txt": [1]}


def test_a_broken_nested_config_is_an_error_naming_it():
    write("a.txt")
    write("team/replylint.toml", "default-exclude = false\n")
    write("team/c.txt")
    result = check(".", "--format", "text")
    assert result.exit_code == 2
    assert "unknown key 'default-exclude' (did you mean 'default-excludes'?)" in result.stderr
    assert "Traceback" not in result.output


def test_each_files_own_fail_on_decides_its_exit_code():
    write("replylint.toml", 'fail-on = "error"\n')
    write("soft/replylint.toml", '[severity]\n"demo.fault" = "warning"\n')
    write("soft/a.txt")
    assert check("soft").exit_code == 1  # the nearest config keeps fail-on at its default, warning
    write("soft/replylint.toml", 'fail-on = "error"\n[severity]\n"demo.fault" = "warning"\n')
    assert check("soft").exit_code == 0
