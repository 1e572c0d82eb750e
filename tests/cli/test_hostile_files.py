"""Packs, configs and models named by a repository cannot hang the run, fill memory, echo files or run code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from replylint.cli.app import app

BLAME = "Thanks. That is your fault.\n"


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--no-cache", "--format", "text", *args])


def test_a_fifo_as_pack_is_refused_without_reading_it():
    Path("a.txt").write_text(BLAME)
    os.mkfifo("pack.yaml")  # reading it would block forever: nobody writes
    result = check("--pack", "pack.yaml", "a.txt")
    assert result.exit_code == 2
    assert "pack.yaml:1: a pack must be a regular file (not a device, FIFO or folder)" in result.stderr


def test_a_device_as_pack_is_refused():
    Path("a.txt").write_text(BLAME)
    result = check("--pack", "/dev/zero", "a.txt")
    assert result.exit_code == 2
    assert "/dev/zero:1: a pack must be a regular file" in result.stderr


def test_a_device_as_config_is_refused():
    Path("a.txt").write_text(BLAME)
    result = check("--config", "/dev/zero", "a.txt")
    assert result.exit_code == 2
    assert "/dev/zero: a configuration file must be a regular file" in result.stderr


def test_a_file_that_is_no_pack_is_never_echoed():
    Path("a.txt").write_text(BLAME)
    Path("secret.txt").write_text("root:$6$hash:20228:0:99999:7:::\nadmin: hunter2\n")
    Path("replylint.toml").write_text('packs = ["secret.txt"]\n')
    result = check("a.txt")
    assert result.exit_code == 2
    assert "secret.txt:1: not a replylint pack (no 'pack' field at the top level)" in result.stderr
    assert "hunter2" not in result.stderr and "$6$" not in result.stderr


def test_a_model_name_never_imports_a_package_from_the_working_directory():
    Path("a.txt").write_text(BLAME)
    Path("evil").mkdir()
    Path("evil/__init__.py").write_text("open('pwned', 'w').write('ran')\n")
    # With a dist-info beside it, importlib.metadata reports "evil" as an installed package (from sys.path).
    Path("evil-1.0.dist-info").mkdir()
    Path("evil-1.0.dist-info/METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    Path("evil-1.0.dist-info/top_level.txt").write_text("evil\n")
    Path("replylint.toml").write_text('model = "evil"\n')
    result = subprocess.run(
        [sys.executable, "-m", "replylint", "check", "--no-cache", "a.txt"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "cannot load spaCy pipeline 'evil'" in result.stderr
    assert not Path("pwned").exists()


def _linked_tree() -> None:
    Path("outside").mkdir()
    Path("outside/secret.txt").write_text("Thanks. That is your fault, says the secret.\n")
    Path("repo").mkdir()
    Path("repo/a.txt").write_text("Thanks, all sorted.\n")
    Path("repo/link.txt").symlink_to(Path("outside/secret.txt").resolve())


def test_symlinked_files_in_a_walk_are_read_and_named():
    _linked_tree()
    result = check("repo")
    assert result.exit_code == 1
    assert "repo/link.txt:1:" in result.stdout
    assert "replylint: warning: read 1 symlinked file(s), which may point outside the folder: repo/link.txt" in (
        result.stderr
    )


def test_no_follow_links_leaves_them_out_and_says_so():
    _linked_tree()
    result = check("--no-follow-links", "repo")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "left out 1 symlinked file(s) (--no-follow-links): repo/link.txt" in result.stderr


def test_links_are_not_followed_under_ci_unless_asked(monkeypatch):
    _linked_tree()
    monkeypatch.setenv("CI", "true")
    assert check("repo").stdout == ""
    assert "repo/link.txt:1:" in check("--follow-links", "repo").stdout
    assert "link.txt:1:" in check("repo/link.txt").stdout  # a path named on the command line is read
