"""The home page's region map and short lists; its figures come from ``statistics``."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from knowledge_platform.db import db
from knowledge_platform.models import Project, ProjectOrganisation, Status
from knowledge_platform.statistics import Figures

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
    assert root is not None  # the parser raises for a file without an element
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


# --- short lists ---------------------------------------------------------------------

def _short_list(query: Select) -> list[Project]:
    return list(db.session.scalars(
        query.options(
            selectinload(Project.link("region")),
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
    term: Figures
    shade: int


def map_regions(regions: list[Figures]) -> tuple[list[MapRegion], list[tuple[int, int, int]]]:
    """The map's regions with their counts and colour classes, and the legend."""
    by_code = {region.key: region for region in regions}
    shapes = [shape for shape in region_map().shapes if shape.code in by_code]
    shade, legend = shade_classes([by_code[shape.code].projects for shape in shapes])
    return [MapRegion(shape, by_code[shape.code], shade[by_code[shape.code].projects])
            for shape in shapes], legend
