"""The municipalities gazetteer and the okres neighbour table agree with the shared boundaries.

importers/data/municipalities.tsv is checked row by row against okresy.topojson (codes,
regions, bounding boxes); importers/data/okres_neighbours.tsv must be exactly what
scripts/okres_neighbours.py computes from the same file.
"""
from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SHARED

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "importers" / "data"
GAZETTEER = DATA / "municipalities.tsv"
DISTRICT_SOURCES = DATA / "district_sources.tsv"
TOWNS = DATA / "towns.tsv"
NEIGHBOURS = DATA / "okres_neighbours.tsv"
SCRIPT = REPO_ROOT / "scripts" / "okres_neighbours.py"
OKRESY = SHARED / "geo" / "okresy.topojson"

REGIONS = {"CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051",
           "CZ052", "CZ053", "CZ063", "CZ064", "CZ071", "CZ072", "CZ080"}
COLUMNS = ("code", "ruian", "name", "kind", "city", "region", "okres", "orp",
           "population", "year", "lat", "lon", "forms")
CITIES = {"praha": 57, "brno": 29, "ostrava": 23, "plzen": 10}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MARGIN = 0.02  # degrees: definition points sit inside the okres, the outline is simplified
# Towns with status that the file holds today: the full Czech list (about 610).
MIN_TOWNS = 610
# Towns that changed okres on 1 January 2021; the shared boundaries are older.
MOVED_IN_2021 = {"harrachov": "CZ0514", "holysov": "CZ0321"}


def rows() -> list[dict]:
    """The data rows, each cell by column name plus "_cells", the number of cells read."""
    result = []
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cells = line.split("\t")
            result.append(dict(zip(COLUMNS, cells, strict=False)) | {"_cells": len(cells)})
    return result


@pytest.fixture(scope="module")
def gazetteer() -> list[dict[str, str]]:
    return rows()


@pytest.fixture(scope="module")
def topology() -> dict:
    if not OKRESY.exists():
        pytest.skip(f"okres boundaries {OKRESY} not available")
    return json.loads(OKRESY.read_text(encoding="utf-8"))


def okresy(topology: dict) -> dict[str, dict]:
    """Each okres by LAU 1 code: its properties and the bounding box of its decoded arcs."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:  # quantized: delta-encoded integers, then scale and translate
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * transform["scale"][0] + transform["translate"][0],
                               y * transform["scale"][1] + transform["translate"][1]))
            arcs.append(points)
        else:
            arcs.append([tuple(point[:2]) for point in arc])

    def indices(nested):
        if isinstance(nested, int):
            yield nested if nested >= 0 else ~nested
        else:
            for part in nested:
                yield from indices(part)

    result = {}
    for geometry in topology["objects"]["okresy"]["geometries"]:
        points = [p for i in indices(geometry["arcs"]) for p in arcs[i]]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        result[geometry["properties"]["KOD_LAU1"]] = {
            "region": geometry["properties"]["KOD_CZNUTS3"],
            "name": geometry["properties"]["NAZ_LAU1"],
            "bbox": (min(lons), min(lats), max(lons), max(lats)),
        }
    return result


def test_every_row_has_thirteen_columns_and_a_unique_slug(gazetteer):
    assert all(row["_cells"] == 13 for row in gazetteer), \
        [row["code"] for row in gazetteer if row["_cells"] != 13]
    codes = Counter(row["code"] for row in gazetteer)
    assert [code for code, n in codes.items() if n > 1] == []
    assert [row["code"] for row in gazetteer if not SLUG.match(row["code"])] == []
    assert [row["code"] for row in gazetteer if not re.fullmatch(r"\d{6}", row["ruian"])] == []
    ruian = Counter(row["ruian"] for row in gazetteer)
    assert [code for code, n in ruian.items() if n > 1] == []


def test_kind_and_city_agree(gazetteer):
    towns = {row["code"] for row in gazetteer if row["kind"] == "town"}
    for row in gazetteer:
        assert row["kind"] in ("town", "district"), row["code"]
        if row["kind"] == "town":
            assert row["city"] == "", row["code"]
        else:
            assert row["city"] in CITIES and row["city"] in towns, row["code"]
            assert row["orp"] == row["city"], row["code"]


def test_regions_and_okresy_match_the_boundaries(gazetteer, topology):
    known = okresy(topology)
    for row in gazetteer:
        assert row["region"] in REGIONS, row["code"]
        assert row["okres"] in known, row["code"]
        assert known[row["okres"]]["region"] == row["region"], row["code"]


def test_each_point_lies_in_its_okres_bounding_box(gazetteer, topology):
    known = okresy(topology)
    outside = []
    for row in gazetteer:
        west, south, east, north = known[MOVED_IN_2021.get(row["code"], row["okres"])]["bbox"]
        lat, lon = float(row["lat"]), float(row["lon"])
        assert re.fullmatch(r"\d+\.\d{5}", row["lat"]) and re.fullmatch(r"\d+\.\d{5}", row["lon"])
        if not (west - MARGIN <= lon <= east + MARGIN and south - MARGIN <= lat <= north + MARGIN):
            outside.append(row["code"])
    assert outside == []


def test_every_orp_is_a_town_of_the_same_region(gazetteer):
    towns = {row["code"]: row for row in gazetteer if row["kind"] == "town"}
    for row in gazetteer:
        seat = towns.get(row["orp"])
        assert seat is not None, f"{row['code']}: orp {row['orp']} is not a town"
        assert seat["region"] == row["region"], row["code"]
        assert seat["orp"] == seat["code"], f"{seat['code']} is an ORP seat of another ORP"


def test_populations_and_years_are_plausible(gazetteer):
    for row in gazetteer:
        assert int(row["population"]) > 0, row["code"]
        # Some city districts have no dated public figure newer than the 2001 census.
        assert 2001 <= int(row["year"]) <= 2030, row["code"]
    by_code = {row["code"]: int(row["population"]) for row in gazetteer}
    assert by_code["praha"] > 1_000_000 > by_code["brno"] > by_code["ostrava"] > by_code["plzen"]


def test_every_orp_lies_in_its_towns_okres(gazetteer):
    """Since 2021 okresy are unions of ORPs: a town's ORP seat is in the town's okres."""
    towns = {row["code"]: row for row in gazetteer if row["kind"] == "town"}
    assert [code for code, row in towns.items()
            if towns[row["orp"]]["okres"] != row["okres"]] == []


def test_district_figures_are_those_of_their_stated_sources(gazetteer):
    """Every city district's population and centre is in district_sources.tsv, with the
    date and source of the figure, or marked as the team's estimate."""
    districts = {row["code"]: row for row in gazetteer if row["kind"] == "district"}
    lines = DISTRICT_SOURCES.read_text(encoding="utf-8").splitlines()
    sources = [dict(zip(lines[0].split("\t"), line.split("\t"), strict=True))
               for line in lines[1:]]
    assert sorted(source["code"] for source in sources) == sorted(districts)
    for source in sources:
        row = districts[source["code"]]
        assert (source["population"], source["lat"], source["lon"]) == (
            row["population"], row["lat"], row["lon"]), row["code"]
        if source["population_source"] == "estimate":
            assert source["as_of"] == "", row["code"]
        else:
            assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", source["as_of"]), row["code"]
            assert source["as_of"][:4] == row["year"], row["code"]
        assert source["centre_source"], row["code"]


def test_forms_start_with_the_name_and_hold_no_duplicates(gazetteer):
    for row in gazetteer:
        forms = row["forms"].split("|")
        assert forms[0] == row["name"], row["code"]
        assert len(forms) == len(set(forms)) and all(forms), row["code"]
    by_code = {row["code"]: row["forms"].split("|") for row in gazetteer}
    assert by_code["kolin"][:5] == ["Kolín", "Kolína", "Kolínu", "Kolíně", "Kolínem"]
    assert "Mladé Boleslavi" in by_code["mlada-boleslav"]
    assert "Českých Budějovicích" in by_code["ceske-budejovice"]
    assert "Prague" in by_code["praha"]


def test_enough_towns_and_every_known_town(gazetteer):
    towns = [row for row in gazetteer if row["kind"] == "town"]
    assert len(towns) >= MIN_TOWNS
    names = {row["name"] for row in towns}
    listed = [line.split("\t")[0] for line in TOWNS.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    # Praha-východ and Praha-západ are okresy, not municipalities.
    missing = [name for name in listed if name not in names and not name.startswith("Praha-")]
    assert missing == []


def test_every_city_district_is_listed(gazetteer):
    counts = Counter(row["city"] for row in gazetteer if row["kind"] == "district")
    assert dict(counts) == CITIES
    by_code = {row["code"]: row for row in gazetteer}
    assert by_code["praha-6"]["forms"] == "Praha 6|Prahy 6|Praze 6|Prahu 6|Prahou 6"
    assert "Praze-Běchovicích" in by_code["praha-bechovice"]["forms"].split("|")
    assert by_code["ostrava-poruba"]["name"] == "Poruba"
    assert by_code["plzen-10-lhota"]["ruian"] == "557978"


def load_script():
    """Import scripts/okres_neighbours.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("okres_neighbours", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_neighbour_table_is_what_the_script_computes(topology):
    assert load_script().render(topology) == NEIGHBOURS.read_text(encoding="utf-8")


def test_neighbours_are_symmetric_and_nobody_is_alone(topology):
    table = {}
    for line in NEIGHBOURS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _name, near = line.split("\t")
            table[code] = set(near.split("|")) if near else set()
    assert set(table) == set(okresy(topology))
    for code, near in table.items():
        assert near, f"{code} has no neighbour"
        assert code not in near
        for other in near:
            assert code in table[other], f"{code} -> {other} is one-way"
    assert table["CZ0100"] == {"CZ0209", "CZ020A"}  # Praha touches only its two okresy
