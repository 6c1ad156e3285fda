"""The home page's figures: headline numbers, counts by region and vocabulary, short lists.

Every figure counts PUBLISHED projects only; each is one GROUP BY or aggregate query.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from sqlalchemy import Select, Table, and_, case, func, select
from sqlalchemy.orm import selectinload

from knowledge_platform.caching import per_generation
from knowledge_platform.db import db
from knowledge_platform.models import (
    ActivityType,
    Funder,
    Project,
    ProjectOrganisation,
    Region,
    Status,
    TargetGroup,
)
from knowledge_platform.models.vocabulary import (
    VocabularyTerm,
    project_activity_type,
    project_funder,
    project_region,
    project_target_group,
)

MAP_FILE = Path(__file__).resolve().parents[1] / "static" / "map" / "regions.svg"
SVG = "{http://www.w3.org/2000/svg}"
SHADES = 5  # colour classes: 0 for regions without projects, 1–4 for more and more
SHORT_LIST = 6


# --- the map -----------------------------------------------------------------------------

@dataclass(frozen=True)
class RegionShape:
    code: str
    d: str
    fill_rule: str
    name: str


@dataclass(frozen=True)
class RegionMap:
    view_box: str
    shapes: tuple[RegionShape, ...]
    notice: str  # the licence comment at the top of the file


@cache
def region_map(path: Path = MAP_FILE) -> RegionMap:
    """The region outlines of ``path``, parsed once per process."""
    notice = ""
    root = None
    for event, element in ET.iterparse(path, events=("start", "comment")):
        if event == "comment" and not notice:
            notice = (element.text or "").strip()
        elif event == "start" and root is None:
            root = element
    shapes = tuple(
        RegionShape(
            code=element.get("data-code", ""),
            d=element.get("d", ""),
            fill_rule=element.get("fill-rule", "nonzero"),
            name=(element.findtext(f"{SVG}title") or "").strip(),
        )
        for element in root.iter(f"{SVG}path")
        if element.get("data-code")
    )
    return RegionMap(view_box=root.get("viewBox", "0 0 1000 581"), shapes=shapes, notice=notice)


def shade_classes(counts: list[int]) -> tuple[dict[int, int], list[tuple[int, int, int]]]:
    """Colour classes for ``counts``: {count: class} and the legend [(class, low, high)].

    Class 0 is "no projects"; the distinct non-zero counts are split by rank into at most
    four classes, so a larger count never gets a lighter class than a smaller one.
    """
    values = sorted({count for count in counts if count > 0})
    groups = min(SHADES - 1, len(values))
    shade = {0: 0}
    for rank, value in enumerate(values):
        shade[value] = 1 + rank * groups // len(values)
    legend = [(0, 0, 0)]
    low = 1
    for klass in range(1, groups + 1):
        high = max(value for value in values if shade[value] == klass)
        legend.append((klass, low, high))
        low = high + 1
    return shade, legend


# --- queries -----------------------------------------------------------------------------

def _published_ids() -> Select:
    return select(Project.id).where(Project.status == Status.PUBLISHED)


@dataclass
class Headline:
    projects: int = 0
    organisations: int = 0
    first_year: int | None = None
    last_year: int | None = None
    budget_czk: Decimal = Decimal(0)
    budget_projects: int = 0


@per_generation
def headline() -> Headline:
    """Counts, years covered and the total CZK budget of published projects."""
    has_czk_budget = and_(Project.currency == "CZK", Project.budget_total.is_not(None))
    row = db.session.execute(
        select(
            func.count(Project.id),
            func.min(Project.start_date),
            func.min(Project.end_date),
            func.max(Project.start_date),
            func.max(Project.end_date),
            func.sum(case((has_czk_budget, Project.budget_total))),
            func.count(case((has_czk_budget, Project.id))),
        ).where(Project.status == Status.PUBLISHED)
    ).one()
    projects, first_start, first_end, last_start, last_end, budget, budget_projects = row
    organisations = db.session.scalar(
        select(func.count(func.distinct(ProjectOrganisation.organisation_id)))
        .where(ProjectOrganisation.project_id.in_(_published_ids()))
    )
    firsts = [value for value in (first_start, first_end) if value is not None]
    lasts = [value for value in (last_start, last_end) if value is not None]
    return Headline(
        projects=projects or 0,
        organisations=organisations or 0,
        first_year=_year(min(firsts)) if firsts else None,
        last_year=_year(max(lasts)) if lasts else None,
        budget_czk=Decimal(budget or 0).quantize(Decimal(1)),
        budget_projects=budget_projects or 0,
    )


def _year(value: date | str | None) -> int | None:
    if value is None:
        return None
    return value.year if isinstance(value, date) else int(str(value)[:4])


@dataclass
class TermCount:
    code: str
    label: str
    count: int
    shade: int = 0


def _counts(link: Table) -> dict[str, int]:
    return dict(db.session.execute(
        select(link.c.code, func.count(link.c.project_id))
        .where(link.c.project_id.in_(_published_ids()))
        .group_by(link.c.code)
    ).all())


@per_generation
def region_counts(language: str) -> list[TermCount]:
    """Every region (the 14 kraje, then CZ and ABROAD) with its published projects."""
    counts = _counts(project_region)
    regions = db.session.scalars(select(Region).order_by(Region.position)).all()
    return [TermCount(region.code, region.label(language), counts.get(region.code, 0))
            for region in regions]


@per_generation
def term_counts(term: type[VocabularyTerm], link: Table, language: str) -> list[TermCount]:
    """The terms of one vocabulary that have published projects, most projects first."""
    count = func.count(link.c.project_id).label("count")
    rows = db.session.execute(
        select(term, count)
        .join(link, link.c.code == term.code)
        .where(link.c.project_id.in_(_published_ids()))
        .group_by(term.code, term.label_cs, term.label_en, term.position)
        .order_by(count.desc(), term.position)
    ).all()
    return [TermCount(value.code, value.label(language), number) for value, number in rows]


BROWSE_LISTS = (
    ("funders", Funder, project_funder),
    ("activities", ActivityType, project_activity_type),
    ("target-groups", TargetGroup, project_target_group),
)


def browse_lists(language: str) -> dict[str, list[TermCount]]:
    """Funders, activity types and target groups with counts, by URL kind."""
    return {kind: term_counts(term, link, language) for kind, term, link in BROWSE_LISTS}


def _short_list(query: Select) -> list[Project]:
    return list(db.session.scalars(
        query.options(
            selectinload(Project.regions),
            selectinload(Project.organisations).selectinload(ProjectOrganisation.organisation),
        )
        .order_by(Project.created_at.desc(), Project.id.desc())
        .limit(SHORT_LIST)
    ))


def recent_projects() -> list[Project]:
    """The published projects added last."""
    return _short_list(select(Project).where(Project.status == Status.PUBLISHED))


def good_practices() -> list[Project]:
    """Published good practices, the ones added last first."""
    return _short_list(select(Project).where(
        Project.status == Status.PUBLISHED, Project.good_practice.is_(True)))


@dataclass
class MapRegion:
    shape: RegionShape
    term: TermCount


def map_regions(regions: list[TermCount]) -> tuple[list[MapRegion], list[tuple[int, int, int]]]:
    """The map's regions with their counts and colour classes, and the legend."""
    by_code = {region.code: region for region in regions}
    shapes = [shape for shape in region_map().shapes if shape.code in by_code]
    shade, legend = shade_classes([by_code[shape.code].count for shape in shapes])
    for shape in shapes:
        by_code[shape.code].shade = shade[by_code[shape.code].count]
    return [MapRegion(shape, by_code[shape.code]) for shape in shapes], legend
