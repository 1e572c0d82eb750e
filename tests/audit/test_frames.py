"""lint_frame finds what `replylint check` finds in the same texts, and reports every row it cannot lint."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from replylint.audit import findings_meta, lint_frame
from replylint.cli.app import app


def _checked(folder: Path, texts: list[str], channel: str | None) -> list[tuple]:
    """`replylint check` over one file per text, as (text number, rule, severity, start, end, match, message)."""
    for number, text in enumerate(texts):
        (folder / f"{number:04d}.txt").write_text(text, encoding="utf-8", newline="")
    flags = ["--channel", channel] if channel else []
    result = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "--no-cache", *flags])
    assert result.exit_code in {0, 1}, result.output
    found = []
    for file in json.loads(result.stdout)["files"]:
        number = int(Path(file["path"]).stem)
        starts = [0, *(i + 1 for i, c in enumerate(texts[number]) if c == "\n")]
        for f in file["findings"]:
            start = starts[f["line"] - 1] + f["column"] - 1
            end = starts[f["end_line"] - 1] + f["end_column"] - 1
            found.append((number, f["rule"], f["severity"], start, end, f["match"], f["message"]))
    return sorted(found)


@pytest.mark.parametrize(("channel", "count"), [(None, 300), ("public", 150)])
def test_findings_equal_replylint_check_on_the_same_texts(tmp_path, channel, count, drafts):
    texts = drafts(count)
    frame = pd.DataFrame({"body": texts})
    found = lint_frame(frame, "body", channel=channel)
    columns = ["row", "rule", "severity", "start", "end", "match", "message"]
    mine = sorted(tuple(row) for row in found[columns].itertuples(index=False))
    assert mine == _checked(tmp_path, texts, channel)
    assert len(mine) > len(texts) // 2  # the drafts do exercise the packs


def test_rows_that_cannot_be_linted_come_back_with_their_reason():
    frame = pd.DataFrame({"body": ["Thanks, it ships today.", None, 42, "  \n", "broken \udcff byte"]})
    found = lint_frame(frame, "body")
    assert found[["row", "skipped"]].to_records(index=False).tolist() == [
        (1, "empty"),
        (2, "not text"),
        (3, "empty"),
        (4, "undecodable"),
    ]


def test_ids_groups_and_channels_are_carried_per_row():
    frame = pd.DataFrame(
        {
            "body": ["That is not our fault.", "Thanks! " + "x " * 200, "Thanks, done."],
            "ref": [7, 8, 9],
            "agent": ["ann", "bo", "cy"],
            "via": ["email", "sms", "fax"],
        }
    )
    found = lint_frame(frame, "body", id_column="ref", by=["agent"], channel_column="via")
    assert list(found.columns) == list(findings_meta(["agent"]).columns)
    rows = found[["id", "agent", "rule", "skipped"]].to_records(index=False).tolist()
    assert ("9", "cy", None, "unknown channel 'fax'") in rows
    assert ("7", "ann", "blame.not-our-responsibility", None) in rows
    assert any(rule and rule.startswith("channels.") and agent == "bo" for _, agent, rule, _ in rows)


def test_an_empty_frame_gives_the_empty_findings_frame():
    found = lint_frame(pd.DataFrame({"body": pd.Series([], dtype=object)}), "body")
    assert found.empty
    assert found.dtypes.to_dict() == findings_meta().dtypes.to_dict()


def test_the_readme_dask_example_finds_what_one_lint_frame_finds(drafts):
    import dask.dataframe as dd

    frame = pd.DataFrame({"ticket": range(60), "agent": ["ann", "bo"] * 30, "body": drafts(60, seed=5)})
    replies = dd.from_pandas(frame, npartitions=3)
    findings = replies.map_partitions(
        lint_frame, "body", id_column="ticket", by=["agent"], meta=findings_meta(["agent"])
    )
    found = findings.compute(scheduler="synchronous")
    whole = lint_frame(frame, "body", id_column="ticket", by=["agent"])
    key = ["id", "agent", "rule", "start", "end"]
    assert sorted(found[key].itertuples(index=False)) == sorted(whole[key].itertuples(index=False))
    assert list(found.columns) == list(whole.columns)
