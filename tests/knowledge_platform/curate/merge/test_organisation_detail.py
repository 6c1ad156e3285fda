"""An organisation in the workspace: new ones wait to be checked, with likely twins named."""
from __future__ import annotations

from bs4 import BeautifulSoup

from knowledge_platform.db import db
from knowledge_platform.models import Organisation
from knowledge_platform.text import match_key
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user


def _organisation(app, name: str) -> int:
    with app.app_context():
        project = store(record(implementer=name)).project
        return project.implementer.id


def _curator(app, client):
    make_user(app, "curator@example.org")
    assert login(client, "curator@example.org").status_code == 302


def test_new_organisations_wait_apart_with_their_likely_twins(app, client):
    known = _organisation(app, "Diecézní charita Plzeň")
    with app.app_context():
        db.session.get(Organisation, known).checked = True
        db.session.commit()
    new = _organisation(app, "Charita Plzeň – Diecézní charita")
    _curator(app, client)
    listed = BeautifulSoup(client.get("/en/curate/organisations?new=1").data, "html.parser")
    assert [int(row["data-organisation-id"]) for row in listed.select("tr.organisation")] == [new]
    (suggested,) = listed.select("tr.organisation .organisation-twins [data-twin-id]")
    assert int(suggested["data-twin-id"]) == known
    assert suggested.a["href"] == f"/en/curate/organisations/{known}/merge?other={new}"
    assert "1 new organisation from imports to check" in BeautifulSoup(
        client.get("/en/curate/organisations").data, "html.parser").get_text()
    page = BeautifulSoup(client.get(f"/en/curate/organisations/{new}").data, "html.parser")
    assert "not checked yet" in page.select_one(".organisation-state").get_text()
    assert [int(item["data-organisation-id"]) for item in page.select(".organisation-twins li")
            ] == [known]
    assert len(page.select(".organisation-projects li")) == 1


def test_a_renamed_organisation_keeps_its_old_name_as_an_alias(app, client):
    organisation_id = _organisation(app, "Poradna pro integraci Ústí")
    _curator(app, client)
    url = f"/en/curate/organisations/{organisation_id}"
    refused = client.post(url, data={"csrf_token": form_token(client, url), "name": "Poradna",
                                     "ico": "123", "type": "ngo"})
    assert refused.status_code == 422
    saved = client.post(url, data={"csrf_token": form_token(client, url),
                                   "name": "Poradna pro integraci, z.ú.", "ico": "12345678",
                                   "type": "ngo", "website": "https://poradna.example.org"})
    assert saved.status_code == 303
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        assert (organisation.name, organisation.ico, organisation.checked) == (
            "Poradna pro integraci, z.ú.", "12345678", True)
        assert match_key("Poradna pro integraci Ústí") in {a.key for a in organisation.aliases}
