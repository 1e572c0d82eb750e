"""Reading: the one frozen record of how a run reads a file (placeholders, reply fields, unfilled check, layout)."""

from __future__ import annotations

from dataclasses import dataclass

from replylint.inputs.collections.walker import FieldSpec
from replylint.inputs.placeholders import DEFAULT_SYNTAXES


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything a reader needs to know about one input; run/ builds it from the config for each path.

    `fields` is None when the config names no reply fields for this path (the default keys apply);
    `unfilled` reports placeholders left in a text about to be sent; `layout` (one of layouts.LAYOUTS) is
    the configured way to read the file, None to choose by suffix and content.
    """

    syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES
    custom: tuple[str, ...] = ()
    unfilled: bool = False
    fields: FieldSpec | None = None
    layout: str | None = None

    @property
    def spec(self) -> FieldSpec:
        return self.fields or _DEFAULT_SPEC


_DEFAULT_SPEC = FieldSpec()
