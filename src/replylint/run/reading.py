"""reading_for(config, path) and channel_for(config, path): how a run's config applies to one input."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from replylint.inputs.collections.walker import FieldSpec
from replylint.inputs.layouts import layout_for
from replylint.inputs.settings import Reading

if TYPE_CHECKING:
    from replylint.config.settings import Config


def reading_for(config: Config, path: str) -> Reading:
    """The config's placeholder syntaxes, reply fields, layout and unfilled check for one path."""
    setting = config.collection_for(path)
    fields = None
    if setting is not None and (setting.keys or setting.fields or setting.columns or setting.context):
        given = (("keys", setting.keys), ("paths", setting.fields), ("columns", setting.columns))
        given += (("context", setting.context),)
        fields = FieldSpec(**{name: value for name, value in given if value})
    syntaxes = {"syntaxes": config.placeholder_syntaxes} if config.placeholder_syntaxes else {}
    layout = setting.layout if setting is not None else None
    if layout is None and layout_for(path) is None and config.is_included(path):
        layout = "text"  # a format replylint does not know, which the config's `include` asks for: read as text
    unfilled = config.wants_unfilled(path)
    return Reading(**syntaxes, custom=config.placeholder_custom, unfilled=unfilled, fields=fields, layout=layout)


# Saved replies kept in a repository's .github folder are answers to issues and discussions.
FORUM_FOLDER = ".github"


def channel_for(config: Config, path: str) -> str | None:
    """The input's channel: a per-file entry's, else the config's or --channel, else forum under `.github/`."""
    chosen = config.for_file(path).channel if config.per_file else config.channel
    if chosen is None and FORUM_FOLDER in os.path.abspath(path).split(os.sep)[:-1]:
        return "forum"
    return chosen
