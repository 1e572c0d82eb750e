"""One check run: find the inputs, group them by the config that applies, lint each group, gather the report."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from replylint.config.settings import Config
from replylint.findings import FileReport, Report, Severity
from replylint.inputs.files import NO_DRAFTS, STDIN, Discovery, discover, no_drafts
from replylint.inputs.skips import Skip
from replylint.packs.loading import shipped_pack_paths
from replylint.packs.records import Rule
from replylint.packs.selection import RuleSet, SelectionError, load_rules
from replylint.run.group import Inputs, Linted, drafts_for, lint_group, read_stdin
from replylint.run.linting import Progress
from replylint.run.policy import validate

__all__ = ["CheckOptions", "LazyRules", "Outcome", "check", "drafts_for", "pack_paths"]


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check: inputs from the command line and the merged configuration.

    `configs`, when given, gives the config of each folder (config.nearest.Configs: the nearest file upward);
    without it every input uses `config`, which stdin and --text always use.
    """

    config: Config
    paths: tuple[str, ...] = ()
    text: str | None = None
    default_packs: bool = True
    encoding: str | None = None
    use_cache: bool = True
    jobs: int = 0  # processes; 0 = one per core for large runs
    allow_empty: bool = False  # a run with no rules or no drafts is an error unless asked for
    follow_links: bool = True  # read symlinked files found in a walk (the CLI turns it off under CI)
    configs: Callable[[str], Config] | None = None
    # The path standard input is read as (its format, per-file settings) and reported under, like ruff's.
    stdin_filename: str | None = None
    progress: Progress | None = None  # told how linting advances (the CLI draws a bar on long runs)
    in_reply_to: str | None = None  # the customer's message every draft without its own answers (context rules)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished run: the report, its rules (loaded only if needed), and notices for stderr.

    `thresholds` holds the fail-on level of files whose own config sets another one than the run's.
    """

    report: Report
    rules: Mapping[str, Rule]
    notices: tuple[str, ...] = field(default=())
    thresholds: Mapping[str, Severity] = field(default_factory=dict)

    def exit_code(self, fail_on: Severity) -> int:
        """2 when an input could not be read, 1 when a finding reaches its file's fail-on level, else 0."""
        if self.report.errors:
            return 2
        return int(any(f.severity.rank >= self.thresholds.get(f.path, fail_on).rank for f in self.report.findings))


def pack_paths(config: Config, *, default_packs: bool = True) -> list[Path]:
    """Shipped packs (unless disabled), then the configured and --pack ones."""
    return [*(shipped_pack_paths() if default_packs else []), *config.packs]


class LazyRules(Mapping[str, Rule]):
    """Rules by id, parsed on first use: a run answered from the cache never parses a pack.

    Several configs of one run (each group of files with its own packs) are looked up in order.
    """

    def __init__(self, *loads: Callable[[], RuleSet]) -> None:
        self._loads = loads
        self._rules: list[RuleSet | None] = [None] * len(loads)

    def of(self, number: int) -> RuleSet:
        """The rules of one group, parsed on first use."""
        if self._rules[number] is None:
            self._rules[number] = self._loads[number]()
        return self._rules[number]  # type: ignore[return-value]

    @property
    def ruleset(self) -> RuleSet:
        return self.of(0)

    def __getitem__(self, key: str) -> Rule:
        for number in range(len(self._loads)):
            if key in (rules := self.of(number)).by_id:
                return rules.by_id[key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(key for n in range(len(self._loads)) for key in self.of(n).by_id))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def check(options: CheckOptions, read_stdin_with: Callable[[int], bytes] | None = None) -> Outcome:
    """Lint everything the options name; unreadable inputs become FileReports with an error."""
    found = discover(list(options.paths), options.configs or options.config, follow_links=options.follow_links)
    groups = _groups(options, found.files)
    loads = [_rules_of(config, options) for config in groups]
    rules = LazyRules(*loads)
    walked = frozenset(f for files in found.folders.values() for f in files) - set(options.paths)
    results: list[Linted] = []
    for number, (config, files) in enumerate(groups.items()):
        if config.named:
            # Checked even when every input is answered from the cache: a mistyped id must never pass quietly.
            validate(rules.of(number), config, allow_empty=options.allow_empty)
        inputs = Inputs(
            tuple(files),
            options.text if number == 0 else None,
            walked,
            options.encoding,
            options.use_cache and bool(options.paths),
            options.jobs,
            options.stdin_filename,
            options.allow_empty,
            options.progress,
            options.in_reply_to,
        )
        packs = pack_paths(config, default_packs=options.default_packs)
        results.append(lint_group(config, inputs, lambda n=number: rules.of(n), packs, read_stdin_with or read_stdin))
    return _gather(options, found, groups, results, rules)


def _groups(options: CheckOptions, files: list[str]) -> dict[Config, list[str]]:
    """The files of each config in use, the run's own config first (stdin and --text use it)."""
    base = options.config
    groups: dict[Config, list[str]] = {base: []}
    for path in files:
        # Standard input read as --stdin-filename takes that path's config, as a file there would.
        where = options.stdin_filename if path == STDIN else path
        config = base if where is None or options.configs is None else options.configs(os.path.dirname(where) or ".")
        groups.setdefault(config, []).append(path)
    if len(groups) > 1 and not groups[base] and options.text is None:
        del groups[base]  # every file has a config of its own: the working directory's does not run
    return groups


def _rules_of(config: Config, options: CheckOptions) -> Callable[[], RuleSet]:
    paths = pack_paths(config, default_packs=options.default_packs)
    if not paths and not options.allow_empty:
        raise SelectionError("no rule packs to run (--no-default-packs without --pack); --allow-empty accepts that")
    return lambda: load_rules(paths, select=config.select, ignore=config.ignore)


def _gather(
    options: CheckOptions,
    found: Discovery,
    groups: dict[Config, list[str]],
    results: list[Linted],
    rules: LazyRules,
) -> Outcome:
    """One report from the groups' results, with the skips, errors and notices of the whole run."""
    notices = [_links_notice(found.linked, options.follow_links)] if found.linked else []
    if not found.files and not found.errors and options.text is None:
        # The repository's own config excludes every file named (a pre-commit hook passes staged names):
        # a decision, not an accident, so it passes with a warning instead of failing the commit.
        notices.append(f"nothing to check: every file named is excluded by {_exclude_origin(options.config)}")
    reports = [report for result in results for report in result.reports]
    skipped = sorted({*found.skipped, *(s for result in results for s in result.skipped)}, key=lambda s: s.path)
    missing = [*found.errors, *_emptied(found, skipped, options.config.looked_for)]
    for path, message in missing:
        if options.allow_empty and message.startswith(NO_DRAFTS):
            notices.append(f"{path}: {message}")
        else:
            reports.append(FileReport(path, error=message))
    replies = sum(result.replies for result in results)
    empty = [path for result in results for path in result.empty]
    if empty and not replies and not options.allow_empty and not any(r.error for r in reports):
        raise SelectionError(f"nothing to check: no reply text in {', '.join(empty)} {_NO_REPLIES}")
    for path in empty:
        if options.allow_empty:
            skipped.append(Skip(path, "holds no replies: no reply text found in it"))
        else:
            reports.append(FileReport(path, error=f"no reply text found {_NO_REPLIES}"))
    skipped.sort(key=lambda s: s.path)
    notices.extend(dict.fromkeys(n for result in results for n in result.notices))
    reports.sort(key=lambda r: r.path)
    base = options.config.fail_on
    thresholds = {p: c.fail_on for c, files in groups.items() if c.fail_on != base for p in files}
    return Outcome(Report(tuple(reports), replies=replies, skipped=tuple(skipped)), rules, tuple(notices), thresholds)


_NO_REPLIES = "(a collection needs reply fields: see [[collections]]); --allow-empty accepts that"


def _emptied(found: Discovery, skipped: list[Skip], looked: str) -> list[tuple[str, str]]:
    """Folders whose files were all skipped while being read: "no drafts found", with what was skipped."""
    gone = {skip.path for skip in skipped}
    emptied = []
    for folder, files in found.folders.items():
        if files and all(f in gone for f in files):
            top = os.path.normpath(folder)
            inside = [s for s in skipped if top == "." or s.path.startswith(top + os.sep)]
            emptied.append((folder, no_drafts(inside, looked)))
    return emptied


def _exclude_origin(config: Config) -> str:
    return f"'exclude' in {config.path.name}" if config.path is not None else "the config's 'exclude'"


def _links_notice(linked: list[str], followed: bool) -> str:
    shown = ", ".join(linked[:5]) + (f" and {len(linked) - 5} more" if len(linked) > 5 else "")
    if followed:
        return f"read {len(linked)} symlinked file(s), which may point outside the folder: {shown}"
    return f"left out {len(linked)} symlinked file(s) (--no-follow-links): {shown}"
