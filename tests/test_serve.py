"""`mkdocs serve`: a broken record shows its problems in the terminal (no traceback), and the
next good edit is served again without restarting the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from conftest import copy_project

DEADLINE = 20  # seconds for the whole test; a rebuild of this site takes about 3 s


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition, until: float, what: str):
    while time.monotonic() < until:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")  # the caller adds the server output


def test_serve_shows_data_errors_and_recovers_on_the_next_good_edit(tmp_path):
    started = time.monotonic()
    until = started + DEADLINE
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=project,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(iter(server.stdout.readline, "")), daemon=True)
    reader.start()
    page = f"http://127.0.0.1:{port}/netzwerke/cdia/"
    record = project / "data/networks/cdia.yml"
    good = record.read_text(encoding="utf-8")
    try:
        first = _wait_for(lambda: _get(page), until, "the first build to be served")
        assert "City Directors of International Affairs" in first or "CDIA" in first

        broken = good.replace("scope: transatlantic", "scope: galactic", 1)
        assert broken != good
        record.write_text(broken, encoding="utf-8")
        problem = "data/networks/cdia.yml:"
        _wait_for(lambda: any("scope: 'galactic' is not allowed here" in line for line in output), until, "the data error in the terminal")
        assert any(line.startswith(problem) for line in output)
        # While the data is broken, MkDocs' server holds page requests ("the server will appear
        # stuck until build errors are resolved"); nothing half-built is ever served.

        marker = "Geprüft im Test der Entwicklungsumgebung"
        fixed = good.replace("summary:\n  de: ", f"summary:\n  de: {marker} ", 1)
        assert fixed != good
        record.write_text(fixed, encoding="utf-8")
        _wait_for(lambda: marker in (_get(page) or ""), until, "the fixed page to be served")
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n--- mkdocs serve said:\n{''.join(output)}") from None
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    assert "Traceback" not in "".join(output)
    print(f"serve test took {time.monotonic() - started:.1f} s")
    assert time.monotonic() - started < DEADLINE
