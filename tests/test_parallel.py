"""Linting on several processes gives exactly the findings of one process, in the same order."""

from __future__ import annotations

from replylint import parallel
from replylint.kinds import compile_rules
from replylint.packs import load_packs, shipped_pack_paths
from replylint.sources import draft_from_text

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
    assert parallel.workers(3, 10) == 3
    assert parallel.workers(0, parallel.MIN_DRAFTS - 1) == 1
    assert parallel.workers(0, parallel.MIN_DRAFTS) >= 1
