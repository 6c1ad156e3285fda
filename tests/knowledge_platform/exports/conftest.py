"""Projects for export tests: the search corpus plus records that stress quoting and lists."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge_platform.db import db
from knowledge_platform.models import Project, ProjectOrganisation, Scope, Status
from tests.factories import record, store
from tests.knowledge_platform.search import corpus

EXTRA = {
    "quoted": dict(
        title='Poradna „Nový domov“; tlumočení, "kurzy" a asistence',
        summary="První řádek.\nDruhý řádek s čárkou, středníkem; a uvozovkami \"x\".",
        implementer="Integrační centrum Praha, o.p.s.",
        partners=["Magistrát hlavního města Prahy", "Charita Česká republika"],
        regions=["CZ010", "CZ020"], funders=["AMIF", "MV_CR"],
        activities=["legal_counselling", "czech_language"],
        target_groups=["third_country_nationals", "children_youth"],
        registration_number="CZ.03.2.63/0.0/0.0/15_010/0001234",
        start="2017-09-01", start_precision="month", end="2019-06-30", end_precision="month",
        budget_czk=2450000.5, budget_amount=2450000.5, subsidy_czk=2000000.0,
        subsidy_amount=2000000.0, source_url="https://example.org/projekty/novy-domov",
    ),
    "english": dict(
        language="en", title="Welcome classes for Ukrainian children in Ostrava",
        summary="Teachers and assistants help children under temporary protection.",
        implementer="Diecézní charita ostravsko-opavská", partners=["City of Ostrava"],
        regions=["CZ080"], funders=["EEA_NORWAY"], activities=["education_counselling"],
        target_groups=["temporary_protection", "children_youth"],
        registration_number="EHP-CZ-ILGA-003", start="2022-04-01", start_precision="day",
        end="2023-03-31", end_precision="day", budget_czk=750000.0, budget_amount=750000.0,
    ),
}


@pytest.fixture
def stored(app) -> dict[str, int]:
    """Store the search corpus and EXTRA; return project ids by key (drafts included)."""
    with app.app_context():
        ids = corpus.load()
        for key, fields in EXTRA.items():
            ids[key] = store(record(**fields)).project.id
        quoted = db.session.get(Project, ids["quoted"])
        quoted.title_en = "Counselling centre “New home”"
        quoted.scope = Scope.REGIONAL
        quoted.good_practice = True
        db.session.commit()
    return ids


def published_projects() -> list[Project]:
    """Every published project with what an export shows, in id order."""
    query = (select(Project).where(Project.status == Status.PUBLISHED).order_by(Project.id)
             .options(selectinload(Project.organisations)
                      .selectinload(ProjectOrganisation.organisation)))
    return list(db.session.scalars(query))
