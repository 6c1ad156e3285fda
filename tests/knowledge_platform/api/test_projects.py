"""/api/v1/projects: search, paging, validation, and the full record."""
from __future__ import annotations

import pytest

from knowledge_platform.db import db

API = "/api/v1"


def get(client, path, **args):
    response = client.get(API + path, query_string=args)
    assert response.mimetype == "application/json", response.data[:200]
    return response, response.get_json()


def test_search_returns_published_projects_with_both_titles_and_labels(client, ids):
    response, body = get(client, "/projects", q="kurzy češtiny v Brně")
    assert response.status_code == 200
    assert body["total"] == 1
    (item,) = body["items"]
    assert item["id"] == ids["brno_interpreting"]
    assert item["title_cs"] == "Tlumočnické služby pro ukrajinské rodiny v Brně"
    assert item["url"] == f"http://localhost{API}/projects/{item['id']}"
    assert item["regions"] == [{"code": "CZ064", "label_cs": "Jihomoravský kraj",
                                "label_en": "South Moravian Region"}]
    assert "facets" not in body


def test_drafts_are_never_listed(client, ids):
    _, body = get(client, "/projects", per_page=100)
    assert body["total"] == 6
    assert ids["liberec_draft"] not in {item["id"] for item in body["items"]}


def test_filters_combine_like_the_search_page(client, ids):
    _, body = get(client, "/projects", region="CZ010", activity="legal_counselling")
    assert [item["id"] for item in body["items"]] == [ids["prague_refugees"]]
    _, body = get(client, "/projects", year_from=2015, year_to=2018, budget_min="1 000 000")
    assert [item["id"] for item in body["items"]] == [ids["ostrava_legal"]]
    _, body = get(client, "/projects", lang="en")
    assert [item["id"] for item in body["items"]] == [ids["prague_refugees"]]


def test_repeatable_target_group_means_any_of_them(client, ids):
    query = [("target_group", "children_youth"), ("target_group", "majority_society")]
    response = client.get(f"{API}/projects", query_string=query)
    assert {item["id"] for item in response.get_json()["items"]} == {
        ids["plzen_children"], ids["landscape"]}


def test_locale_picks_the_title_language(client, ids):
    _, body = get(client, "/projects", q="refugees", locale="en")
    assert body["items"][0]["title"] == "Legal counselling for refugees in Prague"


def test_facets_on_request_with_absolute_toggle_links(client, ids):
    _, body = get(client, "/projects", facets=1, region="CZ010")
    regions = next(facet for facet in body["facets"] if facet["name"] == "region")
    prague = next(value for value in regions["values"] if value["code"] == "CZ010")
    assert prague["selected"] is True and prague["count"] == 2
    assert prague["toggle"] == f"http://localhost{API}/projects?facets=1"
    brno = next(value for value in regions["values"] if value["code"] == "CZ064")
    assert brno["toggle"].endswith("region=CZ010&region=CZ064&facets=1")


def test_pagination_links_and_edges(client, many):
    _, first = get(client, "/projects", per_page=10, sort="oldest")
    assert (first["total"], first["pages"], len(first["items"])) == (25, 3, 10)
    assert first["links"]["previous"] is None
    assert first["links"]["next"] == f"http://localhost{API}/projects?sort=oldest&page=2&per_page=10"
    _, last = get(client, "/projects", per_page=10, sort="oldest", page=3)
    assert len(last["items"]) == 5 and last["links"]["next"] is None
    assert last["links"]["previous"].endswith("page=2&per_page=10")
    # Following every "next" link visits each project exactly once.
    seen, url = [], first["links"]["self"]
    while url:
        body = client.get(url).get_json()
        seen += [item["id"] for item in body["items"]]
        url = body["links"]["next"]
    assert sorted(seen) == sorted(many) and len(seen) == 25


def test_page_past_the_end_is_empty_and_leads_back(client, many):
    response, body = get(client, "/projects", per_page=10, page=7)
    assert response.status_code == 200
    assert body["items"] == [] and body["total"] == 25
    assert body["links"]["next"] is None
    assert body["links"]["previous"].endswith("page=3&per_page=10")


@pytest.mark.parametrize(("args", "bad"), [
    ({"page": "-1"}, "page"),
    ({"page": "0"}, "page"),
    ({"per_page": "101"}, "per_page"),
    ({"year_from": "2010a"}, "year_from"),
    ({"year_to": "1800"}, "year_to"),
    ({"region": "CZ999"}, "region"),
    ({"target_group": "martians"}, "target_group"),
    ({"sort": "random"}, "sort"),
    ({"lang": "de"}, "lang"),
    ({"budget_min": "lots"}, "budget_min"),
    ({"good_practice": "maybe"}, "good_practice"),
    ({"decade": "2015"}, "decade"),
    ({"q": "a\x00b"}, "q"),
])
def test_each_invalid_parameter_is_a_400_naming_it(client, ids, args, bad):
    response, body = get(client, "/projects", **args)
    assert response.status_code == 400
    assert list(body["errors"]) == [bad]
    assert isinstance(body["errors"][bad], str) and body["errors"][bad]


def test_every_bad_parameter_is_named_at_once(client, ids):
    response, body = get(client, "/projects", page="-3", per_page="500", year_from="x",
                         region="NOPE", sort="nope")
    assert response.status_code == 400
    assert set(body["errors"]) == {"page", "per_page", "year_from", "region", "sort"}
    assert "NOPE" in body["errors"]["region"]


def test_a_reversed_year_range_is_read_the_right_way_round(client, ids):
    reversed_, body = get(client, "/projects", year_from=2020, year_to=2010)
    ordered, expected = get(client, "/projects", year_from=2010, year_to=2020)
    assert reversed_.status_code == ordered.status_code == 200
    assert body["items"] == expected["items"] and body["total"] == expected["total"]
    assert body["links"]["self"].endswith("year_from=2010&year_to=2020")


def test_empty_values_count_as_absent_as_on_the_search_page(client, ids):
    response, body = get(client, "/projects", q="", region="", year_from="")
    assert response.status_code == 200 and body["total"] == 6


def test_full_record(client, ids):
    response, body = get(client, f"/projects/{ids['brno_interpreting']}")
    assert response.status_code == 200
    assert body["title_cs"] == "Tlumočnické služby pro ukrajinské rodiny v Brně"
    assert (body["start_date"], body["start_precision"]) == ("2022-03-01", "month")
    assert (body["end_date"], body["end_precision"]) == ("2023-12-31", "month")
    assert body["budget_total"] == 500000.0 and body["currency"] == "CZK"
    assert {"code": "czech_language", "label_cs": "výuka češtiny",
            "label_en": "Czech language teaching"} in body["activities"]
    assert body["target_groups"][0]["code"] == "temporary_protection"
    (implementer,) = body["organisations"]
    assert implementer["name"] == "Diecézní charita Brno"
    assert implementer["role"] == "implementer"
    assert implementer["url"] == f"http://localhost{API}/organisations/{implementer['id']}"
    (source,) = body["sources"]
    assert set(source) == {"location", "url", "media_type", "language", "captured_at"}
    assert source["captured_at"].endswith("+00:00")
    assert body["web_pages"]["en"].startswith("http://localhost/en/projects/")
    assert body["updated_at"] and body["created_at"]


def test_relations_name_kind_and_direction_and_hide_drafts(client, ids):
    _, body = get(client, f"/projects/{ids['brno_interpreting']}")
    assert body["relations"] == [{
        "kind": "predecessor_of", "direction": "incoming",
        "project": {"id": ids["plzen_children"], "slug": "adaptacni-kurzy-pro-deti-cizincu-v-plzni",
                    "title_cs": "Adaptační kurzy pro děti cizinců v Plzni", "title_en": "",
                    "url": f"http://localhost{API}/projects/{ids['plzen_children']}"},
    }]
    _, body = get(client, f"/projects/{ids['plzen_children']}")
    assert [(r["kind"], r["direction"]) for r in body["relations"]] == [
        ("predecessor_of", "outgoing")]


@pytest.mark.parametrize("project_id", ["draft", "999999", "99999999999999999999"])
def test_unknown_unpublished_and_huge_ids_are_json_404(client, ids, project_id):
    if project_id == "draft":
        project_id = ids["liberec_draft"]
    response, body = get(client, f"/projects/{project_id}")
    assert response.status_code == 404
    # A number past any id is no project's address at all (routing bounds it).
    assert set(body["errors"]) == ({"path"} if len(str(project_id)) > 10 else {"project_id"})


def test_record_carries_evaluations_and_their_average(app, client, ids):
    from knowledge_platform.models import Evaluation, Project
    from knowledge_platform.models.evaluations import CRITERIA, checked_criteria

    _, body = get(client, f"/projects/{ids['brno_interpreting']}")
    assert body["evaluations"] == [] and body["evaluation_average"] is None
    with app.app_context():
        project = db.session.get(Project, ids["brno_interpreting"])
        for reviewer, score in (("A", 3), ("B", 2)):
            project.evaluations.append(Evaluation(reviewer=reviewer, criteria=checked_criteria(
                {name: {"score": score, "rationale": f"{name} {score}"} for name in CRITERIA})))
        db.session.commit()
    _, body = get(client, f"/projects/{ids['brno_interpreting']}")
    assert [(e["reviewer"], e["average"]) for e in body["evaluations"]] == [("A", 3.0), ("B", 2.0)]
    assert body["evaluation_average"] == 2.5
    assert body["evaluations"][1]["criteria"]["evidence"] == {"score": 2, "rationale": "evidence 2"}
