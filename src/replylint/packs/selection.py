"""The one resolver of rule ids and aliases: what a selector names, and "did you mean" when it names nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.findings import under
from replylint.packs.builtin import BUILTIN_RULES
from replylint.packs.loading import load_packs
from replylint.packs.records import Rule

if TYPE_CHECKING:
    from collections.abc import Iterable


class SelectionError(Exception):
    """A selector (flag, config key, baseline entry) that names no loaded rule."""


@dataclass(frozen=True, slots=True)
class Selector:
    """A rule id or prefix as the user wrote it, and where: '--select', 'replylint.toml: [severity]'."""

    value: str
    where: str


@dataclass(frozen=True, slots=True)
class Resolver:
    """Every loaded rule's id and aliases ('pack.old-id'), each mapped to the rule's current id."""

    names: dict[str, str] = field(default_factory=dict)
    # Per current id: the id itself, then its aliases.
    known_as: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> Resolver:
        names: dict[str, str] = {}
        known_as: dict[str, tuple[str, ...]] = {}
        for rule in rules:
            names[rule.qualified_id] = rule.qualified_id
            aliases = tuple(f"{rule.pack}.{alias}" for alias in rule.aliases)
            known_as[rule.qualified_id] = (rule.qualified_id, *aliases)
            for alias in aliases:
                names.setdefault(alias, rule.qualified_id)
        return cls(names, known_as)

    def resolve(self, selector: str) -> frozenset[str]:
        """The current ids of the rules a selector names by id, alias or dotted prefix ('blame', not 'bla')."""
        return frozenset(rule for name, rule in self.names.items() if under(name, selector))

    def names_of(self, rule_id: str) -> tuple[str, ...]:
        """A rule's current id and every alias it answers to."""
        return self.known_as.get(rule_id, (rule_id,))

    def canonical(self, name: str) -> str | None:
        """The current id of a rule named exactly (by id or alias), or None."""
        return self.names.get(name)

    def hint(self, selector: str) -> str:
        """' (did you mean X?)' with the closest known ids and pack names, or ''."""
        packs = {name.split(".", 1)[0] for name in self.names}
        close = difflib.get_close_matches(selector, [*self.names, *packs], n=1, cutoff=0.6)
        return f" (did you mean {' or '.join(close)}?)" if close else " (see `replylint rules`)"

    def unknown(self, selectors: Iterable[Selector]) -> list[str]:
        """One message per selector that names no rule, with where it came from and the closest ids."""
        return [
            f"{s.where}: {s.value!r} names no rule{self.hint(s.value)}" for s in selectors if not self.resolve(s.value)
        ]

    def check(self, selectors: Iterable[Selector]) -> None:
        """Raise SelectionError listing every selector that names no rule."""
        problems = self.unknown(selectors)
        if problems:
            raise SelectionError("; ".join(problems))


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses, every loaded rule by id (for reporters), and by id or alias (for `explain`)."""

    selected: tuple[Rule, ...]
    by_id: dict[str, Rule]
    by_name: dict[str, Rule]
    # Ids and aliases of every loaded rule (selected or not), built once: a long-lived api.Linter asks for it
    # twice per draft, and building it cost about 0.3 ms of a 300-character draft's 4 ms.
    resolver: Resolver = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "resolver", Resolver.of(self.by_id.values()))


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
