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


# A small labelled set written for the classifier tests: replies that put the fault on the customer (1) and
# replies that own the problem (0), each core sentence in a few wrappers so the model must learn the cores.
_BLAMING = (
    "You typed the wrong address, so the parcel came back.",
    "You should have read the size chart before ordering.",
    "That happened because you ignored our reminder emails.",
    "You clearly skipped the setup steps in the manual.",
    "Had you charged the battery first, it would work.",
    "You picked the wrong plan, which is why you were billed.",
    "The card was declined because you let it expire.",
    "You never told us the code, so we could not help.",
    "You deleted the file yourself, there is nothing we can do.",
    "Your own router settings caused this, not our service.",
    "You missed the deadline we gave you twice.",
    "If you had followed the guide, the app would not crash.",
)
_OWNING = (
    "Thanks for telling us, a new parcel leaves today.",
    "Sorry for the wait, your refund is on its way.",
    "I have fixed the billing error and credited your account.",
    "We made a mistake with the size, a swap is booked.",
    "I checked the order and sent the missing part this morning.",
    "Our update broke the app, a fix goes out tonight.",
    "I reset the code for you, it should work now.",
    "The delay is on our side, I am sorry about that.",
    "I restored the file from our backup, it is back.",
    "Our service had an outage, it is running again.",
    "I moved the deadline for you, no rush at all.",
    "Thank you for your patience while we sort this out.",
)
_WRAPPERS = ("{}", "Hi Sam, {}", "{} Best, Ana", "Hello there. {} Kind regards, the support team.")


def _labelled_rows() -> list[dict[str, object]]:
    """96 labelled replies: 48 that blame the customer, 48 that do not."""
    rows: list[dict[str, object]] = []
    for label, cores in ((1, _BLAMING), (0, _OWNING)):
        for wrapper in _WRAPPERS:
            rows.extend({"text": wrapper.format(core), "blame": label} for core in cores)
    return rows


@pytest.fixture
def labelled_rows() -> list[dict[str, object]]:
    return _labelled_rows()


@pytest.fixture
def labelled_file(tmp_path: Path) -> Path:
    import json

    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in _labelled_rows()), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def trained_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pack trained once per session on labelled_rows(): the path of its YAML file."""
    import json

    from replylint.authoring.train import TrainOptions, train_pack

    folder = tmp_path_factory.mktemp("trained")
    data = folder / "labelled.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in _labelled_rows()), encoding="utf-8")
    options = TrainOptions(data, "blame", folder / "team-pack", min_precision=0.8, epochs=5)
    return train_pack(options).pack_file


@pytest.fixture(scope="session")
def cluster_address():
    """A LocalCluster of 2 worker processes shared by the tests that run whole audits (--scheduler)."""
    from distributed import LocalCluster  # the [audit] extra, in [test]

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address
