"""The demo data set that ``kp demo`` loads, so a fresh install shows real projects."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from knowledge_platform.ingest.runs import ImportReport, import_paths


def load_demo() -> ImportReport:
    """Import and publish the demo documents; documents already imported stay unchanged."""
    folder = Path(current_app.config["DEMO_FOLDER"]) / "documents"
    return import_paths(
        [str(folder)],
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        publish=True,
        started_by="kp demo",
    )
