"""One Linter per worker process: a module-level cache keyed by the setup a partition asks for."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from replylint.api import Linter


@dataclass(frozen=True, slots=True)
class LinterSetup:
    """What decides a Linter: the config file, packs, rule selection, channel and model (all hashable)."""

    config: str | None = None
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    channel: str | None = None
    model: str | None = None

    def on(self, channel: str | None) -> LinterSetup:
        """The same setup for replies sent on another channel (None keeps the configured one)."""
        return self if channel is None else replace(self, channel=channel)


# A worker process lints many partitions: loading packs and the pipeline once per process, not per partition,
# is what keeps per-worker throughput near a single `replylint check` process. A few channels fit beside each other.
@lru_cache(maxsize=8)
def linter_for(setup: LinterSetup) -> Linter:
    """The Linter of this setup, built on first use in this process and kept."""
    return Linter.from_config(
        setup.config,
        packs=setup.packs,
        select=setup.select,
        ignore=setup.ignore,
        channel=setup.channel,
        model=setup.model,
    )
