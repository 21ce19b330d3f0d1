"""Fixtures of the build tests: the real site, built once per test session with --strict."""

from __future__ import annotations

import pytest

from support import BuildResult, build, copy_project


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuildResult:
    """The real site, built once per test session with --strict."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result
