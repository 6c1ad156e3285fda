"""`kp demo`: the whole demo corpus loads, idempotently, and covers what newcomers expect."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from knowledge_platform.db import db
from knowledge_platform.models import (
    VOCABULARIES,
    FieldConflict,
    ImportRun,
    OrganisationType,
    Project,
    ProjectRelation,
    RelationKind,
    Role,
    Status,
)

LISTS = {"region": "regions", "funder": "funders", "activity": "activities",
         "target_group": "target_groups"}


def test_demo_corpus_loads_idempotently_and_covers_the_vocabularies(runner, app):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "failed 0" in first.output
    with app.app_context():
        projects = db.session.scalars(select(Project)).all()
        assert len(projects) >= 120
        assert {project.status for project in projects} == {Status.PUBLISHED}
        for facet, attribute in LISTS.items():
            used = {term.code for project in projects for term in getattr(project, attribute)}
            codes = set(db.session.scalars(select(VOCABULARIES[facet].code)))
            # "other" is the catch-all no real description needs.
            assert codes - {"other"} <= used, (facet, codes - used)
        years = {p.start_date.year for p in projects if p.start_date}
        reachable = {link.organisation.id for p in projects for link in p.organisations
                     if link.role == Role.IMPLEMENTER and link.organisation.website}
        assert len(reachable) >= 30  # the websites the sources state
        assert min(years) <= 2006 and max(years) >= 2024 and len(years) >= 15
        assert all(any(source.url and source.url.startswith(("http://", "https://"))
                       for source in project.sources) for project in projects)
        languages = Counter(project.language for project in projects)
        assert 0.25 <= languages["en"] / len(projects) <= 0.45
        implementer_types = {link.organisation.type for project in projects
                             for link in project.organisations if link.role == Role.IMPLEMENTER}
        assert {OrganisationType.NGO, OrganisationType.MUNICIPALITY, OrganisationType.REGION,
                OrganisationType.MINISTRY} <= implementer_types
        kinds = Counter(db.session.scalars(select(ProjectRelation.kind)))
        assert kinds[RelationKind.SAME_SERIES] >= 2
        assert kinds[RelationKind.POSSIBLE_DUPLICATE] >= 1
        assert db.session.scalar(select(func.count(FieldConflict.id))) >= 2
        assert sum(project.good_practice for project in projects) >= 3
        # Both languages for every record: its sources' and the one the demo adds.
        lacking = [(project.id, name) for project in projects for name in
                   ("title_cs", "title_en", "summary_cs", "summary_en")
                   if not getattr(project, name)]
        assert lacking == []

    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "new 0, updated 0" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == len(projects)
        assert db.session.scalar(select(func.count(ImportRun.id))) == 2


def test_a_record_s_second_language_is_added_as_a_curator_would_and_found(app, tmp_path):
    import json

    from knowledge_platform.demo import add_second_language
    from knowledge_platform.models import Revision, RevisionKind
    from knowledge_platform.search.params import SearchParams
    from knowledge_platform.search.service import search
    from tests.factories import record, store

    with app.app_context():
        english = store(record(title="Adaptation groups for children from Ukraine",
                               language="en", summary="Groups in kindergartens."),
                        location="/srv/demo/documents/en/groups.txt").project_id
        czech = store(record(title="Kurzy češtiny", summary="Kurzy pro dospělé."),
                      location="/srv/demo/documents/cs/kurzy.txt").project_id
        data = tmp_path / "second_language.json"
        entries = [{"document": "en/groups.txt", "title_cs": "Adaptační skupiny pro děti "
                    "z Ukrajiny", "summary_cs": "Skupiny v mateřských školách.",
                    "title_en": "Not this one: the record has its English title"}]
        data.write_text(json.dumps({"records": entries}), "utf-8")
        assert add_second_language(data) == 1
        assert add_second_language(data) == 0  # nothing left to add
        data.write_text(json.dumps({"records": [{"document": "nowhere.txt"}]}), "utf-8")
        with pytest.raises(LookupError, match="nowhere.txt"):
            add_second_language(data)
        project = db.session.get(Project, english)
        assert project.title_cs == "Adaptační skupiny pro děti z Ukrajiny"
        assert project.title_en == "Adaptation groups for children from Ukraine"  # kept
        # An entry that corrects a field replaces its value, once.
        data.write_text(json.dumps({"records": [{
            "document": "en/groups.txt", "title_en": "Adaptation groups for Ukrainian children",
            "title_cs": "Not this one either", "corrects": ["title_en"]}]}), "utf-8")
        assert add_second_language(data) == 1
        assert add_second_language(data) == 0
        assert project.title_en == "Adaptation groups for Ukrainian children"
        assert project.title_cs == "Adaptační skupiny pro děti z Ukrajiny"
        assert db.session.scalars(select(Revision.kind).where(
            Revision.project_id == english)).all()[-1] == RevisionKind.EDIT
        found = search(SearchParams(q="adaptační skupiny"), "cs")
        assert english in [hit["id"] for hit in found.hits]
        assert czech not in [hit["id"] for hit in found.hits]


def test_demo_badges_are_due_and_its_evaluations_say_they_are_samples(runner, app, client):
    from bs4 import BeautifulSoup

    from knowledge_platform.models.evaluations import qualifies

    assert runner.invoke(args=["demo"]).exit_code == 0
    threshold = app.config["GOOD_PRACTICE_THRESHOLD"]
    with app.app_context():
        badged = db.session.scalars(select(Project).where(Project.good_practice)).all()
        assert len(badged) >= 3
        for project in badged:
            assert project.evaluations and all(e.sample for e in project.evaluations)
            assert qualifies(project.evaluations, threshold) or (
                project.good_practice_override_cs and project.good_practice_override_en)
        overridden = next(p for p in badged if not qualifies(p.evaluations, threshold))
        url = f"/en/projects/{overridden.id}-{overridden.slug}"
    page = BeautifulSoup(client.get(url).data, "html.parser")
    assert "Awarded although no evaluation reached 2.0 of 3" in page.select_one(
        ".badge-override").text
    assert "not SIMI's assessment" in page.select_one(".evaluation .sample-note").text
    assert len(page.select(".scale dt")) == 6


def test_demo_contacts_are_added_as_a_curator_would_and_keep_what_is_there(app, tmp_path):
    import json

    from knowledge_platform.demo import add_contacts
    from knowledge_platform.models import Organisation, OrganisationChange
    from tests.factories import record, store

    with app.app_context():
        organisation_id = store(record(implementer="Poradna pro integraci")).project.implementer.id
        db.session.get(Organisation, organisation_id).phone = "+420 111 222 333"
        db.session.commit()
        data = tmp_path / "organisation_contacts.json"
        data.write_text(json.dumps({"organisations": [{
            "name": "Poradna pro integraci", "website": "https://www.p-p-i.cz/",
            "phone": "+420 999 999 999", "document": "x.txt"}]}), "utf-8")
        assert add_contacts(data) == 1
        assert add_contacts(data) == 0  # nothing left to add
        organisation = db.session.get(Organisation, organisation_id)
        assert organisation.contacts == {"website": "https://www.p-p-i.cz/",
                                         "phone": "+420 111 222 333"}  # kept
        (change,) = db.session.scalars(select(OrganisationChange)).all()
        assert change.actor == "kp demo" and set(change.changes) == {"website"}
        data.write_text(json.dumps({"organisations": [{"name": "Nikdo"}]}), "utf-8")
        with pytest.raises(LookupError, match="Nikdo"):
            add_contacts(data)
