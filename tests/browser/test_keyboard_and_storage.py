"""Keyboard use and what the site keeps in the visitor's browser."""

from __future__ import annotations

import pytest

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  let shown = element;  // a visually hidden radio (the palette toggle) shows focus on its label
  if (element.getBoundingClientRect().width === 0 && element.nextElementSibling?.tagName === "LABEL") {
    shown = element.nextElementSibling;
  }
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    text: (element.getAttribute("aria-label") || element.textContent || element.tagName).trim().slice(0, 40),
    tag: element.tagName.toLowerCase(),
    inFooterLegal: !!element.closest("footer nav.cn-legal"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    visible: box.width > 0 && box.height > 0,
  };
}"""

STORAGE = """() => ({
  local: Object.keys(localStorage),
  session: Object.keys(sessionStorage),
  cookie: document.cookie,
})"""


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context
    context.close()


@pytest.mark.parametrize("path", ["", "en/netzwerke/uclg/"])
def test_keyboard_alone_reaches_everything_with_a_visible_focus(context, served_site, path):
    page = context.new_page()
    page.goto(served_site.url + path)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first and first["tag"] == "a" and first["visible"], f"the first Tab should reach the skip link: {first}"
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    seen, reached_legal = [], False
    for _ in range(150):
        focused = page.evaluate(FOCUSED)
        assert focused, f"focus got lost after {seen[-3:]}"
        assert focused["outline"] or focused["shadow"], f"no visible focus indicator on {focused}"
        seen.append(focused["text"])
        if focused["inFooterLegal"]:
            reached_legal = True
            break
        page.keyboard.press("Tab")
    assert reached_legal, f"Tab never reached the footer's legal links; went through {seen}"


def test_nothing_is_stored_until_the_visitor_picks_a_colour_scheme(context, served_site):
    page = context.new_page()
    page.goto(served_site.url)
    page.click("input.md-search__input")
    page.keyboard.type("UCLG")
    page.wait_for_selector("a.md-search-result__link")
    page.goto(served_site.url + "en/netzwerke/")
    assert page.evaluate(STORAGE) == {"local": [], "session": [], "cookie": ""}
    assert context.cookies() == []

    page.click("label.md-header__button[for^='__palette']:visible")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    stored = page.evaluate(STORAGE)
    assert [key.rsplit(".", 1)[-1] for key in stored["local"]] == ["__palette"], stored
    assert stored["session"] == [] and stored["cookie"] == "" and context.cookies() == []

    page.goto(served_site.url + "impressum/")  # the choice holds across pages and languages
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
