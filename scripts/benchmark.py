"""Build-speed benchmark: the generated site against the same site written by hand (a developer tool).

    python3 scripts/dev.py benchmark [--sizes 5x10,50x100,300x3000] [--repeats 3] [--out benchmarks]
                                     [--report BENCHMARKS.md] [--limits]

For each size (networks x cities) it writes a synthetic, valid data set (scripts/synthetic_data.py)
into a temporary copy of the project and measures:
  generated   `mkdocs build --strict` with the hook (median wall time of --repeats runs, peak memory
              of the build process, size of the built site)
  hand-written  the same site written out by `citynet pages` (the pages as ordinary Markdown files,
              the hook's navigation, the same configuration without any hook), built by plain MkDocs
  our code    load + validate + render in this process (median), and its share of the build
  per page    ms per page (all languages), compressed transfer of one network page, search index
  limits      `citynet validate` on a data set at the data limits (citynet/read.py: MAX_NETWORKS
              records, MAX_CITIES cities), its time and peak memory, and the refusal of 10,000
              files beyond them (--limits measures only this, in about a minute)
It prints a table, writes results.json and, with --report, BENCHMARKS.md with an SVG plot.
Not part of the test suite: it takes minutes. Pages are counted from what render_pages()
returns plus docs/, so page kinds added later are measured without changes here.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin

from citynet.export import export_files
from citynet.load import load_catalogue
from citynet.project import Project
from citynet.read import NETWORKS_DIR, SCHEMA_DIR
from citynet.render import render_pages

PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "overrides", "scripts"]
# The largest size is the data limit (citynet/read.py): larger data sets are refused.
DEFAULT_SIZES = "5x10,50x100,300x3000"

# Targets of issue 7, checked in the table.
TARGET_OUR_SHARE = 0.05
TARGET_VS_HAND = 0.10
TARGET_PER_PAGE_GROWTH = 0.25
TARGET_LARGEST_SECONDS = 60
TARGET_LARGEST_MEMORY_MB = 1024
TARGET_VALIDATE_SECONDS = 1.0
# Issue 16: no dearer than by hand from about 1,000 pages on, and at most 15 ms per page there.
TARGET_VS_HAND_LARGE = 0.0
TARGET_LARGE_PAGES = 878
TARGET_MS_PER_PAGE = 15.0
TARGET_PAGE_TRANSFER_KB = 150
TARGET_SERVE_SECONDS = 1.5
# Issue 16: the edit latency at about 1,000 pages (synthetic), and its ratio to the real data's.
TARGET_SERVE_PAGES = 1000
TARGET_SERVE_RATIO = 2.0
DEFAULT_SERVE_SIZES = "30x400"  # 878 pages, the size issue 16 measured


@dataclass
class Build:
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    site_mb: float = 0.0
    pages: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass
class SizeResult:
    networks: int
    cities: int
    pages: int
    generated_pages: int
    generated: Build
    handwritten: Build
    validate_s: float
    render_s: float
    our_share: float
    vs_handwritten: float
    ms_per_page: float
    ms_per_page_handwritten: float
    network_page_html_kb: float
    network_page_transfer_kb: float
    network_page_transfer_detail: dict
    search_index: dict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"networks x cities, comma-separated (default {DEFAULT_SIZES})"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="builds per variant and size; medians are reported (default 3)"
    )
    parser.add_argument(
        "--out", default="benchmarks", help="folder for results.json and the plot (default benchmarks/)"
    )
    parser.add_argument("--project", default=".", help="the project folder (default: this folder)")
    parser.add_argument("--report", default=None, help="also write this Markdown report, e.g. BENCHMARKS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where they are")
    parser.add_argument(
        "--limits", action="store_true", help="measure only validate at the data limits (time, memory) and beyond them"
    )
    parser.add_argument(
        "--serve-edits",
        type=int,
        default=5,
        help="data edits timed under `mkdocs serve` on the real data and each --serve-sizes set; 0 skips it "
        "(default 5)",
    )
    parser.add_argument(
        "--serve-sizes",
        default=DEFAULT_SERVE_SIZES,
        help="synthetic data sets (networks x cities, comma-separated) timed under `mkdocs serve` besides the real "
        f"data; '' for none (default {DEFAULT_SERVE_SIZES}; 5x11, 30x400 and 90x1900 are about 50, 1,000 and "
        "4,000 pages)",
    )
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="measure only the edits under `mkdocs serve` (a few minutes); writes serve.json",
    )


def run(args: argparse.Namespace) -> int:
    project = Project.at(args.project)
    if args.limits:
        work = Path(tempfile.mkdtemp(prefix="citynet-limits-"))
        try:
            limits = measure_limits(project, work, args.repeats)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("\n".join(limits_table(limits)))
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "limits.json").write_text(json.dumps(limits, indent=2) + "\n", encoding="utf-8")
        print(f"[benchmark] wrote {out / 'limits.json'}")
        return 0
    if args.serve_only:
        return run_serve_only(project, args)
    sizes = [tuple(int(x) for x in s.lower().split("x")) for s in args.sizes.split(",")]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="citynet-bench-"))
    machine = machine_info()
    results = []
    try:
        for networks, cities in sizes:
            print(f"[benchmark] {networks} networks, {cities} cities ...", flush=True)
            results.append(measure_size(project, work / f"n{networks}", networks, cities, args.repeats))
            print_table(results)
        print("[benchmark] validate at the data limits ...", flush=True)
        limits = measure_limits(project, work / "limits", args.repeats)
        print("\n".join(limits_table(limits)))
        serve, serve_synthetic = measure_serves(project, work, args) if args.serve_edits else (None, [])
    finally:
        if args.keep:
            print(f"[benchmark] kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    machine["load_after"] = list(os.getloadavg())
    checks = check_targets(results, serve, serve_synthetic)
    payload = {
        "machine": machine,
        "repeats": args.repeats,
        "results": [asdict(r) for r in results],
        "serve": serve,
        "serve_synthetic": serve_synthetic,
        "limits": limits,
        "targets": checks,
    }
    (out / "results.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    svg = out / "build-time.svg"
    svg.write_text(plot_svg(results), encoding="utf-8")
    print_table(results)
    for check in checks:
        print(f"  [{'met' if check['met'] else 'MISSED'}] {check['target']}: {check['measured']}")
    if args.report:
        report = Path(args.report)
        # Written analysis below a "## Notes" heading survives a new run; the rest is regenerated.
        notes = ""
        if report.exists() and NOTES_HEADING in report.read_text(encoding="utf-8"):
            notes = NOTES_HEADING + report.read_text(encoding="utf-8").split(NOTES_HEADING, 1)[1]
        text = markdown_report(payload, results, checks, os.path.relpath(svg, report.parent))
        report.write_text(text + ("\n" + notes if notes else ""), encoding="utf-8")
        print(f"[benchmark] wrote {report}")
    print(f"[benchmark] wrote {out / 'results.json'} and {svg}")
    return 0


# -- the data limits ---------------------------------------------------------------------------

# Run in a fresh process per measurement: the check's own time and the process's peak memory.
_VALIDATE_CHILD = """
import json, resource, sys, time
from pathlib import Path
from citynet.cli import check
start = time.perf_counter()
code, report = check(Path(sys.argv[1]))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
print(json.dumps({"seconds": seconds, "peak_mb": peak, "code": code, "first_line": report.splitlines()[0]}))
"""


def _validate(data: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", _VALIDATE_CHILD, str(data)], capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout)


def measure_limits(project: Project, base: Path, repeats: int) -> dict:
    """validate on the largest data set the limits allow, and on one far beyond them."""
    from citynet.read import CITIES_FILE, MAX_CITIES, MAX_DATA_BYTES, MAX_NETWORKS, TOPICS_FILE

    data = base / "at-limit" / "data"
    subprocess.run(
        [sys.executable, project.root / "scripts" / "synthetic_data.py", "--project", project.root,
         "--networks", str(MAX_NETWORKS), "--cities", str(MAX_CITIES), data],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    files = [*(data / NETWORKS_DIR).iterdir(), data / CITIES_FILE, data / TOPICS_FILE]
    runs = [_validate(data) for _ in range(max(repeats, 3))]
    over = base / "over-limit" / "data"
    shutil.copytree(data, over)
    record = (data / NETWORKS_DIR / next(iter(sorted(p.name for p in (data / NETWORKS_DIR).iterdir())))).read_bytes()
    for index in range(10_000 - MAX_NETWORKS):  # 10,000 records in all, as issue 17 measured
        (over / NETWORKS_DIR / f"extra-{index:05d}.yml").write_bytes(record)
    refused = _validate(over)
    return {
        "max_networks": MAX_NETWORKS,
        "max_cities": MAX_CITIES,
        "max_data_bytes": MAX_DATA_BYTES,
        "data_bytes": sum(p.stat().st_size for p in files),
        "validate_s": statistics.median(r["seconds"] for r in runs),
        "validate_runs_s": [round(r["seconds"], 2) for r in runs],
        "peak_mb": max(r["peak_mb"] for r in runs),
        "valid": all(r["code"] == 0 for r in runs),
        "over_limit_records": 10_000,
        "over_limit_s": refused["seconds"],
        "over_limit_peak_mb": refused["peak_mb"],
        "over_limit_said": refused["first_line"][:70] + "..." if refused["code"] else "(accepted!)",
    }


def limits_table(limits: dict) -> list[str]:
    return [
        "| data set | records | cities | data MB | validate s | peak MB | result |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| at the limits | {limits['max_networks']} | {limits['max_cities']} | {limits['data_bytes'] / 1e6:.2f} | "
        f"{limits['validate_s']:.2f} | {limits['peak_mb']:.0f} | {'valid' if limits['valid'] else 'NOT VALID'} |",
        f"| beyond them | {limits['over_limit_records']:,} | {limits['max_cities']} | – | "
        f"{limits['over_limit_s']:.2f} | {limits['over_limit_peak_mb']:.0f} | refused: {limits['over_limit_said']} |",
    ]


# -- one size ----------------------------------------------------------------------------------


def measure_size(project: Project, base: Path, networks: int, cities: int, repeats: int) -> SizeResult:
    generated = copy_project(project, base / "generated")
    subprocess.run(
        [sys.executable, project.root / "scripts" / "synthetic_data.py", "--project", project.root,
         "--networks", str(networks), "--cities", str(cities), generated / "data"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    geo = generated / "data" / "geo"
    validate_times, render_times = [], []
    for _ in range(max(repeats, 3)):
        start = time.perf_counter()
        catalogue = load_catalogue(generated / "data")
        middle = time.perf_counter()
        pages = render_pages(catalogue, geo_dir=geo)
        export_files(catalogue, generated / "data" / SCHEMA_DIR, "/")  # the open data files, also ours
        validate_times.append(middle - start)
        render_times.append(time.perf_counter() - middle)

    # The hand-written twin: what `citynet pages` writes, built by plain MkDocs.
    handwritten = base / "handwritten"
    staged = subprocess.run(
        [sys.executable, "-m", "citynet.cli", "--project", generated, "pages", "--out", handwritten],
        capture_output=True, text=True, env=_build_env(),
    )  # fmt: skip
    if staged.returncode != 0:
        raise SystemExit(f"citynet pages failed:\n{staged.stdout}{staged.stderr}")
    warm = build_once(handwritten, "mkdocs.yml", handwritten / "site")  # also warms the file cache
    if warm[0] != 0:
        raise SystemExit(f"the hand-written twin does not build:\n{warm[3]}")

    gen, hand = Build(), Build()
    for _ in range(repeats):  # alternate, so that changes in the machine's load hit both alike
        for build, folder in ((gen, generated), (hand, handwritten)):
            code, seconds, peak_mb, output = build_once(folder, "mkdocs.yml", folder / "site")
            if code != 0:
                raise SystemExit(f"build failed in {folder}:\n{output}")
            build.seconds.append(seconds)
            build.peak_mb = max(build.peak_mb, peak_mb)
    doc_pages = len(list(project.docs.rglob("*.md")))
    for build, folder in ((gen, generated), (hand, handwritten)):
        build.site_mb = folder_bytes(folder / "site") / 1e6
        build.pages = len(list((folder / "site").rglob("index.html")))

    total_pages = len(pages) + doc_pages
    ours = statistics.median(validate_times) + statistics.median(render_times)
    first_network = sorted((generated / "data" / NETWORKS_DIR).glob("*.yml"))[0].stem
    page_dir = generated / "site" / "netzwerke" / first_network
    transfer = page_transfer(generated / "site", page_dir / "index.html")
    return SizeResult(
        networks=networks,
        cities=cities,
        pages=total_pages,
        generated_pages=len(pages),
        generated=gen,
        handwritten=hand,
        validate_s=statistics.median(validate_times),
        render_s=statistics.median(render_times),
        our_share=ours / gen.median,
        vs_handwritten=gen.median / hand.median - 1,
        ms_per_page=gen.median / total_pages * 1000,
        ms_per_page_handwritten=hand.median / total_pages * 1000,
        network_page_html_kb=(page_dir / "index.html").stat().st_size / 1000,
        network_page_transfer_kb=transfer["total_gzip_kb"],
        network_page_transfer_detail=transfer,
        search_index=search_index_stats(generated / "site", {src: page.markdown for src, page in pages.items()}),
    )


SERVE_PAGE = "netzwerke/cdia/"
SERVE_RECORD = "data/networks/cdia.yml"


def parse_sizes(text: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in size.lower().split("x")) for size in text.split(",") if size.strip()]


def measure_serves(project: Project, work: Path, args: argparse.Namespace) -> tuple[dict, list[dict]]:
    """The serve edit latency on the real data and on each synthetic size of --serve-sizes."""
    print(f"[benchmark] {args.serve_edits} data edits under mkdocs serve (real data) ...", flush=True)
    real = measure_serve(project, work / "serve", args.serve_edits)
    print(f"[benchmark] edit visible after (median) {real['median_s']:.2f} s; each: {real['seconds']}")
    synthetic = []
    for networks, cities in parse_sizes(args.serve_sizes):
        print(f"[benchmark] {args.serve_edits} data edits under mkdocs serve ({networks}x{cities}) ...", flush=True)
        result = measure_serve(
            project, work / f"serve-{networks}x{cities}", args.serve_edits, networks=networks, cities=cities
        )
        result["ratio_to_real"] = result["median_s"] / real["median_s"]
        print(
            f"[benchmark] {result['pages']} pages: edit visible after (median) {result['median_s']:.2f} s "
            f"({result['ratio_to_real']:.2f} x real); each: {result['seconds']}; rebuilds: {result['rebuild_seconds']}"
        )
        synthetic.append(result)
    return real, synthetic


def run_serve_only(project: Project, args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="citynet-serve-"))
    load_before = list(os.getloadavg())
    try:
        real, synthetic = measure_serves(project, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks = serve_checks(real, synthetic)
    for check in checks:
        print(f"  [{'met' if check['met'] else 'MISSED'}] {check['target']}: {check['measured']}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    machine = machine_info() | {"load_before": load_before, "load_after": list(os.getloadavg())}
    payload = {"machine": machine, "serve": real, "serve_synthetic": synthetic, "targets": checks}
    (out / "serve.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"[benchmark] wrote {out / 'serve.json'}")
    return 0


def measure_serve(root: Project, base: Path, edits: int, *, networks: int = 0, cities: int = 0) -> dict:
    """Start `mkdocs serve` on a copy of the project (with a synthetic data set of `networks` x
    `cities` instead of the real data when given), change a record's German summary by one word
    `edits` times, and time from writing the file until the served page shows the change
    (polled every 20 ms; the browser's live reload follows the same rebuild). Also reads the
    rebuild time MkDocs reports ("Documentation built in ... seconds") and the pages the hook
    reused and made in the last rebuild."""
    project = copy_project(root, base)
    page, record_path = SERVE_PAGE, SERVE_RECORD
    if networks:
        subprocess.run(
            [sys.executable, root.root / "scripts" / "synthetic_data.py", "--project", root.root,
             "--networks", str(networks), "--cities", str(cities), project / "data"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        first = sorted((project / "data" / NETWORKS_DIR).glob("*.yml"))[0]
        page, record_path = f"netzwerke/{first.stem}/", first.relative_to(project).as_posix()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    log = (project / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=project,
    )
    url = f"http://127.0.0.1:{port}/{page}"
    record = project / record_path
    original = record.read_text(encoding="utf-8")
    seconds = []
    try:
        _wait_for_text(url, "</html>", deadline=time.monotonic() + 600)
        for edit in range(edits):
            marker = f"Bearbeitung {edit + 1} im Benchmark"
            changed = original.replace("summary:\n  de: ", f"summary:\n  de: {marker} ", 1)
            if changed == original:
                raise SystemExit(f"{record_path}: no German summary to change for the serve measurement")
            time.sleep(1.5)  # let the watcher settle, so each edit is one rebuild
            start = time.monotonic()
            record.write_text(changed, encoding="utf-8")
            _wait_for_text(url, marker, deadline=start + 60)
            seconds.append(round(time.monotonic() - start, 2))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.seek(0)
        output = log.read()
        log.close()
    rebuilds = [float(s) for s in re.findall(r"Documentation built in ([0-9.]+) seconds", output)][1:]
    counts = re.findall(r"citynet: pages reused/made: (\{.*\})", output)
    last = json.loads(counts[-1].replace("'", '"')) if counts else {}
    return {
        "data": f"{networks}x{cities}" if networks else "real",
        "pages": last.get("html reused", 0) + last.get("html made", 0),
        "last_rebuild": last,
        "page": page,
        "seconds": seconds,
        "median_s": statistics.median(seconds),
        "rebuild_seconds": rebuilds,
        "rebuild_median_s": statistics.median(rebuilds) if rebuilds else float("nan"),
    }


def _wait_for_text(url: str, text: str, *, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"mkdocs serve: {url} did not show {text!r} in time")


def copy_project(project: Project, target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = project.root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def _build_env() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("SITE_EDIT_URI", None)
    return env


def build_once(project: Path, config: str, site: Path) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak resident MB of the build process, output)."""
    env = _build_env()
    log = project / "build.log"
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config), "-d", str(site)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=project,
        )
        # wait4 gives this one child's resource use; ru_maxrss is in KiB on Linux.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, seconds, usage.ru_maxrss / 1024, log.read_text(errors="replace")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gzip_kb(data: bytes) -> float:
    return len(gzip.compress(data, compresslevel=6)) / 1000


def page_transfer(site: Path, page: Path) -> dict:
    """What a first visit to one page downloads, gzip-compressed as a web server sends it: the
    HTML, its style sheets and scripts, and the search worker with its language files. The
    search index is counted separately (search_index_stats)."""
    html = page.read_text(encoding="utf-8")
    page_url = "http://site/" + page.relative_to(site).as_posix()
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    base = page_url
    worker = None
    if config:
        settings = json.loads(config.group(1))
        base = urljoin(page_url, settings.get("base", "."))
        worker = settings.get("search")
    files = {}
    for href in assets:
        url = urljoin(page_url, href.split("?")[0])
        if url.startswith("http://site/"):
            files[url] = site / url[len("http://site/") :]
    if worker:
        url = urljoin(base if base.endswith("/") else base + "/", worker)
        files[url] = site / url[len("http://site/") :]
        lunr = site / "assets" / "javascripts" / "lunr"
        for name in ("min/lunr.stemmer.support.min.js", "min/lunr.de.min.js", "min/lunr.multi.min.js"):
            if (lunr / name).exists():
                files["lunr/" + name] = lunr / name
    detail = {"html_gzip_kb": round(gzip_kb(page.read_bytes()), 1)}
    for path in files.values():
        if path.is_file():
            detail[path.relative_to(site).as_posix()] = round(gzip_kb(path.read_bytes()), 1)
    detail["total_gzip_kb"] = round(sum(v for k, v in detail.items()), 1)
    return detail


SEARCH_INDEXES = {"de": "search/search_index.json", "en": "en/search/search_index.json"}  # citynet/searchindex.py


_SEARCH_EXCLUDED = re.compile(r"<(svg|figure)\b.*?</\1>", re.S)  # maps and timeline: data-search-exclude
_MARKUP = re.compile(r"<[^>]+>")


def searchable_bytes(markdown: str) -> int:
    """The text a page offers to search: its Markdown without the figures the search skips (maps,
    timeline) and without tags. Markup would make a page of tables look like much more content."""
    return len(_MARKUP.sub("", _SEARCH_EXCLUDED.sub("", markdown)).encode())


def search_index_stats(site: Path, pages: dict[str, str]) -> dict:
    """Size of each language's search index (one file each, citynet/searchindex.py), against the
    text of that language's generated pages (searchable_bytes)."""
    by_lang: dict[str, dict] = {}
    for lang, relative in SEARCH_INDEXES.items():
        data = (site / relative).read_bytes()
        docs = json.loads(data)["docs"]
        content = sum(searchable_bytes(md) for path, md in pages.items() if path.endswith(".en.md") == (lang == "en"))
        by_lang[lang] = {
            "entries": len(docs),
            "bytes": len(data),
            "gzip_kb": round(gzip_kb(data), 1),
            "page_text_bytes": content,
            "index_per_text_byte": round(len(data) / content, 3) if content else None,
        }
    return {"languages": by_lang}


# -- targets, table, report ------------------------------------------------------------------


def serve_checks(serve: dict | None, synthetic: list[dict] | None = None) -> list[dict]:
    """Issue 16: a one-word edit under serve visible within TARGET_SERVE_SECONDS (median) on the real
    data and at about TARGET_SERVE_PAGES pages, at most TARGET_SERVE_RATIO times the real data's."""
    checks = []
    if serve:
        checks.append({
            "target": f"a data edit under mkdocs serve visible within {TARGET_SERVE_SECONDS} s (real data)",
            "met": serve["median_s"] <= TARGET_SERVE_SECONDS,
            "measured": f"median {serve['median_s']:.2f} s of {len(serve['seconds'])} edits (rebuild alone: "
            f"{serve['rebuild_median_s']:.2f} s)",
        })  # fmt: skip
    if serve and synthetic:
        near = min(synthetic, key=lambda r: abs(r["pages"] - TARGET_SERVE_PAGES))
        measured = f"{near['pages']} pages ({near['data']}): median {near['median_s']:.2f} s of {len(near['seconds'])}"
        checks.append({
            "target": f"a one-word edit under mkdocs serve visible within {TARGET_SERVE_SECONDS} s at about "
            f"{TARGET_SERVE_PAGES:,} pages",
            "met": near["median_s"] <= TARGET_SERVE_SECONDS,
            "measured": measured + f" (rebuild alone: {near['rebuild_median_s']:.2f} s)",
        })  # fmt: skip
        ratio = near["median_s"] / serve["median_s"]
        checks.append({
            "target": f"that latency at most {TARGET_SERVE_RATIO:g} times the real data's",
            "met": ratio <= TARGET_SERVE_RATIO,
            "measured": f"{near['median_s']:.2f} s / {serve['median_s']:.2f} s = {ratio:.2f}",
        })  # fmt: skip
    return checks


def check_targets(
    results: list[SizeResult], serve: dict | None = None, serve_synthetic: list[dict] | None = None
) -> list[dict]:
    checks = []

    def check(target, met, measured):
        checks.append({"target": target, "met": bool(met), "measured": measured})

    worst_share = max(results, key=lambda r: r.our_share)
    check(
        f"our code < {TARGET_OUR_SHARE:.0%} of the build at every size",
        worst_share.our_share < TARGET_OUR_SHARE,
        ", ".join(f"{r.networks} networks: {r.our_share:.1%}" for r in results),
    )
    worst = max(results, key=lambda r: r.vs_handwritten)
    check(
        f"generated within {TARGET_VS_HAND:.0%} of hand-written",
        worst.vs_handwritten <= TARGET_VS_HAND,
        ", ".join(f"{r.networks} networks: {r.vs_handwritten:+.1%}" for r in results),
    )
    large = [r for r in results if r.pages >= TARGET_LARGE_PAGES]
    if large:
        check(
            f"generated no dearer than hand-written at {TARGET_LARGE_PAGES} pages and above",
            all(r.vs_handwritten <= TARGET_VS_HAND_LARGE for r in large),
            ", ".join(f"{r.pages} pages: {r.vs_handwritten:+.1%}" for r in large),
        )
    near = min(results, key=lambda r: abs(r.pages - TARGET_SERVE_PAGES))
    check(
        f"at most {TARGET_MS_PER_PAGE:.0f} ms per page at about {TARGET_SERVE_PAGES:,} pages",
        near.ms_per_page <= TARGET_MS_PER_PAGE,
        f"{near.pages} pages: {near.ms_per_page:.1f} ms/page",
    )
    reference = next((r for r in results if r.cities == 100), results[0])
    largest = results[-1]
    growth = largest.ms_per_page / reference.ms_per_page - 1
    check(
        f"ms/page at {largest.cities} cities within {TARGET_PER_PAGE_GROWTH:.0%} of {reference.cities}",
        growth <= TARGET_PER_PAGE_GROWTH,
        f"{reference.ms_per_page:.1f} -> {largest.ms_per_page:.1f} ms/page ({growth:+.1%})",
    )
    check(
        f"largest set built in < {TARGET_LARGEST_SECONDS} s",
        largest.generated.median < TARGET_LARGEST_SECONDS,
        f"{largest.generated.median:.1f} s",
    )
    check(
        f"largest set < {TARGET_LARGEST_MEMORY_MB} MB peak memory",
        largest.generated.peak_mb < TARGET_LARGEST_MEMORY_MB,
        f"{largest.generated.peak_mb:.0f} MB",
    )
    check(
        f"validation of the largest set < {TARGET_VALIDATE_SECONDS:.0f} s",
        largest.validate_s < TARGET_VALIDATE_SECONDS,
        f"{largest.validate_s:.2f} s",
    )
    heaviest = max(results, key=lambda r: r.network_page_transfer_kb)
    check(
        f"a network page transfers <= {TARGET_PAGE_TRANSFER_KB} KB gzip (without search index)",
        heaviest.network_page_transfer_kb <= TARGET_PAGE_TRANSFER_KB,
        ", ".join(f"{r.networks} networks: {r.network_page_transfer_kb:.0f} KB" for r in results),
    )
    checks += serve_checks(serve, serve_synthetic)
    ratios = [lang["index_per_text_byte"] for r in results for lang in r.search_index["languages"].values()]
    spread = max(ratios) / min(ratios) - 1
    check(
        "search index per language proportional to content (index bytes per byte of page text within 25 %)",
        spread <= 0.25,
        f"{min(ratios):.2f}-{max(ratios):.2f} ({spread:+.0%} spread)",
    )
    return checks


NOTES_HEADING = "## Notes"

COLUMNS = [
    "networks",
    "cities",
    "pages",
    "build s",
    "hand s",
    "vs hand",
    "ms/page",
    "hand ms/page",
    "peak MB",
    "site MB",
    "validate s",
    "render s",
    "our share",
    "page KB",
    "page gz KB",
]


def table_rows(results: list[SizeResult]) -> list[list[str]]:
    return [
        [
            str(r.networks),
            str(r.cities),
            str(r.pages),
            f"{r.generated.median:.1f}",
            f"{r.handwritten.median:.1f}",
            f"{r.vs_handwritten:+.1%}",
            f"{r.ms_per_page:.1f}",
            f"{r.ms_per_page_handwritten:.1f}",
            f"{r.generated.peak_mb:.0f}",
            f"{r.generated.site_mb:.1f}",
            f"{r.validate_s:.2f}",
            f"{r.render_s:.2f}",
            f"{r.our_share:.1%}",
            f"{r.network_page_html_kb:.0f}",
            f"{r.network_page_transfer_kb:.0f}",
        ]
        for r in results
    ]


def print_table(results: list[SizeResult]) -> None:
    rows = [COLUMNS] + table_rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))


def machine_info() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "PyYAML", "jsonschema", "Jinja2"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "load_before": list(os.getloadavg()),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def markdown_report(payload: dict, results: list[SizeResult], checks: list[dict], svg: str) -> str:
    m = payload["machine"]
    lines = [
        "# Build benchmarks",
        "",
        "Made by `python3 scripts/dev.py benchmark --report BENCHMARKS.md` (see README). Synthetic, valid data",
        "sets (scripts/synthetic_data.py: copies of the richest real record with 8 participations each);",
        f"medians of {payload['repeats']} strict builds per variant, generated and hand-written builds alternating.",
        '"hand" is the same site written out by `citynet pages` (the Markdown as files, the same navigation), built '
        "without any hook.",
        '"our share" is load + validate + render (run in the benchmark process) against the generated build\'s '
        "wall time.",
        '"page gz KB" is one network page\'s first-visit transfer (HTML, CSS, JS, search worker and language files; '
        "gzip -6), without the search index, which is listed below.",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + f"; {m['date']}.",
        f"Load average (1/5/15 min) before: {' / '.join(f'{x:.2f}' for x in m['load_before'])}, after: "
        f"{' / '.join(f'{x:.2f}' for x in m['load_after'])}. The machine was shared with other jobs: single times "
        "are noisy.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---:|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(results)]
    lines += ["", f"![Build time against pages]({svg})", "", "## Targets", ""]
    lines += [f"- **{'met' if c['met'] else 'missed'}**: {c['target']} — {c['measured']}" for c in checks]
    lines += [
        "",
        "## Search index",
        "",
        "One index per language; a visitor's browser loads only its language's.",
        "",
        "| networks | language | entries | MB | gzip KB | index bytes per byte of page text |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        for lang, s in r.search_index["languages"].items():
            lines.append(
                f"| {r.networks} | {lang} | {s['entries']} | {s['bytes'] / 1e6:.2f} | {s['gzip_kb']} | "
                f"{s['index_per_text_byte']} |"
            )
    if payload.get("limits"):
        lines += [
            "",
            "## Validation at the limits",
            "",
            "`citynet validate` in a fresh process on the largest data set the limits allow "
            "(scripts/citynet/read.py; median of the check's own time, peak memory of the process), and on "
            "10,000 records, which it refuses from the folder's listing before reading any.",
            "",
            *limits_table(payload["limits"]),
        ]
    return "\n".join(lines) + "\n"


def plot_svg(results: list[SizeResult]) -> str:
    """Build time against pages, generated and hand-written, as a small self-contained SVG."""
    width, height, left, bottom, top, right = 640, 400, 70, 50, 30, 160
    xs = [r.pages for r in results]
    ys = [max(r.generated.median, r.handwritten.median) for r in results]
    x_max, y_max = max(xs) * 1.05, max(ys) * 1.15

    def px(x):
        return left + x / x_max * (width - left - right)

    def py(y):
        return height - bottom - y / y_max * (height - top - bottom)

    def ticks(maximum):
        step = 10 ** max(0, len(str(int(maximum / 5))) - 1)
        while maximum / step > 6:
            step *= 2 if str(step)[0] == "1" else 2.5 if str(step)[0] == "2" else 2
        return [i * step for i in range(int(maximum / step) + 1)]

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="sans-serif" font-size="12">',
        "<title>Build time against number of pages</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{left}" y1="{py(0)}" x2="{px(x_max)}" y2="{py(0)}" stroke="black"/>',
        f'<line x1="{left}" y1="{py(0)}" x2="{left}" y2="{py(y_max)}" stroke="black"/>',
    ]
    for t in ticks(x_max):
        parts.append(
            f'<line x1="{px(t):.1f}" y1="{py(0)}" x2="{px(t):.1f}" y2="{py(0) + 4}" stroke="black"/><text '
            f'x="{px(t):.1f}" y="{py(0) + 18}" text-anchor="middle">{t:g}</text>'
        )
    for t in ticks(y_max):
        parts.append(
            f'<line x1="{left - 4}" y1="{py(t):.1f}" x2="{px(x_max):.1f}" y2="{py(t):.1f}" stroke="#ddd"/><text '
            f'x="{left - 8}" y="{py(t) + 4:.1f}" text-anchor="end">{t:g}</text>'
        )
    parts.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">pages built (both '
        "languages)</text>"
    )
    parts.append(
        f'<text transform="translate(18 {(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">median '
        "build time, s</text>"
    )
    series = [
        ("generated (hook)", "#3f51b5", [r.generated.median for r in results], ""),
        ("hand-written", "#e65100", [r.handwritten.median for r in results], ' stroke-dasharray="6 4"'),
    ]
    for index, (name, colour, values, dash) in enumerate(series):
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, values, strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y in zip(xs, values, strict=True):
            parts.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{colour}"><title>{name}: {x} pages, {y:.1f} '
                "s</title></circle>"
            )
        ly = top + 10 + index * 20
        parts.append(
            f'<line x1="{width - right + 15}" y1="{ly}" x2="{width - right + 40}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dash}/><text x="{width - right + 46}" y="{ly + 4}">{name}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.exit(main())
