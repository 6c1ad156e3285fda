"""Publishing, unpublishing, review and archive: revisions, search and public pages at once."""
from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import (
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    Status,
)
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import search
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

WORD = "Zlatokopové"  # in no other test title, so a search for it finds only this project


def _project(app, status: Status = Status.DRAFT) -> int:
    with app.app_context():
        project = store(record(title=f"{WORD} z Kutné Hory a integrace"), publish=False).project
        project.status = status
        db.session.commit()
        return project.id


def _as(app, client, role: str = "curator") -> None:
    make_user(app, f"{role}@example.org", role=role)
    assert login(client, f"{role}@example.org").status_code == 302


def _act(client, project_id: int, action: str, **extra):
    page = f"/en/curate/projects/{project_id}/evaluate"
    return client.post(f"/en/curate/projects/{project_id}/status",
                       data={"csrf_token": form_token(client, page), "action": action, **extra})


def _found_in_search(app, project_id: int) -> bool:
    """Whether the public search page lists the project (and the search service agrees)."""
    page = app.test_client().get(f"/en/search?q={WORD}")
    links = [a["href"] for a in BeautifulSoup(page.data, "html.parser").select(".hit-title a")]
    on_page = any(href.startswith(f"/en/projects/{project_id}-") for href in links)
    with app.app_context():
        found = [hit["id"] for hit in search(SearchParams(q=WORD), "en").hits]
    assert on_page == (project_id in found)
    return on_page


def _statuses(app, project_id: int) -> tuple[Status, list[tuple[str, str]]]:
    with app.app_context():
        revisions = db.session.scalars(
            select(Revision).where(Revision.project_id == project_id,
                                   Revision.kind == RevisionKind.STATUS).order_by(Revision.id))
        changes = [(r.changes["status"]["old"], r.changes["status"]["new"]) for r in revisions]
        return db.session.get(Project, project_id).status, changes


def _public_answers(app, project_id: int) -> tuple[int, int]:
    client = app.test_client()
    return (client.get(f"/en/projects/{project_id}", follow_redirects=True).status_code,
            client.get(f"/api/v1/projects/{project_id}").status_code)


def test_publishing_and_unpublishing_show_in_search_at_once(app, client):
    project_id = _project(app)
    _as(app, client)
    assert not _found_in_search(app, project_id)
    assert _public_answers(app, project_id) == (404, 404)

    response = _act(client, project_id, "publish")
    assert response.status_code == 303
    assert _found_in_search(app, project_id)
    assert _public_answers(app, project_id) == (200, 200)

    assert _act(client, project_id, "unpublish").status_code == 303
    assert not _found_in_search(app, project_id)
    assert _public_answers(app, project_id) == (404, 404)
    assert _statuses(app, project_id) == (Status.IN_REVIEW, [
        ("draft", "published"), ("published", "in_review")])


def test_review_and_archive(app, client):
    project_id = _project(app)
    _as(app, client, role="admin")
    assert _act(client, project_id, "review").status_code == 303
    assert _act(client, project_id, "publish").status_code == 303
    assert _act(client, project_id, "archive").status_code == 303
    assert not _found_in_search(app, project_id)
    assert _public_answers(app, project_id) == (404, 404)
    assert _statuses(app, project_id) == (Status.ARCHIVED, [
        ("draft", "in_review"), ("in_review", "published"), ("published", "archived")])


def test_an_action_that_does_not_apply_changes_nothing(app, client):
    project_id = _project(app, Status.PUBLISHED)
    _as(app, client)
    response = _act(client, project_id, "publish")
    assert response.status_code == 303
    assert _statuses(app, project_id) == (Status.PUBLISHED, [])
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    assert page.select_one(".status-panel .form-error").get_text() == \
        "Nothing changed: the project's status is Published."


def test_the_panel_offers_the_actions_of_the_current_status(app, client):
    project_id = _project(app, Status.PUBLISHED)
    _as(app, client)
    url = f"/en/curate/projects/{project_id}/evaluate"
    panel = BeautifulSoup(client.get(url).data, "html.parser").select_one(".status-panel")
    assert panel.select_one(".status-current strong").get_text() == "Published"
    assert [b["value"] for b in panel.select("button[name=action]")] == ["unpublish", "archive"]
    assert panel.select_one("input[name=next]")["value"] == url
    assert panel.select_one("input[name=csrf_token]")["value"]
    response = _act(client, project_id, "unpublish", next=url)
    assert response.headers["Location"] == url
    panel = BeautifulSoup(client.get(url).data, "html.parser").select_one(".status-panel")
    assert panel.select_one(".form-done").get_text() == \
        "The project is no longer public; it is back in review."
    assert [b["value"] for b in panel.select("button[name=action]")] == ["publish", "archive"]


def test_the_way_back_stays_on_this_site(app, client):
    project_id = _project(app)
    _as(app, client)
    response = _act(client, project_id, "review", next="//evil.example/")
    assert response.headers["Location"] == f"/en/curate/projects/{project_id}/evaluate"


def test_reviewers_see_the_status_but_may_not_change_it(app, client):
    project_id = _project(app, Status.IN_REVIEW)
    _as(app, client, role="reviewer")
    panel = BeautifulSoup(client.get(f"/en/curate/projects/{project_id}/evaluate").data,
                          "html.parser").select_one(".status-panel")
    assert panel.select_one(".status-current strong").get_text() == "In review"
    assert panel.select_one("form") is None
    assert _act(client, project_id, "publish").status_code == 403
    assert _statuses(app, project_id) == (Status.IN_REVIEW, [])


def test_a_post_without_a_csrf_token_is_refused(app, client):
    project_id = _project(app)
    _as(app, client)
    response = client.post(f"/en/curate/projects/{project_id}/status", data={"action": "publish"})
    assert response.status_code == 400
    assert _statuses(app, project_id) == (Status.DRAFT, [])


def test_an_unknown_action_is_refused(app, client):
    project_id = _project(app)
    _as(app, client)
    assert _act(client, project_id, "delete").status_code == 400
    assert _act(client, project_id, "").status_code == 400
    assert _statuses(app, project_id) == (Status.DRAFT, [])


def test_publishing_a_likely_twin_of_a_public_record_asks_first(app, client):
    with app.app_context():
        public = store(record(title="Adaptační skupiny pro ukrajinské děti",
                              implementer="Spolek Slunce Kolín", start="2023-01-01",
                              end="2023-12-31")).project.id
        draft = store(record(title="Adaptační skupina pro ukrajinské děti v Kolíně",
                             implementer="Spolek Slunce Kolín"), publish=False).project.id
    _as(app, client)
    asked = _act(client, draft, "publish")
    assert asked.status_code == 200
    page = BeautifulSoup(asked.data, "html.parser")
    (twin,) = page.select(".publish-twins li")
    assert twin["data-project-id"] == str(public)
    assert "a similar title, the same implementer" in twin.get_text(" ", strip=True)
    assert twin.select_one(f"a[href$='/curate/projects/{public}/merge?other={draft}']")
    assert _statuses(app, draft)[0] == Status.DRAFT

    done = _act(client, draft, "publish", despite_twins="1")
    assert done.status_code == 303
    assert _statuses(app, draft)[0] == Status.PUBLISHED
    with app.app_context():
        kinds = db.session.scalars(select(ProjectRelation.kind)).all()
    assert kinds == [RelationKind.DISTINCT]  # asked once: the curator found them different
