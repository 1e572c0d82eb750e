"""`replylint audit` as typed: the summary line, exit 0, and bad input as one line on stderr with exit 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from replylint.cli.app import app

REPLIES = [
    {"id": 1, "agent": "ann", "text": "Thanks for waiting, your refund went out today."},
    {"id": 2, "agent": "bo", "text": "That is not our fault, you should have read the policy."},
    {"id": 3, "agent": "bo", "text": ""},
]


def _archive(tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in REPLIES), encoding="utf-8")
    return path


def test_an_audit_prints_what_it_read_and_wrote(tmp_path, cluster_address):
    out = tmp_path / "audit"
    archive = str(_archive(tmp_path))
    args = ["audit", archive, "--by", "agent", "--id-column", "id", "--out", str(out), "--scheduler", cluster_address]
    result = CliRunner().invoke(app, args)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert result.stdout == (
        f"{out}: 3 rows read, 2 replies linted, 1 skipped (empty 1), {summary['findings']} findings; "
        f"report: {out / 'report.html'}\n"
    )
    assert result.exit_code == 0
    assert sorted(path.name for path in out.iterdir()) == ["findings.parquet", "parts", "report.html", "summary.json"]


def test_a_missing_column_is_one_line_on_stderr_and_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["audit", str(_archive(tmp_path)), "--by", "agnet", "--out", str(tmp_path / "a")])
    assert (
        result.stderr == f"replylint: error: {tmp_path / 'replies.jsonl'}: no column 'agnet'; did you mean 'agent'?\n"
    )
    assert result.exit_code == 2


def test_a_file_of_another_format_is_refused(tmp_path):
    (tmp_path / "replies.xlsx").write_bytes(b"PK")
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "replies.xlsx")])
    assert result.stderr == (
        f"replylint: error: {tmp_path / 'replies.xlsx'}: not an archive replylint audits (use .parquet, .csv or .jsonl)\n"
    )
    assert result.exit_code == 2
