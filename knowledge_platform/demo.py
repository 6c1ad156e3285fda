"""The demo data set that ``kp demo`` loads, so a fresh install shows real projects."""
from __future__ import annotations

import json
from pathlib import Path

from flask import current_app
from sqlalchemy import or_, select

from knowledge_platform.db import db
from knowledge_platform.ingest.runs import ImportReport, import_paths
from knowledge_platform.models import Evaluation, Project
from knowledge_platform.models.evaluations import checked_criteria


def load_demo() -> ImportReport:
    """Import and publish the demo documents, then add the sample evaluations; documents
    and evaluations already loaded stay unchanged."""
    folder = Path(current_app.config["DEMO_FOLDER"])
    report = import_paths(
        [str(folder / "documents")],
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        publish=True,
        started_by="kp demo",
    )
    add_evaluations(folder / "evaluations.json")
    return report


def add_evaluations(path: Path) -> int:
    """Attach the sample evaluations of ``path`` and award their good-practice badges."""
    added = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["evaluations"]:
        title = entry["title"]
        project = db.session.scalars(select(Project).where(
            or_(Project.title_cs == title, Project.title_en == title))).first()
        if project is None:
            raise LookupError(f"{path.name}: no demo project titled {title!r}")
        if any(e.reviewer == entry["reviewer"] for e in project.evaluations):
            continue
        project.evaluations.append(Evaluation(reviewer=entry["reviewer"],
                                              criteria=checked_criteria(entry["criteria"])))
        project.good_practice = True
        project.good_practice_reason = entry["good_practice_reason"]
        added += 1
    db.session.commit()
    return added
