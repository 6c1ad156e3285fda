"""Municipalities from documents: gazetteer places in any case, the town that implements,
and never a town that only names where an organisation sits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers.extract import extract
from importers.extract.municipalities import find_municipalities
from importers.gazetteer import gazetteer
from importers.readers import read_path

DEVSET = Path(__file__).resolve().parents[3].parent / "shared" / "devset"


def codes(text: str, fields=(), implementer=None) -> list[str]:
    return [finding.value for finding in find_municipalities(text, fields, implementer)]


@pytest.mark.parametrize("text, expected", [
    ("Kurzy probíhají v Jihlavě a v Třebíči od září.", ["jihlava", "trebic"]),
    ("Doučování dětí v Českých Budějovicích a v Táboře.", ["ceske-budejovice", "tabor"]),
    ("Lessons for parents in Prague and in Brno.", ["brno", "praha"]),
    ("Poradenství zajišťuje Diecézní charita Brno.", []),  # the organisation's seat
    ("Děti přijímá například ZŠ Bělá pod Bezdězem.", []),  # a school's name, not a place
    ("Most přes řeku spojuje obě čtvrti.", []),  # a common word, not the town
    ("Projekt podpořilo město Most.", ["most"]),
])
def test_places_named_in_text(text, expected):
    assert codes(text) == sorted(expected)


def test_a_labelled_place_line_wins_over_places_met_in_passing():
    found = codes("Lektorka dříve učila v Brně.", [("Místo realizace", "Kolín, Kutná Hora")])
    assert found == ["kolin", "kutna-hora"]


@pytest.mark.parametrize("implementer, expected", [
    ("Statutární město Jihlava", ["jihlava"]),
    ("Magistrát města Brna", ["brno"]),
    ("Město Kolín", ["kolin"]),
    ("Charita Kolín", []),
])
def test_the_implementer_counts_only_when_it_is_the_town(implementer, expected):
    assert codes("", implementer=implementer) == expected


def test_two_towns_of_one_name_are_left_to_a_curator():
    shared = [form for form, places in gazetteer().forms().items() if len(places) > 1]
    assert shared  # the gazetteer has towns sharing a name (Hranice, Staré Město)
    assert codes("Kurzy běží v Hranicích.") == []


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not here")
def test_on_the_devset_places_agree_with_the_gold_regions():
    found = agreeing = 0
    for gold_path in sorted(DEVSET.glob("d*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if not gold.get("is_project") or not gold.get("regions"):
            continue
        document = next(path for path in DEVSET.glob(gold_path.stem + ".*")
                        if path.suffix != ".json")
        record = extract(next(read_path(document)))
        for code in record["municipalities"]:
            found += 1
            agreeing += gazetteer().places[code].region in gold["regions"]
    assert found >= 15 and agreeing / found >= 0.85
