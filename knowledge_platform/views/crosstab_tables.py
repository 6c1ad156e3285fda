"""The statistics page's cross-tabulations: tables, heatmaps and their CSV downloads."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import g
from flask_babel import format_number, gettext
from markupsafe import Markup

from knowledge_platform.catalogue import facet
from knowledge_platform.statistics.crosstabs import CROSSTABS, YEAR, CrossTab, crosstab
from knowledge_platform.statistics.scope import Scope
from knowledge_platform.views.charts import heatmap


@dataclass
class CrossTabSection:
    table: CrossTab
    caption: str
    row_heading: str
    column_heading: str
    chart: Markup


def dimension_label(name: str, basis: str) -> str:
    """What one dimension is called in headings ("Funding source", "Start year")."""
    if name == YEAR:
        return gettext("Start year") if basis == "start" else gettext("Year active")
    return gettext(facet(name).label)


def _caption(name: str, basis: str) -> str:
    # Whole sentences: Czech puts each dimension in the genitive after "podle".
    started = basis == "start"
    captions = {
        "funder-by-year": gettext("Projects by funding source and start year") if started
        else gettext("Projects by funding source and year active"),
        "region-by-activity": gettext("Projects by region and activity type"),
        "target_group-by-year": gettext("Projects by target group and start year") if started
        else gettext("Projects by target group and year active"),
    }
    return captions[name]


def crosstab_sections(basis: str, scope: Scope, currency: str | None) -> list[CrossTabSection]:
    """Every offered cross-tabulation of ``scope``, ready for the page."""
    sections = []
    for rows, columns in CROSSTABS:
        table = crosstab(rows, columns, basis, g.lang, scope)
        row_heading, column_heading = dimension_label(rows, basis), dimension_label(columns, basis)
        caption = _caption(table.name, basis)
        values = [[table.cell(row, column).projects for column, _ in table.column_labels]
                  for row, _ in table.row_labels]
        description = gettext("A grid of %(rows)s rows and %(columns)s columns; the darker a "
                              "cell, the more projects. The table below gives every figure.",
                              rows=format_number(len(values)),
                              columns=format_number(len(table.column_labels)))
        chart = heatmap([f"– {label}" if key in table.part_of else label
                         for key, label in table.row_labels],
                        [label for _, label in table.column_labels], values,
                        f"chart-{table.name}", caption, description)
        sections.append(CrossTabSection(table, caption, row_heading, column_heading, chart))
    return sections


def crosstab_csv(name: str, basis: str, scope: Scope) -> str | None:
    """One cross-tabulation as CSV rows (row, column, projects, budget per currency), or
    None when ``name`` is not one."""
    pair = next(((rows, columns) for rows, columns in CROSSTABS
                 if f"{rows}-by-{columns}" == name), None)
    if pair is None:
        return None
    table = crosstab(*pair, basis, g.lang, scope)
    currencies = sorted({budget.currency for cell in table.cells.values()
                         for budget in cell.budgets}, key=lambda c: (c != "CZK", c))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    row_heading, column_heading = (dimension_label(name, basis) for name in pair)
    writer.writerow([gettext("Code"), row_heading, gettext("Code"), column_heading,
                     gettext("Projects"), gettext("Projects with a budget"),
                     *(gettext("Budget (%(currency)s)", currency=c) for c in currencies)])
    for row, row_label in table.row_labels:
        for column, column_label in table.column_labels:
            cell = table.cell(row, column)
            sums = {budget.currency: f"{budget.total:.2f}" for budget in cell.budgets}
            writer.writerow([row, row_label, column, column_label, cell.projects, cell.budgeted,
                             *(sums.get(currency, "") for currency in currencies)])
    return buffer.getvalue()
