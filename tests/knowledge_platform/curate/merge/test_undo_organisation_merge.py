"""An organisation merge previews the projects that move, enters the history, and can be
undone from there, asking first when the projects' organisations changed since."""
from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.history import apply_values, record_revision, snapshot
from knowledge_platform.models import (
    Organisation,
    OrganisationChange,
    OrganisationChangeKind,
    Project,
    RevisionKind,
)
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token
from tests.knowledge_platform.curate.merge.test_merge_organisations import (
    KEPT,
    MERGED,
    _api_ids,
    _as,
    _merge,
    _names,
    _organisations,
    _url,
)


def _detail(organisation_id: int) -> str:
    return f"/en/curate/organisations/{organisation_id}"


def _undo(client, change_id: int, organisation_id: int, **extra):
    token = form_token(client, "/en/curate/organisations")
    return client.post(f"/en/curate/organisations/changes/{change_id}/undo",
                       data={"csrf_token": token, **extra})


def _merge_entry(app, organisation_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(OrganisationChange.id).where(
            OrganisationChange.organisation_id == organisation_id,
            OrganisationChange.kind == OrganisationChangeKind.MERGE))


def test_the_merge_page_lists_the_projects_that_move_and_asks(app, client):
    ids = _organisations(app)
    _as(app, client)
    page = BeautifulSoup(client.get(_url(ids["kept"]), query_string={
        "other": ids["merged"]}).data, "html.parser")
    assert page.select_one("#moving-heading").get_text() == \
        "3 projects move to the kept organisation"
    moving = {int(item["data-project-id"]): item.get_text(" ", strip=True)
              for item in page.select(".merge-moving li")}
    assert moving.keys() == {ids["kept_leads"], ids["merged_leads"], ids["merged_only"]}
    assert "(partner; the kept organisation is already in it" in moving[ids["kept_leads"]]
    assert moving[ids["merged_only"]].endswith("(implementer)")
    assert "can be undone" in page.select_one("form.merge-form")["data-confirm"]


def test_undoing_a_merge_gives_everything_back(app, client):
    ids = _organisations(app)
    _as(app, client)
    with app.app_context():
        before = {name: {role: _names(db.session.get(Project, ids[name]), role)
                         for role in ("implementer", "partner")}
                  for name in ("kept_leads", "merged_leads", "merged_only")}
    assert _merge(client, ids).status_code == 303
    change_id = _merge_entry(app, ids["kept"])
    history = BeautifulSoup(client.get(_detail(ids["kept"])).data, "html.parser")
    entry = history.select_one(f".organisation-history li[data-change-id='{change_id}']")
    assert MERGED in entry.get_text() and "Company ID (IČO)" in entry.get_text()
    response = _undo(client, change_id, ids["kept"])
    assert response.status_code == 303
    assert response.headers["Location"].endswith(_detail(ids["kept"]))
    with app.app_context():
        kept = db.session.get(Organisation, ids["kept"])
        merged = db.session.get(Organisation, ids["merged"])
        assert merged.merged_into_id is None
        assert (kept.ico, merged.ico) == (None, "12345678")
        assert (kept.website, merged.website) == (None, "https://poradna.example.org")
        assert {alias.name for alias in merged.aliases} >= {MERGED, "Poradna pro cizince Vsetín"}
        assert MERGED not in {alias.name for alias in kept.aliases}
        for name, roles in before.items():
            project = db.session.get(Project, ids[name])
            assert {role: _names(project, role) for role in roles} == roles, name
            assert project.revisions[-1].kind == RevisionKind.REVERT
        merge = db.session.get(OrganisationChange, change_id)
        assert merge.undone_by_id is not None
    assert ids["merged_only"] in _api_ids(client, "Vsetín")
    assert ids["merged_only"] not in _api_ids(client, "Integrační")
    page = BeautifulSoup(client.get(_detail(ids["kept"])).data, "html.parser")
    assert "stands on its own again" in page.get_text()
    kinds = [item["data-kind"] for item in page.select(".organisation-history > li")]
    assert kinds == ["unmerge", "merge"]
    again = _undo(client, change_id, ids["kept"])  # a second undo is refused, nothing changes
    assert again.status_code == 303
    assert "already been undone" in client.get(_detail(ids["kept"])).get_data(as_text=True)


def test_undo_asks_before_overwriting_later_edits_of_the_projects(app, client):
    ids = _organisations(app)
    _as(app, client)
    assert _merge(client, ids).status_code == 303
    change_id = _merge_entry(app, ids["kept"])
    with app.app_context():  # a curator adds an implementer to a moved project after the merge
        third = store(record(implementer="Spolek Třetí cesta")).project.implementer.id
        project = db.session.get(Project, ids["merged_only"])
        before = snapshot(project)
        apply_values(project, {"implementers": [{"id": ids["kept"]}, {"id": third}]})
        record_revision(project, before, RevisionKind.EDIT, actor="Ms Editor")
        db.session.commit()
    asked = _undo(client, change_id, ids["kept"])
    assert asked.status_code == 200
    page = BeautifulSoup(asked.data, "html.parser")
    assert page.select_one("input[name=confirmed]")["value"] == "1"
    (later,) = page.select(".revert-later li")
    assert "Implementers" in later.get_text() and "Ms Editor" in later.get_text()
    assert _merge_entry(app, ids["kept"]) == change_id
    with app.app_context():
        assert db.session.get(Organisation, ids["merged"]).merged_into_id == ids["kept"]
    assert _undo(client, change_id, ids["kept"], confirmed="1").status_code == 303
    with app.app_context():
        assert db.session.get(Organisation, ids["merged"]).merged_into_id is None


def test_an_edit_of_an_organisation_enters_its_history(app, client):
    ids = _organisations(app)
    _as(app, client)
    url = _detail(ids["kept"])
    response = client.post(url, data={"csrf_token": form_token(client, url), "name": KEPT,
                                      "ico": "87654321", "type": "school", "website": ""})
    assert response.status_code == 303
    with app.app_context():
        (change,) = db.session.get(Organisation, ids["kept"]).changes
        assert change.kind == OrganisationChangeKind.EDIT
        assert change.changes == {"ico": {"old": None, "new": "87654321"},
                                  "type": {"old": "ngo", "new": "school"}}
    entry = BeautifulSoup(client.get(url).data, "html.parser").select_one(
        ".organisation-history li")
    assert "Type: non-governmental organisation → school" in entry.get_text(" ", strip=True)
    assert entry.select_one("form") is None  # only merges are undone from here


def test_a_merge_whose_kept_organisation_was_merged_since_waits_for_that_undo(app, client):
    ids = _organisations(app)
    _as(app, client)
    assert _merge(client, ids).status_code == 303
    first = _merge_entry(app, ids["kept"])
    with app.app_context():
        third = store(record(implementer="Spolek Třetí cesta")).project.implementer.id
    url = _url(third)
    assert client.post(url, data={"other": ids["kept"], "csrf_token": form_token(
        client, url)}).status_code == 303
    assert _undo(client, first, ids["kept"]).status_code == 303
    assert "undo that merge first" in client.get(_detail(third)).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organisation, ids["merged"]).merged_into_id == ids["kept"]
    assert _undo(client, _merge_entry(app, third), third).status_code == 303
    # The second merge and its undo changed the same projects since: the curator confirms.
    assert _undo(client, first, ids["kept"]).status_code == 200
    assert _undo(client, first, ids["kept"], confirmed="1").status_code == 303
    with app.app_context():
        assert db.session.get(Organisation, ids["merged"]).merged_into_id is None
        assert db.session.get(Organisation, ids["kept"]).merged_into_id is None
