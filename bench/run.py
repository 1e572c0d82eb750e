"""Benchmark replylint on the 10,000-reply corpus against proselint, write-good and spaCy's floors."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from derive import add_derived, annotate
from measure import executable
from peers import find_peers, install_peers
from report import REPO, machine, report
from session import Bench
from workloads import CHAR_SIZES, build_large, build_sized, build_workloads, read_corpus

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "replies.jsonl"
LARGE_MB = (1, 9)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line; --quick means one run, no peers and no 9 MB file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="replies.jsonl (brand, text)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each replylint case")
    parser.add_argument(
        "--peer-runs", type=int, default=3, help="runs of each peer, interleaved with the first replylint runs"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before one process is killed")
    parser.add_argument("--quick", action="store_true", help="one run, no peers, no 9 MB file")
    parser.add_argument("--install-peers", action="store_true", help="install proselint and write-good first")
    parser.add_argument("--json-out", type=Path, default=REPO / "bench" / "results" / "latest.json")
    parser.add_argument("--keep", action="store_true", help="keep the workload dir and print where it is")
    parser.add_argument(
        "--large-mb",
        type=int,
        nargs="*",
        default=None,
        help="sizes of the large single files in MB (default 1 9; --quick: 1; none given: no large files)",
    )
    parser.add_argument("--large-runs", type=int, default=1, help="runs of each large file, in the first runs")
    parser.add_argument(
        "--large-timeout", type=float, default=900.0, help="seconds before a large file's run is killed"
    )
    parser.add_argument(
        "--chars-total", type=int, default=250_000, help="characters of drafts per length (0: no per-character rows)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.peer_runs = 1, 0
    if args.large_mb is None:
        args.large_mb = [1] if args.quick else list(LARGE_MB)
    args.peer_runs = min(args.peer_runs, args.runs)
    args.large_runs = min(args.large_runs, args.runs)
    if not args.corpus.is_file():
        parser.error(f"corpus not found: {args.corpus} (see ../shared/bench/README.md)")
    if any(mb <= 0 for mb in args.large_mb):
        parser.error("--large-mb: sizes must be whole megabytes above 0")
    return args


def prepare(bench: Bench) -> str:
    """The untimed probe of each workload; a message if replylint fails on one (the collection may be n/a)."""
    work, n = bench.work, f"{bench.work.replies:,}"
    for key, directory, path in (
        ("files", work.files, "texts"),
        ("collection", work.collection, "collection.json"),
        ("draft", work.draft, "draft.txt"),
    ):
        problem = bench.probe(key, directory, path)
        if problem and key == "collection":
            cold = bench.get("collection-cold", f"replylint collection of {n}, cold")
            cold.status = f"n/a (collections not available: {problem})"
            bench.get("collection-warm", f"replylint collection of {n}, warm").status = "n/a"
        elif problem:
            return f"replylint failed on the {key} workload: {problem}"
    return ""


def main(argv: list[str] | None = None) -> int:
    """Build the workloads, probe them, measure --runs times, print and write the results."""
    args = parse_args(argv)
    if args.install_peers:
        install_peers()
    replylint = executable("replylint")
    command = [replylint] if replylint else [sys.executable, "-m", "replylint"]
    root = Path(tempfile.mkdtemp(prefix="replylint-bench-"))
    try:
        texts = read_corpus(args.corpus)
        work = build_workloads(texts, root)
        large = tuple(build_large(texts, root, mb) for mb in sorted(set(args.large_mb)))
        sized = tuple(build_sized(texts, root, n, args.chars_total) for n in CHAR_SIZES) if args.chars_total else ()
        bench = Bench(work, args, command, (large, sized))
        bench.machine = machine()  # before measuring, so the load average says what else was running
        if args.peer_runs:
            bench.peers, missing = find_peers(work.files)
            for line in missing:
                print(line, file=sys.stderr)
        problem = prepare(bench)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        started = time.perf_counter()
        for index in range(args.runs):
            elapsed = time.perf_counter() - started
            print(f"run {index + 1}/{args.runs} ({elapsed:.0f} s so far)", file=sys.stderr)
            bench.iteration(index)
        add_derived(bench)
        annotate(bench)
        return report(bench, args, DEFAULT_CORPUS)
    finally:
        if args.keep:
            print(f"workloads kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
