"""Municipalities and town sizes as facets: filters and counts in the API, the search page,
exports and ``kp search``, and typed by name on the curator's edit form."""
from __future__ import annotations

import csv
import io
import json

import pytest

from knowledge_platform.db import db
from knowledge_platform.models import Project
from tests.factories import record, store
from tests.knowledge_platform.curate.edit.test_edit import (
    curator_client,
    field_errors,
    load,
    new_project,
    post,
)


@pytest.fixture
def placed(app):
    with app.app_context():
        return {
            "jihlava": store(record(title="Kurzy v Jihlavě", municipalities=["jihlava"],
                                    regions=["CZ063"])).project.id,
            "both": store(record(title="Tlumočení v Jihlavě a Telči",
                                 municipalities=["jihlava", "telc"],
                                 regions=["CZ063"])).project.id,
            "brno": store(record(title="Poradna v Brně", municipalities=["brno"],
                                 regions=["CZ064"])).project.id,
        }


def test_api_filters_and_counts_both_facets(client, placed):
    data = client.get("/api/v1/projects?municipality=jihlava&facets=1").get_json()
    assert {item["id"] for item in data["items"]} == {placed["jihlava"], placed["both"]}
    facets = {facet["name"]: {v["code"]: v["count"] for v in facet["values"]}
              for facet in data["facets"]}
    # A facet's own filter does not narrow its counts: the other towns stay choosable.
    assert facets["municipality"] == {"jihlava": 2, "telc": 1, "brno": 1}
    # Jihlava is a town of 50-100 thousand, Telč of 5-20 thousand.
    assert facets["size_band"] == {"50k_100k": 2, "5k_20k": 1}
    small = client.get("/api/v1/projects?size_band=5k_20k").get_json()
    assert [item["id"] for item in small["items"]] == [placed["both"]]
    assert client.get("/api/v1/projects?municipality=atlantis").status_code == 400
    item = next(i for i in data["items"] if i["id"] == placed["both"])
    assert [term["code"] for term in item["municipalities"]] == ["jihlava", "telc"]


def test_the_municipalities_list_has_every_gazetteer_place(client, placed):
    items = client.get("/api/v1/municipalities").get_json()["items"]
    counts = {item["code"]: item["project_count"] for item in items}
    assert counts["jihlava"] == 2 and counts["praha-6"] == 0 and len(items) > 700


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_the_search_page_has_both_facets(client, placed, lang):
    page = client.get(f"/{lang}/search?size_band=over_100k").get_data(as_text=True)
    assert 'class="facet facet-municipality"' in page and 'class="facet facet-size_band"' in page
    assert "Poradna v Brně" in page and "Kurzy v Jihlavě" not in page


def test_exports_carry_places_and_sizes(client, placed):
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/v1/projects.csv?municipality=telc").get_data(as_text=True)
        .lstrip("\ufeff"))))
    assert len(rows) == 1
    assert rows[0]["title_cs"] == "Tlumočení v Jihlavě a Telči"
    assert "jihlava" in rows[0]["municipalities"] and "telc" in rows[0]["municipalities"]
    assert "5k_20k" in rows[0]["size_bands"]


def test_kp_search_filters_by_municipality(runner, placed):
    result = runner.invoke(args=["search", "--municipality", "brno", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [hit["id"] for hit in json.loads(result.output)["hits"]] == [placed["brno"]]


def test_curators_type_places_by_name_in_any_case(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče")
    values = load(client, project_id)
    values["municipalities"] = ["Kolíně; praha 6"]
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert [term.code for term in project.municipalities] == ["kolin", "praha-6"]
        # The size bands follow the places; nobody types them.
        assert {term.code for term in project.size_bands} == {"20k_50k", "over_100k"}
    values = load(client, project_id)
    assert values["municipalities"] == ["Kolín; Praha 6"]
    values["municipalities"] = ["Atlantis; Hranice"]
    response = post(client, project_id, values)
    assert response.status_code == 422
    assert any("Atlantis" in error for error in field_errors(response, "municipalities"))


def test_a_town_sharing_its_name_round_trips_through_the_form(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy v Hranicích")
    values = load(client, project_id)
    values["municipalities"] = ["hranice-prerov"]
    assert post(client, project_id, values).status_code == 303
    values = load(client, project_id)
    assert values["municipalities"] == ["hranice-prerov"]  # its code: the name is shared
    assert post(client, project_id, values).status_code == 303  # saved again unchanged
    typed = {**values, "municipalities": ["Hranice; Atlantis"]}
    response = post(client, project_id, typed)
    assert response.status_code == 422
    # What the curator typed stays in the box to be corrected.
    assert "Hranice; Atlantis" in response.get_data(as_text=True)
