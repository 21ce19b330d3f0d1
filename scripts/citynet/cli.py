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


def _benchmark():
    from . import benchmark  # only when asked for: it is not needed to check data

    return benchmark


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citynet", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check all records in data/ and list every problem")
    check.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    check.set_defaults(run=validate)
    bench = commands.add_parser("benchmark", help="measure build time, memory and page size on synthetic data sets (takes minutes)")
    _benchmark().add_arguments(bench)
    bench.set_defaults(run=lambda args: _benchmark().run(args))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
