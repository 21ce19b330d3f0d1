"""The project's command line: `python3 scripts/dev.py COMMAND` runs `citynet COMMAND` in .venv.

Each command is a function registered in COMMANDS; it gets its parsed arguments and returns the
exit code. Failures say what to do about them.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .load import load_catalogue
from .problems import DataError, format_problems

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "data"


def validate(args: argparse.Namespace) -> int:
    """Check every file in data/ and print every problem, one line each."""
    today = datetime.date.fromisoformat(args.today) if args.today else None
    code, report = check(Path(args.data), today=today)
    print(report)
    if code:
        print("Fix the lines above, then run the check again.", file=sys.stderr)
    return code


def check(data: Path, *, today: datetime.date | None = None) -> tuple[int, str]:
    """(exit code, report): 0 when the data is clean (warnings allowed), 1 when not."""
    try:
        catalogue = load_catalogue(data, today=today)
    except DataError as error:
        return 1, format_problems(error.problems)
    lines = [format_problems(catalogue.warnings)] if catalogue.warnings else []
    counts = [(len(catalogue.networks), "network"), (len(catalogue.cities), "city"), (len(catalogue.topics), "topic")]
    lines.append("data is valid: " + ", ".join(f"{n} {_plural(n, word)}" for n, word in counts) + ".")
    return 0, "\n".join(lines)


def _plural(count: int, word: str) -> str:
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citynet", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check all records in data/ and list every problem")
    check.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    check.add_argument("--today", help="check dates as if today were this day, YYYY-MM-DD (for tests)")
    check.set_defaults(run=validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
