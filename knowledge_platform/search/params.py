"""Search parameters: the same names on the site, in the API and on the command line."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
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


def parse_params(args, known_codes: dict[str, set[str]]) -> SearchParams:
    """Validate request arguments (a MultiDict) into SearchParams, or raise ParameterError."""
    problems: dict[str, str] = {}
    values: dict = {"q": (args.get("q") or "").strip()[:500], "terms": {}}
    for facet in FACETS:
        chosen = tuple(dict.fromkeys(v for v in args.getlist(facet.name) if v))
        unknown = [code for code in chosen if code not in known_codes[facet.name]]
        if unknown:
            problems[facet.name] = f"unknown code {', '.join(unknown)}"
        if chosen:
            values["terms"][facet.name] = chosen
    values["decade"] = tuple(
        _integer(problems, "decade", raw, 1900, 2100, step=10) for raw in args.getlist("decade")
    )
    for name in ("year_from", "year_to"):
        if args.get(name):
            values[name] = _integer(problems, name, args[name], 1900, 2100)
    for name in ("budget_min", "budget_max"):
        if args.get(name):
            values[name] = _amount(problems, name, args[name])
    if args.get("lang"):
        if args["lang"] not in ("cs", "en"):
            problems["lang"] = "must be cs or en"
        values["lang"] = args["lang"]
    if args.get("good_practice") not in (None, ""):
        if args["good_practice"] not in ("0", "1", "true", "false"):
            problems["good_practice"] = "must be 1 or 0"
        values["good_practice"] = args["good_practice"] in ("1", "true")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        problems["sort"] = f"must be one of {', '.join(SORTS)}"
    values["sort"] = sort
    values["page"] = _integer(problems, "page", args.get("page") or "1", 1, 1_000_000)
    values["per_page"] = _integer(problems, "per_page", args.get("per_page") or "20", 1,
                                  MAX_PER_PAGE)
    if problems:
        raise ParameterError(problems)
    first, last = values.get("year_from"), values.get("year_to")
    if first and last and first > last:
        raise ParameterError({"year_to": "must not be before year_from"})
    return SearchParams(**values)


def _integer(problems: dict, name: str, raw: str, low: int, high: int, step: int = 1) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        problems[name] = f"{raw!r} is not a whole number"
        return low
    if not low <= value <= high or value % step:
        problems[name] = f"must be between {low} and {high}" + (
            f" and a multiple of {step}" if step > 1 else "")
    return value


def _amount(problems: dict, name: str, raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        problems[name] = f"{raw!r} is not an amount"
        return None
    if value < 0 or not value.is_finite():
        problems[name] = "must be a non-negative amount"
    return value
