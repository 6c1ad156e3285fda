"""Extraction quality on the shared corpora must not fall below the floors measured at baseline.

Run with ``-s`` to see each corpus's field and miss tables. The seeds' per-document
expectations are asserted exactly by tests/importers/extract/test_seeds.py; this guard only
watches the aggregate figures, on the seeds, the devset and the team's fresh pages
(tests/importers/fresh_pages*/, written from public facts without looking at the extractor).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers.evaluation_corpus import evaluate_corpus
from importers.evaluation_report import render_text

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FLOORS = json.loads((Path(__file__).parent / "extraction_floor.json").read_text("utf-8"))
CORPORA = sorted(name for name in FLOORS if not name.startswith("_"))

pytestmark = pytest.mark.seeds


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_field_drops_below_its_floor(corpus):
    folder = SHARED / corpus if (SHARED / corpus).is_dir() else Path(__file__).parent / corpus
    if not folder.is_dir():
        pytest.skip(f"the shared {corpus} corpus is not beside this clone ({folder})")
    run = evaluate_corpus(folder, [folder])
    # Unreadable documents count as empty records, so they show up as drops too.
    problems = "".join(f"\nerror: {error}" for error in run.errors)
    print(f"\n== {corpus} ({run.seconds:.1f} s){problems}\n{render_text(run.evaluation)}")
    figures = run.evaluation.figures()
    drops = [f"{corpus}: {field} is {_shown(figures.get(field))}, below its floor {floor}"
             for field, floor in FLOORS[corpus].items()
             if figures.get(field, -1.0) < floor]
    assert not drops, "extraction quality fell:\n" + "\n".join(drops)


def _shown(figure: float | None) -> str:
    return "not measured" if figure is None else f"{figure:.4f}"
