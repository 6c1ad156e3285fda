"""Generate a simplified SVG map of the 14 Czech regions (kraje) from a TopoJSON file.

The input is ``kraje.topojson`` (from jlacko/powerbi-cesko, MIT licence, copyright (c) 2021
Jindra Lacko), whose geometries carry the CZ-NUTS 3 code and the Czech name of each region.
Arcs are decoded (quantization transform, delta encoding, reversed arcs ``~i``), projected
to a plane suited to Czechia (equirectangular, x scaled by cos 49.8°), fitted into a viewBox
1000 units wide, simplified once per arc with Douglas-Peucker (so neighbouring regions still
share their boundary exactly) and written as one ``<path class="region">`` per region.
The licence text beside the input is copied next to the output SVG.

Run from the repository root (standard library only)::

    python scripts/make_region_map.py [TOPOJSON] [OUT_SVG]

Defaults: ``../shared/geo/kraje.topojson`` (relative to the repository root) and
``knowledge_platform/static/map/regions.svg``.
"""
from __future__ import annotations

import json
import math
import shutil
import sys
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "geo" / "kraje.topojson"
DEFAULT_OUTPUT = REPO_ROOT / "knowledge_platform" / "static" / "map" / "regions.svg"
LICENCE_NAME = "LICENSE-kraje.txt"
DEFAULT_TOLERANCE = 0.5  # in viewBox units (the map is 1000 units wide)
WIDTH = 1000.0
MARGIN = 10.0
REFERENCE_LATITUDE = 49.8
NOTICE = (
    "Region boundaries derived from jlacko/powerbi-cesko (kraje.json), MIT licence, "
    "copyright (c) 2021 Jindra Lacko; see LICENSE-kraje.txt"
)
STYLE = ".region{fill:#e3e3e3;stroke:#ffffff;stroke-width:1;stroke-linejoin:round}"

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Return the topology's arcs as absolute lon/lat points (undoing quantization)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for position in arc:
                x += position[0]
                y += position[1]
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def project(point: Point) -> Point:
    """Project lon/lat to an equirectangular plane (x scaled by cos 49.8°, y pointing down)."""
    lon, lat = point
    return lon * math.cos(math.radians(REFERENCE_LATITUDE)), -lat


def segment_distance(point: Point, start: Point, end: Point) -> float:
    """Return the distance from ``point`` to the segment ``start``-``end``."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Simplify an open polyline with Douglas-Peucker, always keeping both end points."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, -1
        for i in range(first + 1, last):
            distance = segment_distance(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if index != -1 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_arc(points: list[Point], tolerance: float) -> list[Point]:
    """Simplify one arc; a closed arc keeps at least a triangle."""
    if len(points) < 4 or points[0] != points[-1]:
        return douglas_peucker(points, tolerance)
    start = points[0]
    far = max(range(len(points)), key=lambda i: math.dist(start, points[i]))
    side = max(
        (i for i in range(1, len(points) - 1) if i != far),
        key=lambda i: segment_distance(points[i], start, points[far]),
    )
    anchors = sorted({0, far, side, len(points) - 1})
    result = [start]
    for a, b in pairwise(anchors):
        result.extend(douglas_peucker(points[a : b + 1], tolerance)[1:])
    return result


def round_points(points: list[Point]) -> list[Point]:
    """Round points to 1 decimal and drop consecutive duplicates."""
    result: list[Point] = []
    for x, y in points:
        rounded = (round(x, 1) + 0.0, round(y, 1) + 0.0)
        if not result or result[-1] != rounded:
            result.append(rounded)
    return result


def geometry_rings(geometry: dict) -> list[list[int]]:
    """Return the rings (lists of arc indexes) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def stitch_ring(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join a ring's arcs (negative index ``~i`` means arc ``i`` reversed) into points."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        points.extend(arc[1:] if points else arc)
    return points


def region_code(geometry: dict) -> str:
    """Return the CZ-NUTS 3 code of a geometry (its ``id`` or a property)."""
    properties = geometry.get("properties") or {}
    return str(geometry.get("id") or properties.get("KOD_CZNUTS3") or properties["id"])


def region_name(geometry: dict) -> str:
    """Return the Czech name of a geometry's region."""
    properties = geometry.get("properties") or {}
    return str(properties.get("NAZ_CZNUTS3") or properties.get("name") or region_code(geometry))


def format_number(value: float) -> str:
    """Format a coordinate with at most 1 decimal and no trailing ``.0``."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def path_data(rings: list[list[Point]]) -> str:
    """Return SVG path data (M/L/Z only) for closed rings."""
    parts = []
    for ring in rings:
        if ring and ring[0] == ring[-1]:
            ring = ring[:-1]
        if len(ring) < 3:
            continue
        coords = [f"{format_number(x)} {format_number(y)}" for x, y in ring]
        parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def build_svg(topojson: dict, tolerance: float = DEFAULT_TOLERANCE) -> str:
    """Return the simplified SVG map of the regions in a TopoJSON topology."""
    geometries = [
        geometry
        for collection in topojson["objects"].values()
        for geometry in collection.get("geometries", [collection])
        if geometry.get("type") in ("Polygon", "MultiPolygon")
    ]
    projected = [[project(p) for p in arc] for arc in decode_arcs(topojson)]
    used = {~i if i < 0 else i for g in geometries for ring in geometry_rings(g) for i in ring}
    xs = [x for i in used for x, _ in projected[i]]
    ys = [y for i in used for _, y in projected[i]]
    scale = (WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale + 2 * MARGIN)
    fitted = [
        [((x - min(xs)) * scale + MARGIN, (y - min(ys)) * scale + MARGIN) for x, y in arc]
        for arc in projected
    ]
    simplified = [round_points(simplify_arc(arc, tolerance)) for arc in fitted]

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<!-- {NOTICE} -->",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height}" '
        'role="img" aria-label="Map of the 14 regions of the Czech Republic">',
        f"<style>{STYLE}</style>",
    ]
    for geometry in sorted(geometries, key=region_code):
        code = region_code(geometry)
        rings = [stitch_ring(ring, simplified) for ring in geometry_rings(geometry)]
        lines.append(
            f'<path id={quoteattr("region-" + code)} data-code={quoteattr(code)} '
            f'class="region" fill-rule="evenodd" d="{path_data(rings)}">'
            f"<title>{escape(region_name(geometry))}</title></path>"
        )
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the SVG (and copy the licence beside it); return the exit status."""
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    topology = json.loads(source.read_text(encoding="utf-8"))
    svg = build_svg(topology, DEFAULT_TOLERANCE)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(svg, encoding="utf-8", newline="\n")
    licence = source.parent / LICENCE_NAME
    if licence.exists():
        shutil.copyfile(licence, output.parent / LICENCE_NAME)
    else:
        print(f"warning: {licence} not found; licence text not copied", file=sys.stderr)
    print(f"{output}: {len(svg.encode('utf-8'))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
