"""A citable data release: the data file, a codebook, a JSON Schema and a stamped release.json."""
from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from knowledge_platform.exports.codebook import codebook_rows, write_codebook_md
from knowledge_platform.exports.columns import COLUMNS
from knowledge_platform.exports.rows import export_records
from knowledge_platform.exports.schema import record_schema
from knowledge_platform.exports.writers import chunks, json_record, write_xlsx
from knowledge_platform.licences import code_licence, data_licence
from knowledge_platform.search.params import SearchParams

TITLE = "Knowledge platform of integration projects in Czechia"
TITLE_CS = "Znalostní platforma integračních projektů v Česku"


@dataclass
class Release:
    folder: Path
    version: str
    date: str
    records: int
    data_hash: str
    files: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Tally:
    """Counts the records passing through and hashes them in a format-independent form."""

    def __init__(self, records: Iterable[dict[str, Any]]):
        self.records = records
        self.count = 0
        self.digest = hashlib.sha256()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for record in self.records:
            self.count += 1
            line = json.dumps(json_record(record), ensure_ascii=False, sort_keys=True,
                              separators=(",", ":"))
            self.digest.update(line.encode() + b"\n")
            yield record


def write_release(folder: Path, formats: str | Sequence[str] = "csv", dialect: str = "comma",
                  base_url: str = "", today: date | None = None) -> Release:
    """Export every published project into ``folder`` in each of ``formats`` (the first is
    the main data file), with its codebook, schema and stamp.

    The version is the date plus a hash of the records themselves (not of the file), so
    the same data gives the same version in every format and on every re-run that day.
    """
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    folder.mkdir(parents=True, exist_ok=True)
    today = today or datetime.now(UTC).date()
    tallies = [_write_data(folder, format_, dialect, base_url) for format_ in formats]
    # Every format holds the same records: each one's tally says so.
    assert len({(tally.count, tally.digest.hexdigest()) for tally in tallies}) == 1
    data_hash = tallies[0].digest.hexdigest()
    release = Release(folder=folder, version=f"{today:%Y.%m.%d}+{data_hash[:8]}",
                      date=today.isoformat(), records=tallies[0].count, data_hash=data_hash)
    data_names = [f"projects.{format_}" for format_ in formats]
    write_codebook_md(folder / "codebook.md", release.version, release.date, data_names[0],
                      formats[0], dialect)
    with open(folder / "codebook.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerows(codebook_rows())
    (folder / "record.schema.json").write_text(
        json.dumps(record_schema(release.version), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")
    for name in (*data_names, "codebook.md", "codebook.csv", "record.schema.json"):
        release.files[name] = {"bytes": (folder / name).stat().st_size,
                               "sha256": _file_hash(folder / name)}
    stamp = _stamp(release, formats[0], dialect, base_url, data_names[0])
    stamp["data_files"] = dict(zip(formats, data_names, strict=True))
    write_stamp(folder, stamp)
    return release


def write_stamp(folder: Path, stamp: dict[str, Any]) -> None:
    """``release.json`` of the release in ``folder``."""
    (folder / "release.json").write_text(
        json.dumps(stamp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_data(folder: Path, format_: str, dialect: str, base_url: str) -> _Tally:
    tally = _Tally(export_records(SearchParams(), base_url=base_url))
    path = folder / f"projects.{format_}"
    if format_ == "xlsx":
        write_xlsx(tally, path, [("search", "(every published project)"),
                                 ("licence", data_licence()["name"] or "")])
    else:
        with open(path, "wb") as handle:
            for chunk in chunks(tally, format_, dialect):
                handle.write(chunk)
    return tally


def _stamp(release: Release, format_: str, dialect: str, base_url: str,
           data_name: str) -> dict[str, Any]:
    source = base_url or "(no public address given)"
    return {
        "title": TITLE,
        "title_cs": TITLE_CS,
        "version": release.version,
        "date": release.date,
        "records": release.records,
        "data": data_name,
        "format": format_,
        "dialect": dialect if format_ == "csv" else None,
        "columns": [column.name for column in COLUMNS],
        "data_sha256": release.data_hash,
        "data_sha256_of": "each record as compact JSON with sorted keys, one per line",
        "schema": "record.schema.json",
        "codebook": ["codebook.md", "codebook.csv"],
        "files": release.files,
        "source": base_url or None,
        "licence": data_licence(),
        "code_licence": code_licence(),
        "citation": f"{TITLE}: data release {release.version} ({release.date}). {source}",
    }


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
