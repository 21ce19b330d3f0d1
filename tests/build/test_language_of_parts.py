"""Language of parts (WCAG 2.1, 3.1.2): a source title shown in another language than the page's
is inside an element with that language's lang attribute; a title the editors wrote in the page's
language is not marked as another language."""

from __future__ import annotations

from html.parser import HTMLParser

from citynet.load import load_catalogue
from support import ROOT

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TextRuns(HTMLParser):
    """Each piece of text with the language it is in (the nearest lang attribute), the address of
    the link around it and the id of the list item around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None, str | None]] = [("", None, None, None)]
        self.runs: list[tuple[str, str | None, str | None, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        _, lang, href, item = self.stack[-1]
        lang = attrs.get("lang", lang)
        href = attrs.get("href") if tag == "a" else href
        item = attrs.get("id") if tag == "li" else item
        if tag not in VOID:
            self.stack.append((tag, lang, href, item))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            _, lang, href, item = self.stack[-1]
            self.runs.append((text, lang, href, item))


def runs(html: str):
    parser = TextRuns()
    parser.feed(html)
    return parser.runs


def test_every_source_title_carries_the_language_it_is_shown_in(site):
    catalogue = load_catalogue(ROOT / "data")
    sources = [(n.id, s) for n in catalogue.networks for s in n.sources]
    # A municipality's own international page, as the registry names it, is cited the same way.
    sources += [
        (city.id, city.international_page)
        for city in catalogue.cities.values()
        if getattr(city, "international_page", None) and city.international_page.title
    ]
    checked = {("de", "en"): 0, ("en", "de"): 0}  # (page language, title language): titles seen
    for path in site.pages():
        page_runs = runs(site.html(path))
        page_lang = page_runs[0][1] if page_runs else None
        assert page_lang in ("de", "en"), path
        for network, source in sources:
            title = " ".join(source.title[page_lang].split())
            original = source.title.de == source.title.en  # written once: the source's own title
            shown_in = source.language if original and source.language else page_lang
            for text, lang, href, item in page_runs:
                if text != title:
                    continue
                if not ((source.url and href == source.url) or item == f"src-{getattr(source, 'id', '')}"):
                    continue
                assert lang == shown_in, (path, network, title, lang)
                if (page_lang, lang) in checked:
                    checked[page_lang, lang] += 1
    # Both directions occur in the real data: German titles on English pages and English ones on
    # German pages (a count, not pinned: the data grows).
    assert all(checked.values()), checked


def test_every_publisher_name_in_another_language_carries_it(site):
    """ "Stadt Köln" on an English page is German, "Gemeente Den Haag" is Dutch on both: the name is
    in the publisher's language (the source's, unless the record gives publisher_language)."""
    catalogue = load_catalogue(ROOT / "data")
    publishers = {}
    for network in catalogue.networks:
        for source in network.sources:
            publishers.setdefault(" ".join(source.publisher.split()), set()).add(source.publisher_language)
    # Only names with one language throughout the data: the same name may be cited from sources
    # that give it differently, and then the run cannot say which source it belongs to.
    languages = {name: codes.pop() for name, codes in publishers.items() if len(codes) == 1 and None not in codes}
    seen = set()
    for path in site.pages():
        page_runs = runs(site.html(path))
        page_lang = page_runs[0][1]
        for index, (text, lang, _href, item) in enumerate(page_runs):
            # A publisher's name as cited: in a network page's list of sources ("…, Stadt Köln"),
            # or in brackets after a title on a municipality page ("(Stadt Köln)").
            before = page_runs[index - 1][0] if index else ""
            if text.startswith("(") and text.endswith(")"):
                name = text[1:-1]
            elif before.endswith("(") or ((item or "").startswith("src-") and before == ","):
                name = text  # in an element of its own
            elif (item or "").startswith("src-") and text.startswith(", "):
                name = max((n for n in languages if text[2:].startswith(n)), key=len, default=None)
            else:
                continue
            if name in languages:
                assert lang == languages[name], (path, name, lang)
                if lang != page_lang:
                    seen.add((page_lang, languages[name]))
    # German names on English pages, and names in Dutch and Spanish, occur in the real data.
    assert {("en", "de"), ("de", "nl"), ("de", "es")} <= seen, seen
