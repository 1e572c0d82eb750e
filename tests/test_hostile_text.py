"""Hostile text through the CLI: invalid bytes, lone surrogates, deep folders, floods that are slow to tokenise."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from typer.testing import CliRunner

from replylint.cli import app

DEMO = str(Path(__file__).parent / "data" / "demo.yaml")


def check(*args: str):
    return CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", DEMO, "--no-cache", "--format", "json", *args]
    )


def files(result) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def found(result) -> dict[str, list[tuple[str, int, int, str]]]:
    return {
        name: [(x["rule"], x["line"], x["column"], x["match"]) for x in entry.get("findings", [])]
        for name, entry in files(result).items()
    }


def test_invalid_bytes_in_text_are_reported_like_a_files(tmp_path):
    # Python hands argv bytes that are not UTF-8 over as surrogate escapes: b"caf\xe9" arrives as "caf\udce9".
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 sorry")
    result = check("--text", "caf\udce9 sorry", str(tmp_path / "bad.txt"))
    assert result.exit_code == 2
    assert files(result)["<text>"]["error"] == files(result)["bad.txt"]["error"]
    assert files(result)["<text>"]["error"] == "not valid UTF-8 at byte 3 (use --encoding to read another encoding)"


def test_encoding_applies_to_the_bytes_of_text():
    result = check("--encoding", "latin-1", "--text", "Thanks, caf\udce9: your fault")
    assert (result.exit_code, found(result)) == (1, {"<text>": [("demo.fault", 1, 15, "your fault")]})


def test_a_lone_surrogate_in_text_is_an_input_error():
    result = check("--text", "hi \ud800 your fault")
    assert result.exit_code == 2
    assert files(result)["<text>"]["error"] == "not valid text at character 3 (a lone surrogate)"


def test_invalid_bytes_on_stdin_are_reported_like_a_files():
    result = CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", DEMO, "--format", "json", "-"], input=b"caf\xe9 sorry"
    )
    assert result.exit_code == 2
    assert [f["error"] for f in json.loads(result.stdout)["files"]] == [
        "not valid UTF-8 at byte 3 (use --encoding to read another encoding)"
    ]


def test_a_lone_surrogate_escape_in_json_is_a_file_line_error(tmp_path):
    (tmp_path / "macros.json").write_text('[{"body": "fine"},\n {"body": "Thanks. \\ud800 your fault"}]')
    (tmp_path / "ok.txt").write_text("Thanks. your fault\n")
    result = check(str(tmp_path / "macros.json"), str(tmp_path / "ok.txt"))
    assert result.exit_code == 2
    assert files(result)["macros.json"]["error"].endswith(
        "macros.json:2: \\ud800 is half a surrogate pair, not a character"
    )
    assert found(result)["ok.txt"] == [("demo.fault", 1, 9, "your fault")]


def test_a_surrogate_pair_escape_in_json_is_one_character(tmp_path):
    (tmp_path / "macros.json").write_text('[{"body": "Thanks \\ud83d\\ude00 your fault"}]')
    result = check(str(tmp_path / "macros.json"))
    assert (result.exit_code, found(result)) == (1, {"macros.json": [("demo.fault", 1, 32, "your fault")]})


def test_folders_nested_deeper_than_the_recursion_limit_are_walked(tmp_path):
    # The recursion limit is lowered to just above this test's stack instead of nesting 1,500 folders: the
    # walk is shown not to recurse, and pytest's own clean-up (which does recurse) still copes with the tree.
    depth = len(traceback.extract_stack())
    folder = tmp_path / "top"
    folder.mkdir()
    (folder / "shallow.txt").write_text("Thanks.\n")
    for _ in range(400):
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text("Thanks. your fault\n")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 300)
    try:
        result = check(str(tmp_path / "top"))
    finally:
        sys.setrecursionlimit(limit)
    assert (result.exit_code, found(result)) == (
        1,
        {"deep.txt": [("demo.fault", 1, 9, "your fault")], "shallow.txt": []},
    )
