"""Similar projects from bit-sliced scores agree with scores counted one by one."""
from __future__ import annotations

import random

from knowledge_platform.db import db
from knowledge_platform.models import Status
from knowledge_platform.search import bitmaps
from knowledge_platform.search.similar import similar_ids
from tests.factories import record, store

ACTIVITIES = ["czech_language", "legal_counselling", "social_counselling", "fieldwork",
              "housing_support"]
GROUPS = ["children_youth", "women", "temporary_protection"]
REGIONS = ["CZ010", "CZ064", "CZ080"]


def test_similar_ids_match_a_brute_force_ranking(app):
    rng = random.Random(5)
    with app.app_context():
        projects = [store(record(
            title=f"Projekt {n}", regions=[rng.choice(REGIONS)],
            activities=rng.sample(ACTIVITIES, rng.randint(0, 3)),
            target_groups=rng.sample(GROUPS, rng.randint(0, 2))),
            publish=n % 7 != 3).project for n in range(40)]
        index = bitmaps.current(db.session.connection())
        for project in projects[:10]:
            mine_a = {t.code for t in project.activities}
            mine_g = {t.code for t in project.target_groups}
            regions = {t.code for t in project.regions}

            def key(other):
                score = 2 * len(mine_a & {t.code for t in other.activities}) + len(
                    mine_g & {t.code for t in other.target_groups})
                return (-score, not ({t.code for t in other.regions} & regions), -other.id)

            others = [o for o in projects if o.id != project.id
                      and o.status == Status.PUBLISHED and key(o)[0] < 0]
            expected = [o.id for o in sorted(others, key=key)[:5]]
            assert similar_ids(index, project, 5) == expected, project.title_cs
