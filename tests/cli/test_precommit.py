"""The pre-commit hook, for real, installed with the README's own snippet: drafts linted, non-replies skipped."""

from __future__ import annotations

import os
import re
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


def readme_snippet() -> str:
    """The .pre-commit-config.yaml the README tells users to write."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### pre-commit\n", 1)[1]
    found = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert found is not None, "README.md: no yaml block under '### pre-commit'"
    return found.group(1)


def as_installed(snippet: str, *, collections: bool = False) -> str:
    """The snippet pointed at this clone at HEAD (its `repo:` and `rev:` values), every other line as written.

    With `collections`, the README's commented-out opt-in line is switched on, as the README says to.
    """
    head = git("rev-parse", "HEAD", cwd=ROOT).stdout.strip()
    lines = snippet.splitlines(keepends=True)
    installed = [
        re.sub(r"(- repo: )\S+", lambda m: m.group(1) + str(ROOT), line)
        if line.lstrip().startswith("- repo:")
        else re.sub(r"(rev: )\S+", lambda m: m.group(1) + head, line)
        if line.lstrip().startswith("rev:")
        else line
        for line in lines
    ]
    assert sum(a != b for a, b in zip(lines, installed, strict=True)) == 2
    text = "".join(installed)
    if collections:
        assert "# types_or: [" in text
        text = text.replace("# types_or: [", "types_or: [")
    return text


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory) -> Path:
    # One pre-commit home for the module: the hook's environment (replylint and spaCy) is installed once.
    return tmp_path_factory.mktemp("pre-commit-home")


def new_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, home: Path) -> Path:
    repo = tmp_path / "canned"
    repo.mkdir()
    monkeypatch.setenv("PRE_COMMIT_HOME", str(home))
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(config)
    subprocess.run(["pre-commit", "install"], cwd=repo, check=True, capture_output=True)
    git("add", ".pre-commit-config.yaml", cwd=repo)
    git("commit", "-q", "-m", "config", cwd=repo)
    return repo


def test_the_readme_snippet_is_a_config_for_this_repository():
    snippet = readme_snippet()
    assert snippet.startswith("# .pre-commit-config.yaml\nrepos:\n")
    assert "      - id: replylint\n" in snippet


def test_hook_blocks_a_blaming_draft_and_lets_a_clean_one_through(tmp_path, monkeypatch, hook_home):
    repo = new_repo(tmp_path, monkeypatch, as_installed(readme_snippet()), hook_home)

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


NOT_REPLIES = (
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "docs/readme.txt",
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/ISSUE_TEMPLATE/bug.md",
    ".github/workflows/ci.yml",
    "package.json",
    "web/tsconfig.json",
)


def test_the_hook_skips_files_that_are_not_replies(tmp_path, monkeypatch, hook_home):
    # With collections switched on as the README shows, so YAML and JSON are among the hook's types.
    repo = new_repo(tmp_path, monkeypatch, as_installed(readme_snippet(), collections=True), hook_home)
    blame = "Thanks. That's not our problem, you should have read the terms."
    for name in NOT_REPLIES:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(f'{{"description": "{blame}"}}\n' if name.endswith(".json") else blame + "\n")
    git("add", ".", cwd=repo)
    documents = git("commit", "-m", "project documents", cwd=repo, check=False)
    assert documents.returncode == 0, documents.stdout + documents.stderr
    assert "(no files to check)Skipped" in documents.stdout + documents.stderr

    # A reply beside them, even one whose name only looks like a document's, is still linted.
    (repo / "replies").mkdir()
    (repo / "replies" / "license.md").write_text(blame + "\n")
    git("add", ".", cwd=repo)
    reply = git("commit", "-m", "a reply about licences", cwd=repo, check=False)
    assert reply.returncode != 0
    assert "replies/license.md:1:" in reply.stdout + reply.stderr
