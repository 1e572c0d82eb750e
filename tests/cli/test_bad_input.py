"""Bad input through the CLI: each gets a clear message and the right exit code, and the rest is still linted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app
from replylint.inputs.drafts import Source, draft_from_text, split_long

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")


def check(*args: str):
    return CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", DEMO, "--no-cache", "--format", "json", *args]
    )


def findings(result) -> dict[str, list[tuple[str, int, int]]]:
    report = json.loads(result.stdout)
    return {Path(f["path"]).name: [(x["rule"], x["line"], x["column"]) for x in f["findings"]] for f in report["files"]}


def test_empty_and_whitespace_only_files_are_clean(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t\r\n")
    result = check(str(tmp_path))
    assert (result.exit_code, findings(result)) == (0, {"blank.txt": [], "empty.txt": []})


def test_a_file_that_disappears_during_the_run_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Thanks. your fault\n")
    (tmp_path / "b.txt").write_text("Thanks.\n")
    from replylint.run import check as runner

    real = runner.discover

    def discover_then_delete(paths, chooser=None, **options):
        found = real(paths, chooser, **options)
        (tmp_path / "b.txt").unlink()
        return found

    monkeypatch.setattr(runner, "discover", discover_then_delete)
    result = check(str(tmp_path))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f.get("error") for f in report["files"]] == [None, "cannot read file: No such file or directory"]
    assert findings(result)["a.txt"] == [("demo.fault", 1, 9)]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_reported(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Thanks.\n")
    secret.chmod(0)
    result = check(str(secret))
    assert result.exit_code == 2
    assert "cannot read file: Permission denied" in result.stdout


def test_a_long_draft_is_linted_in_parts_with_exact_positions(tmp_path):
    line = "Thanks for writing, we are looking into it now.\n"
    text = line * 3000 + "Honestly that is your fault.\n" + line * 10
    (tmp_path / "long.txt").write_text(text)
    result = check(str(tmp_path / "long.txt"))
    assert findings(result) == {"long.txt": [("demo.fault", 3001, 18)]}


def test_parts_cover_the_draft_and_map_back_exactly():
    text = "".join(f"line {i} of a long draft\n" for i in range(20_000))
    draft = draft_from_text("x.txt", text)
    parts = split_long(draft, 10_000)
    assert "".join(p.text for p in parts) == text
    assert all(p.part for p in parts)
    source = Source("x.txt", text)
    for part in parts[1:]:
        assert part.locate(0) == source.locate(part.source_offset(0))
        assert part.text.startswith("line ")


def test_very_long_lines_and_emoji_keep_columns(tmp_path):
    (tmp_path / "wide.txt").write_text("😀" * 5000 + " Thanks, your fault.\n")
    assert findings(check(str(tmp_path / "wide.txt"))) == {"wide.txt": [("demo.fault", 1, 5010)]}


def test_a_bad_disable_value_deep_in_a_collection_is_reported_not_raised(tmp_path):
    entries = ",\n".join(f'  {{"body": "Thanks, reply number {i} is fine."}}' for i in range(5))
    (tmp_path / "m.json").write_text(
        '{"replies": [\n' + entries + ',\n  {"body": "Thanks. your fault", "replylint-disable": 3}\n]}\n'
    )
    (tmp_path / "ok.txt").write_text("Thanks. your fault\n")
    result = check(str(tmp_path / "m.json"), str(tmp_path / "ok.txt"))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f.get("error") for f in report["files"]] == [
        f"{tmp_path / 'm.json'}:7: replylint-disable must be a rule id prefix or a list",
        None,
    ]
    assert findings(result)["ok.txt"] == [("demo.fault", 1, 9)]


def test_drafts_stream_through_in_chunks_with_the_same_findings(tmp_path, monkeypatch):
    from replylint.run import linting as runner

    replies = ",\n".join(f'  {{"body": "Reply {i}: that is your fault."}}' for i in range(10))
    (tmp_path / "m.json").write_text('{"replies": [\n' + replies + "\n]}\n")
    whole = findings(check(str(tmp_path / "m.json")))
    monkeypatch.setattr(runner, "CHUNK", 3)
    assert findings(check(str(tmp_path / "m.json"))) == whole
    assert len(whole["m.json"]) == 20  # a fault and a missing thanks in each of the ten replies


def test_a_fifo_is_reported_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text("Thanks, all good.\n")
    result = check(str(fifo), str(tmp_path / "ok.txt"))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f.get("error") for f in report["files"]] == [
        None,
        "not a regular file (a FIFO, device or socket is not read)",
    ]


def test_utf16_crlf_and_bom_drafts_lint_at_the_right_place(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Hi,\r\nThanks. your fault\r\n".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfThanks. your fault\r")
    assert findings(check(str(tmp_path))) == {"bom.txt": [("demo.fault", 1, 9)], "u16.txt": [("demo.fault", 2, 9)]}
