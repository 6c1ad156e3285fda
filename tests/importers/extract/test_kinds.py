"""What a record describes: a programme or grant call, a continuing service, a network or
platform, and otherwise (no kind given) a project. Each convention is tested with
invented sentences; the demo corpus's programmes come out as such."""
from __future__ import annotations

from pathlib import Path

import pytest

from importers.extract import extract
from importers.extract.kinds import find_kind
from importers.readers import read_path

DEMO = Path(__file__).resolve().parents[3] / "demo" / "documents"


def kind(text: str, **record) -> str | None:
    found = find_kind(text, record)
    return found and found.value


@pytest.mark.parametrize("text, implementer", [
    ("Nadace Lípa vyhlásila grantový program na podporu sousedských iniciativ.", "Nadace Lípa"),
    ("In May the Ministry of Labour opened a funding call for community centres.",
     "Ministry of Labour and Social Affairs"),
    ("Žádosti lze podávat do 30. června; oprávnění žadatelé jsou obce a spolky.", None),
    ("Municipalities and NGOs could apply through a simple form.", None),
])
def test_a_body_that_opens_a_call_or_takes_applications_is_a_programme(text, implementer):
    assert kind(text, implementer=implementer) == "PROGRAMME"


def test_a_call_announced_by_another_body_is_the_projects_funding_not_its_kind():
    text = ("Ministerstvo vnitra vyhlásilo dotační program pro obce. Město Kolín z něj "
            "financuje kurzy češtiny v mateřských školách.")
    assert kind(text, implementer="Město Kolín", start="2023-01-01") is None


def test_two_weak_signs_make_a_programme_one_does_not():
    allocation = "Kraj vyčlenil na pomoc 20 mil. Kč."
    paid = "Z nich financoval i kurzy češtiny pro dospělé."
    assert kind(allocation) is None and kind(paid) is None
    assert kind(f"{allocation} {paid}") == "PROGRAMME"


def test_a_continuing_service_has_no_project_period():
    text = "Od roku 2009 poradna poskytuje bezplatné právní poradenství. Otevírací doba: út 9–12."
    assert kind(text) == "SERVICE"
    assert kind(text, start="2021-01-01", end="2022-12-31") is None  # a project of a service


def test_a_record_that_says_it_is_a_network_or_platform():
    assert kind("Welcome Hub is an online platform for teachers of migrant pupils.") == "NETWORK"
    assert kind("Síť sdružuje 14 organizací pracujících s migranty.") == "NETWORK"
    # Naming a network among others is not being one.
    assert kind("Koordinátorem projektu je rakouská síť poraden.", start="2010-01-01") is None


def test_an_ordinary_project_page_gives_no_kind():
    text = ("Projekt je financován z dotačního programu Ministerstva vnitra. Nabízíme kurzy "
            "češtiny a doučování dětí.")
    assert kind(text, implementer="Spolek Slunce", start="2022-01-01") is None


def test_the_demo_corpus_s_programmes_come_out_as_such():
    kinds = {}
    for document in read_path(DEMO):
        if hasattr(document, "text"):
            record = extract(document)
            kinds[Path(document.source).name] = record["kinds"]
    programmes = {name for name, found in kinds.items() if found == ["PROGRAMME"]}
    # A ministry's grant programme, a foundation's grant programme, a region's aid package.
    assert programmes == {"msmt-ukrainian-children-adaptation-groups-2022-en.txt",
                          "nadace-via-z-ukrajiny-mezi-nas.html",
                          "msk-pomoc-uprchlikum-z-ukrajiny-2022.txt"}
    assert sum(1 for found in kinds.values() if not found) > 100  # projects: no kind given
