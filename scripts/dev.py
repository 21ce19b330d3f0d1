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
import shutil
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


# Test tools from Debian, as (package, how to tell it is there). Chromium drives the browser tests
# (Playwright never downloads a browser here), Java runs the Nu Html Checker, npm installs the
# test tools of package.json. Where they cannot be installed, those tests FAIL (never skip).
DEBIAN_TEST_TOOLS = [
    ("chromium", lambda: Path("/usr/bin/chromium").exists()),
    ("default-jre-headless", lambda: shutil.which("java") is not None),
    ("npm", lambda: shutil.which("npm") is not None),
]


def ensure_debian_packages() -> None:
    missing = [package for package, present in DEBIAN_TEST_TOOLS if not present()]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"missing {', '.join(missing)} and cannot install them here (needs apt-get as root): "
            "the browser and HTML tests will fail until they are installed")
        return
    say(f"installing {', '.join(missing)} (apt-get)")
    apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=apt_env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=apt_env)


def ensure_npm_packages() -> None:
    """axe-core and vnu-jar (package.json), exactly as locked; again only when the lock changes.
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
    run(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", cwd=ROOT)
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
    """The strict build into site/ (CI and publishing). SOURCE_DATE_EPOCH: see scripts/hooks.py."""
    ensure_python_packages("")
    command = [BIN / "mkdocs", "build", "--strict", *args]
    return subprocess.call([str(c) for c in command], cwd=ROOT, env=environment())


def test(args: list[str]) -> int:
    ensure_python_packages("test")
    ensure_debian_packages()
    ensure_npm_packages()
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
