"""One check run: read inputs, answer unchanged ones from the cache, lint the rest, apply the config's policy."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from replylint.config.settings import Config
from replylint.findings import FileReport, Finding, Report, Severity
from replylint.inputs.drafts import Draft, InputError
from replylint.inputs.files import NO_DRAFTS, STDIN, check_size, decode, decode_argument, discover, read_bytes
from replylint.inputs.skips import NotReplies
from replylint.packs.loading import read_pack_bytes, shipped_pack_paths
from replylint.packs.records import PackError, Rule
from replylint.packs.selection import RuleSet, SelectionError, load_rules
from replylint.run.cache import DEFAULT_DIR, ResultCache, content_key, fingerprint
from replylint.run.linting import Pending, lint_pending
from replylint.run.policy import apply_policy, validate
from replylint.storage import signing_key


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check: inputs from the command line and the merged configuration."""

    config: Config
    paths: tuple[str, ...] = ()
    text: str | None = None
    default_packs: bool = True
    encoding: str | None = None
    use_cache: bool = True
    jobs: int = 0  # processes; 0 = one per core for large runs
    allow_empty: bool = False  # a run with no rules or no drafts is an error unless asked for
    follow_links: bool = True  # read symlinked files found in a walk (the CLI turns it off under CI)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished run: the report, its rules (loaded only if needed), and notices for stderr."""

    report: Report
    rules: Mapping[str, Rule]
    notices: tuple[str, ...] = field(default=())

    def exit_code(self, fail_on: Severity) -> int:
        """2 when an input could not be read, 1 when a finding reaches `fail_on`, else 0."""
        if self.report.errors:
            return 2
        return int(any(f.severity.rank >= fail_on.rank for f in self.report.findings))


def pack_paths(config: Config, *, default_packs: bool = True) -> list[Path]:
    """Shipped packs (unless disabled), then the configured and --pack ones."""
    return [*(shipped_pack_paths() if default_packs else []), *config.packs]


class LazyRules(Mapping[str, Rule]):
    """Rules by id, parsed on first use: a run answered from the cache never parses a pack."""

    def __init__(self, load: Callable[[], RuleSet]) -> None:
        self._load = load
        self._rules: RuleSet | None = None

    @property
    def ruleset(self) -> RuleSet:
        if self._rules is None:
            self._rules = self._load()
        return self._rules

    def __getitem__(self, key: str) -> Rule:
        return self.ruleset.by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ruleset.by_id)

    def __len__(self) -> int:
        return len(self.ruleset.by_id)


def check(options: CheckOptions, read_stdin: Callable[[int], bytes] | None = None) -> Outcome:
    """Lint everything the options name; unreadable inputs become FileReports with an error."""
    config = options.config
    paths = pack_paths(config, default_packs=options.default_packs)
    if not paths and not options.allow_empty:
        raise SelectionError("no rule packs to run (--no-default-packs without --pack); --allow-empty accepts that")
    rules = LazyRules(lambda: load_rules(paths, select=config.select, ignore=config.ignore))
    if config.named:
        # Checked even when every input is answered from the cache: a mistyped id must never pass quietly.
        validate(rules.ruleset, config, allow_empty=options.allow_empty)
    cache = _open_cache(options, paths)
    reports: list[FileReport] = []
    pending: list[Pending] = []
    if options.text is not None:
        try:
            text = decode_argument(options.text, options.encoding, config.max_input_size)
            pending.append(Pending("<text>", text, None, drafts_for("<text>", text, config)))
        except InputError as exc:
            reports.append(FileReport("<text>", error=str(exc)))
    linked: list[str] = []
    files, missing = discover(list(options.paths), config, follow_links=options.follow_links, linked=linked)
    notices: list[str] = [_links_notice(linked, options.follow_links)] if linked else []
    if not files and not missing and options.text is None:
        # The repository's own config excludes every file named (a pre-commit hook passes staged names):
        # a decision, not an accident, so it passes with a warning instead of failing the commit.
        notices.append(f"nothing to check: every file named is excluded by {_exclude_origin(config)}")
    for path, message in missing:
        if options.allow_empty and message.startswith(NO_DRAFTS):
            notices.append(f"{path}: {message}")
        else:
            reports.append(FileReport(path, error=message))
    # Inputs answered by the cache had drafts: one without is never cached (see _finish).
    drafts = 0
    for path in files:
        taken = _take(path, options, cache, read_stdin or _read_stdin)
        (pending if isinstance(taken, Pending) else reports).append(taken)  # type: ignore[arg-type]
        drafts += isinstance(taken, FileReport) and taken.error is None
    if pending:
        linted, failed, lint_notices = lint_pending(pending, rules.ruleset, config, options.jobs)
        notices.extend(lint_notices)
        drafts += _finish(pending, linted, failed, cache, reports)
    if cache:
        cache.save()
    if not drafts and pending and not options.allow_empty and not any(r.error for r in reports):
        raise SelectionError(
            f"nothing to check: no reply text in {', '.join(item.path for item in pending)} (a collection needs "
            "reply fields: see [[collections]]); --allow-empty accepts that"
        )
    if config.severity or config.per_file:
        resolver = rules.ruleset.resolver
        reports = [apply_policy(r, config, resolver) for r in reports]
    reports.sort(key=lambda r: r.path)
    return Outcome(Report(tuple(reports)), rules, tuple(notices))


def _finish(
    pending: list[Pending],
    linted: list[tuple[Finding, ...]],
    failed: dict[int, str],
    cache: ResultCache | None,
    reports: list[FileReport],
) -> int:
    """Report the linted inputs and cache those that held drafts; return how many drafts were linted."""
    for number, (item, findings) in enumerate(zip(pending, linted, strict=True)):
        if number in failed:
            reports.append(FileReport(item.path, error=failed[number]))
            continue
        # A draftless input stays uncached, so a later run from the cache still sees there was nothing in it.
        if cache and item.key and item.count:
            cache.put(item.key, findings)
        reports.append(FileReport(item.path, findings, item.text))
    return sum(item.count for item in pending)


def _exclude_origin(config: Config) -> str:
    return f"'exclude' in {config.path.name}" if config.path is not None else "the config's 'exclude'"


def _links_notice(linked: list[str], followed: bool) -> str:
    shown = ", ".join(linked[:5]) + (f" and {len(linked) - 5} more" if len(linked) > 5 else "")
    if followed:
        return f"read {len(linked)} symlinked file(s), which may point outside the folder: {shown}"
    return f"left out {len(linked)} symlinked file(s) (--no-follow-links): {shown}"


def _take(
    path: str, options: CheckOptions, cache: ResultCache | None, read_stdin: Callable[[int], bytes]
) -> FileReport | Pending:
    """One input read and decoded: answered from the cache, an error, or drafts still to lint."""
    config = options.config
    limit = config.max_input_size
    try:
        data = check_size(read_stdin(limit + 1), limit, bounded=True) if path == STDIN else read_bytes(path, limit)
        text = decode(data, options.encoding)
    except InputError as exc:
        return FileReport(path, error=str(exc))
    name = "<stdin>" if path == STDIN else path
    # The path is part of the key: per-glob channels, collection fields and settings depend on it.
    key = content_key(data, options.encoding or "", name) if cache and path != STDIN else None
    cached = cache.get(key, name) if cache and key else None
    if cached is not None:
        return FileReport(name, cached, text)
    try:
        return Pending(name, text, key, drafts_for(name, text, config))
    except InputError as exc:
        return FileReport(name, error=str(exc))
    except NotReplies as exc:
        # A file that holds no replies by design (a manifest, a script without a reply array): named, it is an
        # error unless --allow-empty, never a silent pass.
        if options.allow_empty:
            return Pending(name, text, None, ())
        return FileReport(name, error=f"holds no replies: {exc.reason}")


def _read_stdin(size: int = -1) -> bytes:
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


def _open_cache(options: CheckOptions, paths: list[Path]) -> ResultCache | None:
    config = options.config
    if not (options.use_cache and config.cache) or not options.paths:
        return None
    try:
        packs = [read_pack_bytes(p) for p in paths]
    except OSError as exc:
        raise PackError(str(exc.filename), 1, f"cannot read pack: {exc.strerror or exc}") from None
    # Everything that changes findings before the per-file policy: packs, selection, pipeline, reading.
    key = fingerprint(
        *packs,
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
