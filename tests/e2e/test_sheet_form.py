"""The good-practice sheet on the edit form in a real browser: a link's address, kind and
label in one row on a wide screen, under each other on a phone; axe-core clean."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE_390, sign_in
from tests.e2e.test_accessibility import severe_violations

pytestmark = pytest.mark.e2e

EMAIL = "sheet-curator@example.org"
PASSWORD = "good practice sheet password"


@pytest.fixture(scope="module")
def signed_in(browser, live_server, server_env):
    context, page = sign_in(browser, live_server, server_env, EMAIL, PASSWORD, DESKTOP)
    yield page
    context.close()


@pytest.fixture(scope="module")
def edit_url(page_urls) -> str:
    number = re.search(r"/projects/(\d+)", page_urls["project-with-sheet"]).group(1)
    return f"/en/curate/projects/{number}/edit"


def test_a_link_s_parts_share_a_row_on_a_wide_screen(signed_in, edit_url, artifacts):
    page = signed_in
    page.set_viewport_size(DESKTOP)
    page.goto(edit_url)
    assert page.input_value("#sheet_links-0-url").startswith("http")
    url, kind, label = (page.locator(f"#sheet_links-0-{part}").bounding_box()
                        for part in ("url", "kind", "label"))
    # One row: the inputs end level, whatever the length of their labels.
    bottoms = {round(box["y"] + box["height"]) for box in (url, kind, label)}
    assert max(bottoms) - min(bottoms) <= 1, bottoms
    assert url["x"] < kind["x"] < label["x"]
    page.locator(".edit-sheet").screenshot(path=str(artifacts / "edit-sheet-1280.png"))
    assert severe_violations(page) == []


def test_they_stack_on_a_phone(signed_in, edit_url, artifacts):
    page = signed_in
    page.set_viewport_size(PHONE_390)
    page.goto(edit_url)
    url, kind = (page.locator(f"#sheet_links-0-{part}").bounding_box()
                 for part in ("url", "kind"))
    assert kind["y"] > url["y"] + url["height"] - 1
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_390["width"]
    page.locator(".edit-sheet").screenshot(path=str(artifacts / "edit-sheet-390.png"))
