"""Distinct project documents for the resilience tests, rendered from bench/corpus.py's records.

Each document carries its own operational-programme registration number, so every file is a
project of its own however similar the generated titles are.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from bench.corpus import generate


def registration_number(index: int) -> str:
    """A unique, well-formed operational-programme number for document ``index``."""
    return f"CZ.03.2.63/0.0/0.0/15_007/{index:07d}"


def _lines(record: dict[str, Any], index: int) -> list[tuple[str, str]]:
    pairs = [
        ("Realizátor", record["implementer"]),
        ("Registrační číslo", registration_number(index)),
    ]
    if record["partners"]:
        pairs.append(("Partneři", "; ".join(record["partners"])))
    if record["start"] and record["end"]:
        pairs.append(("Doba realizace", f"{record['start']} – {record['end']}"))
    return pairs


def render_text(record: dict[str, Any], index: int) -> str:
    """The record as a plain-text project page: title, labelled fields, summary."""
    fields = "\n".join(f"{label}: {value}" for label, value in _lines(record, index))
    return f"{record['title']}\n\n{fields}\n\n{record['summary']}\n"


def render_html(record: dict[str, Any], index: int) -> str:
    """The record as a small HTML page with a definition list of its fields."""
    rows = "".join(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>"
                   for label, value in _lines(record, index))
    title = html.escape(record["title"])
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1><dl>{rows}</dl>"
            f"<p>{html.escape(record['summary'])}</p></main></body></html>")


def write_corpus(folder: Path, count: int, start: int = 0, seed: int = 2026) -> list[Path]:
    """``count`` documents (every third one HTML) numbered from ``start``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    records = list(generate(start + count, seed))[start:]
    paths = []
    for index, record in enumerate(records, start=start):
        if index % 3 == 2:
            path = folder / f"project-{index:05d}.html"
            path.write_text(render_html(record, index), "utf-8")
        else:
            path = folder / f"project-{index:05d}.txt"
            path.write_text(render_text(record, index), "utf-8")
        paths.append(path)
    return paths
