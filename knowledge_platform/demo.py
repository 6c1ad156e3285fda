"""The demo data set that ``kp demo`` loads, so a fresh install shows real projects."""
from __future__ import annotations

import json
from pathlib import Path

from flask import current_app
from sqlalchemy import or_, select, update

from knowledge_platform.catalogue import SHEET, part_fields
from knowledge_platform.db import db
from knowledge_platform.history import apply_values, record_revision, snapshot
from knowledge_platform.ingest.runs import ImportReport, import_paths
from knowledge_platform.models import (
    Evaluation,
    Organisation,
    OrganisationChange,
    OrganisationChangeKind,
    Project,
    ProjectOrganisation,
    RevisionKind,
    SourceDocument,
    Status,
)
from knowledge_platform.models.evaluations import checked_criteria
from knowledge_platform.models.organisations import CONTACTS

DEMO_ACTOR = "kp demo"


def load_demo() -> ImportReport:
    """Import and publish the demo documents, then add the sample evaluations; documents
    and evaluations already loaded stay unchanged."""
    folder = Path(current_app.config["DEMO_FOLDER"])
    # Imported as drafts and published once all are in: the demo stands for curated data,
    # so a project's later documents fill it as they would before a curator's review
    # (on a published project they would only propose their values).
    report = import_paths(
        [str(folder / "documents")],
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        started_by=DEMO_ACTOR,
    )
    ids = {result.project_id for result in report.results if result.project_id}
    for project in db.session.scalars(select(Project).where(
            Project.id.in_(ids), Project.status == Status.DRAFT)):
        before = snapshot(project)
        project.status = Status.PUBLISHED
        record_revision(project, before, RevisionKind.STATUS, actor=DEMO_ACTOR)
    db.session.execute(update(Organisation).where(Organisation.id.in_(
        select(ProjectOrganisation.organisation_id).where(
            ProjectOrganisation.project_id.in_(ids)))).values(checked=True))
    db.session.commit()
    add_second_language(folder / "second_language.json")
    add_evaluations(folder / "evaluations.json")
    add_contacts(folder / "organisation_contacts.json")
    add_sheets(folder / "good_practice_sheets.json")
    return report


# The fields a demo record gets in the language its sources did not use.
TEXT_FIELDS = ("title_cs", "title_en", "summary_cs", "summary_en")


def add_second_language(path: Path) -> int:
    """Give each demo record the title and summary its sources lack in the other language,
    as a curator would (an EDIT revision); a field that has a value keeps it, unless the
    entry ``corrects`` it (an English title the sources gave in Czech)."""
    changed = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["records"]:
        document = entry["document"]
        project = db.session.scalars(select(Project).join(SourceDocument).where(
            SourceDocument.location.endswith(f"documents/{document}"))).first()
        if project is None:
            raise LookupError(f"{path.name}: no demo project from {document!r}")
        missing = {name: entry[name] for name in TEXT_FIELDS if entry.get(name) and (
            not getattr(project, name)
            or name in entry.get("corrects", ()) and getattr(project, name) != entry[name])}
        if not missing:
            continue
        before = snapshot(project)
        for name, value in missing.items():
            setattr(project, name, value)
        record_revision(project, before, RevisionKind.EDIT, actor=DEMO_ACTOR,
                        note="written in the other language for the demo")
        changed += 1
    db.session.commit()
    return changed


def _demo_project(entry: dict, path: Path) -> Project:
    """The demo record an entry names by its source ``document`` or by its ``title`` (for
    a document, such as a spreadsheet, that holds many records)."""
    if "document" in entry:
        where = Project.sources.any(SourceDocument.location.endswith(
            f"documents/{entry['document']}"))
    else:
        where = or_(Project.title_cs == entry["title"], Project.title_en == entry["title"])
    project = db.session.scalars(select(Project).where(where).order_by(Project.id)).first()
    if project is None:
        raise LookupError(f"{path.name}: no demo project from "
                          f"{entry.get('document') or entry.get('title')!r}")
    return project


def add_sheets(path: Path) -> int:
    """Fill the good-practice sheets of ``path`` in, as a curator would (an EDIT revision);
    a sheet field that has a value keeps it."""
    changed = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["sheets"]:
        project = _demo_project(entry, path)
        values = {scalar.name: entry.get(scalar.name)
                  for scalar in part_fields(SHEET)}
        missing = {name: value for name, value in values.items()
                   if value not in (None, "", []) and getattr(project, name) in (None, "", [])}
        if not missing:
            continue
        before = snapshot(project)
        apply_values(project, missing)
        record_revision(project, before, RevisionKind.EDIT, actor=DEMO_ACTOR,
                        note="good-practice sheet written for the demo")
        changed += 1
    db.session.commit()
    return changed


def add_evaluations(path: Path) -> int:
    """Attach the sample evaluations of ``path`` and award their good-practice badges."""
    added = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["evaluations"]:
        title = entry["title"]
        project = db.session.scalars(select(Project).where(
            or_(Project.title_cs == title, Project.title_en == title))).first()
        if project is None:
            raise LookupError(f"{path.name}: no demo project titled {title!r}")
        if any(e.reviewer == entry["reviewer"] for e in project.evaluations):
            continue
        project.evaluations.append(Evaluation(reviewer=entry["reviewer"], sample=True,
                                              criteria=checked_criteria(entry["criteria"])))
        project.good_practice = True
        for language in ("cs", "en"):
            setattr(project, f"good_practice_reason_{language}",
                    entry["good_practice_reason"][language])
            setattr(project, f"good_practice_override_{language}",
                    entry.get("good_practice_override", {}).get(language, ""))
        added += 1
    db.session.commit()
    return added


def add_contacts(path: Path) -> int:
    """Give the demo's organisations the public contacts their sources state, as a curator
    would (an organisation change); a field that has a value keeps it."""
    changed = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["organisations"]:
        organisation = db.session.scalars(select(Organisation).where(
            Organisation.name == entry["name"], Organisation.merged_into_id.is_(None))).first()
        if organisation is None:
            raise LookupError(f"{path.name}: no demo organisation named {entry['name']!r}")
        missing = {field: entry[field] for field in CONTACTS
                   if entry.get(field) and not getattr(organisation, field)}
        if not missing:
            continue
        for field, value in missing.items():
            setattr(organisation, field, value)
        db.session.add(OrganisationChange(  # as the history names a curator's edit
            organisation=organisation, kind=OrganisationChangeKind.EDIT, actor=DEMO_ACTOR,
            changes={field: {"old": None, "new": value} for field, value in missing.items()},
            moved={}))
        changed += 1
    db.session.commit()
    return changed
