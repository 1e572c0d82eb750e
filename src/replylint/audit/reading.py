"""Archive files -> a lazy Dask DataFrame of the columns an audit reads (Parquet, CSV, JSON Lines)."""

from __future__ import annotations

import glob
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.api import InputError

if TYPE_CHECKING:
    import dask.dataframe as dd

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
UNREADABLE = "_replylint_unreadable"  # JSON Lines rows that are not an object of fields carry their reason here
# About this much data per partition: some 10,000 short replies, seconds of one worker, so tasks spread
# evenly over the workers, progress moves, and a worker holds little at a time.
BLOCK = "2MiB"


@dataclass(frozen=True, slots=True)
class Archive:
    """The files of one audit, all of one format, and the columns they have."""

    files: tuple[str, ...]
    format: str
    columns: tuple[str, ...]


def find_archive(patterns: Sequence[str]) -> Archive:
    """The files the patterns name (globs, files, or folders of Parquet files), checked to be of one format."""
    files: list[str] = []
    for pattern in patterns:
        found = sorted(glob.glob(pattern)) or ([pattern] if Path(pattern).exists() else [])
        if not found:
            raise InputError(f"{pattern}: no such file")
        for name in found:
            files.extend(sorted(str(p) for p in Path(name).glob("*.parquet")) if Path(name).is_dir() else [name])
    kinds = {FORMATS.get(Path(name).suffix.lower()) for name in files}
    if None in kinds:
        bad = next(name for name in files if Path(name).suffix.lower() not in FORMATS)
        raise InputError(f"{bad}: not an archive replylint audits (use .parquet, .csv or .jsonl)")
    if len(kinds) != 1:
        raise InputError(f"{patterns[0]}: the files mix formats ({', '.join(sorted(kinds))}); audit one at a time")
    kind = kinds.pop()
    return Archive(tuple(files), kind, tuple(_columns(files[0], kind)))


def _columns(path: str, kind: str) -> list[str]:
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            if kind == "csv":
                import csv

                return next(csv.reader(handle), [])
            return _json_keys(handle, path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{path}: cannot be read: {exc}") from None


def _json_keys(handle, path: str) -> list[str]:
    """The keys of the first objects of a JSON Lines file (rows may leave some out)."""
    keys: dict[str, None] = {}
    for number, line in enumerate(handle, 1):
        if number > 200:
            break
        try:
            row = json.loads(line) if line.strip() else {}
        except json.JSONDecodeError as exc:
            if number == 1:
                raise InputError(f"{path}:1: not JSON Lines: {exc.msg}") from None
            continue
        keys.update(dict.fromkeys(row if isinstance(row, dict) else ()))
    return list(keys)


def open_frame(archive: Archive, columns: Sequence[str], block: str = BLOCK) -> dd.DataFrame:
    """The archive as a lazy Dask DataFrame of these columns; nothing is read until partitions are computed.

    A partition holds about `block` of data; a Parquet partition is one or more whole row groups.
    """
    import dask.dataframe as dd

    wanted = list(dict.fromkeys(columns))
    if archive.format == "parquet":
        return dd.read_parquet(list(archive.files), columns=wanted, split_row_groups="adaptive", blocksize=block)
    if archive.format == "csv":
        # Text stays Python str (object): undecodable bytes arrive as surrogates, which Arrow strings cannot hold.
        return dd.read_csv(
            list(archive.files),
            usecols=wanted,
            dtype=object,
            keep_default_na=False,
            encoding="utf-8",
            encoding_errors="surrogateescape",
            blocksize=block,
        )
    return _json_lines(archive, wanted, block)


def _json_lines(archive: Archive, columns: list[str], block: str) -> dd.DataFrame:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from dask import delayed

    lines = db.read_text(list(archive.files), blocksize=block, encoding="utf-8", errors="surrogateescape")
    parts = [delayed(json_rows)(part, columns) for part in lines.to_delayed()]
    meta = pd.DataFrame({name: pd.Series(dtype=object) for name in [*columns, UNREADABLE]})
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def json_rows(lines: list[str], columns: list[str]):
    """One block of JSON Lines as a frame; a line that is not a JSON object is a row with only its reason."""
    import pandas as pd

    rows = []
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            rows.append((*(None for _ in columns), "not JSON"))
            continue
        if not isinstance(row, dict):
            rows.append((*(None for _ in columns), "not a JSON object"))
        else:
            rows.append((*(row.get(name) for name in columns), None))
    return pd.DataFrame.from_records(rows, columns=[*columns, UNREADABLE]).astype(object)
