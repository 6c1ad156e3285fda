"""CSV and XLSX readers: the first non-empty row is the header, each later row a project."""
from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from openpyxl import load_workbook

from importers.document import Document, ReadError
from importers.readers.bulk_rows import Row, cell_text, rows_to_documents, unique_headers
from importers.readers.errors import describe
from importers.readers.plain import decode_or_fail
from importers.readers.sniff import MEDIA_TYPES

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

DELIMITERS = (";", ",", "\t")
# A sheet's cells are read up to these limits: a few bytes of XML can place one cell at
# XFD1048576, and every row and column before it would be filled in.
MAX_COLUMNS = 500
MAX_CELLS = 5_000_000
# Text starting with one of these is a formula to Excel and LibreOffice. The platform's CSV
# export puts FORMULA_MARK before such text (OWASP's advice on CSV injection), and before
# text that already starts with marks and then one of these, so that reading a CSV can take
# exactly one mark off again and an export imports back as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_MARK = "'"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most cells (comma on a tie)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    best, best_cells = ",", 1
    for delimiter in DELIMITERS:
        try:
            cells = len(next(csv.reader([header], delimiter=delimiter)))
        except (csv.Error, StopIteration):
            continue
        if cells > best_cells or (cells == best_cells and delimiter == ","):
            best, best_cells = delimiter, cells
    return best


def read_csv(
    source: str, data: bytes, column_map: dict[str, str] | None = None
) -> Iterator[Document | ReadError]:
    """One Document per CSV data row (UTF-8, UTF-8 with BOM or Windows-1250)."""
    text = unicodedata.normalize("NFC", decode_or_fail(source, data))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        table = [[unmark_formula(cell) for cell in row] for row in reader]
    except csv.Error as exc:
        raise ReadError(source, f"malformed CSV at line {reader.line_num}: {exc}") from exc
    yield from _table_documents(source, MEDIA_TYPES["csv"], table, column_map)


def formula_like(text: str) -> bool:
    """Whether ``text``, after any FORMULA_MARKs, starts like a formula."""
    return text.lstrip(FORMULA_MARK).startswith(FORMULA_STARTS)


def unmark_formula(cell: str) -> str:
    """``cell`` without the FORMULA_MARK that an export put before formula-like text."""
    if cell.startswith(FORMULA_MARK) and formula_like(cell):
        return cell[1:]
    return cell


def read_xlsx(
    source: str, data: bytes, column_map: dict[str, str] | None = None
) -> Iterator[Document | ReadError]:
    """One Document per data row of the workbook's first sheet."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, lxml and openpyxl each raise their own types
        raise ReadError(source, f"not a readable XLSX workbook ({describe(exc)})") from exc
    try:
        if not workbook.worksheets:
            raise ReadError(source, "XLSX workbook has no sheets")
        table = _sheet_rows(source, workbook.worksheets[0])
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(source, f"not a readable XLSX workbook ({describe(exc)})") from exc
    finally:
        workbook.close()
    yield from _table_documents(source, MEDIA_TYPES["xlsx"], table, column_map)


def _sheet_rows(source: str, sheet: ReadOnlyWorksheet) -> list[tuple[object, ...]]:
    """The sheet's rows as they are stored, cut to MAX_COLUMNS; ReadError past MAX_CELLS."""
    # The declared dimension ("A1:XFD1048576") would pad every row to its width.
    sheet.reset_dimensions()
    table: list[tuple[object, ...]] = []
    cells = 0
    for row in sheet.iter_rows(values_only=True):
        row = tuple(row[:MAX_COLUMNS]) if row else ()
        cells += len(row)
        if cells > MAX_CELLS:
            raise ReadError(source, f"XLSX sheet has more than {MAX_CELLS:,} cells")
        table.append(row)
    return table


def _table_documents(
    source: str,
    media_type: str,
    table: Sequence[Sequence[object]],
    column_map: dict[str, str] | None,
) -> Iterator[Document | ReadError]:
    start = next((i for i, row in enumerate(table) if any(cell_text(c) for c in row)), None)
    if start is None:
        raise ReadError(source, "file has no rows")
    headers = unique_headers(table[start])
    body = table[start + 1 :]
    if not any(any(cell_text(c) for c in row) for row in body):
        raise ReadError(source, "no data rows below the header row")
    yield from rows_to_documents(source, media_type, headers, _rows(headers, body), column_map)


def _rows(headers: list[str], body: Sequence[Sequence[object]]) -> Iterator[Row]:
    for number, cells in enumerate(body, start=1):
        if not cells:
            continue  # a row the sheet does not store (_sheet_rows): nothing to name
        names = list(headers)
        # Cells past the header row's width still count; they get placeholder names.
        names += [f"column {i}" for i in range(len(names) + 1, len(cells) + 1)]
        pairs = [(name, cell_text(cell)) for name, cell in zip(names, cells, strict=False)]
        yield Row(number=number, pairs=pairs)
