"""--fix and --diff: safe substitutions applied atomically, never losing a word, idempotent."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

PACK = """
pack: tone
rules:
  - id: advised
    kind: substitution
    fix: true
    description: "d"
    message: "'{match}' -> '{suggestion}'"
    why: "w"
    suggest: "s"
    replacements: {"please be advised that": "", "kindly": "please", "as per your request": "as you asked"}
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


def check(*args: str):
    return CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", "tone.yaml", "--no-cache", "--format", "text", *args]
    )


def test_fix_applies_safe_substitutions_and_keeps_the_rest(workdir):
    Path("a.txt").write_bytes(b"Hi,\r\nPlease be advised that we close at 5. Kindly utilize the form.\r\n")
    result = check("--fix", "a.txt")
    assert Path("a.txt").read_bytes() == b"Hi,\r\nWe close at 5. Please utilize the form.\r\n"
    assert result.stdout == "a.txt:2:23: warning [tone.unsafe] m\n"  # not marked fix: reported, untouched
    assert "fixed 2 in a.txt" in result.stderr


def test_fix_twice_changes_nothing_the_second_time(workdir):
    Path("a.txt").write_text("Ok, as per your request we moved it. Kindly confirm.\n")
    check("--fix", "a.txt")
    once = Path("a.txt").read_bytes()
    second = check("--fix", "a.txt")
    assert Path("a.txt").read_bytes() == once == b"Ok, as you asked we moved it. Please confirm.\n"
    assert second.stderr == "replylint: 1 reply in 1 file, no findings\n"  # no "fixed" message: nothing left


def test_diff_shows_the_change_and_writes_nothing(workdir):
    Path("a.txt").write_text("Kindly wait.\n")
    result = check("--diff", "a.txt")
    assert result.stdout == "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-Kindly wait.\n+Please wait.\n"
    assert result.exit_code == 1
    assert Path("a.txt").read_text() == "Kindly wait.\n"
    assert check("--diff", "a.txt", "--select", "tone.unsafe").exit_code == 0


def test_fix_keeps_permissions_and_boms(workdir):
    Path("a.txt").write_bytes(b"\xef\xbb\xbfKindly wait.\n")
    os.chmod("a.txt", 0o640)
    Path("b.txt").write_bytes("Kindly wait.\n".encode("utf-16"))
    check("--fix", "a.txt", "b.txt")
    assert Path("a.txt").read_bytes() == b"\xef\xbb\xbfPlease wait.\n"
    assert stat.S_IMODE(os.stat("a.txt").st_mode) == 0o640
    assert Path("b.txt").read_bytes() == "Please wait.\n".encode("utf-16")


def test_a_file_changed_since_it_was_read_is_not_overwritten(workdir, monkeypatch):
    from replylint.run import fixes

    Path("a.txt").write_text("Kindly wait.\n")
    original_plan = fixes.plan

    def plan_then_edit(*args):
        result = original_plan(*args)
        Path("a.txt").write_text("Kindly wait. Someone else typed this.\n")
        return result

    monkeypatch.setattr(fixes, "plan", plan_then_edit)
    result = check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "Kindly wait. Someone else typed this.\n"
    assert "not fixed: a.txt: changed since it was read; not fixed" in result.stderr


def test_a_failure_between_write_and_rename_leaves_the_file_whole(workdir, monkeypatch):
    Path("a.txt").write_text("Kindly wait.\n")

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "Kindly wait.\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["a.txt", "tone.yaml"]
    assert "not fixed" in result.stderr


def test_fixes_inside_a_collection_keep_the_rest_byte_identical(workdir):
    original = (
        '# saved replies\nreplies:\n  - title: "Closing"   # keep me\n    body: "Kindly wait, thanks."\n'
        "  - body: |\n      Please be advised that it shipped.\n      Thanks!\n"
    )
    Path("r.yaml").write_text(original)
    check("--fix", "r.yaml")
    assert Path("r.yaml").read_text() == original.replace("Kindly", "Please").replace("Please be advised that it", "It")


def test_escaped_text_in_json_is_left_alone(workdir):
    original = '{"replies": [{"body": "Kind\\u006cy wait. Kindly confirm, thanks."}]}\n'
    Path("r.json").write_text(original)
    check("--fix", "r.json")
    assert Path("r.json").read_text() == original.replace("Kindly confirm", "Please confirm")


def test_a_deletion_after_leading_mentions_recapitalises(workdir):
    Path("a.txt").write_text("@sam Please be advised that the store closes at 5.\n")
    check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "@sam The store closes at 5.\n"


def test_a_symlink_is_not_replaced_by_a_copy(workdir):
    Path("real.txt").write_text("Kindly wait.\n")
    Path("link.txt").symlink_to("real.txt")
    result = check("--fix", "link.txt")
    assert Path("link.txt").is_symlink()
    assert Path("real.txt").read_text() == "Kindly wait.\n"
    assert "skipped: link.txt: a symbolic link; fix the file it points to instead" in result.stderr
    assert result.exit_code == 1  # the finding is still reported


def test_a_hard_linked_file_is_not_split(workdir):
    Path("a.txt").write_text("Kindly wait.\n")
    os.link("a.txt", "b.txt")
    result = check("--fix", "a.txt")
    assert Path("a.txt").stat().st_ino == Path("b.txt").stat().st_ino
    assert Path("b.txt").read_text() == "Kindly wait.\n"
    assert "skipped: a.txt: has 2 hard links, which a rewrite would split" in result.stderr


def test_a_read_only_file_is_left_alone(workdir):
    Path("a.txt").write_text("Kindly wait.\n")
    os.chmod("a.txt", 0o444)
    result = check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "Kindly wait.\n"
    assert "skipped: a.txt: read-only" in result.stderr


def test_the_owner_is_kept(workdir):
    Path("a.txt").write_text("Kindly wait.\n")
    if os.geteuid() == 0:
        os.chown("a.txt", 1234, 5678)
    before = Path("a.txt").stat()
    check("--fix", "a.txt")
    after = Path("a.txt").stat()
    assert Path("a.txt").read_text() == "Please wait.\n"
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_a_fix_the_encoding_cannot_hold_is_an_error_and_the_others_are_fixed(workdir):
    pack = Path("tone.yaml")
    pack.write_text(pack.read_text().replace('"as you asked"', '"as you asked \u2013 gladly"'))
    Path("a.txt").write_bytes("Caf\xe9: as per your request.\n".encode("latin-1"))
    Path("b.txt").write_text("Kindly wait.\n", encoding="latin-1")
    result = check("--fix", "--encoding", "latin-1", "a.txt", "b.txt")
    assert result.exit_code == 2
    assert "not fixed: a.txt: the fixed text cannot be written in latin-1" in result.stderr
    assert Path("a.txt").read_bytes() == "Caf\xe9: as per your request.\n".encode("latin-1")
    assert Path("b.txt").read_text(encoding="latin-1") == "Please wait.\n"


def test_an_edit_made_while_the_fix_is_written_is_not_lost(workdir, monkeypatch):
    from replylint import storage

    Path("a.txt").write_text("Kindly wait.\n")
    real_chmod = os.chmod

    def chmod_then_user_edits(path, mode, **kwargs):
        real_chmod(path, mode, **kwargs)
        if str(path).endswith(".replylint"):
            Path("a.txt").write_text("Kindly wait. The user typed this meanwhile.\n")

    monkeypatch.setattr(storage.os, "chmod", chmod_then_user_edits)
    result = check("--fix", "a.txt")
    assert Path("a.txt").read_text() == "Kindly wait. The user typed this meanwhile.\n"
    assert "not fixed: a.txt: changed while being fixed; not fixed" in result.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["a.txt", "tone.yaml"]
