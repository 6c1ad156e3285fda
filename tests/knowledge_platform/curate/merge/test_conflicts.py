"""Settling conflicts between sources: the chosen value is applied and recorded."""
from __future__ import annotations

from decimal import Decimal

from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import FieldConflict, Project, Revision, RevisionKind
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user


def _conflicted(app, first: dict | None = None, **second) -> tuple[int, int]:
    """A draft whose two sources disagree on the budget (and on what ``first`` and
    ``second`` add); the later source's value shows."""
    with app.app_context():
        project = store(record(title="Tlumočníci pro školy", registration_number="CZ.C/1",
                               budget_amount=1000, **(first or {})),
                        location="first.txt", publish=False).project
        store(record(title="Tlumočníci pro školy", registration_number="CZ.C/1",
                     budget_amount=2000, **second), location="second.txt", publish=False)
        conflict = db.session.scalar(select(FieldConflict).where(
            FieldConflict.project_id == project.id, FieldConflict.field == "budget_total"))
        return project.id, conflict.id


def _as(app, client, role: str = "curator") -> int:
    user_id = make_user(app, f"{role}@example.org", role=role)
    assert login(client, f"{role}@example.org").status_code == 302
    return user_id


def _url(project_id: int, lang: str = "en") -> str:
    return f"/{lang}/curate/projects/{project_id}/conflicts"


def _post(client, project_id: int, data: dict):
    page = BeautifulSoup(client.get(_url(project_id)).data, "html.parser")
    version = page.find("input", {"name": "row_version"})["value"]
    return client.post(_url(project_id), data={
        "csrf_token": form_token(client, _url(project_id)), "row_version": version, **data})


def _revisions(app, project_id: int, kind: RevisionKind) -> list[Revision]:
    with app.app_context():
        found = db.session.scalars(select(Revision).where(
            Revision.project_id == project_id, Revision.kind == kind)).all()
        db.session.expunge_all()
        return found


def test_the_page_shows_each_candidate_formatted_with_its_source(app, client):
    project_id, conflict_id = _conflicted(app)
    _as(app, client)
    page = BeautifulSoup(client.get(_url(project_id)).data, "html.parser")
    fieldset = page.select_one('fieldset[data-field="budget_total"]')
    assert fieldset.legend.get_text(strip=True) == "Total budget"
    labels = [label.get_text(" ", strip=True) for label in fieldset.find_all("label")]
    assert any("CZK\xa01,000" in label and "first.txt" in label for label in labels), labels
    assert any("CZK\xa02,000" in label and "second.txt" in label for label in labels), labels
    radios = fieldset.find_all("input", {"type": "radio", "name": f"conflict-{conflict_id}"})
    assert [radio["value"] for radio in radios] == ["", "keep", "0", "1"]
    assert radios[0].has_attr("checked")  # nothing is settled by accident
    for radio in radios:
        assert page.find("label", {"for": radio["id"]}) is not None


def test_dates_show_as_dates(app, client):
    project_id, _ = _conflicted(app, {"start": "2019-09-01"}, start="2020-02-01")
    _as(app, client)
    page = BeautifulSoup(client.get(_url(project_id)).data, "html.parser")
    text = page.select_one('fieldset[data-field="start_date"]').get_text(" ", strip=True)
    assert "Sep 1, 2019" in text and "Feb 1, 2020" in text and "first.txt" in text


def test_settling_applies_the_chosen_value_and_records_a_revision(app, client):
    project_id, conflict_id = _conflicted(app)
    user_id = _as(app, client)
    response = _post(client, project_id, {f"conflict-{conflict_id}": "0",
                                          "note": "The grant agreement says 1000."})
    assert response.status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.budget_total == Decimal("1000.00")
        conflict = db.session.get(FieldConflict, conflict_id)
        assert conflict.resolved_at is not None
        assert conflict.resolution["value"] == 1000
        assert conflict.note == "The grant agreement says 1000."
    (revision,) = _revisions(app, project_id, RevisionKind.CONFLICT)
    assert revision.user_id == user_id
    assert revision.changes == {"budget_total": {"old": "2000.00", "new": "1000.00"}}
    assert "budget_total" in revision.note and "grant agreement" in revision.note
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    assert page.select_one(".merge-done") is not None
    assert page.select_one('fieldset[data-field="budget_total"]') is None


def test_keeping_the_current_value_is_recorded_too(app, client):
    project_id, conflict_id = _conflicted(app)
    _as(app, client)
    assert _post(client, project_id, {f"conflict-{conflict_id}": "keep"}).status_code == 303
    with app.app_context():
        assert db.session.get(Project, project_id).budget_total == Decimal("2000.00")
        assert db.session.get(FieldConflict, conflict_id).resolution == {"kept": "2000.00"}
    (revision,) = _revisions(app, project_id, RevisionKind.CONFLICT)
    assert revision.changes == {}


def test_fields_left_open_stay_open(app, client):
    project_id, conflict_id = _conflicted(app)
    _as(app, client)
    response = _post(client, project_id, {f"conflict-{conflict_id}": ""})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(FieldConflict, conflict_id).resolved_at is None
    assert _revisions(app, project_id, RevisionKind.CONFLICT) == []


def test_an_impossible_value_is_refused_with_a_reason(app, client):
    project_id, _ = _conflicted(app, {"start": "2020-01-01", "end": "2020-12-31"})
    with app.app_context():
        store(record(title="Jiný projekt", registration_number="CZ.C/2"))
        project = db.session.get(Project, project_id)
        for field, value in (("end_date", "2019-01-01"), ("registration_number", "CZ.C/2")):
            project.conflicts.append(FieldConflict(field=field, candidates=[
                {"value": value, "source_document_id": None}]))
        db.session.commit()
        ids = {c.field: c.id for c in project.conflicts}
    _as(app, client)
    for field, message in (("end_date", "end before it starts"),
                           ("registration_number", "already belongs to project")):
        response = _post(client, project_id, {f"conflict-{ids[field]}": "0"})
        assert response.status_code == 422
        error = BeautifulSoup(response.data, "html.parser").select_one(".form-error")
        assert message in error.get_text()
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.registration_number == "CZ.C/1"
        assert str(project.end_date) == "2020-12-31"


def test_a_stale_form_is_refused(app, client):
    project_id, conflict_id = _conflicted(app)
    _as(app, client)
    response = client.post(_url(project_id), data={
        "csrf_token": form_token(client, _url(project_id)), "row_version": "0",
        f"conflict-{conflict_id}": "0"})
    assert response.status_code == 409
    assert _revisions(app, project_id, RevisionKind.CONFLICT) == []


def test_reviewers_cannot_settle_and_a_missing_token_is_refused(app, client):
    project_id, conflict_id = _conflicted(app)
    _as(app, client, "reviewer")
    token = form_token(client, "/en/curate/review")
    response = client.post(_url(project_id), data={"csrf_token": token,
                                                   f"conflict-{conflict_id}": "0"})
    assert response.status_code == 403
    curator = app.test_client()
    _as(app, curator)
    response = curator.post(_url(project_id), data={f"conflict-{conflict_id}": "0"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(FieldConflict, conflict_id).resolved_at is None
