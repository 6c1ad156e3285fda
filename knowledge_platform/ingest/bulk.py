"""Loading many trusted records fast: batches of plain INSERTs, index rows included.

For records known to be new and distinct (a synthetic benchmark corpus, a first load
of a curated export): no matching, no conflicts. Each batch is one transaction that
writes projects, links and their search rows together; the rows come from the stored
projects through ``search.index.write_rows``, the analysis every other path uses.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import insert, select

from importers.record import amounts, uncertain_fields
from knowledge_platform.catalogue import stored_facets
from knowledge_platform.db import db
from knowledge_platform.ingest.addresses import address_key
from knowledge_platform.ingest.organisations import guess_type
from knowledge_platform.models import (
    LINKS,
    Organisation,
    OrganisationAlias,
    Project,
    ProjectOrganisation,
    Role,
    SourceDocument,
    Status,
)
from knowledge_platform.search import generations, index
from knowledge_platform.text import match_key, slugify


class BulkLoader:
    """Inserts records in batches; organisations are looked up once and cached."""

    def __init__(self, publish: bool = True, batch_size: int = 1000):
        self.status = Status.PUBLISHED if publish else Status.DRAFT
        self.batch_size = batch_size
        self._organisations: dict[str, int] = {
            key: organisation_id
            for key, organisation_id in db.session.execute(
                select(OrganisationAlias.key, OrganisationAlias.organisation_id)
            )
        }

    def load(self, records: Iterable[dict[str, Any]],
             progress: Callable[[int], None] = lambda done: None) -> int:
        """Insert every record; return how many were loaded."""
        done = 0
        for batch in _batches(records, self.batch_size):
            self._insert(batch)
            db.session.commit()
            done += len(batch)
            progress(done)
        return done

    def _insert(self, records: list[dict[str, Any]]) -> None:
        now = datetime.now(UTC)
        ids = db.session.scalars(
            insert(Project).returning(Project.id, sort_by_parameter_order=True),
            [self._project_row(record, now) for record in records],
        ).all()
        links: dict[str, list[dict]] = {facet.name: [] for facet in stored_facets()}
        roles, documents = [], []
        for project_id, record in zip(ids, records, strict=True):
            for facet in stored_facets():
                links[facet.name] += [{"project_id": project_id, "code": code}
                                      for code in dict.fromkeys(record.get(facet.field)
                                                                or facet.default)]
            names = [record["implementer"]] if record.get("implementer") else []
            names += [name for name in record.get("partners") or [] if name not in names]
            for position, name in enumerate(names):
                role = Role.IMPLEMENTER if position == 0 and record.get("implementer") \
                    else Role.PARTNER
                roles.append({"project_id": project_id, "organisation_id": self._organisation(name),
                              "role": role, "position": position if role == Role.PARTNER else 0})
            documents.append(_source_row(project_id, record, now))
        for name, rows in links.items():
            if rows:
                db.session.execute(insert(LINKS[name]), rows)
        if roles:
            db.session.execute(insert(ProjectOrganisation), roles)
        db.session.execute(insert(SourceDocument), documents)
        index.write_rows(ids)
        # Rows written past the ORM are not logged one by one: caches re-read everything.
        generations.bump(db.session.connection(), reset=True)

    def _project_row(self, record: dict[str, Any], now: datetime) -> dict[str, Any]:
        language = "en" if record.get("language") == "en" else "cs"
        amount, subsidy = amounts(record)
        return {
            "slug": slugify(record.get("title") or ""),
            "language": language,
            "title_cs": record["title"] if language == "cs" else "",
            "title_en": record["title"] if language == "en" else "",
            "summary_cs": (record.get("summary") or "") if language == "cs" else "",
            "summary_en": (record.get("summary") or "") if language == "en" else "",
            "description_cs": "",
            "description_en": "",
            "registration_number": record.get("registration_number"),
            "start_date": _date(record.get("start")),
            "start_precision": record.get("start_precision") if record.get("start") else None,
            "end_date": _date(record.get("end")),
            "end_precision": record.get("end_precision") if record.get("end") else None,
            "budget_total": None if amount is None else Decimal(str(amount)),
            "subsidy": None if subsidy is None else Decimal(str(subsidy)),
            "currency": record.get("currency") or "CZK",
            "budget_approximate": bool(record.get("budget_approximate")),
            "status": self.status,
            "good_practice": False,
            "good_practice_reason_cs": "",
            "good_practice_reason_en": "",
            "good_practice_override_cs": "",
            "good_practice_override_en": "",
            "created_at": now,
            "updated_at": now,
            "row_version": 1,
        }

    def _organisation(self, name: str) -> int:
        key = match_key(name)
        if key not in self._organisations:
            organisation = Organisation(name=name, slug=slugify(name), type=guess_type(name),
                                        checked=True)  # a trusted load
            organisation.aliases.append(OrganisationAlias(name=name, key=key))
            db.session.add(organisation)
            db.session.flush()
            self._organisations[key] = organisation.id
        return self._organisations[key]


def _source_row(project_id: int, record: dict[str, Any], now: datetime) -> dict[str, Any]:
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()
    return {
        "project_id": project_id,
        "location": record["source"],
        "url": record.get("source_url"),
        "url_key": address_key(record.get("source_url")),
        "outcome": "new",
        "media_type": "application/json",
        "language": record.get("language"),
        "content_hash": hashlib.sha256(raw).hexdigest(),
        "text": record.get("summary") or "",
        "extraction": record,
        "uncertain_count": len(uncertain_fields(record)),
        "captured_at": now,
    }


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
