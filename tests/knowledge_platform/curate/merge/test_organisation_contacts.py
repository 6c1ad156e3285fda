"""Organisations' public contacts: edited by curators, shown on their page, in the contact
box of the projects they implement and in the API, and kept by a merge."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, OrganisationChange
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

CONTACTS = {"website": "https://poradna.example.org", "email": "info@poradna.example.org",
            "phone": "+420 475 000 111", "address": "Velká Hradební 1, 400 01 Ústí nad Labem"}


@pytest.fixture
def implemented(app):
    with app.app_context():
        project = store(record(implementer="Poradna pro integraci",
                               partners=["Město Ústí nad Labem"])).project
        return project.id, project.implementer.id


def _save(app, client, organisation_id: int, **contacts):
    make_user(app, "curator@example.org")
    assert login(client, "curator@example.org").status_code == 302
    url = f"/en/curate/organisations/{organisation_id}"
    return client.post(url, data={"csrf_token": form_token(client, url),
                                  "name": "Poradna pro integraci", "type": "ngo", **contacts})


def test_curators_record_contacts_and_the_public_sees_them(app, client, implemented):
    project_id, organisation_id = implemented
    assert _save(app, client, organisation_id, **CONTACTS).status_code == 303
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        assert organisation.contacts == CONTACTS
        change = db.session.query(OrganisationChange).one()
        assert set(change.changes) == set(CONTACTS)  # the history names each field
    visitor = app.test_client()
    page = BeautifulSoup(visitor.get(f"/en/organisations/{organisation_id}",
                                     follow_redirects=True).data, "html.parser")
    assert page.select_one(".contact-email a")["href"] == "mailto:info@poradna.example.org"
    assert page.select_one(".contact-phone a")["href"] == "tel:+420475000111"
    box = BeautifulSoup(visitor.get(f"/cs/projects/{project_id}", follow_redirects=True).data,
                        "html.parser").select_one(".contact-box")
    assert "Poradna pro integraci" in box.h3.text
    assert box.select_one(".contact-address").text == CONTACTS["address"]
    assert "Město Ústí" not in box.text  # partners are not the contact
    item = visitor.get(f"/api/v1/organisations/{organisation_id}").get_json()
    assert {field: item[field] for field in CONTACTS} == CONTACTS


def test_a_project_whose_implementer_has_no_contacts_has_no_box(app, client, implemented):
    project_id, _ = implemented
    page = BeautifulSoup(client.get(f"/en/projects/{project_id}", follow_redirects=True).data,
                         "html.parser")
    assert page.select_one(".contact-box") is None


@pytest.mark.parametrize("field, value, message", [
    ("website", "poradna.example.org", "http://"),
    ("email", "info at poradna", "name@example.cz"),
    ("phone", "call us", "digits"),
])
def test_contacts_that_cannot_work_are_refused_in_words(app, client, implemented, field, value,
                                                         message):
    refused = _save(app, client, implemented[1], **{field: value})
    assert refused.status_code == 422
    assert message in BeautifulSoup(refused.data, "html.parser").get_text()
    with app.app_context():
        assert getattr(db.session.get(Organisation, implemented[1]), field) is None


def test_a_merge_fills_the_contacts_the_kept_organisation_lacks(app, implemented):
    from knowledge_platform.curate.merge.organisation_merging import merge_organisations

    with app.app_context():
        kept = db.session.get(Organisation, implemented[1])
        kept.email = "kept@example.org"
        other = store(record(implementer="Poradna pro integraci v Ústí")).project.implementer
        other.email, other.phone = "other@example.org", "+420 600 000 000"
        db.session.commit()
        merge_organisations(kept, other, user=None)
        db.session.commit()
        assert (kept.email, kept.phone) == ("kept@example.org", "+420 600 000 000")
