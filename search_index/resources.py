"""Loading of the small data files in ``search_index/data``."""
from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of the data file ``name``."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not
            line.lstrip().startswith("#")]


@cache
def data_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of the data file ``name``, cells stripped."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in data_lines(name))
