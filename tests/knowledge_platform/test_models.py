"""Model constraints reject invalid data on every backend."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from knowledge_platform.db import db
from knowledge_platform.models import (
    LINKS,
    Organisation,
    OrganisationAlias,
    Precision,
    Project,
    ProjectRelation,
    Region,
    RelationKind,
    Status,
)


def _project(**fields) -> Project:
    values = {"slug": "kurzy", "title_cs": "Kurzy češtiny", **fields}
    return Project(**values)


def _rejected(*objects) -> None:
    db.session.add_all(objects)
    with pytest.raises((IntegrityError, StatementError)):
        db.session.commit()
    db.session.rollback()


def test_valid_project_round_trips(app):
    with app.app_context():
        project = _project(
            start_date=date(2017, 9, 1), start_precision=Precision.DAY,
            end_date=date(2020, 12, 31), end_precision=Precision.MONTH,
            budget_total=Decimal("9542746.00"), subsidy=Decimal("8588471.00"),
        )
        project.regions.append(db.session.get(Region, "CZ064"))
        db.session.add(project)
        db.session.commit()
        db.session.expire_all()
        stored = db.session.get(Project, project.id)
        assert stored.budget_total == Decimal("9542746.00")
        assert stored.end_precision is Precision.MONTH
        assert stored.status is Status.DRAFT
        assert [r.code for r in stored.regions] == ["CZ064"]
        assert stored.row_version == 1


def test_end_before_start_is_rejected(app):
    with app.app_context():
        _rejected(_project(
            start_date=date(2020, 1, 1), start_precision=Precision.DAY,
            end_date=date(2019, 1, 1), end_precision=Precision.DAY,
        ))


@pytest.mark.parametrize("field", ["budget_total", "subsidy"])
def test_negative_money_is_rejected(app, field):
    with app.app_context():
        _rejected(_project(**{field: Decimal("-1")}))


def test_date_without_precision_is_rejected(app):
    with app.app_context():
        _rejected(_project(start_date=date(2020, 1, 1)))


def test_unknown_status_is_rejected(app):
    with app.app_context():
        db.session.add(_project())
        db.session.commit()
        with pytest.raises((IntegrityError, StatementError)):
            db.session.execute(
                Project.__table__.update().values(status="deleted-ish")
            )
            db.session.commit()
        db.session.rollback()


def test_duplicate_vocabulary_link_is_rejected(app):
    with app.app_context():
        project = _project()
        db.session.add(project)
        db.session.commit()
        row = {"project_id": project.id, "code": "CZ010"}
        db.session.execute(insert(LINKS["region"]).values(row))
        with pytest.raises(IntegrityError):
            db.session.execute(insert(LINKS["region"]).values(row))
        db.session.rollback()


def test_unknown_vocabulary_code_is_rejected(app):
    with app.app_context():
        project = _project()
        db.session.add(project)
        db.session.commit()
        with pytest.raises(IntegrityError):
            db.session.execute(
                insert(LINKS["region"]).values(project_id=project.id, code="CZ999")
            )
        db.session.rollback()


def test_same_registration_number_twice_is_rejected(app):
    with app.app_context():
        _rejected(
            _project(registration_number="AMIF/28/04"),
            _project(slug="other", registration_number="AMIF/28/04"),
        )


def test_alias_names_one_organisation_only(app):
    with app.app_context():
        first = Organisation(name="SIMI", slug="simi")
        second = Organisation(name="Other", slug="other")
        first.aliases.append(OrganisationAlias(name="SIMI", key="simi"))
        second.aliases.append(OrganisationAlias(name="Simi", key="simi"))
        _rejected(first, second)


def test_project_cannot_relate_to_itself(app):
    with app.app_context():
        project = _project()
        db.session.add(project)
        db.session.commit()
        _rejected(ProjectRelation(
            from_project_id=project.id, to_project_id=project.id,
            kind=RelationKind.SAME_SERIES,
        ))


def test_stale_row_version_is_refused(app):
    with app.app_context():
        db.session.add(_project())
        db.session.commit()
        mine = db.session.scalars(db.select(Project)).one()
        mine.title_cs = "Moje změna"
        # Another curator saves the same record first, in their own session.
        with Session(db.engine) as theirs:
            theirs.scalars(db.select(Project)).one().title_cs = "Jejich změna"
            theirs.commit()
        with pytest.raises(StaleDataError):
            db.session.commit()
        db.session.rollback()
        assert db.session.scalars(db.select(Project)).one().title_cs == "Jejich změna"


def test_deleting_a_project_removes_its_links(app):
    with app.app_context():
        project = _project()
        project.regions.append(db.session.get(Region, "CZ010"))
        db.session.add(project)
        db.session.commit()
        db.session.delete(project)
        db.session.commit()
        assert db.session.execute(LINKS["region"].select()).all() == []
