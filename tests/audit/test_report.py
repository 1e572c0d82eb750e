"""report.html in headless Chromium: it opens offline, draws its charts, logs no errors, and its totals are
summary.json's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from replylint.audit.options import AuditOptions
from replylint.audit.run import run_audit

CHROMIUM = Path("/usr/bin/chromium")
# Read at import: the suite's autouse fixture removes CI from the environment before each test runs.
UNDER_CI = os.environ.get("CI") == "true"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if UNDER_CI:
            pytest.fail(f"{CHROMIUM} is missing: CI installs Debian's chromium package (.ci/run)")
        pytest.skip(f"no {CHROMIUM}: install Debian's chromium package to run the report's browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def audited(tmp_path, drafts, cluster_address):
    texts = drafts(150, seed=9)
    texts[3] = None
    frame = pd.DataFrame(
        {
            "body": texts,
            "agent": [("ann", "bo")[n % 2] for n in range(150)],
            "thread": [n // 3 for n in range(150)],  # a customer message, then two replies
            "role": ["customer" if n % 3 == 0 else "agent" for n in range(150)],
            "sent": pd.date_range("2025-03-01", periods=150, freq="13h", tz="UTC").astype(str),
        }
    )
    frame.to_parquet(tmp_path / "replies.parquet")
    options = AuditOptions(
        (str(tmp_path / "replies.parquet"),),
        tmp_path / "audit",
        text_column="body",
        by=("agent", "week"),
        time_column="sent",
        conversation_column="thread",
        role_column="role",
        scheduler=cluster_address,
    )
    run_audit(options)
    return tmp_path / "audit"


def test_the_report_draws_its_charts_offline_and_shows_the_summarys_totals(browser, audited):
    summary = json.loads((audited / "summary.json").read_text(encoding="utf-8"))
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(audited.joinpath("report.html").as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    charts = page.eval_on_selector_all("[data-chart]", "nodes => nodes.map(n => n.dataset.chart)")
    assert charts == ["rates-0", "rates-1", "top-rules", "reply-times"]
    drawn = page.eval_on_selector_all(
        "[data-chart]", "nodes => nodes.map(n => n.querySelectorAll('.main-svg .trace, .main-svg .bars').length)"
    )
    assert all(count > 0 for count in drawn)
    shown = {key: int(page.get_attribute(f"#total-{key}", "data-value")) for key in ("read", "linted", "skipped")}
    assert shown == {key: summary["rows"][key] for key in ("read", "linted", "skipped")}
    assert int(page.get_attribute("#total-findings", "data-value")) == summary["findings"]
    assert int(page.get_attribute("#unanswered", "data-value")) == summary["conversations"]["overall"]["unanswered"]
    assert page.inner_text("#total-read") == f"{summary['rows']['read']:,}"
    assert page.locator("#examples mark").count() == len(summary["examples"])
    assert errors == []
    assert [url for url in requests if not url.startswith("file:")] == []
    page.close()
