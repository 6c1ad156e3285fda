"""axe-core on the curator pages a curator works in all day, and their screenshots."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import run_kp, sign_in
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
    "new-organisations": "/{lang}/curate/organisations?new=1",
    "merge-organisations": "/{lang}/curate/organisations/1/merge?other=2",
    "review": "/{lang}/curate/projects/{id}/review",
    "edit": "/{lang}/curate/projects/{id}/edit",
    "edit-from-queue": "/{lang}/curate/projects/{id}/edit?reason=conflicts",
    "duplicates": "/{lang}/curate/queue?reason=duplicates",
    "history": "/{lang}/curate/projects/{id}/history",
    "conflicts": "/{lang}/curate/projects/{id}/conflicts",
    "merge": "/{lang}/curate/projects/{id}/merge",
    "evaluate": "/{lang}/curate/projects/{id}/evaluate",
    "badge": "/{lang}/curate/projects/{id}/badge",
}


@pytest.fixture(scope="module")
def signed_in(browser, live_server, server_env):
    """A browser context signed in as a curator (module-wide, to stay under login limits)."""
    context, page = sign_in(browser, live_server, server_env, EMAIL, PASSWORD)
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


def _import(server_env, folder, name: str, text: str, *options: str) -> str:
    """Import one document with ``kp import``; its project's id."""
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    output = run_kp(server_env, "import", *options, str(folder))
    return re.search(r"\(project (\d+)\)", output).group(1)


def _page(title: str, implementer: str, extra: str = "") -> str:
    return (f"Název projektu: {title}\nRealizátor: {implementer}\n{extra}"
            "Místo realizace: Kolín, Středočeský kraj\n\n"
            "Dobrovolníci doučují žáky s odlišným mateřským jazykem po vyučování.\n")


def _organisation_id(page, lang: str, name: str) -> str:
    page.goto(f"/{lang}/curate/organisations?q={name}")
    return page.locator("tr.organisation").first.get_attribute("data-organisation-id")


@pytest.mark.parametrize("language", ["cs", "en"])
def test_confirmation_pages_have_no_serious_violation(signed_in, server_env, tmp_path,
                                                      artifacts, language):
    """The pages a POST answers with a question: bulk changes, publishing a likely twin,
    reverting over later edits, undoing an organisation merge over later edits."""
    page = signed_in
    page.on("dialog", lambda dialog: dialog.accept())

    def check(name: str, marker: str) -> None:
        assert page.locator(marker).count() > 0, name
        assert page.get_attribute("html", "lang") == language
        if language == "en":
            page.screenshot(path=str(artifacts / f"curate-{name}.png"), full_page=True)
        assert severe_violations(page) == [], name

    page.goto(f"/{language}/curate/queue")
    page.locator("tr.queue-item input[type=checkbox]").first.check()
    page.click(".bulk-actions button[value=review]")
    check("bulk-confirm", "form.bulk-confirm")

    title = f"Doučování dětí cizinců v Kolíně ({language})"
    implementer = f"Kolínský spolek doučování {language}"
    public = _import(server_env, tmp_path / "public", "public.txt", _page(
        title, implementer, f"Registrační číslo: CZ.A11Y/{language}/1\n"), "--publish")
    draft = _import(server_env, tmp_path / "twin", "twin.txt",
                    _page(title.replace(" (", " – podzim ("), implementer))
    assert draft != public
    page.goto(f"/{language}/curate/projects/{draft}/review")
    page.click(".status-actions button[value=publish]")
    check("publish-twins", ".publish-twins li")

    edited = _import(server_env, tmp_path / "edited", "edited.txt",
                     _page(f"Kroužek češtiny ({language})", f"Spolek Jedna {language}"))
    for new_title in ("Kroužek češtiny pro děti", "Kroužek češtiny pro děti a rodiče"):
        page.goto(f"/{language}/curate/projects/{edited}/edit")
        page.fill("#title_cs", new_title)
        page.click(".edit-buttons button[value='']")
        page.wait_for_load_state()
    page.goto(f"/{language}/curate/projects/{edited}/history")
    page.locator("li.history-kind-edit").last.locator("form.history-revert button").click()
    check("revert-confirm", ".revert-later li")

    moved = _import(server_env, tmp_path / "moved", "moved.txt",
                    _page(f"Klub rodičů ({language})", f"Spolek Dva {language}"))
    kept = _organisation_id(page, language, f"Spolek Jedna {language}")
    other = _organisation_id(page, language, f"Spolek Dva {language}")
    page.goto(f"/{language}/curate/organisations/{kept}/merge?other={other}")
    page.click("form.merge-form button[type=submit]")
    page.wait_for_url(re.compile(r"merged="))
    page.goto(f"/{language}/curate/projects/{moved}/edit")
    page.fill("#implementers-0", f"Spolek Tři {language}")
    page.click(".edit-buttons button[value='']")
    page.wait_for_load_state()
    page.goto(f"/{language}/curate/organisations/{kept}")
    check("organisation-history", ".organisation-history form button")  # with its undo
    page.click(".organisation-history form button")
    check("unmerge-confirm", ".revert-later li")
