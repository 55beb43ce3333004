"""Debian's chromium for the browser tests, driven through Playwright.

Never a downloaded browser: the system one (make test's set-up installs
Debian's chromium), or the path in $CHROMIUM.
"""

import os
import shutil

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("chromium is missing: install Debian's chromium (make test does: "
                    "apt-get install chromium) or set CHROMIUM to its path")
    return found
