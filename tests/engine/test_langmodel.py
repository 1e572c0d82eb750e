"""The language model cut to replylint's languages: cached signed in the user cache, mapped, never trusted altered."""

from __future__ import annotations

import pytest

from replylint.engine import langmodel
from replylint.engine.language import LANGUAGES

# Our own sentences in a few of the languages replylint tells apart.
SAMPLES = (
    "Lo sentimos mucho por el retraso; hoy mismo te enviamos el reembolso.",
    "Merci pour votre patience, nous regardons votre commande aujourd'hui.",
    "Vielen Dank für Ihre Nachricht, wir kümmern uns noch heute darum.",
    "Thanks for waiting, your parcel left the warehouse this morning.",
    "Obrigado pela mensagem, vamos verificar o seu pedido hoje.",
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path))
    return tmp_path


def _answers(identifier) -> list[tuple[str, float]]:
    return [identifier.classify(text) for text in SAMPLES]


def test_the_cached_model_answers_as_the_packaged_one(cache):
    packaged = langmodel.load(LANGUAGES)  # the first load builds the model and writes the cache
    assert sorted(path.suffix for path in cache.glob("langid-*")) == [".npy", ".npz", ".sig"]
    cached = langmodel._from_cache(*langmodel._paths(LANGUAGES), _key(), LANGUAGES)
    assert cached is not None
    assert type(cached.tk_nextmove).__name__ == "memmap"
    assert _answers(cached) == _answers(packaged)
    assert [code for code, _ in _answers(cached)] == ["es", "fr", "de", "en", "pt"]


def test_an_altered_cache_is_not_trusted_and_is_rebuilt(cache):
    langmodel.load(LANGUAGES)
    tables, states, signature = langmodel._paths(LANGUAGES)
    data = bytearray(states.read_bytes())
    data[-1] ^= 0xFF
    states.write_bytes(bytes(data))
    assert langmodel._from_cache(tables, states, signature, _key(), LANGUAGES) is None
    rebuilt = langmodel.load(LANGUAGES)
    assert [code for code, _ in _answers(rebuilt)] == ["es", "fr", "de", "en", "pt"]
    assert langmodel._from_cache(tables, states, signature, _key(), LANGUAGES) is not None


def test_another_language_list_is_another_file(cache):
    assert langmodel._paths(LANGUAGES) != langmodel._paths(("en", "es"))


def test_without_a_cache_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("REPLYLINT_NO_PACK_CACHE", "1")
    identifier = langmodel.load(LANGUAGES)
    assert [code for code, _ in _answers(identifier)][:2] == ["es", "fr"]
    assert list(tmp_path.iterdir()) == []


def _key() -> bytes:
    from replylint.storage import signing_key

    key = signing_key()
    assert key is not None
    return key
