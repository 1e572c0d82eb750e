"""The public Python API: a Linter loaded once (config, packs, pipeline) and reused for every draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.config.loading import find_config, load_config, merge_flags
from replylint.config.settings import ConfigError
from replylint.engine.nlp import ModelError
from replylint.findings import FileReport, Finding, Severity
from replylint.inputs.drafts import InputError, Source
from replylint.inputs.skips import NotReplies
from replylint.packs import records
from replylint.packs.records import PackError, Rule
from replylint.packs.selection import SelectionError, load_rules
from replylint.run.check import drafts_for, pack_paths
from replylint.run.fixes import Edit, plan
from replylint.run.group import answering
from replylint.run.linting import Pending, lint_pending
from replylint.run.policy import apply_policy, validate

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from replylint.config.settings import Config
    from replylint.engine.kinds import Compiled
    from replylint.packs.selection import RuleSet

__all__ = [
    "CHANNELS",
    "SETUP_ERRORS",
    "AppliedFix",
    "Edit",
    "Finding",
    "Fixed",
    "InputError",
    "Linter",
    "Rule",
    "Severity",
    "config_file_for",
    "fix_draft",
    "offsets",
    "rule_named",
    "safe_edits",
]


@dataclass
class Linter:
    """Rules, config and compiled matchers kept between calls; the CLI's run lints through the same functions.

    Errors are the CLI's: ConfigError, PackError, SelectionError and ModelError for a bad setup, InputError for a
    draft that cannot be read (a malformed collection, say).
    """

    config: Config
    rules: RuleSet
    _compiled: dict[str | None, Compiled] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(
        cls,
        path: str | Path | None = None,
        packs: Iterable[str | Path] = (),
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        channel: str | None = None,
        model: str | None = None,
        *,
        start: str | Path | None = None,
    ) -> Linter:
        """Load the config (`path`, or the one found upward from `start`, default the working directory) with
        these overrides."""
        config = load_config(explicit=Path(path)) if path is not None else load_config(start=_folder(start))
        config = merge_flags(
            config,
            packs=list(packs) or None,
            select=list(select) or None,
            ignore=list(ignore) or None,
            channel=channel,
            model=model,
        )
        rules = load_rules(pack_paths(config), select=config.select, ignore=config.ignore)
        validate(rules, config)
        return cls(config, rules)

    def lint(self, text: str, path: str | None = None, in_reply_to: str | None = None) -> list[Finding]:
        """The findings of one draft; `path` (if given) decides its format, channel and per-file settings.

        `in_reply_to`: the customer's message the draft answers; the context rules run only with one.
        """
        return self.lint_many([text], path, in_reply_to)[0]

    def lint_many(
        self,
        texts: Iterable[str],
        path: str | None = None,
        in_reply_to: str | None = None,
        *,
        replies_to: Sequence[str | None] | None = None,
    ) -> list[list[Finding]]:
        """The findings of each draft, in order, in one pass through the pipeline.

        Each draft answers `in_reply_to`, or its own customer message in `replies_to` (one per text, None: none).
        """
        name = path or "<text>"
        items = list(texts)
        messages = [in_reply_to] * len(items) if replies_to is None else list(replies_to)
        if len(messages) != len(items):
            raise ValueError(f"replies_to holds {len(messages)} messages for {len(items)} texts")
        try:
            pending = [Pending(name, text, None, drafts_for(name, text, self.config)) for text in items]
            for item, own in zip(pending, messages, strict=True):
                message = in_reply_to if own is None else own
                if message is not None and message.strip():
                    item.drafts = answering(item.drafts, message)
        except NotReplies as exc:
            # The API raises InputError for any input it cannot lint, a file of no replies included.
            raise InputError(f"{name}: holds no replies: {exc.reason}") from None
        linted, failed, _ = lint_pending(pending, self.rules, self.config, jobs=1, compiled_by_channel=self._compiled)
        if failed:
            raise InputError(next(iter(failed.values())))
        if refused := next((item.not_replies for item in pending if item.not_replies is not None), None):
            raise InputError(f"{name}: holds no replies: {refused}")
        resolver = self.rules.resolver
        reports = [FileReport(name, found, text) for found, text in zip(linted, items, strict=True)]
        return [list(apply_policy(report, self.config, resolver).findings) for report in reports]

    def fix(self, text: str, path: str | None = None, in_reply_to: str | None = None) -> tuple[str, list[Finding]]:
        """The draft with every safe fix applied (as --fix would), and the findings left in it."""
        fixed = fix_draft(self, text, path, in_reply_to)
        return fixed.text, list(fixed.left)


# For long-lived callers (the MCP and language servers): what a finding's place, a rule and a fix are, without
# reaching below this module.

CHANNELS = records.CHANNELS
# What Linter.from_config raises for a setup that cannot be used (a bad config, pack, selector or --model).
SETUP_ERRORS: tuple[type[Exception], ...] = (ConfigError, PackError, SelectionError, ModelError)


@dataclass(frozen=True, slots=True)
class AppliedFix:
    """One safe fix made: the rule, where (1-based, in the text it was applied to), the match and its replacement.

    The fixed text also tidies around a deletion (one neighbouring space goes, a sentence start is re-capitalised).
    """

    rule: str
    line: int
    column: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Fixed:
    """A draft after its safe fixes: the new text, the fixes made in order, and the findings left."""

    text: str
    applied: tuple[AppliedFix, ...]
    left: tuple[Finding, ...]


def fix_draft(linter: Linter, text: str, path: str | None = None, in_reply_to: str | None = None) -> Fixed:
    """Apply every safe fix (as --fix would), keeping the list of fixes made; Linter.fix is this, shortened."""
    name = path if path and not path.startswith("<") else "draft.txt"
    applied: list[AppliedFix] = []
    for _ in range(10):  # a fix can make another one possible; a few rounds settle any real draft
        findings = linter.lint(text, name, in_reply_to)
        change = plan(FileReport(name, tuple(findings), text), linter.rules.by_id)
        if change is None or change.after == text:
            return Fixed(text, tuple(applied), tuple(findings))
        applied.extend(
            AppliedFix(e.finding.rule, e.finding.line, e.finding.column, e.finding.match, e.finding.suggestion or "")
            for e in change.edits
        )
        text = change.after
    return Fixed(text, tuple(applied), tuple(linter.lint(text, name, in_reply_to)))


def offsets(text: str, finding: Finding) -> tuple[int, int]:
    """A finding's [start, end) character offsets in the text it was found in (its line/column are 1-based)."""
    starts = Source(finding.path, text).line_starts
    return starts[finding.line - 1] + finding.column - 1, starts[finding.end_line - 1] + finding.end_column - 1


def rule_named(linter: Linter, name: str) -> Rule:
    """The loaded rule with this id or alias (old ids keep working); SelectionError with "did you mean" if none."""
    rule = linter.rules.by_name.get(name)
    if rule is None:
        raise SelectionError(f"{name!r} names no rule{linter.rules.resolver.hint(name)}")
    return rule


# Added for the language server (server/lsp*.py).


def _folder(start: str | Path | None) -> Path | None:
    return None if start is None else Path(start)


def config_file_for(document: str | Path) -> Path | None:
    """The replylint.toml or pyproject.toml that governs a document: the CLI's upward search from its folder."""
    return find_config(Path(document).parent)


def safe_edits(linter: Linter, text: str, path: str, findings: Iterable[Finding]) -> tuple[Edit, ...]:
    """The edits --fix would make for these findings of one draft (source offsets, one per fixed finding).

    Overlapping fixes keep the first; a path in angle brackets (standard input) gets none, as with --fix.
    """
    change = plan(FileReport(path, tuple(findings), text), linter.rules.by_id)
    return () if change is None else change.edits
