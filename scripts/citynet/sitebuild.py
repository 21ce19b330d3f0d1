"""What a build makes from the project, without MkDocs: the generated pages and the open data files.

`generate_site` is the one function both ways of building call: the MkDocs hook (scripts/hooks.py)
through `SiteBuild`, which keeps the result while the input stays the same, and `citynet pages`
(citynet/stage.py), which writes it into a folder that plain MkDocs builds.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from . import layout
from .feed import feeds
from .forked import Forked
from .gitdates import commit_timestamp, last_changed
from .load import fingerprint, load_catalogue
from .memo import Memo
from .model import Catalogue
from .opendata import published_files
from .project import Project
from .read import SCHEMA_DIR
from .render import GeneratedPage, render_pages, template_files
from .settings import SiteSettings


@dataclass(frozen=True)
class GeneratedSite:
    catalogue: Catalogue
    pages: dict[str, GeneratedPage]  # by src path in the docs tree
    exports: dict[str, bytes]  # the open data files, by path below the downloads folder
    feeds: dict[str, bytes]  # the Atom feeds of changes, by path below the site root (feed.xml, en/feed.xml)


def generate_site(
    project: Project,
    settings: SiteSettings,
    *,
    today: datetime.date,
    memo: Memo | None = None,
    read_memo: Memo | None = None,
) -> GeneratedSite:
    """Load data/ (DataError if it has problems), render every page and make the open data files.
    With `memo`, the record pages whose input is unchanged since its last rendering are reused; with
    `read_memo`, the data files whose bytes are unchanged since the last load."""
    catalogue = load_catalogue(project.data, memo=read_memo)
    # One git call for all records: rendering gets the dates as plain data.
    record_dates = last_changed(project.root, [network.file for network in catalogue.networks])

    def render(languages: tuple[str, ...]) -> dict[str, GeneratedPage]:
        return render_pages(
            catalogue,
            geo_dir=project.geo,
            record_dates=record_dates,
            site_url=settings.site_url,
            today=today,
            repository=settings.repository,
            edit_uri=settings.edit_uri,
            memo=memo,
            languages=languages,
        )

    # A single build makes the other languages' pages in a child process meanwhile (citynet/forked.py);
    # under serve (`memo`) nearly every page is kept, and the memo lives in this process.
    first, *others = layout.LANGUAGE_CODES

    def render_others() -> dict[str, GeneratedPage]:
        return render(tuple(others))

    elsewhere = Forked(render_others) if memo is None and others else None
    pages = render((first,) if elsewhere else layout.LANGUAGE_CODES)
    exports = published_files(
        catalogue, project.data / SCHEMA_DIR, settings.site_url or "/", built=today, operator=settings.operator
    )
    if elsewhere:
        pages |= elsewhere.result(render_others)
    return GeneratedSite(catalogue, pages, exports, feeds(project, catalogue, site_url=settings.site_url or "/"))


def set_source_date_epoch(project: Project) -> bool:
    """Reproducible builds: the dates MkDocs writes (sitemap lastmod, sitemap.xml.gz) come from
    SOURCE_DATE_EPOCH, else from the clock. When it is unset, set it to the checked-out commit's
    time, so two builds of one commit are byte-identical. False outside git (the clock stays)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return True
    timestamp = commit_timestamp(project.root)
    if timestamp is None:
        return False
    os.environ["SOURCE_DATE_EPOCH"] = str(timestamp)
    return True


def build_date() -> datetime.date:
    """The day the build is of: SOURCE_DATE_EPOCH, so that the output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


class SiteBuild:
    """The state the builds of one process share, in one object.

    The i18n plugin runs the whole build once per language, and `mkdocs serve` once per edit:
    the pages are made once and kept while data/, the page templates and the words stay the
    same (their fingerprint), and the settings and the nav of one configuration are kept with it.
    """

    def __init__(self):
        self.config: object | None = None  # the configuration the settings and base_nav are of
        self.settings: SiteSettings | None = None
        self.base_nav: list | None = None  # mkdocs.yml's nav as written, extended afresh per build
        self.made_from: tuple | None = None  # (fingerprint, settings) of the site below
        self.site: GeneratedSite | None = None
        self.memo: Memo | None = None  # under `mkdocs serve`: pages are rendered again only when changed
        self.read_memo: Memo | None = None  # under `mkdocs serve`: files are read again only when changed

    def is_new_config(self, config: object) -> bool:
        """True once per configuration: MkDocs loads a new one for each rebuild under serve, and
        the i18n plugin hands the same one to every language's build."""
        if config is self.config:
            return False
        self.config = config
        return True

    def refresh(self, project: Project, today: datetime.date) -> GeneratedSite:
        """The generated site, made again only when its input changed; DataError when data/ has
        problems (and the next call tries again)."""
        current = (fingerprint(project.data, template_files()), self.settings, today)
        if current != self.made_from:
            self.made_from = None
            self.site = generate_site(project, self.settings, today=today, memo=self.memo, read_memo=self.read_memo)
            self.made_from = current
        return self.site
