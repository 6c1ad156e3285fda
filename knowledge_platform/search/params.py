"""Search parameters: the same names on the site, in the API and on the command line."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from urllib.parse import urlencode

from knowledge_platform.catalogue import FACETS

DECADE = "decade"
SORTS = ("relevance", "newest", "oldest", "budget", "updated")
MAX_PER_PAGE = 100


class ParameterError(ValueError):
    """Bad search parameters: ``problems`` maps each bad parameter to what is wrong."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{name}: {problem}" for name, problem in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    # Codes chosen per catalogue facet ({"region": ("CZ064",)}); OR within a facet.
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    decade: tuple[int, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    lang: str | None = None
    good_practice: bool | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    published_only: bool = field(default=True, compare=False)

    @classmethod
    def of(cls, **values) -> SearchParams:
        """Parameters from keywords, facets by name: ``of(q="azyl", region=("CZ064",))``."""
        names = {facet.name for facet in FACETS}
        terms = {name: tuple(values.pop(name)) for name in list(values) if name in names}
        return cls(terms={name: codes for name, codes in terms.items() if codes}, **values)

    def selected(self, facet: str) -> tuple:
        """The values chosen for ``facet`` (a catalogue facet's name, or "decade")."""
        return self.decade if facet == DECADE else self.terms.get(facet, ())

    def toggled(self, facet: str, value) -> SearchParams:
        """These parameters with ``value`` of ``facet`` switched on or off, back on page 1."""
        chosen = self.selected(facet)
        new = tuple(v for v in chosen if v != value) if value in chosen else (*chosen, value)
        if facet == DECADE:
            return replace(self, decade=new, page=1)
        terms = {name: codes for name, codes in {**self.terms, facet: new}.items() if codes}
        return replace(self, terms=terms, page=1)

    def query_string(self) -> str:
        """The URL query string of these parameters, defaults left out."""
        pairs: list[tuple[str, str]] = []
        for spec in fields(self):
            if spec.name == "published_only":
                continue
            if spec.name == "terms":
                pairs += [(facet.name, code) for facet in FACETS
                          for code in self.selected(facet.name)]
                continue
            value = getattr(self, spec.name)
            if value == spec.default or value in (None, "", ()):
                continue
            if isinstance(value, tuple):
                pairs += [(spec.name, str(item)) for item in value]
            elif isinstance(value, bool):
                pairs.append((spec.name, "1" if value else "0"))
            else:
                pairs.append((spec.name, str(value)))
        return "?" + urlencode(pairs) if pairs else "?"
