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
from replylint.selection import RuleNames, SelectionError, checked, require_rules
from replylint.sources import NO_DRAFTS, STDIN, Draft, InputError, decode, discover, read_bytes


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses, every loaded rule by id (for reporters), and by id or alias (for `explain`)."""

    selected: tuple[Rule, ...]
    by_id: dict[str, Rule]
    by_name: dict[str, Rule]

    def choose(self, select: tuple[str, ...], ignore: tuple[str, ...]) -> RuleSet:
        """These rules with only the selected ones kept (prefixes by id or alias; `ignore` wins)."""
        chosen = tuple(r for r in self.selected if (not select or selected(r, select)) and not selected(r, ignore))
        return RuleSet(chosen, self.by_id, self.by_name)


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
    # (flag, selector) pairs from the command line, so an unknown selector is reported as the flag it came from.
    flags: tuple[tuple[str, str], ...] = ()
    allow_empty: bool = False  # a run with no rules or no drafts passes instead of failing


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished run: the report, its rules (loaded only if needed), and notices for stderr."""

    report: Report
    rules: Mapping[str, Rule]
    notices: tuple[str, ...] = field(default=())
    names: RuleNames = field(default_factory=lambda: RuleNames(()))

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
    rules = (*(rule for pack in load_packs(paths) for rule in pack.rules), *BUILTIN_RULES)
    by_id = {rule.qualified_id: rule for rule in rules}
    by_name = dict(by_id)
    for rule in rules:
        for alias in rule.aliases:
            by_name.setdefault(f"{rule.pack}.{alias}", rule)
    return RuleSet(rules, by_id, by_name).choose(select, ignore)


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


def check(options: CheckOptions, read_stdin: Callable[[], bytes] | None = None) -> Outcome:
    """Lint everything the options name; unreadable inputs become FileReports with an error.

    Raises SelectionError for a selector naming no rule, and for a run with no rules or no drafts (unless
    `allow_empty`).
    """
    paths = pack_paths(options.config, default_packs=options.default_packs)
    loaded = LazyRules(lambda: load_rules(paths))
    names = RuleNames.of(loaded.ruleset.by_id.values())
    config = checked(options.config, names, options.flags)
    if not options.allow_empty:
        require_rules(config, names, packs=len(paths))
    rules = LazyRules(lambda: loaded.ruleset.choose(config.select, config.ignore))
    cache = _open_cache(options, paths)
    reports: list[FileReport] = []
    pending: list[_Pending] = []
    if options.text is not None:
        pending.append(_Pending("<text>", options.text, None, drafts_for("<text>", options.text, config)))
    files, missing = discover(list(options.paths), config)
    # Under --allow-empty a directory without drafts is worth a warning, not a failure.
    empty = {p for p, m in missing if options.allow_empty and m.startswith(NO_DRAFTS)}
    notices = [f"{p}: {m}" for p, m in missing if p in empty]
    reports.extend(FileReport(p, error=m) for p, m in missing if p not in empty)
    if not files and options.text is None and not missing:
        # Every named file is excluded by the config: the repository chose not to lint them (a pre-commit hook
        # passing only excluded files must not fail the commit).
        notices.append(f"nothing to check: every file named is excluded by {_exclude_origin(config)}")
    # Drafts checked; an input answered by the cache had at least one (inputs without drafts are not cached).
    drafts = _read(files, options, config, cache, reports, pending, read_stdin)
    if pending:
        linted, failed, counts, found_notices = _lint(pending, rules.ruleset, config, options.jobs)
        notices.extend(found_notices)
        for number, (item, findings) in enumerate(zip(pending, linted, strict=True)):
            if number in failed:
                reports.append(FileReport(item.path, error=failed[number]))
                continue
            if cache and item.key and counts[number]:
                cache.put(item.key, findings)
            reports.append(FileReport(item.path, findings, item.text))
        drafts += sum(counts)
    if cache:
        cache.save()
    if not drafts and pending and not options.allow_empty and not any(r.error for r in reports):
        where = ", ".join(item.path for item in pending)
        raise SelectionError(
            f"nothing to check: no reply text in {where} (a collection needs reply fields: see [[collections]]); "
            "--allow-empty passes such a run"
        )
    reports = [_apply_policy(r, config) for r in reports]
    reports.sort(key=lambda r: r.path)
    return Outcome(Report(tuple(reports)), rules, tuple(dict.fromkeys(notices)), names)


def _read(
    files: list[str],
    options: CheckOptions,
    config: Config,
    cache: ResultCache | None,
    reports: list[FileReport],
    pending: list[_Pending],
    read_stdin: Callable[[], bytes] | None,
) -> int:
    """Read and decode the files: answer from the cache (returns how many) or queue them to lint."""
    answered = 0
    for path in files:
        try:
            data = (read_stdin or sys.stdin.buffer.read)() if path == STDIN else read_bytes(path)
            text = decode(data, options.encoding)
        except InputError as exc:
            reports.append(FileReport(path, error=str(exc)))
            continue
        name = "<stdin>" if path == STDIN else path
        key = content_key(data, options.encoding or "", name.rsplit(".", 1)[-1]) if cache and path != STDIN else None
        cached = cache.get(key, name) if cache and key else None
        if cached is not None:
            reports.append(FileReport(name, cached, text))
            answered += 1
            continue
        try:
            pending.append(_Pending(name, text, key, drafts_for(name, text, config)))
        except InputError as exc:
            reports.append(FileReport(name, error=str(exc)))
    return answered


def _exclude_origin(config: Config) -> str:
    return f"'exclude' in {config.path.name}" if config.path is not None else "'exclude'"


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
) -> tuple[list[tuple[Finding, ...]], dict[int, str], list[int], tuple[str, ...]]:
    """Lint inputs the cache did not answer: findings, inputs that failed mid-way, drafts per input, notices.

    Drafts stream through in chunks, compiled once per channel in use; an input whose drafts raise InputError
    while being read (a bad replylint-disable deep in a collection) is reported as unreadable.
    """
    # Imported here: spaCy is only loaded once some text was not answered by the cache.
    from replylint import nlp, parallel
    from replylint.kinds import compile_rules

    pipeline = nlp.load(config.model)
    names = RuleNames.of(rules.by_id.values())
    channels = [config.for_file(item.path).channel if config.per_file else config.channel for item in pending]
    found: list[list[Finding]] = [[] for _ in pending]
    counts = [0] * len(pending)
    failed: dict[int, str] = {}
    notices: dict[str, None] = {}
    for channel in dict.fromkeys(channels):
        compiled = compile_rules(rules.selected, pipeline, channel, names=names)
        notices.update((f"skipped rule {rule.qualified_id}: {why}", None) for rule, why in compiled.skipped)
        numbers = [i for i, c in enumerate(channels) if c == channel]
        for chunk in _chunks(_owned(numbers, pending, failed), CHUNK):
            # A collection yields many drafts: each finding goes back to the input it came from.
            drafts = [draft for _, draft in chunk]
            results = parallel.lint_drafts(drafts, compiled, pipeline, parallel.workers(jobs, len(drafts)))
            for (owner, _), findings in zip(chunk, results, strict=True):
                found[owner].extend(findings)
                counts[owner] += 1
    return [tuple(sorted(f)) for f in found], failed, counts, tuple(notices)


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
    """Per-file ignores and severity overrides from the config ("off" drops the finding).

    The global `ignore` was applied once, when the rules were selected; only the per-file entries add to it here.
    """
    if not report.findings or not (config.severity or config.per_file):
        return report
    policy = config.for_file(report.path)
    extra = policy.ignore[len(config.ignore) :]
    kept = []
    for finding in report.findings:
        if any(under(finding.rule, p) for p in extra):
            continue
        severity = policy.severity_for(finding.rule, finding.severity)
        if severity is None:
            continue
        kept.append(finding if severity == finding.severity else replace(finding, severity=severity))
    return replace(report, findings=tuple(kept))
