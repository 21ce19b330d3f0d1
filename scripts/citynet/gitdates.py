"""When each record last changed, from the git history: one `git log` call for all files.

Kept apart from rendering: the build hook asks once and hands the dates to the renderer as a dict,
so rendering stays pure and testable. Outside a git checkout, without git, or for a file that
has no commit yet, the date is None (the page then says "unknown").
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

_MARK = "\x00"  # what git prints for %x00: no file name starts with it


def last_changed(root: Path, files: list[str]) -> dict[str, datetime.date | None]:
    """{file: date of the newest commit that touched it, or None}, for paths relative to root."""
    dates: dict[str, datetime.date | None] = {file: None for file in files}
    if not files:
        return dates
    try:
        completed = subprocess.run(
            # %cs: committer date, YYYY-MM-DD. --relative: paths relative to root, even in a subfolder of a repository.
            [
                "git",
                "-c",
                "core.quotePath=off",
                "-C",
                str(root),
                "log",
                "--format=%x00%cs",
                "--name-only",
                "--relative",
                "--",
                *files,
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return dates
    if completed.returncode != 0:
        return dates
    return _parse(completed.stdout, dates)


def _parse(log: str, dates: dict[str, datetime.date | None]) -> dict[str, datetime.date | None]:
    current = None
    for line in log.splitlines():
        if line.startswith(_MARK):
            current = datetime.date.fromisoformat(line[1:].strip())
        elif line and line in dates and dates[line] is None:
            dates[line] = current  # the log is newest first: the first mention is the last change
    return dates


def commit_timestamp(root: Path) -> int | None:
    """Unix time of the checked-out commit (for SOURCE_DATE_EPOCH), or None outside git."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = completed.stdout.strip()
    return int(text) if completed.returncode == 0 and text.isdigit() else None
