"""The review list (projects the signed-in user has not evaluated yet), and whose
evaluation is whose."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select

from knowledge_platform.db import db
from knowledge_platform.models import Evaluation, Project, Status
from knowledge_platform.models.users import User

AWAITING_EVALUATION = (Status.IN_REVIEW, Status.PUBLISHED)


def _count(statement) -> int:
    return db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def reviewer_names(user: User) -> set[str]:
    """The names under which ``user``'s evaluations are recorded (evaluations keep a name)."""
    return {name for name in (user.email, user.name.strip()) if name}


def written_by(user: User):
    """A condition for ``user``'s evaluations: by account, or by name for imported ones
    (sample evaluations carry only the reviewer's name)."""
    return or_(Evaluation.user_id == user.id,
               and_(Evaluation.user_id.is_(None),
                    Evaluation.reviewer.in_(sorted(reviewer_names(user)))))


def own_evaluation(project_id: int, user: User) -> Evaluation | None:
    """``user``'s evaluation of the project, preferring one stored under the account."""
    return db.session.scalars(
        select(Evaluation).where(Evaluation.project_id == project_id, written_by(user))
        .order_by(Evaluation.user_id.is_(None), Evaluation.id).limit(1)
    ).first()


@dataclass(frozen=True)
class ReviewItem:
    project: Project
    evaluations: int


@dataclass(frozen=True)
class ReviewPage:
    items: list[ReviewItem]
    total: int
    page: int
    pages: int


def awaiting_evaluation(user: User, page: int, per_page: int) -> ReviewPage:
    """In-review and published projects that ``user`` has not evaluated, in-review first."""
    done_by_user = select(Evaluation.project_id).where(written_by(user))
    evaluations = (
        select(func.count(Evaluation.id)).where(Evaluation.project_id == Project.id)
        .correlate(Project).scalar_subquery()
    )
    condition = (Project.status.in_(AWAITING_EVALUATION), Project.id.not_in(done_by_user))
    total = _count(select(Project.id).where(*condition))
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        select(Project, evaluations).where(*condition)
        .order_by(case((Project.status == Status.IN_REVIEW, 0), else_=1),
                  Project.updated_at.desc(), Project.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return ReviewPage([ReviewItem(project, count) for project, count in rows], total, page, pages)
