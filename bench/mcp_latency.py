"""`replylint mcp` over stdio: lint_draft latency (p50/p95), start to first result, and server memory.

Run as `python bench/mcp_latency.py [--calls 1000] [--chars 300]` with replylint and its [mcp] extra installed.
It starts `python -m replylint mcp` three times and speaks to it over stdio: with a bare JSON-RPC client (what
the server costs), and with the SDK's stdio client on the 2025 handshake and on the 2026 protocol (what a Python
agent host sees; that client validates each result against the output schema). It sends drafts of about
--chars characters built from the sentences below (written for this script), each one different. Latency is the
round trip of one `tools/call`; memory is the server's resident set (VmRSS) after 10 and after 1,000 drafts,
idle. It also times one draft through the CLI (`replylint check --text ... --no-cache`), which start to first
result should not exceed. On a shared machine the CPU figures are steadier than the wall-clock ones.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters

SENTENCES = (
    "Thanks for getting in touch about the parcel.",
    "I'm sorry the update logged you out twice this week.",
    "Kindly note that refunds take five working days.",
    "That is your fault for not reading the confirmation email.",
    "I've asked the warehouse to check where the box is.",
    "Could you send me the order number from the receipt?",
    "Please be advised that we cannot change the delivery slot.",
    "Our new premium plan fixes this, upgrade today!",
    "You should have backed up the files before resetting.",
    "I'll write again tomorrow morning with what they find.",
    "Sorry for the wait, we had a busy weekend.",
    "The courier says it was left with a neighbour at number 12.",
    "As I already told you, the code expires after an hour.",
    "Let me know if the new link works for you.",
)
TARGET_P95_MS = 10.0


def drafts(count: int, chars: int, seed: int = 7) -> list[str]:
    """`count` different drafts of about `chars` characters each."""
    rng = random.Random(seed)
    made = []
    for number in range(count):
        words = [f"Hi Sam (ticket {number}),"]
        while sum(len(w) + 1 for w in words) < chars:
            words.append(rng.choice(SENTENCES))
        made.append(" ".join(words)[: chars + 40])
    return made


def server_pid() -> int:
    """The stdio client's child process: the server (this script runs one at a time)."""
    children = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children += (task / "children").read_text().split()
    (pid,) = {int(c) for c in children}
    return pid


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (the machine is shared: CPU time is the steadier figure)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Timing:
    """What one client measures: start to first result, each call's round trip, server CPU and memory."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.figures: dict[str, float] = {}
        self.times: list[float] = []

    def first(self, pid: int) -> None:
        self.figures["start to first result (s)"] = time.perf_counter() - self.started
        self.figures["server CPU at first result (s)"] = cpu_s(pid)
        self.pid, self.cpu = pid, cpu_s(pid)

    async def after(self, number: int, calls: int, began: float) -> None:
        if number <= calls:
            self.times.append(time.perf_counter() - began)
        if number == calls:
            self.figures["server CPU per call (ms)"] = (cpu_s(self.pid) - self.cpu) / calls * 1000
        if number in (10, 1000):
            await anyio.sleep(0.5)  # idle, as the target says
            self.figures[f"RSS after {number} drafts (MB)"] = rss_mb(self.pid)

    def done(self) -> dict[str, float]:
        times_ms = sorted(t * 1000 for t in self.times)
        self.figures["p50 (ms)"] = statistics.median(times_ms)
        self.figures["p95 (ms)"] = times_ms[int(len(times_ms) * 0.95) - 1]
        return self.figures


async def with_sdk(mode: str, texts: list[str], calls: int, cwd: str) -> dict[str, float]:
    """The SDK's stdio client, as a Python agent host uses it ('legacy' handshake or the 2026 protocol)."""
    params = StdioServerParameters(command=sys.executable, args=["-m", "replylint", "mcp"], cwd=cwd)
    timing = Timing(time.perf_counter())
    async with Client(params, mode=mode) as client:
        first = await client.call_tool("lint_draft", {"text": texts[0]})
        assert not first.is_error, first.content
        timing.first(server_pid())
        for number, text in enumerate(texts[1:], 1):
            began = time.perf_counter()
            result = await client.call_tool("lint_draft", {"text": text})
            assert not result.is_error, result.content
            await timing.after(number, calls, began)
    return timing.done()


async def with_json_rpc(texts: list[str], calls: int, cwd: str) -> dict[str, float]:
    """A bare JSON-RPC client (initialize, then tools/call): what the server costs, without a client's own work."""
    timing = Timing(time.perf_counter())
    command = [sys.executable, "-m", "replylint", "mcp"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd, text=True)

    def ask(number: int, method: str, params: dict) -> dict:
        process.stdin.write(json.dumps({"jsonrpc": "2.0", "id": number, "method": method, "params": params}) + "\n")
        process.stdin.flush()
        while (reply := json.loads(process.stdout.readline())).get("id") != number:
            pass
        assert "error" not in reply and not reply["result"].get("isError"), reply
        return reply

    hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}}
    ask(0, "initialize", hello)
    process.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
    for number, text in enumerate(texts):
        began = time.perf_counter()
        ask(number + 1, "tools/call", {"name": "lint_draft", "arguments": {"text": text}})
        if number == 0:
            timing.first(process.pid)
        else:
            await timing.after(number, calls, began)
    process.stdin.close()
    process.wait()
    return timing.done()


def cli_one_draft(chars: int, cwd: str, runs: int = 3) -> tuple[float, float]:
    """Median wall time and CPU seconds of `replylint check --text DRAFT --no-cache` in a fresh process."""
    text = drafts(1, chars)[0]
    command = [sys.executable, "-m", "replylint", "check", "--text", text, "--no-cache", "--format", "text"]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000, help="lint_draft calls timed for p50/p95")
    parser.add_argument("--chars", type=int, default=300, help="characters per draft")
    options = parser.parse_args()
    texts = drafts(max(options.calls, 1000) + 1, options.chars)
    # An empty working directory: no replylint.toml is found upward, so the shipped packs run as shipped.
    with tempfile.TemporaryDirectory() as cwd:
        runs = {
            "JSON-RPC": anyio.run(with_json_rpc, texts, options.calls, cwd),
            "SDK legacy": anyio.run(with_sdk, "legacy", texts, options.calls, cwd),
            "SDK 2026": anyio.run(with_sdk, "auto", texts, options.calls, cwd),
        }
        cli_wall, cli_cpu = cli_one_draft(options.chars, cwd)
    load = os.getloadavg()[0]
    print(
        f"replylint mcp: lint_draft over stdio, {options.calls} drafts of ~{options.chars} characters, load {load:.1f}"
    )
    print(f"  {'':<32}" + "".join(f"{name:>12}" for name in runs))
    for figure in next(iter(runs.values())):
        print(f"  {figure:<32}" + "".join(f"{run[figure]:>12.2f}" for run in runs.values()))
    print(f"  CLI one draft: {cli_wall:.2f} s wall, {cli_cpu:.2f} s CPU")
    for name, run in runs.items():
        grown = run["RSS after 1000 drafts (MB)"] / run["RSS after 10 drafts (MB)"] - 1
        verdicts = (
            f"p95 <= {TARGET_P95_MS:.0f} ms: {_met(run['p95 (ms)'] <= TARGET_P95_MS)}",
            f"first result <= CLI one draft: {_met(run['start to first result (s)'] <= cli_wall)} (wall), "
            f"{_met(run['server CPU at first result (s)'] <= cli_cpu)} (CPU)",
            f"memory 10 -> 1000 drafts {grown:+.1%}: {_met(abs(grown) <= 0.10)}",
        )
        print(f"  {name}: " + "; ".join(verdicts))


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


if __name__ == "__main__":
    main()
