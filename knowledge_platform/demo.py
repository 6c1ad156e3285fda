"""The demo data set that ``kp demo`` loads, so a fresh install shows real projects."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import current_app

from importers import empty_record
from knowledge_platform.db import db
from knowledge_platform.ingest.store import Source, store_record
from knowledge_platform.models import ImportRun


def load_demo() -> str:
    """Load and publish every demo record; records already loaded are left alone."""
    path = Path(current_app.config["DEMO_FOLDER"]) / "projects.json"
    run = ImportRun(started_by="kp demo")
    db.session.add(run)
    counts: dict[str, int] = {}
    for number, row in enumerate(json.loads(path.read_text("utf-8")), start=1):
        record = {**empty_record(f"{path}#row-{number}"), **row}
        raw = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
        source = Source(
            location=row.get("url") or record["source"],
            content_hash=hashlib.sha256(raw).hexdigest(),
            media_type="application/json",
            text=record.get("summary") or "",
        )
        outcome = store_record(record, source, run=run, publish=True)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    run.new_count = counts.get("new", 0)
    run.updated_count = counts.get("updated", 0)
    run.unchanged_count = counts.get("unchanged", 0)
    db.session.commit()
    return ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
