"""The project's command line for editors: `citynet COMMAND` (in the checkout: `python3 scripts/dev.py COMMAND`).

Each command is a function that gets its parsed arguments and returns the exit code; failures say
what to do about them. The commands work on the project folder: the current folder, or the one
named with --project (the folder of mkdocs.yml). Each command imports what it needs when it runs,
so that `validate` loads only the loader (tests/unit/test_package.py checks which modules).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .layout import LANGUAGE_CODES
from .project import Project, ProjectError

# The title of validate's annotations in a pull request (`validate --github`).
CHECK_TITLE = "Data check"


def validate(args: argparse.Namespace) -> int:
    """Check every file in data/ and print every problem, one line each (--github: as annotations)."""
    today = datetime.date.fromisoformat(args.today) if args.today else None
    code, report = check(_data(args), today=today, github=args.github)
    print(report)
    if code:
        where = "problems in the annotations above (on their lines in Files changed)" if args.github else "lines above"
        print(f"Fix the {where}, then run the check again.", file=sys.stderr)
    return code


def check(data: Path, *, today: datetime.date | None = None, github: bool = False) -> tuple[int, str]:
    """(exit code, report): 0 when the data is clean (warnings allowed), 1 when not. With
    `github`, each problem is a GitHub Actions annotation on its file and line."""
    from .load import load_catalogue
    from .problems import DataError, format_problems

    title = CHECK_TITLE if github else None
    try:
        catalogue = load_catalogue(data, today=today)
    except DataError as error:
        return 1, format_problems(error.problems, github_title=title)
    lines = [format_problems(catalogue.warnings, github_title=title)] if catalogue.warnings else []
    counts = [(len(catalogue.networks), "network"), (len(catalogue.cities), "city"), (len(catalogue.topics), "topic")]
    lines.append("data is valid: " + ", ".join(f"{n} {_plural(n, word)}" for n, word in counts) + ".")
    return 0, "\n".join(lines)


def _plural(count: int, word: str) -> str:
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def new_network_command(args: argparse.Namespace) -> int:
    """Create data/networks/<id>.yml from the annotated template."""
    from .scaffold import ScaffoldError, new_network

    try:
        path = new_network(_data(args), args.id)
    except ScaffoldError as error:
        print(f"new-network: {error}", file=sys.stderr)
        return 1
    shown = _shown(path)
    print(
        f"created {shown}: replace every TODO in it (see CONTRIBUTING.md), then run `python3 scripts/dev.py validate`,"
    )
    print("which lists each TODO still left, with its line.")
    return 0


def stale(args: argparse.Namespace) -> int:
    """List the records due for review; warnings only, so the exit code is 0 unless the data is invalid."""
    from .load import load_catalogue
    from .problems import DataError, format_problems, github_annotation
    from .stale import ANNOTATION_TITLE, FIGURE_YEARS, REVIEW_MONTHS, find_stale

    try:
        catalogue = load_catalogue(_data(args), today=args.today)
    except DataError as error:
        print(format_problems(error.problems, github_title=CHECK_TITLE if args.github else None))
        print("The data has problems; fix them first (see `validate`).", file=sys.stderr)
        return 1
    found = find_stale(catalogue, args.today)
    for problem in found:
        print(github_annotation(problem, ANNOTATION_TITLE) if args.github else str(problem))
    records = len({p.file for p in found})
    rule = (
        f"last review older than {REVIEW_MONTHS} months, or 'as of' figures older than {FIGURE_YEARS} years, "
        f"on {args.today.isoformat()}"
    )
    out = sys.stderr if args.github else sys.stdout
    if records:
        print(f"{records} of {len(catalogue.networks)} records due for review ({rule}).", file=out)
    else:
        print(f"no record of {len(catalogue.networks)} is due for review ({rule}).", file=out)
    return 0


def pages(args: argparse.Namespace) -> int:
    """Write the whole site source into a folder, buildable with plain `mkdocs build`."""
    from .problems import DataError
    from .stage import StageError, write_site_source

    try:
        staged = write_site_source(Project.at(args.project), Path(args.out))
    except DataError as error:
        print(str(error))
        print("The data has problems; fix them first (see `validate`).", file=sys.stderr)
        return 1
    except StageError as error:
        print(f"pages: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {staged.generated} generated and {staged.handwritten} hand-written pages; "
        f"build them with: mkdocs build -f {_shown(staged.config_file)}"
    )
    return 0


def changes(args: argparse.Namespace) -> int:
    """What the data change since --base means, in words, as Markdown (per network and municipality)."""
    from .changereport import changes_report, head_report
    from .changes import compare
    from .changewords import ChangeWords

    def report(project: Project, head, base) -> str:
        named = _named(args.base, base.commit)
        if base.catalogue is None:
            words = ChangeWords(args.lang, today=args.today, names=_names(head))
            return head_report(head, words, base=named, problems=base.problems if base.folder else None)
        words = ChangeWords(args.lang, today=args.today, names=_names(base.catalogue) | _names(head))
        return changes_report(compare(base.catalogue, head), words, base=named, limit=args.max_chars)

    return _compared_with_base(args, report)


def changed_pages(args: argparse.Namespace) -> int:
    """Which pages (both languages) change since --base, as Markdown, with their files in the preview."""
    from .changedpages import compare_pages
    from .changereport import pages_report
    from .changewords import ChangeWords

    def report(project: Project, head, base) -> str:
        found = compare_pages(project, args.base, base.catalogue, head, args.today)
        words = ChangeWords(args.lang, today=args.today)
        return pages_report(found, words, preview_url=args.preview_url, limit=args.max_chars)

    return _compared_with_base(args, report, title="pages_title")


def _compared_with_base(args: argparse.Namespace, report, *, title: str = "report_title") -> int:
    """Load the working tree's data and the data at --base, and print `report(project, head,
    base)` (base: citynet.revision.BaseData). Invalid data in the working tree is said instead,
    under the report's title (a label)."""
    from .changereport import head_invalid_report
    from .changewords import ChangeWords
    from .load import load_catalogue
    from .problems import DataError
    from .revision import RevisionError, data_at

    project = Project.at(args.project)
    try:
        head = load_catalogue(project.data, today=args.today)
    except DataError as error:
        print(head_invalid_report(error.problems, ChangeWords(args.lang, today=args.today), title=title))
        print("The data has problems; fix them first (see `validate`).", file=sys.stderr)
        return 1
    try:
        with data_at(project, args.base, today=args.today) as base:
            print(report(project, head, base))
    except RevisionError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 2
    return 0


def _named(rev: str, commit: str) -> str:
    """The base as the reports name it, as Markdown: `main` (1a2b3c4d5e6f)."""
    if commit.startswith(rev.lower()):  # a commit id already
        return f"`{commit[:12]}`"
    shown = " ".join(rev.split()).replace("`", "'")
    return f"`{shown}` ({commit[:12]})"


def _names(catalogue) -> dict:
    return {network.id: network.short_name for network in catalogue.networks}


def check_links(args: argparse.Namespace) -> int:
    """Fetch every address the records cite; list the dead ones and the redirects (1 if any)."""
    from .linkcheck import check, collect, markdown_report, report_lines

    data = _data(args)
    links = collect(data, shown_root=Path.cwd() if args.data else data.parent)
    results = check(links, timeout=args.timeout, workers=args.workers)
    lines = report_lines(links, results)
    for line in lines:
        print(line)
    if args.markdown:
        Path(args.markdown).write_text(markdown_report(lines, len(results)) if lines else "", encoding="utf-8")
    print(f"checked {len(results)} addresses ({len(links)} citations): {len(lines)} to fix.", file=sys.stderr)
    return 1 if lines else 0


def _data(args: argparse.Namespace) -> Path:
    """The data folder: --data, else the project's data/ (a ProjectError if there is no project)."""
    return Path(args.data) if args.data else Project.at(args.project).data


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citynet", description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=".", help="the project folder, with mkdocs.yml (default: this folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    data_help = "a data folder to use instead of the project's data/ (e.g. a test's)"
    check = commands.add_parser("validate", help="check all records in data/ and list every problem")
    check.add_argument("--data", help=data_help)
    check.add_argument("--today", help="check dates as if today were this day, YYYY-MM-DD (for tests)")
    check.add_argument(
        "--github", action="store_true", help="print each problem as a GitHub Actions annotation (::error ...)"
    )
    check.set_defaults(run=validate)
    scaffold = commands.add_parser("new-network", help="create data/networks/ID.yml from the annotated template")
    scaffold.add_argument("id", help="the new network's id: lowercase letters, digits and hyphens, e.g. eurocities")
    scaffold.add_argument("--data", help=data_help)
    scaffold.set_defaults(run=new_network_command)
    due = commands.add_parser("stale", help="list records due for review (old review or old 'as of' figures)")
    due.add_argument("--github", action="store_true", help="print GitHub Actions warning annotations (::warning ...)")
    due.add_argument(
        "--today", type=_day, default=datetime.date.today(), help="the day to count from, YYYY-MM-DD (default: today)"
    )
    due.add_argument("--data", help=data_help)
    due.set_defaults(run=stale)
    compared = commands.add_parser(
        "changes", help="what the data change since a git revision means, in words (Markdown, for a pull request)"
    )
    compared.add_argument("--base", required=True, help="the revision to compare with, e.g. main or HEAD~1")
    compared.add_argument("--lang", choices=LANGUAGE_CODES, default="de", help="the language (default: de)")
    compared.add_argument("--max-chars", type=int, help="shorten the report to at most this many characters")
    compared.add_argument(
        "--today", type=_day, default=datetime.date.today(), help="the day to say dates from, YYYY-MM-DD"
    )
    compared.set_defaults(run=changes)
    changed = commands.add_parser(
        "changed-pages", help="which pages change since a git revision, in both languages (Markdown)"
    )
    changed.add_argument("--base", required=True, help="the revision to compare with, e.g. main or HEAD~1")
    changed.add_argument("--lang", choices=LANGUAGE_CODES, default="de", help="the language (default: de)")
    changed.add_argument("--preview-url", help="the address of the preview artifact, to link it")
    changed.add_argument("--max-chars", type=int, help="shorten the report to at most this many characters")
    changed.add_argument(
        "--today", type=_day, default=datetime.date.today(), help="the day the pages are made for, YYYY-MM-DD"
    )
    changed.set_defaults(run=changed_pages)
    links = commands.add_parser(
        "check-links", help="fetch every source and website address of the records; list dead links and redirects"
    )
    links.add_argument("--data", help=data_help)
    links.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for one answer (default: 20)")
    links.add_argument("--workers", type=int, default=8, help="addresses fetched at once (default: 8)")
    links.add_argument("--markdown", help="also write the findings as Markdown to this file (empty: none found)")
    links.set_defaults(run=check_links)
    staged = commands.add_parser("pages", help="write the site source (docs, pages, mkdocs.yml) to build without hooks")
    staged.add_argument("--out", required=True, help="a new or empty folder for it")
    staged.set_defaults(run=pages)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ProjectError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
