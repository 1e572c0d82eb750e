"""Benchmark replylint on the 10,000-reply corpus against proselint, write-good and spaCy's tokenizer."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peers import Bench, find_peers
from report import add_derived, annotate, machine, report
from settings import DEFAULT_CORPUS, PEERS, REPO
from workloads import build_workloads, executable, read_corpus


def install_peers() -> None:
    """pip install proselint and npm ci in bench/peers (the versions pinned there)."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "proselint==0.16.0"], check=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(PEERS)], check=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="replies.jsonl (brand, text)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each replylint case")
    parser.add_argument(
        "--peer-runs", type=int, default=3, help="runs of each peer, interleaved with the first replylint runs"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before one process is killed")
    parser.add_argument("--quick", action="store_true", help="one run, no peers")
    parser.add_argument("--install-peers", action="store_true", help="install proselint and write-good first")
    parser.add_argument("--json-out", type=Path, default=REPO / "bench" / "results" / "latest.json")
    parser.add_argument("--keep", action="store_true", help="keep the workload dir and print where it is")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.peer_runs = 1, 0
    args.peer_runs = min(args.peer_runs, args.runs)
    if not args.corpus.is_file():
        parser.error(f"corpus not found: {args.corpus} (see ../shared/bench/README.md)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.install_peers:
        install_peers()
    replylint = executable("replylint")
    command = [replylint] if replylint else [sys.executable, "-m", "replylint"]
    root = Path(tempfile.mkdtemp(prefix="replylint-bench-"))
    try:
        work = build_workloads(read_corpus(args.corpus), root)
        bench = Bench(work, args, command)
        bench.machine = machine()  # before measuring, so the load average says what else was running
        for line in find_peers(bench, work) if args.peer_runs else []:
            print(line, file=sys.stderr)
        for key, directory, path in (
            ("files", work.files, "texts"),
            ("collection", work.collection, "collection.json"),
            ("draft", work.draft, "draft.txt"),
        ):
            problem = bench.probe(key, directory, path)
            if problem and key == "collection":
                n = f"{work.replies:,}"
                bench.get(
                    "collection-cold", f"replylint collection of {n}, cold"
                ).status = f"n/a (collections not available: {problem})"
                bench.get("collection-warm", f"replylint collection of {n}, warm").status = "n/a"
            elif problem:
                print(f"replylint failed on the {key} workload: {problem}", file=sys.stderr)
                return 1
        started = time.perf_counter()
        for index in range(args.runs):
            elapsed = time.perf_counter() - started
            print(f"run {index + 1}/{args.runs} ({elapsed:.0f} s so far)", file=sys.stderr)
            bench.iteration(index)
        add_derived(bench)
        annotate(bench)
        return report(bench, args)
    finally:
        if args.keep:
            print(f"workloads kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
