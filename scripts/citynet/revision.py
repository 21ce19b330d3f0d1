"""Another git revision (the base of a pull request), read without touching the working tree.

`data_at` writes the files of data/ at that revision from git's object store into a temporary
folder, where the package's own loader reads them; `changed_files` lists the files that differ
from the working tree. `changes` and `changed-pages` compare the working tree with the base.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .load import load_catalogue
from .model import Catalogue
from .problems import DataError, Problem
from .project import Project
from .read import SCHEMA_DIR

# git's modes of an ordinary file; a symbolic link (120000) or a submodule is not data.
_FILE_MODES = ("100644", "100755")


class RevisionError(Exception):
    """The revision cannot be read (unknown, or git is missing); the message says what to do."""


@dataclass(frozen=True, kw_only=True)
class BaseData:
    """The data at a revision: its catalogue, or why there is none."""

    rev: str  # as given, e.g. HEAD~1 or a commit id
    commit: str  # the commit it names, in full
    folder: Path | None  # its data/ folder, written out (None: the revision has no data/)
    catalogue: Catalogue | None = None  # None when absent or invalid
    problems: list[Problem] = field(default_factory=list)  # why it is invalid

    @property
    def short(self) -> str:
        return self.commit[:12]


@contextmanager
def data_at(project: Project, rev: str, *, today: datetime.date | None = None) -> Iterator[BaseData]:
    """The data of `project` at `rev`, loaded, while the `with` block runs (the temporary folder
    goes with it). RevisionError if git cannot name the revision.

    It is checked against the schemas of the working tree, not its own: this version's code
    builds the records, and it can only build what fits this version's format. Data of an older
    format is invalid here, and says why."""
    commit = _git(project, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    with tempfile.TemporaryDirectory(prefix="citynet-base-") as temporary:
        folder = Path(temporary) / "data"
        if not _write_tree(project, commit, folder):
            yield BaseData(rev=rev, commit=commit, folder=None)
            return
        shutil.rmtree(folder / SCHEMA_DIR, ignore_errors=True)
        shutil.copytree(project.data / SCHEMA_DIR, folder / SCHEMA_DIR)
        try:
            catalogue = load_catalogue(folder, today=today)
        except DataError as error:
            yield BaseData(rev=rev, commit=commit, folder=folder, problems=error.problems)
            return
        yield BaseData(rev=rev, commit=commit, folder=folder, catalogue=catalogue)


def changed_files(project: Project, rev: str, paths: tuple[str, ...]) -> list[tuple[str, str]]:
    """(status letter, path) of each file below `paths` that differs between `rev` and the
    working tree, paths relative to the project: git diff's letters (a rename is a removal and an
    addition), and "A" for a new file git does not track yet (unless .gitignore names it)."""
    listing = _git(project, "diff", "--name-status", "-z", "--no-renames", "--relative", rev, "--", *paths)
    fields = listing.split("\0")
    found = [(fields[i][0], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]
    untracked = _git(project, "ls-files", "-z", "--others", "--exclude-standard", "--", *paths)
    return sorted(found + [("A", path) for path in filter(None, untracked.split("\0"))], key=lambda f: f[1])


def _write_tree(project: Project, commit: str, folder: Path) -> bool:
    """Write the files below data/ of `commit` into `folder`; False if it has no data/ folder."""
    # Paths relative to the project folder (it may be a subfolder of the repository); -z: as they are.
    listing = _git(project, "ls-tree", "-r", "-z", commit, "--", "data/")
    entries = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, object_id = meta.split()
        relative = PurePosixPath(path).relative_to("data")
        if kind == "blob" and mode in _FILE_MODES and ".." not in relative.parts:
            entries.append((object_id, relative))
    if not entries:
        return False
    contents = _blobs(project, [object_id for object_id, _ in entries])
    for (_, relative), content in zip(entries, contents, strict=True):
        target = folder.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return True


def _blobs(project: Project, object_ids: list[str]) -> list[bytes]:
    """The contents of the objects, read in one `git cat-file --batch` call."""
    completed = _run(project, ["cat-file", "--batch"], input="".join(f"{o}\n" for o in object_ids).encode())
    out, position, contents = completed.stdout, 0, []
    for _ in object_ids:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start : start + size])
        position = start + size + 1  # the content is followed by a newline
    return contents


def _git(project: Project, *args: str) -> str:
    return _run(project, list(args)).stdout.decode("utf-8", errors="surrogateescape")


def _run(project: Project, args: list[str], input: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotePath=off", "-C", str(project.root), *args],
            input=input,
            capture_output=True,
            timeout=120,
            check=False,
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed: comparing with another revision needs it.") from None
    if completed.returncode != 0:
        if args[0] == "rev-parse":
            raise RevisionError(
                f"{args[-1].removesuffix('^{commit}')!r} names no commit in the git repository of {project.root} "
                "(or the folder is in none). Give a branch, a tag or a commit id; in a shallow clone, fetch the "
                "base first (git fetch origin BRANCH)."
            )
        message = completed.stderr.decode("utf-8", errors="replace").strip()
        raise RevisionError(f"git {args[0]} failed: {message}")
    return completed
