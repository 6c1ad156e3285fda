"""Resolving organisation names on import: one organisation is one record, whatever the
language, legal-form spelling or contact details a document writes its name with."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from importers.extract.names import not_an_organisation
from knowledge_platform.db import db
from knowledge_platform.ingest.aliases import known_aliases
from knowledge_platform.ingest.organisations import find_organisation, resolve_organisation
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    OrganisationType,
    Role,
)
from tests.factories import record, store


def _resolve(name: str) -> Organisation:
    organisation = resolve_organisation(name, known_aliases(name))
    db.session.flush()
    return organisation


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation))


def _alias_names(organisation: Organisation) -> set[str]:
    return {alias.name for alias in organisation.aliases}


def test_an_organisation_named_by_its_english_name_is_the_same_record(app):
    with app.app_context():
        czech = _resolve("Organizace pro pomoc uprchlíkům, z.s.")
        assert _resolve("Organization for Aid to Refugees") is czech
        assert _resolve("OPU") is czech
        assert czech.name == "Organizace pro pomoc uprchlíkům"
        assert czech.type == OrganisationType.NGO
        assert _count() == 1


@pytest.mark.parametrize("spelling", [
    "Statutory City of Pardubice", "město Pardubice", "Magistrát města Pardubic",
    "the City of Pardubice",
])
def test_a_statutory_city_by_any_of_its_names_is_the_same_record(app, spelling):
    with app.app_context():
        city = _resolve("Statutární město Pardubice")
        assert _resolve(spelling) is city
        assert city.type == OrganisationType.MUNICIPALITY
        assert _count() == 1


def test_a_legal_form_spelling_does_not_make_a_second_organisation(app):
    with app.app_context():
        first = _resolve("Spolek Kompas, z.s.")
        for spelling in ("Spolek Kompas z. s.", "Spolek Kompas, z.s", "Spolek Kompas",
                         "SPOLEK KOMPAS, Z. S."):
            assert _resolve(spelling) is first, spelling
        # and the other way round: the bare name first, a legal form later
        bare = _resolve("Poradna Sever")
        assert _resolve("Poradna Sever, o. p. s.") is bare
        assert _count() == 2


def test_a_web_address_glued_to_a_name_is_cleaned(app):
    with app.app_context():
        organisation = _resolve("Spolek Kompas, z.s. www.kompas-example.cz")
        assert organisation.name == "Spolek Kompas, z.s."
        assert _resolve("Spolek Kompas, Mgr. Jana Nová, nova@kompas-example.cz") is organisation
        assert _resolve("MOST PRO, o.p.s. www.mostpro.cz").name == "Most pro"
        assert not any("www" in name or "@" in name for name in _alias_names(organisation))
        assert _count() == 2


def test_a_clause_glued_to_a_known_name_resolves_to_it_and_is_not_recorded(app):
    with app.app_context():
        region = _resolve("Kraj Vysočina a vydává potraviny a hygienu")
        assert region.name == "Kraj Vysočina"
        assert _resolve("Statutární město Brno a financuje ho Operační program "
                        "Zaměstnanost").name == "Statutární město Brno"
        assert "Kraj Vysočina a vydává potraviny a hygienu" not in _alias_names(region)
        # a name the store already has, before a glued clause of lower-case words
        known = _resolve("Roma organisations in Romania")
        assert _resolve("Roma organisations in Romania and further partners") is known


def test_a_longer_name_is_not_taken_for_a_shorter_one_it_starts_with(app):
    with app.app_context():
        short = _resolve("Dům dětí")
        longer = _resolve("Dům dětí a mládeže a Zařízení pro další vzdělávání Ústí nad Labem")
        assert longer is not short
        assert longer.name == "Dům dětí a mládeže a Zařízení pro další vzdělávání Ústí nad Labem"


def test_a_bracket_names_the_organisation_or_gives_its_other_name(app):
    with app.app_context():
        assert _resolve("Diocesan Charity Pilsen (Diecézní charita Plzeň)").name == \
            "Diecézní charita Plzeň"
        assert _resolve("Jihomoravský kraj (Centrum pro cizince JMK)").name == \
            "Jihomoravský kraj"
        town = _resolve("Město Vyšší Brod (Komise pro integraci cizinců)")
        assert _resolve("Town of Vyšší Brod") is town
        assert _resolve("Město Vyšší Brod") is town
        # the bracket's content is no name of the town: another town's commission stays apart
        assert find_organisation("Komise pro integraci cizinců") is None


def test_a_department_or_branch_of_a_known_body_is_that_body(app):
    with app.app_context():
        region = _resolve("Liberecký kraj")
        assert _resolve("Liberecký kraj, odbor sociálních věcí") is region
        assert _resolve("SOZE, pobočka Olomouc").name == \
            "Sdružení občanů zabývajících se emigranty"


def test_a_record_stored_under_a_stray_spelling_is_found_by_the_directory(app):
    with app.app_context():
        stray = Organisation(name="Poradna pro integraci, o. s.", slug="ppi",
                             type=OrganisationType.NGO)
        stray.aliases.append(OrganisationAlias(name=stray.name, key="poradna pro integraci o s"))
        db.session.add(stray)
        db.session.flush()
        assert _resolve("Counselling Centre for Integration") is stray
        assert "Poradna pro integraci" in _alias_names(stray)


def test_a_project_naming_one_partner_in_two_languages_links_it_once(app):
    with app.app_context():
        outcome = store(record(
            implementer="Statutory City of Pardubice",
            partners=["MOST PRO, o.p.s. www.mostpro.cz", "Most pro o.p.s.",
                      "Organization for Aid to Refugees", "Organizace pro pomoc uprchlíkům"],
        ))
        project = outcome.project
        assert project.implementer.name == "Statutární město Pardubice"
        assert [o.name for o in project.organisations_in(Role.PARTNER)] == [
            "Most pro", "Organizace pro pomoc uprchlíkům"]
        other = store(record(implementer="Magistrát města Pardubic"))
        assert other.project.implementer.id == project.implementer.id


@pytest.mark.parametrize("name, reason", [
    ("250 000 Kč", "an amount"),
    ("Pardubice", "a bare place name"),
    ("Mgr. Jana Nová", "a person"),
    ("nova@kompas-example.cz", "nothing but contact details"),
])
def test_junk_gets_a_reason_for_the_import_report(name, reason):
    assert not_an_organisation(name).startswith(reason)


def test_an_organisation_gets_no_reason(app):
    assert not_an_organisation("Most pro, o.p.s.") is None
