"""Horizontal bar charts drawn on the server as inline SVG: no JavaScript, no library.

Each bar's label sits on its own line above the bar, so long funder names fit on a phone,
and its value is written at the bar's end. The chart is an image with a title and a
description; the table printed beside it carries the figures for assistive technology.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

BACKGROUND = "#ffffff"
INK = "#1b1f24"
# Bar colours, each at least 3:1 against BACKGROUND (WCAG 2.1, 1.4.11 non-text contrast).
PALETTE = ("#1d5a9e", "#9c4a00", "#2f6b34", "#7a3b8f")

WIDTH = 480
ROW = 42  # a label line and a bar
INLINE_ROW = 22  # a bar with its label beside it
INLINE_LABEL = 12  # characters: labels up to this long go beside their bars
CHAR_WIDTH = 8.5  # a generous average character width at LABEL_SIZE
PAD = 6
BAR_HEIGHT = 14
LABEL_SIZE = 14
VALUE_SPACE = 130  # room right of the longest bar for its value
MAX_LABEL = 60  # characters; longer labels are cut with an ellipsis (the full one is the tooltip)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | int | Decimal
    text: str  # the value formatted for the locale


def bar_chart(bars: Sequence[Bar], ident: str, title: str, description: str,
              colour: str = PALETTE[0]) -> Markup:
    """An SVG bar chart of ``bars``, labelled by ``title`` and ``description``."""
    # Short labels (years) sit left of their bars on one line; longer ones above them.
    inline = all(len(bar.label) <= INLINE_LABEL for bar in bars)
    row = INLINE_ROW if inline else ROW
    indent = (CHAR_WIDTH * max((len(bar.label) for bar in bars), default=0) + 8) if inline else 0
    height = 2 * PAD + row * len(bars)
    largest = max((float(bar.value) for bar in bars), default=0) or 1
    span = WIDTH - VALUE_SPACE - indent
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(ident)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{escape(ident)}-title {escape(ident)}-desc" '
        f'font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, sans-serif">',
        f'<title id="{escape(ident)}-title">{escape(title)}</title>',
        f'<desc id="{escape(ident)}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        top = PAD + index * row
        bar_top = top + (4 if inline else LABEL_SIZE + 5)
        value = float(bar.value)
        # A bar for a non-zero value stays visible however small it is beside the largest.
        length = 0.0 if value <= 0 else max(2.0, round(span * value / largest, 1))
        label = (f'x="{indent - 8}" y="{bar_top + BAR_HEIGHT - 2}" text-anchor="end"' if inline
                 else f'x="0" y="{top + LABEL_SIZE}"')
        parts.append(
            f'<g class="bar-row"><title>{escape(bar.label)}: {escape(bar.text)}</title>'
            f'<text class="bar-label" {label} font-size="{LABEL_SIZE}" '
            f'fill="{INK}">{escape(_shorten(bar.label))}</text>'
            f'<rect class="bar" x="{indent}" y="{bar_top}" width="{length:g}" '
            f'height="{BAR_HEIGHT}" fill="{colour}" data-value="{escape(str(bar.value))}"/>'
            f'<text class="bar-value" x="{indent + length + 6:g}" y="{bar_top + BAR_HEIGHT - 2}" '
            f'font-size="{LABEL_SIZE - 1}" fill="{INK}">{escape(bar.text)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1].rstrip() + "…"


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two "#rrggbb" colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


CELL_WIDTH, CELL_HEIGHT = 34, 24
HEAT_LABEL = 28  # characters of a row or column label before it is cut


def heatmap(row_labels: Sequence[str], column_labels: Sequence[str],
            values: Sequence[Sequence[int]], ident: str, title: str, description: str) -> Markup:
    """An SVG grid of ``values`` (one list per row), each cell shaded by its share of the
    largest and carrying its number; labels of rows on the left, of columns above, slanted."""
    left = CHAR_WIDTH * min(HEAT_LABEL, max((len(label) for label in row_labels), default=0)) + 8
    top = CHAR_WIDTH * 0.72 * min(HEAT_LABEL, max((len(c) for c in column_labels), default=0)) + 12
    width = left + CELL_WIDTH * len(column_labels) + PAD
    height = top + CELL_HEIGHT * len(row_labels) + PAD
    largest = max((value for row in values for value in row), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" id="{escape(ident)}" '
        f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" role="img" '
        f'aria-labelledby="{escape(ident)}-title {escape(ident)}-desc" '
        f'font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, sans-serif">',
        f'<title id="{escape(ident)}-title">{escape(title)}</title>',
        f'<desc id="{escape(ident)}-desc">{escape(description)}</desc>',
    ]
    for index, label in enumerate(column_labels):
        x = left + CELL_WIDTH * (index + 0.5)
        parts.append(f'<text x="{x:g}" y="{top - 6:g}" font-size="12" fill="{INK}" '
                     f'transform="rotate(-45 {x:g} {top - 6:g})">{escape(_cut(label))}</text>')
    for row_index, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        y = top + CELL_HEIGHT * row_index
        parts.append(f'<text x="{left - 8:g}" y="{y + CELL_HEIGHT - 8:g}" text-anchor="end" '
                     f'font-size="12" fill="{INK}">{escape(_cut(label))}</text>')
        for column_index, value in enumerate(row):
            x = left + CELL_WIDTH * column_index
            share = value / largest
            # Dark cells carry white numbers; light ones the ink colour (both 4.5:1 or more).
            ink = BACKGROUND if share > 0.55 else INK
            parts.append(
                f'<g class="cell"><title>{escape(label)}, {escape(column_labels[column_index])}: '
                f'{value}</title><rect x="{x:g}" y="{y:g}" width="{CELL_WIDTH - 2}" '
                f'height="{CELL_HEIGHT - 2}" fill="{PALETTE[0]}" '
                f'fill-opacity="{0.06 + 0.94 * share:.2f}" data-value="{value}"/>'
                f'<text x="{x + CELL_WIDTH / 2 - 1:g}" y="{y + CELL_HEIGHT - 8:g}" '
                f'text-anchor="middle" font-size="11" fill="{ink}">{value or ""}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _cut(label: str) -> str:
    return label if len(label) <= HEAT_LABEL else label[:HEAT_LABEL - 1].rstrip() + "…"
