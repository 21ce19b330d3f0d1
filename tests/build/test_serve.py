"""`mkdocs serve`: a broken record shows its problems in the terminal (no traceback), and the
next good edit is served again without restarting the server; so is data put back to its last
good state after any bad one (a lone surrogate, a pipe or a link in data/networks/)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from support import copy_project

# Only a guard against a hung server, not a speed target: a rebuild of this site takes a few
# seconds, and the edit-to-browser time is measured by the benchmark (`dev.py benchmark`).
DEADLINE = 180


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


def _serve(project):
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=project,
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(server.stdout.readline, "")), daemon=True).start()
    return server, output, f"http://127.0.0.1:{port}/netzwerke/cdia/"


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def test_serve_shows_data_errors_and_recovers_on_the_next_good_edit(tmp_path):
    started = time.monotonic()
    until = started + DEADLINE
    project = copy_project(tmp_path / "project")
    server, output, page = _serve(project)
    record = project / "data/networks/cdia.yml"
    good = record.read_text(encoding="utf-8")
    try:
        first = _wait_for(lambda: _get(page), until, "the first build to be served")
        assert "City Directors of International Affairs" in first or "CDIA" in first

        broken = good.replace("scope: transatlantic", "scope: galactic", 1)
        assert broken != good
        record.write_text(broken, encoding="utf-8")
        problem = "data/networks/cdia.yml:"
        _wait_for(
            lambda: any("scope: 'galactic' is not allowed here" in line for line in output),
            until,
            "the data error in the terminal",
        )
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
        _stop(server)
    assert "Traceback" not in "".join(output)
    print(f"serve test took {time.monotonic() - started:.1f} s")


def test_serve_recovers_from_every_bad_state_once_the_data_is_good_again(tmp_path):
    """Each bad state is followed by the data exactly as it was at the last good build. Before issue
    17 a pipe named like a record blocked the rebuild for good (the build read it to see whether
    the data had changed), and a lone surrogate passed the check and failed in the export."""
    until = time.monotonic() + DEADLINE
    project = copy_project(tmp_path / "project")
    networks = project / "data/networks"
    record = networks / "cdia.yml"
    good = record.read_text(encoding="utf-8")
    surrogate = good.replace("short_name:\n  de: CDIA", 'short_name:\n  de: "CDIA \\ud800"', 1)
    assert surrogate != good
    states = {
        "a lone surrogate": (
            lambda: record.write_text(surrogate, encoding="utf-8"),
            lambda: record.write_text(good, encoding="utf-8"),
            "data/networks/cdia.yml:6:7: short_name.de: holds U+D800",
        ),
        "a pipe named like a record": (
            lambda: os.mkfifo(networks / "pipe.yml"),
            lambda: (networks / "pipe.yml").unlink(),
            "data/networks/pipe.yml: is not a plain file",
        ),
        "a link to /dev/zero": (
            lambda: os.symlink("/dev/zero", networks / "zero.yml"),
            lambda: (networks / "zero.yml").unlink(),
            "data/networks/zero.yml: is a symbolic link.",
        ),
    }
    server, output, page = _serve(project)
    try:
        _wait_for(lambda: _get(page), until, "the first build to be served")
        for name, (make_bad, make_good, said) in states.items():
            seen = len(output)
            make_bad()
            _wait_for(lambda said=said, seen=seen: any(said in line for line in output[seen:]), until, name)
            make_good()
            # Page requests wait while the last build failed: an answer means a good build since.
            _wait_for(lambda: _get(page), until, f"the page to be served again after {name}")
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n--- mkdocs serve said:\n{''.join(output)}") from None
    finally:
        _stop(server)
    assert "Traceback" not in "".join(output)
