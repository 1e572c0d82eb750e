"""Linting on several processes gives exactly the findings of one process, in the same order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from replylint.engine import parallel
from replylint.engine.kinds import compile_rules
from replylint.inputs.drafts import draft_from_text
from replylint.packs.loading import load_packs, shipped_pack_paths

TEXTS = [
    "That's not our fault, you should have read the policy.",
    "Thanks so much, we're on it!",
    "DM us your order number.",
    "Use code SAVE20 for 20% off everything! Follow us!",
    "God bless, and vote for Senator Smith.",
    "As I already explained, it's not rocket science.",
] * 5


def test_two_processes_find_what_one_finds(pipeline):
    compiled = compile_rules([r for p in load_packs(shipped_pack_paths()) for r in p.rules], pipeline)
    drafts = [draft_from_text(f"d{i}.txt", text) for i, text in enumerate(TEXTS)]
    one = parallel.lint_drafts(drafts, compiled, pipeline, 1)
    two = parallel.lint_drafts(drafts, compiled, pipeline, 2)
    assert two == one
    assert [f.path for findings in two for f in findings][:1] == ["d0.txt"]
    assert sum(map(len, one)) > 20


def test_worker_count():
    assert parallel.workers(3, 10) == min(3, parallel.cores())
    assert parallel.workers(1000, 10) == parallel.cores()  # never more processes than cores
    assert parallel.workers(0, parallel.MIN_DRAFTS - 1) == 1
    assert parallel.workers(0, parallel.MIN_DRAFTS) >= 1


def _kill_self(bounds):
    os.kill(os.getpid(), signal.SIGKILL)


def test_default_workers_leave_busy_cores_alone(monkeypatch):
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (1.0, 1.0, 1.0))  # only this run
    assert parallel.workers(0, parallel.MIN_DRAFTS) == 4
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (3.2, 3.0, 3.0))  # two other busy processes
    assert parallel.workers(0, parallel.MIN_DRAFTS) == 2
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (9.0, 9.0, 9.0))
    assert parallel.workers(0, parallel.MIN_DRAFTS) == 1
    # An explicit --jobs is the user's choice: capped at the cores, not at the load.
    assert parallel.workers(3, 10) == 3


def test_no_load_average_means_every_core(monkeypatch):
    def unavailable():
        raise OSError

    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel.os, "getloadavg", unavailable)
    assert parallel.workers(0, parallel.MIN_DRAFTS) == 2


def test_a_worker_killed_by_the_system_fails_the_run_instead_of_hanging(pipeline, monkeypatch):
    compiled = compile_rules([], pipeline)
    drafts = [draft_from_text(f"d{i}.txt", text) for i, text in enumerate(TEXTS)]
    monkeypatch.setattr(parallel, "_lint_chunk", _kill_self)
    with pytest.raises(parallel.WorkerError, match="a worker process died"):
        parallel.lint_drafts(drafts, compiled, pipeline, 2)


SLOW_RUN = """
import os, sys, time
from pathlib import Path
from replylint.engine import nlp, parallel
from replylint.engine.kinds import compile_rules
from replylint.inputs.drafts import draft_from_text

def slow(bounds):
    Path(f"worker-{os.getpid()}").write_text("")
    time.sleep(60)

parallel._lint_chunk = slow
pipeline = nlp.load()
drafts = [draft_from_text(f"d{i}.txt", "Thanks.") for i in range(8)]
parallel.lint_drafts(drafts, compile_rules([], pipeline), pipeline, 2)
"""


@pytest.mark.skipif(parallel.cores() < 2, reason="needs two cores for two workers")
def test_sigterm_stops_every_worker_and_prints_no_traceback(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(SLOW_RUN)], cwd=tmp_path, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("worker-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    pids = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
    assert len(pids) == 2
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in errors
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
