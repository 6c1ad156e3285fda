"""The curator dashboard, the review list and the users list show the right records."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bs4 import BeautifulSoup

from knowledge_platform.curate.queue.queries import REASONS
from knowledge_platform.db import db
from knowledge_platform.models import (
    Evaluation,
    FieldConflict,
    ImportRun,
    ProjectRelation,
    RelationKind,
    Status,
)
from knowledge_platform.models.evaluations import CRITERIA, checked_criteria
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import login, make_user

TOPICS = ["Tlumočení", "Poradenství", "Doučování", "Sousedské slavnosti", "Právní pomoc",
          "Komunitní zahrada", "Knihovna", "Sportovní kroužky"]


def _criteria() -> dict:
    return checked_criteria({name: {"score": 2, "rationale": "ok"} for name in CRITERIA})


def _projects(app, statuses: list[Status]) -> list[int]:
    with app.app_context():
        ids = []
        for number, status in enumerate(statuses):
            # Unlike titles and implementers, so the importer links none as duplicates.
            data = record(title=f"{TOPICS[number]} pro cizince",
                          implementer=f"Organizace {TOPICS[number]}")
            project = store(data, publish=False).project
            project.status = status
            ids.append(project.id)
        db.session.commit()
        return ids


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def test_dashboard_counts_work_and_lists_the_newest_imports(app, client):
    draft, draft2, review, published, _archived = _projects(app, [
        Status.DRAFT, Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED])
    with app.app_context():
        db.session.add_all([
            FieldConflict(project_id=draft, field="title", candidates=[]),
            FieldConflict(project_id=draft, field="budget_total", candidates=[]),
            FieldConflict(project_id=review, field="title", candidates=[],
                          resolved_at=datetime.now(UTC)),
            ProjectRelation(from_project_id=draft, to_project_id=draft2,
                            kind=RelationKind.POSSIBLE_DUPLICATE),
            ProjectRelation(from_project_id=review, to_project_id=published,
                            kind=RelationKind.SAME_SERIES),
        ])
        start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
        for number in range(12):
            db.session.add(ImportRun(started_at=start + timedelta(days=number),
                                     finished_at=start + timedelta(days=number, minutes=5),
                                     started_by=f"run-{number}", new_count=number,
                                     failed_count=1))
        db.session.commit()
    make_user(app, "cur@example.org", role="curator")
    login(client, "cur@example.org")
    soup = _soup(client.get("/en/curate/"))
    counts = {item["class"][1]: item.dd.get_text(strip=True)
              for item in soup.select(".workload-item")}
    # Records, as the queue counts them: two conflicts on one draft are one record, a pair
    # of possible duplicates two; the archived record waits for nobody.
    assert counts == {"workload-draft": "2", "workload-in-review": "1",
                      "workload-uncertain": "0", "workload-conflicts": "1",
                      "workload-duplicates": "2",
                      "workload-missing": "3", "workload-published-gaps": "1",
                      "workload-sheet": "0",  # no good-practice record here
                      # Titled in Czech only, as the factory makes them: all but the archived.
                      "workload-one-language": "4"}
    rows = soup.select("tr.import-run")
    assert len(rows) == 10
    first = [cell.get_text(strip=True) for cell in rows[0].find_all("td")]
    assert first[1:4] == ["run-11", "11", "0"]
    assert first[6] == "1"
    assert [row.find_all("td")[1].get_text() for row in rows][-1] == "run-2"


def test_dashboard_without_imports_says_so(app, client):
    make_user(app, "adm@example.org", role="admin")
    login(client, "adm@example.org")
    soup = _soup(client.get("/cs/curate/"))
    assert not soup.select("tr.import-run")
    assert [dd.get_text(strip=True) for dd in soup.select(".workload dd")] == ["0"] * len(
        REASONS)


def test_review_list_holds_projects_the_reviewer_has_not_evaluated(app, client):
    draft, review, published, evaluated, others, archived = _projects(app, [
        Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.PUBLISHED, Status.PUBLISHED,
        Status.ARCHIVED])
    make_user(app, "rev@example.org", role="reviewer", name="Rita Reviewer")
    with app.app_context():
        db.session.add_all([
            Evaluation(project_id=evaluated, reviewer="Rita Reviewer", criteria=_criteria()),
            Evaluation(project_id=others, reviewer="Somebody Else", criteria=_criteria()),
            Evaluation(project_id=others, reviewer="Third Person", criteria=_criteria()),
        ])
        db.session.commit()
    login(client, "rev@example.org")
    soup = _soup(client.get("/en/curate/review"))
    rows = soup.select("tr.review-item")
    listed = [int(row["data-project-id"]) for row in rows]
    assert listed[0] == review  # in review first
    assert sorted(listed) == sorted([review, published, others])
    assert draft not in listed and evaluated not in listed and archived not in listed
    by_id = {int(row["data-project-id"]): row for row in rows}
    assert by_id[others].select_one(".count").get_text(strip=True) == "2"
    assert by_id[review].select_one("a.evaluate-link")["href"] == \
        f"/en/curate/projects/{review}/evaluate"
    assert by_id[published].select_one("a.public-link")["href"].startswith(
        f"/en/projects/{published}")
    assert by_id[review].select_one("a.public-link") is None  # no public page yet
    assert by_id[review].find_all("td")[1].get_text(strip=True) == "In review"


def test_review_list_matches_evaluations_recorded_under_the_email(app, client):
    (published,) = _projects(app, [Status.PUBLISHED])
    make_user(app, "rev@example.org", role="reviewer")
    with app.app_context():
        db.session.add(Evaluation(project_id=published, reviewer="rev@example.org",
                                  criteria=_criteria()))
        db.session.commit()
    login(client, "rev@example.org")
    soup = _soup(client.get("/en/curate/review"))
    assert not soup.select("tr.review-item")
    assert soup.select_one(".review-empty")


def test_review_list_pages(app, client):
    app.config["PROJECTS_PER_PAGE"] = 2
    ids = _projects(app, [Status.PUBLISHED] * 5)
    make_user(app, "cur@example.org", role="curator")
    login(client, "cur@example.org")
    seen = []
    for page in (1, 2, 3):
        soup = _soup(client.get(f"/en/curate/review?page={page}"))
        seen += [int(row["data-project-id"]) for row in soup.select("tr.review-item")]
    assert sorted(seen) == sorted(ids)
    last = _soup(client.get("/en/curate/review?page=99"))  # clamped to the last page
    assert len(last.select("tr.review-item")) == 1
    assert last.select_one("a[rel=prev]")["href"] == "/en/curate/review?page=2"


def test_users_page_lists_every_account(app, client):
    make_user(app, "adm@example.org", role="admin", name="Ada Admin")
    make_user(app, "rev@example.org", role="reviewer")
    make_user(app, "off@example.org", role="curator", active=False)
    login(client, "adm@example.org")
    rows = [[cell.get_text(strip=True) for cell in row.find_all("td")]
            for row in _soup(client.get("/en/curate/users")).select("tr.user-row")]
    assert [row[:4] for row in rows] == [
        ["adm@example.org", "Ada Admin", "Administrator", "active"],
        ["off@example.org", "", "Curator", "disabled"],
        ["rev@example.org", "", "Evaluator", "active"],
    ]
    assert rows[0][5] != "never" and rows[1][5] == "never"
    assert all("scrypt" not in cell for row in rows for cell in row)


def test_navigation_shows_only_allowed_pages(app, client):
    make_user(app, "rev@example.org", role="reviewer")
    login(client, "rev@example.org")
    links = [a["href"] for a in _soup(client.get("/en/curate/review")).select(".curate-nav a")]
    assert links == ["/en/curate/review"]
