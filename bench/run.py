"""Benchmark replylint on the 10,000-reply corpus against proselint, write-good and spaCy's tokenizer."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO / "bench" / "peers"
DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "replies.jsonl"
CACHE = ".replylint_cache"
# Each workload dir has its own replylint.toml: the upward config search never finds one above the temp dir.
PLAIN_CONFIG = "# Defaults only; this file stops the upward search for a config.\n"
COLLECTION_CONFIG = '[[collections]]\nglob = "*.json"\nkeys = ["text"]\n'
DRAFT_MIN_WORDS = 30
# Children may write bytecode, as in a user's install: under PYTHONDONTWRITEBYTECODE (set in some containers)
# every run compiles replylint's modules again and `--help` costs twice as much.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ORDER = (
    "files-cold",
    "files-warm",
    "collection-cold",
    "collection-warm",
    "draft-cold",
    "draft-warm",
    "help",
    "rules",
    "write-good",
    "proselint",
    "floor-tokenize",
    "floor-read",
    "floor-process",
    "ratio-write-good",
    "ratio-proselint",
    "ratio-floor-tokenize",
    "ratio-floor-read",
    "ratio-floor-process",
    "memory",
)
INSTALL_HINT = {
    "proselint": f"{sys.executable} -m pip install proselint==0.16.0",
    "write-good": f"npm ci --prefix {PEERS}",
}
# Runs in a fresh process as replylint does; import, reading and tokenizing are timed apart for the floors.
FLOOR_SCRIPT = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import spacy
nlp = spacy.blank("en")
t1 = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t2 = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "tokenize": t3 - t2, "tokens": tokens}))
"""


@dataclass(frozen=True, slots=True)
class Sample:
    """One process (or batch of processes): wall seconds, peak resident set in MB, exit code, stdout."""

    seconds: float
    peak_mb: float
    code: int
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""


@dataclass(slots=True)
class Series:
    """Repeated measurements of one thing; `status` says why it has none ("not installed", "n/a ...")."""

    label: str
    target: float | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    status: str = ""
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def add(self, sample: Sample) -> None:
        self.times.append(sample.seconds)
        self.peaks.append(sample.peak_mb)


def run(cmd: list[str], cwd: Path, timeout: float, *, capture: bool = False) -> Sample:
    """Run one process with stdout discarded; its peak RSS comes from wait4, which reports that child alone.

    getrusage(RUSAGE_CHILDREN) is a running maximum over every child so far, so it cannot give one run's peak;
    /usr/bin/time is not everywhere and psutil polling misses short peaks. wait4's ru_maxrss is the child's
    own peak (or that of its largest reaped descendant), exact and free.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out if capture else subprocess.DEVNULL,
            stderr=err,
            env=CHILD_ENV,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, _kill_group, (proc.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen, so it never waits
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Sample(
            seconds,
            peak,
            proc.returncode,
            seconds >= timeout and proc.returncode < 0,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def run_batches(batches: list[list[str]], cwd: Path, timeout: float) -> Sample:
    """Several processes one after another, as xargs would run them: summed time, largest peak, all output."""
    samples = [run(cmd, cwd, timeout, capture=True) for cmd in batches]
    return Sample(
        sum(s.seconds for s in samples),
        max(s.peak_mb for s in samples),
        max((s.code for s in samples), key=abs),
        any(s.timed_out for s in samples),
        "".join(s.stdout for s in samples),
        "".join(s.stderr for s in samples),
    )


def arg_batches(prefix: list[str], names: list[str]) -> list[list[str]]:
    """Commands of `prefix` + file names, split only where one command line would pass ARG_MAX."""
    # The environment shares ARG_MAX with the arguments; pointers cost 8 bytes each; keep 8 KiB spare.
    budget = os.sysconf("SC_ARG_MAX") - sum(len(k) + len(v) + 10 for k, v in os.environ.items()) - 8192
    budget -= sum(len(a) + 9 for a in prefix)
    batches: list[list[str]] = [[]]
    used = 0
    for name in names:
        cost = len(os.fsencode(name)) + 9
        if batches[-1] and used + cost > budget:
            batches.append([])
            used = 0
        batches[-1].append(name)
        used += cost
    return [prefix + batch for batch in batches]


@dataclass(frozen=True, slots=True)
class Workloads:
    """The three workload directories made from the corpus, and what is needed to describe them."""

    files: Path  # replylint.toml + texts/00000.txt ... one reply a file
    collection: Path  # replylint.toml + collection.json
    draft: Path  # replylint.toml + draft.txt
    replies: int
    words: int
    draft_words: int


def read_corpus(path: Path) -> list[str]:
    """The reply texts, in corpus order (the corpus is read at run time only: it is third-party text)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def build_workloads(texts: list[str], root: Path) -> Workloads:
    """Write the 10k-files, collection and single-draft workloads under `root`."""
    files, collection, draft = root / "files", root / "collection", root / "draft"
    (files / "texts").mkdir(parents=True)
    for index, text in enumerate(texts):
        (files / "texts" / f"{index:05d}.txt").write_text(text + "\n", encoding="utf-8")
    collection.mkdir()
    replies = [{"id": index + 1, "text": text} for index, text in enumerate(texts)]
    document = json.dumps({"replies": replies}, ensure_ascii=False, indent=1)
    (collection / "collection.json").write_text(document, encoding="utf-8")
    draft.mkdir()
    # Deterministic: the first reply long enough to be a real draft rather than a one-line acknowledgement.
    chosen = next((t for t in texts if len(t.split()) >= DRAFT_MIN_WORDS), max(texts, key=len))
    (draft / "draft.txt").write_text(chosen + "\n", encoding="utf-8")
    for directory, config in ((files, PLAIN_CONFIG), (collection, COLLECTION_CONFIG), (draft, PLAIN_CONFIG)):
        (directory / "replylint.toml").write_text(config, encoding="utf-8")
    return Workloads(files, collection, draft, len(texts), sum(len(t.split()) for t in texts), len(chosen.split()))


def executable(name: str) -> str | None:
    """The console script of the running interpreter's environment, else PATH's.

    Preferring the one beside sys.executable skips version-manager shims (pyenv's cost ~50 ms a call).
    """
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def count_findings(report: str) -> int:
    """Findings in a replylint JSON report."""
    return sum(len(entry.get("findings", [])) for entry in json.loads(report).get("files", []))


class Bench:
    """Holds the series and runs each measurement; one call of `iteration` measures everything once."""

    def __init__(self, work: Workloads, args: argparse.Namespace, replylint: list[str]) -> None:
        self.work, self.args, self.replylint = work, args, replylint
        self.series: dict[str, Series] = {}
        self.findings: dict[str, int] = {}
        self.peers: dict[str, list[list[str]]] = {}
        self.machine: dict[str, object] = {}
        self.dropped: dict[str, int] = {}

    def get(self, key: str, label: str, target: float | None = None) -> Series:
        return self.series.setdefault(key, Series(label, target))

    def check(self, directory: Path, path: str, out: str = "/dev/null") -> Sample:
        # JSON to /dev/null: the terminal rendering of thousands of findings is not what is measured.
        cmd = [*self.replylint, "check", path, "--format", "json", "--output", out]
        return run(cmd, directory, self.args.timeout)

    def probe(self, key: str, directory: Path, path: str) -> str:
        """An untimed first run: fills the cache, compiles bytecode, counts findings; '' if it worked."""
        shutil.rmtree(directory / CACHE, ignore_errors=True)
        report = directory / "findings.json"
        sample = self.check(directory, path, out=str(report))
        if sample.timed_out:
            return f"timed out after {self.args.timeout:.0f} s"
        if sample.code not in (0, 1):
            return f"exit {sample.code}: {_first_line(sample.stderr)}"
        self.findings[key] = count_findings(report.read_text(encoding="utf-8"))
        return "" if self.findings[key] else "no findings"

    def measure_replylint(
        self, key: str, directory: Path, path: str, label: str, targets: tuple[float | None, float | None]
    ) -> None:
        """Cold (cache deleted: the run also pays for writing it, as a first run does), then warm."""
        cold = self.get(f"{key}-cold", f"replylint {label}, cold", targets[0])
        warm = self.get(f"{key}-warm", f"replylint {label}, warm", targets[1])
        if cold.status:
            return
        shutil.rmtree(directory / CACHE, ignore_errors=True)
        if not self.record(cold, self.check(directory, path), (0, 1)):
            warm.status = "n/a (cold run failed)"
            return
        before = _snapshot(directory / CACHE)
        sample = self.check(directory, path)
        # A warm run that wrote the cache linted something again: the packs changed under the benchmark
        # (an editable install reads rules/ from the work tree). It is no warm run: leave it out, say so.
        if _snapshot(directory / CACHE) != before and sample.code in (0, 1):
            self.dropped[key] = self.dropped.get(key, 0) + 1
            warm.note = f"{self.dropped[key]} run(s) left out: the cache missed (packs edited meanwhile?)"
            return
        self.record(warm, sample, (0, 1))

    def record(self, series: Series, sample: Sample, codes: tuple[int, ...] | None) -> bool:
        """Add a good sample, or mark the series failed and stop measuring it (codes None: any exit code)."""
        if sample.timed_out:
            series.status = f"timed out (> {self.args.timeout:.0f} s)"
        elif codes is not None and sample.code not in codes:
            series.status = f"failed: exit {sample.code}: {_first_line(sample.stderr)}"
        elif codes is None and sample.stderr.strip():
            series.status = f"failed: {_first_line(sample.stderr)}"
        else:
            series.add(sample)
            return True
        return False

    def measure_command(self, key: str, label: str, argv: list[str], target: float | None) -> None:
        series = self.get(key, label, target)
        if not series.status:
            self.record(series, run(argv, self.work.files, self.args.timeout), (0,))

    def measure_peer(self, name: str, n: str, index: int) -> None:
        """One run of a peer in the first --peer-runs iterations (proselint takes ~20 s a run)."""
        series = self.get(name, f"{name} {n} files")
        if self.args.peer_runs == 0:
            series.status = "skipped (--quick or --peer-runs 0)"
        elif name not in self.peers:
            series.status = "not installed"
        if series.status or index >= self.args.peer_runs:
            return
        # Output is kept (a file costs no more than /dev/null) to catch a peer that silently lints nothing.
        sample = run_batches(self.peers[name], self.work.files / "texts", self.args.timeout)
        if not sample.stdout.strip() and not sample.timed_out:
            series.status = f"failed: no output, exit {sample.code}: {_first_line(sample.stderr)}"
        # Exit codes carry finding counts (write-good exits with the number of suggestions), so only a
        # timeout or a message on stderr marks a failed run.
        elif self.record(series, sample, None):
            series.note = f"{sample.stdout.count(chr(10)):,} lines of output"

    def measure_floor(self) -> None:
        """spaCy's blank English tokenizer over the same texts, in a fresh process like replylint's."""
        keys = (
            ("floor-tokenize", "floor: spaCy tokenizer alone (texts in memory)"),
            ("floor-read", "floor: read the files + tokenizer"),
            ("floor-process", "floor: whole process (python, import spaCy, read, tokenize)"),
        )
        series = [self.get(key, label) for key, label in keys]
        if series[0].status:
            return
        sample = run([sys.executable, "-c", FLOOR_SCRIPT, "texts"], self.work.files, self.args.timeout, capture=True)
        if not self.record(series[2], sample, (0,)):
            series[0].status = series[1].status = series[2].status
            return
        parts = json.loads(sample.stdout)
        series[0].times.append(parts["tokenize"])
        series[1].times.append(parts["read"] + parts["tokenize"])
        series[0].note = f"{parts['tokens']:,} tokens; spaCy import {parts['import']:.2f} s"

    def iteration(self, index: int) -> None:
        """Everything once, replylint and peers interleaved so that machine noise hits both."""
        n = f"{self.work.replies:,}"
        self.measure_replylint("files", self.work.files, "texts", f"{n} files", (None, 0.5))
        self.measure_peer("write-good", n, index)
        self.measure_floor()
        self.measure_replylint(
            "collection", self.work.collection, "collection.json", f"collection of {n}", (None, None)
        )
        self.measure_peer("proselint", n, index)
        self.measure_replylint(
            "draft", self.work.draft, "draft.txt", f"one draft ({self.work.draft_words} words)", (1.5, None)
        )
        self.measure_command("help", "replylint --help", [*self.replylint, "--help"], 0.3)
        self.measure_command("rules", "replylint rules", [*self.replylint, "rules"], 0.3)


def _snapshot(directory: Path) -> dict[str, int]:
    """Cache files and their modification times, to tell whether a run wrote the cache."""
    return {p.name: p.stat().st_mtime_ns for p in directory.glob("*")} if directory.is_dir() else {}


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:120] if lines else "(no message)"


def find_peers(bench: Bench, work: Workloads) -> list[str]:
    """Commands for each installed peer; a line telling how to install each missing one."""
    missing = []
    proselint = executable("proselint")
    if proselint:
        # Peers run in the texts dir. proselint >= 0.14 takes `check PATHS`, older ones the paths alone.
        modern = run([proselint, "version"], work.files, 60).code == 0
        bench.peers["proselint"] = [[proselint, *(["check"] if modern else []), "."]]
    else:
        missing.append(f"proselint is not installed: {INSTALL_HINT['proselint']}")
    write_good = PEERS / "node_modules" / ".bin" / "write-good"
    if write_good.exists() and shutil.which("node"):
        # As `write-good *.txt` in the texts dir: one process with every name, batched only past ARG_MAX.
        names = sorted(p.name for p in (work.files / "texts").glob("*.txt"))
        bench.peers["write-good"] = arg_batches([str(write_good)], names)
    else:
        missing.append(f"write-good is not installed: {INSTALL_HINT['write-good']} (needs node and npm)")
    return missing


def add_derived(bench: Bench) -> None:
    """Ratio rows (ratio of medians) and the memory row, each with its target."""
    series = bench.series
    cold = series["files-cold"]
    for key, label, target in (
        ("write-good", "write-good", 0.5),
        ("proselint", "proselint", 0.1),
        ("floor-tokenize", "tokenizer floor", 2.0),
        ("floor-read", "read+tokenizer floor", None),
        ("floor-process", "whole-process floor", None),
    ):
        ratio = Series(f"replylint / {label} (files, cold)", target)
        peer = series.get(key)
        if cold.median and peer and peer.median:
            ratio.times.append(cold.median / peer.median)
        else:
            ratio.status = (peer.status if peer and peer.status else cold.status) or "n/a"
        series[f"ratio-{key}"] = ratio
    memory = Series("peak RSS, replylint files (max over cold and warm)", 400.0)
    memory.times = [max(cold.peaks + series["files-warm"].peaks, default=0.0)] if cold.peaks else []
    memory.status = "" if memory.times else cold.status
    series["memory"] = memory


def annotate(bench: Bench) -> None:
    """Notes: findings, throughput, and a warning when the collection does not look linted reply by reply."""
    series, found = bench.series, bench.findings
    cold = series["files-cold"]
    if cold.median:
        cold.note = f"{found.get('files', 0):,} findings; {bench.work.words / cold.median:,.0f} words/s"
    if "collection" in found:
        series["collection-cold"].note = f"{found['collection']:,} findings"
        if abs(found["collection"] - found.get("files", 0)) > 0.2 * max(found.get("files", 0), 1):
            series["collection-cold"].note += " (the files give another count: one draft per reply?)"
    if series["draft-cold"].median:
        series["draft-cold"].note = f"{found.get('draft', 0)} finding(s)"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table, as printed and as kept in the JSON."""

    key: str
    label: str
    unit: str  # "s", "x" (a ratio) or "MB"
    runs: int
    median: float | None
    low: float | None
    high: float | None
    values: list[float]
    peak_mb: float | None
    target: float | None
    result: str  # PASS, FAIL, SKIP (target without a measurement) or "" (no target)
    status: str
    note: str


def rows(bench: Bench) -> list[Row]:
    """The table, in measurement order followed by the ratio and memory rows."""
    table = []
    for key, one in sorted(bench.series.items(), key=lambda item: ORDER.index(item[0])):
        unit = "x" if key.startswith("ratio-") else "MB" if key == "memory" else "s"
        result = (
            ""
            if one.target is None
            else "SKIP"
            if one.median is None
            else "PASS"
            if one.median <= one.target
            else "FAIL"
        )
        table.append(
            Row(
                key,
                one.label,
                unit,
                len(one.times),
                one.median,
                min(one.times, default=None),
                max(one.times, default=None),
                one.times,
                max(one.peaks, default=None),
                one.target,
                result,
                one.status,
                one.note,
            )
        )
    return table


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:.2f}x" if unit == "x" else f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"


def print_table(table: list[Row], title: str) -> None:
    out = Table(title=title, title_justify="left")
    for name in ("measurement", "runs", "median", "min-max", "peak RSS", "target", "result", "note"):
        out.add_column(name, justify="left" if name in ("measurement", "note") else "right")
    colour = {"PASS": "green", "FAIL": "bold red", "SKIP": "yellow"}
    for row in table:
        spread = f"{fmt(row.low, row.unit)}-{fmt(row.high, row.unit)}" if row.runs > 1 else ""
        target = f"<= {fmt(row.target, row.unit)}" if row.target is not None else ""
        result = f"[{colour[row.result]}]{row.result}[/]" if row.result else ""
        out.add_row(
            row.label,
            str(row.runs),
            fmt(row.median, row.unit) or row.status,
            spread,
            fmt(row.peak_mb, "MB"),
            target,
            result,
            row.note,
        )
    # Off a terminal rich would wrap at 80 columns; a log or a pipe reads better unwrapped.
    Console(width=None if sys.stdout.isatty() else 240).print(out)


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), Path("/proc/cpuinfo").open() as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "replylint": _version("replylint"),
        "spacy": _version("spacy"),
        "proselint": _version("proselint"),
        "write-good": _npm_version("write-good"),
        "node": _output(["node", "--version"]),
        "commit": _output(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        # --no-optional-locks: never take the index lock, so a benchmark cannot get in a commit's way.
        "uncommitted_changes": bool(
            _output(["git", "-C", str(REPO), "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"])
        ),
        # Other work on the machine skews every number: a load near the core count means a noisy run.
        "load_average_1_5_15": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _npm_version(name: str) -> str | None:
    with contextlib.suppress(OSError, ValueError):
        return json.loads((PEERS / "node_modules" / name / "package.json").read_text())["version"]
    return None


def _output(cmd: list[str]) -> str | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    return None


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


def report(bench: Bench, args: argparse.Namespace) -> int:
    """Print the table; write it as JSON to --json-out and, for a full run on the corpus, latest.json."""
    info = {**bench.machine, "load_average_end": os.getloadavg() if hasattr(os, "getloadavg") else None}
    table = rows(bench)
    title = (
        f"replylint {info['replylint']} on {bench.work.replies:,} replies ({bench.work.words:,} words); "
        f"{args.runs} runs, peers {args.peer_runs}; medians; {info['cpu']}, {info['cores']} cores"
    )
    print_table(table, title)
    document = {
        "machine": info,
        "settings": {
            "runs": args.runs,
            "peer_runs": args.peer_runs,
            "timeout_s": args.timeout,
            "corpus": str(args.corpus),
            "replies": bench.work.replies,
            "words": bench.work.words,
            "draft_words": bench.work.draft_words,
            "findings": bench.findings,
            "ratios": "replylint median / peer median",
            "floor_for_target": "spaCy blank('en') tokenizer.pipe over texts already in memory",
        },
        "rows": [asdict(row) for row in table],
    }
    full = not args.quick and args.corpus.resolve() == DEFAULT_CORPUS.resolve()
    targets = [args.json_out] + ([REPO / "bench" / "latest.json"] if full else [])
    for path in dict.fromkeys(p.resolve() for p in targets):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
