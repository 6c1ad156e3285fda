"""Imports fill the implementer's empty contacts and IČO from the record, with evidence shown."""
from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.models import Organisation
from tests.factories import record, store
from tests.knowledge_platform.curate.review.test_review import review_page, signed_in

CONTACTS = {"implementer_website": "https://www.poradna-most.cz/",
            "implementer_email": "info@poradna-most.cz",
            "implementer_phone": "+420 777 123 456", "implementer_ico": "25795856"}


def _organisation(name: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


def test_a_new_implementer_gets_the_records_contacts(app):
    with app.app_context():
        outcome = store(record(implementer="Poradna Most, z. s.", **CONTACTS))
        organisation = outcome.project.implementer
        assert organisation.website == "https://www.poradna-most.cz/"
        assert organisation.email == "info@poradna-most.cz"
        assert organisation.phone == "+420 777 123 456"
        assert organisation.ico == "25795856"


def test_a_curators_values_are_never_overwritten(app):
    with app.app_context():
        store(record(implementer="Poradna Most, z. s."))
        organisation = _organisation("Poradna Most, z. s.")
        organisation.email = "kancelar@poradna-most.cz"
        db.session.commit()
        store(record(title="Jiný projekt poradny", implementer="Poradna Most, z. s.",
                     **CONTACTS))
        organisation = _organisation("Poradna Most, z. s.")
        assert organisation.email == "kancelar@poradna-most.cz"
        assert organisation.website == "https://www.poradna-most.cz/"  # was empty


def test_an_ico_another_organisation_holds_is_reported_not_stored(app):
    with app.app_context():
        store(record(implementer="Spolek Lípa", implementer_ico="25795856"))
        outcome = store(record(title="Projekt poradny", implementer="Poradna Most, z. s.",
                               **CONTACTS))
        assert outcome.status == "new"
        assert "IČO 25795856" in outcome.message and "Spolek Lípa" in outcome.message
        assert outcome.project.implementer.ico is None
        assert outcome.project.implementer.email == "info@poradna-most.cz"
        assert _organisation("Spolek Lípa").ico == "25795856"


def test_the_review_page_shows_where_each_contact_was_found(app, tmp_path):
    page = tmp_path / "kurzy.txt"
    page.write_text("Kurzy češtiny pro cizince\n\nRealizátor: Poradna Most, z. s., "
                    "IČO: 25795856, info@poradna-most.cz\nDoba realizace: 1.1.2021 – "
                    "31.12.2021\n", "utf-8")
    with app.app_context():
        report = import_paths([str(page)], max_bytes=1_000_000)
        project_id = report.results[-1].project_id
        assert _organisation("Poradna Most, z. s.").ico == "25795856"
    soup: BeautifulSoup = review_page(signed_in(app, "reviewer"), project_id)
    row = soup.select_one('.extracted-field[data-field="implementer_ico"]')
    assert row is not None and "25795856" in row.get_text()
    mark = soup.select_one(".source-text mark#evidence-implementer_ico")
    assert mark is not None and "IČO: 25795856" in mark.get_text()
