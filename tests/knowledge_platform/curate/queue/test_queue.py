"""The review queue: reasons, filters and sorting, checked against counts made in Python."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from importers.record import uncertain_fields
from knowledge_platform.completeness import FIELDS
from knowledge_platform.curate.queue.queries import REASONS, SET_APART, completeness_score
from knowledge_platform.db import db
from knowledge_platform.history import record_revision, snapshot
from knowledge_platform.models import (
    FieldConflict,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    Role,
    Status,
)
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

COMPLETE = dict(
    summary="Kurzy a poradenství.", partners=["Charita Brno"], start="2019-01-01",
    start_precision="day", end="2020-06-30", end_precision="day", budget_amount=100_000,
    activities=["czech_language"], target_groups=["third_country_nationals"],
    source_url="https://example.org/projekt",
)


def filled_in_python(project: Project) -> set[str]:
    """The key fields ``project`` has, worked out from its attributes (not from SQL)."""
    values = {
        "title": project.title_cs or project.title_en,
        "summary": project.summary_cs or project.summary_en,
        "implementer": project.organisations_in(Role.IMPLEMENTER),
        "partners": project.organisations_in(Role.PARTNER),
        "funders": project.funders, "regions": project.regions,
        "start_date": project.start_date, "end_date": project.end_date,
        "budget": project.budget_total, "registration_number": project.registration_number,
        "activities": project.activities, "target_groups": project.target_groups,
        "source_url": [source for source in project.sources if source.url],
    }
    assert set(values) == set(FIELDS)
    return {name for name, value in values.items() if value not in (None, "", [])}


@pytest.fixture
def projects(app) -> dict[str, int]:
    """Projects in every situation the queue knows, by a short name."""
    with app.app_context():
        made = {
            "complete": store(record(title="Alfa complete", registration_number="R-1",
                                     **COMPLETE)).project,
            "gaps": store(record(title="Bravo gaps", start="2015-03-01",
                                 start_precision="day")).project,
            "draft": store(record(title="Charlie draft", registration_number="R-3", **COMPLETE),
                           publish=False).project,
            "draft_gaps": store(record(title="Kilo draft with gaps"), publish=False).project,
            # Extraction was unsure of its title: a draft to check first, until edited.
            "uncertain": store(record(title="Lima unsure", confidence={"title": 0.3}),
                               publish=False).project,
            "uncertain_edited": store(record(title="Mike unsure, corrected",
                                             confidence={"title": 0.3}),
                                      publish=False).project,
            "uncertain_published": store(record(title="November unsure, published",
                                                confidence={"implementer": 0.4})).project,
            "review": store(record(title="Delta review", registration_number="R-4",
                                   **COMPLETE)).project,
            "duplicate_a": store(record(title="Echo twin", registration_number="R-5",
                                        **COMPLETE)).project,
            "duplicate_b": store(record(title="Foxtrot twin", registration_number="R-6",
                                        **{**COMPLETE, "start": "2017-09-01"})).project,
            "undated": store(record(title="Juliet undated", funders=[], regions=[])).project,
            "archived": store(record(title="Golf archived")).project,
            "merged": store(record(title="Hotel merged")).project,
        }
        conflicted = store(record(title="India conflict", registration_number="R-9",
                                  **COMPLETE)).project
        store(record(title="India conflict", registration_number="R-9",
                     **{**COMPLETE, "budget_amount": 200_000}))
        made["conflict"] = conflicted
        # Good practice: one sheet with every part in both languages, one lacking some.
        for name, title, number in (("sheet_complete", "Papa tandem learning", "R-10"),
                                    ("sheet_incomplete", "Quebec neighbours' cafe", "R-11")):
            made[name] = store(record(title=title, registration_number=number,
                                      **COMPLETE)).project
            made[name].title_cs = made[name].title_en = title
            made[name].summary_en = "In English too."
            made[name].summary_cs = "Kurzy a poradenství."
            made[name].good_practice = True
        complete = made["sheet_complete"]
        for text in ("results", "lessons", "requirements"):
            complete.__setattr__(f"{text}_cs", "Česky.")
            complete.__setattr__(f"{text}_en", "In English.")
        complete.participants = 40
        complete.sheet_links = [{"url": "https://example.org/report", "kind": "report",
                                 "label": ""}]
        half = made["sheet_incomplete"]
        half.results_cs, half.results_en, half.lessons_cs = "Česky.", "In English.", "Jen česky."
        half.participants = 0  # nobody counted is no count
        made["review"].status = Status.IN_REVIEW
        made["archived"].status = Status.ARCHIVED
        made["merged"].merged_into_id = made["gaps"].id
        edited = made["uncertain_edited"]
        before = snapshot(edited)
        edited.title_cs = "Mike, corrected"
        record_revision(edited, before, RevisionKind.EDIT, actor="Ms Curator")
        db.session.add(ProjectRelation(from_project=made["duplicate_a"],
                                       to_project=made["duplicate_b"],
                                       kind=RelationKind.POSSIBLE_DUPLICATE))
        db.session.commit()
        assert db.session.scalar(select(FieldConflict.project_id)) == conflicted.id
        assert filled_in_python(made["complete"]) == set(FIELDS)
        return {name: project.id for name, project in made.items()}


@pytest.fixture
def curator(app, client):
    make_user(app, "curator@example.org", role="curator")
    assert login(client, "curator@example.org").status_code == 302
    return client


def queue_rows(client, **args) -> list[dict]:
    """Every row of the queue over all its pages, following the "next" links."""
    url = "/en/curate/queue" + (f"?{urlencode(args)}" if args else "")
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = BeautifulSoup(response.data, "html.parser")
        for row in page.select("tr.queue-item"):
            rows.append({
                "id": int(row["data-project-id"]),
                "title": row.a.get_text(strip=True),
                "href": row.a["href"],
                "filled": int(row.select_one(".queue-completeness")["data-filled"]),
                "percent": row.select_one(".queue-completeness").get_text(strip=True),
                "reasons": [badge["class"][1].removeprefix("badge-")
                            for badge in row.select(".queue-reasons .badge")],
            })
        following = page.select_one('a[rel="next"]')
        url = following["href"] if following else None
    return rows


def sheet_complete_in_python(project: Project) -> bool:
    """Every text of the good-practice sheet in both languages, participants, a link."""
    texts = [getattr(project, f"{text}_{code}") for text in ("results", "lessons",
                                                             "requirements")
             for code in ("cs", "en")]
    return all(texts) and bool(project.participants) and bool(project.sheet_links)


def python_view(app) -> dict[int, dict]:
    """Per project id: its status, reasons and key fields, all worked out in Python."""
    with app.app_context():
        duplicates = {project_id for relation in db.session.scalars(select(ProjectRelation))
                      for project_id in (relation.from_project_id, relation.to_project_id)}
        view = {}
        for project in db.session.scalars(select(Project)):
            filled = filled_in_python(project)
            gaps = len(filled) < len(FIELDS)
            published = project.status == Status.PUBLISHED
            checked = any(revision.kind == RevisionKind.EDIT for revision in project.revisions)
            unsure = any(uncertain_fields(source.extraction) for source in project.sources)
            reasons = {"draft": project.status == Status.DRAFT,
                       "in_review": project.status == Status.IN_REVIEW,
                       "uncertain": unsure and not published and not checked,
                       "conflicts": any(c.resolved_at is None for c in project.conflicts),
                       "duplicates": project.id in duplicates,
                       "missing": gaps and not published,
                       "published_gaps": gaps and published,
                       "one_language": bool(project.title_cs) != bool(project.title_en)
                       or bool(project.summary_cs) != bool(project.summary_en),
                       "sheet": project.good_practice and not sheet_complete_in_python(project)}
            view[project.id] = {
                "status": project.status, "filled": filled, "merged": project.merged_into_id,
                "reasons": [name for name, present in reasons.items() if present],
                "title": project.title_en or project.title_cs, "start": project.start_date,
            }
        return view


def test_the_default_queue_lists_every_record_needing_work(app, projects, curator):
    # Published records' old gaps wait apart, under their own reason.
    expected = {pid: item for pid, item in python_view(app).items()
                if set(item["reasons"]) - set(SET_APART)
                and item["status"] != Status.ARCHIVED and not item["merged"]}
    rows = queue_rows(curator)
    assert {row["id"] for row in rows} == set(expected)
    assert projects["complete"] not in expected and projects["archived"] not in expected
    assert projects["merged"] not in expected
    for row in rows:
        assert row["reasons"] == expected[row["id"]]["reasons"]
        assert row["filled"] == len(expected[row["id"]]["filled"])
        assert row["href"] == f"/en/curate/projects/{row['id']}/review"
        share = round(len(expected[row["id"]]["filled"]) * 100 / len(FIELDS), 1)
        assert row["percent"] == f"{share:g}%"
    assert {row["percent"] for row in rows if row["id"] == projects["draft"]} == {"100%"}


@pytest.mark.parametrize("reason", REASONS)
def test_each_reason_filter(app, projects, curator, reason):
    expected = {pid for pid, item in python_view(app).items()
                if reason in item["reasons"] and item["status"] != Status.ARCHIVED
                and not item["merged"]}
    assert expected  # every reason has at least one record
    assert {row["id"] for row in queue_rows(curator, reason=reason)} == expected


def test_the_missing_field_filter(app, projects, curator):
    view = python_view(app)
    for field in FIELDS:
        expected = {pid for pid, item in view.items()
                    if field not in item["filled"] and item["status"] != Status.ARCHIVED
                    and not item["merged"]}
        assert {row["id"] for row in queue_rows(curator, missing=field)} == expected, field
    assert projects["undated"] in {row["id"] for row in queue_rows(curator, missing="regions")}


def test_status_and_title_filters(app, projects, curator):
    assert [row["id"] for row in queue_rows(curator, status="archived")] == [projects["archived"]]
    assert [row["id"] for row in queue_rows(curator, status="in_review")] == [projects["review"]]
    assert {row["id"] for row in queue_rows(curator, q="TWIN")} == {
        projects["duplicate_a"], projects["duplicate_b"]}
    assert queue_rows(curator, q="%") == [] and queue_rows(curator, q="_") == []
    page = BeautifulSoup(curator.get("/en/curate/queue?q=nothing+like+it").data, "html.parser")
    assert page.select_one(".queue-empty") is not None
    # Unknown filter values are ignored rather than failing.
    assert len(queue_rows(curator, reason="bogus", status="bogus", sort="bogus")) == len(
        queue_rows(curator))


def test_sorting_by_completeness_title_and_start(app, projects, curator):
    view = python_view(app)
    by_completeness = [row["filled"] for row in queue_rows(curator, sort="completeness")]
    assert by_completeness == sorted(by_completeness) and len(set(by_completeness)) > 1
    most_first = [row["filled"] for row in queue_rows(curator, sort="completeness", order="desc")]
    assert most_first == sorted(by_completeness, reverse=True)
    titles = [row["title"] for row in queue_rows(curator, sort="title")]
    assert titles == sorted(titles, key=str.lower)
    assert [row["title"] for row in queue_rows(curator, sort="title", order="desc")] == titles[::-1]
    starts = [view[row["id"]]["start"] for row in queue_rows(curator, sort="start")]
    known = [start for start in starts if start]
    assert known == sorted(known, reverse=True) and starts[len(known):] == [None] * (
        len(starts) - len(known))
    assert len(known) >= 2 and len(known) < len(starts)


def test_pagination_keeps_the_filters(app, projects, curator):
    app.config["PROJECTS_PER_PAGE"] = 2
    everything = queue_rows(curator, sort="title")
    assert len(everything) > 4
    assert len({row["id"] for row in everything}) == len(everything)
    page = BeautifulSoup(curator.get("/en/curate/queue?sort=title&status=published").data,
                         "html.parser")
    following = page.select_one('a[rel="next"]')["href"]
    assert "status=published" in following and "sort=title" in following and "page=2" in following
    # A page past the end shows the last page.
    last = BeautifulSoup(curator.get("/en/curate/queue?page=999").data, "html.parser")
    assert last.select("tr.queue-item") and last.select_one('a[rel="next"]') is None


def test_the_score_expression_counts_filled_fields(app, projects):
    with app.app_context():
        scores = dict(db.session.execute(select(Project.id, completeness_score())).all())
        for project in db.session.scalars(select(Project)):
            assert scores[project.id] == len(filled_in_python(project))


def test_the_queue_is_for_curators_and_in_their_menu(app, client, curator):
    nav = BeautifulSoup(curator.get("/en/curate/").data, "html.parser").select_one(".curate-nav")
    assert nav.find("a", href="/en/curate/queue") is not None
    assert nav.find("a", href="/en/curate/upload") is not None
    reviewer = app.test_client()
    make_user(app, "reviewer@example.org", role="reviewer")
    login(reviewer, "reviewer@example.org")
    assert reviewer.get("/en/curate/queue").status_code == 403
    nav = BeautifulSoup(reviewer.get("/en/curate/review").data, "html.parser")
    assert nav.find("a", href="/en/curate/queue") is None


def test_dashboard_counts_link_to_the_queue(app, projects, curator):
    page = BeautifulSoup(curator.get("/en/curate/").data, "html.parser")
    link = page.select_one(".workload-draft a")["href"]
    assert link == "/en/curate/queue?reason=draft"
    assert {row["id"] for row in queue_rows(curator, reason="draft")} == {
        projects[name] for name in ("draft", "draft_gaps", "uncertain", "uncertain_edited")}
    assert {row["id"] for row in queue_rows(curator, reason="uncertain")} == {
        projects["uncertain"]}
    # Each count is the number of records its queue lists.
    for item in page.select(".workload-item"):
        reason = item.a["href"].split("reason=")[1]
        assert int(item.dd.get_text()) == len(queue_rows(curator, reason=reason)), reason


def test_a_run_s_records_are_a_filter_of_their_own(app, projects, curator, tmp_path):
    from knowledge_platform.ingest.runs import import_paths

    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "nova.txt").write_text(
        "Název projektu: Kilo nový projekt\nRealizátor: Spolek Kilo\nRozpočet: 120 000 Kč\n",
        encoding="utf-8")
    with app.app_context():
        report = import_paths([str(tmp_path / "run")], max_bytes=100_000)
    (new,) = [result.project_id for result in report.results]
    page = BeautifulSoup(curator.get(f"/en/curate/imports/{report.run_id}").data, "html.parser")
    link = page.select_one("a.run-queue")["href"]
    assert link == f"/en/curate/queue?run={report.run_id}"
    assert [row["id"] for row in queue_rows(curator, run=report.run_id)] == [new]
    assert new in {row["id"] for row in queue_rows(curator)}


def test_bulk_actions_list_the_records_and_ask_before_changing_them(app, projects, curator):
    chosen = [projects[name] for name in ("draft", "draft_gaps", "review", "complete")]
    token = form_token(curator, "/en/curate/queue")
    asked = curator.post("/en/curate/queue/bulk", data={
        "csrf_token": token, "action": "archive", "project": chosen,
        "next": "/en/curate/queue?reason=draft"})
    assert asked.status_code == 200
    page = BeautifulSoup(asked.data, "html.parser")
    ready = {int(item["data-project-id"]) for item in page.select(".bulk-ready li")}
    assert ready == set(chosen)  # every status can be archived
    with app.app_context():
        assert db.session.get(Project, projects["draft"]).status == Status.DRAFT

    asked = curator.post("/en/curate/queue/bulk", data={
        "csrf_token": token, "action": "publish", "project": chosen})
    page = BeautifulSoup(asked.data, "html.parser")
    assert {int(item["data-project-id"]) for item in page.select(".bulk-ready li")} == {
        projects["draft"], projects["draft_gaps"], projects["review"]}
    (left,) = page.select(".bulk-left li")
    assert left["data-project-id"] == str(projects["complete"])
    assert "its status is Published" in left.get_text(" ", strip=True)

    confirm = page.select_one("form.bulk-confirm")
    done = curator.post(confirm["action"], data={
        "csrf_token": token, "action": "publish", "confirmed": "1",
        "project": [field["value"] for field in confirm.select("input[name=project]")],
        "next": "/en/curate/queue"})
    assert done.status_code == 303, done.headers.get("Location")
    with app.app_context():
        statuses = {pid: db.session.get(Project, pid).status for pid in chosen}
        revisions = db.session.scalars(select(Revision).where(
            Revision.kind == RevisionKind.STATUS)).all()
    assert set(statuses.values()) == {Status.PUBLISHED}
    assert {revision.project_id for revision in revisions} == set(chosen) - {projects["complete"]}
    followed = BeautifulSoup(curator.get("/en/curate/queue").data, "html.parser")
    assert "3 records changed: Publish." in followed.get_text()


def test_the_duplicates_list_names_each_twin_with_a_compare_link(app, projects, curator):
    page = BeautifulSoup(curator.get("/en/curate/queue?reason=duplicates").data, "html.parser")
    twins = {int(row["data-project-id"]): [int(twin["data-twin-id"])
                                           for twin in row.select(".queue-twin")]
             for row in page.select("tr.queue-item")}
    a, b = projects["duplicate_a"], projects["duplicate_b"]
    assert twins == {a: [b], b: [a]}
    link = page.select_one(f'tr[data-project-id="{a}"] .queue-twin a')["href"]
    assert link == f"/en/curate/projects/{a}/merge?other={b}"


def test_a_good_practice_record_with_an_incomplete_sheet_says_what_it_lacks(
        app, projects, curator):
    rows = queue_rows(curator, reason="sheet")
    assert [row["id"] for row in rows] == [projects["sheet_incomplete"]]
    response = curator.get("/en/curate/queue?reason=sheet")
    row = BeautifulSoup(response.data, "html.parser").select_one("tr.queue-item")
    assert row.select_one(".badge-sheet").get_text(strip=True) == \
        "Good-practice sheet incomplete"
    assert row.select_one(".queue-sheet-missing").get_text(strip=True) == (
        "Sheet lacks: Lessons learned, What it takes, Participants, "
        "Methodologies, reports and photos")
    # The complete sheet's record has no reason to wait at all.
    assert projects["sheet_complete"] not in {row["id"] for row in queue_rows(curator)}

