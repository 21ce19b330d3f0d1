"""schema.org JSON-LD for a network page, as text that is safe inside a <script> element."""

from __future__ import annotations

import json

from markupsafe import Markup

from . import layout
from .model import City, Network


def network_json_ld(network: Network, lang: str, site_url: str | None) -> Markup:
    """schema.org Organization for the network page."""
    page = layout.page_url(layout.network_stem(network.id), lang, site_url) if site_url else None
    other = next(code for code in layout.LANGUAGE_CODES if code != lang)
    names = [network.short_name[lang], network.name[other]]
    if network.abbreviation:
        names.insert(0, network.abbreviation[lang])
    alternate = list(dict.fromkeys(n for n in names if n and n != network.name[lang]))
    data: dict = {"@context": "https://schema.org", "@type": "Organization"}
    if page:
        data["@id"] = page + "#organization"
        data["mainEntityOfPage"] = page
    data["name"] = network.name[lang]
    data["alternateName"] = alternate
    data["description"] = " ".join(network.summary[lang].split())
    data["url"] = network.website or page
    data["foundingDate"] = network.founded.date.iso()
    if network.status.value == "closed" and network.status.since:
        data["dissolutionDate"] = network.status.since.iso()
    if network.founded.place:
        data["foundingLocation"] = _place(network.founded.place, lang)
    if network.seat:
        data["location"] = _place(network.seat.city, lang)
    same_as = [network.website] if network.website else []
    same_as += [s.url for s in network.sources if s.url and ("wikipedia.org/" in s.url or "wikidata.org/" in s.url)]
    data["sameAs"] = list(dict.fromkeys(same_as))
    data = {k: v for k, v in data.items() if v not in (None, [], "")}
    return Markup(json_for_script(data))


def json_for_script(data) -> str:
    """JSON that cannot end a <script> element or open a comment in it: <, > and & as \\u escapes
    (still the same JSON value)."""
    # One line: no Markdown parser can take a line of it for the start of a Markdown block.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _place(city: City, lang: str) -> dict:
    return {
        "@type": "Place",
        "name": city.name[lang],
        "address": {"@type": "PostalAddress", "addressLocality": city.name[lang], "addressCountry": city.country},
        "sameAs": city.wikidata_url,
    }
