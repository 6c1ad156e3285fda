"""Compute which Czech districts (okresy) share a border and write them as a TSV.

Reads ``okresy.topojson`` (from jlacko/powerbi-cesko, MIT licence, copyright (c) 2021
Jindra Lacko) and writes ``importers/data/okres_neighbours.tsv``. In TopoJSON a boundary
shared by two polygons is stored once as an arc that both reference (a reversed reference
``~i`` is the negative index ``-i - 1``), so two okresy are neighbours exactly when their
geometries use at least one common arc. Standard library only::

    python scripts/okres_neighbours.py [TOPOJSON] [OUT_TSV]
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "geo" / "okresy.topojson"
DEFAULT_OUTPUT = REPO_ROOT / "importers" / "data" / "okres_neighbours.tsv"
HEADER = """\
# Neighbouring districts (okresy, LAU 1): okresy whose boundaries touch.
# Source: okresy.topojson from the public repository jlacko/powerbi-cesko, MIT licence,
# copyright (c) 2021 Jindra Lacko. Computed by scripts/okres_neighbours.py: two okresy are
# neighbours when their TopoJSON geometries share at least one arc.
# Format: okres LAU 1 code <TAB> name <TAB> neighbour codes, "|"-separated, sorted.
"""


def arc_indices(arcs) -> set[int]:
    """Every arc index used in a (nested) TopoJSON arcs list, reversed ones normalised."""
    if isinstance(arcs, int):
        return {arcs if arcs >= 0 else ~arcs}
    return set().union(*(arc_indices(part) for part in arcs)) if arcs else set()


def neighbours(topology: dict) -> dict[str, tuple[str, set[str]]]:
    """Map each okres code to its name and the codes of the okresy sharing an arc with it."""
    okresy = topology["objects"]["okresy"]["geometries"]
    users: dict[int, set[str]] = defaultdict(set)
    result: dict[str, tuple[str, set[str]]] = {}
    for geometry in okresy:
        code = geometry["properties"]["KOD_LAU1"]
        result[code] = (geometry["properties"]["NAZ_LAU1"], set())
        for index in arc_indices(geometry["arcs"]):
            users[index].add(code)
    for codes in users.values():
        for code in codes:
            result[code][1].update(codes - {code})
    return result


def render(topology: dict) -> str:
    """The TSV text: the header, then one sorted line per okres."""
    lines = [
        f"{code}\t{name}\t{'|'.join(sorted(near))}"
        for code, (name, near) in sorted(neighbours(topology).items())
    ]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    output.write_text(render(json.loads(source.read_text(encoding="utf-8"))), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
