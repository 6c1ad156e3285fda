"""Duplicate detection on the demo corpus: precision and recall over pairs of documents.

    python bench/duplicates_eval.py            # loads the demo into a temporary database

Two documents are judged "the same project" when the import stored them as one project or
linked their projects as possible duplicates. The gold pairs are demo/duplicates.json's
groups, annotated by reading the texts (not from the platform's output).
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from knowledge_platform.db import db  # noqa: E402
from knowledge_platform.models import (  # noqa: E402
    ProjectRelation,
    RelationKind,
    SourceDocument,
)

GOLD = ROOT / "demo" / "duplicates.json"


def gold_pairs(path: Path = GOLD) -> set[frozenset[str]]:
    """Every pair of documents inside one of the gold groups."""
    groups = json.loads(path.read_text(encoding="utf-8"))["groups"]
    return {frozenset(pair) for group in groups for pair in combinations(group["documents"], 2)}


def predicted_pairs(folder: str) -> set[frozenset[str]]:
    """Pairs of documents (relative to ``folder``) stored as one project or flagged as twins."""
    by_project: dict[int, list[str]] = {}
    for location, project_id in db.session.execute(
            select(SourceDocument.location, SourceDocument.project_id)
            .where(SourceDocument.project_id.isnot(None))):
        name = os.path.relpath(location.split("#")[0], folder)
        name += "#" + location.split("#", 1)[1] if "#" in location else ""
        by_project.setdefault(project_id, []).append(name)
    pairs = {frozenset(pair) for names in by_project.values()
             for pair in combinations(sorted(set(names)), 2)}
    for first, second in db.session.execute(
            select(ProjectRelation.from_project_id, ProjectRelation.to_project_id)
            .where(ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE)):
        pairs |= {frozenset((a, b)) for a in by_project.get(first, [])
                  for b in by_project.get(second, [])}
    return pairs


def scores(gold: set, predicted: set) -> tuple[float, float]:
    """(precision, recall) of ``predicted`` against ``gold``."""
    hits = len(gold & predicted)
    return (hits / len(predicted) if predicted else 1.0, hits / len(gold) if gold else 1.0)


def main() -> None:
    """Load the demo into a fresh database and print the figures and every miss."""
    from flask_migrate import upgrade

    from knowledge_platform import create_app
    from knowledge_platform.db import MIGRATIONS
    from knowledge_platform.demo import load_demo

    folder = Path(tempfile.mkdtemp(prefix="kp-duplicates-"))
    os.environ["KP_INSTANCE_PATH"] = str(folder / "instance")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}"})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        load_demo()
        predicted = predicted_pairs(str(Path(app.config["DEMO_FOLDER"]) / "documents"))
    gold = gold_pairs()
    precision, recall = scores(gold, predicted)
    print(f"gold pairs {len(gold)}, predicted {len(predicted)}, found {len(gold & predicted)}")
    print(f"precision {precision:.2f}  recall {recall:.2f}")
    for label, pairs in (("missed", gold - predicted), ("false alarm", predicted - gold)):
        for pair in sorted(sorted(pair) for pair in pairs):
            print(f"{label:<12} {' + '.join(pair)}")


if __name__ == "__main__":
    main()
