"""One resolver of rule ids and aliases: every selector (flag, config, suppression, baseline) is checked here."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from replylint.findings import under

if TYPE_CHECKING:
    from collections.abc import Iterable

    from replylint.config import Config
    from replylint.packs import Rule

PYPROJECT = "pyproject.toml"


class SelectionError(Exception):
    """A selector that names no rule, or a run that would check nothing; the message says where it came from."""


@dataclass(frozen=True, slots=True)
class RuleNames:
    """The ids of the loaded rules, their old ids (aliases, mapped to the current id) and their channels."""

    ids: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...] = ()
    channels: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> RuleNames:
        """The names of these rules."""
        rules = list(rules)
        return cls(
            tuple(r.qualified_id for r in rules),
            tuple((f"{r.pack}.{a}", r.qualified_id) for r in rules for a in r.aliases),
            tuple((r.qualified_id, r.channels) for r in rules if r.channels),
        )

    def canonical(self, selector: str) -> str:
        """The selector with a renamed rule's old id replaced by its current id (anything else unchanged)."""
        stem = selector.rstrip(".")
        return dict(self.aliases).get(stem, selector)

    def resolve(self, selector: str) -> frozenset[str]:
        """The ids of the rules a selector names: by id or alias, or every rule under a dotted prefix."""
        stem = self.canonical(selector)
        return frozenset(rule for rule in self.ids if under(rule, stem))

    def problem(self, selector: str) -> str | None:
        """None when the selector names a rule, else 'names no rule' with the closest ids."""
        if self.resolve(selector):
            return None
        return f"{selector!r} names no rule{self.hint(selector)}"

    def hint(self, selector: str) -> str:
        """' (did you mean 'x'?)' with the closest ids, packs and old ids, or ' (see `replylint rules`)'."""
        packs = {rule.split(".", 1)[0] for rule in self.ids}
        known = sorted({*self.ids, *packs, *(old for old, _ in self.aliases)})
        close = difflib.get_close_matches(selector.rstrip("."), known, n=1, cutoff=0.6)
        if not close:
            return " (see `replylint rules`)"
        return f" (did you mean {close[0]!r}?)"

    def runnable(self, selected: Iterable[str], channels: Iterable[str | None]) -> list[str]:
        """The selected rules that run in one of the channels in use (a channel rule needs its channel)."""
        bound = dict(self.channels)
        used = set(channels)
        return [r for r in selected if r not in bound or used & set(bound[r])]


def checked(config: Config, names: RuleNames, flags: Iterable[tuple[str, str]] = ()) -> Config:
    """The config with every selector validated (SelectionError names the first bad one) and old ids renamed.

    `flags` are the (flag, selector) pairs given on the command line; the rest came from the config file.
    """
    for flag, selector in flags:
        if (why := names.problem(selector)) is not None:
            raise SelectionError(f"{flag} {why}")
    flagged = {selector for _, selector in flags}
    file = _label(config)
    for key, selectors in (("select", config.select), ("ignore", config.ignore)):
        for selector in selectors:
            if selector not in flagged and (why := names.problem(selector)) is not None:
                raise SelectionError(f"{file}: {key} {why}")
    for prefix, _ in config.severity:
        if (why := names.problem(prefix)) is not None:
            raise SelectionError(f"{file}: [{_table(config, 'severity')}] {why}")
    name = _table(config, "per-file")
    for number, entry in enumerate(config.per_file, 1):
        for key, selectors in (("ignore", entry.ignore), ("severity", tuple(p for p, _ in entry.severity))):
            for selector in selectors:
                if (why := names.problem(selector)) is not None:
                    raise SelectionError(f"{file}: [[{name}]] #{number} {key} {why}")

    def rename(selectors: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(names.canonical(s) for s in selectors)

    def rename_levels(levels: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return tuple((names.canonical(p), level) for p, level in levels)

    return replace(
        config,
        select=rename(config.select),
        ignore=rename(config.ignore),
        severity=rename_levels(config.severity),
        per_file=tuple(
            replace(e, ignore=rename(e.ignore), severity=rename_levels(e.severity)) for e in config.per_file
        ),
    )


def require_rules(config: Config, names: RuleNames, *, packs: int) -> None:
    """Raise SelectionError when the run would check no rule (no packs, or a selection that leaves none)."""
    if not packs:
        raise SelectionError(
            "no rule packs: --no-default-packs needs --pack FILE or 'packs' in the config "
            "(--allow-empty runs the built-in rules alone)"
        )
    chosen = [
        rule
        for rule in names.ids
        if (not config.select or any(under(rule, s) for s in config.select))
        and not any(under(rule, s) for s in config.ignore)
    ]
    if not chosen:
        raise SelectionError("no rules to run: the select and ignore settings leave none (--allow-empty runs anyway)")
    channels = {config.channel, *(entry.channel for entry in config.per_file)}
    if not names.runnable(chosen, channels):
        needed = sorted({c for rule, bound in names.channels if rule in chosen for c in bound})
        raise SelectionError(
            f"no rules to run: the selected rules run only on channel {' or '.join(needed)}, "
            "and no --channel (or 'channel' in the config) names one"
        )


def _label(config: Config) -> str:
    if config.path is None:
        return "the configuration"
    try:
        return str(config.path.relative_to(config.path.cwd()))
    except ValueError:
        return str(config.path)


def _table(config: Config, key: str) -> str:
    # In pyproject.toml the settings live under [tool.replylint]: name the table as the user wrote it.
    return f"tool.replylint.{key}" if config.path is not None and config.path.name == PYPROJECT else key
