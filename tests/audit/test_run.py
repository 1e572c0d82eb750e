"""Whole audits on a 2-worker LocalCluster: Parquet, CSV and JSON Lines in; findings, summary and resume out."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from replylint.api import InputError
from replylint.audit import lint_frame
from replylint.audit.options import AuditOptions
from replylint.audit.run import AuditFailed, run_audit


def _archive(drafts, count: int = 240) -> pd.DataFrame:
    texts = drafts(count, seed=3)
    texts[5], texts[17] = None, "   "
    return pd.DataFrame(
        {
            "ref": [f"r{n}" for n in range(count)],
            "body": texts,
            "agent": [("ann", "bo", "cy")[n % 3] for n in range(count)],
            "sent": pd.date_range("2025-01-20", periods=count, freq="6h", tz="UTC").astype(str),
        }
    )


@pytest.fixture
def parquet(tmp_path, drafts):
    frame = _archive(drafts)
    frame.to_parquet(tmp_path / "replies.parquet", row_group_size=40)
    return tmp_path / "replies.parquet", frame


def _options(path, out, address, **extra) -> AuditOptions:
    chosen = {"text_column": "body", "id_column": "ref", "by": ("agent", "month"), "time_column": "sent"}
    return AuditOptions((str(path),), out, scheduler=address, partition_size="1KiB", **(chosen | extra))


def test_a_parquet_audit_on_two_workers_counts_every_row_and_finds_what_lint_frame_finds(
    parquet, tmp_path, cluster_address
):
    path, frame = parquet
    summary = run_audit(_options(path, tmp_path / "audit", cluster_address)).summary
    assert summary["partitions"] == {"total": 6, "resumed": 0}
    assert summary["rows"] == {"read": 240, "linted": 238, "skipped": 2, "customer_messages": 0}
    assert summary["skipped"] == {"empty": 2}
    found = pd.read_parquet(tmp_path / "audit" / "findings.parquet")
    expected = lint_frame(frame, "body", id_column="ref")
    expected = expected[expected["skipped"].isna()]
    key = ["id", "rule", "start", "end", "match"]
    assert sorted(found[key].itertuples(index=False)) == sorted(expected[key].itertuples(index=False))
    assert summary["findings"] == len(found)
    months = {g["group"]["month"]: g["rows"] for g in summary["by_column"]["month"]}
    assert months == {"2025-01": 46, "2025-02": 112, "2025-03": 80}  # 48 + 112 + 80 rows; both empty ones in January


def test_rates_are_rows_with_a_finding_of_the_pack_with_a_wilson_interval(parquet, tmp_path, cluster_address):
    path, _ = parquet
    summary = run_audit(_options(path, tmp_path / "audit", cluster_address, by=("agent",))).summary
    found = pd.read_parquet(tmp_path / "audit" / "findings.parquet")
    for group in summary["groups"]:
        agent = group["group"]["agent"]
        blame = found[(found["agent"] == agent) & (found["pack"] == "blame")]
        cell = group["packs"]["blame"]
        assert cell["rows"] == blame["id"].nunique()
        assert cell["low"] < cell["rate"] == round(cell["rows"] / group["rows"], 6) < cell["high"]
    assert sum(g["rows"] for g in summary["groups"]) == summary["overall"]["rows"] == 238


def test_csv_and_json_lines_rows_that_cannot_be_read_are_counted_with_their_reason(tmp_path, cluster_address):
    csv = tmp_path / "replies.csv"
    csv.write_bytes(b'body,agent\nThanks for waiting.,ann\n,bo\nbroken \xff byte,cy\n"That is not our fault.",ann\n')
    summary = run_audit(
        _options(csv, tmp_path / "a", cluster_address, id_column=None, by=("agent",), time_column=None)
    ).summary
    assert summary["skipped"] == {"empty": 1, "undecodable": 1}
    assert summary["rows"]["linted"] == 2
    lines = ['{"body": "Thanks, sent."}', "{not json", "[1, 2]", '{"body": 5}', '{"body": "That is your fault."}']
    jsonl = tmp_path / "replies.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run_audit(
        _options(jsonl, tmp_path / "b", cluster_address, id_column=None, by=(), time_column=None)
    ).summary
    assert summary["skipped"] == {"not JSON": 1, "not a JSON object": 1, "not text": 1}
    assert summary["rows"] == {"read": 5, "linted": 2, "skipped": 3, "customer_messages": 0}


def test_a_resumed_audit_redoes_only_the_partitions_that_did_not_finish(parquet, tmp_path, cluster_address):
    path, _ = parquet
    out = tmp_path / "audit"
    first = run_audit(_options(path, out, cluster_address)).summary
    before = pd.read_parquet(out / "findings.parquet")
    # As if the run was killed: partition 2 never finished, and saving it now fails (a folder is in the way).
    (out / "parts" / "00002.done").unlink()
    (out / "parts" / "00002.done").mkdir()
    (out / "summary.json").unlink()
    with pytest.raises(AuditFailed, match=r"1 of 6 partitions failed; partition 2: .*--resume"):
        run_audit(_options(path, out, cluster_address, resume=True))
    assert not (out / "summary.json").exists()
    (out / "parts" / "00002.done").rmdir()
    again = run_audit(_options(path, out, cluster_address, resume=True)).summary
    assert again["partitions"] == {"total": 6, "resumed": 5}
    assert {k: again[k] for k in ("rows", "findings", "groups")} == {
        k: first[k] for k in ("rows", "findings", "groups")
    }
    assert pd.read_parquet(out / "findings.parquet").equals(before)


def test_resume_refuses_an_audit_of_other_options(parquet, tmp_path, cluster_address):
    path, _ = parquet
    run_audit(_options(path, tmp_path / "audit", cluster_address))
    with pytest.raises(InputError, match="other files or options; run it without --resume"):
        run_audit(_options(path, tmp_path / "audit", cluster_address, by=("agent",), resume=True))


def test_a_column_the_archive_lacks_is_named_with_the_closest_one(parquet, tmp_path):
    path, _ = parquet
    with pytest.raises(InputError, match=r"replies.parquet: no column 'agnet'; did you mean 'agent'\?"):
        run_audit(_options(path, tmp_path / "audit", None, by=("agnet",)))
    with pytest.raises(InputError, match="--by week needs --time-column"):
        run_audit(_options(path, tmp_path / "audit", None, by=("week",), time_column=None))
    shutil.rmtree(tmp_path / "audit", ignore_errors=True)
    assert not (tmp_path / "audit").exists()  # nothing was written before the columns were checked
