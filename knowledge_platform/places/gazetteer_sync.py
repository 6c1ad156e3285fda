"""Keep the municipality and size band vocabularies equal to importers/data, which is
where the gazetteer's facts are kept and sourced."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Float, Integer, String, column, delete, select, table
from sqlalchemy.dialects import postgresql, sqlite

from importers.gazetteer import SIZE_BANDS, Gazetteer, Place, gazetteer, place_key

_TERM = ("code", "label_cs", "label_en", "position")
_FACTS = {"ruian": String, "kind": String, "city": String, "region": String, "okres": String,
          "orp": String, "population": Integer, "population_year": Integer,
          "size_band": String, "lat": Float, "lon": Float}
MUNICIPALITY = table("municipality", *(column(name) for name in _TERM),
                     *(column(name, kind) for name, kind in _FACTS.items()))
SIZE_BAND = table("size_band", *(column(name) for name in _TERM))
_LINK = table("project_municipality", column("code"))


def place_row(place: Place, position: int) -> dict[str, Any]:
    """The municipality row of a gazetteer place."""
    english = next((form for form in place.forms if form in _ENGLISH_NAMES), place.name)
    return {"code": place.code, "label_cs": place.name, "label_en": english,
            "position": position, "ruian": place.ruian, "kind": place.kind,
            "city": place.city or None, "region": place.region, "okres": place.okres,
            "orp": place.orp, "population": place.population, "population_year": place.year,
            "size_band": place.size_band, "lat": place.lat, "lon": place.lon}


# The places English writes differently; every other keeps its Czech name.
_ENGLISH_NAMES = frozenset({"Prague"})


def sync(connection: Connection, source: Gazetteer | None = None) -> dict[str, int]:
    """Upsert every place and size band; delete places the gazetteer dropped unless a
    project still names them. Returns how many rows were written and deleted."""
    places = sorted((source or gazetteer()).places.values(),
                    key=lambda place: (place.kind != "town", place_key(place.name)))
    bands = [{"code": band.code, "label_cs": band.label_cs, "label_en": band.label_en,
              "position": position} for position, band in enumerate(SIZE_BANDS)]
    _upsert(connection, SIZE_BAND, bands)
    _upsert(connection, MUNICIPALITY, [place_row(place, position)
                                       for position, place in enumerate(places)])
    kept = {place.code for place in places}
    used = set(connection.scalars(select(_LINK.c.code).distinct()))
    gone = set(connection.scalars(select(MUNICIPALITY.c.code))) - kept - used
    if gone:
        connection.execute(delete(MUNICIPALITY).where(MUNICIPALITY.c.code.in_(gone)))
    return {"places": len(places), "deleted": len(gone)}


def _upsert(connection: Connection, target, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(target)
    columns = [name for name in rows[0] if name != "code"]
    connection.execute(statement.on_conflict_do_update(
        index_elements=["code"], set_={name: statement.excluded[name] for name in columns}),
        rows)
