"""The language server's linters: one per config file, rebuilt when a watched file changes, last good kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.server.lsp_linters import Linters, Settings, SettingsError, SetupFailed

PACK = """pack: tone
rules:
  - id: fault
    kind: phrase
    description: "d"
    message: "m"
    why: "w"
    suggest: "s"
    phrases: ["your fault"]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "tone.yaml").write_text(PACK)
    (tmp_path / "replylint.toml").write_text('packs = ["tone.yaml"]\nselect = ["tone"]\n')
    return tmp_path


def linters() -> tuple[Linters, list[str]]:
    reports: list[str] = []
    return Linters(report=reports.append), reports


def test_documents_under_one_config_share_one_linter_until_a_file_changes(folder):
    cache, reports = linters()
    (folder / "sub").mkdir()
    first = cache.for_document(str(folder / "a.txt"))
    assert cache.for_document(str(folder / "sub" / "b.md")) is first
    (folder / "tone.yaml").write_text(PACK.replace('["your fault"]', '["your fault", "user error"]'))
    rebuilt = cache.for_document(str(folder / "a.txt"))
    assert (rebuilt is first, sorted(rebuilt.rules.by_id)[-1], reports) == (False, "tone.fault", [])


def test_a_broken_pack_is_reported_once_and_the_last_good_linter_serves(folder):
    cache, reports = linters()
    good = cache.for_document(str(folder / "a.txt"))
    (folder / "tone.yaml").write_text(PACK.replace("kind: phrase", "kind: phrasebook"))
    assert cache.for_document(str(folder / "a.txt")) is good
    assert cache.for_document(str(folder / "b.txt")) is good
    (report,) = reports
    assert report.startswith(f"replylint: {folder / 'tone.yaml'}:4: ")
    assert report.endswith("; still using the rules loaded before it")
    (folder / "tone.yaml").write_text(PACK + "    exceptions: []\n")
    assert cache.for_document(str(folder / "a.txt")) is not good


def test_a_config_broken_from_the_start_leaves_its_documents_unlinted_with_the_reason(folder):
    (folder / "replylint.toml").write_text("select = [\n")
    cache, reports = linters()
    for _ in range(2):
        with pytest.raises(SetupFailed, match=r"replylint\.toml: invalid TOML"):
            cache.for_document(str(folder / "a.txt"))
    assert len(reports) == 1
    (folder / "replylint.toml").write_text('packs = ["tone.yaml"]\n')
    assert "tone.fault" in cache.for_document(str(folder / "a.txt")).rules.by_id


def test_a_new_config_is_found_after_forget(folder):
    cache, _ = linters()
    (folder / "team").mkdir()
    before = cache.for_document(str(folder / "team" / "a.txt"))
    (folder / "team" / "replylint.toml").write_text('packs = ["../tone.yaml"]\nselect = ["tone"]\nchannel = "chat"\n')
    assert cache.for_document(str(folder / "team" / "a.txt")) is before
    cache.forget()
    assert cache.for_document(str(folder / "team" / "a.txt")).config.channel == "chat"


def test_workspace_settings_apply_to_every_linter(folder):
    cache, _ = linters()
    before = cache.for_document(str(folder / "a.txt"))
    cache.reconfigure(Settings(channel="chat", ignore=("suppressions",)))
    after = cache.for_document(str(folder / "a.txt"))
    assert (after is before, after.config.channel, after.config.ignore) == (False, "chat", ("suppressions",))


def test_settings_take_relative_packs_from_the_workspace_root(tmp_path):
    settings = Settings.parse({"packs": ["team.yaml"], "select": "tone", "channel": "email"}, tmp_path)
    assert settings == Settings("email", ("tone",), (), (str(tmp_path / "team.yaml"),))
    assert Settings.parse(None) == Settings()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "replylint settings must be an object, not list"),
        ({"selct": []}, "unknown replylint setting 'selct' (known: channel, select, ignore, packs)"),
        ({"ignore": [1]}, "replylint setting 'ignore' must be a list of strings"),
        ({"channel": 3}, "replylint setting 'channel' must be a string"),
    ],
)
def test_settings_of_the_wrong_shape_are_refused(raw, message):
    with pytest.raises(SettingsError) as caught:
        Settings.parse(raw)
    assert str(caught.value) == message


def test_a_config_broken_after_a_good_one_keeps_its_rules(folder):
    cache, reports = linters()
    good = cache.for_document(str(folder / "a.txt"))
    (folder / "replylint.toml").write_text("select = [\n")
    cache.forget()
    assert cache.for_document(str(folder / "a.txt")) is good
    assert cache.for_document(str(folder / "a.txt")) is good
    (report,) = reports
    assert "replylint.toml: invalid TOML" in report
