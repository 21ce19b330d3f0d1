#!/usr/bin/env python3
"""The two commands a developer needs, each installing what it needs first.

    python3 scripts/dev.py serve   # the site at http://127.0.0.1:8000/, rebuilt on every edit
    python3 scripts/dev.py test    # the whole test suite (the same command CI runs)
    python3 scripts/dev.py build      # the strict build into site/, as the publishing workflow does it
    python3 scripts/dev.py validate   # and the other commands of scripts/citynet/cli.py (`citynet --help`)
    python3 scripts/dev.py check-links  # fetches every address the records cite (needs the network;
                                        # never part of `test`; .github/workflows/links.yml runs it weekly)
    python3 scripts/dev.py benchmark  # developer tools beside this file: benchmark, build-profile,
                                      # lighthouse, make-geodata, synthetic-data (scripts/benchmark.py,
                                      # build_profile.py, lighthouse.py, make_geodata.py, synthetic_data.py)

Needs only Python 3.11+. Installs into .venv/ in the project (the citynet package editable, so
that an edit to it is the code every command runs); installs again only when pyproject.toml
changes. Extra arguments go to mkdocs serve, pytest or the command. This file is the entrance, so
it finds the project as its own parent folder and runs every command there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    # On stderr, like the installers' output: what a command prints is its own (`changes > file`).
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def run(*command, **kwargs) -> None:
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def ensure_python_packages(extra: str) -> None:
    """Create .venv and install the project with the given extra, unless already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under any python3 and says what it needs
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    spec = "." + (f"[{extra}]" if extra else "")
    stamp = VENV / f".installed-{extra or 'site'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    # The test extra holds the site's packages too: after `test`, `serve` and `build` need nothing.
    done = [stamp] + ([VENV / ".installed-test"] if not extra else [])
    if any(path.exists() and path.read_text() == wanted for path in done):
        return
    say(f"installing Python packages ({spec})")
    quiet = {"stdout": sys.stderr}
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip", **quiet)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--editable", spec, cwd=ROOT, **quiet)
    stamp.write_text(wanted)


# Test tools from Debian, as (package, how to tell it is there). Chromium drives the browser tests
# (Playwright never downloads a browser here), Java runs the Nu Html Checker, npm installs the
# test tools of package.json, jq runs the pull request comment's script as GitHub's runner has it.
# Where they cannot be installed, those tests FAIL (never skip).
DEBIAN_TEST_TOOLS = [
    ("chromium", lambda: Path("/usr/bin/chromium").exists()),
    ("default-jre-headless", lambda: shutil.which("java") is not None),
    ("npm", lambda: shutil.which("npm") is not None),
    ("jq", lambda: shutil.which("jq") is not None),
]


def ensure_debian_packages() -> None:
    missing = [package for package, present in DEBIAN_TEST_TOOLS if not present()]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        say(
            f"missing {', '.join(missing)} and cannot install them here (needs apt-get as root): "
            "the browser and HTML tests will fail until they are installed"
        )
        return
    say(f"installing {', '.join(missing)} (apt-get)")
    apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=apt_env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=apt_env)


def ensure_npm_packages() -> None:
    """The test tools of package.json, exactly as locked; again only when the lock changes.
    --ignore-scripts: vnu-jar's install script would try to download Java, which Debian provides."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        say("npm is missing: the browser and HTML tests will fail")
        return
    say("installing npm packages (npm ci)")
    run(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", cwd=ROOT, stdout=sys.stderr)
    stamp.write_text(wanted)


def environment() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner on every run
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"  # the browser tests use Debian's Chromium
    return env


def serve(args: list[str]) -> int:
    ensure_python_packages("")
    say("serving on http://127.0.0.1:8000/ (Ctrl+C stops)")
    command = [BIN / "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *args]
    return subprocess.call([str(c) for c in command], cwd=ROOT, env=environment())


def build(args: list[str]) -> int:
    """The strict build into site/ (CI and publishing). SOURCE_DATE_EPOCH: see scripts/hooks.py.
    site/ is replaced only by a complete build (scripts/citynet/publish.py); a SIGTERM to this
    command stops the build too, instead of leaving it to run on unseen."""
    ensure_python_packages("")
    command = [BIN / "mkdocs", "build", "--strict", *args]
    process = subprocess.Popen([str(c) for c in command], cwd=ROOT, env=environment())
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda signum, frame: process.send_signal(signum))
    code = process.wait()
    return 128 - code if code < 0 else code  # killed by a signal: the shell's exit code for it


def test(args: list[str]) -> int:
    """The style gate (ruff, settings in pyproject.toml), then the test suite; a failure of either fails."""
    ensure_python_packages("test")
    ensure_debian_packages()
    ensure_npm_packages()
    for check in (["check", "."], ["format", "--check", "."]):
        if subprocess.call([str(BIN / "ruff"), *check], cwd=ROOT, env=environment()) != 0:
            say(f"`ruff {' '.join(check)}` failed: fix the lines above (`ruff format .` formats the code).")
            return 1
    code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=environment())
    if code == 5:
        say("pytest collected no tests: that is a failure here.")
    return code


def citynet(args: list[str]) -> int:
    """Any other command goes to the project's command line (scripts/citynet/cli.py)."""
    ensure_python_packages("")
    return subprocess.call([str(PYTHON), "-m", "citynet.cli", *args], cwd=ROOT, env=environment())


# Developer tools, each a script beside this one, run with the packages of .venv.
DEVELOPER_SCRIPTS = {
    "benchmark": "benchmark.py",
    "build-profile": "build_profile.py",
    "lighthouse": "lighthouse.py",
    "make-geodata": "make_geodata.py",
    "synthetic-data": "synthetic_data.py",
}


def developer_script(name: str):
    def run_script(args: list[str]) -> int:
        ensure_python_packages("")
        script = ROOT / "scripts" / DEVELOPER_SCRIPTS[name]
        return subprocess.call([str(PYTHON), str(script), *args], cwd=ROOT, env=environment())

    return run_script


COMMANDS = {"serve": serve, "test": test, "build": build} | {name: developer_script(name) for name in DEVELOPER_SCRIPTS}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    return COMMANDS.get(argv[0], lambda rest: citynet(argv))(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
