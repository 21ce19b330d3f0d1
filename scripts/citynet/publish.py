"""A build replaces the published site only when it is complete: the site folder is never half-written.

MkDocs empties site/ at the start of a build and writes it page by page, and the i18n plugin adds
the other languages (site/en/) at the end: a build stopped on the way (SIGTERM, Ctrl+C, a crash, a
strict-mode abort after the pages were written) used to leave half a site. Here `mkdocs build`
writes into a new folder beside it, `.site.building-<pid>`, and when the build has ended without
an error the new folder takes the place of site/:

- where the system can exchange two folders in one step (Linux: renameat2 with RENAME_EXCHANGE;
  macOS: renamex_np with RENAME_SWAP), site/ is the old complete site up to that instant and the
  new complete site after it; the old one, now at the new folder's name, is then deleted;
- elsewhere, site/ is renamed to `.site.old-<pid>` and the new folder to site/; a stop between the
  two renames leaves the old site beside an absent site/, and the next build puts it back first.

Folders left by stopped builds are deleted when the next build starts. site/ stays a plain folder
(not a link to one), so the Pages upload, a web server and the tests read it as before. Under
`mkdocs serve` nothing changes: it builds into a temporary folder of its own.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.citynet")

BUILDING = "building"
OLD = "old"
COMMANDS = ("build", "gh-deploy")  # the commands that publish site/; serve builds elsewhere


def sibling(site: Path, kind: str, pid: int | None = None) -> Path:
    return site.parent / f".{site.name}.{kind}-{os.getpid() if pid is None else pid}"


def recover(site: Path) -> None:
    """Undo what stopped builds left: put an old site back where site/ is missing (a stop between
    the two renames), and delete the folders of builds that no longer run."""
    leftovers = []
    for kind in (OLD, BUILDING):
        for path in sorted(site.parent.glob(f".{site.name}.{kind}-*")):
            pid = path.name.rsplit("-", 1)[1]
            if pid.isdigit() and not _running(int(pid)):
                leftovers.append((kind, path))
    for kind, path in leftovers:
        if kind == OLD and not os.path.lexists(site):
            os.rename(path, site)
            log.info("citynet: put back %s, the site a stopped build had moved aside", site.name)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of this process's own name is from a stopped build of another
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # pragma: no cover - e.g. Windows, where os.kill(pid, 0) is no probe
        return False
    return True


def start(site: Path, *, dirty: bool) -> Path:
    """The new folder this build writes into. A --dirty build starts from a copy of the site,
    since it rewrites only the pages that changed."""
    recover(site)
    staging = sibling(site, BUILDING)
    shutil.rmtree(staging, ignore_errors=True)
    if dirty and site.is_dir():
        shutil.copytree(site, staging, symlinks=True)
    else:
        staging.mkdir(parents=True)
    return staging


def publish(staging: Path, site: Path) -> None:
    """Put the complete build at `staging` in the place of `site`."""
    if not os.path.lexists(site):
        os.rename(staging, site)
    elif exchange(staging, site):
        shutil.rmtree(staging)  # it holds the old site now
    else:
        old = sibling(site, OLD)
        os.rename(site, old)
        os.rename(staging, site)  # a stop just before this line: recover() puts `old` back
        shutil.rmtree(old)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # Linux <linux/fs.h>
_RENAME_SWAP = 2  # macOS <stdio.h>


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system (or the file system) cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            result = libc.renamex_np(os.fsencode(a), os.fsencode(b), _RENAME_SWAP)
        else:
            return False
    except OSError:  # no C library to load (not a POSIX system)
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # a file system without the exchange: the two renames will do
    raise OSError(code, os.strerror(code), str(b))


class Publisher:
    """The one atomic publication of a `mkdocs build` process, driven by the hook's events:
    `startup` (which command), `redirect` (the first configuration: write into a new folder),
    `built` (post_build ran), `finish` (shutdown: publish if the build ended without an error)."""

    def __init__(self):
        self.command: str | None = None
        self.dirty = False
        self.config = None
        self.site: Path | None = None
        self.staging: Path | None = None
        self.complete = False

    def startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def redirect(self, config) -> None:
        if self.command not in COMMANDS or self.config is not None:
            return  # not a publishing command, or the same build's next language
        self.config = config
        self.site = Path(config.site_dir)
        self.staging = start(self.site, dirty=self.dirty)
        config.site_dir = str(self.staging)
        log.info("citynet: building into %s; it replaces %s when the build is complete", self.staging, self.site)

    def built(self) -> None:
        self.complete = True

    def finish(self) -> None:
        """Called in MkDocs' `finally` after the build: an exception on its way out (an error, a
        strict-mode abort, Ctrl+C) means the build is not complete, and the last site stays."""
        if self.staging is None:
            return
        self.config.site_dir = str(self.site)  # gh-deploy pushes site_dir after this event
        if self.complete and sys.exc_info()[0] is None:
            publish(self.staging, self.site)
        else:
            discard(self.staging)
            log.info("citynet: the build did not complete; %s is left as it was", self.site)
        self.staging = None
