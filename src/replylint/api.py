"""The public Python API: a Linter loaded once (config, packs, pipeline) and reused for every draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.config.loading import load_config, merge_flags
from replylint.findings import FileReport, Finding
from replylint.inputs.drafts import InputError
from replylint.inputs.skips import NotReplies
from replylint.packs.selection import load_rules
from replylint.run.check import drafts_for, pack_paths
from replylint.run.fixes import plan
from replylint.run.linting import Pending, lint_pending
from replylint.run.policy import apply_policy, validate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from replylint.config.settings import Config
    from replylint.engine.kinds import Compiled
    from replylint.packs.selection import RuleSet

__all__ = ["Finding", "InputError", "Linter"]


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
    ) -> Linter:
        """Load the config (`path`, or the one found upward from the working directory) with these overrides."""
        config = load_config(explicit=Path(path)) if path is not None else load_config()
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

    def lint(self, text: str, path: str | None = None) -> list[Finding]:
        """The findings of one draft; `path` (if given) decides its format, channel and per-file settings."""
        return self.lint_many([text], path)[0]

    def lint_many(self, texts: Iterable[str], path: str | None = None) -> list[list[Finding]]:
        """The findings of each draft, in order, in one pass through the pipeline."""
        name = path or "<text>"
        items = list(texts)
        try:
            pending = [Pending(name, text, None, drafts_for(name, text, self.config)) for text in items]
        except NotReplies as exc:
            # The API raises InputError for any input it cannot lint, a file of no replies included.
            raise InputError(f"{name}: holds no replies: {exc.reason}") from None
        linted, failed, _ = lint_pending(pending, self.rules, self.config, jobs=1, compiled_by_channel=self._compiled)
        if failed:
            raise InputError(next(iter(failed.values())))
        resolver = self.rules.resolver
        reports = [FileReport(name, found, text) for found, text in zip(linted, items, strict=True)]
        return [list(apply_policy(report, self.config, resolver).findings) for report in reports]

    def fix(self, text: str, path: str | None = None) -> tuple[str, list[Finding]]:
        """The draft with every safe fix applied (as --fix would), and the findings left in it."""
        name = path if path and not path.startswith("<") else "draft.txt"
        for _ in range(10):  # a fix can make another one possible; a few rounds settle any real draft
            findings = self.lint(text, name)
            change = plan(FileReport(name, tuple(findings), text), self.rules.by_id)
            if change is None or change.after == text:
                return text, findings
            text = change.after
        return text, self.lint(text, name)
