"""The trees of a collection file by its layout: JSON, JSON5, YAML, CSV or the reply arrays of a script."""

from __future__ import annotations

from typing import TYPE_CHECKING

from replylint.inputs.collections import csv as collection_csv
from replylint.inputs.collections import json as collection_json
from replylint.inputs.collections import json5 as collection_json5
from replylint.inputs.collections import yaml as collection_yaml
from replylint.inputs.collections.scripts import reply_arrays
from replylint.inputs.drafts import InputError
from replylint.inputs.layouts import COLLECTION_LAYOUTS

if TYPE_CHECKING:
    from replylint.inputs.collections.nodes import Node
    from replylint.inputs.drafts import Source


def collection_trees(source: Source, layout: str | None, columns: tuple[str, ...] = ()) -> list[Node]:
    """The file scanned into trees; InputError names file:line (and a CSV column of `columns` missing)."""
    if layout == "json":
        return [collection_json.tree(source)]
    if layout == "jsonl":
        return collection_json.lines(source)
    if layout == "json5":
        return [collection_json5.tree(source)]
    if layout == "yaml":
        return collection_yaml.trees(source)
    if layout == "javascript":
        return reply_arrays(source)
    if layout == "csv":
        return collection_csv.trees(source, columns)
    raise InputError(f"{source.path}: not a collection (expected a layout of {', '.join(COLLECTION_LAYOUTS)})")
