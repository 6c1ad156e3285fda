"""A project's contact person is personal data: public only with their recorded consent."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from knowledge_platform.catalogue import FIELDS
from knowledge_platform.db import db
from knowledge_platform.exports.columns import NAMES_OF_COLUMNS
from knowledge_platform.exports.release import write_release
from knowledge_platform.models import Project
from knowledge_platform.personal import PERSONAL, SHOWN, contact_person
from tests.factories import record, store
from tests.knowledge_platform.curate.edit.test_edit import (
    curator_client,
    field_errors,
    load,
    post,
)

NAME = "Zdislava Vrbíková"
EMAIL = "zdislava.vrbikova@example.org"
PERSON = {"contact_name": NAME, "contact_role": "koordinátorka projektu",
          "contact_email": EMAIL, "contact_phone": "+420 777 123 456"}


def _project(app, consent: bool) -> int:
    with app.app_context():
        project = store(record(title="Kurzy češtiny v Kolíně", implementer="Poradna Most",
                               summary="Kurzy češtiny pro dospělé."), publish=True).project
        for name, value in PERSON.items():
            setattr(project, name, value)
        project.contact_consent = consent
        project.contact_consent_date = date(2026, 1, 15) if consent else None
        db.session.commit()
        return project.id


def _page(client, project_id: int):
    return client.get(f"/en/projects/{project_id}", follow_redirects=True)


def _public_bodies(app, client, project_id: int, tmp_path) -> dict[str, str]:
    """Every public answer about the project, by where it came from."""
    bodies = {
        "page": _page(client, project_id).get_data(as_text=True),
        "api": client.get(f"/api/v1/projects/{project_id}").get_data(as_text=True),
        "csv": client.get("/api/v1/projects.csv").get_data(as_text=True),
        "jsonl": client.get("/api/v1/projects.jsonl").get_data(as_text=True),
        "feed": client.get("/en/search.atom?q=kurzy").get_data(as_text=True),
        "search": client.get("/en/search?q=kurzy").get_data(as_text=True),
        "organisation": client.get("/en/organisations").get_data(as_text=True),
    }
    with app.app_context():
        write_release(tmp_path / "release", ("csv", "jsonl"), base_url="https://kp.example")
    for path in (tmp_path / "release").iterdir():
        bodies[f"release {path.name}"] = path.read_text("utf-8")
    return bodies


def test_the_catalogue_marks_the_contact_person_as_personal():
    assert set(PERSONAL) == {"contact_name", "contact_role", "contact_email", "contact_phone",
                             "contact_consent", "contact_consent_date"}
    assert all(field.personal for field in FIELDS if field.name in PERSONAL)
    assert set(SHOWN) <= set(NAMES_OF_COLUMNS)
    assert not {"contact_consent", "contact_consent_date"} & set(NAMES_OF_COLUMNS)


def test_with_consent_the_person_is_in_the_box_the_api_and_the_exports(app, client, tmp_path):
    project_id = _project(app, consent=True)
    page = BeautifulSoup(_page(client, project_id).data, "html.parser")
    box = page.select_one(".contact-box")
    assert box.select_one(".contact-person-name").get_text(strip=True) == NAME
    assert box.select_one(".contact-person-email a")["href"] == f"mailto:{EMAIL}"
    answer = client.get(f"/api/v1/projects/{project_id}").get_json()
    assert answer["contact_person"] == {"name": NAME, "role": "koordinátorka projektu",
                                        "email": EMAIL, "phone": "+420 777 123 456"}
    line = json.loads(client.get("/api/v1/projects.jsonl").get_data(as_text=True).splitlines()[0])
    assert (line["contact_name"], line["contact_email"]) == (NAME, EMAIL)
    assert NAME in client.get("/api/v1/projects.csv").get_data(as_text=True)
    codebook = next(body for where, body in _public_bodies(app, client, project_id, tmp_path)
                    .items() if where.startswith("release codebook"))
    assert "contact_name" in codebook


def test_without_consent_the_name_appears_nowhere_public(app, client, tmp_path):
    project_id = _project(app, consent=False)
    for where, body in _public_bodies(app, client, project_id, tmp_path).items():
        assert NAME not in body, where
        assert EMAIL not in body, where
    assert client.get(f"/api/v1/projects/{project_id}").get_json()["contact_person"] is None
    # Searching for the name finds nothing (the page only repeats the query).
    found = BeautifulSoup(client.get(f"/en/search?q={NAME}").data, "html.parser")
    assert "Kurzy češtiny v Kolíně" not in found.get_text()
    with app.app_context():
        assert contact_person(db.session.get(Project, project_id)) is None


def test_consent_without_its_date_lists_nobody(app, client):
    project_id = _project(app, consent=True)
    with app.app_context():
        db.session.get(Project, project_id).contact_consent_date = None
        db.session.commit()
    assert NAME not in _page(client, project_id).get_data(as_text=True)


def test_the_search_index_never_holds_the_person(app, client):
    project_id = _project(app, consent=True)
    with app.app_context():
        row = db.session.get(Project, project_id).search_document
        indexed = " ".join(str(getattr(row, column.key) or "")
                           for column in row.__table__.columns)
    assert "vrbikov" not in indexed.lower() and "zdislav" not in indexed.lower()
    found = client.get(f"/api/v1/projects?q={NAME}").get_json()
    assert found["items"] == []


@pytest.fixture
def editing(app):
    project_id = _project(app, consent=False)
    client = curator_client(app)
    return client, project_id


def test_curators_see_and_edit_the_person(app, editing):
    client, project_id = editing
    values = load(client, project_id)
    assert values["contact_name"] == [NAME]
    values.update({"contact_consent": ["y"], "contact_consent_date": ["2026-02-01"],
                   "contact_role": ["ředitelka"]})
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.contact_consent and project.contact_consent_date == date(2026, 2, 1)
        assert project.contact_role == "ředitelka"


def test_withdrawn_consent_hides_the_person_at_once(app, client, editing):
    curator, project_id = editing
    values = load(curator, project_id)
    values.update({"contact_consent": ["y"], "contact_consent_date": ["2026-02-01"]})
    assert post(curator, project_id, values).status_code == 303
    page = _page(client, project_id)
    assert NAME in page.get_data(as_text=True)  # and now in the page cache
    assert NAME in client.get(f"/api/v1/projects/{project_id}").get_data(as_text=True)
    values = load(curator, project_id)
    values.pop("contact_consent")
    assert post(curator, project_id, values).status_code == 303
    page = _page(client, project_id)
    assert page.status_code == 200 and NAME not in page.get_data(as_text=True)
    assert NAME not in client.get(f"/api/v1/projects/{project_id}").get_data(as_text=True)


def test_consent_needs_a_date_that_is_not_in_the_future(app, editing):
    client, project_id = editing
    values = load(client, project_id)
    values.update({"contact_consent": ["y"], "contact_consent_date": [""]})
    response = post(client, project_id, values)
    assert response.status_code == 422
    assert field_errors(response, "contact_consent_date") == [
        "Enter the date the person agreed to be listed."]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    values.update({"contact_consent_date": [tomorrow]})
    response = post(client, project_id, values)
    assert field_errors(response, "contact_consent_date") == [
        "The date of the consent cannot be in the future."]
    values.update({"contact_email": ["not an address"], "contact_consent_date": ["2026-01-02"]})
    assert field_errors(post(client, project_id, values), "contact_email") == [
        "Enter an e-mail address, such as jana@example.org."]
    with app.app_context():
        assert not db.session.get(Project, project_id).contact_consent
