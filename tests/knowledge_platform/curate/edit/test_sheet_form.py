"""The good-practice sheet on the edit form: each part saves as one revision, links are
web addresses checked field by field, and the history shows what changed."""
from __future__ import annotations

import pytest

from knowledge_platform.db import db
from knowledge_platform.models import Project, RevisionKind
from tests.knowledge_platform.curate.edit.test_edit import (
    curator_client,
    field_errors,
    form_values,
    load,
    new_project,
    post,
    revisions,
    soup,
)

SHEET = {
    "results_cs": ["Kurzy prošlo 120 rodičů, každý 40 hodin."],
    "results_en": ["120 parents took the courses, 40 hours each."],
    "lessons_cs": ["Hlídání dětí rozhoduje o účasti."],
    "lessons_en": ["Childcare decides who comes."],
    "requirements_cs": ["Dva lektoři, učebna a rok přípravy."],
    "requirements_en": ["Two teachers, a classroom and a year to prepare."],
    "participants": ["120"],
    "sheet_links-0-url": ["https://example.org/metodika"],
    "sheet_links-0-kind": ["methodology"],
    "sheet_links-0-label": ["Metodika kurzů"],
    "sheet_links-1-url": [""],
    "sheet_links-1-kind": ["other"],
    "sheet_links-1-label": [""],
}


def test_the_sheet_has_its_own_section_on_the_form(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče")
    page = soup(client.get(f"/en/curate/projects/{project_id}/edit"))
    section = page.select_one("fieldset.edit-sheet")
    assert section.legend.get_text(strip=True) == "Good-practice sheet"
    names = [field["name"] for field in section.find_all(["input", "textarea", "select"])]
    assert names[:7] == ["results_cs", "results_en", "lessons_cs", "lessons_en",
                         "requirements_cs", "requirements_en", "participants"]
    # Two empty link rows to fill in, each part labelled for screen readers.
    assert [name for name in names if name.startswith("sheet_links-")] == [
        f"sheet_links-{row}-{part}" for row in (0, 1) for part in ("url", "kind", "label")]
    assert section.find("label", attrs={"for": "sheet_links-1-url"}).get_text() == \
        "Address, link 2"
    # The cost is worked out, never typed; with no budget there is none to show.
    assert page.find(attrs={"name": "cost_per_participant"}) is None
    assert page.select(".edit-sheet-cost") == []


def test_every_part_of_the_sheet_saves_as_one_revision(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče")
    values = load(client, project_id)
    values.update({**SHEET, "budget_total": ["24000"]})
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.results_en == "120 parents took the courses, 40 hours each."
        assert project.requirements_cs == "Dva lektoři, učebna a rok přípravy."
        assert project.participants == 120
        # The empty row is dropped.
        assert project.sheet_links == [{"url": "https://example.org/metodika",
                                        "kind": "methodology", "label": "Metodika kurzů"}]
        edit = revisions(project_id)[-1]
        assert edit.kind == RevisionKind.EDIT
        assert set(edit.changes) == {name for name in SHEET if not name.startswith(
            "sheet_links-")} | {"sheet_links", "budget_total"}
    # Saved again unchanged, nothing is recorded.
    page = soup(client.get(f"/en/curate/projects/{project_id}/edit"))
    assert page.select_one(".edit-sheet-cost").get_text(strip=True) == (
        "Cost per participant, worked out from the saved values: CZK\xa0200")
    again = load(client, project_id)
    assert again["sheet_links-0-url"] == ["https://example.org/metodika"]
    assert again["participants"] == ["120"]
    assert post(client, project_id, again).status_code == 303
    with app.app_context():
        assert len(revisions(project_id)) == 2  # the import, then the one edit


@pytest.mark.parametrize(("field", "value", "message"), [
    ("sheet_links-0-url", "ftp://example.org/zprava.pdf",
     "Enter a web address starting with http:// or https://."),
    ("sheet_links-0-url", "javascript:alert(1)",
     "Enter a web address starting with http:// or https://."),
    ("sheet_links-0-url", "https://", "Enter a web address starting with http:// or https://."),
    ("sheet_links-0-url", "https://example.org/a b",
     "Enter a web address starting with http:// or https://."),
    ("sheet_links-0-kind", "upload", "Choose one of the options."),
    ("participants", "-3", "Enter a whole number of 0 or more."),
    ("participants", "many", "Enter a whole number of 0 or more."),
])
def test_each_part_is_checked_with_a_message_at_the_field(app, field, value, message):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče")
    values = {**load(client, project_id), **SHEET, field: [value]}
    response = post(client, project_id, values)
    assert response.status_code == 422
    assert field_errors(response, field) == [message]
    assert soup(response).find(id=field)["aria-invalid"] == "true"
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.participants is None and project.sheet_links == []
        assert len(revisions(project_id)) == 1


def test_the_history_shows_a_changed_sheet_and_reverting_puts_it_back(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče")
    values = {**load(client, project_id), **SHEET}
    assert post(client, project_id, values).status_code == 303
    values = load(client, project_id)
    values.update({"lessons_en": ["Childcare and evening hours decide who comes."],
                   "participants": ["150"],
                   "sheet_links-0-kind": ["report"],
                   "sheet_links-1-url": ["https://example.org/foto"],
                   "sheet_links-1-kind": ["photos"]})
    assert post(client, project_id, values).status_code == 303
    page = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    newest = page.select_one(".history-revision")
    labels = [dt.get_text(strip=True) for dt in newest.select(".history-diff dt")]
    assert labels == ["Lessons learned in English", "Participants",
                      "Methodologies, reports and photos"]
    participants = newest.select_one(".history-field-participants")
    assert participants.select_one("del").get_text() == "120"
    assert participants.select_one("ins").get_text() == "150"
    links = newest.select_one(".history-field-sheet-links")
    assert [li.get_text(" ", strip=True) for li in links.select("li")] == [
        "added: Report: https://example.org/metodika (Metodika kurzů)",
        "added: Photos: https://example.org/foto",
        "removed: Methodology: https://example.org/metodika (Metodika kurzů)"]
    with app.app_context():
        revision_id = revisions(project_id)[-1].id
    form = page.select_one(f"#revision-{revision_id} form.history-revert")
    response = client.post(form["action"],
                           data=form_values(page, f"#revision-{revision_id} form"))
    assert response.status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.participants == 120
        assert [link["kind"] for link in project.sheet_links] == ["methodology"]
