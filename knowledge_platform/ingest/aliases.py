"""Organisation names known to mean the same body, from the importers' alias data."""
from __future__ import annotations

from functools import cache

from knowledge_platform.text import match_key


@cache
def _alias_groups() -> dict[str, list[str]]:
    from importers.extract.organisations import organisation_aliases

    groups: dict[str, list[str]] = {}
    for canonical, aliases in organisation_aliases():
        names = [canonical, *aliases]
        for name in names:
            groups[match_key(name)] = names
    return groups


def known_aliases(name: str) -> list[str]:
    """Every name of the organisation called ``name``, canonical first ([] when unknown)."""
    return list(_alias_groups().get(match_key(name), []))
