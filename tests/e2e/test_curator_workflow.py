"""A curator's day in a real browser: sign in, upload a document, correct a field that the
importer got wrong, publish the record, and find it in the public search."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import run_kp

pytestmark = pytest.mark.e2e

EMAIL = "kurator@example.org"
PASSWORD = "e2e workflow password"
# A small real-looking description with a typo in its title for the curator to fix.
DOCUMENT = """Kurzy češtiny pro rodiče z Mongolska v Kolíně (Kolínský spolek)

Název projektu: Kurzy češtiny pro rodiče z Mogolska
Realizátor: Kolínský spolek pro integraci cizinců
Místo realizace: Středočeský kraj, Kolín
Období: 1. 9. 2025 – 30. 6. 2026
Financování: Ministerstvo vnitra ČR
Rozpočet: 240 000 Kč

Odpolední kurzy češtiny pro rodiče žáků z Mongolska, s hlídáním dětí a s tlumočníkem
na prvních lekcích. Rodiče se učí jazyk, který potřebují při jednání se školou.
"""


@pytest.fixture(scope="module")
def curator(server_env, live_server) -> str:
    """A curator account in the served database."""
    run_kp(server_env, "users", "create", EMAIL, "--role", "curator", "--name", "Kurátorka",
           "--password-stdin", stdin=PASSWORD + "\n")
    return EMAIL


def test_upload_correct_publish_and_find(page, curator, tmp_path, artifacts):
    page.goto("/cs/curate/")
    page.wait_for_url(re.compile(r"/cs/login\?next="))
    page.fill("#email", curator)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(re.compile(r"/cs/curate/$"))

    document = tmp_path / "kolin-mongolsko.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    page.goto("/cs/curate/upload")
    page.set_input_files("#files", str(document))
    page.click(".upload-form button[type=submit]")
    page.wait_for_url(re.compile(r"/cs/curate/imports/\d+"))
    row = page.locator("tr", has_text="kolin-mongolsko.txt")
    assert row.count() == 1
    row.locator("a").first.click()
    page.wait_for_url(re.compile(r"/cs/curate/projects/\d+/review"))
    project_id = re.search(r"/projects/(\d+)/", page.url).group(1)
    assert "Mogolska" in page.inner_text("h1")
    page.screenshot(path=str(artifacts / "curator-review.png"), full_page=True)

    page.click(".review-actions a[href$='/edit']")
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{project_id}/edit"))
    assert page.input_value("#title_cs") == "Kurzy češtiny pro rodiče z Mogolska"
    page.fill("#title_cs", "Kurzy češtiny pro rodiče z Mongolska")
    page.click(".edit-form button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("#title_cs") == "Kurzy češtiny pro rodiče z Mongolska"

    page.goto(f"/cs/curate/projects/{project_id}/history")
    assert "Mogolska" in page.inner_text("main") and "Mongolska" in page.inner_text("main")

    # Not public yet: a draft is nowhere in the public search.
    page.goto("/cs/search?q=mongolska")
    assert page.locator(f".hits a[href*='/projects/{project_id}-']").count() == 0

    page.goto(f"/cs/curate/projects/{project_id}/review")
    page.click(".status-actions button[value=publish]")
    page.wait_for_load_state()
    assert page.locator(".status-panel a[href*='/cs/projects/']").count() == 1

    page.goto("/cs/search?q=mongolsko")  # another inflected form of the corrected word
    hit = page.locator(f".hits .hit-title a[href*='/projects/{project_id}-']")
    assert hit.count() == 1
    assert hit.inner_text() == "Kurzy češtiny pro rodiče z Mongolska"
    hit.click()
    page.wait_for_url(re.compile(rf"/cs/projects/{project_id}-"))
    assert page.inner_text("h1") == "Kurzy češtiny pro rodiče z Mongolska"
