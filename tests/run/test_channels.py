"""The forum channel (links normal, privacy kept), its default under .github/, and lengths as a reader sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.api import Linter
from replylint.config.settings import Config, PerFileSetting
from replylint.packs.records import CHANNELS
from replylint.run.reading import channel_for

LINKS = "Thanks for asking! See https://a.example/1 and https://a.example/2 or https://a.example/3 for the steps."
EMAIL = "Thanks, we've updated the account to jane.doe84@gmail.com for you."
# With a rule of every channel, so the selection is valid when no channel is set.
RULES = ["spam.links-in-public", "privacy.contact-details-in-public", "channels.public-too-long", "spam.emoji-pile"]


@pytest.fixture(scope="module")
def linters(tmp_path_factory) -> dict[str | None, Linter]:
    # An empty config of its own, so a replylint.toml around the test run cannot change the channel.
    config = tmp_path_factory.mktemp("cfg") / "replylint.toml"
    config.write_text("")
    return {channel: Linter.from_config(config, select=RULES, channel=channel) for channel in (None, "public", "forum")}


def rules_of(linter: Linter, text: str, path: str = "reply.txt") -> list[str]:
    return [f.rule for f in linter.lint(text, path)]


def test_forum_is_a_channel_of_the_packs_and_of_the_config() -> None:
    assert "forum" in CHANNELS


def test_links_are_normal_in_a_forum_reply_and_spam_in_a_public_post(linters) -> None:
    assert rules_of(linters["forum"], LINKS) == []
    assert rules_of(linters["public"], LINKS) == ["spam.links-in-public"]


def test_a_forum_reply_is_still_public_for_personal_data(linters) -> None:
    assert rules_of(linters["forum"], EMAIL) == ["privacy.contact-details-in-public"]


def test_a_long_forum_answer_is_not_cut_to_a_post_length(linters) -> None:
    answer = "Thanks for the detailed report, it helped a lot. " * 8
    assert rules_of(linters["forum"], answer) == []
    assert rules_of(linters["public"], answer) == ["channels.public-too-long"]


def test_files_under_a_github_folder_default_to_the_forum_channel(linters) -> None:
    assert rules_of(linters[None], LINKS, ".github/replies/links.txt") == []
    assert rules_of(linters[None], EMAIL, ".github/replies/email.txt") == ["privacy.contact-details-in-public"]
    assert rules_of(linters[None], EMAIL, "replies/email.txt") == []  # no channel: no public-only rule
    assert rules_of(linters["public"], LINKS, ".github/replies/links.txt") == ["spam.links-in-public"]


def test_the_config_and_per_file_entries_decide_before_the_github_default(tmp_path: Path) -> None:
    plain = Config(None, tmp_path)
    assert channel_for(plain, ".github/SAVED_REPLIES.md") == "forum"
    assert channel_for(plain, str(tmp_path / ".github" / "replies" / "a.md")) == "forum"
    assert channel_for(plain, "docs/github/a.md") is None
    assert channel_for(Config(None, tmp_path, channel="email"), ".github/a.md") == "email"
    per_file = Config(None, tmp_path, per_file=(PerFileSetting(".github/**", channel="chat"),))
    assert channel_for(per_file, str(tmp_path / ".github" / "a.md")) == "chat"


def markdown_post(label_chars: int) -> str:
    """A Markdown reply whose visible text is `label_chars` long, with two long link URLs hidden in it."""
    url = "https://help.example.com/articles/" + "very-long-slug-" * 6
    head = f"Sorry about that! Here is [the guide]({url}) and [the form]({url}). "
    seen = len("Sorry about that! Here is the guide and the form. ")
    return head + "x" * (label_chars - seen)


def test_a_markdown_link_counts_as_its_label_in_a_post_length(linters) -> None:
    assert len(markdown_post(270)) > 400
    assert rules_of(linters["public"], markdown_post(270), "reply.md") == []
    findings = linters["public"].lint(markdown_post(285), "reply.md")
    assert [f.rule for f in findings] == ["channels.public-too-long"]
    # The finding points at the 281st visible character, in the file's own coordinates.
    text = markdown_post(285)
    assert (findings[0].column, findings[0].match) == (len(text) - 4, "x")
    assert findings[0].message.startswith("285 characters")
