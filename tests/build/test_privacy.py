"""Nothing in the built pages makes a visitor's browser contact another host (the browser tests
watch the live requests; these check the markup and the configuration behind them)."""

from __future__ import annotations

import re

import yaml

from support import ROOT

# Attributes that make a browser fetch something as the page loads.
FETCHING = re.compile(
    r'<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data|srcset)="([^"]+)"'
)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def test_configuration_keeps_fonts_local_and_has_no_repository_widget():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert config["theme"]["font"] is False  # Google Fonts would send every visitor's address to Google
    assert "repo_url" not in config  # Material's repository widget calls the GitHub API from the browser


def test_no_page_loads_anything_from_another_host(site):
    site_url = "http://127.0.0.1:8000/"  # the default SITE_URL of the `site` build
    for page in site.pages():
        html = site.html(page)
        for url in FETCHING.findall(html):
            rel = re.search(rf'<link\b[^>]*href="{re.escape(url)}"[^>]*>', html)
            if rel and re.search(r'rel="(alternate|canonical|prev|next)"', rel.group(0)):
                continue  # links to pages, not fetched by the browser
            assert not re.match(r"^(https?:)?//", url) or url.startswith(site_url), f"{page}: loads {url}"
        assert 'data-md-component="source"' not in html, page
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page
