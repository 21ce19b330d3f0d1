"""Web addresses in records: complete https:// addresses only, each problem said in words.

A record's URLs become links on every page, so anything that is not a plain web address
(javascript:, data:, a relative path, a broken host) is refused. http:// is accepted with a
warning, for the sources that have no https:// address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A host name as written in addresses: labels of letters, digits and hyphens, with a dot.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"{_LABEL}(\.{_LABEL})*\.(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_NOT_IN_URLS = re.compile(r"[\s<>\"'`\\{}|^]")

HTTP_WARNING = "uses http://, not https://. Use the https:// address if the site has one."

# Sites that copy Wikipedia's articles (often out of date, with advertising): a source is the
# original, at *.wikipedia.org, or better the page the article cites. A host here and every host
# under it are refused.
WIKIPEDIA_MIRRORS = (
    "wiki.li",
    "dewiki.de",
    "zxc.wiki",
    "second.wiki",
    "wikibrief.org",
    "linkfang.org",
    "de-academic.com",
    "deacademic.com",
    "en-academic.com",
    "enacademic.com",
    "wikiwand.com",
    "wikizero.com",
    "wiki2.org",
    "wikimili.com",
    "unionpedia.org",
)


def url_problem(value: str) -> tuple[str, bool] | None:
    """(message, is_warning) for a URL that is wrong or weak; None for a good https:// address."""
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        name = scheme.group(1).lower()
        if name in ("javascript", "data", "vbscript", "file", "blob"):
            return (f"{name}: addresses are not allowed. Give the https:// address of a web page.", False)
        if name == "www" or "." in name:  # "www.example.org:8080/x" reads as a scheme
            return (_relative(value), False)
        return (f"{name}: addresses are not allowed here; only web addresses starting with https:// are.", False)
    if not scheme:
        return (_relative(value), False)
    written = re.match(r"^https?://", value, re.IGNORECASE)
    if written and written.group() != written.group().lower():
        fixed = written.group().lower() + value[written.end() :]
        return (f"write the beginning of the address in lowercase letters: {fixed}", False)
    if not written:
        return (
            f"{value!r} is not a complete web address: write two slashes after the colon, such as https://www.example.org/.",
            False,
        )
    bad = _NOT_IN_URLS.search(value)
    if bad:
        what = "a space or line break" if bad.group().isspace() else f"the character {bad.group()}"
        return (
            f"the address contains {what}, which web addresses cannot hold. Copy the address from the browser's "
            "address bar.",
            False,
        )
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return (f"{value!r} is not a valid web address. Copy the address from the browser's address bar.", False)
    if "@" in parts.netloc:
        return ("the address contains a user name or password (the part before @). Remove it.", False)
    if not parts.hostname or not _HOST.fullmatch(parts.hostname):
        host = parts.hostname or "nothing"
        return (
            f"the address names the host {host!r}, which is not a web site's name. Copy the address from the "
            "browser's address bar.",
            False,
        )
    if parts.scheme == "http":
        return (HTTP_WARNING, True)
    return None


def _relative(value: str) -> str:
    if re.match(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", value, re.IGNORECASE):
        return f"the address lacks its beginning. Write it in full: https://{value}"
    return "is not a complete web address. Write the full address starting with https://, such as https://www.example.org/page."


def mirror_problem(value: str) -> str | None:
    """The message for a source on a copy of Wikipedia; None for any other address."""
    try:
        host = (urlsplit(value).hostname or "").lower()
    except ValueError:
        return None
    mirror = next((m for m in WIKIPEDIA_MIRRORS if host == m or host.endswith("." + m)), None)
    if mirror is None:
        return None
    return (
        f"{host} copies Wikipedia's articles; it is not a source. Cite the article on wikipedia.org itself (such as "
        "https://de.wikipedia.org/wiki/...), or better the page the article cites."
    )
