"""Storing records: new projects, unchanged re-imports, merges, conflicts and relations."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import (
    FieldConflict,
    Organisation,
    Precision,
    Project,
    ProjectRelation,
    RelationKind,
    Role,
    SourceDocument,
)
from tests.factories import record, store


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_new_record_becomes_a_project_with_everything_linked(app):
    with app.app_context():
        outcome = store(record(
            title="Provoz Centra pro cizince JMK", implementer="Jihomoravský kraj",
            partners=["Diecézní charita Brno", "Statutární město Brno"],
            regions=["CZ064"], funders=["AMIF", "MV_CR"], activities=["fieldwork"],
            target_groups=["majority_society"], budget_czk=9542746.0, budget_amount=9542746.0,
        ))
        assert outcome.status == "new"
        project = outcome.project
        assert project.title_cs == "Provoz Centra pro cizince JMK"
        assert project.slug == "provoz-centra-pro-cizince-jmk"
        assert project.implementer.name == "Jihomoravský kraj"
        assert [o.name for o in project.organisations_in(Role.PARTNER)] == [
            "Diecézní charita Brno", "Statutární město Brno"]
        assert [t.code for t in project.funders] == ["AMIF", "MV_CR"]
        assert [t.code for t in project.activities] == ["fieldwork"]
        assert len(project.sources) == 1


def test_same_document_again_is_unchanged(app):
    with app.app_context():
        data = record()
        assert store(data).status == "new"
        assert store(data).status == "unchanged"
        assert _count(Project) == 1
        assert _count(SourceDocument) == 1


def test_changed_document_at_the_same_location_updates_its_project(app):
    with app.app_context():
        first = store(record(summary="Stará verze"), location="web/page.html", publish=False)
        second = store(record(title=first.project.title_cs, summary="Nová verze"),
                       location="web/page.html", publish=False)
        assert second.status == "updated"
        assert second.project.id == first.project.id
        assert second.project.summary_cs == "Nová verze"


def test_same_registration_number_is_the_same_project(app):
    with app.app_context():
        first = store(record(title="Kurzy češtiny", registration_number="AMIF/28/04"),
                      publish=False)
        second = store(
            record(title="Czech courses", language="en", registration_number="AMIF/28/04"),
            publish=False)
        assert second.status == "updated"
        assert second.project.id == first.project.id
        assert (second.project.title_cs, second.project.title_en) == (
            "Kurzy češtiny", "Czech courses")
        assert len(second.project.sources) == 2


def test_same_title_and_implementer_through_aliases_merges_and_keeps_conflict(app):
    with app.app_context():
        first = store(record(
            title="Města a inkluzivní strategie", implementer="Sdružení pro integraci a migraci",
            start="2017-09-01", start_precision="day", end="2020-12-31", end_precision="month",
        ), publish=False)
        second = store(record(
            title="MĚSTA A INKLUZIVNÍ STRATEGIE".title(), implementer="SIMI",
            start="2017-09-01", start_precision="day", end="2020-07-31", end_precision="day",
            budget_czk=20000000.0, budget_amount=20000000.0, budget_approximate=True,
        ), publish=False)
        assert second.project.id == first.project.id
        project = second.project
        assert project.end_date == date(2020, 7, 31)  # the newer source shows
        assert project.budget_approximate is True
        conflict = db.session.scalars(select(FieldConflict)).one()
        assert conflict.field == "end_date"
        assert [c["value"] for c in conflict.candidates] == ["2020-12-31", "2020-07-31"]
        sources = [c["source_document_id"] for c in conflict.candidates]
        assert sources == [s.id for s in project.sources]
        assert _count(Organisation) == 1


def test_similar_title_with_unknown_period_is_a_possible_duplicate(app):
    with app.app_context():
        first = store(
            record(title="Provoz Centra pro cizince JMK", implementer="Jihomoravský kraj")
        )
        second = store(record(
            title="Provoz Centra pro cizince JMK 2021-2022", language="en",
            implementer="South Moravian Region", start="2021-01-01", start_precision="day",
            end="2022-12-31", end_precision="day",
        ))
        assert second.status == "new"
        relation = db.session.scalars(select(ProjectRelation)).one()
        assert relation.kind is RelationKind.POSSIBLE_DUPLICATE
        assert {relation.from_project_id, relation.to_project_id} == {
            first.project.id, second.project.id}


def test_similar_title_in_another_period_is_the_same_series(app):
    with app.app_context():
        older = store(record(title="Kurzy češtiny v Plzni 2019", implementer="Poradna Plzeň",
                             start="2019-01-01", start_precision="year",
                             end="2019-12-31", end_precision="year"))
        newer = store(record(title="Kurzy češtiny v Plzni 2020", implementer="Poradna Plzeň",
                             start="2020-01-01", start_precision="year",
                             end="2020-12-31", end_precision="year"))
        relation = db.session.scalars(select(ProjectRelation)).one()
        assert relation.kind is RelationKind.SAME_SERIES
        assert (relation.from_project_id, relation.to_project_id) == (
            older.project.id, newer.project.id)


def test_unrelated_projects_of_one_implementer_are_not_linked(app):
    with app.app_context():
        store(record(title="Kurzy češtiny pro dospělé", implementer="Poradna Plzeň"))
        store(record(title="Právní poradna pro uprchlíky", implementer="Poradna Plzeň"))
        assert _count(ProjectRelation) == 0


def test_not_a_project_keeps_the_document_but_makes_no_project(app):
    with app.app_context():
        outcome = store(record(is_project=False, title="Novela zákona o pobytu cizinců"))
        assert outcome.status == "skipped"
        assert _count(Project) == 0
        assert db.session.scalars(select(SourceDocument)).one().project_id is None


def test_unknown_vocabulary_code_is_a_clear_error(app):
    with app.app_context(), pytest.raises(ValueError, match="unknown funder code 'NOPE'"):
        store(record(funders=["NOPE"]))


def test_a_later_source_adding_a_date_beside_a_conflict_is_stored(app):
    with app.app_context():
        first = store(record(title="Datum", registration_number="CZ.DATE/1",
                             budget_amount=1000), publish=False).project
        later = store(record(title="Datum", registration_number="CZ.DATE/1", budget_amount=2000,
                             start="2024-03-01", start_precision="month"), publish=False)
        assert later.status == "updated"
        assert later.project.id == first.id
        assert (later.project.start_date, later.project.start_precision) == (
            date(2024, 3, 1), Precision.MONTH)
        assert [c.field for c in later.project.conflicts] == ["budget_total"]


def test_amounts_places_and_people_never_become_organisations(app):
    with app.app_context():
        outcome = store(record(implementer="Kolín", partners=[
            "120 000 Kč", "Rakousko", "Mgr. Jana Nová", "Jan Novák", "Klub Sever"]))
        names = {link.organisation.name: link.role for link in outcome.project.organisations}
    # A town named as the implementer carries out its own project.
    assert names == {"Město Kolín": Role.IMPLEMENTER, "Klub Sever": Role.PARTNER}

