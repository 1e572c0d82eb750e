"""The parsed-pack cache returns exactly what parsing returns, and never a stale or damaged pack."""

from __future__ import annotations

import json
import shutil
import stat

from replylint.packs import cache as packcache
from replylint.packs.loading import load_pack, shipped_pack_paths


def test_a_cached_pack_equals_a_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path / "cache"))
    for path in shipped_pack_paths():
        monkeypatch.setenv("REPLYLINT_NO_PACK_CACHE", "1")
        parsed = load_pack(path)
        monkeypatch.delenv("REPLYLINT_NO_PACK_CACHE")
        assert load_pack(path) == parsed  # parses and stores
        assert packcache.get(path.read_bytes(), str(path)) == parsed  # from the cache
        assert load_pack(path) == parsed


def test_a_moved_pack_reports_its_new_path(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path / "cache"))
    first = tmp_path / "a.yaml"
    shutil.copy(shipped_pack_paths()[0], first)
    load_pack(first)
    moved = tmp_path / "b.yaml"
    first.rename(moved)
    assert {rule.source for rule in load_pack(moved).rules} == {str(moved)}


def test_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path / "cache"))
    path = shipped_pack_paths()[0]
    parsed = load_pack(path)
    for entry in (tmp_path / "cache").glob("pack-*.json"):
        entry.write_text('{"name": 3}')
    assert load_pack(path) == parsed


def test_an_unwritable_cache_home_costs_nothing_but_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(blocker / "cache"))
    assert load_pack(shipped_pack_paths()[0]).rules


def test_a_forged_entry_cannot_remove_a_shipped_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path / "cache"))
    path = shipped_pack_paths()[0]
    parsed = load_pack(path)
    for entry in (tmp_path / "cache").glob("pack-*.json"):
        document = json.loads(entry.read_text())
        stored = json.loads(document["pack"])
        document["pack"] = json.dumps({**stored, "rules": []})
        entry.write_text(json.dumps(document))
    assert load_pack(path) == parsed


def test_the_signing_key_is_private_to_the_user(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path / "cache"))
    from replylint.storage import KEY_NAME, signing_key

    key = signing_key()
    assert key is not None and len(key) == 32
    assert signing_key() == key
    assert stat.S_IMODE((tmp_path / "cache" / KEY_NAME).stat().st_mode) == 0o600
