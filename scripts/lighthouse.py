"""Lighthouse on the built site, as an independent checker sees it (issue 14).

    python3 scripts/dev.py lighthouse              # start page, overview, a network, a municipality (German)
    python3 scripts/dev.py lighthouse --english    # the same four pages in English too
    python3 scripts/dev.py lighthouse --page netzwerke/tcn/ --page en/staedte/essen/

Builds the site (strict) into a temporary folder for the address it is served at, serves it on
127.0.0.1 with gzip compression (as a web host does), and runs Lighthouse from npm
(tools/lighthouse, installed there with `npm ci` on first use) against Debian's Chromium, in its
default mobile setting (a mid-range phone on a slow 4G connection, simulated). Prints each page's
four scores, writes each report to test-artifacts/lighthouse/ (JSON and HTML) and fails when a
page misses the targets: accessibility, best practices and SEO 100, performance at least 95.

Not part of the test suite: Lighthouse is large and one run takes about 15 s a page; its
performance score also varies with the load of the machine (run it on a quiet one).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "lighthouse"
CLI = TOOL / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
REPORTS = ROOT / "test-artifacts" / "lighthouse"
PAGES = {"start": "", "overview": "netzwerke/", "network": "netzwerke/uclg/", "municipality": "staedte/koeln/"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for a client that accepts it (text types), as a host serves them."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like object for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size=-1):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def ensure_lighthouse() -> None:
    if CLI.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is missing: install it (Debian: apt-get install npm).")
    print("[lighthouse] installing Lighthouse (npm ci in tools/lighthouse)", file=sys.stderr)
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL, check=True)


def build_site(site: Path, url: str) -> None:
    env = dict(os.environ, SITE_URL=url, NO_MKDOCS_2_WARNING="1")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit("the build failed:\n" + result.stdout + result.stderr)


def run_lighthouse(url: str, name: str) -> dict[str, int]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    out = REPORTS / name
    command = [
        "node",
        str(CLI),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
    ]
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    report = json.loads((REPORTS / f"{name}.report.json").read_text(encoding="utf-8"))
    scores = {key: round((category["score"] or 0) * 100) for key, category in report["categories"].items()}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") in ("binary", "numeric") and audit.get("score") not in (None, 1)
        and any(ref["id"] == audit["id"] for key in ("accessibility", "best-practices", "seo")
                for ref in report["categories"][key]["auditRefs"] if ref.get("weight"))
    ]  # fmt: skip
    metrics = {
        key: report["audits"][key]["displayValue"]
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    return {"scores": scores, "failing": failing, "metrics": metrics}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--english", action="store_true", help="also the English pages")
    parser.add_argument("--page", action="append", help="a page's path below the root instead of the four")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH).")
    ensure_lighthouse()
    pages = {p.strip("/").replace("/", "-") or "start": p for p in args.page} if args.page else dict(PAGES)
    if args.english and not args.page:
        pages |= {f"en-{name}": "en/" + path for name, path in PAGES.items()}

    with tempfile.TemporaryDirectory(prefix="citynet-lighthouse-") as folder:
        site = Path(folder) / "site"
        site.mkdir()
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(CompressingHandler, directory=str(site))
        )
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        build_site(site, url)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results = {}
        try:
            for name, path in pages.items():
                results[name] = {"path": path} | run_lighthouse(url + path, name)
        finally:
            server.shutdown()
            server.server_close()

    (REPORTS / "summary.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    missed = False
    print(f"{'page':<16} {'path':<22} perf  a11y  best  seo   FCP / LCP / TBT / CLS")
    for name, result in results.items():
        s = result["scores"]
        m = result["metrics"]
        print(
            f"{name:<16} /{result['path']:<21} {s['performance']:>4}  {s['accessibility']:>4}  "
            f"{s['best-practices']:>4}  {s['seo']:>4}   {m['first-contentful-paint']} / "
            f"{m['largest-contentful-paint']} / {m['total-blocking-time']} / {m['cumulative-layout-shift']}"
        )
        if result["failing"]:
            print(f"{'':<16} failing audits: {', '.join(result['failing'])}")
        missed |= any(s[key] < target for key, target in TARGETS.items())
    print(f"reports: {REPORTS.relative_to(ROOT)}/")
    if missed:
        print(
            "missed: "
            + ", ".join(f"{key} {'=' if target == 100 else '>='} {target}" for key, target in TARGETS.items())
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
