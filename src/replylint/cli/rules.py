"""`replylint rules` and `replylint explain`: what the loaded rules are and why they matter."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from replylint.cli.options import ConfigOption, NoDefaultOption, PackOption, _die, _load


def list_rules(
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    config_file: ConfigOption = None,
) -> None:
    """List every rule: id, severity, kind and what it catches."""
    from rich.console import Console
    from rich.table import Table

    rules = _load(config_file, pack, no_default_packs)
    table = Table("rule", "severity", "kind", "description", box=None, pad_edge=False)
    for rule in rules.selected:
        table.add_row(rule.qualified_id, rule.severity.value, rule.kind, rule.description)
    # Piped output keeps one rule per line, so `replylint rules | grep` works.
    Console(highlight=False, width=None if sys.stdout.isatty() else 400).print(table)


def explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id such as blame.customer-fault.")],
    pack: PackOption = None,
    no_default_packs: NoDefaultOption = False,
    config_file: ConfigOption = None,
) -> None:
    """Explain a rule: why it matters, what to write instead, and its examples."""
    from rich.console import Console
    from rich.text import Text

    rules = _load(config_file, pack, no_default_packs)
    rule = rules.by_name.get(rule_id)
    if rule is None:
        close = [r for r in rules.by_id if r.startswith(rule_id.split(".")[0])][:8]
        hint = f" (rules in that pack: {', '.join(close)})" if close else " (see `replylint rules`)"
        raise _die(f"unknown rule {rule_id!r}{hint}")
    console = Console(highlight=False)
    console.print(Text(f"{rule.qualified_id}  ({rule.severity.value}, {rule.kind})", style="bold"))
    console.print(Text(rule.description))
    for label, body in (("Why it matters", rule.why), ("Instead", rule.suggest)):
        console.print(Text(f"\n{label}", style="bold"))
        console.print(Text(body))
    if rule.link:
        console.print(Text(f"\nMore: {rule.link}"))
    for label, examples in (("Flags", rule.fail), ("Does not flag", rule.passes)):
        if examples:
            console.print(Text(f"\n{label}", style="bold"))
        for example in examples:
            if example.context is not None:
                # A context rule's example is a reply to this message: show the pair, the customer first.
                console.print(Text(f"  customer: {' '.join(example.context.split())}", style="dim"))
            line = Text("  " if example.context is None else "  reply:    ")
            position = 0
            for start, end in example.spans:
                line.append(example.text[position:start])
                line.append(example.text[start:end], style="bold underline")
                position = end
            line.append(example.text[position:])
            console.print(line)
    if rule.aliases:
        console.print(Text(f"\nAlso known as: {', '.join(rule.aliases)}"))
    if rule.replacements:
        console.print(Text("\nReplacements" + (" (applied by --fix)" if rule.fix else ""), style="bold"))
        for phrase, replacement in rule.replacements:
            console.print(Text(f"  {phrase} -> {replacement or '(delete)'}"))
    where = "Built into replylint" if rule.kind == "builtin" else f"Defined in {rule.source}:{rule.line}"
    console.print(Text(f"\n{where}", style="dim"))
