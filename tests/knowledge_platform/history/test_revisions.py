"""Revisions: imports and edits are recorded field by field, and can be reverted."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.history import (
    RevertError,
    apply_values,
    record_revision,
    revert,
    snapshot,
)
from knowledge_platform.models import Organisation, Revision, RevisionKind
from tests.factories import record, store


def _revisions(project) -> list[Revision]:
    return list(db.session.scalars(
        select(Revision).where(Revision.project_id == project.id).order_by(Revision.id)))


def test_an_import_is_a_revision_of_every_field_it_filled(app):
    with app.app_context():
        project = store(record(title="Tlumočení pro rodiny", budget_amount=120000,
                               start="2023-01-01")).project
        (revision,) = _revisions(project)
        assert revision.kind == RevisionKind.IMPORT
        assert revision.changes["title_cs"] == {"old": None, "new": "Tlumočení pro rodiny"}
        assert revision.changes["budget_total"]["new"] == "120000.00"
        assert revision.changes["regions"] == {"old": None, "new": ["CZ010"]}
        assert revision.changes["implementers"]["new"][0]["name"] == (
            "Centrum pro integraci cizinců")


def test_a_second_source_records_only_what_it_changed(app):
    with app.app_context():
        first = record(title="Kurzy pro rodiče", registration_number="CZ.1/1", regions=["CZ010"])
        project = store(first, publish=False).project
        second = record(title="Kurzy pro rodiče", registration_number="CZ.1/1",
                        regions=["CZ010", "CZ064"])
        store(second, publish=False)
        revisions = _revisions(project)
        assert len(revisions) == 2
        assert revisions[1].changes == {"regions": {"old": ["CZ010"], "new": ["CZ010", "CZ064"]}}


def test_an_unchanged_edit_writes_no_revision(app):
    with app.app_context():
        project = store(record()).project
        assert record_revision(project, snapshot(project), RevisionKind.EDIT) is None


def test_revert_puts_back_every_kind_of_value(app):
    with app.app_context():
        project = store(record(title="Původní název", budget_amount=1000, start="2020-05-01",
                               partners=["Charita Brno"])).project
        before = snapshot(project)
        other = db.session.scalar(select(Organisation).where(Organisation.name == "Charita Brno"))
        apply_values(project, {
            "title_cs": "Nový název", "budget_total": "2500.50", "start_date": "2021-01-01",
            "regions": ["CZ010", "CZ064"], "funders": [], "partners": [],
            "implementers": [{"id": other.id, "name": other.name}],
        })
        edit = record_revision(project, before, RevisionKind.EDIT, actor="curator@example.org")
        db.session.commit()
        assert project.budget_total == Decimal("2500.50")
        assert [r.code for r in project.regions] == ["CZ010", "CZ064"]

        undo = revert(edit, None)
        db.session.commit()
        db.session.refresh(project)
        assert project.title_cs == "Původní název"
        assert project.budget_total == Decimal("1000.00")
        assert project.start_date == date(2020, 5, 1)
        assert [r.code for r in project.regions] == ["CZ010"]
        assert [f.code for f in project.funders] == ["AMIF", "MV_CR"]
        assert project.implementer.name == "Centrum pro integraci cizinců"
        assert [o.name for o in project.organisations_in("partner")] == ["Charita Brno"]
        assert undo.kind == RevisionKind.REVERT and undo.reverts_id == edit.id
        assert snapshot(project) == before


def test_revert_follows_an_organisation_merge(app):
    with app.app_context():
        project = store(record(partners=["Charita Brno"])).project
        before = snapshot(project)
        apply_values(project, {"partners": []})
        edit = record_revision(project, before, RevisionKind.EDIT)
        survivor = Organisation(name="Diecézní charita Brno", slug="dch-brno")
        db.session.add(survivor)
        db.session.flush()
        merged = db.session.scalar(select(Organisation).where(Organisation.name == "Charita Brno"))
        merged.merged_into_id = survivor.id
        db.session.commit()
        revert(edit, None)
        assert [o.name for o in project.organisations_in("partner")] == ["Diecézní charita Brno"]


def test_revert_refuses_an_unknown_code(app):
    with app.app_context():
        project = store(record()).project
        revision = Revision(project=project, kind=RevisionKind.EDIT,
                            changes={"regions": {"old": ["XX999"], "new": ["CZ010"]}})
        db.session.add(revision)
        db.session.flush()
        with pytest.raises(RevertError, match="XX999"):
            revert(revision, None)


def test_restoring_one_role_keeps_the_index_current(app):
    from knowledge_platform.search.index import analysed_fields

    with app.app_context():
        project = store(record(partners=["Charita Brno"])).project
        before = snapshot(project)
        apply_values(project, {"implementers": []})
        edit = record_revision(project, before, RevisionKind.EDIT)
        db.session.commit()
        revert(edit, None)
        db.session.commit()
        indexed = project.search_document.body
        db.session.expire_all()
        assert analysed_fields(db.session.get(type(project), project.id))["body"] == indexed
