"""Fixtures for the browser tests: the built site in a real browser, Debian's Chromium driven by
Playwright, the site served on 127.0.0.1.

Nothing here downloads a browser: Playwright launches the system Chromium (CHROMIUM_PATH, default
/usr/bin/chromium). `python3 scripts/dev.py test` installs it with apt where it can. A missing
browser, axe-core or Java FAILS these tests, never skips them: CI must not pass without them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from walks import walk

from support import ROOT, BuildResult, build, copy_project

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# One page of each kind, in German (the English one is under en/): screenshots and the layout
# shift are taken of these.
PAGE_KINDS = {
    "home": "",
    "overview": "netzwerke/",
    "network": "netzwerke/uclg/",
    "cities": "staedte/",
    "city": "staedte/koeln/",
    "data": "daten/",
    "contribute": "mitmachen/",
    "about": "ueber-uns/",
    "legal": "impressum/",
    "404": "404.html",
}
INSTALL_HINT = "run the suite with `python3 scripts/dev.py test`, which installs it"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the request log is the browser's, see test_pages.py
        pass


@dataclass
class ServedSite:
    url: str  # http://127.0.0.1:PORT/
    build: BuildResult

    def pages(self) -> list[str]:
        """Every page's path below the root, as a visitor types it ("", "en/netzwerke/", "404.html")."""
        paths = []
        for html in self.build.pages():
            paths.append(html[: -len("index.html")] if html.endswith("index.html") else html)
        return paths


class LocalServer:
    """A folder served on a free port of 127.0.0.1. The address is known before anything is built
    into the folder, because the site must be built for it (SITE_URL: absolute alternates, sitemap)."""

    def __init__(self, directory: Path):
        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory))
        )
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def served_build(project: Path, site_dir: Path) -> Iterator[tuple[str, BuildResult]]:
    """Build `project` for the address it is served at, then serve it there until the block ends."""
    site_dir.mkdir()
    server = LocalServer(site_dir)
    result = build(project, site=site_dir, extra_env={"SITE_URL": server.url})
    assert result.returncode == 0, result.output
    server.start()
    try:
        yield server.url, result
    finally:
        server.stop()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The real site, built for and served at a free port on 127.0.0.1."""
    project = copy_project(tmp_path_factory.mktemp("browser-project"))
    with served_build(project, tmp_path_factory.mktemp("served") / "site") as (url, result):
        yield ServedSite(url, result)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH, or {INSTALL_HINT}).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Playwright for Python is not installed: {INSTALL_HINT}.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not found at {AXE_JS}: {INSTALL_HINT} (npm ci).")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots and the request log, kept for people to look at (gitignored, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Every page visited once per pass of test_pages.py, for its checks and test_layout.py's (walks.py):
# the visits were most of the suite's time when each check loaded every page itself.
def _walk(pass_name, served_site, browser, axe_source, artifacts):
    pages = served_site.pages()
    return walk(pass_name, served_site.url, pages, browser, axe_source, PAGE_KINDS, artifacts / "screenshots")


@pytest.fixture(scope="session")
def desktop_walk(served_site, browser, axe_source, artifacts):
    return _walk("desktop-light", served_site, browser, axe_source, artifacts)


@pytest.fixture(scope="session")
def desktop_dark_walk(served_site, browser, axe_source, artifacts):
    return _walk("desktop-dark", served_site, browser, axe_source, artifacts)


@pytest.fixture(scope="session")
def phone_walk(served_site, browser, axe_source, artifacts):
    return _walk("phone-light", served_site, browser, axe_source, artifacts)
