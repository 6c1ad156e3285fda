"""Merging organisations: names become aliases, projects move, later imports follow."""
from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    Project,
    ProjectOrganisation,
    RevisionKind,
)
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

KEPT, MERGED = "Integrační centrum Zlín", "Poradna Vsetín"


def _organisations(app) -> dict[str, int]:
    """Two organisations that are one, in four projects (two with both of them)."""
    with app.app_context():
        projects = {
            "kept_only": store(record(implementer=KEPT)).project,
            "kept_leads": store(record(implementer=KEPT, partners=[MERGED])).project,
            "merged_leads": store(record(implementer=MERGED, partners=[KEPT])).project,
            "merged_only": store(record(implementer=MERGED)).project,
        }
        merged = projects["merged_only"].implementer
        merged.ico, merged.website = "12345678", "https://poradna.example.org"
        merged.aliases.append(OrganisationAlias(name="Poradna pro cizince Vsetín",
                                                key="poradna pro cizince vsetin"))
        db.session.commit()
        return {**{name: project.id for name, project in projects.items()},
                "kept": projects["kept_only"].implementer.id, "merged": merged.id}


def _as(app, client, role: str = "curator") -> int:
    user_id = make_user(app, f"{role}@example.org", role=role)
    assert login(client, f"{role}@example.org").status_code == 302
    return user_id


def _url(organisation_id: int) -> str:
    return f"/en/curate/organisations/{organisation_id}/merge"


def _merge(client, ids: dict[str, int]):
    return client.post(_url(ids["kept"]), data={
        "other": ids["merged"], "csrf_token": form_token(client, _url(ids["kept"]))})


def _names(project: Project, role: str) -> list[str]:
    return [organisation.name for organisation in project.organisations_in(role)]


def _api_ids(client, query: str) -> set[int]:
    found = client.get("/api/v1/projects", query_string={"q": query}).get_json()
    return {item["id"] for item in found["items"]}


def test_the_merge_page_finds_and_compares_the_other_organisation(app, client):
    ids = _organisations(app)
    _as(app, client)
    page = BeautifulSoup(client.get(_url(ids["kept"]), query_string={"q": "vsetin"}).data,
                         "html.parser")
    candidates = [item["data-organisation-id"] for item in page.select(".merge-candidates li")]
    assert candidates == [str(ids["merged"])]
    page = BeautifulSoup(client.get(_url(ids["kept"]), query_string={
        "other": ids["merged"]}).data, "html.parser")
    shown = {int(block["data-organisation-id"]): block
             for block in page.select("dl.merge-organisation")}
    assert shown.keys() == {ids["kept"], ids["merged"]}
    other = shown[ids["merged"]]
    assert "Poradna pro cizince Vsetín" in other.select_one(".merge-aliases").get_text()
    assert other.select_one(".merge-count").get_text(strip=True) == "3"
    assert shown[ids["kept"]].select_one(".merge-count").get_text(strip=True) == "3"
    assert page.select_one("form.merge-form input[name=other]")["value"] == str(ids["merged"])


def test_a_merge_keeps_the_names_and_moves_the_projects(app, client):
    ids = _organisations(app)
    with app.app_context():
        aliases = db.session.scalar(select(func.count(OrganisationAlias.id)))
    user_id = _as(app, client)
    response = _merge(client, ids)
    assert response.status_code == 303
    with app.app_context():
        kept = db.session.get(Organisation, ids["kept"])
        merged = db.session.get(Organisation, ids["merged"])
        assert merged.merged_into_id == kept.id and merged.name == MERGED
        assert (kept.ico, merged.ico) == ("12345678", None)
        assert kept.website == "https://poradna.example.org"
        # Alias rows moved, none copied or lost.
        assert db.session.scalar(select(func.count(OrganisationAlias.id))) == aliases
        assert {MERGED, "Poradna pro cizince Vsetín", KEPT} <= {a.name for a in kept.aliases}
        assert merged.aliases == [] and merged.roles == []
        projects = {name: db.session.get(Project, ids[name]) for name in (
            "kept_only", "kept_leads", "merged_leads", "merged_only")}
        for project in projects.values():
            assert _names(project, "implementer") == [KEPT]
            # The implementer outranks the partner: one link per organisation and project.
            assert _names(project, "partner") == []
        assert projects["kept_only"].revisions[-1].kind == RevisionKind.IMPORT
        for name in ("kept_leads", "merged_leads", "merged_only"):
            revision = projects[name].revisions[-1]
            assert revision.kind == RevisionKind.MERGE and revision.user_id == user_id
            assert MERGED in revision.note
        assert projects["merged_only"].revisions[-1].changes["implementers"] == {
            "old": [{"id": ids["merged"], "name": MERGED}],
            "new": [{"id": ids["kept"], "name": KEPT}]}
        assert db.session.scalar(select(func.count()).select_from(ProjectOrganisation).where(
            ProjectOrganisation.organisation_id == kept.id)) == 4


def test_the_index_and_the_public_pages_follow(app, client):
    ids = _organisations(app)
    moved = ids["merged_only"]  # the only project without the kept organisation
    assert moved in _api_ids(client, "Vsetín") and moved not in _api_ids(client, "Integrační")
    _as(app, client)
    _merge(client, ids)
    assert moved in _api_ids(client, "Integrační")
    response = client.get(f"/en/organisations/{ids['merged']}")
    assert response.status_code == 301
    assert f"/en/organisations/{ids['kept']}-" in response.headers["Location"]


def test_a_later_import_naming_the_old_name_links_to_the_survivor(app, client):
    ids = _organisations(app)
    _as(app, client)
    _merge(client, ids)
    with app.app_context():
        count = db.session.scalar(select(func.count(Organisation.id)))
        for name in (MERGED, "PORADNA PRO CIZINCE VSETÍN"):
            project = store(record(implementer=name)).project
            assert project.implementer.id == ids["kept"]
        assert db.session.scalar(select(func.count(Organisation.id))) == count


def test_the_organisation_list_counts_projects(app, client):
    ids = _organisations(app)
    _as(app, client)
    _merge(client, ids)
    page = BeautifulSoup(client.get("/en/curate/organisations?q=vsetin").data, "html.parser")
    rows = page.select("tr.organisation")
    assert [row["data-organisation-id"] for row in rows] == [str(ids["kept"])]
    assert rows[0].select_one(".count").get_text(strip=True) == "4"
    assert rows[0].find("a")["href"] == f"/en/curate/organisations/{ids['kept']}"
    assert rows[0].select("a")[-1]["href"] == _url(ids["kept"])
    page = BeautifulSoup(client.get("/en/curate/organisations").data, "html.parser")
    listed = {row["data-organisation-id"] for row in page.select("tr.organisation")}
    assert str(ids["merged"]) not in listed and str(ids["kept"]) in listed
    nav = page.select_one("nav.curate-nav a[aria-current]")
    assert nav["href"] == "/en/curate/organisations"


def test_refusals(app, client):
    ids = _organisations(app)
    _as(app, client, "reviewer")
    token = form_token(client, "/en/curate/review")
    assert client.post(_url(ids["kept"]), data={
        "other": ids["merged"], "csrf_token": token}).status_code == 403
    assert client.get("/en/curate/organisations").status_code == 403
    curator = app.test_client()
    _as(app, curator)
    assert curator.post(_url(ids["kept"]), data={"other": ids["merged"]}).status_code == 400
    token = form_token(curator, _url(ids["kept"]))
    assert curator.post(_url(ids["kept"]), data={"csrf_token": token}).status_code == 400
    itself = curator.post(_url(ids["kept"]), data={"other": ids["kept"], "csrf_token": token})
    assert itself.status_code == 422
    with app.app_context():
        assert db.session.get(Organisation, ids["merged"]).merged_into_id is None
