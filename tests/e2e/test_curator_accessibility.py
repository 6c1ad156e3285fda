"""axe-core on the curator pages a curator works in all day, and their screenshots."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import run_kp
from tests.e2e.test_accessibility import severe_violations

pytestmark = pytest.mark.e2e

EMAIL = "a11y-curator@example.org"
PASSWORD = "accessible curator password"
PAGES = {
    "dashboard": "/{lang}/curate/",
    "queue": "/{lang}/curate/queue",
    "upload": "/{lang}/curate/upload",
    "organisations": "/{lang}/curate/organisations",
    "organisation": "/{lang}/curate/organisations/1",
    "review": "/{lang}/curate/projects/{id}/review",
    "edit": "/{lang}/curate/projects/{id}/edit",
    "history": "/{lang}/curate/projects/{id}/history",
    "conflicts": "/{lang}/curate/projects/{id}/conflicts",
    "merge": "/{lang}/curate/projects/{id}/merge",
    "evaluate": "/{lang}/curate/projects/{id}/evaluate",
    "badge": "/{lang}/curate/projects/{id}/badge",
}


@pytest.fixture(scope="module")
def signed_in(browser, live_server, server_env):
    """A browser context signed in as a curator (module-wide, to stay under login limits)."""
    run_kp(server_env, "users", "create", EMAIL, "--role", "curator", "--password-stdin",
           stdin=PASSWORD + "\n")
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/en/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(re.compile(r"/en/curate/$"))
    yield page
    context.close()


@pytest.fixture(scope="module")
def conflicted_project(signed_in) -> str:
    """A demo project with an open conflict between its sources (the corpus plants some)."""
    signed_in.goto("/en/curate/queue?reason=conflicts")
    link = signed_in.locator("table a[href*='/review']").first
    return re.search(r"/projects/(\d+)/", link.get_attribute("href")).group(1)


@pytest.mark.parametrize("language", ["cs", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_curator_pages_have_no_serious_violation(signed_in, conflicted_project, artifacts,
                                                  name, language):
    url = PAGES[name].format(lang=language, id=conflicted_project)
    response = signed_in.goto(url)
    assert response.status == 200, url
    assert signed_in.get_attribute("html", "lang") == language
    if language == "en":
        signed_in.screenshot(path=str(artifacts / f"curate-{name}.png"), full_page=True)
    assert severe_violations(signed_in) == [], url
