"""One check run: read inputs, answer unchanged ones from the cache, lint the rest, apply the config's policy."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from replylint.builtin import BUILTIN_RULES
from replylint.cache import DEFAULT_DIR, ResultCache, content_key, fingerprint
from replylint.config import Config
from replylint.findings import FileReport, Finding, Report, Severity, under
from replylint.packs import PackError, Rule, load_packs, shipped_pack_paths
from replylint.sources import STDIN, Draft, InputError, check_size, decode, decode_argument, discover, read_bytes


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses, every loaded rule by id (for reporters), and by id or alias (for `explain`)."""

    selected: tuple[Rule, ...]
    by_id: dict[str, Rule]
    by_name: dict[str, Rule]


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


def load_rules(paths: list[Path], *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> RuleSet:
    """Load packs (raises PackError) and keep the selected rules."""
    rules = [*(rule for pack in load_packs(paths) for rule in pack.rules), *BUILTIN_RULES]
    by_id = {rule.qualified_id: rule for rule in rules}
    by_name = dict(by_id)
    for rule in rules:
        for alias in rule.aliases:
            by_name.setdefault(f"{rule.pack}.{alias}", rule)
    chosen = tuple(r for r in rules if (not select or selected(r, select)) and not selected(r, ignore))
    return RuleSet(chosen, by_id, by_name)


def selected(rule: Rule, prefixes: tuple[str, ...]) -> bool:
    """Whether a prefix names the rule (by id or alias): 'blame' or 'blame.customer-fault', not 'bla'."""
    names = (rule.qualified_id, *(f"{rule.pack}.{a}" for a in rule.aliases))
    return any(under(n, p) for n in names for p in prefixes)


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


@dataclass
class _Pending:
    """An input read, decoded and split into drafts, but not answered by the cache."""

    path: str
    text: str
    key: str | None
    drafts: Iterable[Draft]


def check(options: CheckOptions, read_stdin: Callable[[int], bytes] | None = None) -> Outcome:
    """Lint everything the options name; unreadable inputs become FileReports with an error."""
    config = options.config
    paths = pack_paths(config, default_packs=options.default_packs)
    rules = LazyRules(lambda: load_rules(paths, select=config.select, ignore=config.ignore))
    cache = _open_cache(options, paths)
    reports: list[FileReport] = []
    pending: list[_Pending] = []
    if options.text is not None:
        try:
            text = decode_argument(options.text, options.encoding, config.max_input_size)
            pending.append(_Pending("<text>", text, None, drafts_for("<text>", text, config)))
        except InputError as exc:
            reports.append(FileReport("<text>", error=str(exc)))
    files, missing = discover(list(options.paths), config)
    reports.extend(FileReport(path, error=message) for path, message in missing)
    for path in files:
        try:
            limit = config.max_input_size
            data = (
                check_size((read_stdin or sys.stdin.buffer.read)(limit + 1), limit, bounded=True)
                if path == STDIN
                else read_bytes(path, limit)
            )
            text = decode(data, options.encoding)
        except InputError as exc:
            reports.append(FileReport(path, error=str(exc)))
            continue
        name = "<stdin>" if path == STDIN else path
        key = content_key(data, options.encoding or "", name.rsplit(".", 1)[-1]) if cache and path != STDIN else None
        cached = cache.get(key, name) if cache and key else None
        if cached is not None:
            reports.append(FileReport(name, cached, text))
            continue
        try:
            pending.append(_Pending(name, text, key, drafts_for(name, text, config)))
        except InputError as exc:
            reports.append(FileReport(name, error=str(exc)))
    notices: tuple[str, ...] = ()
    if pending:
        linted, failed, notices = _lint(pending, rules.ruleset, config, options.jobs)
        for number, (item, findings) in enumerate(zip(pending, linted, strict=True)):
            if number in failed:
                reports.append(FileReport(item.path, error=failed[number]))
                continue
            if cache and item.key:
                cache.put(item.key, findings)
            reports.append(FileReport(item.path, findings, item.text))
    if cache:
        cache.save()
    reports = [_apply_policy(r, config) for r in reports]
    reports.sort(key=lambda r: r.path)
    return Outcome(Report(tuple(reports)), rules, notices)


def drafts_for(path: str, text: str, config: Config) -> Iterable[Draft]:
    """The drafts of one input (the format readers are imported only when an input is not cached)."""
    from replylint import inputs

    return inputs.drafts_for(path, text, config)


def _open_cache(options: CheckOptions, paths: list[Path]) -> ResultCache | None:
    config = options.config
    if not (options.use_cache and config.cache) or not options.paths:
        return None
    try:
        packs = [p.read_bytes() for p in paths]
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
    directory = Path(config.cache_dir) if config.cache_dir else config.root / DEFAULT_DIR
    return ResultCache(directory, key)


# Drafts linted together: enough to keep every core busy, few enough that a huge collection never has all its
# drafts in memory at once.
CHUNK = 50_000


def _lint(
    pending: list[_Pending],
    rules: RuleSet,
    config: Config,
    jobs: int,
) -> tuple[list[tuple[Finding, ...]], dict[int, str], tuple[str, ...]]:
    """Lint inputs the cache did not answer: their findings, the inputs that failed mid-way, and notices.

    Drafts stream through in chunks, compiled once per channel in use; an input whose drafts raise InputError
    while being read (a bad replylint-disable deep in a collection) is reported as unreadable.
    """
    # Imported here: spaCy is only loaded once some text was not answered by the cache.
    from replylint import nlp, parallel
    from replylint.kinds import compile_rules

    pipeline = nlp.load(config.model)
    channels = [config.for_file(item.path).channel if config.per_file else config.channel for item in pending]
    found: list[list[Finding]] = [[] for _ in pending]
    failed: dict[int, str] = {}
    notices: dict[str, None] = {}
    for channel in dict.fromkeys(channels):
        compiled = compile_rules(rules.selected, pipeline, channel)
        notices.update((f"skipped rule {rule.qualified_id}: {why}", None) for rule, why in compiled.skipped)
        numbers = [i for i, c in enumerate(channels) if c == channel]
        for chunk in _chunks(_owned(numbers, pending, failed), CHUNK):
            # A collection yields many drafts: each finding goes back to the input it came from.
            drafts = [draft for _, draft in chunk]
            results = parallel.lint_drafts(drafts, compiled, pipeline, parallel.workers(jobs, len(drafts)))
            for (owner, _), findings in zip(chunk, results, strict=True):
                found[owner].extend(findings)
    return [tuple(sorted(f)) for f in found], failed, tuple(notices)


def _owned(numbers: list[int], pending: list[_Pending], failed: dict[int, str]) -> Iterator[tuple[int, Draft]]:
    for number in numbers:
        try:
            for draft in pending[number].drafts:
                yield number, draft
        except InputError as exc:
            failed[number] = str(exc)


def _chunks(items: Iterator[tuple[int, Draft]], size: int) -> Iterator[list[tuple[int, Draft]]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _apply_policy(report: FileReport, config: Config) -> FileReport:
    """Per-file ignores and severity overrides from the config ("off" drops the finding)."""
    if not report.findings or not (config.severity or config.per_file or config.ignore):
        return report
    policy = config.for_file(report.path)
    kept = []
    for finding in report.findings:
        if any(under(finding.rule, p) for p in policy.ignore):
            continue
        severity = policy.severity_for(finding.rule, finding.severity)
        if severity is None:
            continue
        kept.append(finding if severity == finding.severity else replace(finding, severity=severity))
    return replace(report, findings=tuple(kept))
