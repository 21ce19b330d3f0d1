"""Build-speed benchmark: the generated site against the same site written by hand.

    python3 scripts/dev.py benchmark [--sizes 5x10,50x100,500x2000] [--repeats 3] [--out benchmarks] [--report BENCHMARKS.md]

For each size (networks x cities) it writes a synthetic, valid data set into a temporary copy of
the project and measures:
  generated   `mkdocs build --strict` with the hook (median wall time of --repeats runs, peak memory
              of the build process, size of the built site)
  hand-written  the same pages saved as ordinary Markdown files in docs/, built with the same
              configuration without the data hook and with the navigation the hook would produce
  our code    load + validate + render in this process (median), and its share of the build
  per page    ms per page (all languages), compressed transfer of one network page, search index
It prints a table, writes results.json and, with --report, BENCHMARKS.md with an SVG plot.
Not part of the test suite: it takes minutes. Pages are counted from what render_pages()
returns plus docs/, so page kinds added later are measured without changes here.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import posixpath
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
import urllib.error
import urllib.request
from urllib.parse import urljoin

import yaml

from .export import export_files
from .load import load_catalogue
from .render import render_pages
from .synthetic import make_data_set, network_id

ROOT = Path(__file__).resolve().parent.parent.parent
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts"]
DEFAULT_SIZES = "5x10,50x100,500x2000"
DATA_HOOK = "scripts/hooks.py"

# Targets of issue 7, checked in the table.
TARGET_OUR_SHARE = 0.05
TARGET_VS_HAND = 0.10
TARGET_PER_PAGE_GROWTH = 0.25
TARGET_LARGEST_SECONDS = 60
TARGET_LARGEST_MEMORY_MB = 1024
TARGET_VALIDATE_SECONDS = 1.0
TARGET_PAGE_TRANSFER_KB = 150
TARGET_SERVE_SECONDS = 1.5

# A hook for one extra, untimed build: it records the nav our hook hands to MkDocs and which
# pages it keeps out of the nav, so the hand-written site gets exactly the same navigation.
NAV_PROBE = '''
import json
from pathlib import Path
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

@event_priority(0)  # after the data hook's on_files (50), before the i18n plugin's (-100)
def on_files(files, *, config):
    not_in_nav = [f.src_uri for f in files if f.inclusion == InclusionLevel.NOT_IN_NAV]
    probe = {"nav": config.nav, "not_in_nav": not_in_nav}
    Path(config.config_file_path).with_name("probed-nav.json").write_text(json.dumps(probe))
    return files
'''

# The hand-written site keeps the theme glue (interface words for templates in overrides/),
# which a hand-written site with the same theme needs too, but none of the data code.
THEME_GLUE = '''
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent / "scripts"))
from hooks import on_page_context  # noqa: E402,F401
'''


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
    parser = argparse.ArgumentParser(prog="citynet benchmark", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"networks x cities, comma-separated (default {DEFAULT_SIZES})")
    parser.add_argument("--repeats", type=int, default=3, help="builds per variant and size; medians are reported (default 3)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks"), help="folder for results.json and the plot (default benchmarks/)")
    parser.add_argument("--report", default=None, help="also write this Markdown report, e.g. BENCHMARKS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where they are")
    parser.add_argument("--serve-edits", type=int, default=5, help="data edits timed under `mkdocs serve` on the real data; 0 skips it (default 5)")


def run(args: argparse.Namespace) -> int:
    sizes = [tuple(int(x) for x in s.lower().split("x")) for s in args.sizes.split(",")]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="citynet-bench-"))
    machine = machine_info()
    results = []
    try:
        for networks, cities in sizes:
            print(f"[benchmark] {networks} networks, {cities} cities ...", flush=True)
            results.append(measure_size(work / f"n{networks}", networks, cities, args.repeats))
            print_table(results)
        serve = None
        if args.serve_edits:
            print(f"[benchmark] {args.serve_edits} data edits under mkdocs serve (real data) ...", flush=True)
            serve = measure_serve(work / "serve", args.serve_edits)
            print(f"[benchmark] edit visible after (median) {serve['median_s']:.2f} s; each: {serve['seconds']}")
    finally:
        if args.keep:
            print(f"[benchmark] kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    machine["load_after"] = list(os.getloadavg())
    checks = check_targets(results, serve)
    payload = {"machine": machine, "repeats": args.repeats, "results": [asdict(r) for r in results], "serve": serve, "targets": checks}
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


# -- one size ----------------------------------------------------------------------------------


def measure_size(base: Path, networks: int, cities: int, repeats: int) -> SizeResult:
    generated = copy_project(base / "generated")
    catalogue = make_data_set(ROOT / "data", generated / "data", networks=networks, cities=cities)
    pages = render_pages(catalogue)

    validate_times, render_times = [], []
    for _ in range(max(repeats, 3)):
        start = time.perf_counter()
        catalogue = load_catalogue(generated / "data")
        middle = time.perf_counter()
        pages = render_pages(catalogue)
        export_files(catalogue, generated / "data", "/")  # the open data files, also ours
        validate_times.append(middle - start)
        render_times.append(time.perf_counter() - middle)

    # The hand-written twin: the generated Markdown as files, the hook's nav, no data hook.
    handwritten = copy_project(base / "handwritten")
    hooks = configured_hooks()
    (generated / "mkdocs.probe.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks: " + json.dumps([*hooks, "nav_probe.py"]) + "\n", encoding="utf-8"
    )
    (generated / "nav_probe.py").write_text(NAV_PROBE, encoding="utf-8")
    probe = build_once(generated, "mkdocs.probe.yml", generated / "site-probe")  # also warms the file cache
    if probe[0] != 0:
        raise SystemExit(f"the generated site does not build:\n{probe[3]}")
    probed = json.loads((generated / "probed-nav.json").read_text(encoding="utf-8"))
    for src_path, markdown in pages.items():
        target = handwritten / "docs" / src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    (handwritten / "theme_glue.py").write_text(THEME_GLUE, encoding="utf-8")
    (handwritten / "mkdocs.hand.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks: " + json.dumps(["theme_glue.py", *(h for h in hooks if h != DATA_HOOK)]) + "\n"
        + "nav: " + json.dumps(probed["nav"], ensure_ascii=False) + "\n"
        + "not_in_nav: " + json.dumps(not_in_nav_patterns(probed["not_in_nav"], [*pages, *_doc_files()])) + "\n",
        encoding="utf-8",
    )
    warm = build_once(handwritten, "mkdocs.hand.yml", handwritten / "site")
    if warm[0] != 0:
        raise SystemExit(f"the hand-written twin does not build:\n{warm[3]}")

    gen, hand = Build(), Build()
    for _ in range(repeats):  # alternate, so that changes in the machine's load hit both alike
        for build, project, config in ((gen, generated, "mkdocs.yml"), (hand, handwritten, "mkdocs.hand.yml")):
            code, seconds, peak_mb, output = build_once(project, config, project / "site")
            if code != 0:
                raise SystemExit(f"build failed in {project}:\n{output}")
            build.seconds.append(seconds)
            build.peak_mb = max(build.peak_mb, peak_mb)
    doc_pages = len(list((ROOT / "docs").rglob("*.md")))
    for build, project in ((gen, generated), (hand, handwritten)):
        build.site_mb = folder_bytes(project / "site") / 1e6
        build.pages = len(list((project / "site").rglob("index.html")))

    total_pages = len(pages) + doc_pages
    ours = statistics.median(validate_times) + statistics.median(render_times)
    page_dir = generated / "site" / "netzwerke" / network_id(0)
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
        search_index=search_index_stats(generated / "site", pages),
    )


def configured_hooks() -> list[str]:
    """The hooks of mkdocs.yml. The hand-written twin keeps all but the data hook: the search split
    and the legal pages' glue belong to the theme, which a hand-written site would use as well."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    hooks = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader).get("hooks") or []
    if DATA_HOOK not in hooks:
        raise SystemExit(f"mkdocs.yml does not list the data hook {DATA_HOOK}")
    return hooks


SERVE_PAGE = "netzwerke/cdia/"
SERVE_RECORD = "data/networks/cdia.yml"


def measure_serve(base: Path, edits: int) -> dict:
    """Start `mkdocs serve` on a copy of the real project, change a record's German summary
    `edits` times, and time from writing the file until the served page shows the change
    (polled every 20 ms; the browser's live reload follows the same rebuild). Also reads the
    rebuild time MkDocs reports ("Documentation built in ... seconds")."""
    project = copy_project(base)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    log = (project / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=project,
    )
    url = f"http://127.0.0.1:{port}/{SERVE_PAGE}"
    record = project / SERVE_RECORD
    original = record.read_text(encoding="utf-8")
    seconds = []
    try:
        _wait_for_text(url, "</html>", deadline=time.monotonic() + 120)
        for edit in range(edits):
            marker = f"Bearbeitung {edit + 1} im Benchmark"
            changed = original.replace("summary:\n  de: ", f"summary:\n  de: {marker} ", 1)
            if changed == original:
                raise SystemExit(f"{SERVE_RECORD}: no German summary to change for the serve measurement")
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
    return {
        "page": SERVE_PAGE,
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


def _doc_files() -> list[str]:
    return [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]


def not_in_nav_patterns(not_in_nav: list[str], all_pages: list[str]) -> str:
    """The hand-written equivalent of the hook's NOT_IN_NAV pages: one pattern per folder (one per
    page would make MkDocs match every file against every pattern), with the folder's other pages
    excepted."""
    hidden = set(not_in_nav)
    folders = sorted({posixpath.dirname(p) for p in hidden})
    lines = []
    for folder in folders:
        prefix = f"/{folder}/" if folder else "/"
        lines.append(f"{prefix}*.md")
        lines += [f"!/{p}" for p in sorted(all_pages) if posixpath.dirname(p) == folder and p not in hidden]
    return "\n".join(lines) + "\n"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def build_once(project: Path, config: str, site: Path) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak resident MB of the build process, output)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("SITE_EDIT_URI", None)
    log = project / "build.log"
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config), "-d", str(site)],
            stdout=output, stderr=subprocess.STDOUT, env=env, cwd=project,
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
            files[url] = site / url[len("http://site/"):]
    if worker:
        url = urljoin(base if base.endswith("/") else base + "/", worker)
        files[url] = site / url[len("http://site/"):]
        lunr = site / "assets" / "javascripts" / "lunr"
        for name in ("min/lunr.stemmer.support.min.js", "min/lunr.de.min.js", "min/lunr.multi.min.js"):
            if (lunr / name).exists():
                files["lunr/" + name] = lunr / name
    detail = {"html_gzip_kb": round(gzip_kb(page.read_bytes()), 1)}
    for url, path in files.items():
        if path.is_file():
            detail[path.relative_to(site).as_posix()] = round(gzip_kb(path.read_bytes()), 1)
    detail["total_gzip_kb"] = round(sum(v for k, v in detail.items()), 1)
    return detail


SEARCH_INDEXES = {"de": "search/search_index.json", "en": "en/search/search_index.json"}  # scripts/search_hook.py


_SEARCH_EXCLUDED = re.compile(r"<(svg|figure)\b.*?</\1>", re.S)  # maps and timeline: data-search-exclude
_MARKUP = re.compile(r"<[^>]+>")


def searchable_bytes(markdown: str) -> int:
    """The text a page offers to search: its Markdown without the figures the search skips (maps,
    timeline) and without tags. Markup would make a page of tables look like much more content."""
    return len(_MARKUP.sub("", _SEARCH_EXCLUDED.sub("", markdown)).encode())


def search_index_stats(site: Path, pages: dict[str, str]) -> dict:
    """Size of each language's search index (one file each, scripts/search_hook.py), against the
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


def check_targets(results: list[SizeResult], serve: dict | None = None) -> list[dict]:
    checks = []

    def check(target, met, measured):
        checks.append({"target": target, "met": bool(met), "measured": measured})

    worst_share = max(results, key=lambda r: r.our_share)
    check(f"our code < {TARGET_OUR_SHARE:.0%} of the build at every size", worst_share.our_share < TARGET_OUR_SHARE,
          ", ".join(f"{r.networks} networks: {r.our_share:.1%}" for r in results))
    worst = max(results, key=lambda r: r.vs_handwritten)
    check(f"generated within {TARGET_VS_HAND:.0%} of hand-written", worst.vs_handwritten <= TARGET_VS_HAND,
          ", ".join(f"{r.networks} networks: {r.vs_handwritten:+.1%}" for r in results))
    reference = next((r for r in results if r.cities == 100), results[0])
    largest = results[-1]
    growth = largest.ms_per_page / reference.ms_per_page - 1
    check(f"ms/page at {largest.cities} cities within {TARGET_PER_PAGE_GROWTH:.0%} of {reference.cities}", growth <= TARGET_PER_PAGE_GROWTH,
          f"{reference.ms_per_page:.1f} -> {largest.ms_per_page:.1f} ms/page ({growth:+.1%})")
    check(f"largest set built in < {TARGET_LARGEST_SECONDS} s", largest.generated.median < TARGET_LARGEST_SECONDS, f"{largest.generated.median:.1f} s")
    check(f"largest set < {TARGET_LARGEST_MEMORY_MB} MB peak memory", largest.generated.peak_mb < TARGET_LARGEST_MEMORY_MB, f"{largest.generated.peak_mb:.0f} MB")
    check(f"validation of the largest set < {TARGET_VALIDATE_SECONDS:.0f} s", largest.validate_s < TARGET_VALIDATE_SECONDS, f"{largest.validate_s:.2f} s")
    heaviest = max(results, key=lambda r: r.network_page_transfer_kb)
    check(f"a network page transfers <= {TARGET_PAGE_TRANSFER_KB} KB gzip (without search index)", heaviest.network_page_transfer_kb <= TARGET_PAGE_TRANSFER_KB,
          ", ".join(f"{r.networks} networks: {r.network_page_transfer_kb:.0f} KB" for r in results))
    if serve:
        check(f"a data edit under mkdocs serve visible within {TARGET_SERVE_SECONDS} s (real data)", serve["median_s"] <= TARGET_SERVE_SECONDS,
              f"median {serve['median_s']:.2f} s of {len(serve['seconds'])} edits (rebuild alone: {serve['rebuild_median_s']:.2f} s)")
    ratios = [lang["index_per_text_byte"] for r in results for lang in r.search_index["languages"].values()]
    spread = max(ratios) / min(ratios) - 1
    check("search index per language proportional to content (index bytes per byte of page text within 25 %)", spread <= 0.25,
          f"{min(ratios):.2f}-{max(ratios):.2f} ({spread:+.0%} spread)")
    return checks


NOTES_HEADING = "## Notes"

COLUMNS = ["networks", "cities", "pages", "build s", "hand s", "vs hand", "ms/page", "hand ms/page", "peak MB", "site MB", "validate s", "render s", "our share", "page KB", "page gz KB"]


def table_rows(results: list[SizeResult]) -> list[list[str]]:
    return [[
        str(r.networks), str(r.cities), str(r.pages), f"{r.generated.median:.1f}", f"{r.handwritten.median:.1f}",
        f"{r.vs_handwritten:+.1%}", f"{r.ms_per_page:.1f}", f"{r.ms_per_page_handwritten:.1f}", f"{r.generated.peak_mb:.0f}",
        f"{r.generated.site_mb:.1f}", f"{r.validate_s:.2f}", f"{r.render_s:.2f}", f"{r.our_share:.1%}",
        f"{r.network_page_html_kb:.0f}", f"{r.network_page_transfer_kb:.0f}",
    ] for r in results]


def print_table(results: list[SizeResult]) -> None:
    rows = [COLUMNS] + table_rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths)))


def machine_info() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "PyYAML", "jsonschema", "Jinja2"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
        "versions": versions, "load_before": list(os.getloadavg()), "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def markdown_report(payload: dict, results: list[SizeResult], checks: list[dict], svg: str) -> str:
    m = payload["machine"]
    lines = [
        "# Build benchmarks",
        "",
        "Made by `python3 scripts/dev.py benchmark --report BENCHMARKS.md` (see README). Synthetic, valid data",
        "sets (scripts/citynet/synthetic.py: copies of the richest real record with 8 participations each);",
        f"medians of {payload['repeats']} strict builds per variant, generated and hand-written builds alternating.",
        "\"hand\" is the same Markdown saved as files in docs/ with the same configuration and navigation, without the data hook.",
        "\"our share\" is load + validate + render (run in the benchmark process) against the generated build's wall time.",
        "\"page gz KB\" is one network page's first-visit transfer (HTML, CSS, JS, search worker and language files; gzip -6),",
        "without the search index, which is listed below.",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + f"; {m['date']}.",
        f"Load average (1/5/15 min) before: {' / '.join(f'{x:.2f}' for x in m['load_before'])}, after: "
        f"{' / '.join(f'{x:.2f}' for x in m['load_after'])}. The machine was shared with other jobs: single times are noisy.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---:|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(results)]
    lines += ["", f"![Build time against pages]({svg})", "", "## Targets", ""]
    lines += [f"- **{'met' if c['met'] else 'missed'}**: {c['target']} — {c['measured']}" for c in checks]
    lines += ["", "## Search index", "", "One index per language; a visitor's browser loads only its language's.", "",
              "| networks | language | entries | MB | gzip KB | index bytes per byte of page text |", "|---:|---|---:|---:|---:|---:|"]
    for r in results:
        for lang, s in r.search_index["languages"].items():
            lines.append(f"| {r.networks} | {lang} | {s['entries']} | {s['bytes'] / 1e6:.2f} | {s['gzip_kb']} | {s['index_per_text_byte']} |")
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
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        "<title>Build time against number of pages</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{left}" y1="{py(0)}" x2="{px(x_max)}" y2="{py(0)}" stroke="black"/>',
        f'<line x1="{left}" y1="{py(0)}" x2="{left}" y2="{py(y_max)}" stroke="black"/>',
    ]
    for t in ticks(x_max):
        parts.append(f'<line x1="{px(t):.1f}" y1="{py(0)}" x2="{px(t):.1f}" y2="{py(0) + 4}" stroke="black"/><text x="{px(t):.1f}" y="{py(0) + 18}" text-anchor="middle">{t:g}</text>')
    for t in ticks(y_max):
        parts.append(f'<line x1="{left - 4}" y1="{py(t):.1f}" x2="{px(x_max):.1f}" y2="{py(t):.1f}" stroke="#ddd"/><text x="{left - 8}" y="{py(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">pages built (both languages)</text>')
    parts.append(f'<text transform="translate(18 {(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">median build time, s</text>')
    series = [("generated (hook)", "#3f51b5", [r.generated.median for r in results], ""),
              ("hand-written", "#e65100", [r.handwritten.median for r in results], ' stroke-dasharray="6 4"')]
    for index, (name, colour, values, dash) in enumerate(series):
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y in zip(xs, values):
            parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{colour}"><title>{name}: {x} pages, {y:.1f} s</title></circle>')
        ly = top + 10 + index * 20
        parts.append(f'<line x1="{width - right + 15}" y1="{ly}" x2="{width - right + 40}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash}/><text x="{width - right + 46}" y="{ly + 4}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.exit(main())
