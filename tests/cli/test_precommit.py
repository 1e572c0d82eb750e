"""The pre-commit hook, for real: a blaming draft fails the commit, a clean one passes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs pre-commit, git and a git checkout of replylint",
)


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=check,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )


def test_hook_blocks_a_blaming_draft_and_lets_a_clean_one_through(tmp_path, monkeypatch):
    head = git("rev-parse", "HEAD", cwd=ROOT).stdout.strip()
    repo = tmp_path / "canned"
    repo.mkdir()
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: replylint\n"
    )
    subprocess.run(["pre-commit", "install"], cwd=repo, check=True, capture_output=True)
    git("add", ".pre-commit-config.yaml", cwd=repo)
    git("commit", "-q", "-m", "config", cwd=repo)

    (repo / "refund.txt").write_text("Thanks for your patience, and sorry for the wait. The refund is on its way.\n")
    git("add", "refund.txt", cwd=repo)
    clean = git("commit", "-m", "clean reply", cwd=repo, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (repo / "shipping.txt").write_text("Thanks. That's not our problem, you should have read the terms.\n")
    git("add", "shipping.txt", cwd=repo)
    blamed = git("commit", "-m", "blaming reply", cwd=repo, check=False)
    assert blamed.returncode != 0
    assert "shipping.txt:1:" in blamed.stdout + blamed.stderr
    assert "[blame." in blamed.stdout + blamed.stderr
    assert git("log", "--format=%s", cwd=repo).stdout.split("\n")[0] == "clean reply"
    git("reset", "-q", cwd=repo)
    (repo / "shipping.txt").unlink()

    # Staged names are paths, never options: this file must be linted, and README.md left alone.
    (repo / "README.md").write_text("Our saved replies.\n")
    (repo / "--output=README.md").write_text("Thanks. That's your fault.\n")
    git("add", "--", "--output=README.md", cwd=repo)
    named = git("commit", "-m", "option-like name", cwd=repo, check=False)
    assert named.returncode != 0
    assert "--output=README.md:1:" in named.stdout + named.stderr
    assert (repo / "README.md").read_text() == "Our saved replies.\n"
    git("reset", "-q", cwd=repo)
    (repo / "--output=README.md").unlink()

    # No staged file of the hook's types: pre-commit does not run the hook at all.
    (repo / "tool.py").write_text("print('hi')\n")
    git("add", "tool.py", cwd=repo)
    skipped = git("commit", "-m", "code only", cwd=repo, check=False)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout + skipped.stderr

    # Every staged draft excluded by the repository's own config: the commit passes (with a warning).
    (repo / "replylint.toml").write_text('exclude = ["legacy/**"]\n')
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.txt").write_text("Thanks. That's your fault.\n")
    git("add", "replylint.toml", cwd=repo)
    git("commit", "-q", "-m", "config excludes legacy", cwd=repo)
    git("add", "legacy/old.txt", cwd=repo)
    excluded = git("commit", "-m", "legacy reply", cwd=repo, check=False)
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr

    # A config whose selection leaves no rule fails the commit instead of passing it unchecked.
    (repo / "replylint.toml").write_text('select = ["blame"]\nignore = ["blame"]\n')
    (repo / "new.txt").write_text("Thanks, all sorted.\n")
    git("add", "replylint.toml", "new.txt", cwd=repo)
    empty = git("commit", "-m", "selection leaves nothing", cwd=repo, check=False)
    assert empty.returncode != 0
    assert "the selection leaves no rule to run" in empty.stdout + empty.stderr
