"""The audit folder: finished partitions kept under parts/ (what --resume restarts from), and the merged outputs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.api import InputError
from replylint.storage import atomic_write

if TYPE_CHECKING:
    import pandas as pd

    from replylint.audit.partitions import PartitionResult

_TABLES = ("findings", "tally", "examples")
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Parts:
    """parts/NNNNN.{findings,tally,examples}.parquet per partition; NNNNN.done, written last, marks it finished."""

    folder: Path

    def start(self, manifest: dict[str, Any], resume: bool) -> set[int]:
        """Begin (or, with resume, continue) the audit described by manifest; the partitions already finished."""
        saved = self.folder / MANIFEST
        if resume and saved.is_file():
            if json.loads(saved.read_text(encoding="utf-8")) != manifest:
                raise InputError(
                    f"{self.folder.parent}: holds an audit of other files or options; run it without --resume"
                )
            return {int(p.name.split(".")[0]) for p in self.folder.glob("*.done") if p.is_file()}
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        atomic_write(saved, json.dumps(manifest, indent=1, sort_keys=True))
        return set()

    def save(self, result: PartitionResult) -> None:
        """Keep one finished partition; until its marker is written, a resumed audit redoes it."""
        stem = f"{result.index:05d}"
        for name in _TABLES:
            atomic_write(self.folder / f"{stem}.{name}.parquet", _parquet(getattr(result, name)))
        atomic_write(self.folder / f"{stem}.done", json.dumps({"rows": result.rows}))

    def read(self, name: str, indices: Sequence[int]) -> pd.DataFrame:
        """One table of these partitions, concatenated (the tallies and examples: small)."""
        import pandas as pd

        frames = [pd.read_parquet(self.folder / f"{i:05d}.{name}.parquet") for i in indices]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def merge_findings(self, indices: Sequence[int], target: Path) -> None:
        """findings.parquet: the partitions' findings streamed in order, so the merge holds one part at a time."""
        import pyarrow.parquet as pq

        temporary = target.with_name(f".{target.name}.partial")
        schema = _common_schema([self.folder / f"{i:05d}.findings.parquet" for i in indices])
        with pq.ParquetWriter(temporary, schema) as writer:
            for index in indices:
                writer.write_table(pq.read_table(self.folder / f"{index:05d}.findings.parquet").cast(schema))
        temporary.replace(target)


def _parquet(frame: pd.DataFrame) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table.cast(_text_nulls(table.schema)), sink)
    return sink.getvalue().to_pybytes()


def _text_nulls(schema):
    """A column of only nulls (no id column, say) is typed as text, so every part has the same schema."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema])


def _common_schema(paths: list[Path]):
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(path) for path in paths[:1]]
    if not schemas:
        import pyarrow as pa

        from replylint.audit.frames import findings_meta

        return _text_nulls(pa.Schema.from_pandas(findings_meta(), preserve_index=False))
    return schemas[0]
