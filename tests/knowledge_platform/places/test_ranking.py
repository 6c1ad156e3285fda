"""Places like mine: the ranking on a small gazetteer and hand-made bitmaps."""
from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from importers.gazetteer import Gazetteer
from knowledge_platform.places.ranking import Projects, count, rank, tier_places
from knowledge_platform.search.bitmaps import bitmap_of

HERE = Path(__file__).parent


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (HERE / name).read_text("utf-8").splitlines()
            if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_rows(_rows("gazetteer.tsv"), _rows("okres_neighbours.tsv"))


def projects(at: dict[str, list[int]], region: dict[str, list[int]] | None = None,
             good: tuple[int, ...] = (), hidden: tuple[int, ...] = ()) -> Projects:
    everyone = {pid for ids in [*at.values(), *(region or {}).values()] for pid in ids}
    return Projects(at_place=lambda code: bitmap_of(at.get(code, [])),
                    in_region=lambda code: bitmap_of((region or {}).get(code, [])),
                    allowed=bitmap_of(everyone - set(hidden)), good_practice=bitmap_of(good))


def test_tiers_put_each_place_in_its_closest_step(gazetteer):
    tiers = tier_places(gazetteer, gazetteer.places["polna"])
    names = {tier: [place.code for place in places] for tier, places in tiers.items()}
    assert names["here"] == ["polna"]
    assert names["orp"] == ["jihlava"]  # Polná belongs to the ORP of Jihlava
    assert names["okres"] == ["telc"]  # the same okres, another ORP
    assert set(names["neighbour"]) == {"trebic", "pelhrimov", "havlickuv-brod"}
    # Nearest first within a tier: Třebíč (about 25 km) before Pelhřimov (about 37 km).
    assert names["neighbour"].index("trebic") < names["neighbour"].index("pelhrimov")
    # Towns of Polná's size are all closer already: none is left for the last tier.
    assert names["size"] == []


def test_towns_of_the_same_size_elsewhere_nearest_first(gazetteer):
    size = [place.code for place in tier_places(gazetteer, gazetteer.places["trebic"])["size"]]
    assert size == ["kutna-hora", "kolin", "cheb"]  # 20-50k, outside the Vysočina region


def test_closer_tiers_come_first_and_reasons_name_the_place(gazetteer):
    hits = list(rank(gazetteer, gazetteer.places["trebic"], projects(
        {"kolin": [1], "jihlava": [2], "trebic": [3], "cheb": [5], "brno": [6], "telc": [7]})))
    assert [(hit.project_id, hit.tier) for hit in hits] == [
        (3, "here"), (2, "neighbour"), (7, "neighbour"), (1, "size"), (5, "size")]
    assert hits[1].place.code == "jihlava" and 20 < hits[1].km < 35
    # Brno is in another region, in no neighbouring district and ten times larger.
    assert 6 not in {hit.project_id for hit in hits}


def test_good_practice_first_among_equals_only(gazetteer):
    hits = list(rank(gazetteer, gazetteer.places["jihlava"], projects(
        {"trebic": [1], "pelhrimov": [2], "polna": [3]}, good=(2,))))
    # Within the neighbouring districts the good practice leads though it is farther; it
    # never jumps over a closer tier.
    assert [hit.project_id for hit in hits] == [3, 2, 1]


def test_a_project_counts_once_at_its_nearest_place(gazetteer):
    hits = list(rank(gazetteer, gazetteer.places["jihlava"], projects(
        {"kolin": [7], "trebic": [7], "telc": [8]})))
    assert [(hit.project_id, hit.place.code) for hit in hits] == [(8, "telc"), (7, "trebic")]


def test_region_only_projects_follow_the_region_s_towns(gazetteer):
    hits = list(rank(gazetteer, gazetteer.places["kolin"], projects(
        {"praha": [1]}, region={"CZ020": [2], "CZ063": [3]})))
    assert [(hit.project_id, hit.tier, hit.km) for hit in hits] == [(2, "region", None)]


def test_hidden_projects_are_never_ranked_and_counts_agree(gazetteer):
    data = projects({"jihlava": [1, 2], "trebic": [3], "brno": [4]}, hidden=(2,))
    origin = gazetteer.places["jihlava"]
    hits = list(rank(gazetteer, origin, data))
    assert [hit.project_id for hit in hits] == [1, 3]
    assert count(gazetteer, origin, data) == {
        "here": 1, "orp": 0, "okres": 0, "neighbour": 1, "region": 0, "size": 0}


def test_the_ranking_is_lazy(gazetteer):
    asked: list[str] = []
    many = projects({"jihlava": list(range(1, 5000)), "trebic": [6000]})
    watched = Projects(at_place=lambda code: asked.append(code) or many.at_place(code),
                       in_region=many.in_region, allowed=many.allowed,
                       good_practice=many.good_practice)
    first = list(islice(rank(gazetteer, gazetteer.places["jihlava"], watched), 3))
    assert [hit.project_id for hit in first] == [4999, 4998, 4997]
    assert asked == ["jihlava"]  # the farther tiers were never read


def test_a_district_s_orp_is_its_city(gazetteer):
    hits = list(rank(gazetteer, gazetteer.places["praha-6"], projects({"praha": [1]})))
    assert [(hit.project_id, hit.tier) for hit in hits] == [(1, "orp")]
