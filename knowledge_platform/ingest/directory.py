"""The alias directory of one import run: every organisation alias key, read once per run.

Looking an organisation up by its many spellings took a query per name, and each query
flushed the document's pending rows first. A run instead reads the alias table once into a
dict, adds the aliases its documents record as it goes, and forgets those of a document
that is rolled back. Anyone else's change (another import, a curator's new alias or merge)
is noticed at a document's first look-up by the table's row count and highest id, and the
table is read again; a merge moves alias rows, and the merged organisation leads on to the
one it was merged into, as it does for a look-up in the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm.attributes import instance_state

from knowledge_platform.db import db
from knowledge_platform.models import Organisation, OrganisationAlias

# Built once: a statement costs more to build than to run, and each document runs both.
_FINGERPRINT = select(func.count(OrganisationAlias.id), func.max(OrganisationAlias.id))
_ORGANISATIONS = select(Organisation).where(
    Organisation.id.in_(bindparam("ids", expanding=True)))

_current: ContextVar[AliasDirectory | None] = ContextVar("alias_directory", default=None)


class AliasDirectory:
    """Alias key -> organisation for one import run, in step with the database."""

    def __init__(self) -> None:
        self._stored: dict[str, int] = {}  # committed aliases: key -> organisation id
        self._pending: dict[str, tuple[OrganisationAlias, Organisation]] = {}
        self._fingerprint: tuple[int, int] | None = None  # (rows, highest id) when last read
        self._synced = False  # checked against the table in the current transaction
        self._held: list[Organisation] = []  # read ahead for the current document

    def find(self, key: str) -> Organisation | None:
        """The organisation with alias ``key`` (not yet followed to a merge's survivor)."""
        self._sync()
        if key in self._pending:
            return self._pending[key][1]
        organisation_id = self._stored.get(key)
        if organisation_id is None:
            return None
        with db.session.no_autoflush:  # nothing pending changes what the id names
            return db.session.get(Organisation, organisation_id)

    def __contains__(self, key: str) -> bool:
        self._sync()
        return key in self._pending or key in self._stored

    def prefetch(self, keys: list[str]) -> None:
        """Read the organisations of ``keys`` in one query; held until the document ends."""
        # A commit expired them: each look-up would read its own again.
        self._sync()
        ids = {self._stored[key] for key in keys if key in self._stored}
        if ids:
            with db.session.no_autoflush:
                self._held = list(db.session.scalars(_ORGANISATIONS, {"ids": list(ids)}))

    def add(self, alias: OrganisationAlias, organisation: Organisation) -> None:
        """Note an alias the current document records (stored when it commits)."""
        self._pending[alias.key] = (alias, organisation)

    def commit(self) -> None:
        """The current document was committed: its aliases are the table's now."""
        if self._pending and self._fingerprint is not None:
            # The identity of a committed object is known without loading it again.
            ids = {
                key: (_id_of(alias), _id_of(organisation))
                for key, (alias, organisation) in self._pending.items()
            }
            rows, highest = self._fingerprint
            self._fingerprint = (
                rows + len(ids),
                max([highest, *(alias_id for alias_id, _ in ids.values())]),
            )
            self._stored.update({key: organisation_id for key, (_, organisation_id) in ids.items()})
        self._pending.clear()
        self._held.clear()
        self._synced = False

    def rollback(self) -> None:
        """The current document was rolled back: its aliases were never stored."""
        self._pending.clear()
        self._held.clear()
        self._synced = False

    def _sync(self) -> None:
        """Read the table again if its rows changed since it was last read."""
        # Once a transaction is enough: an import holds the write lock from its first query.
        if self._synced:
            return
        with db.session.no_autoflush:  # a look-up must not write the document's rows early
            rows, highest = db.session.execute(_FINGERPRINT).one()
            fingerprint = (rows, highest or 0)
            if fingerprint != self._fingerprint:
                self._stored = {
                    key: organisation_id
                    for key, organisation_id in db.session.execute(
                        select(OrganisationAlias.key, OrganisationAlias.organisation_id)
                    )
                }
                self._fingerprint = fingerprint
        self._synced = True


def _id_of(instance: OrganisationAlias | Organisation) -> int:
    identity = instance_state(instance).identity
    assert identity is not None  # committed, so flushed: it has its primary key
    return int(identity[0])


def current() -> AliasDirectory | None:
    """The directory of the import run in progress, None outside one."""
    return _current.get()


@contextmanager
def alias_directory() -> Iterator[AliasDirectory]:
    """Look organisations up through one directory until the block ends."""
    directory = AliasDirectory()
    token = _current.set(directory)
    try:
        yield directory
    finally:
        _current.reset(token)
