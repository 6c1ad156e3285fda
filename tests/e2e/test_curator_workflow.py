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


FIRST_PAGE = """Název projektu: Doučování dětí cizinců v Kolíně
Registrační číslo: CZ.E2E/2025/1
Realizátor: Kolínský spolek pro integraci cizinců
Období: 1. 9. 2025 – 30. 6. 2026
Rozpočet: 240 000 Kč

Dobrovolníci doučují žáky s odlišným mateřským jazykem dvakrát týdně po vyučování.
"""
# Another page about the same project (its registration number): a news item's headline
# for a title and a larger amount.
SECOND_PAGE = """Název projektu: Doučování v Kolíně pokračuje i v novém roce
Registrační číslo: CZ.E2E/2025/1
Realizátor: Kolínský spolek pro integraci cizinců
Rozpočet: 480 000 Kč

Doučování žáků s odlišným mateřským jazykem pokračuje, přibyli noví dobrovolníci.
"""


def _sign_in(page, email: str) -> None:
    page.goto("/cs/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(re.compile(r"/cs/curate/$"))


def _imported(server_env, folder, name: str, text: str, *options: str) -> str:
    """Import one document with ``kp import`` (as an operator would); its project's id."""
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    output = run_kp(server_env, "import", *options, str(folder))
    return re.search(r"\(project (\d+)\)", output).group(1)


def _uploaded(page, path, name: str, text: str) -> None:
    """Upload one document through the curator's upload page, and wait for its report."""
    document = path / name
    document.write_text(text, encoding="utf-8")
    page.goto("/cs/curate/upload")
    page.set_input_files("#files", str(document))
    page.click(".upload-form button[type=submit]")
    page.wait_for_url(re.compile(r"/cs/curate/imports/\d+"))


def test_an_import_about_a_published_project_waits_for_the_curator(page, curator, server_env,
                                                                   tmp_path):
    project_id = _imported(server_env, tmp_path / "first", "doucovani-kolin.txt", FIRST_PAGE,
                           "--publish")
    page.goto(f"/cs/projects/{project_id}")
    public = page.inner_text("main")
    assert "240\xa0000\xa0Kč" in public and "480" not in public

    _sign_in(page, curator)
    _uploaded(page, tmp_path, "doucovani-pokracuje.txt", SECOND_PAGE)

    # The published record is what it was: title, budget, sources and all.
    page.goto(f"/cs/projects/{project_id}")
    assert page.inner_text("main") == public

    page.goto(f"/cs/curate/projects/{project_id}/conflicts")
    budget = page.locator('fieldset[data-field="budget_total"]')
    budget.locator("label", has_text="480").click()
    title = page.locator('fieldset[data-field="title_cs"]')
    assert "pokračuje" in title.inner_text()  # proposed, left open
    page.click(".conflicts-form button[type=submit]")
    page.wait_for_url(re.compile(r"settled=1"))

    page.goto(f"/cs/projects/{project_id}")
    assert page.inner_text("h1") == "Doučování dětí cizinců v Kolíně"
    assert "480\xa0000\xa0Kč" in page.inner_text("main")


TWIN_PAGE = """Název projektu: Doučování dětí cizinců v Kolíně – podzim
Realizátor: Kolínský spolek pro integraci cizinců
Místo realizace: Kolín, Středočeský kraj

Dobrovolníci spolku doučují žáky s odlišným mateřským jazykem po vyučování.
"""


def test_publishing_a_likely_duplicate_is_warned_about(page, curator, server_env, tmp_path):
    public_id = _imported(server_env, tmp_path / "public", "doucovani.txt",
                          FIRST_PAGE.replace("CZ.E2E/2025/1", "CZ.E2E/2025/2"), "--publish")
    _sign_in(page, curator)
    _uploaded(page, tmp_path, "doucovani-podzim.txt", TWIN_PAGE)
    page.locator("tr", has_text="doucovani-podzim.txt").locator("a").first.click()
    page.wait_for_url(re.compile(r"/cs/curate/projects/\d+/review"))
    draft_id = re.search(r"/projects/(\d+)/", page.url).group(1)
    assert draft_id != public_id

    page.click(".status-actions button[value=publish]")
    page.wait_for_load_state()
    warning = page.locator(f".publish-twins li[data-project-id='{public_id}']")
    assert warning.count() == 1
    assert "podobný název" in warning.inner_text()
    warning.get_by_role("link", name="Porovnat a sloučit do něj").click()
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{public_id}/merge\?other={draft_id}"))
    assert page.locator(".merge-choice").count() > 0
    # Per item: the draft's region reading is left out; the merge asks before it happens.
    regions = page.locator('fieldset.merge-items[data-field="regions"] input[type=checkbox]')
    kept = [regions.nth(i).get_attribute("value") for i in range(regions.count())]
    if kept:
        regions.last.uncheck()
        kept = kept[:-1]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".merge-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{public_id}/merge\?merged={draft_id}"))
    page.goto(f"/api/v1/projects/{public_id}")
    record = page.evaluate("() => JSON.parse(document.body.innerText)")
    assert [region["code"] for region in record["regions"]] == kept


LONG_ADDRESS = ("https://www.example-integrace.cz/aktuality/clanek?mact=News,cntnt01,detail,0"
                "&cntnt01articleid=16&cntnt01origid=68&cntnt01detailtemplate=Detail"
                "&cntnt01returnid=175&hl=cs_CZ")
LONG_PAGE = f"""<!doctype html><html lang="cs"><head><meta charset="utf-8">
<title>Komunitní tlumočení v Jihlavě</title><link rel="canonical" href="{LONG_ADDRESS}"></head>
<body><main><h1>Komunitní tlumočení v Jihlavě</h1>
<p>Realizátor: Sdružení_pro_komunitní_tlumočení_a_interkulturní_práci_na_Vysočině_z.s.</p>
<p>Období: 1. 3. 2024 – 28. 2. 2025</p>
<p>Tlumočníci doprovázejí rodiny cizinců na úřady, k lékaři a do škol v Jihlavě.</p>
</main></body></html>"""


def test_the_review_page_keeps_long_values_beside_the_source(page, curator, server_env,
                                                             tmp_path):
    project_id = _imported(server_env, tmp_path / "long", "tlumoceni-jihlava.html", LONG_PAGE)
    _sign_in(page, curator)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/cs/curate/projects/{project_id}/review")
    table = page.locator(".extracted-fields").bounding_box()
    text = page.locator(".review-text").bounding_box()
    assert table["x"] + table["width"] <= text["x"] + 1
    links = page.locator(".extracted-fields a[href^='#evidence-']")
    assert links.count() >= 2
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.href",
                               [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert on_top and on_top.endswith(link.get_attribute("href")), index


FIX_PAGE = """Název projektu: Letní škola češtiny pro děti z Mongolska
Realizátor: Kolínský spolek pro integraci cizinců
Období: 1. 7. 2026 – 31. 8. 2026

Dva týdny výuky češtiny a her pro děti, které od září nastoupí do kolínských škol.
"""


def test_a_record_is_fixed_and_published_from_one_screen(page, curator, server_env, tmp_path):
    project_id = _imported(server_env, tmp_path / "fix", "letni-skola.txt", FIX_PAGE)
    _sign_in(page, curator)
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))

    page.goto("/cs/curate/queue?reason=draft&q=Mongolska")
    page.locator(f"tr[data-project-id='{project_id}'] a.queue-edit").click()
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{project_id}/edit\?"))
    assert page.locator("aside.edit-source .source-text mark").count() > 0
    page.fill("#title_cs", "Letní škola češtiny pro děti z Mongolska 2026")
    page.click(".edit-buttons button[value=publish]")
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{project_id}/edit\?"))
    assert page.inner_text(".edit-status") == "Zveřejněno"
    # The queue, the form, the save: three page loads for a corrected, published record.
    assert len(loads) == 3, loads
    page.goto(f"/cs/projects/{project_id}")
    assert page.inner_text("h1") == "Letní škola češtiny pro děti z Mongolska 2026"


KEYBOARD_PAGES = {
    "klavesnice-a.txt": "Projekt: Klávesnicový kurz češtiny A\nRealizátor: Spolek Alfa\n\n"
                        "Kurz češtiny pro dospělé cizince v Olomouci, večerní lekce.\n",
    "klavesnice-b.txt": "Projekt: Klávesnicový kurz češtiny B\nRealizátor: Spolek Beta\n\n"
                        "Kurz češtiny pro rodiče žáků v Ostravě, odpolední lekce.\n",
}


def test_the_queue_is_worked_from_the_keyboard(page, curator, server_env, tmp_path):
    folder = tmp_path / "keyboard"
    folder.mkdir()
    for name, text in KEYBOARD_PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_kp(server_env, "import", str(folder))
    _sign_in(page, curator)
    page.goto("/cs/curate/queue?q=Klávesnicový&sort=title&order=asc")
    rows = page.locator("tr.queue-item")
    assert rows.count() == 2
    first, second = (rows.nth(n).get_attribute("data-project-id") for n in (0, 1))
    assert page.locator(".queue-keys").is_visible()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator(f"#select-{second}").is_checked()
    assert not page.locator(f"#select-{first}").is_checked()
    page.keyboard.press("k")
    page.keyboard.press("e")
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{first}/edit\?"))
    assert page.locator("nav.queue-nav a[rel=prev]").count() == 0
    page.click("nav.queue-nav a[rel=next]")
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{second}/edit\?"))
    assert page.locator("nav.queue-nav a[rel=next]").count() == 0
    page.click("nav.queue-nav a[rel=prev]")
    page.wait_for_url(re.compile(rf"/cs/curate/projects/{first}/edit\?"))
    page.keyboard.press("/")  # on the edit page the queue's keys do nothing
    page.click("nav.queue-nav a:first-child")
    page.wait_for_url(re.compile(r"/cs/curate/queue\?"))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "queue-q"
