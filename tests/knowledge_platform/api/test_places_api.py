"""/api/v1/places-like-mine: the ranking as JSON, and its errors."""
from __future__ import annotations

import pytest

from tests.factories import record, store


@pytest.fixture
def towns(app):
    with app.app_context():
        return {code: store(record(title=f"Projekt {code}", municipalities=[code],
                                   regions=["CZ063"])).project.id
                for code in ("jihlava", "trebic", "telc")}


def test_projects_near_a_town_with_reasons(client, towns):
    response = client.get("/api/v1/places-like-mine?place=Jihlave&locale=en&per_page=2")
    assert response.status_code == 200
    data = response.get_json()
    assert data["origin"]["code"] == "jihlava" and data["origin"]["okres"] == "CZ0632"
    assert data["counts"]["here"] == 1 and data["total"] == 3 and data["pages"] == 2
    first, second = data["items"]
    assert first["id"] == towns["jihlava"] and first["nearness"]["tier"] == "here"
    assert second["id"] == towns["telc"] and second["nearness"]["tier"] == "okres"
    assert second["nearness"]["reason"].startswith("same district (okres Jihlava), ")
    assert data["links"]["next"].endswith("page=2") or "page=2" in data["links"]["next"]
    last = client.get(data["links"]["next"]).get_json()
    assert [item["id"] for item in last["items"]] == [towns["trebic"]]
    assert last["items"][0]["nearness"]["km"] > 20


def test_reasons_follow_the_locale(client, towns):
    data = client.get("/api/v1/places-like-mine?place=jihlava&locale=cs").get_json()
    assert data["items"][0]["nearness"]["reason"] == "v místě Jihlava"


@pytest.mark.parametrize("query, status, message", [
    ("", 400, "Missing data for required field."),
    ("?place=Atlantis", 404, "no town or city district called 'Atlantis'"),
    ("?place=Hranice", 404, "more places have this name; use one of the codes "
                            "hranice-cheb, hranice-prerov"),
])
def test_errors_name_the_place(client, towns, query, status, message):
    response = client.get(f"/api/v1/places-like-mine{query}")
    assert response.status_code == status
    assert response.get_json()["errors"]["place"] == message
