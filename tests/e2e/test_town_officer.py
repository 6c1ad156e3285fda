"""A town officer's path in a real browser, in both languages: a town with no project,
what is near it, a good-practice record there, and whom to contact; axe-core clean on
every page, on a desktop and on a phone."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE_390
from tests.e2e.test_accessibility import severe_violations

pytestmark = pytest.mark.e2e

# A town of Praha-západ with no demo project: its neighbour Praha has the demo's good
# practice whose implementer's website is public.
TOWN = "Cernosice"
NEIGHBOURING = {"cs": "sousední okres", "en": "neighbouring district"}
GOOD_PRACTICE = {"cs": "Dobrá praxe", "en": "Good practice"}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["cs", "en"])
def test_from_a_town_without_projects_to_a_good_practice_and_its_contact(
        page, language, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"/{language}/")
    page.fill("#q", TOWN)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(rf"/{language}/search\?q={TOWN}"))
    near = page.locator(".near-nothing")
    assert "Černošice" in near.inner_text()
    assert page.locator(".near-nothing li.near-neighbour").count() >= 1
    assert severe_violations(page) == []

    near.locator("a[href*='places-like-mine']").first.click()
    page.wait_for_url(re.compile(rf"/{language}/places-like-mine\?place=cernosice"))
    first = page.locator("ol.hits > li.hit").first
    assert NEIGHBOURING[language] in first.locator(".hit-nearness").inner_text()
    assert severe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    title = first.locator(".hit-title a").inner_text()
    first.locator(".hit-title a").click()
    page.wait_for_url(re.compile(rf"/{language}/projects/\d+"))
    assert page.inner_text("h1") == title
    assert GOOD_PRACTICE[language] in page.locator(".badge.good-practice").inner_text()
    contact = page.locator(".contact-box")
    assert contact.locator("a[href^='http']").count() >= 1
    assert severe_violations(page) == []
