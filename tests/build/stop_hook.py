"""A hook the atomic-build test adds to a copied project (before scripts/hooks.py): at the moment
named in CITYNET_TEST_STOP_AT it writes that name to the file CITYNET_TEST_STOPPED and waits to be
killed, so that the test can stop a build at a known point."""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.plugins import event_priority

_pages: dict[str, int] = {}
_post_builds = []


def _stop(moment: str) -> None:
    if os.environ.get("CITYNET_TEST_STOP_AT") == moment:
        Path(os.environ["CITYNET_TEST_STOPPED"]).write_text(moment, encoding="utf-8")
        time.sleep(600)


def on_pre_build(*, config):
    _stop("pre_build")


def on_files(files, *, config):
    _stop("files")
    return files


def on_post_page(output, *, page, config):
    # After the page is rendered; MkDocs writes it right after this event.
    language = "en" if page.file.src_uri.endswith(".en.md") else "de"
    _pages[language] = _pages.get(language, 0) + 1
    _stop(f"page {_pages[language]} {language}")
    return output


# After every other post_build handler: in the inner build of the other language, then in the
# outer build, when every page of both languages is written and only the publication is left.
@event_priority(-200)
def on_post_build(*, config):
    _post_builds.append(1)
    _stop(f"post_build {len(_post_builds)}")


def on_shutdown():
    _stop("shutdown")  # before scripts/hooks.py's on_shutdown, which publishes
