"""Lint the inputs the cache did not answer: drafts in chunks, compiled once per channel, on one or more cores."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from replylint.config.settings import Config
from replylint.findings import Finding
from replylint.inputs.drafts import Draft, InputError
from replylint.inputs.skips import NotReplies
from replylint.packs.selection import RuleSet

if TYPE_CHECKING:
    from replylint.engine.kinds import Compiled


@dataclass
class Pending:
    """An input read, decoded and split into drafts, but not answered by the cache."""

    path: str
    text: str
    key: str | None
    drafts: Iterable[Draft]
    count: int = 0  # drafts read from it so far (a collection may hold none)
    replies: int = 0  # replies among them: a long reply linted in parts counts once
    not_replies: str | None = None  # why a reader found it holds no replies by design (inputs.skips.NotReplies)
    parted: set[object] = field(default_factory=set)  # the entries whose parts were counted


# Drafts linted together: enough to keep every core busy, few enough that a huge collection never has all its
# drafts in memory at once.
CHUNK = 50_000


def lint_pending(
    pending: list[Pending],
    rules: RuleSet,
    config: Config,
    jobs: int,
    compiled_by_channel: dict[str | None, Compiled] | None = None,
    progress: Progress | None = None,
) -> tuple[list[tuple[Finding, ...]], dict[int, str], tuple[str, ...]]:
    """Lint inputs the cache did not answer: their findings, the inputs that failed mid-way, and notices.

    Drafts stream through in chunks, compiled once per channel in use (kept in `compiled_by_channel` when a
    long-lived caller such as api.Linter passes one); an input whose drafts raise InputError while being read
    (a bad replylint-disable deep in a collection) is reported as unreadable.
    """
    # Imported here: spaCy is only loaded once some text was not answered by the cache.
    from replylint.engine import nlp, parallel
    from replylint.engine.kinds import compile_rules
    from replylint.run.reading import channel_for

    pipeline = nlp.load(config.model)
    channels = [channel_for(config, item.path) for item in pending]
    found: list[list[Finding]] = [[] for _ in pending]
    failed: dict[int, str] = {}
    notices: dict[str, None] = {}
    names = rules.resolver
    known = compiled_by_channel if compiled_by_channel is not None else {}
    tally = _Tally(progress, len(pending))
    for channel in dict.fromkeys(channels):
        if channel not in known:
            known[channel] = compile_rules(rules.selected, pipeline, channel, names)
        compiled = known[channel]
        notices.update((f"skipped rule {rule.qualified_id}: {why}", None) for rule, why in compiled.skipped)
        numbers = [i for i, c in enumerate(channels) if c == channel]
        for chunk in _chunks(_owned(numbers, pending, failed), CHUNK):
            # A collection yields many drafts: each finding goes back to the input it came from.
            drafts = [draft for _, draft in chunk]
            done = tally.chunk([owner for owner, _ in chunk])
            results = parallel.lint_drafts(drafts, compiled, pipeline, parallel.workers(jobs, len(drafts)), done)
            for (owner, _), findings in zip(chunk, results, strict=True):
                found[owner].extend(findings)
    return [tuple(sorted(f)) for f in found], failed, tuple(notices)


class Progress(Protocol):
    """Told how a run's linting advances (the CLI draws a bar from it; reporters/progress.py)."""

    def start(self, files: int) -> None: ...
    def update(self, files: int, replies: int) -> None: ...


class _Tally:
    """Files and drafts done across the chunks of one lint_pending call, for a Progress."""

    def __init__(self, progress: Progress | None, files: int) -> None:
        self.progress = progress
        self.files = 0
        self.drafts = 0
        if progress is not None:
            progress.start(files)

    def chunk(self, owners: list[int]) -> Callable[[int], None] | None:
        """A callback for one chunk's drafts (in owner order): told how many are done, it reports progress."""
        if self.progress is None:
            return None
        progress = self.progress
        firsts = [i for i, owner in enumerate(owners) if i == 0 or owner != owners[i - 1]]
        before_files, before_drafts = self.files, self.drafts

        def done(count: int) -> None:
            # An input counts as done once the first draft of the next one is reached.
            started = bisect_right(firsts, count - 1)
            finished = started if count >= len(owners) else started - 1
            progress.update(before_files + finished, before_drafts + count)
            if count >= len(owners):
                self.files, self.drafts = before_files + finished, before_drafts + count

        return done


def _owned(numbers: list[int], pending: list[Pending], failed: dict[int, str]) -> Iterator[tuple[int, Draft]]:
    for number in numbers:
        item = pending[number]
        try:
            for draft in item.drafts:
                item.count += 1
                if not draft.part or draft.entry not in item.parted:
                    item.replies += 1
                    if draft.part:
                        item.parted.add(draft.entry)
                yield number, draft
        except InputError as exc:
            failed[number] = str(exc)
        except NotReplies as exc:  # a reader saw, while reading, that the file is not a collection of replies
            item.not_replies = exc.reason


def _chunks(items: Iterator[tuple[int, Draft]], size: int) -> Iterator[list[tuple[int, Draft]]]:
    while chunk := list(islice(items, size)):
        yield chunk
