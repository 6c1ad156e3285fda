"""The demo's good-practice sheets: at least ten complete ones, their cost per participant
worked out from the budget, and written in the team's words rather than the sources'."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
from sqlalchemy import select

from knowledge_platform import sheets
from knowledge_platform.db import db
from knowledge_platform.models import Project, Revision, RevisionKind

DEMO = Path(__file__).parents[2] / "demo"
TEXTS = ("results", "lessons", "requirements")


def _words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).lower().split())


def test_the_demo_has_ten_complete_sheets_with_costs_worked_out(runner, app):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        projects = db.session.scalars(select(Project)).all()
        complete = [project for project in projects
                    if all(getattr(project, f"{text}_{code}") for text in TEXTS
                           for code in ("cs", "en"))
                    and project.participants and project.sheet_links]
        assert len(complete) >= 10
        assert all(sheets.missing_parts(project) == [] for project in complete)
        for project in complete:
            assert all(link["url"].startswith(("http://", "https://"))
                       for link in project.sheet_links)
            # Added as a curator would: an EDIT revision naming the demo.
            assert db.session.scalar(select(Revision.id).where(
                Revision.project_id == project.id, Revision.kind == RevisionKind.EDIT,
                Revision.note == "good-practice sheet written for the demo")) is not None
        costed = [project for project in projects if project.cost_per_participant is not None]
        assert costed  # at least one source gives both the budget and the participants
        for project in projects:
            if project.budget_total is None or not project.participants:
                assert project.cost_per_participant is None
                continue
            exact = project.budget_total / Decimal(project.participants)
            assert abs(project.cost_per_participant - exact) <= Decimal("0.005")
        stationery = {project.title_cs: project for project in projects}[
            "Středisko pro rozvoj multikulturního prostředí Mladé Boleslavi, ovlivňovaného "
            "pracovní migrací"]
        assert (stationery.budget_total, stationery.currency, stationery.participants) == (
            Decimal("76941.00"), "EUR", 220)
        assert stationery.cost_per_participant == Decimal("349.73")

    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0, again.output
    with app.app_context():
        assert db.session.scalar(select(Revision.id).where(
            Revision.note == "good-practice sheet written for the demo").offset(10)) is None


def test_the_sheets_are_in_the_team_s_own_words():
    entries = json.loads((DEMO / "good_practice_sheets.json").read_text("utf-8"))["sheets"]
    sources = " ".join(_words(path.read_text("utf-8", errors="replace"))
                       for path in (DEMO / "documents").rglob("*")
                       if path.suffix in (".txt", ".html", ".csv"))
    for path in (DEMO / "documents").rglob("*.xlsx"):
        for row in openpyxl.load_workbook(path, read_only=True).active.iter_rows(
                values_only=True):
            sources += " " + _words(" ".join(str(cell) for cell in row if cell is not None))
    for entry in entries:
        for text in TEXTS:
            for code in ("cs", "en"):
                for sentence in re.split(r"(?<=[.!?:;])\s+", entry[f"{text}_{code}"]):
                    words = sentence.split()
                    # No run of eight words taken over from a source.
                    for start in range(max(len(words) - 7, 0)):
                        run = _words(" ".join(words[start:start + 8]))
                        assert run not in sources, (entry.get("document"), run)
