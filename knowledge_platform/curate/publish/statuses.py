"""Status changes a curator makes (publish, unpublish, send to review, archive), one record or
many, each recorded as a STATUS revision."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from knowledge_platform.curate.merge.merging import mark_distinct
from knowledge_platform.history import record_revision, snapshot
from knowledge_platform.ingest.duplicates import likely_twins
from knowledge_platform.models import Project, RevisionKind, Status
from knowledge_platform.models.users import User

# action -> (the status it leads to, the statuses it starts from)
ACTIONS = {
    "publish": (Status.PUBLISHED, {Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED}),
    # Unpublished records go back to review rather than to draft: they were checked once.
    "unpublish": (Status.IN_REVIEW, {Status.PUBLISHED}),
    "review": (Status.IN_REVIEW, {Status.DRAFT, Status.ARCHIVED}),
    "archive": (Status.ARCHIVED, {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED}),
}
ACTION_LABELS = {
    "publish": _l("Publish"),
    "unpublish": _l("Unpublish (back to review)"),
    "review": _l("Send to review"),
    "archive": _l("Archive"),
}


def status_actions(status: Status) -> list[str]:
    """The actions that apply to a project in ``status``, in the order the panel shows them."""
    return [action for action, (_target, sources) in ACTIONS.items() if status in sources]


def applies(project: Project, action: str) -> bool:
    """Whether ``action`` can change ``project`` (not merged away, in a status it starts from)."""
    return not project.merged_into_id and project.status in ACTIONS[action][1]


def change_status(project: Project, action: str, user: User | None,
                  despite_twins: bool = False) -> None:
    """Apply ``action`` (it ``applies``) as a STATUS revision; publishing despite likely twins
    records that the curator found them different."""
    if action == "publish" and despite_twins:
        for twin, _verdict in likely_twins(project):
            mark_distinct(project, twin)
    before = snapshot(project)
    project.status = ACTIONS[action][0]
    record_revision(project, before, RevisionKind.STATUS, user=user)
