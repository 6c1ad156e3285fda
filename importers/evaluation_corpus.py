"""Evaluating extraction over a folder of documents and their gold: load, extract, score.

Gold comes in two shapes: one ``expected.json`` keyed by document file name (the seeds), or
a ``<stem>.json`` beside each document (the devset). Each file must hold one document.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.document import Document, ReadError
from importers.evaluation import Evaluation, score_document
from importers.extract import extract
from importers.readers import DEFAULT_MAX_BYTES, read_path
from importers.record import empty_record

GOLD_FILE = "expected.json"
# Gold and notes live beside the documents; they are never documents themselves.
NOT_DOCUMENTS = frozenset({".json", ".md"})


@dataclass
class CorpusRun:
    """An evaluation with what kept documents out of it, and how long it took."""

    evaluation: Evaluation
    errors: list[str] = field(default_factory=list)  # unreadable: scored as nothing extracted
    without_gold: list[str] = field(default_factory=list)  # read but not scored
    seconds: float = 0.0


def load_gold(folder: Path) -> dict[str, dict[str, Any]]:
    """Gold entries keyed by document file name (expected.json) or by stem (<stem>.json).

    Keys starting with "_" in expected.json (notes, merge expectations) are not documents.
    """
    single = folder / GOLD_FILE
    if single.is_file():
        data = json.loads(single.read_text("utf-8"))
        return {name: entry for name, entry in data.items()
                if not name.startswith("_") and isinstance(entry, dict)}
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        entry = json.loads(path.read_text("utf-8"))
        if isinstance(entry, dict):
            gold[path.stem] = entry
    return gold


def gold_for(gold: dict[str, dict[str, Any]], path: Path) -> dict[str, Any] | None:
    """The gold entry of the document at ``path``: by file name, else by stem."""
    return gold.get(path.name, gold.get(path.stem))


def document_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and every document directly in the folders named (sorted; hidden
    files, .json and .md skipped)."""
    for item in map(Path, paths):
        if item.is_dir():
            yield from (path for path in sorted(item.iterdir())
                        if path.is_file() and not path.name.startswith(".")
                        and path.suffix.lower() not in NOT_DOCUMENTS)
        else:
            yield item


def extract_one(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any] | ReadError:
    """The record of the single document in ``path``, or why there is none."""
    items = list(read_path(path, max_bytes=max_bytes))
    if len(items) == 1 and isinstance(items[0], ReadError):
        return items[0]
    documents = [item for item in items if isinstance(item, Document)]
    if len(items) != 1 or len(documents) != 1:
        return ReadError(str(path), f"holds {len(items)} documents; gold describes one per file")
    try:
        return extract(documents[0])
    except Exception as error:  # an extractor bug is a miss to report, not a crash
        return ReadError(str(path), f"extraction failed ({type(error).__name__}: {error})")


def evaluate_corpus(gold_dir: str | Path, paths: Iterable[str | Path],
                    max_bytes: int = DEFAULT_MAX_BYTES) -> CorpusRun:
    """Extract every document under ``paths`` and score it against its gold in ``gold_dir``.

    A document that cannot be read or extracted is scored as an empty record, so a failure
    lowers the figures instead of leaving the corpus unnoticed; it is listed in ``errors``.
    """
    started = time.perf_counter()
    gold = load_gold(Path(gold_dir))
    run = CorpusRun(Evaluation())
    for path in document_paths(paths):
        entry = gold_for(gold, path)
        if entry is None:
            run.without_gold.append(str(path))
            continue
        record = extract_one(path, max_bytes)
        if isinstance(record, ReadError):
            run.errors.append(str(record))
            record = empty_record(str(path)) | {"is_project": None}
        run.evaluation.documents += 1
        score_document(run.evaluation, path.name, entry, record)
    run.seconds = time.perf_counter() - started
    return run
