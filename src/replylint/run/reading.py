"""reading_for(config, path): the one place a run turns its config into how one input is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.inputs.collections.walker import FieldSpec
from replylint.inputs.settings import Reading

if TYPE_CHECKING:
    from replylint.config.settings import Config


def reading_for(config: Config, path: str) -> Reading:
    """The config's placeholder syntaxes, reply fields and unfilled check for one path."""
    setting = config.collection_for(path)
    fields = None
    if setting is not None and (setting.keys or setting.fields or setting.columns):
        given = (("keys", setting.keys), ("paths", setting.fields), ("columns", setting.columns))
        fields = FieldSpec(**{name: value for name, value in given if value})
    syntaxes = {"syntaxes": config.placeholder_syntaxes} if config.placeholder_syntaxes else {}
    return Reading(**syntaxes, custom=config.placeholder_custom, unfilled=config.wants_unfilled(path), fields=fields)
