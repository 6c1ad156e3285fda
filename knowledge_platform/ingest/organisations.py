"""Finding organisations by any of their names, and recording new spellings as aliases."""
from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, OrganisationAlias, OrganisationType
from knowledge_platform.text import match_key, slugify

# Checked in order: the first pattern found in the folded name decides the type.
_TYPE_PATTERNS = [
    (OrganisationType.MINISTRY, r"\bministerstv|\bministry\b"),
    (OrganisationType.REGION, r"\bkraj\b|\bkraje\b|\bregion\b|\bkrajsky urad\b"),
    (OrganisationType.MUNICIPALITY, r"\bmest|\bobec\b|\bcity\b|\bmunicipal|\bmagistrat|\btown\b"),
    (OrganisationType.SCHOOL, r"\bskol|\bschool\b|\buniverzit|\buniversit|\bgymnazi"),
    (OrganisationType.INTERNATIONAL, r"\bunhcr\b|\biom\b|\bunicef\b|\bcaritas europa\b"),
    (OrganisationType.NGO, r"\bz s\b|\bo p s\b|\bz u\b|\bspolek\b|\bsdruzeni\b|\bcharit|\bnadac"
     r"|\bcentrum\b|\bcentre\b|\bassociation\b|\bporadna\b|\borganizace\b|\borganization\b"),
]


def guess_type(name: str) -> OrganisationType:
    """An organisation's likely type from words in its name."""
    key = match_key(name)
    for org_type, pattern in _TYPE_PATTERNS:
        if re.search(pattern, key):
            return org_type
    return OrganisationType.OTHER


def alias_key(name: str) -> str:
    """The alias key of ``name``; folding may lengthen a name (ligatures), the key must fit."""
    return match_key(name)[:OrganisationAlias.key.type.length]


def find_organisation(name: str) -> Organisation | None:
    """The organisation one of whose names matches ``name``."""
    return db.session.scalar(
        select(Organisation)
        .join(OrganisationAlias)
        .where(OrganisationAlias.key == alias_key(name))
    )


def resolve_organisation(name: str, known_aliases: Sequence[str] = ()) -> Organisation:
    """The organisation called ``name`` or any of ``known_aliases``, created if none is.

    Every spelling not yet recorded is added as an alias, so the next document that
    uses it matches at once.
    """
    spellings = [name, *known_aliases]
    organisation = None
    for spelling in spellings:
        organisation = find_organisation(spelling)
        if organisation:
            break
    if organisation is None:
        canonical = known_aliases[0] if known_aliases else name
        organisation = Organisation(
            name=canonical, slug=slugify(canonical), type=guess_type(canonical)
        )
        db.session.add(organisation)
    add_aliases(organisation, spellings)
    return organisation


def add_aliases(organisation: Organisation, names: list[str]) -> None:
    """Record each of ``names`` as an alias of ``organisation`` unless some organisation has it."""
    pending = {alias.key for alias in organisation.aliases}
    for name in names:
        key = alias_key(name)
        if not key or key in pending:
            continue
        if db.session.scalar(select(OrganisationAlias.id).where(OrganisationAlias.key == key)):
            continue
        organisation.aliases.append(OrganisationAlias(name=name, key=key))
        pending.add(key)
