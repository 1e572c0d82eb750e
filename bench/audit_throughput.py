"""`replylint audit` throughput: 2 workers against 1, per-worker peak memory as rows grow, and one worker against
`replylint check` in one process on the same texts.

Run as `python bench/audit_throughput.py [--rows 100000 200000 1000000] [--one-worker-rows 100000 200000]` with
replylint and its [audit] extra installed. The corpus (`../shared/bench/replies.jsonl`, 10,000 replies) is
replicated, round and round, to each row count and written as Parquet (row groups of 10,000 rows) with an agent
(the brand) and a send time spread over a year, in a temp dir. Each audit runs `run_audit` on a fresh LocalCluster
of 1 or 2 worker processes, started and warmed (each worker's Linter loaded) before the clock starts, so the rate is
the steady state a long audit sees; the time includes merging findings.parquet and writing the report. Per-worker
peak memory is each worker's ru_maxrss at the end; CPU seconds are the workers' own. `replylint check` lints the
first row count's texts as one JSON collection, `--jobs 1 --no-cache`, in one process (its start-up included:
about 1.5 s of some 40). The load average before and after each row is recorded: other work on a shared machine
slows the 2-worker run most.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "bench" / "replies.jsonl"
ROW_GROUP = 10_000


def write_archive(texts: list[tuple[str, str]], rows: int, folder: Path) -> Path:
    """`rows` replies cycled from the corpus as Parquet: body, agent, sent."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / f"replies-{rows}.parquet"
    year = 365 * 24 * 3600
    with pq.ParquetWriter(path, pa.schema([("body", pa.string()), ("agent", pa.string()), ("sent", pa.string())])) as w:
        for start in range(0, rows, ROW_GROUP):
            numbers = range(start, min(rows, start + ROW_GROUP))
            picked = [texts[n % len(texts)] for n in numbers]
            sent = [time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1700000000 + n * year // rows)) for n in numbers]
            batch = {"body": [t for t, _ in picked], "agent": [b for _, b in picked], "sent": sent}
            w.write_table(pa.table(batch))
    return path


def _worker_usage() -> dict[str, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"peak_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}


def _warm() -> None:
    from replylint.audit.linters import LinterSetup, linter_for

    linter_for(LinterSetup()).lint_many(["Thanks for waiting, it ships today."] * 50)


def audit_once(path: Path, rows: int, workers: int, out: Path) -> dict[str, object]:
    """One audit on a fresh, warmed cluster of `workers` processes."""
    from distributed import Client, LocalCluster

    from replylint.audit.options import AuditOptions
    from replylint.audit.run import run_audit

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=0, silence_logs=40) as cluster, Client(cluster) as client:  # fmt: skip
        client.run(_warm)
        before = client.run(_worker_usage)
        load = os.getloadavg()[0]
        started = time.perf_counter()
        options = AuditOptions((str(path),), out, text_column="body", by=("agent", "month"), time_column="sent",
                               scheduler=cluster.scheduler_address)  # fmt: skip
        summary = run_audit(options).summary
        seconds = time.perf_counter() - started
        after = client.run(_worker_usage)
    assert summary["rows"]["read"] == rows
    cpu = {w: after[w]["cpu"] - before[w]["cpu"] for w in after}
    return {
        "rows": rows,
        "workers": workers,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "partitions": summary["partitions"]["total"],
        "findings": summary["findings"],
        "worker_warm_mb": sorted(round(u["peak_mb"], 1) for u in before.values()),
        "worker_peak_mb": sorted(round(u["peak_mb"], 1) for u in after.values()),
        "worker_cpu_s": sorted(round(c, 1) for c in cpu.values()),
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def check_once(texts: list[tuple[str, str]], rows: int, folder: Path) -> dict[str, object]:
    """`replylint check` over the same `rows` texts as one collection, in one process."""
    work = folder / "check"
    work.mkdir(exist_ok=True)
    (work / "replylint.toml").write_text('[[collections]]\nglob = "*.json"\nkeys = ["text"]\n', encoding="utf-8")
    replies = [{"id": n, "text": texts[n % len(texts)][0]} for n in range(rows)]
    (work / "collection.json").write_text(json.dumps({"replies": replies}), encoding="utf-8")
    command = [sys.executable, "-m", "replylint", "check", "collection.json", "--jobs", "1", "--no-cache",
               "--max-input-size", "1GB", "--format", "json", "--output", "findings.json"]  # fmt: skip
    load = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=work)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    found = sum(len(f["findings"]) for f in json.loads((work / "findings.json").read_text(encoding="utf-8"))["files"])
    return {
        "rows": rows,
        "exit": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "findings": found,
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 200_000, 1_000_000])
    parser.add_argument("--one-worker-rows", type=int, nargs="*", default=[100_000, 200_000])
    parser.add_argument("--json-out", type=Path, default=HERE / "results" / "audit.json")
    args = parser.parse_args()
    corpus = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(row["text"], row.get("brand", "")) for row in corpus]
    results: dict[str, object] = {"cores": os.cpu_count(), "uptime": _uptime(), "audits": [], "check": None}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        results["check"] = check_once(texts, args.rows[0], folder)
        print(json.dumps(results["check"]), flush=True)
        for rows in args.rows:
            path = write_archive(texts, rows, folder)
            for workers in ([1] if rows in args.one_worker_rows else []) + [2]:
                measured = audit_once(path, rows, workers, folder / f"audit-{rows}-{workers}")
                results["audits"].append(measured)
                print(json.dumps(measured), flush=True)
    results["uptime_after"] = _uptime()
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(_ratios(results), indent=1))


def _ratios(results: dict) -> dict[str, object]:
    """2 workers over 1 at each row count measured both ways; check's rate over one worker's at the first count."""
    by = {(a["rows"], a["workers"]): a for a in results["audits"]}
    speedups = {rows: round(by[rows, 2]["rows_per_s"] / by[rows, 1]["rows_per_s"], 2)
                for rows, workers in by if workers == 1 and (rows, 2) in by}  # fmt: skip
    check = results["check"]
    one = by.get((check["rows"], 1))
    return {
        "two_over_one_worker": speedups,
        "check_over_one_worker": round(check["rows_per_s"] / one["rows_per_s"], 2) if one else None,
        "worker_peak_mb_by_rows": {a["rows"]: a["worker_peak_mb"] for a in results["audits"] if a["workers"] == 2},
    }


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


if __name__ == "__main__":
    main()
