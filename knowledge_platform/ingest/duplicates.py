"""Likely duplicates: two records of one project, judged from registration numbers, source
addresses, titles (stemmed), implementers and periods, with the reasons a curator is shown."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, bindparam, or_, select

from knowledge_platform.db import db, reads
from knowledge_platform.models import (
    LINKS,
    Project,
    ProjectOrganisation,
    ProjectRelation,
    RelationKind,
    Role,
    SourceDocument,
    Status,
)
from search_index.analysis import analyse

# Reasons, as codes the curator pages translate (labels.DUPLICATE_REASONS).
NUMBER, ADDRESS, TITLE, IMPLEMENTER, PERIOD = (
    "registration_number", "address", "title", "implementer", "period")
SIMILAR_TITLE = 0.6
SAME_TITLE = 0.9


@dataclass(frozen=True)
class Profile:
    """What duplicate detection compares of one project."""

    id: int
    titles: tuple[tuple[frozenset[str], ...], ...]  # per title: its Czech and English stems
    start: date | None
    end: date | None
    number: str | None
    implementers: frozenset[int]
    addresses: frozenset[str]
    regions: frozenset[str]
    funders: frozenset[str]
    budget: Decimal | None


@dataclass(frozen=True)
class Verdict:
    """How two projects relate: POSSIBLE_DUPLICATE or SAME_SERIES, and why."""

    kind: RelationKind
    reasons: tuple[str, ...]


# Built once: a statement costs more to build than to run, and an import runs these per file.
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_IMPLEMENTERS = select(ProjectOrganisation.project_id, ProjectOrganisation.organisation_id).where(
    ProjectOrganisation.project_id.in_(_IDS), ProjectOrganisation.role == Role.IMPLEMENTER)
_ADDRESSES = select(SourceDocument.project_id, SourceDocument.url_key).where(
    SourceDocument.project_id.in_(_IDS), SourceDocument.url_key.isnot(None))
_CODES = {facet: select(LINKS[facet].c.project_id, LINKS[facet].c.code).where(
    LINKS[facet].c.project_id.in_(_IDS)) for facet in ("region", "funder")}
_PROFILE_COLUMNS = select(
    Project.id, Project.title_cs, Project.title_en, Project.start_date, Project.end_date,
    Project.registration_number, Project.budget_total,
).where(Project.id.in_(_IDS), Project.merged_into_id.is_(None))
_WITH_ADDRESSES = select(SourceDocument.project_id).where(
    SourceDocument.url_key.in_(bindparam("keys", expanding=True)))
_IMPLEMENTED_BY = select(
    Project.id, Project.title_cs, Project.title_en, Project.start_date, Project.end_date,
).where(Project.id.in_(select(ProjectOrganisation.project_id).where(
    ProjectOrganisation.organisation_id.in_(bindparam("ids", expanding=True)),
    ProjectOrganisation.role == Role.IMPLEMENTER)))


def profiles(ids: Iterable[int], like: Profile | None = None) -> dict[int, Profile]:
    """The profiles of the projects ``ids`` (missing ones left out). Compared only with
    ``like``, they leave out the addresses, regions or funders it lacks: ``judge`` reads
    those only where both projects have them."""
    ids = list(set(ids))
    if not ids:
        return {}
    implementers: dict[int, set[int]] = defaultdict(set)
    for project_id, organisation_id in reads().execute(_IMPLEMENTERS, {"ids": ids}):
        implementers[project_id].add(organisation_id)
    addresses: dict[int, set[str]] = defaultdict(set)
    if like is None or like.addresses:
        for document_project, key in reads().execute(_ADDRESSES, {"ids": ids}):
            if document_project and key:
                addresses[document_project].add(key)
    terms: dict[str, dict[int, frozenset[str]]] = {
        facet: _codes(facet, ids) if like is None or getattr(like, f"{facet}s")
        else defaultdict(frozenset) for facet in ("region", "funder")}
    rows = reads().execute(_PROFILE_COLUMNS, {"ids": ids})
    return {row.id: Profile(
        id=row.id,
        titles=tuple(_stems(title) for title in (row.title_cs, row.title_en) if title),
        start=row.start_date, end=row.end_date, number=row.registration_number or None,
        implementers=frozenset(implementers[row.id]), addresses=frozenset(addresses[row.id]),
        regions=terms["region"][row.id], funders=terms["funder"][row.id],
        budget=row.budget_total,
    ) for row in rows}


def profile_of(project: Project) -> Profile:
    """``project``'s profile from the session's copy (what an import or a save just wrote)."""
    return Profile(
        id=project.id,
        titles=tuple(_stems(title) for title in (project.title_cs, project.title_en) if title),
        start=project.start_date, end=project.end_date,
        number=project.registration_number or None,
        implementers=frozenset(organisation.id for organisation in
                               project.organisations_in(Role.IMPLEMENTER)),
        addresses=frozenset(document.url_key for document in project.sources
                            if document.url_key),
        regions=frozenset(term.code for term in project.terms("region")),
        funders=frozenset(term.code for term in project.terms("funder")),
        budget=project.budget_total,
    )


def profile_of_values(project_id: int, columns: dict[str, Any], implementers: Iterable[int],
                      addresses: Iterable[str], regions: Iterable[str],
                      funders: Iterable[str]) -> Profile:
    """The profile of a project written with plain INSERTs, from the values written."""
    return Profile(
        id=project_id,
        titles=tuple(_stems(title) for title in (columns.get("title_cs"),
                                                 columns.get("title_en")) if title),
        start=columns.get("start_date"), end=columns.get("end_date"),
        number=columns.get("registration_number") or None,
        implementers=frozenset(implementers), addresses=frozenset(addresses),
        regions=frozenset(regions), funders=frozenset(funders),
        budget=columns.get("budget_total"),
    )


def _codes(facet: str, ids: list[int]) -> dict[int, frozenset[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for project_id, code in reads().execute(_CODES[facet], {"ids": ids}):
        found[project_id].add(code)
    return defaultdict(frozenset, {key: frozenset(codes) for key, codes in found.items()})


def candidates(profile: Profile) -> set[int]:
    """Projects ``judge`` could find related: sharing an implementer (with a similar title or
    the very same period) or a source address. (A registration number is unique: no other
    project has this one's.)"""
    # Judging takes a whole profile; an implementer's hundreds of other projects are first
    # narrowed on their titles and dates, which is all a verdict on them can rest on.
    found: set[int] = set()
    if profile.addresses:
        found |= set(reads().scalars(_WITH_ADDRESSES, {"keys": list(profile.addresses)}))
    if profile.implementers:
        rows = reads().execute(_IMPLEMENTED_BY, {"ids": list(profile.implementers)})
        period = (profile.start, profile.end)
        for row in rows:
            titles = tuple(_stems(title) for title in (row.title_cs, row.title_en) if title)
            same_period = any(period) and period == (row.start_date, row.end_date)
            if same_period or _best_overlap(profile.titles, titles) >= SIMILAR_TITLE:
                found.add(row.id)
    found.discard(profile.id)
    found.discard(None)  # a document without a project
    return found


def likely_twins(project: Project, statuses: tuple[Status, ...] = (Status.PUBLISHED,)
                 ) -> list[tuple[Project, Verdict]]:
    """The projects in ``statuses`` that look like duplicates of ``project``, with why; those a
    curator marked as distinct are left out."""
    profile = profile_of(project)
    distinct = {pair for pair in reads().execute(
        select(ProjectRelation.from_project_id, ProjectRelation.to_project_id).where(
            ProjectRelation.kind == RelationKind.DISTINCT,
            or_(ProjectRelation.from_project_id == project.id,
                ProjectRelation.to_project_id == project.id)))}
    apart = {first if second == project.id else second for first, second in distinct}
    twins = []
    for other in profiles(candidates(profile) - apart, like=profile).values():
        verdict = judge(profile, other)
        if verdict is not None and verdict.kind == RelationKind.POSSIBLE_DUPLICATE:
            found = db.session.get(Project, other.id)
            if found is not None and found.status in statuses:
                twins.append((found, verdict))
    return sorted(twins, key=lambda twin: twin[0].id)


def judge(first: Profile, second: Profile) -> Verdict | None:
    """Whether two projects look like one (a possible duplicate) or a series; None if neither."""
    title = title_similarity(first, second)
    implementer = bool(first.implementers & second.implementers)
    periods = ((first.start, first.end), (second.start, second.end))
    known = all(start or end for start, end in periods)
    if _apart(first.regions, second.regions):
        return None  # the same kind of project in another region: another project
    if known and not _overlap(*periods) or (
            first.number and second.number and first.number != second.number):
        # Other years or another grant: the next phase of a series, or another project.
        if implementer and title >= SIMILAR_TITLE:
            return Verdict(RelationKind.SAME_SERIES, (IMPLEMENTER, TITLE))
        return None
    same_number = bool(first.number and first.number == second.number)
    if not same_number and _apart(first.funders, second.funders):
        return None  # paid by other funds: another grant, whatever the title
    reasons = [NUMBER] if same_number else []
    if first.addresses & second.addresses and (implementer or title >= SIMILAR_TITLE):
        reasons.append(ADDRESS)
    if title >= (SIMILAR_TITLE if implementer else SAME_TITLE):
        reasons.append(TITLE)
    if implementer and known and periods[0] == periods[1] and _close(first.budget, second.budget):
        # The same organisation's project over the same dates (and for the same money): often
        # one page in Czech and one in English, whose titles share no word.
        reasons.append(PERIOD)
    if not reasons:
        return None
    if implementer:
        reasons.append(IMPLEMENTER)
    return Verdict(RelationKind.POSSIBLE_DUPLICATE, tuple(reasons))


def title_similarity(first: Profile, second: Profile) -> float:
    """The best Dice overlap of the stemmed words of any title of one and of the other."""
    return _best_overlap(first.titles, second.titles)


def _best_overlap(first: tuple, second: tuple) -> float:
    return max((2 * len(a & b) / (len(a) + len(b))
                for one in first for other in second
                for a, b in zip(one, other, strict=True) if a and b), default=0.0)


@lru_cache(maxsize=16_384)
def _stems(title: str) -> tuple[frozenset[str], ...]:
    # Stemmed as Czech and as English: a title's language is not always the record's (an
    # English page keeps the project's Czech name), and each stemmer reads only its own.
    return tuple(frozenset(analyse(title, language)) for language in ("cs", "en"))


def _apart(first: frozenset[str], second: frozenset[str]) -> bool:
    """Both known and nothing in common ("CZ", the whole country, meets every region)."""
    return bool(first and second) and not (first & second) and "CZ" not in first | second


def _close(first: Decimal | None, second: Decimal | None) -> bool:
    """Unknown, or within a tenth of each other."""
    if first is None or second is None:
        return True
    return abs(first - second) <= max(first, second) / 10


def _overlap(first: tuple, second: tuple) -> bool:
    (start1, end1), (start2, end2) = first, second
    return (start1 or date.min) <= (end2 or date.max) and (start2 or date.min) <= (end1 or date.max)
