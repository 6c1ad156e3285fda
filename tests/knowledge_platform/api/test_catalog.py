"""Organisations, vocabularies and statistics in the API."""
from __future__ import annotations

from knowledge_platform.db import db
from knowledge_platform.models import Organisation
from tests.factories import record, store

API = "/api/v1"


def test_organisations_are_paged_with_published_project_counts(client, ids):
    body = client.get(f"{API}/organisations", query_string={"per_page": 4}).get_json()
    # The draft's implementer (Centrum Liberec) has no published project and stays private.
    assert body["total"] == 6 and body["pages"] == 2 and len(body["items"]) == 4
    assert "Centrum Liberec" not in {item["name"] for item in body["items"]}
    assert body["links"]["next"] == f"http://localhost{API}/organisations?per_page=4&page=2"
    last = client.get(body["links"]["next"]).get_json()
    assert len(last["items"]) == 2 and last["links"]["next"] is None
    assert last["links"]["previous"] == f"http://localhost{API}/organisations?per_page=4"
    names = [item["name"] for item in body["items"] + last["items"]]
    assert names == sorted(names)
    assert all(item["project_count"] == 1 for item in body["items"])


def test_organisations_sorted_by_projects_and_searched_by_name(app, client, ids):
    with app.app_context():
        store(record(title="Další poradna v Brně", implementer="Diecézní charita Brno"))
    body = client.get(f"{API}/organisations", query_string={"sort": "projects"}).get_json()
    assert (body["items"][0]["name"], body["items"][0]["project_count"]) == (
        "Diecézní charita Brno", 2)
    found = client.get(f"{API}/organisations", query_string={"q": "krajina"}).get_json()
    assert [item["name"] for item in found["items"]] == ["Spolek Krajina"]
    percent = client.get(f"{API}/organisations", query_string={"q": "%"}).get_json()
    assert percent["total"] == 0


def test_organisation_page_past_the_end(client, ids):
    response = client.get(f"{API}/organisations", query_string={"page": 9})
    body = response.get_json()
    assert response.status_code == 200 and body["items"] == []
    assert body["links"]["previous"] == f"http://localhost{API}/organisations"


def test_organisations_validate_their_parameters(client, ids):
    response = client.get(f"{API}/organisations", query_string={"sort": "size",
                                                                  "per_page": 0})
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"sort", "per_page"}


def test_organisation_record(app, client, ids):
    with app.app_context():
        organisation_id = db.session.scalar(
            db.select(Organisation.id).where(Organisation.name == "Diecézní charita Brno"))
        draft_implementer = db.session.scalar(
            db.select(Organisation.id).where(Organisation.name == "Centrum Liberec"))
    body = client.get(f"{API}/organisations/{organisation_id}").get_json()
    assert body["name"] == "Diecézní charita Brno" and body["project_count"] == 1
    assert [(p["id"], p["roles"]) for p in body["projects"]] == [
        (ids["brno_interpreting"], ["implementer"])]
    assert body["web_pages"]["cs"].startswith("http://localhost/cs/organisations/")
    missing = client.get(f"{API}/organisations/{draft_implementer}")
    assert missing.status_code == 404
    assert "organisation_id" in missing.get_json()["errors"]
    assert client.get(f"{API}/organisations/424242").status_code == 404


def test_vocabularies_list_every_term_with_both_labels_and_counts(client, ids):
    regions = client.get(f"{API}/regions").get_json()["items"]
    by_code = {item["code"]: item for item in regions}
    assert by_code["CZ010"] == {"code": "CZ010", "label_cs": "Hlavní město Praha",
                                "label_en": "Prague", "project_count": 2}
    # The draft in Liberec is not counted, and terms without projects are still listed.
    assert by_code["CZ051"]["project_count"] == 0
    assert len(regions) == 16
    funders = {item["code"]: item["project_count"]
               for item in client.get(f"{API}/funders").get_json()["items"]}
    assert funders["AMIF"] == 2 and funders["REGION"] == 0
    activities = {item["code"]: item["project_count"]
                  for item in client.get(f"{API}/activities").get_json()["items"]}
    assert activities["czech_language"] == 2 and activities["legal_counselling"] == 2
    groups = {item["code"]: item["project_count"]
              for item in client.get(f"{API}/target-groups").get_json()["items"]}
    assert groups["third_country_nationals"] == 2


def test_stats(client, ids):
    body = client.get(f"{API}/stats").get_json()
    totals = body["totals"]
    assert (totals["projects"], totals["organisations"]) == (6, 6)
    assert (totals["first_year"], totals["last_year"]) == (2008, 2023)
    assert totals["budget"] == [{"currency": "CZK", "total": 10780000.0, "project_count": 4}]
    assert {item["code"]: item["project_count"] for item in body["regions"]}["CZ010"] == 2
    assert {item["code"]: item["project_count"]
            for item in body["target_groups"]}["temporary_protection"] == 1
    years = {item["year"]: item for item in body["years"]}
    assert sorted(years) == [2008, 2010, 2014, 2016, 2019, 2022]
    assert years[2016]["budget"] == [{"currency": "CZK", "total": 1200000.0,
                                      "project_count": 1}]
    assert years[2010]["budget"] == [] and years[2010]["project_count"] == 1
