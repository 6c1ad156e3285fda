"""Tests for scripts/make_region_map.py and the committed regions.svg it generates."""
from __future__ import annotations

import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "make_region_map.py"
GEO = REPO_ROOT.parent / "shared" / "geo"
SOURCE = GEO / "kraje.topojson"
COMMITTED = REPO_ROOT / "knowledge_platform" / "static" / "map" / "regions.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"
CODES = {
    "CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051",
    "CZ052", "CZ053", "CZ063", "CZ064", "CZ071", "CZ072", "CZ080",
}
MAX_BYTES = 40 * 1024
TOKEN = re.compile(r"\s*(?:([MLZ])|(-?\d+(?:\.\d+)?))\s*")


def load_script():
    """Import the script as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_region_map", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> str:
    """A fresh generation from the shared TopoJSON; skips when the source is absent."""
    if not SOURCE.exists():
        pytest.skip(f"region source {SOURCE} not available")
    module = load_script()
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    return module.build_svg(topology, module.DEFAULT_TOLERANCE)


def parse_path(d: str) -> list[list[tuple[float, float]]]:
    """Parse path data made only of M/L/Z commands and numbers into rings."""
    position, tokens = 0, []
    while position < len(d):
        match = TOKEN.match(d, position)
        assert match and match.end() > position, f"unexpected path data at {d[position:][:20]!r}"
        tokens.append(match.group(1) or float(match.group(2)))
        position = match.end()
    rings: list[list[tuple[float, float]]] = []
    i = 0
    while i < len(tokens):
        command = tokens[i]
        assert command in ("M", "L", "Z"), f"expected a command, got {command!r}"
        if command == "Z":
            i += 1
            continue
        x, y = tokens[i + 1], tokens[i + 2]
        assert isinstance(x, float) and isinstance(y, float)
        if command == "M":
            rings.append([])
        assert rings, "path must start with M"
        rings[-1].append((x, y))
        i += 3
    return rings


def regions(svg: str) -> tuple[ET.Element, dict[str, list[list[tuple[float, float]]]]]:
    """Return the root element and each region's rings keyed by its code."""
    root = ET.fromstring(svg.encode("utf-8"))
    paths = root.findall(f"{SVG_NS}path")
    result = {}
    for path in paths:
        code = path.get("data-code")
        assert path.get("id") == f"region-{code}"
        assert path.get("class") == "region"
        assert path.find(f"{SVG_NS}title").text.strip()
        result[code] = parse_path(path.get("d"))
    assert len(result) == len(paths), "duplicate region codes"
    return root, result


def bbox(rings):
    """Return (min x, min y, max x, max y) of rings."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def check_svg(svg: str) -> None:
    """Shared checks on a generated or committed SVG."""
    assert len(svg.encode("utf-8")) < MAX_BYTES
    assert "jlacko/powerbi-cesko" in svg.split("<svg", 1)[0]
    root, by_code = regions(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert set(by_code) == CODES
    assert root.find(f"{SVG_NS}script") is None
    assert "href" not in svg and "url(" not in svg
    min_x, min_y, width, height = map(float, root.get("viewBox").split())
    for code, rings in by_code.items():
        assert rings and all(len(ring) >= 3 for ring in rings), code
        x0, y0, x1, y1 = bbox(rings)
        assert min_x <= x0 and x1 <= min_x + width, code
        assert min_y <= y0 and y1 <= min_y + height, code


def test_build_svg_has_the_14_regions_inside_the_viewbox(generated):
    check_svg(generated)


def test_neighbouring_regions_share_boundary_vertices(generated):
    _, by_code = regions(generated)

    def vertices(code):
        return {point for ring in by_code[code] for point in ring}

    assert len(vertices("CZ064") & vertices("CZ063")) >= 3
    assert len(vertices("CZ020") & vertices("CZ010")) >= 3
    assert len(vertices("CZ071") & vertices("CZ080")) >= 3


def test_prague_lies_inside_central_bohemia(generated):
    _, by_code = regions(generated)
    px0, py0, px1, py1 = bbox(by_code["CZ010"])
    cx0, cy0, cx1, cy1 = bbox(by_code["CZ020"])
    assert cx0 < px0 and px1 < cx1 and cy0 < py0 and py1 < cy1


def test_committed_svg_is_valid_and_licensed():
    assert COMMITTED.exists(), "run scripts/make_region_map.py to generate regions.svg"
    check_svg(COMMITTED.read_text(encoding="utf-8"))
    assert COMMITTED.stat().st_size < MAX_BYTES
    licence = COMMITTED.parent / "LICENSE-kraje.txt"
    assert "Jindra Lacko" in licence.read_text(encoding="utf-8")


def test_committed_svg_is_fresh(generated):
    assert COMMITTED.read_text(encoding="utf-8") == generated, (
        "regions.svg is stale: run python scripts/make_region_map.py"
    )
