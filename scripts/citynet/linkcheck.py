"""`citynet check-links`: fetch every web address the records cite, and report the dead ones and
the redirects, as `file:line: url: status`.

The addresses are a record's `website`, every source's `url` and any other `url`/`page` field
(the joining page; in data/cities.yml a municipality's international page), each with the line it
is written on (read from the YAML, not validated, so
that a record with a mistake is checked too). Each address is fetched once, however many records
cite it: concurrently (a few at a time, and at most two per host at once), with a timeout and a
user agent that says who asks and why. A HEAD request first; where a server refuses HEAD, a GET.
Redirects are not followed but reported with their target, so that the record can name the new
address. Needs the network: it is not part of the test suite, which checks it against a local
server (tests/unit/test_linkcheck.py); .github/workflows/links.yml runs it every week.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .markdowntext import markdown_text
from .read import CITIES_FILE, NETWORKS_DIR
from .yamlio import MAX_FILE_BYTES, MAX_REGISTRY_BYTES, YamlError, read_yaml

USER_AGENT = "citynet-link-check/1.0 (checks the sources cited by an open-data site on city networks; weekly)"
TIMEOUT = 20.0  # seconds for one request
WORKERS = 8
PER_HOST = 2
URL_FIELDS = ("url", "website", "page")
# Answers to HEAD that say nothing about the page: ask again with GET.
RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 500, 501, 503}


@dataclass(frozen=True)
class Link:
    file: str  # as shown, relative to the project: data/networks/uclg.yml
    line: int
    url: str


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # the HTTP status, None when no answer came
    reason: str  # the status's words, or what went wrong
    location: str | None = None  # where a redirect points

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def redirect(self) -> bool:
        return self.status is not None and 300 <= self.status < 400

    def describe(self) -> str:
        if self.redirect:
            return f"{self.status} {self.reason} -> {self.location or '(no Location)'}"
        if self.status is None:
            return f"no answer ({self.reason})"
        return f"{self.status} {self.reason}"


def collect(data_dir: Path, *, shown_root: Path | None = None) -> list[Link]:
    """Every http(s) address in the records, with its file and line, in file and line order."""
    links = []
    root = shown_root or data_dir.parent
    files = sorted((data_dir / NETWORKS_DIR).glob("*.yml")) + [data_dir / CITIES_FILE]
    for path in (p for p in files if p.is_file()):
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = path.as_posix()
        try:
            limit = MAX_REGISTRY_BYTES if path.name == CITIES_FILE else MAX_FILE_BYTES
            document = read_yaml(path, shown, limit=limit)
        except (YamlError, OSError):
            continue  # validate says what is wrong with it
        for where, value in _values(document.data, ()):
            if (
                where
                and where[-1] in URL_FIELDS
                and isinstance(value, str)
                and value.startswith(("https://", "http://"))
            ):
                line, _column = document.position(where)
                links.append(Link(shown, line or 1, value))
    return sorted(links, key=lambda link: (link.file, link.line))


def _values(data, path: tuple) -> Iterable[tuple[tuple, object]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _values(value, (*path, index))
    else:
        yield path, data


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx answer is raised as an HTTPError, and reported


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, timeout: float = TIMEOUT, user_agent: str = USER_AGENT) -> Result:
    """The answer to one address: HEAD, then GET where HEAD tells nothing."""
    result = _request(url, "HEAD", timeout, user_agent)
    if result.status in RETRY_WITH_GET:
        result = _request(url, "GET", timeout, user_agent)
    return result


def _request(url: str, method: str, timeout: float, user_agent: str) -> Result:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent, "Accept": "*/*"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return Result(url, response.status, response.reason or "")
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") if error.headers else None
        return Result(url, error.code, error.reason or "", urljoin(url, location) if location else None)
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return Result(url, None, f"timeout after {timeout:g} s")
        return Result(url, None, str(reason))
    except TimeoutError:
        return Result(url, None, f"timeout after {timeout:g} s")
    except (OSError, ValueError) as error:
        return Result(url, None, str(error) or type(error).__name__)


def check(
    links: list[Link], *, timeout: float = TIMEOUT, workers: int = WORKERS, user_agent: str = USER_AGENT
) -> dict[str, Result]:
    """{address: Result} for each address, fetched once, concurrently, at most PER_HOST per host."""
    hosts: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()

    def one(url: str) -> Result:
        host = urlsplit(url).netloc.lower()
        with lock:
            gate = hosts.setdefault(host, threading.Semaphore(PER_HOST))
        with gate:
            return fetch(url, timeout=timeout, user_agent=user_agent)

    urls = list(dict.fromkeys(link.url for link in links))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(urls, pool.map(one, urls), strict=True))


def report_lines(links: list[Link], results: dict[str, Result]) -> list[str]:
    """`file:line: url: status` for each citation of a dead or redirected address."""
    return [
        f"{link.file}:{link.line}: {link.url}: {results[link.url].describe()}"
        for link in links
        if not results[link.url].ok
    ]


def markdown_report(lines: list[str], checked: int) -> str:
    """The body of the link check's issue on GitHub."""
    head = f"The weekly link check fetched {checked} addresses cited by the records. "
    if not lines:
        return head + "Every one answered.\n"
    body = "\n".join(f"- {markdown_text(line)}" for line in lines)
    return (
        head
        + f"{len(lines)} citations point to an address that is gone or has moved:\n\n"
        + body
        + "\n\nReplace a moved address with its new one (after checking it says the same), and a dead one with "
        "the network's or the municipality's own page, or an archived copy; see CONTRIBUTING.md.\n"
    )
