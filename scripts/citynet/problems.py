"""A problem found in the data, reported as `file:line:col: field.path: message`, and the list of them."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .hygiene import printable


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    # Warnings are printed but do not fail the check (e.g. an http:// source).
    warning: bool = False

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        kind = " warning:" if self.warning else ""
        # One problem, one line: file names and field names come from the data folder and may hold anything.
        return printable(f"{where}:{kind}{field} {self.message}")


class DataError(Exception):
    """The data has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(format_problems(self.problems))


class Findings:
    """The problems of one check of the data, collected so that one run reports all of them.

    Per file, the fields the schema has already refused are remembered: the later checks stay
    quiet about them, so that each mistake is reported once."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.refused: dict[str, set[tuple]] = {}

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def at(self, document, path: tuple, message: str, *, warning: bool = False) -> None:
        """A problem at a field of a read YAML document (citynet.yamlio.YamlDocument)."""
        if any(path[: len(r)] == r for r in self.refused.get(document.file, ())):
            return  # the schema check has already said what is wrong here
        line, column = document.position(path)
        self.problems.append(Problem(document.file, line, column, dotted_path(path), message, warning))

    def refuse(self, file: str, found: list[Problem]) -> None:
        self.problems += found
        self.refused[file] = {field_path(p.field) for p in found}

    def errors(self) -> int:
        return sum(1 for p in self.problems if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def dotted_path(path) -> str:
    """The path of a field as the messages print it: ("participants", 0, "city") -> `participants[0].city`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def field_path(dotted: str) -> tuple:
    """The inverse of dotted_path: `participants[0].city` -> ("participants", 0, "city")."""
    path: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted):
        path.append(int(index) if index else name)
    return tuple(path)


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.field, problem.message)


def format_problems(problems: list[Problem], *, github_title: str | None = None) -> str:
    """One line per problem, in file and line order, and the count of errors at the end. With
    `github_title`, each problem is a GitHub Actions annotation with that title (github_annotation);
    the count line is plain text either way (it holds no text from the data)."""
    errors = [p for p in problems if not p.warning]
    ordered = sorted(problems, key=_sort_key)
    lines = [github_annotation(p, github_title) if github_title else str(p) for p in ordered]
    if errors:
        files = len({p.file for p in errors})
        lines.append(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''}."
        )
    return "\n".join(lines)


def github_annotation(problem: Problem, title: str) -> str:
    """A GitHub Actions workflow command that shows the problem on its file in a pull request:
    `::warning` for a warning, `::error` otherwise.

    Escaped as GitHub's own toolkit does it (@actions/core, escapeData and escapeProperty): in
    the message `%`, CR and LF; in the properties also `:` and `,`. So the command stays on one
    line, and no file name or value can end a property, start another command, or forge one."""
    properties = [f"file={_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_property(title)}")
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    kind = "warning" if problem.warning else "error"
    return f"::{kind} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    # GitHub's escapes for what ends its commands, then ours for anything else a terminal would act on.
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def advice_logger(name: str, prefix: str = "") -> logging.Logger:
    """A logger for advice that must not fail a strict build (an http:// source, placeholders in
    the operator's facts): printed like MkDocs' own warnings, but outside the `mkdocs` logger
    tree, whose warnings `mkdocs build --strict` counts. Set up once per process, however often
    it is asked for (once per build under `mkdocs serve`)."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(f"%(levelname)-7s -  {prefix}%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger
