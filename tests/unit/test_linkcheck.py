"""check-links against a local HTTP server on 127.0.0.1: a dead link, a redirect, a page that
refuses HEAD, a server that does not answer in time; each reported as `file:line: url: status`.
No request leaves this machine."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

from citynet import cli
from citynet.linkcheck import USER_AGENT, Link, check, collect, markdown_report, report_lines

SEEN_AGENTS: list[str] = []


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/dead":
            self.send_response(404)
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(500)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _project(tmp_path: Path, base: str) -> Path:
    data = tmp_path / "data"
    (data / "networks").mkdir(parents=True)
    (data / "networks" / "example.yml").write_text(
        "name: Example\n"
        f"website: {base}/ok\n"
        "joining:\n"
        f"  page: {base}/no-head\n"
        "sources:\n"
        "  - id: one\n"
        f"    url: {base}/dead\n"
        "  - id: two\n"
        f"    url: {base}/moved\n"
        "  - id: three\n"
        f"    url: {base}/dead\n",
        encoding="utf-8",
    )
    (data / "cities.yml").write_text(
        f"essen:\n  name: Essen\n  international_page:\n    url: {base}/moved\n    language: de\n", encoding="utf-8"
    )
    return data


def test_collect_finds_every_address_with_its_line(tmp_path, server):
    links = collect(_project(tmp_path, server))
    assert [(link.file, link.line, link.url.removeprefix(server)) for link in links] == [
        ("data/cities.yml", 4, "/moved"),
        ("data/networks/example.yml", 2, "/ok"),
        ("data/networks/example.yml", 4, "/no-head"),
        ("data/networks/example.yml", 7, "/dead"),
        ("data/networks/example.yml", 9, "/moved"),
        ("data/networks/example.yml", 11, "/dead"),
    ]


def test_real_records_have_addresses_on_their_lines():
    data = Path(__file__).resolve().parents[2] / "data"
    links = collect(data)
    assert links, "the records cite web addresses"
    for link in links:
        line = (data.parent / link.file).read_text("utf-8").splitlines()[link.line - 1]
        assert link.url in line, link


def test_dead_link_and_redirect_are_reported_as_file_line_url_status(tmp_path, server):
    SEEN_AGENTS.clear()
    links = collect(_project(tmp_path, server))
    results = check(links, timeout=5)
    assert len(results) == 4  # /dead is fetched once for its two citations
    assert report_lines(links, results) == [
        f"data/cities.yml:4: {server}/moved: 301 Moved Permanently -> {server}/ok",
        f"data/networks/example.yml:7: {server}/dead: 404 Not Found",
        f"data/networks/example.yml:9: {server}/moved: 301 Moved Permanently -> {server}/ok",
        f"data/networks/example.yml:11: {server}/dead: 404 Not Found",
    ]
    assert results[f"{server}/no-head"].ok  # HEAD refused, GET answered
    assert set(SEEN_AGENTS) == {USER_AGENT}


def test_a_server_that_does_not_answer_in_time_is_reported(server):
    links = [Link("data/networks/x.yml", 3, f"{server}/slow")]
    results = check(links, timeout=0.5)
    assert report_lines(links, results) == [f"data/networks/x.yml:3: {server}/slow: no answer (timeout after 0.5 s)"]


def test_the_command_prints_the_findings_and_writes_the_issue_text(tmp_path, server, capsys, monkeypatch):
    data = _project(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "links.md"
    code = cli.main(["check-links", "--data", str(data), "--timeout", "5", "--markdown", str(report)])
    out = capsys.readouterr()
    assert code == 1
    assert out.out.splitlines() == [
        f"data/cities.yml:4: {server}/moved: 301 Moved Permanently -> {server}/ok",
        f"data/networks/example.yml:7: {server}/dead: 404 Not Found",
        f"data/networks/example.yml:9: {server}/moved: 301 Moved Permanently -> {server}/ok",
        f"data/networks/example.yml:11: {server}/dead: 404 Not Found",
    ]
    assert "checked 4 addresses (6 citations): 4 to fix." in out.err
    text = report.read_text("utf-8")
    assert "4 citations point to an address that is gone or has moved" in text
    assert "example.yml:9:" in text


def test_nothing_to_fix_leaves_the_issue_text_empty(tmp_path, server):
    assert markdown_report([], 3).startswith("The weekly link check fetched 3 addresses")
    data = tmp_path / "data"
    (data / "networks").mkdir(parents=True)
    (data / "networks" / "fine.yml").write_text(f"website: {server}/ok\n", encoding="utf-8")
    report = tmp_path / "links.md"
    assert cli.main(["check-links", "--data", str(data), "--markdown", str(report)]) == 0
    assert report.read_text("utf-8") == ""
