"""Under `mkdocs serve`: the site folder emptied in a moment, its old content deleted after the build.

MkDocs empties the site folder before every build (removing some 2,000 files and 900 folders at
1,000 pages took a sixth of a rebuild). `BackgroundClean.empty` moves every entry MkDocs would remove
into a new folder beside it (one rename each, on the same file system); MkDocs then finds nothing
to remove. `delete_moved`, at the end of the build, deletes those folders in another process: a
thread deleting them during the build slowed it by a sixth at 878 pages (it holds the interpreter
between its system calls, and the disk is the build's too). What MkDocs leaves in place (hidden
entries) stays. Plain file-system work: no MkDocs here.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("citynet.sitefolder")


class BackgroundClean:
    def __init__(self):
        self.moved: list[Path] = []  # folders of old entries, not yet being deleted
        self.deleting: list[subprocess.Popen] = []

    def empty(self, site_dir: str | Path) -> bool:
        """Move the entries out of `site_dir`; False (and nothing moved) where that cannot be done,
        so that MkDocs removes them itself."""
        site = Path(site_dir)
        try:
            entries = [e for e in os.listdir(site) if not e.startswith(".")]  # as MkDocs' clean_directory
        except OSError:
            return False
        if not entries:
            return True
        try:
            trash = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))
        except OSError:
            return False
        for entry in entries:
            try:
                os.rename(site / entry, trash / entry)
            except OSError as error:  # left where it is: MkDocs removes it
                log.debug("could not move %s out of the site folder: %s", entry, error)
        self.moved.append(trash)
        return True

    def delete_moved(self) -> None:
        """Delete the folders moved aside so far, in a process of their own (the build has ended)."""
        self.deleting = [process for process in self.deleting if process.poll() is None]
        for trash in self.moved:
            try:
                process = subprocess.Popen(
                    [sys.executable, "-c", _DELETE, str(trash)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as error:  # no process to be had: delete it here
                log.debug("deleting %s in this process: %s", trash, error)
                shutil.rmtree(trash, ignore_errors=True)
                continue
            self.deleting.append(process)
        self.moved = []

    def wait(self) -> None:
        """Until every old folder is deleted (at the end of `mkdocs serve`)."""
        self.delete_moved()
        for process in self.deleting:
            process.wait()
        self.deleting = []


_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
