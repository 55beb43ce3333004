"""A real browser (Debian's chromium through Playwright) opens the Kiro incident page.

The server is `kb serve` on 127.0.0.1; chromium is the system one
(/usr/bin/chromium, installed by make test's set-up), never a downloaded one.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

import pytest

from browser_support import CHROMIUM_ARGS, chromium_path
from conftest import free_port

KIRO = "2025-12-amazon-kiro"
REPO = Path(__file__).resolve().parents[1]


@contextmanager
def kb_serve(db, *options):
    """`kb serve` on ``db`` at 127.0.0.1 in a child process; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        [sys.executable, "-c", "from kb.cli import cli; cli()", "serve", "--db", str(db),
         "--host", "127.0.0.1", "--port", str(port), *options],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urlopen(f"{url}/-/versions.json", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"kb serve exited: {process.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        else:
            pytest.fail("kb serve did not answer within 20 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def server(seeds_kb):
    with kb_serve(seeds_kb) as url:
        yield url


def test_browser_shows_the_evidence_for_blamed_on_the_kiro_page(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server}/kb/incidents/{KIRO}")
            assert page.title().startswith("Kiro (Amazon)")
            blamed_row = page.locator("tr.field-blamed")
            assert blamed_row.locator(".value").inner_text() == "human"
            evidence = blamed_row.locator('blockquote.evidence[data-field="blamed"]')
            assert evidence.first.is_visible()
            shown = [item.inner_text().lower() for item in evidence.all() if item.is_visible()]
            assert any("user error" in sentence for sentence in shown), shown
            link = evidence.first.locator("a").first
            assert link.is_visible() and "/kb/reports/" in link.get_attribute("href")
            assert page.locator("tr.field-region .value").inner_text() == "mainland China"
            screenshot = tmp_path / "kiro-incident.png"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    assert screenshot.stat().st_size > 10_000


def test_browser_draws_the_charts_on_the_public_server(seeds_kb, tmp_path):
    from click.testing import CliRunner
    from playwright.sync_api import sync_playwright

    from kb.cli import cli

    public = tmp_path / "public.db"
    assert CliRunner().invoke(cli, ["publish", "--db", str(seeds_kb), "--out", str(public)]).exit_code == 0
    with kb_serve(public, "--public") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{url}/-/dashboards/incidents")
            page.locator("svg.marks").nth(1).wait_for(timeout=20_000)
            assert page.locator("svg.marks").count() == 2  # per month; blame by vendor
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        finally:
            browser.close()
