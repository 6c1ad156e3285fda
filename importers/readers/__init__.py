"""Document readers: files and folders in, ``Document``s (or ``ReadError``s) out.

Nothing here raises for bad input; every problem is yielded as a ``ReadError``.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from importers.document import Document, ReadError
from importers.readers import sniff
from importers.readers.errors import describe, human_size
from importers.readers.html_page import read_html
from importers.readers.json_rows import read_json, read_jsonl
from importers.readers.pdf import read_pdf
from importers.readers.plain import read_text
from importers.readers.sniff import EXTENSIONS, detect_kind, expanded_size
from importers.readers.spreadsheets import read_csv, read_xlsx
from importers.readers.word import read_docx

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_EXTENSIONS", "read_bytes", "read_path"]

DEFAULT_MAX_BYTES = 20_000_000
SUPPORTED_EXTENSIONS = frozenset(EXTENSIONS)

Result = Document | ReadError
ColumnMap = dict[str, str] | None

_WHOLE_FILE: dict[str, Callable[[str, bytes], Document]] = {
    "text": read_text,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}
_BULK: dict[str, Callable[[str, bytes, ColumnMap], Iterator[Result]]] = {
    "csv": read_csv,
    "xlsx": read_xlsx,
    "json": read_json,
    "jsonl": read_jsonl,
}


def read_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    column_map: dict[str, str] | None = None,
) -> Iterator[Document | ReadError]:
    """Documents from a file, or from every file under a folder (sorted, recursive).

    Bulk files (CSV, XLSX, JSON, JSON Lines) give one Document per row; problems
    come out as ReadErrors and never stop a folder walk.
    """
    source = str(path)
    try:
        info = os.stat(source)
    except FileNotFoundError:
        yield ReadError(source, "no such file or folder")
        return
    except OSError as exc:
        yield ReadError(source, _os_problem(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(source, max_bytes, column_map)
    else:
        yield from _read_file(source, info, max_bytes, column_map)


def read_bytes(
    data: bytes,
    source: str,
    *,
    max_bytes: int | None = None,
    column_map: dict[str, str] | None = None,
) -> Iterator[Document | ReadError]:
    """Documents from bytes already in memory; ``source``'s extension helps detect the type."""
    if not data:
        yield ReadError(source, "empty file")
        return
    if max_bytes is not None and len(data) > max_bytes:
        yield ReadError(source, _too_big(len(data), max_bytes))
        return
    kind = detect_kind(Path(source).suffix, data)
    if kind is None:
        yield ReadError(source, f"unsupported file type {_extension_label(source)}")
        return
    if kind in ("docx", "xlsx"):
        expanded = expanded_size(data) or 0
        if expanded > sniff.MAX_EXPANDED_BYTES:
            limit = human_size(sniff.MAX_EXPANDED_BYTES)
            problem = f"archive expands to {human_size(expanded)}, over the {limit} safety limit"
            yield ReadError(source, problem)
            return
        bomb = sniff.bomb_member(data)
        if bomb:
            yield ReadError(source, bomb)
            return
    try:
        if kind in _WHOLE_FILE:
            yield _WHOLE_FILE[kind](source, data)
        else:
            yield from _BULK[kind](source, data, column_map)
    except ReadError as exc:
        yield exc
    except Exception as exc:  # a reader bug must not end a folder walk
        yield ReadError(source, f"unexpected error while reading ({describe(exc)})")


def _walk(folder: str, max_bytes: int, column_map: ColumnMap) -> Iterator[Result]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadError(folder, _os_problem(exc))
        return
    for entry in entries:
        # Hidden files and folders (.git, .DS_Store) are never documents.
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            # Symlinked folders are not followed, so a link loop cannot trap the walk.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path, max_bytes, column_map)
                continue
            info = entry.stat(follow_symlinks=True)
        except OSError as exc:
            yield ReadError(path, _os_problem(exc))
            continue
        yield from _read_file(path, info, max_bytes, column_map)


def _read_file(
    source: str, info: os.stat_result, max_bytes: int, column_map: ColumnMap
) -> Iterator[Result]:
    if not stat.S_ISREG(info.st_mode):
        yield ReadError(source, "not a regular file")
        return
    if info.st_size > max_bytes:
        yield ReadError(source, _too_big(info.st_size, max_bytes))
        return
    try:
        with open(source, "rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        yield ReadError(source, _os_problem(exc))
        return
    if len(data) > max_bytes:
        yield ReadError(source, _too_big(len(data), max_bytes))
        return
    yield from read_bytes(data, source, column_map=column_map)


def _too_big(size: int, limit: int) -> str:
    size_text, limit_text = human_size(size), human_size(limit)
    if size_text == limit_text:
        size_text = f"{size:,} bytes"
    return f"file is {size_text}, over the {limit_text} limit"


def _extension_label(source: str) -> str:
    suffix = Path(source).suffix.lower()
    return suffix if suffix else "(no file extension)"


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or describe(exc)})"
