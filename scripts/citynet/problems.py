"""A problem found in the data, reported as `file:line:col: field.path: message`."""

from __future__ import annotations

import logging
from dataclasses import dataclass


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
        return f"{where}:{kind}{field} {self.message}"


class DataError(Exception):
    """The data has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(format_problems(self.problems))


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.field, problem.message)


def format_problems(problems: list[Problem]) -> str:
    errors = [p for p in problems if not p.warning]
    lines = [str(p) for p in sorted(problems, key=_sort_key)]
    if errors:
        files = len({p.file for p in errors})
        lines.append(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''}."
        )
    return "\n".join(lines)


def advice_logger(name: str, prefix: str = "") -> logging.Logger:
    """A logger for advice that must not fail a strict build (an http:// source, placeholders in
    the operator's facts): printed like MkDocs' own warnings, but outside the `mkdocs` logger
    tree, whose warnings `mkdocs build --strict` counts. Set up once per process: the hooks are
    loaded again on every rebuild under `mkdocs serve`."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(f"%(levelname)-7s -  {prefix}%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger
