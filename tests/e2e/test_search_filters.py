"""The search page's filters on a phone and a desktop, with and without JavaScript: results
first on a phone, changes applied at once, chosen values never hidden, problems beside their
fields."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE_390
from tests.e2e.test_accessibility import severe_violations
from tests.e2e.test_browser_flows import number_in

pytestmark = pytest.mark.e2e

FIRST_SCREEN = 780  # px: the first result starts within it on a phone
FILTERS = {"cs": "Filtry", "en": "Filters"}
HINT = {"cs": "Hodnoty v jedné skupině hledání rozšiřují, různé skupiny je zužují.",
        "en": "Values in one group widen the search; different groups narrow it."}
# Two chosen values and a year: three chosen, and still some results in the demo data.
CHOSEN = "q=kurzy&region=CZ010&region=CZ064&year_from=2010"


@pytest.fixture
def no_script_page(browser, live_server):
    """A tab of a browser with JavaScript off."""
    context = browser.new_context(base_url=live_server, viewport=PHONE_390, locale="cs-CZ",
                                  java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def expect(target):
    """Playwright's retrying assertions, imported when used (the tests skip without it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def first_result_top(page) -> float:
    return page.locator(".hits .hit").first.bounding_box()["y"]


def narrowing_region(page):
    """A region box whose count is below the total, so ticking it must narrow the results;
    its input, code and count."""
    total = number_in(page.inner_text(".result-count"))
    values = page.locator(".facet-region .facet-value")
    for index in range(values.count()):
        value = values.nth(index)
        count = number_in(value.locator(".count").inner_text())
        if count < total:
            box = value.locator("input")
            return box, box.get_attribute("value"), count
    pytest.fail("every region covers all the results: nothing to narrow")


@pytest.mark.parametrize("language", ["cs", "en"])
def test_on_a_phone_the_results_come_first_and_filters_open_from_a_button(page, language):
    page.set_viewport_size(PHONE_390)
    page.goto(f"/{language}/search?{CHOSEN}")
    assert first_result_top(page) < FIRST_SCREEN
    filters = page.locator("#filters")
    assert filters.get_attribute("open") is None
    assert not page.locator("#f-region-CZ010").is_visible()
    button = page.locator("#filters > summary")
    assert button.inner_text().strip(" ▸▾\xa0") == f"{FILTERS[language]} (3)"
    assert severe_violations(page) == []

    button.click()
    assert filters.get_attribute("open") is not None
    assert page.locator("#f-region-CZ010").is_visible()
    assert page.locator("#f-region-CZ010").is_checked()
    assert page.inner_text(".filters-hint") == HINT[language]
    assert severe_violations(page) == []
    page.keyboard.press("Enter")  # the button keeps focus and closes the panel again
    assert filters.get_attribute("open") is None


@pytest.mark.parametrize("language", ["cs", "en"])
def test_on_a_desktop_the_filters_stay_a_sidebar(page, language):
    page.set_viewport_size(DESKTOP)
    page.goto(f"/{language}/search?q=kurzy")
    assert page.locator("#filters").get_attribute("open") is not None
    assert not page.locator("#filters > summary").is_visible()
    assert page.locator(".facet-region input").first.is_visible()
    assert page.inner_text(".filters-hint") == HINT[language]
    panel, results = page.locator(".facets").bounding_box(), page.locator(".results").bounding_box()
    assert panel["x"] + panel["width"] <= results["x"]  # side by side
    assert abs(panel["y"] - results["y"]) < 10
    # Changes apply at once, so there is no apply button, and a line says so.
    assert not page.locator("button.apply").is_visible()
    assert page.locator(".filters-live").is_visible()
    assert severe_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["desktop", "phone"])
def test_ticking_a_box_applies_it_at_once(page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/cs/search?q=kurzy")
    if viewport is PHONE_390:
        page.click("#filters > summary")
    box, code, count = narrowing_region(page)
    box.check()  # and nothing else: no apply button pressed
    page.wait_for_url(re.compile(rf"region={code}"))
    page.wait_for_load_state()
    assert number_in(page.inner_text(".result-count")) == count
    assert "year_from=" not in page.url  # the empty boxes are left out of the address
    # The reader is back on the box just ticked, the panel open as it was.
    expect(page.locator(f"#f-region-{code}")).to_be_focused()
    assert page.locator(f"#f-region-{code}").is_checked()
    assert page.locator(f"#f-region-{code}").is_visible()
    # ... and hears the new count, which a phone shows above the open panel too.
    status = page.locator("#search-status")
    expect(status).to_have_text(page.inner_text(".result-count"))
    assert (status.bounding_box()["height"] > 10) == (viewport is PHONE_390)  # else 1 px
    # Back: the box is as those results had it, not as it was ticked on leaving.
    page.go_back()
    page.wait_for_url(re.compile(r"q=kurzy$"))
    page.wait_for_load_state()
    assert not page.locator(f"#f-region-{code}").is_checked()


def test_a_year_applies_on_leaving_its_box_and_focus_goes_on(page):
    page.goto("/cs/search?q=kurzy")
    total = number_in(page.inner_text(".result-count"))
    page.fill("#year_from", "2020")
    assert page.url.endswith("/cs/search?q=kurzy")  # not while typing
    page.press("#year_from", "Tab")
    page.wait_for_url(re.compile(r"year_from=2020"))
    expect(page.locator("#year_to")).to_be_focused()
    assert number_in(page.inner_text(".result-count")) < total
    assert page.input_value("#year_from") == "2020"


def test_choosing_an_order_applies_it_at_once(page):
    page.goto("/cs/search?q=kurzy")
    page.select_option("#sort", "oldest")
    page.wait_for_url(re.compile(r"sort=oldest"))
    expect(page.locator("#sort")).to_be_focused()


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_ticking_and_applying_works(no_script_page, viewport):
    page = no_script_page
    page.set_viewport_size(viewport)
    page.goto("/cs/search?q=kurzy")
    if viewport is PHONE_390:
        assert first_result_top(page) < FIRST_SCREEN
        assert not page.locator(".facet-region input").first.is_visible()
        page.click("#filters > summary")
    box, code, count = narrowing_region(page)
    box.check()
    assert "region=" not in page.url  # nothing happens by itself without JavaScript
    page.click("button.apply")
    page.wait_for_url(re.compile(rf"region={code}"))
    assert number_in(page.inner_text(".result-count")) == count
    assert page.locator(f"#f-region-{code}").is_checked()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["desktop", "phone"])
@pytest.mark.parametrize(("language", "message"), [("cs", "musí být celé číslo"),
                                                   ("en", "must be a whole number")])
def test_a_bad_parameter_is_shown_beside_its_field(page, language, message, viewport):
    page.set_viewport_size(viewport)
    response = page.goto(f"/{language}/search?q=kurzy&year_from=abc&region=CZ010")
    assert response.status == 400
    problem = page.locator("#problem-year_from")
    assert problem.inner_text() == message
    box = page.locator("#year_from")
    assert box.get_attribute("aria-invalid") == "true"
    assert box.get_attribute("aria-describedby") == "problem-year_from"
    assert box.input_value() == "abc"  # as typed, to correct
    assert problem.is_visible() and box.is_visible()
    gap = box.bounding_box()["y"] - (problem.bounding_box()["y"] + problem.bounding_box()["height"])
    assert 0 <= gap < 16, "the message is not right above its box"
    # The summary at the top links to the field; the rest of the form and the results stay.
    assert page.locator(".problems a[href='#year_from']").count() == 1
    assert page.locator("#f-region-CZ010").is_checked()
    assert number_in(page.inner_text(".result-count")) > 0
    assert page.locator(".hits .hit").count() > 0
    assert severe_violations(page) == []
    page.click(".problems a[href='#year_from']")
    expect(page.locator("#year_from")).to_be_focused()


def test_a_chosen_value_beyond_the_eighth_is_visible_without_show_more(page):
    page.goto("/cs/search")
    # A long facet: its values past the eighth are behind "Show more".
    facet = page.locator(".facet:has(details.more)").first
    name = facet.get_attribute("id").removeprefix("facet-")
    hidden = facet.locator("details.more input").last
    assert not hidden.is_visible()
    value_id = hidden.get_attribute("id")
    page.goto(f"/cs/search?{name}={hidden.get_attribute('value')}")
    chosen = page.locator(f"#{value_id}")
    assert chosen.is_checked()
    assert chosen.is_visible()  # no "Show more" to open
    assert page.locator(f"#facet-{name} details.more").get_attribute("open") is None
    assert page.locator(f"#facet-{name} details.more input:checked").count() == 0
