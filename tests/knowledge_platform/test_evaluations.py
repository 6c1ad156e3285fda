"""Evaluations against the good-practice criteria: validation and the public project page."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import Evaluation, Project
from knowledge_platform.models.evaluations import CRITERIA, EvaluationError, checked_criteria
from tests.factories import record, store


def _criteria(score: int = 2, **overrides) -> dict:
    found = {name: {"score": score, "rationale": f"Důvod pro {name}"} for name in CRITERIA}
    found.update(overrides)
    return found


@pytest.mark.parametrize("criteria, problem", [
    ({name: {"score": 2, "rationale": "x"} for name in CRITERIA[1:]}, "relevance: score"),
    (_criteria(evidence={"score": 4, "rationale": "x"}), "evidence: score must be"),
    (_criteria(evidence={"score": True, "rationale": "x"}), "evidence: score must be"),
    (_criteria(participation={"score": 1, "rationale": "  "}), "participation: rationale"),
    (_criteria(beauty={"score": 1, "rationale": "x"}), "unknown criteria: beauty"),
])
def test_bad_evaluations_name_the_criterion(criteria, problem):
    with pytest.raises(EvaluationError, match=problem):
        checked_criteria(criteria)


def test_project_page_shows_each_evaluation_and_the_average(app, client):
    with app.app_context():
        project = store(record(title="Sousedská setkání v Libuši")).project
        project.evaluations.append(Evaluation(reviewer="Reviewer <b>A</b>",
                                              criteria=checked_criteria(_criteria(3))))
        worse = _criteria(1, evidence={"score": 2, "rationale": "<script>x</script>"})
        project.evaluations.append(Evaluation(reviewer="Reviewer B",
                                              criteria=checked_criteria(worse)))
        project.good_practice = True
        project.good_practice_reason_cs = "Levné a přenositelné."
        db.session.commit()
        url = f"/cs/projects/{project.id}-{project.slug}"
    page = BeautifulSoup(client.get(url).data, "html.parser")
    section = page.select_one("section.evaluations")
    # (3 + 7/6) / 2 = 2.083...: one decimal, with the Czech decimal comma.
    assert "2,1" in section.select_one(".average").text
    assert "(2 hodnocení)" in section.select_one(".average").text
    articles = section.select("article.evaluation")
    assert [a.h3.contents[0].strip() for a in articles] == ["Reviewer <b>A</b>,", "Reviewer B,"]
    assert all(a.h3.time["datetime"] for a in articles)  # when each was written
    assert "<script>x</script>" in articles[1].text  # shown as text, not run
    assert not page.select("section.evaluations script")
    assert len(articles[0].select("dt")) == len(CRITERIA)
    assert "Levné a přenositelné." in page.select_one(".good-practice").text


def test_deleting_a_project_deletes_its_evaluations(app):
    with app.app_context():
        project = store(record()).project
        project.evaluations.append(Evaluation(reviewer="R", criteria=checked_criteria(_criteria())))
        db.session.commit()
        db.session.delete(db.session.get(Project, project.id))
        db.session.commit()
        assert db.session.scalar(select(func.count(Evaluation.id))) == 0


def test_one_evaluation_per_account_and_project(app):
    from sqlalchemy.exc import IntegrityError

    from knowledge_platform.models.users import User, UserRole

    with app.app_context():
        project = store(record()).project
        user = User(email="reviewer@example.org", role=UserRole.REVIEWER, password_hash="x")
        db.session.add(user)
        db.session.flush()
        # Imported evaluations carry no account and are not limited.
        for name in ("A", "B"):
            db.session.add(Evaluation(project=project, reviewer=name, criteria=_criteria()))
        db.session.add(Evaluation(project=project, reviewer="R", user_id=user.id,
                                  criteria=_criteria()))
        db.session.commit()
        db.session.add(Evaluation(project=project, reviewer="R", user_id=user.id,
                                  criteria=_criteria()))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
