"""axe-core on the home, results and project pages; phone-width layout; screenshots."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

PAGES = ["home", "results", "results-with-a-problem", "project", "about", "statistics",
         "statistics-of-a-search", "data", "api-docs", "organisation", "project-with-contact",
         "organisations", "project-with-sheet"]
SEVERE = {"serious", "critical"}
LINK_PATHS = "links => links.map(a => a.pathname)"


def severe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    # The package bundles axe.min.js, so nothing is fetched at run time.
    results = Axe().run(page).response
    return [f"{v['impact']} {v['id']}: {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results["violations"] if v["impact"] in SEVERE]


@pytest.mark.parametrize("language", ["cs", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(page, page_urls, name, language):
    page.goto(page_urls[name].replace("/cs/", f"/{language}/", 1).replace(
        "lang=cs", f"lang={language}"))
    assert page.get_attribute("html", "lang") == language
    assert severe_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_layout_fits_and_screenshot(page, page_urls, artifacts, name, viewport):
    page.set_viewport_size(viewport)
    page.goto(page_urls[name])
    width = page.evaluate("document.scrollingElement.scrollWidth")
    shot = artifacts / f"{name}-{viewport['width']}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    assert width <= viewport["width"], f"{name} scrolls sideways at {viewport['width']} px"


def test_projects_and_organisations_fit_a_phone(page, live_server):
    """Long registration numbers, URLs and names wrap instead of widening the page."""
    page.set_viewport_size(PHONE)
    page.goto("/cs/")
    projects = list(dict.fromkeys(page.eval_on_selector_all(
        ".project-list a[href*='/projects/']", LINK_PATHS)))
    assert len(projects) >= 5
    too_wide, organisations = {}, []
    for path in projects:
        too_wide[path] = scroll_width(page, path)
        organisations += page.eval_on_selector_all(".implementer a", LINK_PATHS)[:1]
    for path in dict.fromkeys(organisations):
        too_wide[path] = scroll_width(page, path)
    assert {path: width for path, width in too_wide.items() if width > PHONE["width"]} == {}


def scroll_width(page, path: str) -> int:
    page.goto(path)
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_the_contact_box_names_the_implementer_s_website(page, page_urls):
    page.goto(page_urls["project-with-contact"])
    assert page.locator(".contact-box .contact-website a").count() >= 1


def test_the_good_practice_sheet_shows_its_cost_per_participant(page, page_urls):
    page.goto(page_urls["project-with-sheet"])
    sheet = page.locator("section.good-practice-sheet")
    assert sheet.locator("h2").inner_text() == "Karta dobré praxe"
    assert sheet.locator(".sheet-cost-per-participant").count() == 1
    assert sheet.locator(".sheet-links a").count() >= 1
