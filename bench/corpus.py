"""A deterministic synthetic corpus of project records for benchmarks and load tests.

    .venv/bin/python bench/corpus.py 100000 [--seed 2026] [--jsonl corpus.jsonl]
    .venv/bin/python bench/corpus.py 100000 --load [--database-url URL]   # into the database

``generate(n, seed)`` yields ``n`` records in exactly the shape the importers produce
(``importers.record.empty_record`` filled in): Czech (about two thirds) or English titles
and summaries with correctly inflected place and group names, plausible implementers,
partners, funders by period, regions weighted by population, dates, budgets and unique
registration numbers. The same seed always gives the same records: the only source of
randomness is one ``random.Random(seed)``. The vocabulary (towns and regions with their
case forms, organisation name parts, title and sentence templates) lives in
``bench/corpus_data/``.
"""
from __future__ import annotations

import argparse
import bisect
import calendar
import io
import itertools
import json
import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from importers.gazetteer import gazetteer  # noqa: E402
from importers.record import empty_record  # noqa: E402

DATA = Path(__file__).resolve().parent / "corpus_data"

FIRST_YEAR, LAST_YEAR = 2004, 2026
BUDGET_MIN, BUDGET_MAX = 50_000, 50_000_000
EUR_RATE = 25.0  # CZK per EUR, for EEA/Norway budgets kept in euros
SUMMARY_CHARS = (150, 600)
_SUMMARY_MIN, _SUMMARY_MAX = SUMMARY_CHARS

# Share of projects starting in each year: a slow rise, the 2022 wave of refugees from Ukraine.
_YEAR_WEIGHTS = {
    2004: 2, 2005: 2, 2006: 3, 2007: 3, 2008: 4, 2009: 4, 2010: 4, 2011: 4, 2012: 5, 2013: 5,
    2014: 6, 2015: 7, 2016: 8, 2017: 8, 2018: 8, 2019: 8, 2020: 8, 2021: 9, 2022: 13, 2023: 12,
    2024: 10, 2025: 8, 2026: 3,
}
_MONTH_WEIGHTS = (30, 6, 8, 6, 5, 5, 6, 4, 12, 7, 5, 6)
_DURATIONS = ((6, 6), (9, 4), (10, 4), (12, 20), (18, 8), (24, 22), (30, 4), (36, 12))

# Funding combinations: (codes, weight, first start year, last start year).
_FUNDING = (
    (("AMIF", "MV_CR"), 14, 2014, 2026),
    (("AMIF",), 3, 2014, 2026),
    (("OPZ", "ESF"), 11, 2014, 2022),
    (("OPZ_PLUS", "ESF"), 11, 2021, 2026),
    (("ESF",), 6, 2004, 2013),
    (("MV_CR",), 10, 2004, 2026),
    (("MV_CR", "MUNICIPALITY"), 4, 2004, 2026),
    (("MUNICIPALITY",), 6, 2004, 2026),
    (("REGION",), 5, 2004, 2026),
    (("MUNICIPALITY", "REGION"), 2, 2004, 2026),
    (("MPSV",), 3, 2004, 2026),
    (("MSMT",), 4, 2004, 2026),
    (("IROP",), 2, 2014, 2026),
    (("EEA_NORWAY",), 3, 2004, 2026),
    (("ERASMUS",), 3, 2014, 2026),
    (("UNHCR",), 0.8, 2004, 2026),
    (("OTHER",), 4, 2004, 2026),
    (("MUNICIPALITY", "OTHER"), 1, 2004, 2026),
)
_CO_FUNDERS = ("MUNICIPALITY", "REGION", "OTHER", "MV_CR")
# Relative project size by funder: EU programmes fund larger projects than town budgets.
_BUDGET_SCALE = {"AMIF": 2.5, "OPZ": 2.5, "OPZ_PLUS": 2.5, "IROP": 3.0, "EEA_NORWAY": 2.0,
                 "ESF": 1.5, "ERASMUS": 0.8, "MUNICIPALITY": 0.35, "REGION": 0.5, "OTHER": 0.4}

# Implementer kinds by the project's scope, and how the main activity shifts them.
_KINDS_REGIONAL = {"national": 16, "local": 18, "ngo": 18, "city": 12, "region": 10,
                   "school": 5, "diocese": 8, "university": 2, "public": 2}
_KINDS_CZ = {"national": 60, "public": 30, "university": 10}
_KINDS_ABROAD = {"national": 60, "university": 25, "region": 15}
_KIND_BIAS = {
    "education_counselling": {"school": 10},
    "czech_language": {"school": 2},
    "training_of_professionals": {"university": 3, "public": 2},
    "monitoring_research": {"university": 6, "national": 1.5},
    "networking_platforms": {"region": 2, "city": 2},
    "information_centre": {"region": 3},
    "information_campaign": {"city": 2},
    "health_support": {"local": 1.5},
}
_ABROAD_ACTIVITIES = ("monitoring_research", "training_of_professionals", "networking_platforms",
                      "education_counselling", "integration_activities")

_CASES = ("gen", "dat", "acc", "ins", "en")


class Picker:
    """Weighted random choice with precomputed cumulative weights."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence[Any], weights: Sequence[float]):
        pairs = [(i, w) for i, w in zip(items, weights, strict=True) if w > 0]
        self.items = [i for i, _ in pairs]
        self.cum = list(itertools.accumulate(w for _, w in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng: Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _json(name: str) -> dict[str, Any]:
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


@dataclass(frozen=True)
class Town:
    name: str
    region: str
    forms: dict[str, str]  # nom, gen, loc (with its preposition), en, in
    statutory: bool
    index: int  # its line in towns.tsv
    size: int  # how many schools and local NGOs it has: grows with its population


@dataclass
class Tables:
    """Everything loaded from ``corpus_data``, with the pickers built once."""

    codes: dict[str, list[str]]
    regions: dict[str, dict[str, str]]
    region_pick: Picker
    neighbours: dict[str, list[str]]
    towns: dict[str, list[Town]]  # by region code (and "ABROAD")
    town_pick: dict[str, Picker]
    orgs: dict[str, Any]
    groups: dict[str, list[dict[str, str]]]
    group_weights: dict[str, float]
    group_from: dict[str, int]
    activities: dict[str, dict[str, Any]]
    activity_pick: Picker
    abroad_activity_pick: Picker
    texts: dict[str, Any]
    language_pick: Picker
    ukrainian: dict[str, str]
    year_pick: Picker
    month_pick: Picker
    duration_pick: Picker


@cache
def tables() -> Tables:
    codes = _json("codes.json")
    regions: dict[str, dict[str, str]] = {}
    neighbours: dict[str, list[str]] = {}
    weights: dict[str, float] = {}
    for code, nom, gen, acc, loc, en, weight, near in _tsv("regions.tsv"):
        the = "" if code in ("CZ010", "CZ", "ABROAD") else "the "
        regions[code] = {"nom": nom, "gen": gen, "acc": acc, "loc": loc, "en": the + en,
                         "en_name": en, "in": f"in {the}{en}" if code != "ABROAD" else "abroad"}
        neighbours[code] = [c for c in near.split(",") if c]
        weights[code] = float(weight)
    towns: dict[str, list[Town]] = {}
    for index, row in enumerate(_tsv("towns.tsv")):
        name, gen, loc, en, region, weight, statutory = row
        forms = {"nom": name, "gen": gen, "loc": loc, "en": en, "in": f"in {en}"}
        size = max(2, min(12, round(math.sqrt(float(weight)) / 2)))
        towns.setdefault(region, []).append(Town(name, region, forms, statutory == "1", index,
                                                 size))
    town_weights = {row[0]: float(row[5]) for row in _tsv("towns.tsv")}
    town_pick = {r: Picker(ts, [town_weights[t.name] for t in ts]) for r, ts in towns.items()}
    groups_raw = _json("groups.json")
    groups = {code: [dict(zip(_CASES, p, strict=True)) for p in g["phrases"]]
              for code, g in groups_raw.items()}
    activities = _json("activities.json")
    texts = _json("texts.json")
    langs = texts["languages"]
    return Tables(
        codes=codes,
        regions=regions,
        region_pick=Picker(list(weights), list(weights.values())),
        neighbours=neighbours,
        towns=towns,
        town_pick=town_pick,
        orgs=_json("organisations.json"),
        groups=groups,
        group_weights={c: float(g["weight"]) for c, g in groups_raw.items()},
        group_from={c: int(g.get("from", FIRST_YEAR)) for c, g in groups_raw.items()},
        activities=activities,
        activity_pick=Picker(list(activities), [a["weight"] for a in activities.values()]),
        abroad_activity_pick=Picker(_ABROAD_ACTIVITIES, [3, 3, 3, 1, 1]),
        texts=texts,
        language_pick=Picker([{"gen": g, "loc": lo, "en": e} for g, lo, e, _ in langs],
                             [w for *_, w in langs]),
        ukrainian=next({"gen": g, "loc": lo, "en": e} for g, lo, e, _ in langs
                       if e == "Ukrainian"),
        year_pick=Picker(list(_YEAR_WEIGHTS), list(_YEAR_WEIGHTS.values())),
        month_pick=Picker(range(1, 13), _MONTH_WEIGHTS),
        duration_pick=Picker([d for d, _ in _DURATIONS], [w for _, w in _DURATIONS]),
    )


# --- small helpers ----------------------------------------------------------------------


@cache
def _gazetteer_towns() -> dict[str, list[str]]:
    """The gazetteer's town codes by region, for spreading projects over every town."""
    towns: dict[str, list[str]] = {}
    for place in gazetteer().places.values():
        towns.setdefault(place.region, []).append(place.code)
    return {region: sorted(codes) for region, codes in towns.items()}


def _municipalities(seed: int, i: int, home: Town, regions: list[str]) -> list[str]:
    """The home town's gazetteer code, and sometimes another town of its region. Drawn
    from a generator of their own, so the rest of the corpus is what it was before places."""
    if regions[0] in ("CZ", "ABROAD"):
        return []
    rng = Random(seed * 1_000_003 + i)
    found = [place.code for place in gazetteer().find(home.name)]
    codes = found[:1] if len(found) == 1 else []
    towns = _gazetteer_towns().get(regions[0], [])
    if towns and (not codes or rng.random() < 0.4):
        codes.append(towns[int(rng.random() * len(towns))])
    return sorted(set(codes))

def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" a " if lang == "cs" else " and ") + items[-1]


def _pick(rng: Random, items: Sequence[Any]) -> Any:
    """A uniform choice; faster than ``Random.choice`` and just as deterministic."""
    return items[int(rng.random() * len(items))]


def _combine_groups(phrases: list[dict[str, str]], lang: str) -> dict[str, str]:
    """Several group phrases as one ("cizincům a pedagogům"), case by case."""
    return {case: _join([p[case] for p in phrases], "en" if case == "en" else lang)
            for case in _CASES}


def _money_cs(amount: float, currency: str) -> str:
    return f"{amount:,.0f}".replace(",", " ") + (" Kč" if currency == "CZK" else " EUR")


def _money_en(amount: float, currency: str) -> str:
    return f"{currency} {amount:,.0f}"


# --- the parts of a record --------------------------------------------------------------

@dataclass
class Period:
    """The project's dates; ``year`` is drawn even when the dates stay unknown."""

    year: int
    start: str | None = None
    start_precision: str | None = None
    end: str | None = None
    end_precision: str | None = None
    dates: tuple[tuple[int, int, int], tuple[int, int, int]] | None = None


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _precision(rng: Random) -> str:
    x = rng.random()
    return "day" if x < 0.6 else "month" if x < 0.9 else "year"


def _period(t: Tables, rng: Random) -> Period:
    y1 = t.year_pick(rng)
    m1 = t.month_pick(rng)
    if y1 == LAST_YEAR:
        m1 = min(m1, 7)
    months = t.duration_pick(rng) + int(rng.random() * 3) - 1
    last = (LAST_YEAR - y1) * 12 + 12 - m1 + 1  # months left until December 2026
    months = max(6, min(months, last))
    y2, m2 = divmod(y1 * 12 + m1 - 1 + months - 1, 12)
    m2 += 1
    period = Period(y1)
    x = rng.random()
    if x < 0.05:
        return period
    p1 = _precision(rng)
    p2 = p1 if rng.random() < 0.85 else _precision(rng)
    if p1 == "year":
        d1 = (y1, 1, 1)
    elif p1 == "month" or rng.random() < 0.7:
        d1 = (y1, m1, 1)
    else:
        d1 = (y1, m1, rng.randint(2, 28))
    if p2 == "year":
        d2 = (y2, 12, 31)
    elif p2 == "month" or rng.random() < 0.75:
        d2 = (y2, m2, calendar.monthrange(y2, m2)[1])
    else:
        d2 = (y2, m2, rng.randint(1, 28))
    period.start, period.start_precision = _iso(*d1), p1
    period.dates = (d1, d2)
    if x < 0.07:  # the end is not known
        return period
    period.end, period.end_precision = _iso(*d2), p2
    return period


@cache
def _group_pickers(activity: str, year: int) -> tuple[Picker, Picker]:
    """Pickers for a project's main target group and its other groups."""
    t = tables()

    def weight(code: str) -> float:
        if year < t.group_from[code]:
            return 0.0
        boost = 6.0 if code == "temporary_protection" and year >= 2022 else 1.0
        return t.group_weights[code] * boost

    preferred = [c for c in t.activities[activity]["groups"] if weight(c) > 0]
    main = Picker(preferred, [weight(c) for c in preferred]) if preferred \
        else Picker(["third_country_nationals"], [1])
    return main, Picker(list(t.group_weights), [weight(c) for c in t.group_weights])


def _pick_groups(rng: Random, activity: str, year: int) -> list[str]:
    main, others = _group_pickers(activity, year)
    chosen = [main(rng)]
    x = rng.random()
    count = 1 if x < 0.55 else 2 if x < 0.9 else 3
    while len(chosen) < count:
        code = others(rng)
        if code not in chosen:
            chosen.append(code)
    return chosen


def _pick_activities(t: Tables, rng: Random, abroad: bool) -> list[str]:
    chosen = [t.abroad_activity_pick(rng) if abroad else t.activity_pick(rng)]
    x = rng.random()
    count = 1 if x < 0.35 else 2 if x < 0.7 else 3 if x < 0.9 else 4
    while len(chosen) < count:
        code = t.activity_pick(rng)
        if code not in chosen:
            chosen.append(code)
    return chosen


@cache
def _funding_picker(activity: str, year: int) -> Picker:
    bias = tables().activities[activity].get("funders", {})
    options: dict[tuple[str, ...], float] = {}
    for codes, weight, first, last in _FUNDING:
        if first <= year <= last:
            w = weight * max(bias.get(c, 1.0) for c in codes)
            if "UNHCR" in codes and year >= 2022:
                w *= 3
            options[codes] = w
    return Picker(list(options), list(options.values()))


def _pick_funders(rng: Random, year: int, activity: str) -> list[str]:
    codes = set(_funding_picker(activity, year)(rng))
    if rng.random() < 0.2 and len(codes) < 3:
        extra = _pick(rng, _CO_FUNDERS)
        if not (extra == "MV_CR" and codes & {"OPZ", "OPZ_PLUS", "ESF"}):
            codes.add(extra)
    return sorted(codes)


class Organisations:
    """Implementer and partner names, built from ``organisations.json``."""

    def __init__(self, t: Tables):
        self.t = t
        o = t.orgs
        self.national = Picker([(cs, en) for cs, en, _ in o["national"]],
                               [w for *_, w in o["national"]])
        self.public = Picker([(cs, en) for cs, en, _ in o["public"]], [w for *_, w in o["public"]])
        self.local = Picker([(cs, en) for cs, en, _ in o["local"]], [w for *_, w in o["local"]])
        self.region = Picker([(cs, en) for cs, en, _ in o["region"]], [w for *_, w in o["region"]])
        self.school_shapes = [p for p, w in o["schools"] for _ in range(w)]
        self.universities: dict[str, list[str]] = {}
        for town_name, names in o["universities"].items():
            region = next(tw.region for ts in t.towns.values() for tw in ts
                          if tw.name == town_name)
            self.universities.setdefault(region, []).extend(names)
        self.all_universities = [n for ns in o["universities"].values() for n in ns]

    def name(self, rng: Random, kind: str, region: str, town: Town, english: bool) -> str:
        t, o = self.t, self.t.orgs
        forms = town.forms
        r = t.regions[region] if region in t.regions else t.regions["CZ010"]
        cs: str
        en: str | None = None
        if kind == "national":
            cs, en = self.national(rng)
        elif kind == "public":
            cs, en = self.public(rng)
        elif kind == "university":
            names = self.universities.get(region) or self.all_universities
            cs = _pick(rng, names)
        elif kind == "diocese":
            seat = o["diocese_by_region"].get(region, "Praha")
            cs, en = o["dioceses"][seat]
        elif kind == "region":
            pattern, en_pattern = self.region(rng)
            values = {"r_nom": r["nom"], "r_gen": r["gen"], "r_acc": r["acc"],
                      "r_en": r["en_name"]}
            cs = pattern.format(**values)
            en = en_pattern.format(**values) if en_pattern else None
        elif kind == "city":
            city = o["city"]
            if town.name == "Praha":
                if rng.random() < 0.5:
                    cs, en = city["Praha"]
                else:
                    numbers = city["district_numbers"]
                    n = numbers[min(_pick(rng, range(len(numbers))),
                                    _pick(rng, range(len(numbers))))]
                    cs, en = (p.format(n=n) for p in city["district"])
            else:
                cs, en = (p.format(**forms)
                          for p in city["statutory" if town.statutory else "town"])
        elif kind == "school":
            # A town has a few schools (more in a big town), always the same ones.
            k = town.index * 7 + _pick(rng, range(town.size))
            streets, shapes = o["streets"], self.school_shapes
            cs = shapes[k % len(shapes)].format(street=streets[k % len(streets)], **forms)
        elif kind == "ngo":
            k = town.index * 3 + _pick(rng, range(town.size))
            stems, shapes = o["ngo_stems"], o["ngo_forms"]
            cs = shapes[k % len(shapes)].format(stem=stems[k % len(stems)], **forms)
        else:  # local
            pattern, en_pattern = self.local(rng)
            cs = pattern.format(**forms)
            en = en_pattern.format(**forms) if en_pattern else None
        return en if english and en else cs


@cache
def _kind_picker(scope: str, activity: str) -> Picker:
    kinds = dict({"cz": _KINDS_CZ, "abroad": _KINDS_ABROAD}.get(scope, _KINDS_REGIONAL))
    for kind, factor in _KIND_BIAS.get(activity, {}).items():
        if kind in kinds:
            kinds[kind] *= factor
    return Picker(list(kinds), list(kinds.values()))


# --- registration numbers ---------------------------------------------------------------

def _registration_number(rng: Random, i: int, funders: list[str], year: int) -> str | None:
    """A number in the programme's real format, unique because it is built from ``i``."""
    yy = max(15, min(year - 2000, 24))
    call = rng.randint(1, 150)
    if "OPZ" in funders:
        return f"CZ.03.{rng.randint(1, 3)}.{rng.choice((60, 63, 65))}/0.0/0.0/" \
               f"{yy}_{call:03d}/{i:07d}"
    if "OPZ_PLUS" in funders:
        return f"CZ.03.02.{rng.randint(1, 3):02d}/00/{max(yy, 22)}_{call:03d}/{i:07d}"
    if "AMIF" in funders:
        if year >= 2023:
            return f"CZ.12.01.{rng.randint(1, 3):02d}/00/{max(yy, 23)}_{call:03d}/{i:07d}"
        return f"AMIF/{i % 40 + 1}/{i // 40 + 1:02d}"
    if "IROP" in funders:
        if year >= 2021:
            return f"CZ.06.03.01/00/{max(yy, 22)}_{call:03d}/{i:07d}"
        return f"CZ.06.2.56/0.0/0.0/{yy}_{call:03d}/{i:07d}"
    if "ERASMUS" in funders:
        return f"{max(year, 2014)}-{rng.randint(1, 2)}-CZ01-KA{rng.choice((201, 204, 104))}" \
               f"-{i % 1_000_000:06d}"
    if "EEA_NORWAY" in funders:
        return f"EHP-CZ{rng.choice((2, 11, 14)):02d}-OV-{rng.randint(1, 3)}-{i:06d}-{year}"
    if "MV_CR" in funders:
        return f"MV-{10_000 + i}-{rng.randint(1, 30)}/OAM-{year}"
    return None


# --- the record -------------------------------------------------------------------------

class Generator:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = Random(seed)
        self.t = tables()
        self.orgs = Organisations(self.t)
        self.seen: set[tuple[str, str]] = set()
        x = self.t.texts
        self.brands = {"cs": x["brands_cs"], "en": x["brands_en"]}

    def choice(self, items: Sequence[Any]) -> Any:
        return items[int(self.rng.random() * len(items))]

    def record(self, i: int) -> dict[str, Any]:
        t, rng = self.t, self.rng
        record = empty_record(f"synthetic/{self.seed}/{i:07d}")
        lang = "en" if rng.random() < 1 / 3 else "cs"
        x = rng.random()
        scope = "cz" if x < 0.05 else "abroad" if x < 0.08 else "regional"

        period = _period(t, rng)
        activity_codes = _pick_activities(t, rng, scope == "abroad")
        main = t.activities[activity_codes[0]]
        group_codes = _pick_groups(rng, activity_codes[0], period.year)

        # Where: the regions, the town that implements, the place the text names.
        if scope == "cz":
            regions = ["CZ"]
            home = t.towns["CZ010"][0]
            cz = t.texts["places_cz"]
            place = {"loc": self.choice(cz["cs"]), "in": self.choice(cz["en"])}
            title_place = {"loc": self.choice(cz["title_cs"]), "in": self.choice(cz["title_en"])}
            home_region = "CZ010"
        else:
            home_region = t.region_pick(rng)
            while home_region in ("CZ", "ABROAD"):
                home_region = t.region_pick(rng)
            home = t.town_pick[home_region](rng)
            if scope == "abroad":
                regions = ["ABROAD"] + ([home_region] if rng.random() < 0.4 else [])
                place = t.town_pick["ABROAD"](rng).forms
            else:
                regions = [home_region]
                if rng.random() < 0.12 and t.neighbours[home_region]:
                    regions.append(self.choice(t.neighbours[home_region]))
                place = home.forms if rng.random() < 0.7 else t.regions[home_region]
            title_place = place
        region_forms = t.regions[home_region]

        # Who.
        kinds = _kind_picker(scope, activity_codes[0])
        english_names = lang == "en" and rng.random() < 0.5
        implementer = self.orgs.name(rng, kinds(rng), home_region, home, english_names)
        x = rng.random()
        n_partners = 0 if x < 0.4 else 1 if x < 0.7 else 2 if x < 0.9 else 3
        partners: list[str] = []
        for _ in range(n_partners * 2):
            if len(partners) == n_partners:
                break
            town = home if rng.random() < 0.6 or scope == "cz" else \
                t.town_pick.get(home_region, t.town_pick["CZ010"])(rng)
            name = self.orgs.name(rng, kinds(rng), home_region, town, english_names)
            if name != implementer and name not in partners:
                partners.append(name)

        funders = _pick_funders(rng, period.year, activity_codes[0])
        money = self._money(funders)
        regnum = None
        if rng.random() < 0.66:
            regnum = _registration_number(rng, i, funders, period.year)

        groups = [self.choice(t.groups[c]) for c in group_codes]
        ctx = {
            "g": groups[0],
            "g2": _combine_groups(groups[1:], lang) if len(groups) > 1 else groups[0],
            "gs": _combine_groups(groups, lang),
            "p": place,
            "r": region_forms,
            "town": home.forms,
            "impl": implementer,
            "lang": t.language_pick(rng),
            "lang2": t.language_pick(rng),
            "orig": dict(zip(("cs", "en"), self.choice(t.texts["origins"]), strict=True)),
            "n": 20 + 5 * int(rng.random() * 77),
            "m": 5 + int(rng.random() * 36),
        }
        if group_codes[0] == "temporary_protection":
            ctx["lang"] = t.ukrainian
        if ctx["lang2"] == ctx["lang"]:
            ctx["lang2"] = t.language_pick(rng)
        title = self._title(lang, scope, main, len(groups) == 2, dict(ctx, p=title_place))
        title = self._unique(title, implementer, period)
        summary = self._summary(lang, activity_codes, ctx, period, funders, partners, money)

        record.update(
            language=lang,
            title=title,
            summary=summary,
            implementer=implementer,
            partners=sorted(partners),
            funders=funders,
            regions=sorted(regions),
            start=period.start,
            start_precision=period.start_precision,
            end=period.end,
            end_precision=period.end_precision,
            registration_number=regnum,
            activities=sorted(activity_codes),
            target_groups=sorted(group_codes),
            municipalities=_municipalities(self.seed, i, home, regions),
        )
        if money:
            record.update(money)
        return record

    # -- money -----------------------------------------------------------------------

    def _money(self, funders: list[str]) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.2:
            return {}
        scale = max((_BUDGET_SCALE.get(f, 1.0) for f in funders), default=1.0)
        mu = math.log(1_200_000 * scale)
        while True:
            budget = rng.lognormvariate(mu, 1.1)
            if BUDGET_MIN <= budget <= BUDGET_MAX:
                break
        approximate = rng.random() < 0.12
        if approximate:
            digits = 10 ** (int(math.log10(budget)) - 1)
            budget = min(max(round(budget / digits) * digits, BUDGET_MIN), BUDGET_MAX)
        budget = float(round(budget))
        subsidy = None
        if rng.random() < 0.4:
            ratio = self.choice((0.85, 0.9, 0.95, 1.0, rng.uniform(0.5, 0.95)))
            subsidy = float(round(budget * ratio))
        out: dict[str, Any] = {"budget_approximate": approximate}
        if "EEA_NORWAY" in funders and rng.random() < 0.35:
            out.update(currency="EUR", budget_amount=float(round(budget / EUR_RATE)),
                       subsidy_amount=None if subsidy is None
                       else float(round(subsidy / EUR_RATE)))
        else:
            out.update(currency="CZK", budget_czk=budget, budget_amount=budget,
                       subsidy_czk=subsidy, subsidy_amount=subsidy)
        return out

    # -- title -----------------------------------------------------------------------

    def _title(self, lang: str, scope: str, main: dict[str, Any], several: bool,
               ctx: dict[str, Any]) -> str:
        rng, x = self.rng, self.t.texts
        phrase = self.choice(main[f"title_{lang}"])
        grouped = phrase.startswith("=")
        act = phrase.lstrip("=")
        if scope == "abroad" and rng.random() < 0.6:
            act = act[:1].lower() + act[1:] if lang == "cs" else act
            form = self.choice(x[f"title_abroad_{lang}"])
        else:
            forms = x[f"title_{lang}_grouped" if grouped else f"title_{lang}"]
            form = _pick(rng, [f for f, w in forms for _ in range(w)])
            if not several and "gs" in form:
                form = forms[0][0]
        values = dict(ctx, Act=_cap(act), act=act, brand=self.choice(self.brands[lang]))
        return _cap(" ".join(form.format_map(values).split()))

    def _unique(self, title: str, implementer: str, period: Period) -> str:
        """Make (title, implementer) unique: add the years or a serial ("II") if needed."""
        rng = self.rng
        years = ""
        if period.dates:
            (y1, _, _), (y2, _, _) = period.dates
            years = f"{y1}–{y2}" if y2 != y1 else str(y1)
        x = rng.random()
        if years and x < 0.3:
            title = f"{title} {years}"
        elif x < 0.36:
            title = f"{title} {self.choice(self.t.texts['serials'][:3])}"
        candidates = [title]
        if years and not title.endswith(years):
            candidates.append(f"{title} {years}")
        candidates += [f"{title} {s}" for s in self.t.texts["serials"]]
        for candidate in candidates:
            if (candidate, implementer) not in self.seen:
                break
        else:
            k = 2
            while (candidate := f"{title} ({k})", implementer) in self.seen:
                k += 1
        self.seen.add((candidate, implementer))
        return candidate

    # -- summary ---------------------------------------------------------------------

    def _summary(self, lang: str, activity_codes: list[str], ctx: dict[str, Any],
                 period: Period, funders: list[str], partners: list[str],
                 money: dict[str, Any]) -> str:
        rng, x, t = self.rng, self.t.texts, self.t
        acts = [t.activities[c] for c in activity_codes]
        main_sentences = acts[0][lang]
        # The first sentence names the main target group.
        first = int(rng.random() * len(main_sentences))
        while "{g[" not in main_sentences[first]:
            first = int(rng.random() * len(main_sentences))
        required = [main_sentences[first]]
        opening = rng.random() < 0.2
        if opening:
            required.insert(0, self.choice(x[f"goal_{lang}"]))
        if len(acts) > 1:
            nps = [self.choice(a[f"np_{lang}"]) for a in acts[1:]]
            required.append(self.choice(x[f"list_{lang}"]).replace("{acts}", _join(nps, lang)))
        if ctx["g2"] is not ctx["g"]:
            required.append(self.choice(x[f"group2_{lang}"]))

        optional: list[Callable[[], str | None]] = [
            lambda: main_sentences[(first + 1 + int(rng.random() * (len(main_sentences) - 1)))
                                   % len(main_sentences)],
            lambda: self._funding_sentence(lang, funders, ctx),
            lambda: self._period_sentence(lang, period),
            lambda: self.choice(x[f"outcome_{lang}"]),
            lambda: self._partner_sentence(lang, partners),
            lambda: self._budget_sentence(lang, money),
            lambda: self.choice(x[f"goal_{lang}"]),
        ]
        rng.shuffle(optional)
        target = rng.randint(2, 4)
        sentences = [s.format_map(ctx) for s in required]
        length = sum(len(s) + 1 for s in sentences)
        if opening and length > _SUMMARY_MAX:  # too long: drop the opening goal sentence
            length -= len(sentences.pop(0)) + 1
        for make in optional:
            if len(sentences) >= target and length >= _SUMMARY_MIN + 5:
                break
            sentence = make()
            if sentence is None:
                continue
            sentence = sentence.format_map(ctx)
            if length + len(sentence) + 1 > _SUMMARY_MAX or sentence in sentences:
                continue
            sentences.append(sentence)
            length += len(sentence) + 1
        fillers = x[f"outcome_{lang}"] + x[f"goal_{lang}"]
        start = int(rng.random() * len(fillers))
        for k in range(len(fillers)):  # too short still: add general sentences
            if length >= _SUMMARY_MIN + 5:
                break
            sentence = fillers[(start + k) % len(fillers)].format_map(ctx)
            if sentence not in sentences:
                sentences.append(sentence)
                length += len(sentence) + 1
        return " ".join(_cap(s.replace("..", ".")) for s in sentences)

    def _funding_sentence(self, lang: str, funders: list[str], ctx: dict[str, Any]) -> str:
        x = self.t.texts
        phrases = x["funders"]
        index = 0 if lang == "cs" else 1
        foundation = self.choice(x["foundations"])
        parts = [phrases[f][index].format_map(dict(ctx, foundation=foundation))
                 for f in funders if not (f == "ESF" and {"OPZ", "OPZ_PLUS"} & set(funders))]
        return self.choice(x[f"funding_{lang}"]).replace("{funds}", _join(parts, lang))

    def _period_sentence(self, lang: str, period: Period) -> str | None:
        if not period.dates or period.end is None:
            return None
        x = self.t.texts
        (y1, m1, d1), (y2, m2, d2) = period.dates
        precisions = {period.start_precision, period.end_precision}
        if precisions == {"day"}:
            kind = "day"
        elif "year" not in precisions:
            kind = "month"
        else:
            kind = "year" if y1 != y2 else "oneyear"
        if lang == "cs":
            mon1 = {"gen": x["months_gen"][m1 - 1], "loc": x["months_loc"][m1 - 1]}
            mon2 = {"gen": x["months_gen"][m2 - 1], "loc": x["months_loc"][m2 - 1]}
            dates = (f"{d1}. {m1}. {y1}", f"{d2}. {m2}. {y2}")
        else:
            mon1, mon2 = {"en": x["months_en"][m1 - 1]}, {"en": x["months_en"][m2 - 1]}
            dates = (f"{d1} {x['months_en'][m1 - 1]} {y1}", f"{d2} {x['months_en'][m2 - 1]} {y2}")
        template = self.choice(x[f"period_{kind}_{lang}"])
        return template.format(y1=y1, y2=y2, mon1=mon1, mon2=mon2, d1=dates[0], d2=dates[1]) \
            .replace("{", "{{").replace("}", "}}")

    def _partner_sentence(self, lang: str, partners: list[str]) -> str | None:
        if not partners:
            return None
        x = self.t.texts
        if len(partners) == 1:
            return self.choice(x[f"partner_one_{lang}"]).replace("{partner}", partners[0]) \
                .replace("{", "{{").replace("}", "}}")
        return self.choice(x[f"partner_many_{lang}"]) \
            .replace("{partners}", _join(partners, lang)).replace("{", "{{").replace("}", "}}")

    def _budget_sentence(self, lang: str, money: dict[str, Any]) -> str | None:
        if not money:
            return None
        x = self.t.texts
        fmt = _money_cs if lang == "cs" else _money_en
        key = f"budget_approx_{lang}" if money["budget_approximate"] else f"budget_{lang}"
        return self.choice(x[key]).replace("{budget}",
                                           fmt(money["budget_amount"], money["currency"]))


def generate(n: int, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """``n`` synthetic project records, always the same ones for the same ``seed``."""
    generator = Generator(seed)
    for i in range(n):
        yield generator.record(i)


def load(n: int, seed: int = 2026, batch_size: int = 1000) -> int:
    """Write ``n`` records straight into the current app's database and search index
    through the bulk importer, published, with a progress bar; return how many."""
    import click

    from knowledge_platform.ingest.bulk import BulkLoader

    with click.progressbar(length=n, label="loading projects", file=sys.stderr) as bar:
        done = [0]

        def progress(count: int) -> None:
            bar.update(count - done[0])
            done[0] = count

        return BulkLoader(batch_size=batch_size).load(generate(n, seed), progress=progress)


def _load_command(n: int, seed: int, database_url: str | None) -> int:
    from flask_migrate import upgrade

    from knowledge_platform import create_app
    from knowledge_platform.db import MIGRATIONS
    from knowledge_platform.search.index import analyse_tables

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} if database_url else None)
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        began = time.perf_counter()
        loaded = load(n, seed)
        analyse_tables()
        elapsed = time.perf_counter() - began
    print(f"loaded {loaded:,} projects in {elapsed:.1f} s ({loaded / elapsed:,.0f}/s)",
          file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jsonl", type=Path, help="output file (default: stdout)")
    parser.add_argument("--load", action="store_true",
                        help="write into the database (the app's, or --database-url) instead")
    parser.add_argument("--database-url", help="with --load: the database to fill")
    args = parser.parse_args(argv)
    if args.load:
        return _load_command(args.n, args.seed, args.database_url)
    if args.jsonl:
        out = args.jsonl.open("w", encoding="utf-8")
    else:
        out = sys.stdout
        if isinstance(out, io.TextIOWrapper) and out.encoding.lower() != "utf-8":
            out.reconfigure(encoding="utf-8")
    began = time.perf_counter()
    try:
        for count, record in enumerate(generate(args.n, args.seed), 1):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if count % 10_000 == 0:
                elapsed = time.perf_counter() - began
                print(f"{count:,} records, {elapsed:.1f} s, {count / elapsed:,.0f} records/s",
                      file=sys.stderr)
        out.flush()
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        sys.stdout = None  # type: ignore[assignment]  # nothing left to flush at exit
        return 0
    finally:
        if args.jsonl:
            out.close()
    elapsed = time.perf_counter() - began
    print(f"done: {args.n:,} records in {elapsed:.1f} s "
          f"({args.n / max(elapsed, 1e-9):,.0f} records/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
