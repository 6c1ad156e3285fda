"""What a visitor does in a real browser: search, filter, open a project, switch language,
and get around with the keyboard alone."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def number_in(text: str) -> int:
    """The first whole number in ``text``, ignoring locale group separators."""
    match = re.search(r"\d[\d\s\u00a0\u202f,]*", text)
    assert match, f"no number in {text!r}"
    return int(re.sub(r"\D", "", match.group()))


def test_search_facet_project_and_language_switch(page):
    page.goto("/cs/")
    page.fill("#q", "kurzy")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/cs/search\?q=kurzy"))
    unfiltered = number_in(page.inner_text(".result-count"))
    assert unfiltered > 0

    # Tick the first region that does not cover every hit, so the filter must narrow.
    boxes = page.locator(".facet-region .facet-value")
    chosen = None
    for index in range(boxes.count()):
        value = boxes.nth(index)
        count = number_in(value.locator(".count").inner_text())
        if count < unfiltered:
            chosen = value
            break
    assert chosen is not None, "every region covers all the hits: nothing to narrow"
    code = chosen.locator("input").get_attribute("value")
    label = chosen.locator("label").inner_text().rsplit("(", 1)[0].strip()
    chosen.locator("input").check()  # applies at once: no button to press
    page.wait_for_url(re.compile(rf"region={code}"))

    assert number_in(page.inner_text(".result-count")) == count
    assert page.locator(f"#f-region-{code}").is_checked()
    chips = page.locator(".chips .chip")
    assert chips.count() == 1
    assert label in chips.first.inner_text()
    assert page.locator(".hits > .hit").count() == min(count, 20)  # 20 a page

    first_hit = page.locator(".hits .hit-title a").first
    title = first_hit.inner_text()
    first_hit.click()
    page.wait_for_url(re.compile(r"/cs/projects/\d+-"))
    assert page.inner_text("h1") == title
    project_path = re.search(r"/projects/\d+", page.url).group()
    czech_facts = page.inner_text("#facts-heading")
    assert page.get_attribute("html", "lang") == "cs"

    page.click(".language-switch a[hreflang=en]")
    page.wait_for_url(re.compile(rf"/en{project_path}-"))
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#facts-heading") == "Facts" != czech_facts
    assert page.inner_text("#description-heading") == "Description"
    assert page.locator(".language-switch a[hreflang=cs]").inner_text() == "Česky"

    # The choice is remembered: the bare address now leads to the English home page.
    page.goto("/")
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.inner_text("label[for=q]") == "Search words"


def test_keyboard_reaches_the_search_box_through_the_skip_link(page):
    page.goto("/cs/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is off screen"

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"

    page.keyboard.type("tlumočení")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cs/search\?q="))
    assert number_in(page.inner_text(".result-count")) > 0
