"""The evaluation form: scoring, validation, editing one's own evaluation, averages."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Evaluation, Project, Status
from knowledge_platform.models.evaluations import CRITERIA, checked_criteria
from knowledge_platform.models.users import User
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

SCORES = dict(zip(CRITERIA, (3, 2, 1, 0, 2, 3), strict=True))


def _project(app, status: Status = Status.PUBLISHED, **fields) -> int:
    with app.app_context():
        project = store(record(title="Jazykové kurzy v Lipníku", **fields)).project
        project.status = status
        db.session.commit()
        return project.id


def _as(app, client, email: str, role: str = "reviewer", name: str = "") -> int:
    user_id = make_user(app, email, role=role, name=name)
    assert login(client, email).status_code == 302
    return user_id


def _answers(scores: dict | None = None, **rationales) -> dict:
    scores = SCORES if scores is None else scores
    data = {}
    for name in CRITERIA:
        if scores.get(name) is not None:
            data[f"score_{name}"] = str(scores[name])
        data[f"rationale_{name}"] = rationales.get(name, f"Why {name} scores so.")
    return data


def _post(client, project_id: int, data: dict):
    url = f"/en/curate/projects/{project_id}/evaluate"
    return client.post(url, data={**data, "csrf_token": form_token(client, url)})


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.data, "html.parser")


def _evaluations(app, project_id: int) -> list[Evaluation]:
    with app.app_context():
        found = db.session.scalars(select(Evaluation).where(Evaluation.project_id == project_id)
                                   .order_by(Evaluation.id)).all()
        db.session.expunge_all()
        return found


def test_the_form_has_a_fieldset_per_criterion(app, client):
    project_id = _project(app, summary="Kurzy češtiny pro rodiče.", start="2019-09-01",
                          start_precision="day")
    _as(app, client, "rev@example.org")
    soup = _soup(client.get(f"/en/curate/projects/{project_id}/evaluate"))
    fieldsets = soup.select("fieldset.criterion")
    assert [f.legend.get_text(strip=True) for f in fieldsets] == [
        "Relevance", "Effectiveness", "Sustainability", "Transferability",
        "Participation of the target group", "Evidence of results"]
    for fieldset, name in zip(fieldsets, CRITERIA, strict=True):
        radios = fieldset.select("input[type=radio]")
        assert [r["value"] for r in radios] == ["0", "1", "2", "3"]
        assert [fieldset.find("label", {"for": r["id"]}).get_text(strip=True)
                for r in radios] == ["0 – not at all", "1 – partly", "2 – largely", "3 – fully"]
        assert fieldset.find("textarea", {"name": f"rationale_{name}"})
    assert soup.select_one(".summary-title").get_text() == "Jazykové kurzy v Lipníku"
    assert soup.select_one(".summary-implementer").get_text() == "Centrum pro integraci cizinců"
    assert "Kurzy češtiny pro rodiče." in soup.select_one(".summary-text").get_text()
    assert soup.select_one("a.public-link")["href"].startswith(f"/en/projects/{project_id}-")


def test_a_reviewer_submits_an_evaluation(app, client):
    project_id = _project(app)
    user_id = _as(app, client, "rev@example.org", name="Rita Reviewer")
    response = _post(client, project_id, _answers())
    assert response.status_code == 303
    assert response.headers["Location"] == f"/en/curate/projects/{project_id}/evaluate"
    (stored,) = _evaluations(app, project_id)
    assert (stored.reviewer, stored.user_id) == ("Rita Reviewer", user_id)
    assert {name: entry["score"] for name, entry in stored.criteria.items()} == SCORES
    assert stored.criteria["evidence"]["rationale"] == "Why evidence scores so."
    page = _soup(client.get(f"/en/curate/projects/{project_id}/evaluate"))
    assert page.select_one(".form-done").get_text() == "Your evaluation has been saved."
    assert page.select_one(".own-evaluation .reviewer").get_text() == "Rita Reviewer"
    # Done, so the project leaves the reviewer's queue.
    queue = _soup(client.get("/en/curate/review"))
    assert not queue.select(f"tr[data-project-id='{project_id}']")


def test_invalid_answers_are_shown_per_field_and_kept(app, client):
    project_id = _project(app)
    _as(app, client, "rev@example.org")
    answers = _answers({**SCORES, "relevance": 4, "sustainability": None}, evidence="  ")
    response = _post(client, project_id, answers)
    assert response.status_code == 422
    assert _evaluations(app, project_id) == []
    soup = _soup(response)
    errors = {fieldset["id"].removeprefix("criterion-"): [li.get_text() for li in
              fieldset.select(".field-errors li")] for fieldset in soup.select("fieldset")}
    assert errors == {"relevance": ["Choose a score from 0 to 3."], "effectiveness": [],
                      "sustainability": ["Choose a score from 0 to 3."], "transferability": [],
                      "participation": [], "evidence": ["Write why you gave this score."]}
    assert [a["href"] for a in soup.select(".error-summary a")] == [
        "#criterion-relevance", "#criterion-sustainability", "#criterion-evidence"]
    # What was typed and chosen stays on the form.
    assert soup.find("textarea", {"name": "rationale_relevance"}).get_text().strip() == \
        "Why relevance scores so."
    checked = {radio["name"]: radio["value"] for radio in soup.select("input[checked]")}
    assert checked == {"score_effectiveness": "2", "score_transferability": "0",
                       "score_participation": "2", "score_evidence": "3"}
    invalid = soup.select_one("#score_relevance-0")
    assert invalid["aria-invalid"] == "true"
    assert "score_relevance-errors" in soup.select_one("#criterion-relevance")["aria-describedby"]


def test_a_second_visit_edits_the_reviewers_own_evaluation(app, client):
    project_id = _project(app)
    _as(app, client, "rev@example.org")
    assert _post(client, project_id, _answers()).status_code == 303
    (first,) = _evaluations(app, project_id)
    soup = _soup(client.get(f"/en/curate/projects/{project_id}/evaluate"))
    assert soup.select_one("#score_relevance-3").has_attr("checked")
    assert soup.find("textarea", {"name": "rationale_evidence"}).get_text().strip() == \
        "Why evidence scores so."
    changed = _answers({name: 1 for name in CRITERIA}, evidence="Better documented now.")
    assert _post(client, project_id, changed).status_code == 303
    (again,) = _evaluations(app, project_id)
    assert again.id == first.id
    assert again.average == 1
    assert again.criteria["evidence"]["rationale"] == "Better documented now."


def test_an_imported_evaluation_under_the_reviewers_name_is_theirs(app, client):
    project_id = _project(app)
    with app.app_context():
        db.session.add(Evaluation(project_id=project_id, reviewer="Rita Reviewer",
                                  criteria=checked_criteria({n: {"score": 1, "rationale": "old"}
                                                             for n in CRITERIA})))
        db.session.commit()
    _as(app, client, "rev@example.org", name="Rita Reviewer")
    queue = _soup(client.get("/en/curate/review"))
    assert not queue.select(f"tr[data-project-id='{project_id}']")
    soup = _soup(client.get(f"/en/curate/projects/{project_id}/evaluate"))
    assert soup.select_one("#score_relevance-1").has_attr("checked")
    user_id = _user_id(app, "rev@example.org")
    assert _post(client, project_id, _answers()).status_code == 303
    (claimed,) = _evaluations(app, project_id)
    assert claimed.user_id == user_id and claimed.criteria["relevance"]["score"] == 3


def test_an_evaluation_by_another_account_of_the_same_name_is_not_edited(app, client):
    project_id = _project(app)
    other = make_user(app, "other@example.org", role="reviewer", name="Rita Reviewer")
    with app.app_context():
        db.session.add(Evaluation(project_id=project_id, reviewer="Rita Reviewer",
                                  user_id=other, criteria=checked_criteria(
                                      {n: {"score": 0, "rationale": "theirs"} for n in CRITERIA})))
        db.session.commit()
    _as(app, client, "rev@example.org", name="Rita Reviewer")
    queue = _soup(client.get("/en/curate/review"))
    assert queue.select(f"tr[data-project-id='{project_id}']")
    assert _post(client, project_id, _answers()).status_code == 303
    theirs, mine = _evaluations(app, project_id)
    assert theirs.user_id == other and theirs.average == 0
    assert mine.user_id != other


def test_two_reviewers_make_an_average_on_the_record_and_in_the_api(app):
    project_id = _project(app)
    for email, score in (("a@example.org", 3), ("b@example.org", 2)):
        client = app.test_client()
        _as(app, client, email, name=email.split("@")[0].upper())
        assert _post(client, project_id, _answers({n: score for n in CRITERIA})).status_code \
            == 303
    page = _soup(client.get(f"/en/curate/projects/{project_id}/evaluate"))
    assert page.select_one(".overall-average").get_text() == \
        "Average score 2.5 out of 3 from 2 evaluations"
    assert [h.select_one(".reviewer").get_text() for h in page.select(".evaluation h3")] == \
        ["A", "B"]
    public = _soup(app.test_client().get(f"/en/projects/{project_id}"
                                          f"-{_slug(app, project_id)}"))
    assert public.select_one(".evaluations .average").get_text() == \
        "Average score 2.5 out of 3 from 2 evaluations"
    data = app.test_client().get(f"/api/v1/projects/{project_id}").get_json()
    assert data["evaluation_average"] == 2.5
    assert [(e["reviewer"], e["average"]) for e in data["evaluations"]] == [("A", 3), ("B", 2)]


def _user_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def _slug(app, project_id: int) -> str:
    with app.app_context():
        return db.session.get(Project, project_id).slug


def test_saving_an_evaluation_moves_last_modified_but_not_the_row_version(app, client):
    project_id = _project(app)
    with app.app_context():
        before = db.session.get(Project, project_id)
        updated, version = before.updated_at, before.row_version
    _as(app, client, "rev@example.org")
    assert _post(client, project_id, _answers()).status_code == 303
    with app.app_context():
        after = db.session.get(Project, project_id)
        assert after.updated_at > updated
        # A curator editing the project meanwhile is not refused for a reviewer's score.
        assert after.row_version == version


def test_html_in_a_rationale_is_escaped(app, client):
    project_id = _project(app)
    _as(app, client, "rev@example.org", name="<b>Rita</b>")
    attack = "<script>alert(1)</script>"
    assert _post(client, project_id, _answers(relevance=attack)).status_code == 303
    for url in (f"/en/curate/projects/{project_id}/evaluate",
                f"/en/projects/{project_id}-{_slug(app, project_id)}"):
        response = client.get(url)
        assert response.status_code == 200
        assert attack.encode() not in response.data and b"<b>Rita" not in response.data
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.data


def test_a_post_without_a_csrf_token_is_refused(app, client):
    project_id = _project(app)
    _as(app, client, "rev@example.org")
    response = client.post(f"/en/curate/projects/{project_id}/evaluate", data=_answers())
    assert response.status_code == 400
    assert _evaluations(app, project_id) == []


@pytest.mark.parametrize("role", ["reviewer", "curator", "admin"])
def test_every_role_may_evaluate_a_project_in_review(app, client, role):
    project_id = _project(app, status=Status.IN_REVIEW)
    _as(app, client, f"{role}@example.org", role=role)
    queue = _soup(client.get("/en/curate/review"))
    link = queue.select_one(f"tr[data-project-id='{project_id}'] a.evaluate-link")
    assert link["href"] == f"/en/curate/projects/{project_id}/evaluate"
    assert _post(client, project_id, _answers()).status_code == 303
    assert len(_evaluations(app, project_id)) == 1


def test_an_unknown_project_is_not_found(app, client):
    _as(app, client, "rev@example.org")
    assert client.get("/en/curate/projects/999999/evaluate").status_code == 404


def test_a_merged_project_sends_the_reviewer_to_the_one_it_was_merged_into(app, client):
    kept = _project(app)
    with app.app_context():
        merged = store(record(title="Úplně jiný projekt v Tróji")).project
        merged.merged_into_id = kept
        db.session.commit()
        merged_id = merged.id
    _as(app, client, "rev@example.org")
    response = client.get(f"/en/curate/projects/{merged_id}/evaluate")
    assert response.headers["Location"] == f"/en/curate/projects/{kept}/evaluate"


def test_the_reviewer_sees_the_source_beside_the_criteria(app, client, tmp_path):
    from knowledge_platform.ingest.runs import import_paths

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "kurzy.txt").write_text(
        "Název projektu: Jazykové kurzy v Lipníku\nRealizátor: Spolek Lipník\n\n"
        "Kurzy vedou dobrovolní lektoři dvakrát týdně.\n", encoding="utf-8")
    with app.app_context():
        (result,) = import_paths([str(tmp_path / "docs")], max_bytes=100_000,
                                 publish=True).results
    _as(app, client, "rita@example.org")
    page = _soup(client.get(f"/en/curate/projects/{result.project_id}/evaluate"))
    source = page.select_one(".evaluate-source")
    assert "Kurzy vedou dobrovolní lektoři" in source.select_one(".source-text").get_text()
    assert source.select_one('.extracted-field[data-field="title"]') is not None
