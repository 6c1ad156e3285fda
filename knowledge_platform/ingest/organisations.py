"""Finding organisations by any of their names, and recording new spellings as aliases.

One organisation is one record: a name is looked up cleaned of the web address, e-mail or
contact person glued to it, without its legal form ("z.s." / "z. s." / ", z.s."), and through
the directory of known organisations (importers/data/organisations.tsv), so that any of an
organisation's names in either language finds the same record.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import select

from importers.extract.names import (
    canonical_organisation,
    organisation_aliases,
    organisation_spellings,
    organisation_type,
    without_legal_form,
)
from knowledge_platform.db import db
from knowledge_platform.ingest.aliases import known_aliases as _known_aliases
from knowledge_platform.ingest.directory import AliasDirectory
from knowledge_platform.ingest.directory import current as current_directory
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

# Legal forms as alias keys: "Slovo 21" finds the record stored as "Slovo 21, z. s.".
_LEGAL_FORM_KEYS = ("z s", "z u", "o p s", "o p", "o s", "s r o", "spol s r o", "a s", "p o",
                    "v o s", "z s p o", "v v i", "prispevkova organizace")


# A run meets the same few hundred names in document after document, and the importers'
# directory is read once per process: what it makes of each name is worked out once.
_spellings = lru_cache(maxsize=4096)(organisation_spellings)


def guess_type(name: str) -> OrganisationType:
    """An organisation's type: the directory's, else a likely one from words in its name."""
    known = organisation_type(name)
    if known is not None:
        return OrganisationType(known)
    key = match_key(name)
    for org_type, pattern in _TYPE_PATTERNS:
        if re.search(pattern, key):
            return org_type
    return OrganisationType.OTHER


@lru_cache(maxsize=20_000)
def alias_key(name: str) -> str:
    """The alias key of ``name``; folding may lengthen a name (ligatures), the key must fit."""
    return match_key(name)[:OrganisationAlias.key.type.length]


def _lookup_keys(spellings: Sequence[str]) -> list[str]:
    """The alias keys to look ``spellings`` up by, best first: each spelling's own key, its
    key without a legal form, and that key with each legal form."""
    return list(_keys_of(tuple(spellings)))


@lru_cache(maxsize=4096)
def _keys_of(spellings: tuple[str, ...]) -> tuple[str, ...]:
    # A run looks the same few hundred names up again and again.
    keys: list[str] = []
    for spelling in spellings:
        bare = alias_key(without_legal_form(spelling))
        keys += [alias_key(spelling), bare]
        if bare:
            keys += [f"{bare} {form}" for form in _LEGAL_FORM_KEYS]
    return tuple(key for key in dict.fromkeys(keys) if key)


def _find(spellings: Sequence[str]) -> Organisation | None:
    """The organisation of the best-placed key of ``spellings`` (merged ones lead on to the
    organisation they were merged into)."""
    keys = _lookup_keys(spellings)
    if not keys:
        return None
    directory = current_directory()
    if directory is not None:  # an import run: every alias key is in memory
        organisation = next(filter(None, map(directory.find, keys)), None)
    else:
        found = {
            alias.key: alias.organisation
            for alias in db.session.scalars(
                select(OrganisationAlias).where(OrganisationAlias.key.in_(keys))
            )
        }
        organisation = next((found[key] for key in keys if key in found), None)
    seen = set()
    while organisation is not None and organisation.merged_into_id and organisation.id not in seen:
        seen.add(organisation.id)
        organisation = db.session.get(Organisation, organisation.merged_into_id)
    return organisation


def find_organisation(name: str) -> Organisation | None:
    """The organisation one of whose names matches ``name`` (cleaned of contact details,
    without its legal form or a trailing bracket)."""
    return _find(_spellings(name).names)


def prefetch_organisations(names: Iterable[str]) -> None:
    """In an import run, read at once the stored organisations that ``names`` may find."""
    # Rather than one query for each as it is found (a commit expired them all).
    directory = current_directory()
    if directory is None:
        return
    spellings: list[str] = []
    for name in names:
        found = _spellings(name)
        spellings += [*found.names, *found.guesses, *_known_aliases(name)]
    directory.prefetch(_lookup_keys(spellings))


def _directory_names(canonical: str) -> list[str]:
    return list(_directory_group(canonical))


@lru_cache(maxsize=1024)
def _directory_group(canonical: str) -> tuple[str, ...]:
    return next((tuple([c, *aliases]) for c, aliases in organisation_aliases()
                 if c == canonical), ())


def resolve_organisation(name: str, known_aliases: Sequence[str] = ()) -> Organisation:
    """The organisation called ``name`` or any of ``known_aliases``, created if none is.

    The name is looked up cleaned of contact details and legal forms, by any of its names in
    the directory of known organisations (a new record takes the directory's canonical name
    and type), then by the looser guesses of ``organisation_spellings``. The name's clean
    spellings and the directory's names are recorded as aliases, so the next document that
    uses them matches at once; a guess's raw name is not.
    """
    spellings = _spellings(name)
    names = [*spellings.names, *known_aliases]
    canonical = next((c for c in map(canonical_organisation, names) if c), None)
    through_guess = False
    if canonical is None:
        canonical = next((c for c in map(canonical_organisation, spellings.guesses) if c), None)
        through_guess = canonical is not None
    directory = _directory_names(canonical) if canonical else []
    # The directory's names first: a record stored under a stray spelling before the
    # directory knew the organisation does not draw the links away from its own record.
    organisation = _find(directory if through_guess else [*directory, *names])
    if organisation is None and canonical is None:
        loose = [g for g in spellings.guesses if g not in spellings.known_only]
        organisation = _find(loose)
        through_guess = organisation is not None
    if organisation is None:
        display = canonical or spellings.name
        organisation = Organisation(
            name=display, slug=slugify(display), type=guess_type(display)
        )
        db.session.add(organisation)
    if through_guess:
        recorded = directory
    else:
        # A spelling derived from the name (without its legal form, a translated head) is
        # recorded when it still has two words: "MOST" of "MOST o.p.s." would claim the town.
        derived = [n for n in spellings.names[1:] if " " in alias_key(n)]
        recorded = [spellings.name, *derived, *known_aliases, *directory]
    add_aliases(organisation, recorded)
    return organisation


def add_aliases(organisation: Organisation, names: list[str]) -> None:
    """Record each of ``names`` as an alias of ``organisation`` unless some organisation has it."""
    directory = current_directory()
    if directory is not None:
        _add_to_directory(directory, organisation, names)
        return
    pending = {alias.key for alias in organisation.aliases}
    for name in names:
        key = alias_key(name)
        if not key or key in pending:
            continue
        if db.session.scalar(select(OrganisationAlias.id).where(OrganisationAlias.key == key)):
            continue
        organisation.aliases.append(OrganisationAlias(name=name, key=key))
        pending.add(key)


def _add_to_directory(directory: AliasDirectory, organisation: Organisation,
                      names: list[str]) -> None:
    # The directory holds every key, the organisation's own ones included; setting the
    # alias's organisation (not appending to its list) spares loading that list.
    for name in names:
        key = alias_key(name)
        if not key or key in directory:
            continue
        alias = OrganisationAlias(name=name, key=key, organisation=organisation)
        db.session.add(alias)
        directory.add(alias, organisation)
