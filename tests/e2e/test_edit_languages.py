"""The edit form in a real browser: Czech beside English on a wide screen, under each other
on a phone, an empty side marked while it is empty, and axe-core clean in both languages."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE_390, run_kp, sign_in
from tests.e2e.test_accessibility import severe_violations

pytestmark = pytest.mark.e2e

EMAIL = "languages-curator@example.org"
PASSWORD = "side by side password"
# A record whose sources are Czech and which has no English yet.
DOCUMENT = ("Název projektu: Čeština pro rodiče ve Vsetíně\n"
            "Realizátor: Vsetínský spolek pro jazyky\n"
            "Místo realizace: Vsetín, Zlínský kraj\n\n"
            "Rodiče žáků s odlišným mateřským jazykem se učí češtinu v odpoledních kurzech.\n")


@pytest.fixture(scope="module")
def signed_in(browser, live_server, server_env):
    """A browser tab signed in as a curator (module-wide, to stay under login limits)."""
    context, page = sign_in(browser, live_server, server_env, EMAIL, PASSWORD, DESKTOP)
    yield page
    context.close()


@pytest.fixture(scope="module")
def czech_only(server_env, tmp_path_factory) -> str:
    """The id of an imported record with a Czech title and no English one."""
    folder = tmp_path_factory.mktemp("czech-only")
    (folder / "vsetin.txt").write_text(DOCUMENT, encoding="utf-8")
    output = run_kp(server_env, "import", str(folder))
    return re.search(r"\(project (\d+)\)", output).group(1)


def box(page, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


def test_czech_and_english_stand_side_by_side_on_a_wide_screen(signed_in, czech_only,
                                                                 artifacts):
    page = signed_in
    page.set_viewport_size(DESKTOP)
    page.goto(f"/en/curate/projects/{czech_only}/edit")
    for name in ("title", "summary", "description"):
        czech, english = box(page, f"#{name}_cs"), box(page, f"#{name}_en")
        assert czech["y"] == english["y"], name
        assert english["x"] > czech["x"] + czech["width"] - 1, name
        assert english["height"] == czech["height"], name
    page.locator(".edit-texts").screenshot(path=str(artifacts / "edit-languages-1280.png"))


def test_they_stack_czech_first_on_a_phone(signed_in, czech_only, artifacts):
    page = signed_in
    page.set_viewport_size(PHONE_390)
    try:
        page.goto(f"/en/curate/projects/{czech_only}/edit")
        for name in ("title", "summary", "description"):
            czech, english = box(page, f"#{name}_cs"), box(page, f"#{name}_en")
            assert english["y"] >= czech["y"] + czech["height"], name
            assert english["x"] == czech["x"], name
            assert english["width"] == czech["width"], name
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE_390["width"], "the edit form scrolls sideways on a phone"
        page.locator(".edit-texts").screenshot(path=str(artifacts / "edit-languages-390.png"))
    finally:
        page.set_viewport_size(DESKTOP)


def test_the_missing_mark_follows_what_is_typed(signed_in, czech_only):
    page = signed_in
    page.goto(f"/en/curate/projects/{czech_only}/edit")
    mark = page.locator("#title_en-missing")
    assert mark.is_visible()
    assert mark.inner_text() == "missing"
    assert page.locator("#title_cs-missing").is_hidden()
    assert page.get_attribute("#title_en", "aria-describedby") == "title_en-missing"
    page.fill("#title_en", "Czech for parents in Vsetín")
    assert mark.is_hidden()
    assert page.get_attribute("#title_en", "aria-describedby") is None
    page.fill("#title_en", "")
    assert mark.is_visible()
    assert page.get_attribute("#title_en", "aria-describedby") == "title_en-missing"


@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_edit_form_has_no_serious_violation(signed_in, czech_only, language):
    page = signed_in
    for viewport in (DESKTOP, PHONE_390):
        page.set_viewport_size(viewport)
        response = page.goto(f"/{language}/curate/projects/{czech_only}/edit")
        assert response.status == 200
        assert page.get_attribute("html", "lang") == language
        assert page.locator("#title_en-missing").is_visible()
        assert severe_violations(page) == [], (language, viewport["width"])
    page.set_viewport_size(DESKTOP)
