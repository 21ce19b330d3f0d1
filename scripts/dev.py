#!/usr/bin/env python3
"""The two commands a developer needs, each installing what it needs first.

    python3 scripts/dev.py serve   # the site at http://127.0.0.1:8000/, rebuilt on every edit
    python3 scripts/dev.py test    # the whole test suite (the same command CI runs)
    python3 scripts/dev.py build      # the strict build into site/, as the publishing workflow does it
    python3 scripts/dev.py validate   # and the other commands of scripts/citynet/cli.py

Needs only Python 3.11+. Installs into .venv/ in the project; installs again only when
pyproject.toml changes. Extra arguments go to mkdocs serve or pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*command, **kwargs) -> None:
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def ensure_python_packages(extra: str) -> None:
    """Create .venv and install the project with the given extra, unless already done."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    spec = "." + (f"[{extra}]" if extra else "")
    stamp = VENV / f".installed-{extra or 'site'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say(f"installing Python packages ({spec})")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--editable", spec, cwd=ROOT)
    stamp.write_text(wanted)


def environment() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner on every run
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    return env


def serve(args: list[str]) -> int:
    ensure_python_packages("")
    say("serving on http://127.0.0.1:8000/ (Ctrl+C stops)")
    command = [BIN / "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *args]
    return subprocess.call([str(c) for c in command], cwd=ROOT, env=environment())


def build(args: list[str]) -> int:
    """The strict build into site/ (CI and publishing). SOURCE_DATE_EPOCH: see scripts/hooks.py."""
    ensure_python_packages("")
    command = [BIN / "mkdocs", "build", "--strict", *args]
    return subprocess.call([str(c) for c in command], cwd=ROOT, env=environment())


def test(args: list[str]) -> int:
    ensure_python_packages("test")
    code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=environment())
    if code == 5:
        say("pytest collected no tests: that is a failure here.")
    return code


def citynet(args: list[str]) -> int:
    """Any other command goes to the project's command line (scripts/citynet/cli.py)."""
    ensure_python_packages("")
    return subprocess.call([str(PYTHON), "-m", "citynet.cli", *args], cwd=ROOT, env=environment())


COMMANDS = {"serve": serve, "test": test, "build": build}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    return COMMANDS.get(argv[0], lambda rest: citynet(argv))(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
