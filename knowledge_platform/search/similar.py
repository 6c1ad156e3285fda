"""Similar projects: the most shared activity types and target groups, counted on bitmaps.

Scores are summed for every project at once with bit-sliced counters (one bitmap per
binary digit of the score), so a project page costs a few dozen big-integer operations
whatever the size of the corpus.
"""
from __future__ import annotations

from knowledge_platform.catalogue import FACETS
from knowledge_platform.models import Project, Status
from knowledge_platform.search.bitmaps import FacetIndex, ids_of


def similar_ids(index: FacetIndex, project: Project, limit: int) -> list[int]:
    """Ids of the ``limit`` published projects most like ``project``: highest score first,
    then those sharing a region with it, then the newest."""
    digits: list[int] = []
    for facet in FACETS:
        if not facet.similarity:
            continue  # a facet that does not count is not even loaded
        for term in project.terms(facet.name):
            for _ in range(facet.similarity):  # the catalogue's weight of a shared term
                _add(digits, index.get(facet.name, term.code))
    candidates = index.get("status", str(Status.PUBLISHED)) & ~(1 << project.id)
    scored = 0
    for digit in digits:
        scored |= digit
    candidates &= scored
    same_region = index.any_of("region", [term.code for term in project.terms("region")])
    found: list[int] = []
    while candidates and len(found) < limit:
        best = candidates
        for digit in reversed(digits):  # the highest score left, digit by digit
            narrower = best & digit
            if narrower:
                best = narrower
        for group in (best & same_region, best & ~same_region):
            found += sorted(ids_of(group), reverse=True)[:limit - len(found)]
        candidates &= ~best
    return found[:limit]


def _add(digits: list[int], bitmap: int) -> None:
    """Add one to the score of every project in ``bitmap`` (a ripple-carry addition)."""
    carry = bitmap
    for position, digit in enumerate(digits):
        if not carry:
            return
        digits[position], carry = digit ^ carry, digit & carry
    if carry:
        digits.append(carry)
