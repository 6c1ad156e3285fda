"""Similar projects from bit-sliced scores agree with scores counted one by one."""
from __future__ import annotations

import random

from knowledge_platform.db import db
from knowledge_platform.models import Status
from knowledge_platform.search import bitmap_cache
from knowledge_platform.search.similar import similar_ids
from tests.factories import record, store

ACTIVITIES = ["czech_language", "legal_counselling", "social_counselling", "fieldwork",
              "housing_support"]
GROUPS = ["children_youth", "women", "temporary_protection"]
REGIONS = ["CZ010", "CZ064", "CZ080"]


def _codes(terms) -> set[str]:
    return {term.code for term in terms}


def _key(project, other) -> tuple:
    """Highest score first, then a shared region, then the newest."""
    score = 2 * len(_codes(project.activities) & _codes(other.activities)) + len(
        _codes(project.target_groups) & _codes(other.target_groups))
    return (-score, not (_codes(project.regions) & _codes(other.regions)), -other.id)


def test_similar_ids_match_a_brute_force_ranking(app):
    rng = random.Random(5)
    with app.app_context():
        projects = [store(record(
            title=f"Projekt {n}", regions=[rng.choice(REGIONS)],
            activities=rng.sample(ACTIVITIES, rng.randint(0, 3)),
            target_groups=rng.sample(GROUPS, rng.randint(0, 2))),
            publish=n % 7 != 3).project for n in range(40)]
        index = bitmap_cache.current(db.session.connection())
        for project in projects[:10]:
            others = [o for o in projects if o.id != project.id
                      and o.status == Status.PUBLISHED and _key(project, o)[0] < 0]
            expected = [o.id for o in sorted(others, key=lambda o: _key(project, o))[:5]]
            assert similar_ids(index, project, 5) == expected, project.title_cs
