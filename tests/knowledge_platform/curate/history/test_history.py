"""The history page: revisions newest first as readable, escaped diffs, and reverting them."""
from __future__ import annotations

from sqlalchemy import delete, select

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, Project, Revision, RevisionKind, Role
from knowledge_platform.search.index import check as index_check
from tests.knowledge_platform.curate.edit.test_edit import (
    curator_client,
    form_values,
    load,
    new_project,
    post,
    revisions,
    soup,
)

LONG = ("Projekt nabízí kurzy češtiny pro rodiče dětí s odlišným mateřským jazykem, "
        "doprovodné hlídání dětí a konzultace s pedagogy v mateřských školách.")
PAYLOAD = '<script>alert("x")</script> Kurzy'


def _edited(app, client) -> int:
    project_id = new_project(app, title="Kurzy pro rodiče", summary=LONG)
    values = load(client, project_id)
    values.update({
        "title_cs": [PAYLOAD],
        "summary_cs": [LONG.replace("hlídání dětí", "hlídání nejmenších dětí")],
        "regions": ["CZ010", "CZ064"], "funders": ["AMIF"],
        "partners-0": ["Spolek Sousedé Kolín"], "budget_total": ["250000"],
        "note": ["Opraveno podle smlouvy."],
    })
    assert post(client, project_id, values).status_code == 303
    return project_id


def test_history_shows_every_revision_newest_first_with_readable_diffs(app):
    client = curator_client(app)
    project_id = _edited(app, client)
    response = client.get(f"/en/curate/projects/{project_id}/history")
    assert response.status_code == 200
    page = soup(response)
    entries = page.select(".history-revision")
    assert [entry.select_one(".history-kind").get_text() for entry in entries] == [
        "Edited", "Imported"]
    newest = entries[0]
    assert newest.select_one(".history-who").get_text() == "Cecilie Kurátorová"
    assert newest.select_one("time")["datetime"]
    assert "Opraveno podle smlouvy." in newest.select_one(".history-note").get_text()
    labels = [dt.get_text(strip=True) for dt in newest.select(".history-diff dt")]
    assert labels == ["Title in Czech", "Summary in Czech", "Total budget", "Regions",
                      "Funding sources", "Partners"]

    title = newest.select_one(".history-field-title-cs")
    assert title.select_one("del").get_text() == "Kurzy pro rodiče"
    # The payload is shown as text, never run: no script element outside the page's own.
    assert title.select_one("ins").get_text() == PAYLOAD
    assert [tag.get("src") for tag in page.find_all("script")] == [
        "/static/curate/edit.js"]
    assert b'&lt;script&gt;alert(' in response.data

    summary = newest.select_one(".history-field-summary-cs")
    assert [tag.get_text() for tag in summary.select("ins")] == ["nejmenších "]
    assert summary.select("del") == []
    assert "hlídání" in summary.get_text()

    regions = newest.select_one(".history-field-regions")
    assert [li.get_text(" ", strip=True) for li in regions.select("li")] == [
        "added: South Moravian Region"]
    funders = newest.select_one(".history-field-funders")
    assert [li.get_text(" ", strip=True) for li in funders.select("li")] == [
        "removed: Ministry of the Interior"]
    partners = newest.select_one(".history-field-partners")
    assert partners.select_one("ins").get_text() == "Spolek Sousedé Kolín"
    budget = newest.select_one(".history-field-budget-total")
    assert budget.select_one("ins").get_text() == "250,000"
    assert budget.select_one(".history-old em").get_text() == "(empty)"

    czech = soup(client.get(f"/cs/curate/projects/{project_id}/history"))
    assert czech.select_one(".history-field-regions li").get_text(" ", strip=True).endswith(
        "Jihomoravský kraj")


def test_revert_restores_the_old_values_as_a_new_revision(app):
    client = curator_client(app)
    project_id = _edited(app, client)
    with app.app_context():
        edit_id = revisions(project_id)[-1].id
    page = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    form = page.select_one(f"#revision-{edit_id} form.history-revert")
    assert "new revision" in form["data-confirm"]
    response = client.post(form["action"], data=form_values(page, f"#revision-{edit_id} form"))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/en/curate/projects/{project_id}/history"
    followed = soup(client.get(response.headers["Location"]))
    messages = followed.select_one(".edit-messages")
    assert f"Revision {edit_id} reverted." in messages.get_text()
    # Announced, and still a list to assistive technology (a role on the <ul> is not).
    assert messages.name == "ul" and not messages.has_attr("role")
    assert messages.parent["role"] == "status"
    assert followed.select_one(".history-kind").get_text() == "Reverted"
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.title_cs == "Kurzy pro rodiče"
        assert project.summary_cs == LONG
        assert project.budget_total is None
        assert [term.code for term in project.regions] == ["CZ010"]
        assert [term.code for term in project.funders] == ["AMIF", "MV_CR"]
        assert project.organisations_in(Role.PARTNER) == []
        undo = revisions(project_id)[-1]
        assert (undo.kind, undo.reverts_id, undo.user.email) == (
            RevisionKind.REVERT, edit_id, "curator@example.org")
        assert set(undo.changes) == {"title_cs", "summary_cs", "budget_total", "regions",
                                     "funders", "partners"}

    # Reverting the same revision again changes nothing and says so.
    response = client.post(form["action"], data=form_values(page, f"#revision-{edit_id} form"))
    followed = soup(client.get(response.headers["Location"]))
    assert "No changes" in followed.select_one(".edit-messages").get_text()
    with app.app_context():
        assert len(revisions(project_id)) == 3


def test_a_revision_that_cannot_be_reverted_says_why(app):
    client = curator_client(app)
    project_id = new_project(app, implementer="Stará organizace Beroun")
    values = load(client, project_id)
    values["implementers-0"] = ["Nová organizace Beroun"]
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        db.session.execute(delete(Organisation).where(
            Organisation.name == "Stará organizace Beroun"))
        db.session.commit()
        edit_id = revisions(project_id)[-1].id
    page = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    response = client.post(f"/en/curate/revisions/{edit_id}/revert",
                           data=form_values(page, f"#revision-{edit_id} form"))
    assert response.status_code == 303
    message = soup(client.get(response.headers["Location"])).select_one(".edit-message-error")
    assert f"Revision {edit_id} cannot be reverted" in message.get_text()
    assert "Stará organizace Beroun" in message.get_text()
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.implementer.name == "Nová organizace Beroun"
        assert len(revisions(project_id)) == 2


def test_reverting_the_import_that_created_a_project_is_refused(app):
    client = curator_client(app)
    project_id = new_project(app, title="Projekt z importu")
    with app.app_context():
        import_id = db.session.scalar(select(Revision.id).where(
            Revision.project_id == project_id))
    page = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    assert page.select(f"#revision-{import_id} form") == []  # no button for it
    token = page.find("input", {"name": "csrf_token"})["value"]
    response = client.post(f"/en/curate/revisions/{import_id}/revert",
                           data={"csrf_token": token})
    assert response.status_code == 303
    assert soup(client.get(response.headers["Location"])).select_one(".edit-message-error")
    with app.app_context():
        assert db.session.get(Project, project_id).title_cs == "Projekt z importu"


def test_history_and_revert_of_unknown_ids_are_not_found(app):
    client = curator_client(app)
    assert client.get("/en/curate/projects/999/history").status_code == 404
    huge = "99999999999999999999"
    assert client.get(f"/en/curate/projects/{huge}/history").status_code == 404
    assert client.get(f"/en/curate/projects/{huge}/edit").status_code == 404
    page = soup(client.get("/en/curate/review"))
    token = page.find("input", {"name": "csrf_token"})["value"]
    for revision_id in ("999", huge):
        assert client.post(f"/en/curate/revisions/{revision_id}/revert",
                           data={"csrf_token": token}).status_code == 404


def test_a_revert_keeps_the_search_index_in_step(app):
    client = curator_client(app)
    project_id = new_project(app, implementer="První realizátor Tábor", partners=["Charita Brno"])
    values = load(client, project_id)
    values["implementers-0"] = ["Druhý realizátor Tábor"]
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        edit_id = revisions(project_id)[-1].id
    page = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    client.post(f"/en/curate/revisions/{edit_id}/revert",
                data=form_values(page, f"#revision-{edit_id} form"))
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.implementer.name == "První realizátor Tábor"
        # Only the implementers were put back; the index row lists organisations in the
        # order they load in, so `kp index check` finds nothing stale.
        assert index_check() == []


def test_reverting_under_later_edits_of_the_same_field_asks_first(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče")
    for title, budget in (("Kurzy pro rodiče žáků", "1000"), ("Kurzy češtiny pro rodiče", "")):
        values = load(client, project_id)
        values.update({"title_cs": [title], "budget_total": [budget]})
        assert post(client, project_id, values).status_code == 303
    with app.app_context():
        first_edit, second_edit = (revision.id for revision in revisions(project_id)[-2:])
    page = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    form = page.select_one(f"#revision-{first_edit} form.history-revert")
    asked = client.post(form["action"], data=form_values(page, f"#revision-{first_edit} form"))
    assert asked.status_code == 200
    confirm = soup(asked)
    (later,) = confirm.select(".revert-later li")
    assert later["data-revision-id"] == str(second_edit)
    assert later.get_text(" ", strip=True).endswith("Title in Czech, Total budget")
    with app.app_context():
        assert db.session.get(Project, project_id).title_cs == "Kurzy češtiny pro rodiče"
        assert len(revisions(project_id)) == 3

    done = client.post(form["action"], data=form_values(confirm, "main form"))
    assert done.status_code == 303
    with app.app_context():
        assert db.session.get(Project, project_id).title_cs == "Kurzy pro rodiče"
