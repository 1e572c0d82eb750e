"""The parsed-pack cache returns exactly what parsing returns, and never a stale or damaged pack."""

from __future__ import annotations

import shutil

from replylint import packcache
from replylint.packs import load_pack, shipped_pack_paths


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
