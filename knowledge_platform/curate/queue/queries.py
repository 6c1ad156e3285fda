"""The curator's work in SQL: the dashboard's workload counts and recent imports, and the
review queue (why each record needs a curator, and how complete it is)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, or_, select
from sqlalchemy.orm import selectinload

from knowledge_platform import sheets
from knowledge_platform.completeness import FIELDS, filled_conditions
from knowledge_platform.curate.inputs import identifier, typed
from knowledge_platform.db import db
from knowledge_platform.models import (
    FieldConflict,
    ImportRun,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    SourceDocument,
    Status,
)

RECENT_RUNS = 10
# Why a record is in the queue; a record may have several reasons. Published records with
# old gaps wait apart ("published_gaps"): they would drown the new drafts. A good-practice
# record whose sheet lacks a part ("sheet") is few and worth doing: it waits in the list.
REASONS = ("draft", "in_review", "uncertain", "conflicts", "duplicates", "missing",
           "published_gaps", "one_language", "sheet")
SET_APART = ("published_gaps", "one_language")
SORTS = ("updated", "title", "completeness", "start")
# The direction each sort takes unless asked otherwise: the work most worth doing first.
DEFAULT_ORDER = {"updated": "desc", "title": "asc", "completeness": "asc", "start": "desc"}


def _count(statement) -> int:
    return db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def workload() -> dict[str, int]:
    """Per reason, how many records the queue lists for it (the same conditions)."""
    return {reason: _count(select(Project.id).where(*_waiting(), condition))
            for reason, condition in reason_conditions().items()}


def _waiting() -> list[ColumnElement[bool]]:
    # Merged records live on in their survivor; archived ones wait for nobody.
    return [Project.merged_into_id.is_(None), Project.status != Status.ARCHIVED]


def recent_import_runs(limit: int = RECENT_RUNS) -> list[ImportRun]:
    """The newest import runs, newest first."""
    return list(db.session.scalars(
        select(ImportRun).order_by(ImportRun.started_at.desc(), ImportRun.id.desc()).limit(limit)
    ))


def completeness_score() -> ColumnElement[int]:
    """How many key fields (completeness.FIELDS) a project has filled, as a SQL expression."""
    return sum((case((condition, 1), else_=0) for condition in filled_conditions().values()),
               start=literal(0))


def has_open_conflicts() -> ColumnElement[bool]:
    return exists().where(FieldConflict.project_id == Project.id,
                          FieldConflict.resolved_at.is_(None))


def has_possible_duplicates() -> ColumnElement[bool]:
    return exists().where(
        ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE,
        or_(ProjectRelation.from_project_id == Project.id,
            ProjectRelation.to_project_id == Project.id))


def has_uncertain_values() -> ColumnElement[bool]:
    """A record not yet published with a source whose extracted values include some that
    extraction was unsure of, and no curator's edit since that source came in."""
    checked = exists().where(Revision.project_id == SourceDocument.project_id,
                             Revision.kind == RevisionKind.EDIT,
                             Revision.created_at >= SourceDocument.captured_at)
    return and_(Project.status != Status.PUBLISHED, exists().where(
        SourceDocument.project_id == Project.id, SourceDocument.uncertain_count > 0,
        not_(checked)))


def reason_conditions() -> dict[str, ColumnElement[bool]]:
    """Per reason, the condition under which a project is in the queue for it."""
    return {
        "draft": Project.status == Status.DRAFT,
        "in_review": Project.status == Status.IN_REVIEW,
        "uncertain": has_uncertain_values(),
        "conflicts": has_open_conflicts(),
        "duplicates": has_possible_duplicates(),
        "missing": and_(Project.status != Status.PUBLISHED, has_gaps()),
        "published_gaps": and_(Project.status == Status.PUBLISHED, has_gaps()),
        "one_language": in_one_language_only(),
        "sheet": and_(Project.good_practice.is_(True), not_(sheets.complete())),
    }


def in_one_language_only() -> ColumnElement[bool]:
    """A title or summary in one language only: readers of the other see it untranslated."""
    def filled(column) -> ColumnElement[bool]:
        return func.coalesce(column, "") != ""
    return or_(*(filled(czech) != filled(english) for czech, english in (
        (Project.title_cs, Project.title_en), (Project.summary_cs, Project.summary_en))))


def has_gaps() -> ColumnElement[bool]:
    return not_(and_(*filled_conditions().values()))


def filled_fields(project_id: int) -> dict[str, bool]:
    """Per key field, whether the project has it filled (the same conditions as the queue)."""
    conditions = filled_conditions()
    row = db.session.execute(
        select(*(case((condition, True), else_=False).label(name)
                 for name, condition in conditions.items()))
        .select_from(Project).where(Project.id == project_id)
    ).one()
    return {name: bool(getattr(row, name)) for name in conditions}


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters and order, as read from the query string (unknown values ignored)."""

    reason: str = ""
    run: int | None = None
    missing: str = ""
    status: str = ""
    q: str = ""
    sort: str = "updated"
    order: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        """Filters from request.args; a value outside the known choices means "any"."""
        sort = args.get("sort", "updated")
        sort = sort if sort in SORTS else "updated"
        order = args.get("order", "")
        return cls(
            reason=_choice(args.get("reason", ""), REASONS),
            run=identifier(args, "run"),
            missing=_choice(args.get("missing", ""), FIELDS),
            status=_choice(args.get("status", ""), tuple(Status)),
            q=typed(args, "q", 200),
            sort=sort,
            order=order if order in ("asc", "desc") else DEFAULT_ORDER[sort],
            page=max(args.get("page", default=1, type=int) or 1, 1),
        )

    def query_args(self, **changes) -> dict[str, object]:
        """The filters as URL parameters (empty ones left out), with ``changes`` applied."""
        values = {"reason": self.reason, "run": self.run, "missing": self.missing,
                  "status": self.status,
                  "q": self.q, "sort": self.sort, "order": self.order, "page": self.page,
                  **changes}
        return {name: value for name, value in values.items() if value not in ("", None, 1)}


def _choice(value: str, choices) -> str:
    return value if value in choices else ""


@dataclass(frozen=True)
class QueueItem:
    project: Project
    reasons: list[str]
    filled: int
    twins: list[Project] = field(default_factory=list)  # its possible duplicates
    # The parts of its good-practice sheet it lacks, when that is a reason.
    sheet_missing: list[sheets.Part] = field(default_factory=list)

    @property
    def completeness(self) -> float:
        """The share (0 to 1) of key fields filled."""
        return self.filled / len(FIELDS)


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    total: int
    page: int
    pages: int


def review_queue(filters: QueueFilters, language: str, per_page: int) -> QueuePage:
    """One page of the projects needing a curator, filtered and sorted in the database."""
    reasons = reason_conditions()
    score = completeness_score().label("filled")
    where = _where(filters, reasons)
    total = db.session.scalar(select(func.count()).select_from(Project).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(filters.page, pages)
    flags = [case((condition, True), else_=False).label(name)
             for name, condition in reasons.items()]
    rows = db.session.execute(
        select(Project, score, *flags).where(*where)
        .order_by(*_ordering(filters, score, language))
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    twins = _twins([row.Project.id for row in rows if row.duplicates])
    items = [QueueItem(row.Project, _reasons(row), row.filled, twins.get(row.Project.id, []),
                       sheets.missing_parts(row.Project) if row.sheet else [])
             for row in rows]
    return QueuePage(items, total, page, pages)


def neighbours(project_id: int, filters: QueueFilters, language: str,
               reach: int = 1000) -> tuple[int | None, int | None]:
    """The records before and after ``project_id`` in the queue as ``filters`` list it (no
    previous and the first one as next when it is not there); None where nothing is."""
    score = completeness_score().label("filled")
    ids = list(db.session.scalars(
        select(Project.id).where(*_where(filters, reason_conditions()))
        .order_by(*_ordering(filters, score, language)).limit(reach)))
    if project_id not in ids:
        return None, ids[0] if ids else None
    position = ids.index(project_id)
    return (ids[position - 1] if position else None,
            ids[position + 1] if position + 1 < len(ids) else None)


def next_in_queue(project_id: int, filters: QueueFilters, language: str) -> int | None:
    """The record after ``project_id`` in the queue as ``filters`` list it (the first one when
    it is not there); None when nothing else waits."""
    return neighbours(project_id, filters, language)[1]


def _where(filters: QueueFilters, reasons: dict[str, ColumnElement[bool]]
           ) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Project.merged_into_id.is_(None)]
    # Asked for a missing field, the curator wants every record without it, published too.
    wanted = reasons if filters.missing else {
        reason: condition for reason, condition in reasons.items() if reason not in SET_APART}
    where.append(reasons[filters.reason] if filters.reason else or_(*wanted.values()))
    if filters.run:
        where.append(Project.id.in_(select(SourceDocument.project_id).where(
            SourceDocument.import_run_id == filters.run)))
    if filters.status:
        where.append(Project.status == Status(filters.status))
    else:
        where.append(Project.status != Status.ARCHIVED)  # archived records wait for nobody
    if filters.missing:
        where.append(not_(filled_conditions()[filters.missing]))
    if filters.q:
        where.append(or_(Project.title_cs.icontains(filters.q, autoescape=True),
                         Project.title_en.icontains(filters.q, autoescape=True)))
    return where


def _twins(ids: list[int]) -> dict[int, list[Project]]:
    """Per project of ``ids``, the projects linked to it as possible duplicates (one query)."""
    if not ids:
        return {}
    found: dict[int, list[Project]] = {}
    relations = db.session.scalars(select(ProjectRelation).where(
        ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE,
        or_(ProjectRelation.from_project_id.in_(ids), ProjectRelation.to_project_id.in_(ids)),
    ).options(selectinload(ProjectRelation.from_project), selectinload(ProjectRelation.to_project))
    .order_by(ProjectRelation.id))
    for relation in relations:
        for one, other in ((relation.from_project, relation.to_project),
                           (relation.to_project, relation.from_project)):
            if one.id in ids:
                found.setdefault(one.id, []).append(other)
    return found


def _reasons(row) -> list[str]:
    return [name for name in REASONS if getattr(row, name)]


def _ordering(filters: QueueFilters, score, language: str) -> list:
    own, other = ((Project.title_en, Project.title_cs) if language == "en"
                  else (Project.title_cs, Project.title_en))
    title = func.lower(func.coalesce(func.nullif(own, ""), other))
    key = {"updated": Project.updated_at, "title": title, "completeness": score,
           "start": Project.start_date}[filters.sort]
    direction = key.desc() if filters.order == "desc" else key.asc()
    first = [case((Project.start_date.is_(None), 1), else_=0)] if filters.sort == "start" else []
    return [*first, direction, Project.updated_at.desc(), Project.id.desc()]
