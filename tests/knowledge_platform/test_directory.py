"""The public directory of organisations (/<lang>/organisations, directory.py)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, OrganisationAlias, OrganisationType
from knowledge_platform.text import match_key
from knowledge_platform.views import organisations as view
from tests.factories import record, store


@pytest.fixture
def listed(app):
    """Three organisations: an NGO in Prague with two projects, a town in Brno, and one
    whose only project is a draft (so it is not listed)."""
    with app.app_context():
        ngo = store(record(title="Kurzy češtiny", implementer="Poradna pro integraci",
                           regions=["CZ010"])).project.implementer
        store(record(title="Tlumočení v úřadech", implementer="Poradna pro integraci",
                     regions=["CZ010"]))
        ngo.type = OrganisationType("ngo")
        ngo.aliases.append(OrganisationAlias(name="Integrační poradna Ústí",
                                             key=match_key("Integrační poradna Ústí")))
        town = store(record(title="Komunitní centrum", implementer="Statutární město Brno",
                            regions=["CZ064"])).project.implementer
        town.type = OrganisationType("municipality")
        store(record(title="Návrh", implementer="Skrytá organizace"), publish=False)
        db.session.commit()
        # Returned, not yielded: requests must not share the fixture's app context (and its
        # flask-babel locale).
        return {"ngo": ngo.id, "town": town.id}


def _listed(client, query: str = "") -> list[int]:
    page = BeautifulSoup(client.get(f"/en/organisations{query}").data, "html.parser")
    return [int(row["data-organisation-id"]) for row in page.select("tr.organisation")]


def test_organisations_with_published_projects_by_name_or_by_count(client, listed):
    assert _listed(client) == [listed["ngo"], listed["town"]]  # by name; the draft's is out
    page = BeautifulSoup(client.get("/cs/organisations?sort=projects").data, "html.parser")
    counts = [cell.text for cell in page.select("tr.organisation .count")]
    assert counts == ["2", "1"] and "2 organizace" in page.select_one(".result-count").text


def test_found_by_alias_type_and_region_and_the_rest_ignored(client, listed):
    assert _listed(client, "?q=poradna%20%C3%BAst%C3%AD") == [listed["ngo"]]
    assert _listed(client, "?type=municipality") == [listed["town"]]
    assert _listed(client, "?region=CZ064") == [listed["town"]]
    assert _listed(client, "?region=CZ010&type=municipality") == []
    assert _listed(client, "?type=pirate&region=XX&sort=shoe&page=x") == [
        listed["ngo"], listed["town"]]


def test_pages_of_the_directory(client, listed, monkeypatch):
    monkeypatch.setattr(view, "PER_PAGE", 1)
    assert _listed(client, "?page=2") == [listed["town"]]
    page = BeautifulSoup(client.get("/en/organisations?type=&page=1").data, "html.parser")
    assert "page=2" in page.select_one("a[rel=next]")["href"]
    assert _listed(client, "?page=99") == [listed["town"]]  # past the end: the last page


def test_the_api_lists_the_same_organisations(client, listed):
    items = client.get("/api/v1/organisations?q=poradna%20%C3%BAst%C3%AD").get_json()["items"]
    assert [item["id"] for item in items] == [listed["ngo"]]
    with client.application.app_context():
        assert db.session.get(Organisation, listed["ngo"]).name == "Poradna pro integraci"
