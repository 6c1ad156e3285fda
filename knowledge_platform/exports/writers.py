"""Export records as CSV, JSON Lines or XLSX, produced as a stream of byte chunks."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from importers.readers.spreadsheets import FORMULA_MARK, formula_like
from knowledge_platform.exports.codebook import codebook_rows
from knowledge_platform.exports.columns import (
    BOOLEAN,
    COLUMNS,
    DATE,
    DATETIME,
    INTEGER,
    LIST_KINDS,
    MONEY,
    NAMES_OF_COLUMNS,
    SEPARATORS,
    Column,
    plain,
)

CHUNK_BYTES = 64 * 1024
BOM = "\ufeff"
# Czech Excel reads ";" as the list separator and "," as the decimal mark.
DIALECTS = {"comma": (",", "."), "semicolon": (";", ",")}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(MEDIA_TYPES)
# Kinds whose CSV cells are numbers, dates or booleans the writer makes itself: never text
# that a spreadsheet could take for a formula, and a negative amount must stay a number.
UNQUOTED_KINDS = (INTEGER, MONEY, BOOLEAN, DATE, DATETIME)


def money_text(value: Decimal, decimal: str = ".") -> str:
    """An amount without thousands separators: whole amounts bare, others with two decimals."""
    text = f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"
    return text.replace(".", decimal)


def cell_text(column: Column, value: Any, decimal: str = ".") -> str:
    """A value as one CSV cell; lists are joined with the column kind's separator."""
    if value is None:
        return ""
    if column.kind in LIST_KINDS:
        return SEPARATORS[column.kind].join(value)
    if column.kind == BOOLEAN:
        return "true" if value else "false"
    if column.kind == MONEY:
        return money_text(value, decimal)
    if column.kind in (DATE, DATETIME):
        return plain(value)
    return str(value)


def csv_cell(column: Column, value: Any, decimal: str = ".") -> str:
    """``cell_text``, with text that Excel or LibreOffice would run as a formula made inert."""
    text = cell_text(column, value, decimal)
    if column.kind not in UNQUOTED_KINDS and formula_like(text):
        # OWASP's advice on CSV injection; the CSV reader takes one mark off again.
        return FORMULA_MARK + text
    return text


def csv_chunks(records: Iterable[dict[str, Any]], dialect: str = "comma") -> Iterator[bytes]:
    """CSV in UTF-8 with a BOM (so Excel reads Czech letters right), a header row first."""
    delimiter, decimal = DIALECTS[dialect]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(NAMES_OF_COLUMNS)
    for record in records:
        writer.writerow([csv_cell(column, record[column.name], decimal) for column in COLUMNS])
        if buffer.tell() >= CHUNK_BYTES:
            yield _drain(buffer)
    yield _drain(buffer)


def json_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record as JSON values: ISO dates, numbers for amounts, arrays for lists."""
    return {name: plain(value) for name, value in record.items()}


def jsonl_chunks(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """JSON Lines: one UTF-8 JSON object per project and line."""
    buffer = io.StringIO()
    for record in records:
        buffer.write(json.dumps(json_record(record), ensure_ascii=False))
        buffer.write("\n")
        if buffer.tell() >= CHUNK_BYTES:
            yield _drain(buffer)
    yield _drain(buffer)


def write_xlsx(records: Iterable[dict[str, Any]], path: str | os.PathLike,
               about: Sequence[tuple[str, str]] = ()) -> None:
    """An XLSX workbook: a sheet of projects, the codebook, and what produced it (``about``:
    (name, value) rows, the record count added); write-only mode keeps memory flat."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("projects")
    sheet.freeze_panes = "A2"
    sheet.append(_bold_row(sheet, NAMES_OF_COLUMNS))
    count = 0
    for record in records:
        sheet.append([_xlsx_cell(sheet, column, record[column.name]) for column in COLUMNS])
        count += 1
    codebook = workbook.create_sheet("codebook")
    rows = iter(codebook_rows())
    codebook.append(_bold_row(codebook, next(rows)))
    for row in rows:
        codebook.append(list(row))
    made = workbook.create_sheet("about")
    for name, value in (*about, ("records", str(count)),
                        ("made", datetime.now(UTC).isoformat(timespec="seconds"))):
        made.append([_bold_row(made, (name,))[0], value])
    workbook.save(path)


def _bold_row(sheet, values: Sequence[str]) -> list:
    bold = Font(bold=True)
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        cells.append(cell)
    return cells


def xlsx_chunks(records: Iterable[dict[str, Any]],
                about: Sequence[tuple[str, str]] = ()) -> Iterator[bytes]:
    """XLSX bytes: the workbook is written to a temporary file, then read out in chunks."""
    handle, path = tempfile.mkstemp(prefix="kp-export-", suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(records, path, about)
        with open(path, "rb") as workbook:
            while chunk := workbook.read(CHUNK_BYTES):
                yield chunk
    finally:
        os.unlink(path)


def chunks(records: Iterable[dict[str, Any]], format_: str, dialect: str = "comma",
           about: Sequence[tuple[str, str]] = ()) -> Iterator[bytes]:
    """The bytes of ``records`` in ``format_`` (csv, jsonl or xlsx; only an XLSX workbook
    has room for ``about``, the rows saying what produced it)."""
    if format_ == "csv":
        return csv_chunks(records, dialect)
    if format_ == "jsonl":
        return jsonl_chunks(records)
    return xlsx_chunks(records, about)


def _xlsx_cell(sheet, column: Column, value: Any):
    if value is None:
        return None
    if column.kind in LIST_KINDS:
        value = SEPARATORS[column.kind].join(value)
    elif column.kind == DATETIME:
        # Excel has no time zones; the codebook says these are UTC.
        value = value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith("="):
        # openpyxl would store text starting with "=" as a formula; keep it text.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def default_filename(format_: str, dialect: str = "comma", day: datetime | None = None) -> str:
    """A download's file name, e.g. ``projects-2026-11-23.csv``."""
    stamp = (day or datetime.now(UTC)).strftime("%Y-%m-%d")
    variant = "-semicolon" if format_ == "csv" and dialect == "semicolon" else ""
    return f"projects-{stamp}{variant}.{format_}"
