"""The good-practice badge: awarded and withdrawn with a reason, shown publicly, recorded."""
from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Evaluation, Project, Revision, RevisionKind
from knowledge_platform.models.evaluations import CRITERIA, checked_criteria
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

REASON = "Rodiče se učí česky spolu s dětmi."
REASON_EN = "Parents learn Czech together with their children."


def _project(app, evaluated: tuple[int, ...] = (3,),
             title: str = "Čeština pro rodiče v Kolíně") -> int:
    """A published project with one sample evaluation per score in ``evaluated``."""
    with app.app_context():
        project = store(record(title=title)).project
        for number, score in enumerate(evaluated):
            project.evaluations.append(Evaluation(
                reviewer=f"Reviewer {number + 1}",
                criteria=checked_criteria({n: {"score": score, "rationale": f"r{number}"}
                                           for n in CRITERIA})))
        db.session.commit()
        return project.id


def _as(app, client, role: str = "curator") -> int:
    user_id = make_user(app, f"{role}@example.org", role=role, name=f"Ms {role.title()}")
    assert login(client, f"{role}@example.org").status_code == 302
    return user_id


def _badge_url(project_id: int) -> str:
    return f"/en/curate/projects/{project_id}/badge"


def _post(client, project_id: int, **data):
    page = BeautifulSoup(client.get(_badge_url(project_id)).data, "html.parser")
    version = page.select_one("input[name=row_version]")["value"]
    fields = {"csrf_token": form_token(client, _badge_url(project_id)), "row_version": version}
    return client.post(_badge_url(project_id), data={**fields, **data})


def _state(app, project_id: int) -> tuple[bool, tuple[str, str], list[Revision]]:
    with app.app_context():
        project = db.session.get(Project, project_id)
        revisions = db.session.scalars(
            select(Revision).where(Revision.project_id == project_id,
                                   Revision.kind == RevisionKind.BADGE).order_by(Revision.id)
        ).all()
        db.session.expunge_all()
        return (project.good_practice,
                (project.good_practice_reason_cs, project.good_practice_reason_en), revisions)


def _public(app, project_id: int) -> tuple[BeautifulSoup, dict]:
    client = app.test_client()
    page = client.get(f"/en/projects/{project_id}", follow_redirects=True)
    assert page.status_code == 200
    return (BeautifulSoup(page.data, "html.parser"),
            client.get(f"/api/v1/projects/{project_id}").get_json())


def test_the_badge_page_shows_the_evaluations_and_their_average(app, client):
    project_id = _project(app, evaluated=(3, 2))
    _as(app, client)
    soup = BeautifulSoup(client.get(_badge_url(project_id)).data, "html.parser")
    assert soup.select_one(".overall-average").get_text() == \
        "Average score 2.5 out of 3 from 2 evaluations"
    assert [e.select_one(".reviewer").get_text() for e in soup.select(".evaluation")] == \
        ["Reviewer 1", "Reviewer 2"]
    assert soup.select_one(".badge-state").get_text() == \
        "This project does not carry the good-practice badge."
    assert [soup.select_one(f"label[for={name}]").get_text() for name in
            ("reason_cs", "reason_en")] == ["Public reason in Czech", "Public reason in English"]
    assert soup.select_one("textarea#reason_en")["lang"] == "en"
    assert "reason-help" in soup.select_one("textarea#reason_cs")["aria-describedby"]
    assert soup.select_one(".withdraw-form") is None


def test_awarding_shows_the_reason_publicly_and_records_a_revision(app, client):
    project_id = _project(app, evaluated=(3,))
    curator = _as(app, client)
    response = _post(client, project_id, action="award", reason_cs=f"  {REASON}\n",
                     reason_en=REASON_EN)
    assert response.status_code == 303
    assert response.headers["Location"] == _badge_url(project_id)
    awarded, reason, (revision,) = _state(app, project_id)
    assert (awarded, reason) == (True, (REASON, REASON_EN))
    assert revision.user_id == curator and revision.actor == "Ms Curator"
    assert revision.changes == {"good_practice": {"old": False, "new": True},
                                "good_practice_reason_cs": {"old": "", "new": REASON},
                                "good_practice_reason_en": {"old": "", "new": REASON_EN}}
    page, api = _public(app, project_id)
    assert page.select_one(".badge.good-practice").get_text() == f"Good practice: {REASON_EN}"
    assert (api["good_practice"], api["good_practice_reason_cs"],
            api["good_practice_reason_en"]) == (True, REASON, REASON_EN)
    # Each language version of the site shows its own reason.
    czech = app.test_client().get(f"/cs/projects/{project_id}", follow_redirects=True)
    badge = BeautifulSoup(czech.data, "html.parser").select_one(".badge")
    assert REASON in badge.get_text() and REASON_EN not in badge.get_text()
    assert badge.select_one("[lang]")["lang"] == "cs"
    confirmation = BeautifulSoup(client.get(_badge_url(project_id)).data, "html.parser")
    assert confirmation.select_one(".form-done").get_text() == \
        "The good-practice badge and its reason are saved."
    assert [quote.get_text() for quote in confirmation.select(".badge-reason")] == \
        [REASON, REASON_EN]


def test_a_reason_in_one_language_is_shown_in_both_marked_with_its_language(app, client):
    project_id = _project(app)
    _as(app, client)
    assert _post(client, project_id, action="award", reason_cs=REASON).status_code == 303
    page, api = _public(app, project_id)
    shown = page.select_one(".badge.good-practice span")
    assert (shown.get_text(), shown["lang"]) == (REASON, "cs")
    assert api["good_practice_reason_en"] == ""


def test_a_reason_is_required(app, client):
    project_id = _project(app)
    _as(app, client)
    response = _post(client, project_id, action="award", reason_cs="   ", reason_en="")
    assert response.status_code == 422
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.select_one("#reason_cs-errors").get_text(strip=True) == \
        "Give the reason in Czech, in English or in both."
    assert soup.select_one("textarea#reason_cs")["aria-invalid"] == "true"
    assert _state(app, project_id)[:2] == (False, ("", ""))
    assert _post(client, project_id, reason_cs=REASON).status_code == 422  # no action chosen


def test_withdrawing_removes_the_badge_and_keeps_the_reason_in_the_history(app, client):
    project_id = _project(app)
    _as(app, client, role="admin")
    assert _post(client, project_id, action="award", reason_en=REASON_EN).status_code == 303
    refused = _post(client, project_id, action="withdraw", withdrawal_reason="")
    assert refused.status_code == 422
    assert _state(app, project_id)[0] is True
    response = _post(client, project_id, action="withdraw",
                     withdrawal_reason="The project closed before results were shown.")
    assert response.status_code == 303
    awarded, reason, revisions = _state(app, project_id)
    assert (awarded, reason) == (False, ("", ""))
    assert revisions[-1].note == "The project closed before results were shown."
    assert revisions[-1].changes["good_practice"] == {"old": True, "new": False}
    page, api = _public(app, project_id)
    assert page.select_one(".badge") is None
    assert (api["good_practice"], api["good_practice_reason_en"]) == (False, "")


def test_a_change_made_meanwhile_is_not_overwritten(app, client):
    project_id = _project(app)
    _as(app, client)
    url = _badge_url(project_id)
    token = form_token(client, url)
    with app.app_context():
        project = db.session.get(Project, project_id)
        stale = str(project.row_version)
        project.good_practice, project.good_practice_reason_cs = True, "Another curator's reason."
        db.session.commit()
    response = client.post(url, data={"csrf_token": token, "row_version": stale,
                                      "action": "award", "reason_cs": REASON})
    assert response.status_code == 409
    assert _state(app, project_id)[:2] == (True, ("Another curator's reason.", ""))
    soup = BeautifulSoup(response.data, "html.parser")
    assert "Someone else changed this project" in soup.select_one(".form-error").get_text()
    assert soup.select_one("textarea#reason_cs").get_text().strip() == REASON
    assert soup.select_one("input[name=row_version]")["value"] != stale


def test_reviewers_may_not_touch_the_badge(app, client):
    project_id = _project(app)
    _as(app, client, role="reviewer")
    token = form_token(client, f"/en/curate/projects/{project_id}/evaluate")
    response = client.post(_badge_url(project_id),
                           data={"csrf_token": token, "action": "award", "reason_cs": REASON})
    assert response.status_code == 403
    assert client.get(_badge_url(project_id)).status_code == 403
    assert _state(app, project_id)[:2] == (False, ("", ""))
    evaluate = BeautifulSoup(client.get(f"/en/curate/projects/{project_id}/evaluate").data,
                             "html.parser")
    assert evaluate.select_one(".badge-link") is None


def test_a_post_without_a_csrf_token_is_refused(app, client):
    project_id = _project(app)
    _as(app, client)
    response = client.post(_badge_url(project_id), data={"action": "award", "reason_cs": REASON})
    assert response.status_code == 400
    assert _state(app, project_id)[:2] == (False, ("", ""))


def test_html_in_the_reason_is_escaped(app, client):
    project_id = _project(app)
    _as(app, client)
    attack = "<img src=x onerror=alert(1)>"
    assert _post(client, project_id, action="award", reason_en=attack).status_code == 303
    for response in (client.get(_badge_url(project_id)),
                     app.test_client().get(f"/en/projects/{project_id}", follow_redirects=True)):
        assert attack.encode() not in response.data
        assert b"&lt;img src=x onerror=alert(1)&gt;" in response.data


def test_an_award_no_evaluation_supports_needs_a_public_override(app, client):
    _as(app, client)
    reaching = _project(app, evaluated=(1, 2))  # the second evaluation reaches 2.0
    weak = _project(app, evaluated=(1,), title="Adaptační skupiny v Jihlavě")
    page = BeautifulSoup(client.get(_badge_url(weak)).data, "html.parser")
    assert page.select_one("textarea[name=override_cs]") is not None
    refused = _post(client, weak, action="award", reason_cs=REASON)
    assert refused.status_code == 422 and not _state(app, weak)[0]
    assert "2.0 of 3" in BeautifulSoup(refused.data, "html.parser").select_one(
        ".field-errors").text
    override = "Jediný projekt svého druhu v kraji; hodnocení se připravuje."
    assert _post(client, weak, action="award", reason_cs=REASON,
                 override_cs=override).status_code == 303
    assert _state(app, weak)[0]
    public, _ = _public(app, weak)
    shown = public.select_one(".badge-override")
    assert override in shown.text and "2.0 of 3" in shown.text
    # An evaluation that reaches the threshold needs no override, and none is kept.
    page = BeautifulSoup(client.get(_badge_url(reaching)).data, "html.parser")
    assert page.select_one("textarea[name=override_cs]") is None
    assert _post(client, reaching, action="award", reason_cs=REASON,
                 override_cs="ignored").status_code == 303
    with app.app_context():
        assert db.session.get(Project, reaching).good_practice_override_cs == ""


def test_the_threshold_is_a_setting(app, client):
    app.config["GOOD_PRACTICE_THRESHOLD"] = 3.0
    _as(app, client)
    project_id = _project(app, evaluated=(2,))
    assert _post(client, project_id, action="award", reason_cs=REASON).status_code == 422
