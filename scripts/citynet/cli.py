"""The project's command line: `python3 scripts/dev.py COMMAND` runs `citynet COMMAND` in .venv.

Each command is a function registered in COMMANDS; it gets its parsed arguments and returns the
exit code. Failures say what to do about them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import load_catalogue
from .problems import DataError, format_problems
from .scaffold import ScaffoldError, new_network

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "data"


def validate(args: argparse.Namespace) -> int:
    """Check every file in data/ and print every problem, one line each."""
    try:
        catalogue = load_catalogue(Path(args.data))
    except DataError as error:
        print(format_problems(error.problems))
        print("Fix the lines above, then run the check again.", file=sys.stderr)
        return 1
    if catalogue.warnings:
        print(format_problems(catalogue.warnings))
    print(f"data is valid: {len(catalogue.networks)} networks, {len(catalogue.cities)} cities, {len(catalogue.topics)} topics.")
    return 0


def new_network_command(args: argparse.Namespace) -> int:
    """Create data/networks/<id>.yml from the annotated template."""
    try:
        path = new_network(Path(args.data), args.id)
    except ScaffoldError as error:
        print(f"new-network: {error}", file=sys.stderr)
        return 1
    shown = _shown(path)
    print(f"created {shown}: replace every TODO in it (see CONTRIBUTING.md), then run `python3 scripts/dev.py validate`,")
    print("which lists each TODO still left, with its line.")
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citynet", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check all records in data/ and list every problem")
    check.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    check.set_defaults(run=validate)
    scaffold = commands.add_parser("new-network", help="create data/networks/ID.yml from the annotated template")
    scaffold.add_argument("id", help="the new network's id: lowercase letters, digits and hyphens, e.g. eurocities")
    scaffold.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    scaffold.set_defaults(run=new_network_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
