"""citynet/rawhtml.py: Python-Markdown with the quicker raw HTML pass gives exactly the HTML and
table of contents it gives without it, for every generated page, every docs page and the cases
where the pass must step aside."""

from __future__ import annotations

import markdown
import pytest

from citynet.load import load_catalogue
from citynet.rawhtml import RawHtmlBlocks, stash_raw_blocks
from citynet.render import render_pages
from support import DATA, ROOT

EXTENSIONS = ["admonition", "attr_list", "footnotes", "tables", "toc"]  # as mkdocs.yml has them


def convert(text: str, quicker: bool) -> tuple[str, list]:
    md = markdown.Markdown(
        extensions=EXTENSIONS + ([RawHtmlBlocks()] if quicker else []), extension_configs={"toc": {"permalink": True}}
    )
    return md.convert(text), md.toc_tokens


def body(page_markdown: str) -> str:
    """The Markdown after the front matter, as MkDocs hands it to Python-Markdown."""
    return page_markdown.split("---\n", 2)[2].lstrip("\n")


def vouched(text: str) -> bool:
    normalised = text.replace("\r\n", "\n") + "\n\n"  # as Python-Markdown's whitespace pass leaves it
    return stash_raw_blocks(normalised, markdown.Markdown()) != normalised


@pytest.fixture(scope="module")
def generated_pages() -> dict[str, str]:
    catalogue = load_catalogue(DATA)
    return {path: body(page.markdown) for path, page in render_pages(catalogue, geo_dir=DATA / "geo").items()}


def test_every_generated_page_converts_to_the_same_html_and_contents(generated_pages):
    different = [path for path, text in generated_pages.items() if convert(text, True) != convert(text, False)]
    assert different == []
    # ... and the quicker pass did the work on them (else the comparison above proves nothing).
    assert [path for path, text in generated_pages.items() if not vouched(text)] == []


def test_every_docs_page_converts_to_the_same_html_and_contents():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert convert(text, True) == convert(text, False), path


SAME_AS_PYTHON_MARKDOWN = {
    "blocks and markdown": '<h1>T</h1>\n\n## A { #a }\n\n<dl class="x">\n<div><dt>a</dt><dd>b &amp; c</dd></div>\n</dl>\n\nText *em*.\n',
    "nested same tags": "<div><div>a</div>\n<div>b</div></div>\n\n<p>c</p>\n",
    "void and self-closing tags": '<p>a<br>b<img src="x.png" alt=""></p>\n\n<figure><svg><path d="M0 0"/></svg></figure>\n',
    "script with tags inside": '<div><script type="application/ld+json">{"a": "<b>"}</script></div>\n\ntext\n',
    "camel-case svg tags": "<figure><svg><clipPath id='c'><rect/></clipPath></svg></figure>\n",
}
STEPS_ASIDE = {
    "a comment": "<div>a<!-- x --></div>\n\ntext\n",
    "a loose ampersand": "<p>a & b</p>\n\ntext\n",
    "an entity without semicolon": "<p>&copy 2026</p>\n\n",
    "an unclosed block": "<div>\n\n<p>a</p>\n\n</div>\n\ntext\n",
    "text after the end tag": "<div>a</div> tail\n\ntext\n",
    "a block after a paragraph line": "para\n<div>a</div>\n\ntext\n",
    "two blocks without a blank line": "<p>a</p>\n<p>b</p>\n\n",
    "an inline first tag": "<span>a</span>\n\n",
    "a script in the text": 'text <script>var a = "<div>";</script>\n\n<p>b</p>\n',
    "a tag with a < inside": '<p title="<b>">a</p>\n\n',
    "a processing instruction": "<?php echo 1; ?>\n\n<p>a</p>\n",
}


@pytest.mark.parametrize("text", SAME_AS_PYTHON_MARKDOWN.values(), ids=SAME_AS_PYTHON_MARKDOWN.keys())
def test_blocks_it_vouches_for_convert_the_same(text):
    assert vouched(text)
    assert convert(text, True) == convert(text, False)


@pytest.mark.parametrize("text", STEPS_ASIDE.values(), ids=STEPS_ASIDE.keys())
def test_it_leaves_pages_it_cannot_vouch_for_to_python_markdown(text):
    assert not vouched(text)
    assert convert(text, True) == convert(text, False)
