"""Lint the files that share one config: read, answer from its cache, lint the rest, apply its policy."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.findings import FileReport, Finding
from replylint.inputs.drafts import InputError
from replylint.inputs.files import STDIN, NotText, TooLarge, check_size, decode, decode_argument, read_bytes
from replylint.inputs.skips import NotReplies, Skip
from replylint.packs.loading import read_pack_bytes
from replylint.packs.records import PackError
from replylint.run.cache import DEFAULT_DIR, ResultCache, content_key, fingerprint
from replylint.run.linting import Pending, Progress, lint_pending
from replylint.run.policy import apply_policy
from replylint.storage import signing_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from replylint.config.settings import Config
    from replylint.inputs.drafts import Draft
    from replylint.packs.selection import RuleSet


@dataclass(frozen=True, slots=True)
class Inputs:
    """What one group reads: its files, --text (the base group only), and which files a walk found."""

    files: tuple[str, ...]
    text: str | None = None
    walked: frozenset[str] = frozenset()
    encoding: str | None = None
    use_cache: bool = True
    jobs: int = 0
    # The path standard input is read as (its format, per-file settings) and reported under, like ruff's.
    stdin_filename: str | None = None
    allow_empty: bool = False  # a named file that holds no replies is then a skip, not an error
    progress: Progress | None = None  # told how linting advances (the CLI's bar on long runs)
    in_reply_to: str | None = None  # --in-reply-to: the customer's message, for drafts that carry none


@dataclass
class Linted:
    """One group's results: reports, files skipped while being read, notices, and what was linted."""

    reports: list[FileReport] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    replies: int = 0
    pending: list[Pending] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # inputs read without error that held no reply text


def lint_group(
    config: Config, inputs: Inputs, rules: Callable[[], RuleSet], packs: list[Path], read_stdin: Callable[[int], bytes]
) -> Linted:
    """Lint one group's inputs under its config; `rules` is called only when some input is not cached."""
    cache = open_cache(config, packs) if inputs.use_cache and inputs.files else None
    done = Linted()
    if inputs.text is not None:
        try:
            text = decode_argument(inputs.text, inputs.encoding, config.max_input_size)
            done.pending.append(Pending("<text>", text, None, drafts_for("<text>", text, config)))
        except InputError as exc:
            done.reports.append(FileReport("<text>", error=str(exc)))
    for path in inputs.files:
        taken = _take(path, config, inputs, cache, read_stdin)
        if isinstance(taken, Pending):
            done.pending.append(taken)
        elif isinstance(taken, Skip):
            done.skipped.append(taken)
        else:
            done.reports.append(taken[0])
            done.replies += taken[1]
    if done.pending:
        if inputs.in_reply_to is not None:
            for item in done.pending:
                item.drafts = answering(item.drafts, inputs.in_reply_to)
        ruleset = rules()
        linted, failed, notices = lint_pending(done.pending, ruleset, config, inputs.jobs, progress=inputs.progress)
        done.notices.extend(notices)
        _finish(done, linted, failed, cache, inputs)
    if cache:
        cache.save()
    if config.severity or config.per_file:
        resolver = rules().resolver
        done.reports = [apply_policy(r, config, resolver) for r in done.reports]
    return done


def _finish(
    done: Linted,
    linted: list[tuple[Finding, ...]],
    failed: dict[int, str],
    cache: ResultCache | None,
    inputs: Inputs,
) -> None:
    """Report the linted inputs and cache those that held drafts; a walked file a reader refuses is a skip."""
    for number, (item, findings) in enumerate(zip(done.pending, linted, strict=True)):
        if number in failed:
            done.reports.append(FileReport(item.path, error=failed[number]))
            continue
        if item.not_replies is not None:
            reason = f"holds no replies: {item.not_replies}"
            if item.path in inputs.walked or inputs.allow_empty:
                done.skipped.append(Skip(item.path, reason))
            else:  # named on the command line: the user expected replies in it (unless --allow-empty)
                done.reports.append(FileReport(item.path, error=reason))
            continue
        if not item.count:
            done.empty.append(item.path)  # judged with the whole run: an error unless --allow-empty
            continue
        # A draftless input stays uncached, so a later run from the cache still sees there was nothing in it.
        if cache and item.key and item.count:
            cache.put(item.key, findings, item.replies)
        done.reports.append(FileReport(item.path, findings, item.text))
        done.replies += item.replies


def _take(
    path: str, config: Config, inputs: Inputs, cache: ResultCache | None, read_stdin: Callable[[int], bytes]
) -> tuple[FileReport, int] | Pending | Skip:
    """One input read and decoded: answered from the cache (with its reply count), an error, a skip, or drafts."""
    limit = config.max_input_size
    try:
        data = check_size(read_stdin(limit + 1), limit, bounded=True) if path == STDIN else read_bytes(path, limit)
        text = decode(data, inputs.encoding)
    except (NotText, TooLarge) as exc:
        # In a walk a binary or huge file is no reply anyone wrote: skipped with its reason, not an error.
        if path in inputs.walked:
            return Skip(path, str(exc).removesuffix(", skipped") if isinstance(exc, NotText) else f"too large: {exc}")
        return FileReport(path, error=str(exc)), 0
    except InputError as exc:
        return FileReport(path, error=str(exc)), 0
    name = (inputs.stdin_filename or "<stdin>") if path == STDIN else path
    # The path is part of the key: per-glob channels, collection fields and settings depend on it.
    # The customer's message changes the findings as the file does (nothing is added without one: old keys hold).
    context = () if inputs.in_reply_to is None else ("in reply to", inputs.in_reply_to)
    key = content_key(data, inputs.encoding or "", name, *context) if cache and path != STDIN else None
    cached = cache.get(key, name) if cache and key else None
    if cached is not None and cache and key:
        return FileReport(name, cached, text), cache.replies(key)
    try:
        return Pending(name, text, key, drafts_for(name, text, config))
    except NotReplies as exc:
        return Pending(name, text, None, (), not_replies=exc.reason)
    except InputError as exc:
        return FileReport(name, error=str(exc)), 0


def answering(drafts: Iterable[Draft], context: str) -> Iterator[Draft]:
    """The drafts, each replying to `context` unless it carries a customer message of its own (a collection's)."""
    for draft in drafts:
        yield draft if draft.context is not None else replace(draft, context=context)


def read_stdin(size: int = -1) -> bytes:
    """Standard input, at most `size` bytes."""
    if sys.stdin is None:
        raise InputError("standard input is closed")
    try:
        return sys.stdin.buffer.read(size)
    except OSError as exc:
        raise InputError(f"cannot read standard input: {exc.strerror or exc}") from None


def drafts_for(path: str, text: str, config: Config) -> Iterable[Draft]:
    """The drafts of one input (the format readers are imported only when an input is not cached)."""
    from replylint.inputs import formats as inputs
    from replylint.run.reading import reading_for

    return inputs.drafts_for(path, text, reading_for(config, path))


def _models(paths: list[Path], packs: list[bytes]) -> list[str]:
    """Digests of the classifier models the packs use: a retrained model must not be answered from the cache."""
    from replylint.packs.loading import load_pack
    from replylint.packs.models import model_digests

    # Only a pack that mentions the kind is parsed here (from the pack cache, usually); the others need not be.
    return [
        d
        for p, data in zip(paths, packs, strict=True)
        if b"classifier" in data
        for d in model_digests(list(load_pack(p).rules))
    ]


def open_cache(config: Config, paths: list[Path]) -> ResultCache | None:
    """The result cache for this config's rules and reading settings; None when it is off or cannot be signed."""
    if not config.cache:
        return None
    try:
        packs = [read_pack_bytes(p) for p in paths]
    except OSError as exc:
        raise PackError(str(exc.filename), 1, f"cannot read pack: {exc.strerror or exc}") from None
    # Everything that changes findings before the per-file policy: packs, selection, pipeline, reading.
    key = fingerprint(
        *packs,
        *_models(paths, packs),
        config.select,
        config.ignore,
        config.model,
        config.channel,
        config.per_file,
        config.collections,
        config.placeholder_syntaxes,
        config.placeholder_custom,
        config.unfilled_placeholders,
    )
    secret = signing_key()
    if secret is None:
        return None  # nowhere to keep this user's key: an unsigned cache could not be trusted
    directory = Path(config.cache_dir) if config.cache_dir else config.root / DEFAULT_DIR
    return ResultCache(directory, key, secret)
