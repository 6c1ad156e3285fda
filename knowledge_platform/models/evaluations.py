"""Reviewers' evaluations of a project against the good-practice criteria."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge_platform.db import Model, db
from knowledge_platform.models.projects import Project, utcnow

# Each scored 0 (not at all) to 3 (fully), with a written rationale.
CRITERIA = ("relevance", "effectiveness", "sustainability", "transferability",
            "participation", "evidence")
MAX_SCORE = 3


class EvaluationError(ValueError):
    """An evaluation that misses a criterion, or scores one outside 0 to 3."""


class Evaluation(Model):
    __tablename__ = "evaluation"
    # One evaluation per account and project; imported ones (no account) are not limited.
    __table_args__ = (UniqueConstraint("project_id", "user_id", name="uq_evaluation_project_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    reviewer: Mapped[str] = mapped_column(String(200))
    # The account that wrote it (none for imported sample evaluations).
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # {criterion: {"score": 0..3, "rationale": "..."}} for every criterion of CRITERIA.
    criteria: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Written to show the tool (the demo's), not an assessment: the public page says so.
    sample: Mapped[bool] = mapped_column(default=False)

    project: Mapped[Project] = relationship(
        backref=db.backref("evaluations", order_by="Evaluation.created_at",
                           cascade="all, delete-orphan", passive_deletes=True)
    )

    @property
    def average(self) -> float:
        """The mean score over the criteria."""
        return sum(self.criteria[name]["score"] for name in CRITERIA) / len(CRITERIA)


def checked_criteria(criteria: dict) -> dict:
    """``criteria`` when every criterion has a score 0..3 and a rationale, else an error."""
    problems = []
    for name in CRITERIA:
        entry = criteria.get(name) or {}
        score = entry.get("score")
        if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= MAX_SCORE:
            problems.append(f"{name}: score must be a whole number from 0 to {MAX_SCORE}")
        if not str(entry.get("rationale") or "").strip():
            problems.append(f"{name}: rationale is missing")
    unknown = sorted(set(criteria) - set(CRITERIA))
    if unknown:
        problems.append(f"unknown criteria: {', '.join(unknown)}")
    if problems:
        raise EvaluationError("; ".join(problems))
    return {name: {"score": criteria[name]["score"],
                   "rationale": str(criteria[name]["rationale"]).strip()} for name in CRITERIA}


def qualifies(evaluations: list[Evaluation], threshold: float) -> bool:
    """Whether one of ``evaluations`` averages at least ``threshold``: the badge's due."""
    return any(evaluation.average >= threshold for evaluation in evaluations)


def average_score(evaluations: list[Evaluation]) -> float | None:
    """The mean of the evaluations' averages, or None without any."""
    if not evaluations:
        return None
    return sum(evaluation.average for evaluation in evaluations) / len(evaluations)
