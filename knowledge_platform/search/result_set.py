"""Which projects a search finds, and in which tiers their relevance is ranked.

Every word of a query must match, as people expect of a search box; but a long query
in natural language ("how did towns help Ukrainian pupils in schools") rarely has all
its words in one project. When fewer than ``ENOUGH`` projects have them all, projects
missing one word follow (then two, down to half the words), each tier ranked after the
one above it, and the answer says so (``fallback`` "most"). When nothing has every word
of a shorter query, projects with any of them answer it (``fallback`` "or").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from math import log

from knowledge_platform.search.bitmaps import FacetIndex
from knowledge_platform.search.facets import Counted, count
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.text_match import TextMatch, match_text

ENOUGH = 10
MIN_PARTS = 3  # "a b" missing one word is a different question; "a b c" is not
MAX_PARTS = 10  # pasted paragraphs are searched as they are (groups grow as 2^parts)
MIN_WEIGHT = 0.4


@dataclass
class ResultSet:
    """The result set of a search: its text match, its bitmaps and counts, and its
    ranking tiers ((the match to rank by, the text matches of the tier), best first)."""

    match: TextMatch
    found: tuple[int, int] | None
    counted: Counted
    fallback: str | None = None
    tiers: list[tuple[TextMatch, int]] = field(default_factory=list)


def resolve(params: SearchParams, index: FacetIndex, with_facets: bool) -> ResultSet:
    """The projects ``params`` find, with the relaxations described above."""
    match = match_text(params.q)
    found = match.matches(index)
    counted = count(params, index, found and found[0], with_facets)
    result = ResultSet(match, found, counted)
    if found:
        # Projects carrying a concept the query names, without its words, follow the
        # text matches, ranked by whichever of the words they have.
        result.tiers = [(match, found[1]), (match.or_fallback() if match.has_or_fallback
                                            else match, found[0] & ~found[1])]
    if found and counted.total < ENOUGH and MIN_PARTS <= len(match.parts) <= MAX_PARTS:
        _relax(result, params, index, with_facets)
    if result.counted.total == 0 and match.has_or_fallback:
        broader = match.or_fallback()
        broader_found = broader.matches(index)
        assert broader_found is not None  # the fallback is a text query too
        broader_counted = count(params, index, broader_found[0], with_facets)
        if broader_counted.total:
            return ResultSet(broader, broader_found, broader_counted, "or",
                             [(broader, broader_found[1])])
    return result


def _relax(result: ResultSet, params: SearchParams, index: FacetIndex,
           with_facets: bool) -> None:
    """Add tiers of projects missing some of the words until there are enough.

    Projects are grouped by which words they have; a group weighs the inverse document
    frequency of its words, so missing a common word ("projekty", "help") costs little
    and missing a rare one (a town) much. The heaviest groups come first, down to
    ``MIN_WEIGHT`` of the query's weight.
    """
    assert result.found is not None
    everything, text = result.found
    matches = result.match.part_matches(index)
    everyone = max(1, index.everyone().bit_count())
    weights = [log(1 + everyone / max(1, bitmap.bit_count())) for bitmap in matches]
    weighed = sorted(((sum(weight for weight, part in zip(weights, has, strict=True) if part),
                       bitmap) for has, bitmap in _groups(matches).items()),
                     key=lambda group: -group[0])
    tiers, counted, taken = [], result.counted, everything
    for weight, bitmap in weighed:
        bitmap &= ~taken  # the full matches and a concept's carriers are in already
        if not bitmap or weight < MIN_WEIGHT * sum(weights):
            continue
        if counted.total >= ENOUGH:
            break
        tiers.append(bitmap)
        taken |= bitmap
        counted = count(params, index, taken, with_facets=False)
    if not tiers:
        return
    broader = result.match.or_fallback()
    result.found = (taken, text | taken & ~everything)
    result.counted = count(params, index, taken, with_facets) if with_facets else counted
    result.fallback = "most"
    result.tiers += [(broader, tier) for tier in tiers]


def _groups(matches: list[int]) -> dict[tuple[bool, ...], int]:
    """The projects matching any of ``matches``, by which of them they match."""
    anything = 0
    for bitmap in matches:
        anything |= bitmap
    groups: dict[tuple[bool, ...], int] = {(): anything}
    for bitmap in matches:
        split: dict[tuple[bool, ...], int] = {}
        for has, members in groups.items():
            for part, subset in ((True, members & bitmap), (False, members & ~bitmap)):
                if subset:
                    split[(*has, part)] = subset
        groups = split
    return groups
