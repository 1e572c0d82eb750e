"""Lint many drafts on several cores: forked workers share the loaded pipeline and compiled rules."""

from __future__ import annotations

import multiprocessing
import os
from typing import TYPE_CHECKING

from replylint.linter import lint

if TYPE_CHECKING:
    from replylint.findings import Finding
    from replylint.kinds import Compiled
    from replylint.nlp import Pipeline
    from replylint.sources import Draft

# Below this many drafts a second process costs more (fork, result transfer) than it saves.
MIN_DRAFTS = 2000
_shared: tuple[list[Draft], Compiled, Pipeline] | None = None


def workers(jobs: int, drafts: int) -> int:
    """How many processes to use: `jobs` if given (>0), else one per core for large runs."""
    if jobs > 0:
        return jobs
    if drafts < MIN_DRAFTS or not hasattr(os, "fork"):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def lint_drafts(drafts: list[Draft], compiled: Compiled, pipeline: Pipeline, jobs: int) -> list[list[Finding]]:
    """The findings of each draft, in order, using `jobs` processes (forked: nothing is re-loaded)."""
    if jobs <= 1 or len(drafts) < 2:
        return [findings for _, findings in lint(drafts, compiled, pipeline)]
    global _shared
    _shared = (drafts, compiled, pipeline)
    size = -(-len(drafts) // (jobs * 4))  # a few chunks per worker, so an unlucky slow chunk evens out
    chunks = [(start, min(start + size, len(drafts))) for start in range(0, len(drafts), size)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_lint_chunk, chunks)
    finally:
        _shared = None
    return [findings for part in parts for findings in part]


def _lint_chunk(bounds: tuple[int, int]) -> list[list[Finding]]:
    assert _shared is not None
    drafts, compiled, pipeline = _shared
    return [findings for _, findings in lint(drafts[bounds[0] : bounds[1]], compiled, pipeline)]
