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
from .scaffold import ScaffoldError, new_network
from .stale import FIGURE_YEARS, REVIEW_MONTHS, find_stale, github_annotation

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


def stale(args: argparse.Namespace) -> int:
    """List the records due for review; warnings only, so the exit code is 0 unless the data is invalid."""
    data = Path(args.data)
    try:
        catalogue = load_catalogue(data, today=args.today)
    except DataError as error:
        print(format_problems(error.problems))
        print("The data has problems; fix them first (see `validate`).", file=sys.stderr)
        return 1
    found = find_stale(catalogue, data.resolve().parent, args.today)
    for problem in found:
        print(github_annotation(problem) if args.github else str(problem))
    records = len({p.file for p in found})
    rule = f"last review older than {REVIEW_MONTHS} months, or 'as of' figures older than {FIGURE_YEARS} years, on {args.today.isoformat()}"
    if records:
        print(f"{records} of {len(catalogue.networks)} records due for review ({rule}).", file=sys.stderr if args.github else sys.stdout)
    else:
        print(f"no record of {len(catalogue.networks)} is due for review ({rule}).", file=sys.stderr if args.github else sys.stdout)
    return 0


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day; write YYYY-MM-DD") from None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _benchmark():
    from . import benchmark  # only when asked for: it is not needed to check data

    return benchmark


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citynet", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check all records in data/ and list every problem")
    check.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    check.add_argument("--today", help="check dates as if today were this day, YYYY-MM-DD (for tests)")
    check.set_defaults(run=validate)
    scaffold = commands.add_parser("new-network", help="create data/networks/ID.yml from the annotated template")
    scaffold.add_argument("id", help="the new network's id: lowercase letters, digits and hyphens, e.g. eurocities")
    scaffold.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    scaffold.set_defaults(run=new_network_command)
    due = commands.add_parser("stale", help="list records due for review (old review or old 'as of' figures)")
    due.add_argument("--github", action="store_true", help="print GitHub Actions warning annotations (::warning file=...)")
    due.add_argument("--today", type=_day, default=datetime.date.today(), help="the day to count from, YYYY-MM-DD (default: today)")
    due.add_argument("--data", default=str(DATA), help="the data folder (default: data/)")
    due.set_defaults(run=stale)
    bench = commands.add_parser("benchmark", help="measure build time, memory and page size on synthetic data sets (takes minutes)")
    _benchmark().add_arguments(bench)
    bench.set_defaults(run=lambda args: _benchmark().run(args))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
