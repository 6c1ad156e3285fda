"""A small search corpus: real-looking projects whose expected matches are known."""
from __future__ import annotations

from tests.factories import record, store

PROJECTS = {
    "brno_interpreting": dict(
        title="Tlumočnické služby pro ukrajinské rodiny v Brně",
        summary="Tlumočníci a kurzy českého jazyka pomáhají ukrajinským rodinám v Brně "
                "s úřady, školou a lékaři.",
        implementer="Diecézní charita Brno", regions=["CZ064"], funders=["MV_CR", "MUNICIPALITY"],
        activities=["intercultural_assistance", "czech_language"],
        target_groups=["temporary_protection"], start="2022-03-01", start_precision="month",
        end="2023-12-31", end_precision="month", budget_czk=500000.0, budget_amount=500000.0,
    ),
    "ostrava_legal": dict(
        title="Právní poradenství pro cizince v Ostravě",
        summary="Bezplatná právní poradna pro cizince ze třetích zemí v Moravskoslezském kraji.",
        implementer="Organizace pro pomoc uprchlíkům", regions=["CZ080"],
        funders=["AMIF", "MV_CR"], activities=["legal_counselling"],
        target_groups=["third_country_nationals"], start="2016-01-01", start_precision="day",
        end="2018-12-31", end_precision="day", budget_czk=1200000.0, budget_amount=1200000.0,
    ),
    "prague_refugees": dict(
        language="en", title="Legal counselling for refugees in Prague",
        summary="Lawyers advise refugees and asylum seekers on residence and family reunification.",
        implementer="UNHCR", regions=["CZ010"], funders=["UNHCR"],
        activities=["legal_counselling"], target_groups=["international_protection"],
        start="2010-01-01", start_precision="year", end="2012-12-31", end_precision="year",
    ),
    "plzen_children": dict(
        title="Adaptační kurzy pro děti cizinců v Plzni",
        summary="Děti cizinců se ve škole učí češtinu a poznávají spolužáky.",
        implementer="Základní škola Plzeň", regions=["CZ032"], funders=["MSMT"],
        activities=["education_counselling", "czech_language"], target_groups=["children_youth"],
        start="2008-09-01", start_precision="month", end="2009-06-30", end_precision="month",
        budget_czk=80000.0, budget_amount=80000.0,
    ),
    "prague_centre": dict(
        title="Integrační centrum Praha",
        summary="Informační centrum pro cizince s poradnou, kurzy a kulturními akcemi "
                "<b>v Praze</b>.",
        implementer="Integrační centrum Praha, o.p.s.", regions=["CZ010"], funders=["AMIF"],
        activities=["information_centre", "integration_activities"],
        target_groups=["third_country_nationals"], start="2019-01-01", start_precision="day",
        end="2020-12-31", end_precision="day", budget_czk=9000000.0, budget_amount=9000000.0,
    ),
    "landscape": dict(
        title="Krajina a příroda pro nové sousedy",
        summary="Vycházky do krajiny pro místní i nově příchozí obyvatele.",
        implementer="Spolek Krajina", regions=["CZ052"], funders=["OTHER"],
        activities=["integration_activities"], target_groups=["majority_society"],
        start="2014-05-01", start_precision="month", end="2014-10-31", end_precision="month",
    ),
}
DRAFTS = {
    "liberec_draft": dict(
        title="Kurzy češtiny v Liberci", summary="Večerní kurzy češtiny pro dospělé cizince.",
        implementer="Centrum Liberec", regions=["CZ051"], funders=["REGION"],
        activities=["czech_language"], start="2021-01-01", start_precision="year",
        end="2021-12-31", end_precision="year",
    ),
}


def load() -> dict[str, int]:
    """Store the corpus (drafts unpublished); return project ids by key."""
    ids = {}
    for key, fields in PROJECTS.items():
        ids[key] = store(record(**fields)).project.id
    for key, fields in DRAFTS.items():
        ids[key] = store(record(**fields), publish=False).project.id
    return ids
