"""Reporters, one module per output format, looked up by name so only the chosen one is imported."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from replylint.findings import Report
    from replylint.packs.records import Rule

FORMATS = ("pretty", "text", "json", "sarif", "github")


class Render(Protocol):
    def __call__(self, report: Report, rules: Mapping[str, Rule], stream: TextIO, *, color: bool) -> None: ...


def get(name: str) -> Render:
    """The render function of the named format."""
    if name not in FORMATS:
        raise KeyError(name)
    module = importlib.import_module(f"replylint.reporters.{name}")
    return module.render
