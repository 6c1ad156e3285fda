"""Plain-text tables of an evaluation: the figure per field, then every miss per document."""
from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from importers.evaluation import SET_FIELDS, Evaluation, Miss

# Cell widths: wide enough to tell values apart, narrow enough for a terminal or CI log.
VALUE_WIDTH = 34
EVIDENCE_WIDTH = 60
DOCUMENT_WIDTH = 28


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis when longer."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


def field_table(evaluation: Evaluation) -> str:
    """One row per field: measure, figure, documents judged and the counts behind it."""
    rows = [("field", "measure", "value", "judged", "detail")]
    for name, score in evaluation.scores.items():
        figure = score.figure
        if score.kind == "accuracy":
            detail = f"{score.right}/{score.judged} right"
        else:
            detail = (f"P {score.precision:.2f} R {score.recall:.2f} "
                      f"(tp {score.tp}, fp {score.fp}, fn {score.fn})")
        rows.append((name, "accuracy" if score.kind == "accuracy" else "F1",
                     "-" if figure is None else f"{figure:.2f}", str(score.judged),
                     detail if score.judged else "not judged"))
    return _table(rows, right_aligned={2, 3})


def miss_table(evaluation: Evaluation) -> str:
    """One row per missed field, grouped by document: gold, extracted and the evidence."""
    if not evaluation.misses:
        return "no misses"
    rows = [("document", "field", "gold", "extracted", "evidence")]
    previous = None
    for miss in sorted(evaluation.misses, key=lambda m: m.document):
        gold, extracted = _cells(miss)
        document = "" if miss.document == previous else shorten(miss.document, DOCUMENT_WIDTH)
        previous = miss.document
        rows.append((document, miss.field, gold, extracted,
                     shorten(miss.evidence, EVIDENCE_WIDTH) if miss.evidence else "-"))
    return _table(rows)


def render_text(evaluation: Evaluation) -> str:
    """The field table, then the miss table, as ``kp extract --evaluate`` prints them."""
    return (f"documents scored: {evaluation.documents}\n\n{field_table(evaluation)}\n\n"
            f"misses ({len(evaluation.misses)})\n{miss_table(evaluation)}")


def _cells(miss: Miss) -> tuple[str, str]:
    # For a set the difference is what matters; the whole sets would be cut off.
    if miss.field in SET_FIELDS:
        return (shorten("missing: " + ", ".join(miss.missing), VALUE_WIDTH) if miss.missing
                else "-", shorten("extra: " + ", ".join(miss.extra), VALUE_WIDTH)
                if miss.extra else "-")
    return shorten(_value(miss.gold), VALUE_WIDTH), shorten(_value(miss.extracted), VALUE_WIDTH)


def _value(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(rows: Sequence[Sequence[str]], right_aligned: Collection[int] = frozenset()) -> str:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(width) if column in right_aligned else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
