"""The project folder, the folder of mkdocs.yml: every path the code reads is found from it.

Nothing in the package derives a path from where its own files lie, so a normal install (not
editable) works as well as the checkout: the command line takes the current folder or
`--project DIR`, the build hook the folder of the configuration file MkDocs was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


class ProjectError(Exception):
    """The folder is not a project folder; the message says what to do."""


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, folder: Path | str) -> Project:
        root = Path(folder).resolve()
        if not (root / CONFIG_FILE).is_file():
            raise ProjectError(
                f"{root} has no {CONFIG_FILE}, so it is not the project folder. Run the command in the "
                f"project folder (the one with {CONFIG_FILE}, data/ and docs/), or name it with --project DIR."
            )
        return cls(root)

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def geo(self) -> Path:
        """The base maps (data/geo/README.md says where they come from)."""
        return self.data / "geo"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"
