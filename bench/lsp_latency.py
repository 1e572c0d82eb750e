"""Latency and memory of `replylint server` (a benchmark script, not a test).

Starts the server over stdio, opens a 300-character draft and measures: server start to first diagnostics,
p50/p95 of a didChange followed by a pull textDocument/diagnostic over N rounds (each round a new text, so
nothing is answered from a cache), the server's RSS after 10 and after 1,000 drafts, and, for comparison,
the CLI's wall time for one draft. Run: `python bench/lsp_latency.py [--rounds 200] [--json]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

# About 300 characters: a reply with one blame phrase and one stiff word, as an agent might type it.
DRAFT = (
    "Hi Sam, thanks for getting back so fast. I checked the order and the parcel left our warehouse "
    "on Monday. Kindly allow two more days for delivery. If the box still has not arrived by Friday, reply here "
    "and I will send a replacement the same day. Sorry it was your fault that the address was wrong. Best, Ana"
)
TARGET_P95_MS = 10.0


def rss_kib(pid: int) -> int:
    """Resident memory of a process (Linux /proc), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def variant(number: int) -> str:
    """The draft with a changed number in it: a new text for every round, the same length give or take."""
    return DRAFT.replace("two more days", f"{2 + number % 7} more days ({number})")


def percentiles(timings: list[float]) -> tuple[float, float]:
    """p50 and p95 of a list of milliseconds."""
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


async def pull(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    return list((await client.text_document_diagnostic_async(params)).items)


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    whole = types.TextDocumentContentChangeWholeDocument(text=text)
    document = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
    client.text_document_did_change(types.DidChangeTextDocumentParams(text_document=document, content_changes=[whole]))


async def measure(rounds: int, folder: Path, server: list[str]) -> dict[str, float]:
    """Everything measured on one server process."""
    client = LanguageClient("lsp-latency", "1")
    started = time.perf_counter()
    await client.start_io(*server)
    # A client that pulls diagnostics (LSP 3.17), so no debounced push runs between the rounds.
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities())
    )
    await client.initialize_async(types.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri()))
    client.initialized(types.InitializedParams())
    uri = (folder / "draft.md").as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=DRAFT)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    first = await pull(client, uri)
    figures: dict[str, float] = {"start_to_first_diagnostics_s": time.perf_counter() - started}
    figures["findings"] = len(first)
    pid = client._server.pid  # the server process, for its memory
    timings = []
    version = 1
    cpu = cpu_seconds(pid)
    for number in range(max(rounds, 1000)):
        version += 1
        began = time.perf_counter()
        change(client, uri, variant(number), version)
        await pull(client, uri)
        if number < rounds:
            timings.append((time.perf_counter() - began) * 1000)
        if number == rounds - 1:
            figures["server_cpu_ms"] = (cpu_seconds(pid) - cpu) * 1000 / rounds
        if number == 9:
            figures["rss_after_10_mib"] = rss_kib(pid) / 1024
    figures["rss_after_1000_mib"] = rss_kib(pid) / 1024
    figures["p50_ms"], figures["p95_ms"] = percentiles(timings)
    figures["rounds"] = rounds
    # The protocol's share: the same text again, so the server answers from its last analysis without linting.
    floor = []
    cpu = cpu_seconds(pid)
    for _ in range(rounds):
        version += 1
        began = time.perf_counter()
        change(client, uri, variant(0), version)
        await pull(client, uri)
        floor.append((time.perf_counter() - began) * 1000)
    figures["floor_p50_ms"], figures["floor_p95_ms"] = percentiles(floor)
    figures["floor_server_cpu_ms"] = (cpu_seconds(pid) - cpu) * 1000 / rounds
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return figures


def cli_one_draft(folder: Path) -> float:
    """Wall seconds of `replylint check` on one draft, with no cache to answer it."""
    path = folder / "cli.md"
    path.write_text(DRAFT, encoding="utf-8")
    began = time.perf_counter()
    command = [sys.executable, "-m", "replylint", "check", "--no-cache", "--format", "text", str(path)]
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="didChange + pull rounds timed (default 200)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--server", nargs="+", help="the server command (default: this Python -m replylint server)")
    options = parser.parse_args()
    server = options.server or [sys.executable, "-m", "replylint", "server"]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / ".git").mkdir()  # no config above the scratch folder applies
        figures = asyncio.run(measure(options.rounds, folder, server))
        figures["cli_one_draft_s"] = cli_one_draft(folder)
    growth = figures["rss_after_1000_mib"] / figures["rss_after_10_mib"] - 1
    figures["rss_growth_pct"] = growth * 100
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"draft: {len(DRAFT)} characters, {figures['findings']:.0f} findings; {figures['rounds']:.0f} rounds")
    print(
        f"didChange + pull diagnostic: p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms "
        f"(target p95 <= {TARGET_P95_MS:.0f} ms); server CPU {figures['server_cpu_ms']:.1f} ms a round"
    )
    print(
        f"  of which protocol (same text, answered without linting): p50 {figures['floor_p50_ms']:.1f} ms, "
        f"p95 {figures['floor_p95_ms']:.1f} ms; server CPU {figures['floor_server_cpu_ms']:.1f} ms a round"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"start to first diagnostics: {figures['start_to_first_diagnostics_s']:.2f} s "
        f"(CLI, one draft: {figures['cli_one_draft_s']:.2f} s)"
    )
    print(
        f"RSS after 10 drafts {figures['rss_after_10_mib']:.1f} MiB, after 1,000 {figures['rss_after_1000_mib']:.1f} MiB "
        f"({figures['rss_growth_pct']:+.1f}%)"
    )


if __name__ == "__main__":
    main()
