"""--baseline: record today's findings, then fail only on new ones, matched by rule, file and text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from replylint.cli.app import app

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")


def check(*args: str):
    return CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", DEMO, "--no-cache", "--format", "text", *args]
    )


def test_update_baseline_records_and_passes_then_only_new_findings_fail(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Thanks. That is your fault.\n")
    first = check("a.txt", "--baseline", "baseline.json", "--update-baseline")
    assert (first.exit_code, first.stdout) == (0, "")
    assert "recorded 1 findings in baseline.json" in first.stderr
    assert json.loads(Path("baseline.json").read_text())["findings"] == [
        {"path": "a.txt", "rule": "demo.fault", "match": "your fault", "count": 1}
    ]

    # An edit elsewhere moves the finding to line 3: still known.
    Path("a.txt").write_text("Hello!\n\nThanks. That is your fault.\n")
    moved = check("a.txt", "--baseline", "baseline.json")
    assert (moved.exit_code, moved.stdout) == (0, "")
    assert "1 known findings not shown" in moved.stderr

    # A second occurrence is new.
    Path("a.txt").write_text("Thanks. That is your fault.\nAgain, your fault.\n")
    new = check("a.txt", "--baseline", "baseline.json")
    assert new.exit_code == 1
    assert new.stdout == "a.txt:2:8: error [demo.fault] 'your fault' blames.\n"


def test_update_baseline_rewrites_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Thanks. That is your fault. Blame UPS.\n")
    check("a.txt", "--baseline", "b.json", "--update-baseline")
    Path("a.txt").write_text("Thanks. Blame UPS.\n")
    assert check("a.txt", "--baseline", "b.json", "--update-baseline").exit_code == 0
    assert [e["rule"] for e in json.loads(Path("b.json").read_text())["findings"]] == ["demo.forgot"]


def test_baseline_paths_work_from_another_directory(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("Thanks. your fault\n")
    monkeypatch.chdir(tmp_path)
    check("drafts", "--baseline", "b.json", "--update-baseline")
    monkeypatch.chdir(tmp_path / "drafts")
    assert check("a.txt", "--baseline", "../b.json").exit_code == 0


def test_a_broken_baseline_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Thanks.\n")
    Path("b.json").write_text("[1, 2]")
    result = check("a.txt", "--baseline", "b.json")
    assert result.exit_code == 2
    assert result.stderr == "replylint: error: b.json: not a valid baseline: not a replylint baseline (version 1)\n"
    assert check("a.txt", "--update-baseline").exit_code == 2


def test_a_missing_baseline_is_an_error_not_a_new_baseline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Thanks. That is your fault.\n")
    result = check("a.txt", "--baseline", "basline.json")
    assert result.exit_code == 2
    assert result.stderr == (
        "replylint: error: baseline basline.json does not exist; "
        "create it with --baseline basline.json --update-baseline\n"
    )
    assert not Path("basline.json").exists()


def test_a_baseline_entry_naming_no_rule_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Thanks. That is your fault.\n")
    entry = {"path": "a.txt", "rule": "demo.falt", "match": "your fault", "count": 1}
    Path("b.json").write_text(json.dumps({"version": 1, "findings": [entry]}))
    result = check("a.txt", "--baseline", "b.json")
    assert result.exit_code == 2
    assert "b.json: entry for a.txt names rule 'demo.falt', which no loaded pack has (did you mean demo.fault" in (
        result.stderr
    )


def renamed_pack(folder: Path) -> str:
    """The demo pack with demo.fault renamed from its old id demo.blames."""
    text = (
        Path(DEMO)
        .read_text()
        .replace("    unless_negated: true\n", '    unless_negated: true\n    aliases: ["blames"]\n', 1)
    )
    (folder / "renamed.yaml").write_text(text)
    return str(folder / "renamed.yaml")


def test_a_baseline_recorded_under_a_renamed_rule_still_hides_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Thanks. That is your fault.\n")
    entry = {"path": "a.txt", "rule": "demo.blames", "match": "your fault", "count": 1}
    Path("b.json").write_text(json.dumps({"version": 1, "findings": [entry]}))
    args = ["check", "--no-default-packs", "--pack", renamed_pack(tmp_path), "--no-cache", "--format", "text"]
    result = CliRunner().invoke(app, [*args, "a.txt", "--baseline", "b.json"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert "1 known findings not shown" in result.stderr
