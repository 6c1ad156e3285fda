"""Merging two projects: nothing is lost, the old address redirects, duplicates are marked."""
from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import func, or_, select

from knowledge_platform.db import db
from knowledge_platform.models import (
    Evaluation,
    FieldConflict,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    SourceDocument,
    Status,
)
from knowledge_platform.models.evaluations import CRITERIA
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user


def _pair(app) -> dict[str, int]:
    """A survivor, a duplicate with two disagreeing sources and an evaluation, and a third
    project both are related to."""
    with app.app_context():
        survivor = store(record(title="Kurzy češtiny v Brně", partners=["Charita Brno"],
                                regions=["CZ064"])).project
        other = store(record(title="Čeština pro dospělé v Brně", registration_number="CZ.M/1",
                             implementer="Diecézní charita Brno", partners=["Charita Brno"],
                             regions=["CZ010"], budget_amount=5000), publish=False).project
        store(record(title="Čeština pro dospělé v Brně", registration_number="CZ.M/1",
                     implementer="Diecézní charita Brno", budget_amount=6000), publish=False)
        other.status = Status.PUBLISHED  # after its second source, which set its values
        third = store(record(title="Tlumočení v nemocnicích", implementer="Město Brno")).project
        db.session.add(Evaluation(project=other, reviewer="Eva", criteria={
            name: {"score": 2, "rationale": "ok"} for name in CRITERIA}))
        db.session.add_all([
            ProjectRelation(from_project=survivor, to_project=other,
                            kind=RelationKind.POSSIBLE_DUPLICATE),
            ProjectRelation(from_project=other, to_project=third, kind=RelationKind.SAME_SERIES),
            ProjectRelation(from_project=survivor, to_project=third,
                            kind=RelationKind.SAME_SERIES),
            ProjectRelation(from_project=third, to_project=other,
                            kind=RelationKind.PREDECESSOR_OF),
        ])
        db.session.commit()
        return {"survivor": survivor.id, "other": other.id, "third": third.id}


def _as(app, client, role: str = "curator") -> int:
    user_id = make_user(app, f"{role}@example.org", role=role)
    assert login(client, f"{role}@example.org").status_code == 302
    return user_id


def _merge_url(project_id: int, other: int | None = None) -> str:
    return f"/en/curate/projects/{project_id}/merge" + (f"?other={other}" if other else "")


def _form_data(page: BeautifulSoup, selector: str = "form.merge-form") -> dict[str, list[str]]:
    """What a browser would submit from the form: hidden fields, checked radios and boxes."""
    data: dict[str, list[str]] = {}
    for field in page.select_one(selector).find_all("input"):
        if field.get("type") == "hidden" or field.has_attr("checked"):
            data.setdefault(field["name"], []).append(field.get("value", ""))
    return data


def _counts(app, project_id: int) -> dict[str, int]:
    with app.app_context():
        project = db.session.get(Project, project_id)
        return {
            "sources": len(project.sources), "evaluations": len(project.evaluations),
            "revisions": len(project.revisions),
            "organisations": len({link.organisation_id for link in project.organisations}),
            "conflicts": len(project.conflicts),
        }


def _api_ids(client, **query) -> set[int]:
    found = client.get("/api/v1/projects", query_string=query).get_json()
    return {item["id"] for item in found["items"]}


def test_the_preview_shows_both_records_and_defaults_to_the_survivor(app, client):
    ids = _pair(app)
    _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    choices = {fieldset["data-field"]: fieldset for fieldset in page.select(".merge-choice")}
    assert {"title_cs", "registration_number", "budget_total"} <= choices.keys()
    assert "status" not in choices  # both published
    checked = _form_data(page)
    assert checked["choice-title_cs"] == ["survivor"]
    # Empty in the survivor: filled from the other record by default.
    assert checked["choice-registration_number"] == ["other"]
    assert checked["choice-budget_total"] == ["other"]
    assert "CZK\xa06,000" in choices["budget_total"].get_text()
    items = " ".join(fieldset.get_text(" ", strip=True)
                     for fieldset in page.select("fieldset.merge-items"))
    assert "Charita Brno" in items and "Diecézní charita Brno" in items


def test_a_merge_keeps_everything(app, client):
    ids = _pair(app)
    before = {name: _counts(app, ids[name]) for name in ("survivor", "other")}
    assert before["other"] == {"sources": 2, "evaluations": 1, "revisions": 2,
                               "organisations": 2, "conflicts": 1}
    user_id = _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    data = {**_form_data(page), "choice-title_cs": "other", "note": "Same course.",
            "csrf_token": form_token(client, _merge_url(ids["survivor"]))}
    response = client.post(_merge_url(ids["survivor"]), data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"?merged={ids['other']}")

    after = _counts(app, ids["survivor"])
    assert after["sources"] == 3 and after["evaluations"] == 1 and after["conflicts"] == 1
    # Its own import, the other's two imports, and the merge.
    assert after["revisions"] == before["survivor"]["revisions"] + 2 + 1
    assert after["organisations"] == 3  # Charita Brno was a partner of both: one link
    with app.app_context():
        survivor = db.session.get(Project, ids["survivor"])
        merged = db.session.get(Project, ids["other"])
        assert survivor.title_cs == "Čeština pro dospělé v Brně"
        assert survivor.registration_number == "CZ.M/1" and merged.registration_number is None
        assert str(survivor.budget_total) == "6000.00"
        assert {region.code for region in survivor.regions} == {"CZ010", "CZ064"}
        assert [o.name for o in survivor.organisations_in("implementer")] == [
            "Centrum pro integraci cizinců", "Diecézní charita Brno"]
        assert [o.name for o in survivor.organisations_in("partner")] == ["Charita Brno"]
        assert merged.status == Status.ARCHIVED and merged.merged_into_id == survivor.id
        assert merged.organisations == [] and merged.sources == []
        assert db.session.scalar(select(func.count(SourceDocument.id))) == 4  # none deleted
        merge = survivor.revisions[-1]
        assert merge.kind == RevisionKind.MERGE and merge.user_id == user_id
        assert f"#{ids['other']}" in merge.note and "Same course." in merge.note
        assert {"title_cs", "registration_number", "regions", "implementers"} <= set(
            merge.changes)
        # The merged row keeps one revision: how it was archived.
        (archived,) = merged.revisions
        assert archived.kind == RevisionKind.MERGE
        assert archived.changes["status"] == {"old": "published", "new": "archived"}
        relations = db.session.execute(select(
            ProjectRelation.from_project_id, ProjectRelation.to_project_id,
            ProjectRelation.kind)).all()
        assert sorted(relations) == sorted([
            (ids["survivor"], ids["third"], RelationKind.SAME_SERIES),
            (ids["third"], ids["survivor"], RelationKind.PREDECESSOR_OF)])
        assert db.session.scalar(select(func.count(FieldConflict.id)).where(
            FieldConflict.project_id == ids["other"])) == 0


def test_the_merged_address_redirects_and_leaves_the_search(app, client):
    ids = _pair(app)
    assert _api_ids(client, q="Diecézní") == {ids["other"]}
    assert ids["survivor"] not in _api_ids(client, region="CZ010")
    _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    client.post(_merge_url(ids["survivor"]), data={
        **_form_data(page), "csrf_token": form_token(client, _merge_url(ids["survivor"]))})
    with app.app_context():
        slug = db.session.get(Project, ids["survivor"]).slug
    for path in (f"/en/projects/{ids['other']}", f"/cs/projects/{ids['other']}-anything"):
        response = client.get(path)
        assert response.status_code == 301
        assert response.headers["Location"].endswith(f"/projects/{ids['survivor']}-{slug}")
    response = client.get(f"/api/v1/projects/{ids['other']}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/api/v1/projects/{ids['survivor']}")
    assert response.get_json()["merged_into"]["id"] == ids["survivor"]
    # The implementer and region it brought now find the survivor, never the archived row.
    assert _api_ids(client, q="Diecézní") == {ids["survivor"]}
    assert ids["survivor"] in _api_ids(client, region="CZ010")
    assert ids["other"] not in _api_ids(client, region="CZ010")


def test_records_that_cannot_be_merged_are_refused(app, client):
    ids = _pair(app)
    _as(app, client)
    response = client.get(_merge_url(ids["survivor"], ids["survivor"]))
    assert response.status_code == 422
    assert BeautifulSoup(response.data, "html.parser").select_one("form.merge-form") is None
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    stale = {**_form_data(page), "other_version": "0",
             "csrf_token": form_token(client, _merge_url(ids["survivor"]))}
    assert client.post(_merge_url(ids["survivor"]), data=stale).status_code == 409
    with app.app_context():
        assert db.session.get(Project, ids["other"]).merged_into_id is None
    client.post(_merge_url(ids["survivor"]), data={**_form_data(page),
                                                   "csrf_token": stale["csrf_token"]})
    again = client.post(_merge_url(ids["third"]), data={
        "other": ids["other"], "survivor_version": "1", "other_version": "1",
        "csrf_token": stale["csrf_token"]})
    assert again.status_code in (409, 422)
    page = BeautifulSoup(client.get(_merge_url(ids["third"], ids["other"])).data,
                         "html.parser")
    assert "already been merged" in page.select_one(".form-error").get_text()


def test_reviewers_cannot_merge_and_a_missing_token_is_refused(app, client):
    ids = _pair(app)
    _as(app, client, "reviewer")
    token = form_token(client, "/en/curate/review")
    data = {"other": ids["other"], "csrf_token": token}
    assert client.post(_merge_url(ids["survivor"]), data=data).status_code == 403
    relation_id = _relation(app, ids["survivor"], ids["other"])
    assert client.post(f"/en/curate/relations/{relation_id}/mark",
                       data={"kind": "distinct", "csrf_token": token}).status_code == 403
    curator = app.test_client()
    _as(app, curator)
    assert curator.post(_merge_url(ids["survivor"]),
                        data={"other": ids["other"]}).status_code == 400
    assert curator.post(f"/en/curate/relations/{relation_id}/mark",
                        data={"kind": "distinct"}).status_code == 400
    with app.app_context():
        assert db.session.get(Project, ids["other"]).merged_into_id is None
        assert db.session.get(ProjectRelation, relation_id).kind == (
            RelationKind.POSSIBLE_DUPLICATE)


def _relation(app, first: int, second: int) -> int:
    with app.app_context():
        return db.session.scalar(select(ProjectRelation.id).where(
            ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE,
            or_(ProjectRelation.from_project_id == first, ProjectRelation.to_project_id == first),
            or_(ProjectRelation.from_project_id == second,
                ProjectRelation.to_project_id == second)))


def _look_alikes(app) -> tuple[int, int, dict]:
    """Two projects the importer links as possible duplicates (same implementer, similar
    title, unknown periods); returns their ids and the second one's record."""
    with app.app_context():
        first = store(record(title="Poradna pro cizince v Olomouci"), location="a.txt").project
        data = record(title="Poradna pro cizince v Olomouci a okolí")
        second = store(data, location="b.txt").project
        return first.id, second.id, data


def test_marking_a_pair_distinct_stops_the_importer_flagging_it(app, client):
    first, second, data = _look_alikes(app)
    relation_id = _relation(app, first, second)
    assert relation_id is not None
    _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(first)).data, "html.parser")
    row = page.select_one(f'tr[data-relation-id="{relation_id}"]')
    kinds = [form.find("input", {"name": "kind"})["value"] for form in row.find_all("form")]
    assert kinds == ["distinct", "same_series"]
    assert row.find("a")["href"].endswith(f"?other={second}")
    token = form_token(client, _merge_url(first))
    response = client.post(f"/en/curate/relations/{relation_id}/mark", data={
        "kind": "distinct", "project_id": first, "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/curate/projects/{first}/merge")
    with app.app_context():
        # A changed capture of the second document is imported again: the pair stays distinct.
        again = store({**data, "summary": "Nově i v sobotu."}, location="b.txt")
        assert again.project.id == second and again.status == "updated"
        kinds = db.session.scalars(select(ProjectRelation.kind)).all()
        assert kinds == [RelationKind.DISTINCT]


def test_marking_a_pair_as_one_series(app, client):
    first, second, _ = _look_alikes(app)
    relation_id = _relation(app, first, second)
    _as(app, client)
    token = form_token(client, _merge_url(first))
    url = f"/en/curate/relations/{relation_id}/mark"
    for kind in ("predecessor_of", "bogus"):
        assert client.post(url, data={"kind": kind, "csrf_token": token}).status_code == 400
    assert client.post(url, data={"kind": "same_series", "csrf_token": token}).status_code == 303
    with app.app_context():
        assert db.session.get(ProjectRelation, relation_id).kind == RelationKind.SAME_SERIES


def test_every_revision_survives(app, client):
    ids = _pair(app)
    with app.app_context():
        total = db.session.scalar(select(func.count(Revision.id)))
    _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    client.post(_merge_url(ids["survivor"]), data={
        **_form_data(page), "csrf_token": form_token(client, _merge_url(ids["survivor"]))})
    with app.app_context():
        # Two more: the survivor's merge and the archived record's.
        assert db.session.scalar(select(func.count(Revision.id))) == total + 2


def test_a_new_source_under_the_merged_title_updates_the_survivor(app, client):
    ids = _pair(app)
    _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    client.post(_merge_url(ids["survivor"]), data={
        **_form_data(page), "csrf_token": form_token(client, _merge_url(ids["survivor"]))})
    with app.app_context():
        before = db.session.scalar(select(func.count(Project.id)))
        outcome = store(record(title="Čeština pro dospělé v Brně",
                               implementer="Diecézní charita Brno", regions=["CZ064"]),
                        location="later-capture.txt")
        assert outcome.status == "updated"
        assert outcome.project.id == ids["survivor"]
        assert db.session.scalar(select(func.count(Project.id))) == before


def test_a_merge_keeps_only_the_items_left_ticked(app, client):
    ids = _pair(app)
    _as(app, client)
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"], ids["other"])).data,
                         "html.parser")
    partners = page.select_one('fieldset.merge-items[data-field="partners"]')
    labels = {box["value"]: box.find_next("label").get_text(" ", strip=True)
              for box in partners.select("input[type=checkbox]")}
    assert any("Charita Brno" in label and "both records" in label for label in labels.values())
    regions = page.select_one('fieldset.merge-items[data-field="regions"]')
    assert {box["value"] for box in regions.select("input:checked")} == {"CZ064", "CZ010"}
    data = {**_form_data(page), "keep-partners": [], "keep-regions": ["CZ064"],
            "csrf_token": form_token(client, _merge_url(ids["survivor"]))}
    assert client.post(_merge_url(ids["survivor"]), data=data).status_code == 303
    with app.app_context():
        survivor = db.session.get(Project, ids["survivor"])
        assert [term.code for term in survivor.regions] == ["CZ064"]
        assert survivor.organisations_in("partner") == []
        assert len(survivor.organisations_in("implementer")) == 2


def test_the_record_to_merge_is_found_by_its_title(app, client):
    ids = _pair(app)
    _as(app, client)
    review = BeautifulSoup(client.get(f"/en/curate/projects/{ids['survivor']}/review").data,
                           "html.parser")
    assert review.select_one(f".review-actions a[href='{_merge_url(ids['survivor'])}']")
    page = BeautifulSoup(client.get(_merge_url(ids["survivor"]) + "?find=dospělé").data,
                         "html.parser")
    found = page.select(".merge-found li")
    assert [int(item["data-project-id"]) for item in found] == [ids["other"]]
    assert found[0].a["href"] == _merge_url(ids["survivor"], ids["other"])
    empty = BeautifulSoup(client.get(_merge_url(ids["survivor"]) + "?find=50%25").data,
                          "html.parser")
    assert empty.select(".merge-found li") == []
