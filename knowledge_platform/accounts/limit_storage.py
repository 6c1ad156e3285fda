"""A storage for the ``limits`` library in the site's own database (``database://``).

Counted in memory, each worker process kept its own count: with two workers one account
had twice the attempts the setting allows. In the database every worker and every server
counts the same attempts, with no extra service to run. Each call is its own short
transaction on its own connection, apart from the request's session.
"""
from __future__ import annotations

import itertools
import time
from typing import Any, cast

from limits.storage import Storage
from sqlalchemy import Table, case, delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from knowledge_platform.db import db
from knowledge_platform.models.limits import RateLimitCounter

COUNTERS = cast(Table, RateLimitCounter.__table__)
# Every this many hits, windows that ended over an hour ago are deleted.
PURGE_EVERY = 200


class DatabaseStorage(Storage):
    """Fixed-window counters as rows of ``rate_limit``, incremented by one upsert each."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False,
                 **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._hits = itertools.count(1)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count ``amount`` more hits of ``key``; a window that has ended starts again. A
        negative amount gives hits back; one given back after its window ended is lost."""
        now = time.time()
        dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        ended = COUNTERS.c.expires_at <= now
        start = max(amount, 0)
        statement = dialect.insert(COUNTERS).values(
            key=key, count=start, expires_at=now + expiry)
        statement = statement.on_conflict_do_update(index_elements=[COUNTERS.c.key], set_={
            "count": case((ended, start), else_=COUNTERS.c.count + amount),
            "expires_at": case((ended, now + expiry), else_=COUNTERS.c.expires_at),
        }).returning(COUNTERS.c.count)
        with db.engine.begin() as connection:
            count = int(connection.execute(statement).scalar_one())
            if next(self._hits) % PURGE_EVERY == 0:
                connection.execute(delete(COUNTERS).where(COUNTERS.c.expires_at < now - 3600))
        return count

    def get(self, key: str) -> int:
        """Hits of ``key`` in its current window (0 once it has ended)."""
        with db.engine.connect() as connection:
            count = connection.execute(select(COUNTERS.c.count).where(
                COUNTERS.c.key == key, COUNTERS.c.expires_at > time.time())).scalar()
        return int(count or 0)

    def get_expiry(self, key: str) -> float:
        """When ``key``'s window ends (now when it has none)."""
        with db.engine.connect() as connection:
            expires = connection.execute(select(COUNTERS.c.expires_at).where(
                COUNTERS.c.key == key)).scalar()
        return float(expires) if expires and expires > time.time() else time.time()

    def check(self) -> bool:
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with db.engine.begin() as connection:
            rows = connection.execute(select(func.count()).select_from(COUNTERS)).scalar()
            connection.execute(delete(COUNTERS))
        return int(rows or 0)

    def clear(self, key: str) -> None:
        with db.engine.begin() as connection:
            connection.execute(delete(COUNTERS).where(COUNTERS.c.key == key))

