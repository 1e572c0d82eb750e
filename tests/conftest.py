"""Shared fixtures: the default pipeline (loaded once) and a helper to write packs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from replylint.engine import nlp

    return nlp.load()


@pytest.fixture
def write_pack(tmp_path: Path):
    """Write a pack from an indented YAML string and return its path."""

    def write(text: str, name: str = "pack.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in its own directory, so no config is found upward and no cache lands in the repo."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    # Parsed packs are cached per user; tests keep theirs apart from the developer's.
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "pack-cache"))
    # CI=true (as our CI sets it) changes defaults such as following links; tests that need it set it.
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture(scope="session")
def cluster_address():
    """A LocalCluster of 2 worker processes shared by the tests that run whole audits (--scheduler)."""
    from distributed import LocalCluster  # the [audit] extra, in [test]

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address
