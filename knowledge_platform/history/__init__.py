"""Project history: snapshots of the editable fields, revisions of their changes, reverts."""
from knowledge_platform.history.revisions import (
    RevertError,
    actor_of,
    apply_values,
    insert_revision_of,
    later_changes,
    record_revision,
    revert,
)
from knowledge_platform.history.snapshot import FIELDS, LIST_FIELDS, ORGANISATION_FIELDS, snapshot

__all__ = [
    "FIELDS",
    "LIST_FIELDS",
    "ORGANISATION_FIELDS",
    "RevertError",
    "actor_of",
    "apply_values",
    "insert_revision_of",
    "later_changes",
    "record_revision",
    "revert",
    "snapshot",
]
