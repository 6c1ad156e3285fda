"""Projects side by side in a real browser: picked from the results with JavaScript off,
compared, accessible (axe-core) and fitting a desktop and a phone in both languages, and
printed on A4 landscape without the site's navigation."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE_390
from tests.e2e.test_accessibility import severe_violations

pytestmark = pytest.mark.e2e

COMPARE = {"cs": "Porovnat", "en": "Compare"}
DIFFERS = {"cs": "liší se", "en": "differs"}


@pytest.fixture
def no_script_page(browser, live_server):
    """A tab of a browser with JavaScript off, at desktop width."""
    context = browser.new_context(base_url=live_server, viewport=DESKTOP,
                                  java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def pick_three(page, language: str) -> str:
    """Pick three results of a search by their "Compare" links and follow the bar to the
    comparison; its address."""
    page.goto(f"/{language}/search?q=kurzy")
    for _ in range(3):
        page.locator(".hit a.compare-add").first.click()
        page.wait_for_load_state()
    go = page.locator(".compare-bar a.compare-go")
    assert go.inner_text() == f"{COMPARE[language]} (3)"
    go.click()
    page.wait_for_url(re.compile(rf"/{language}/compare\?ids=\d+,\d+,\d+$"))
    return page.url


@pytest.mark.parametrize("language", ["cs", "en"])
def test_projects_are_picked_and_compared_without_javascript(no_script_page, language):
    page = no_script_page
    pick_three(page, language)
    assert page.locator("table.compare-table thead th[scope=col]").count() == 4
    assert page.locator("tbody tr.differs").count() >= 1
    assert page.locator("tbody tr.differs .differs-mark").first.inner_text() == DIFFERS[language]
    # A column goes; two stay, and no more can be removed.
    page.locator("thead a.compare-remove").first.click()
    page.wait_for_url(re.compile(rf"/{language}/compare\?ids=\d+,\d+$"))
    assert page.locator("thead a.compare-remove").count() == 0


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_comparison_is_accessible_and_fits(page, artifacts, language, viewport):
    page.set_viewport_size(viewport)
    pick_three(page, language)
    assert page.get_attribute("html", "lang") == language
    assert severe_violations(page) == []
    # The page never scrolls sideways; on a phone the table scrolls in its own region,
    # which a keyboard can reach.
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport["width"]
    assert page.get_attribute(".compare-scroll", "tabindex") == "0"
    page.screenshot(path=str(artifacts / f"compare-{language}-{viewport['width']}.png"),
                    full_page=True)
    # The search page with projects picked, and a picked project's page, pass too.
    page.go_back()
    assert page.locator(".compare-bar").count() == 1
    assert severe_violations(page) == []
    page.locator(".hit .hit-title a").first.click()
    page.wait_for_load_state()
    assert page.locator(".compare-toggle").count() == 1
    assert severe_violations(page) == []


def test_printing_drops_the_navigation_and_fits_a4_landscape(page, artifacts):
    pick_three(page, "en")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator(".compare-actions").is_hidden()
    # A4 landscape is 297 mm wide, 273 mm inside 12 mm margins: about 1032 CSS px.
    page.set_viewport_size({"width": 1032, "height": 730})
    table = page.locator("table.compare-table").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 1032
    pdf = artifacts / "compare-print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    # The print style sheet's page: A4 (595 × 842 pt) turned on its side.
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes and all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in boxes)
