"""The gazetteer: Czech towns and city districts with their region, district (okres), ORP,
population, size band, centre and the case forms documents write them in.

Read from ``importers/data/municipalities.tsv`` and ``okres_neighbours.tsv`` (their headers
state the sources); tests build small ones with ``Gazetteer.from_rows``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from search_index.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class SizeBand:
    """A population band: its code, the smallest population in it and its labels."""

    code: str
    low: int
    label_cs: str
    label_en: str


# Ascending; a place belongs to the last band whose ``low`` it reaches.
SIZE_BANDS: tuple[SizeBand, ...] = (
    SizeBand("under_5k", 0, "do 5 tisíc obyvatel", "under 5,000 inhabitants"),
    SizeBand("5k_20k", 5_000, "5–20 tisíc obyvatel", "5,000–20,000 inhabitants"),
    SizeBand("20k_50k", 20_000, "20–50 tisíc obyvatel", "20,000–50,000 inhabitants"),
    SizeBand("50k_100k", 50_000, "50–100 tisíc obyvatel", "50,000–100,000 inhabitants"),
    SizeBand("over_100k", 100_000, "nad 100 tisíc obyvatel", "over 100,000 inhabitants"),
)


def size_band(population: int) -> str:
    """The code of the size band of a place of ``population`` inhabitants."""
    return [band.code for band in SIZE_BANDS if population >= band.low][-1]


@dataclass(frozen=True)
class Place:
    """A town (a municipality with town status) or a district of a statutory city."""

    code: str  # URL slug and vocabulary code: "jihlava", "praha-6"
    ruian: str
    name: str
    kind: str  # "town" or "district"
    city: str  # a district's city code, "" for a town
    region: str  # CZ-NUTS 3
    okres: str  # LAU 1
    orp: str  # code of the seat town of its ORP
    population: int
    year: int  # of the population figure
    lat: float
    lon: float
    forms: tuple[str, ...] = field(default=())

    @property
    def size_band(self) -> str:
        return size_band(self.population)


_EARTH_KM = 6371.0


def distance_km(a: Place, b: Place) -> float:
    """The great-circle distance between two places' centres, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


_SPACES = re.compile(r"[\s\-–]+")


def place_key(text: str) -> str:
    """How a place's name is compared: folded, with spaces and hyphens alike
    ("Praha-Běchovice", "praha bechovice")."""
    return _SPACES.sub(" ", fold(text)).strip()


class Gazetteer:
    """The places by code, by the forms they are written in, and the okresy's neighbours."""

    def __init__(self, places: Iterable[Place], neighbours: dict[str, tuple[str, ...]],
                 okres_names: dict[str, str]):
        self.places: dict[str, Place] = {place.code: place for place in places}
        self.neighbours = neighbours
        self.okres_names = okres_names
        self._by_form: dict[str, list[Place]] = {}
        self._by_okres: dict[str, list[Place]] = {}
        self._by_region: dict[str, list[Place]] = {}
        for place in self.places.values():
            for form in dict.fromkeys(place_key(form) for form in (place.name, *place.forms)):
                self._by_form.setdefault(form, []).append(place)
            self._by_okres.setdefault(place.okres, []).append(place)
            self._by_region.setdefault(place.region, []).append(place)
        self.by_name = sorted(self.places.values(), key=lambda place: place_key(place.name))

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]],
                  neighbour_rows: Iterable[Sequence[str]] = ()) -> Gazetteer:
        """A gazetteer from rows in the columns of municipalities.tsv and okres_neighbours.tsv."""
        places = [Place(code=row[0], ruian=row[1], name=row[2], kind=row[3], city=row[4],
                        region=row[5], okres=row[6], orp=row[7], population=int(row[8]),
                        year=int(row[9]), lat=float(row[10]), lon=float(row[11]),
                        forms=tuple(f for f in row[12].split("|") if f) if len(row) > 12 else ())
                  for row in rows]
        neighbours, names = {}, {}
        for row in neighbour_rows:
            names[row[0]] = row[1]
            neighbours[row[0]] = tuple(code for code in row[2].split("|") if code)
        return cls(places, neighbours, names)

    def find(self, text: str) -> list[Place]:
        """The places ``text`` names exactly, in any listed form, with or without diacritics
        ("Kolíně", "kolin"); more than one when towns share a name."""
        return list(self._by_form.get(place_key(text), ()))

    def lookup(self, text: str) -> list[Place]:
        """The places ``text`` names (see ``find``), or the place whose code it is."""
        code = self.places.get(text.strip())
        return self.find(text) or ([code] if code else [])

    def label(self, code: str) -> str:
        """A place's name, or its code when another place has the same name: a label that
        ``lookup`` reads back to the one place ("Jihlava", "hranice-prerov")."""
        place = self.places.get(code)
        if place is None:
            return code
        if len(self.find(place.name)) == 1:
            return place.name
        return place.code

    def starting_with(self, text: str, limit: int = 10) -> list[Place]:
        """Places whose name starts with ``text`` (folded), largest first: a typeahead."""
        key = place_key(text)
        if not key:
            return []
        found = [place for place in self.places.values() if place_key(place.name).startswith(key)]
        found.sort(key=lambda place: (-place.population, place.name))
        return found[:limit]

    def forms(self) -> dict[str, list[Place]]:
        """Every listed form, folded, with the places it names."""
        return self._by_form

    def in_okres(self, okres: str) -> list[Place]:
        """The places of one okres."""
        return self._by_okres.get(okres, [])

    def in_region(self, region: str) -> list[Place]:
        """The places of one region."""
        return self._by_region.get(region, [])


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def gazetteer() -> Gazetteer:
    """The platform's gazetteer, read once from importers/data."""
    return Gazetteer.from_rows(_rows(DATA_DIR / "municipalities.tsv"),
                               _rows(DATA_DIR / "okres_neighbours.tsv"))
