"""The README's Spark example runs: lint_frame inside mapInPandas on a local Spark session finds what it finds alone.

Spark is not among the test extras (it is a 450 MB download and needs a Java runtime), so this runs only where
pyspark and `java` are installed; `pip install pyspark` beside the test extras enables it.
"""

from __future__ import annotations

import os
import shutil
import sys

import pandas as pd
import pytest

from replylint.audit import lint_frame

pyspark = pytest.importorskip("pyspark")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime")

# The schema string of the README's example, which must stay in step with lint_frame's columns.
SCHEMA = (
    "row long, id string, agent string, rule string, pack string, severity string, start long, `end` long, "
    "match string, message string, skipped string"
)


def test_lint_frame_in_map_in_pandas_finds_what_it_finds_alone(tmp_path, monkeypatch, drafts):
    from pyspark.sql import SparkSession

    texts = [*drafts(40), ""]
    frame = pd.DataFrame({"ticket": [f"t{n}" for n in range(len(texts))], "agent": ["ann", "bob"] * 20 + ["ann"]})
    frame["body"] = texts
    frame.to_parquet(tmp_path / "replies.parquet")
    # Spark's Python workers must run the interpreter that has replylint installed.
    monkeypatch.setitem(os.environ, "PYSPARK_PYTHON", sys.executable)

    # Defined here, not at module level: Spark pickles it by value, and its workers cannot import this test module.
    def lint_batches(batches):
        for batch in batches:
            yield lint_frame(batch, "body", id_column="ticket", by=["agent"])

    spark = SparkSession.builder.master("local[2]").appName("replylint-test").getOrCreate()
    try:
        found = spark.read.parquet(str(tmp_path / "replies.parquet")).mapInPandas(lint_batches, SCHEMA).collect()
    finally:
        spark.stop()
    alone = lint_frame(frame, "body", id_column="ticket", by=["agent"])
    key = ("id", "agent", "rule", "start", "end", "match", "skipped")
    assert sorted(tuple(row[k] for k in key) for row in found) == sorted(
        tuple(None if pd.isna(v) else v for v in row) for row in alone[list(key)].itertuples(index=False)
    )
    assert any(row["skipped"] for row in found)
    assert any(row["rule"] and row["rule"].startswith("blame.") for row in found)
