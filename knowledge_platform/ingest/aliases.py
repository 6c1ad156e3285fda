"""Organisation names known to mean the same body, from the importers' directory of known
organisations (importers/data/organisations.tsv)."""
from __future__ import annotations

from functools import cache, lru_cache

from knowledge_platform.text import match_key


@cache
def _alias_groups() -> dict[str, list[str]]:
    from importers.extract.names import organisation_aliases

    groups: dict[str, list[str]] = {}
    for canonical, aliases in organisation_aliases():
        names = [canonical, *aliases]
        for name in names:
            groups[match_key(name)] = names
    return groups


def known_aliases(name: str) -> list[str]:
    """Every name of the organisation called ``name``, canonical first ([] when unknown).

    Any alias in either language finds the group, also with a legal form, a trailing bracket
    or contact details glued to it ("Organization for Aid to Refugees" -> "Organizace pro
    pomoc uprchlíkům", "OPU", ...)."""
    return list(_group_of(name))


@lru_cache(maxsize=4096)
def _group_of(name: str) -> tuple[str, ...]:
    # An import asks for the same few hundred names in document after document.
    from importers.extract.names import canonical_organisation

    groups = _alias_groups()
    group = groups.get(match_key(name))
    if group is None:
        canonical = canonical_organisation(name)
        group = groups.get(match_key(canonical)) if canonical else None
    return tuple(group or ())
