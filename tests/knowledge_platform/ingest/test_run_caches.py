"""What an import run reads once (organisation aliases, vocabulary terms) stays in step with
the database: its own new organisations, others' changes, rolled-back documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from knowledge_platform.db import db
from knowledge_platform.history import snapshot
from knowledge_platform.history.snapshot import differences
from knowledge_platform.ingest import matching
from knowledge_platform.ingest.directory import alias_directory
from knowledge_platform.ingest.organisations import find_organisation, resolve_organisation
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.ingest.terms import term_cache
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    Project,
    ProjectOrganisation,
    Role,
)
from knowledge_platform.search import index
from tests.factories import record, store


def _write(folder: Path, name: str, title: str, implementer: str, number: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        f"Název projektu: {title}\nRealizátor: {implementer}\nRegistrační číslo: {number}\n"
        "Doba realizace: 1. 1. 2024 – 31. 12. 2024\nKraj: Jihomoravský kraj\n\n"
        "Projekt nabízí kurzy češtiny pro cizince ze třetích zemí a jejich děti.\n",
        encoding="utf-8",
    )


def _organisations(name: str) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.name == name)))


def _implementer_ids() -> dict[str, int]:
    rows = db.session.execute(
        select(Project.registration_number, ProjectOrganisation.organisation_id)
        .join(ProjectOrganisation)
        .where(ProjectOrganisation.role == Role.IMPLEMENTER)
    )
    return {number: organisation_id for number, organisation_id in rows}


def _run(folder: Path, **options):
    return import_paths([str(folder)], max_bytes=1_000_000, **options)


def test_an_organisation_created_earlier_in_the_run_is_found_by_a_later_document(app, tmp_path):
    _write(
        tmp_path / "in", "a.txt", "Kurzy češtiny v Brně", "Spolek Modrá hvězda, z.s.", "AMIF/1/001"
    )
    _write(tmp_path / "in", "b.txt", "Doučování dětí cizinců", "Spolek Modrá hvězda", "AMIF/1/002")
    with app.app_context():
        report = _run(tmp_path / "in")
        assert report.summary() == "new 2, updated 0, unchanged 0, skipped 0, failed 0"
        (organisation,) = _organisations("Spolek Modrá hvězda, z.s.")
        assert set(_implementer_ids().values()) == {organisation.id}


def test_an_organisation_stored_by_someone_else_during_the_run_is_found(app, tmp_path):
    _write(
        tmp_path / "in", "a.txt", "Kurzy češtiny v Brně", "Spolek Modrá hvězda, z.s.", "AMIF/1/001"
    )
    _write(tmp_path / "in", "b.txt", "Tlumočení pro rodiny", "Poradna Jasmín, z.ú.", "AMIF/1/002")

    def add_between_documents(items):
        for number, item in enumerate(items):
            if number == 1:  # another import or a curator commits a new organisation
                with db.engine.begin() as connection:
                    organisation_id = connection.execute(
                        insert(Organisation)
                        .values(name="Poradna Jasmín", slug="poradna-jasmin", type="ngo")
                        .returning(Organisation.id)
                    ).scalar_one()
                    connection.execute(
                        insert(OrganisationAlias).values(
                            organisation_id=organisation_id,
                            name="Poradna Jasmín",
                            key="poradna jasmin",
                        )
                    )
            yield item

    with app.app_context():
        report = _run(tmp_path / "in", progress=add_between_documents)
        assert report.counts["new"] == 2
        (jasmin,) = _organisations("Poradna Jasmín")
        assert _implementer_ids()["AMIF/1/002"] == jasmin.id
        assert db.session.scalar(select(func.count(Organisation.id))) == 2


def test_an_organisation_merged_during_the_run_leads_to_the_one_it_was_merged_into(app, tmp_path):
    _write(
        tmp_path / "in", "a.txt", "Kurzy češtiny v Brně", "Spolek Modrá hvězda, z.s.", "AMIF/1/001"
    )
    _write(tmp_path / "in", "b.txt", "Doučování dětí cizinců", "Spolek Modrá hvězda", "AMIF/1/002")
    with app.app_context():
        survivor = Organisation(name="Modrá hvězda Brno", slug="modra-hvezda-brno")
        db.session.add(survivor)
        db.session.commit()
        survivor_id = survivor.id

    def merge_between_documents(items):
        for number, item in enumerate(items):
            if number == 1:  # a curator merges the organisation the first document made
                with db.engine.begin() as connection:
                    merged_id = connection.execute(
                        select(Organisation.id).where(
                            Organisation.name == "Spolek Modrá hvězda, z.s."
                        )
                    ).scalar_one()
                    connection.execute(
                        update(OrganisationAlias)
                        .where(OrganisationAlias.organisation_id == merged_id)
                        .values(organisation_id=survivor_id)
                    )
                    connection.execute(
                        update(Organisation)
                        .where(Organisation.id == merged_id)
                        .values(merged_into_id=survivor_id)
                    )
            yield item

    with app.app_context():
        _run(tmp_path / "in", progress=merge_between_documents)
        assert _implementer_ids()["AMIF/1/002"] == survivor_id


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_failed_documents_organisations_are_forgotten(app, tmp_path, monkeypatch, dry_run):
    _write(
        tmp_path / "in", "a.txt", "Kurzy češtiny v Brně", "Spolek Modrá hvězda, z.s.", "AMIF/1/001"
    )
    _write(
        tmp_path / "in",
        "b.txt",
        "Doučování dětí cizinců",
        "Spolek Modrá hvězda, z.s.",
        "AMIF/1/002",
    )
    original, calls = matching.link_profile, []

    def fail_first(profile):
        # After the document's organisation and aliases were written, before its commit.
        calls.append(profile)
        if len(calls) == 1:
            raise ValueError("something went wrong")
        original(profile)

    monkeypatch.setattr(matching, "link_profile", fail_first)
    with app.app_context():
        report = _run(tmp_path / "in", dry_run=dry_run)
        assert [result.status for result in report.results] == ["failed", "new"]
        assert report.results[0].message == "something went wrong"
        if not dry_run:
            (organisation,) = _organisations("Spolek Modrá hvězda, z.s.")
            assert _implementer_ids() == {"AMIF/1/002": organisation.id}
            assert {alias.key for alias in organisation.aliases} >= {
                "spolek modra hvezda z s",
                "spolek modra hvezda",
            }


def test_look_ups_through_the_directory_find_what_the_database_finds(app):
    with app.app_context():
        czech = resolve_organisation("Organizace pro pomoc uprchlíkům, z.s.")
        db.session.commit()
        spellings = [
            "Organization for Aid to Refugees",
            "OPU",
            "Organizace pro pomoc uprchlíkům",
            "Spolek nikde neznámý",
        ]
        in_database = [find_organisation(name) for name in spellings]
        with alias_directory() as directory:
            through_directory = [find_organisation(name) for name in spellings]
            directory.commit()
        assert through_directory == in_database == [czech, czech, czech, None]


def test_terms_from_the_run_cache_are_the_sessions_with_their_labels(app):
    with app.app_context(), term_cache():
        first = store(record(activities=["czech_language"], regions=["CZ064"]))
        second = store(record(activities=["czech_language"], regions=["CZ064", "CZ010"]))
        assert [t.code for t in second.project.regions] == ["CZ010", "CZ064"]
        assert first.project.activities[0] is second.project.activities[0]
        assert second.project.regions[1].label_cs == "Jihomoravský kraj"
        assert index.check() == []


def test_an_unknown_code_fails_the_same_way_with_the_run_cache(app):
    with (
        app.app_context(),
        term_cache(),
        pytest.raises(ValueError, match="unknown funder code 'NOPE'"),
    ):
        store(record(funders=["AMIF", "NOPE"]))


def test_a_new_projects_revision_and_index_row_hold_its_stored_values(app, tmp_path):
    # The revision is written with the project's rows and its changes filled in after them.
    _write(
        tmp_path / "in", "a.txt", "Kurzy češtiny v Brně", "Spolek Modrá hvězda, z.s.", "AMIF/1/001"
    )
    with app.app_context():
        _run(tmp_path / "in", started_by="tester")
        project = db.session.scalars(select(Project)).one()
        (revision,) = project.revisions
        assert revision.actor == "tester" and revision.import_run_id is not None
        assert revision.changes == differences({}, snapshot(project))
        assert revision.changes["currency"] == {"old": None, "new": "CZK"}
        assert revision.changes["implementers"]["new"] == [
            {"id": project.implementer.id, "name": "Spolek Modrá hvězda, z.s."}
        ]
        assert index.check() == []
