"""Factories for test data: small, valid records with overridable fields."""
from __future__ import annotations

import hashlib
import itertools
import json
from typing import Any

from importers import empty_record
from knowledge_platform.db import db
from knowledge_platform.ingest.store import Outcome, Source, store_record

_counter = itertools.count(1)


def record(**fields: Any) -> dict[str, Any]:
    """An extracted record as the importers produce it, with a unique title by default."""
    number = next(_counter)
    base = empty_record(f"test-{number}.txt")
    base.update(
        language="cs",
        title=f"Kurzy češtiny pro cizince {number}",
        implementer="Centrum pro integraci cizinců",
        regions=["CZ010"],
        funders=["AMIF", "MV_CR"],
    )
    base.update(fields)
    return base


def store(data: dict[str, Any], location: str | None = None, publish: bool = True) -> Outcome:
    """Store ``data`` as if imported from ``location`` and commit."""
    raw = json.dumps(data, sort_keys=True, default=str).encode()
    source = Source(
        location=location or data["source"], content_hash=hashlib.sha256(raw).hexdigest()
    )
    outcome = store_record(data, source, publish=publish)
    db.session.commit()
    return outcome
