"""The peers, proselint and write-good: find or install them, and run them on the 10,000 files."""

from __future__ import annotations

import contextlib
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from measure import arg_batches, executable, first_line, run, run_batches

if TYPE_CHECKING:
    from session import Bench

PEERS = Path(__file__).resolve().parent / "peers"
INSTALL_HINT = {
    "proselint": f"{sys.executable} -m pip install proselint==0.16.0",
    "write-good": f"npm ci --prefix {PEERS}",
}


def find_peers(files: Path) -> tuple[dict[str, list[list[str]]], list[str]]:
    """Commands for each installed peer (run in `files`/texts), and a line telling how to install each missing one."""
    commands: dict[str, list[list[str]]] = {}
    missing = []
    proselint = executable("proselint")
    if proselint:
        # Peers run in the texts dir. proselint >= 0.14 takes `check PATHS`, older ones the paths alone.
        modern = run([proselint, "version"], files, 60).code == 0
        commands["proselint"] = [[proselint, *(["check"] if modern else []), "."]]
    else:
        missing.append(f"proselint is not installed: {INSTALL_HINT['proselint']}")
    write_good = PEERS / "node_modules" / ".bin" / "write-good"
    if write_good.exists() and shutil.which("node"):
        # As `write-good *.txt` in the texts dir: one process with every name, batched only past ARG_MAX.
        names = sorted(p.name for p in (files / "texts").glob("*.txt"))
        commands["write-good"] = arg_batches([str(write_good)], names)
    else:
        missing.append(f"write-good is not installed: {INSTALL_HINT['write-good']} (needs node and npm)")
    return commands, missing


def measure_peer(bench: Bench, name: str, n: str, index: int) -> None:
    """One run of a peer in the first --peer-runs iterations (proselint takes ~20 s a run)."""
    series = bench.get(name, f"{name} {n} files")
    if bench.args.peer_runs == 0:
        series.status = "skipped (--quick or --peer-runs 0)"
    elif name not in bench.peers:
        series.status = "not installed"
    if series.status or index >= bench.args.peer_runs:
        return
    # Output is kept (a file costs no more than /dev/null) to catch a peer that silently lints nothing.
    sample = run_batches(bench.peers[name], bench.work.files / "texts", bench.args.timeout)
    if not sample.stdout.strip() and not sample.timed_out:
        series.status = f"failed: no output, exit {sample.code}: {first_line(sample.stderr)}"
    # Exit codes carry finding counts (write-good exits with the number of suggestions), so only a
    # timeout or a message on stderr marks a failed run.
    elif bench.record(series, sample, None):
        series.note = f"{sample.stdout.count(chr(10)):,} lines of output; CPU {statistics.median(series.cpus):.2f} s"


def install_peers() -> None:
    """pip install proselint and npm ci in bench/peers (the versions pinned there)."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "proselint==0.16.0"], check=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(PEERS)], check=True)


def npm_version(name: str) -> str | None:
    """The version of an npm package installed in bench/peers, or None."""
    with contextlib.suppress(OSError, ValueError):
        return json.loads((PEERS / "node_modules" / name / "package.json").read_text())["version"]
    return None
