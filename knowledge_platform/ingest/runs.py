"""Import runs: read documents, extract records, store each in its own transaction."""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from importers import Document, ReadError
from importers.extract import extract
from importers.readers import read_path
from knowledge_platform.db import db, describe_error
from knowledge_platform.ingest.directory import AliasDirectory, alias_directory
from knowledge_platform.ingest.liveness import close_interrupted_runs, hold_run
from knowledge_platform.ingest.prepared import Prepared, describe_problem, prepare
from knowledge_platform.ingest.store import Source, store_record
from knowledge_platform.ingest.terms import term_cache
from knowledge_platform.ingest.workers import prepared_in_workers
from knowledge_platform.models import ImportRun

OUTCOMES = ("new", "updated", "unchanged", "skipped", "failed")
log = logging.getLogger(__name__)


@dataclass
class FileResult:
    """What happened to one document (a file, or one row of a bulk file)."""

    source: str
    status: str
    message: str = ""
    project_id: int | None = None
    # What went wrong when ``message`` alone does not tell (it goes to the log, not the report).
    error: Exception | None = field(default=None, repr=False, compare=False)


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    run_id: int | None = None

    @property
    def counts(self) -> Counter:
        return Counter(result.status for result in self.results)

    def summary(self) -> str:
        """One line: "new 3, updated 1, unchanged 0, skipped 0, failed 1"."""
        counts = self.counts
        return ", ".join(f"{status} {counts.get(status, 0)}" for status in OUTCOMES)


def read_documents(paths: Iterable[str], max_bytes: int) -> Iterator[Document | ReadError]:
    """Every document under ``paths``, or a ReadError for each that cannot be read."""
    for path in paths:
        yield from read_path(path, max_bytes=max_bytes)


def extract_all(paths: Iterable[str], max_bytes: int) -> Iterator[dict[str, Any] | ReadError]:
    """Readers and extraction only: a record per document, or its error."""
    for item in read_documents(paths, max_bytes):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield extract(item)
        except Exception as error:  # an extractor bug must not stop the run
            yield ReadError(item.source, f"extraction failed ({type(error).__name__}: {error})")


def prepared_documents(paths: Iterable[str], max_bytes: int, jobs: int = 1) -> Iterator[Prepared]:
    """Every document under ``paths`` read and extracted, in order; by ``jobs`` processes."""
    if jobs > 1:
        return prepared_in_workers(paths, max_bytes, jobs)
    return (prepare(item) for item in read_documents(paths, max_bytes))


def import_paths(
    paths: Iterable[str],
    *,
    max_bytes: int,
    publish: bool = False,
    dry_run: bool = False,
    started_by: str = "kp import",
    progress: Callable[[Iterator], Iterator] = lambda items: items,
    jobs: int = 1,
) -> ImportReport:
    """Import every document under ``paths``; a failing one is reported and the rest go on.

    Each document is stored and committed on its own, so a failure loses nothing
    else; ``dry_run`` rolls every document back and stores no run. ``jobs`` processes
    read and extract; this one stores, in input order, so the outcome is the same.
    """
    run = ImportRun(started_by=started_by)
    db.session.add(run)
    # A real run's id names its liveness lock, taken before anyone can see the run; a dry
    # run's write opens the transaction that every document's savepoint nests in (pysqlite
    # would otherwise commit on releasing an outermost savepoint).
    db.session.flush()
    run_id = run.id  # read once: every document's commit expires the run
    with ExitStack() as alive:
        if not dry_run:
            alive.enter_context(hold_run(run_id))
            db.session.commit()
            close_interrupted_runs()
        report = ImportReport(run_id=None if dry_run else run_id)
        # Organisation aliases and vocabulary terms are read once per run, not per document.
        directory = alive.enter_context(alias_directory())
        alive.enter_context(term_cache())
        started = time.perf_counter()
        paths = list(paths)  # named in the log line, then read
        log.info("import started", extra={
            "run_id": report.run_id, "paths": paths, "publish": publish,
            "dry_run": dry_run, "started_by": started_by, "jobs": jobs})
        for item in progress(prepared_documents(paths, max_bytes, jobs)):
            result = _import_one(item, run_id, started_by, publish, dry_run, directory)
            report.results.append(result)
            if result.status == "failed":
                log.warning("import file failed", exc_info=result.error, extra={
                    "run_id": report.run_id, "source": result.source,
                    "problem": result.message})
        if dry_run:
            db.session.rollback()  # later documents saw the earlier ones; now all are undone
        else:
            _finish(run, report)
    counts = report.counts
    log.info("import finished", extra={
        "run_id": report.run_id, "dry_run": dry_run, **{s: counts[s] for s in OUTCOMES},
        "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
    return report


def _import_one(item: Prepared, run_id: int, actor: str, publish: bool, dry_run: bool,
                directory: AliasDirectory) -> FileResult:
    if item.record is None:
        return FileResult(item.location, "failed", item.problem, error=item.error)
    # A dry run keeps each document in a savepoint of one transaction it never commits.
    savepoint = db.session.begin_nested() if dry_run else None
    try:
        source = Source(location=item.location, content_hash=item.content_hash,
                        media_type=item.media_type, text=item.text)
        outcome = store_record(item.record, source, run_id=run_id, actor=actor, publish=publish)
        project_id = outcome.project_id if not dry_run else None
        if savepoint:
            savepoint.commit()
        else:
            db.session.commit()
        directory.commit()
        return FileResult(item.location, outcome.status, outcome.message, project_id)
    except Exception as error:  # reported per file; the run goes on
        if savepoint:
            savepoint.rollback()
        else:
            db.session.rollback()
        directory.rollback()
        # A ValueError's words are the whole story; anything else is logged in full.
        return FileResult(item.location, "failed", _describe(error),
                          error=None if isinstance(error, ValueError) else error)


def _describe(error: Exception) -> str:
    if isinstance(error, SQLAlchemyError):
        # SQLAlchemy's own text adds the statement, its parameters and a link to its site;
        # the driver's first line names the problem ("value too long ...").
        return f"database error: {describe_error(error)}"[:300]
    return describe_problem(error)


def _finish(run: ImportRun, report: ImportReport) -> None:
    counts = report.counts
    run = db.session.merge(run)
    run.new_count = counts["new"]
    run.updated_count = counts["updated"]
    run.unchanged_count = counts["unchanged"]
    run.skipped_count = counts["skipped"]
    run.failed_count = counts["failed"]
    run.errors = [
        {"source": r.source, "problem": r.message} for r in report.results if r.status == "failed"
    ]
    run.finished_at = datetime.now(UTC)
    db.session.commit()
