"""Drafts not in English are not judged by the English packs; they get one language.not-english suggestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli import app
from replylint.engine.language import language_of
from replylint.packs.loading import load_pack, shipped_pack_paths
from replylint.packs.records import PackError

SPANISH = "Lo sentimos mucho por el retraso; hoy mismo te enviamos el reembolso a tu cuenta."


def rules_fired(text: str, *args: str) -> list[str]:
    result = CliRunner().invoke(app, ["check", "--no-cache", "--format", "json", *args, "--text", text])
    return [f["rule"] for file in json.loads(result.stdout)["files"] for f in file["findings"]]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH, "es"),
        ("Vielen Dank für Ihre Geduld, wir prüfen das heute noch.", "de"),
        ("Merci pour votre message, nous regardons votre commande.", "fr"),
        ("DM us your order number and we will look into it.", None),
        ("Gracias!", None),  # too short to tell: taken as English
    ],
)
def test_language_of(text, code):
    assert language_of(text) == code


def test_a_spanish_apology_is_not_missing_thanks():
    assert rules_fired(SPANISH) == ["language.not-english"]


def test_the_suggestion_names_the_language_and_the_packs_left_out():
    result = CliRunner().invoke(app, ["check", "--no-cache", "--format", "text", "--text", SPANISH])
    assert result.exit_code == 0
    assert "suggestion [language.not-english] This draft reads as Spanish: rules for English (acknowledgement," in (
        result.stdout
    )


def test_packs_without_languages_still_judge_every_draft(tmp_path):
    pack = tmp_path / "any.yaml"
    pack.write_text(
        'pack: "any"\nrules:\n  - id: "refund"\n    kind: "phrase"\n    description: "d"\n    message: "m"\n'
        '    why: "w"\n    suggest: "s"\n    phrases: ["reembolso"]\n'
    )
    assert rules_fired(SPANISH, "--no-default-packs", "--pack", str(pack)) == ["any.refund"]


def test_english_drafts_load_no_language_model(monkeypatch):
    from replylint.engine import language

    language._identifier.cache_clear()
    assert rules_fired("Thanks, we refunded it today.") == []
    assert language._identifier.cache_info().currsize == 0


def test_the_shipped_tone_packs_declare_english():
    declared = {r.pack: r.languages for p in shipped_pack_paths() for r in load_pack(p).rules}
    assert declared["blame"] == declared["acknowledgement"] == ("en",)
    assert declared["privacy"] == ()  # card numbers are card numbers in any language


def test_a_language_code_must_be_iso_639_1(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(
        'pack: "p"\nlanguages: ["english"]\nrules:\n  - id: "r"\n    kind: "phrase"\n    description: "d"\n'
        '    message: "m"\n    why: "w"\n    suggest: "s"\n    phrases: ["x"]\n'
    )
    with pytest.raises(PackError, match=r"p\.yaml:2: 'languages' takes ISO 639-1 codes such as 'en', not 'english'"):
        load_pack(Path(pack))
