"""The config of each linted path: found upward from the file, --config for all, flags laid over each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from replylint.config.nearest import Configs
from replylint.config.settings import ConfigError
from replylint.findings import Severity


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with a root config and a sub-project with its own; the cwd is the root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "replylint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (tmp_path / "team" / "emails").mkdir(parents=True)
    (tmp_path / "team" / "pyproject.toml").write_text('[tool.replylint]\nchannel = "email"\n', encoding="utf-8")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_path_uses_the_nearest_config_above_it(repo):
    configs = Configs()
    assert configs.base.path == repo / "replylint.toml"
    nested = configs.for_path("team/emails/a.txt")
    assert (nested.path, nested.channel, nested.root) == (repo / "team" / "pyproject.toml", "email", repo / "team")
    # A pyproject.toml without [tool.replylint] is passed over: the root's applies.
    assert configs.for_path("plain/b.txt") is configs.base
    assert configs.for_path("c.txt") is configs.base
    assert configs.for_folder(str(repo / "team")) is nested  # read once, whatever the spelling of the path


def test_the_search_follows_the_file_not_the_working_directory(repo, monkeypatch):
    monkeypatch.chdir(repo / "plain")
    configs = Configs()
    assert configs.for_path(str(repo / "team" / "x.txt")).channel == "email"
    assert configs.for_path(os.path.join("..", "team", "emails", "y.txt")).channel == "email"


def test_config_flag_wins_for_every_path(repo):
    (repo / "other.toml").write_text('channel = "sms"\n', encoding="utf-8")
    configs = Configs(Path("other.toml"))
    assert configs.for_path("team/emails/a.txt") is configs.base
    assert configs.base.channel == "sms"


def test_flags_are_laid_over_every_config(repo):
    configs = Configs(fail_on="suggestion", respect_ignore_files=False)
    for config in (configs.base, configs.for_path("team/a.txt")):
        assert (config.fail_on, config.respect_ignore_files) == (Severity.SUGGESTION, False)


def test_standard_input_and_text_use_the_working_directorys_config(repo):
    configs = Configs()
    assert configs.for_path("-") is configs.base
    assert configs.for_path("<text>") is configs.base


def test_a_path_with_no_config_above_it_uses_the_working_directorys(repo, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert Configs().for_path(str(elsewhere / "a.txt")).path == repo / "replylint.toml"


def test_a_broken_config_below_is_an_error_naming_it(repo):
    (repo / "team" / "emails" / "replylint.toml").write_text("respect-ignore-file = false\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'respect-ignore-file' \(did you mean 'respect-ignore-files'"):
        Configs().for_path("team/emails/a.txt")


@pytest.mark.parametrize("key", ["respect-ignore-files", "default-excludes"])
def test_walk_switches_must_be_booleans(repo, key):
    (repo / "replylint.toml").write_text(f'{key} = "no"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"replylint.toml: {key} must be true or false, not 'no'"):
        Configs()
