"""Project values in JSON form (as snapshots, conflicts and merges hold them), as curators
read them."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import g
from flask_babel import gettext as _

from knowledge_platform.curate.history.diffs import link_text, term_label
from knowledge_platform.curate.merge.conflicts import DATE_FIELDS, MONEY_FIELDS
from knowledge_platform.formatting import money, partial_date
from knowledge_platform.history import LIST_FIELDS, ORGANISATION_FIELDS
from knowledge_platform.labels import VALUE_LABELS


def shown(field: str, values: dict[str, Any], currency: str = "CZK") -> str:
    """A field's value (JSON form, its linked fields in ``values``) as curators read it."""
    value = values.get(field)
    if field == "good_practice":
        other = "cs" if g.lang == "en" else "en"
        reason = (values.get(f"good_practice_reason_{g.lang}")
                  or values.get(f"good_practice_reason_{other}") or "")
        return _("Yes: %(reason)s", reason=reason) if value else _("No")
    if value in (None, "", []):
        return _("(empty)")
    if field == "sheet_links":
        return "; ".join(link_text(link) for link in value)
    if field in ORGANISATION_FIELDS:
        return ", ".join(entry.get("name") or f"#{entry['id']}" for entry in value)
    if field in LIST_FIELDS:
        return ", ".join(term_label(LIST_FIELDS[field], code, g.lang)
                         for code in value)
    if field in DATE_FIELDS:
        return partial_date(date.fromisoformat(value), values.get(f"{field[:-5]}_precision"))
    if field in MONEY_FIELDS:
        return money(Decimal(str(value)), values.get("currency") or currency,
                     bool(values.get("budget_approximate")))
    if field in VALUE_LABELS:
        return str(VALUE_LABELS[field].get(value, value))
    return str(value)
