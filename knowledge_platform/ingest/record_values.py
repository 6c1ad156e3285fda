"""What an extracted record sets on a project, as column values and organisation names."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, overload

from importers.extract.names import is_place_name, not_an_organisation
from importers.record import amounts
from knowledge_platform.models import Organisation, Project, Role


@overload
def clip(text: str, column) -> str: ...
@overload
def clip(text: None, column) -> None: ...
def clip(text: str | None, column) -> str | None:
    """``text`` cut to fit ``column``: a garbled document's "title" may be a whole page,
    which SQLite would store and PostgreSQL refuse."""
    limit = column.type.length
    if text is None or len(text) <= limit:
        return text
    return text[:limit - 1].rstrip() + "…"


def scalar_values(record: dict[str, Any]) -> dict[str, Any]:
    """The project attributes a record sets, keyed by attribute name."""
    language = "en" if record.get("language") == "en" else "cs"
    amount, subsidy = amounts(record)
    values = {
        f"title_{language}": clip(record.get("title"), Project.title_cs),
        f"summary_{language}": record.get("summary"),
        "registration_number": record.get("registration_number"),
        "start_date": to_date(record.get("start")),
        "end_date": to_date(record.get("end")),
        "budget_total": to_money(amount),
        "subsidy": to_money(subsidy),
    }
    return {name: value for name, value in values.items() if value not in (None, "")}


def organisation_names(record: dict[str, Any]) -> list[tuple[Role, str]]:
    """The organisations a record names, by role (implementer first), as names to resolve:
    never an amount, a place or a person (the stored extraction keeps those for a curator),
    except a town named as the implementer, which carries out its own project."""
    named = [(Role.IMPLEMENTER, record["implementer"])] if record.get("implementer") else []
    named += [(Role.PARTNER, name) for name in record.get("partners") or []]
    names = []
    for role, name in named:
        name = clip(name, Organisation.name)
        if not_an_organisation(name):
            if not (role == Role.IMPLEMENTER and is_place_name(name)):
                continue
            name = f"Město {name}"
        names.append((role, name))
    return names


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def to_money(value: float | int | str | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))
