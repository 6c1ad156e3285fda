"""Imports never change a published project: what they would change waits for a curator."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from bs4 import BeautifulSoup

from knowledge_platform.curate.merge.conflicts import open_conflicts, settle
from knowledge_platform.db import db
from knowledge_platform.models import Precision, Project, SearchDocument
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import login, make_user

PAGE = """Název projektu: Jazykové kurzy pro rodiče žáků
Registrační číslo: CZ.P/7
Realizátor: Centrum pro integraci cizinců
Partner: Charita Brno
Doba realizace: 1. 3. 2024 – 30. 6. 2025
Celkový rozpočet: 2 000 Kč

Projekt nabízí kurzy češtiny pro rodiče žáků v Brně.
Projekt je financován z Evropského sociálního fondu.
"""


def _published(**fields) -> int:
    return store(record(title="Kurzy češtiny pro rodiče", registration_number="CZ.P/7",
                        budget_amount=1000, regions=["CZ010"], funders=["AMIF"],
                        **fields)).project.id


def _public_view(client, project_id: int) -> tuple:
    """What the public sees of a project: its page, its API record, its index row."""
    response = client.get(f"/cs/projects/{project_id}", follow_redirects=True)
    page = BeautifulSoup(response.data, "html.parser")
    api = client.get(f"/api/v1/projects/{project_id}").get_json()
    row = db.session.get(SearchDocument, project_id)
    return page.find("main").get_text(" ", strip=True), api, (row.title, row.summary, row.body)


def test_a_second_page_about_a_published_project_changes_nothing_public(app, client, runner,
                                                                        tmp_path):
    with app.app_context():
        project_id = _published()
        before = _public_view(client, project_id)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "rodice.txt").write_text(PAGE, encoding="utf-8")
    result = runner.invoke(args=["import", str(tmp_path / "pages")])
    assert result.exit_code == 0, result.output
    assert "updated 1" in result.output
    assert "proposed for review: title_cs, " in result.output
    with app.app_context():
        page, api, row = _public_view(client, project_id)
        assert page == before[0]
        assert api == before[1]
        assert row == before[2]
        assert client.get("/api/v1/projects", query_string={"q": "žáků"}).get_json()["items"] == []
        project = db.session.get(Project, project_id)
        proposed = {conflict.field: conflict.candidates for conflict in open_conflicts(project)}
        assert {"title_cs", "budget_total", "start_date", "end_date", "funders", "regions",
                "partners"} <= proposed.keys()
        assert [c["value"] for c in proposed["title_cs"]] == [
            "Kurzy češtiny pro rodiče", "Jazykové kurzy pro rodiče žáků"]
        assert proposed["funders"][-1]["value"] == ["AMIF", "ESF"]
        assert [entry["name"] for entry in proposed["partners"][-1]["value"]] == ["Charita Brno"]
        assert proposed["start_date"][-1] == {
            "value": "2024-03-01", "source_document_id": project.sources[-1].id,
            "with": {"start_precision": "day"}}


def test_a_draft_still_takes_the_new_values(app):
    with app.app_context():
        first = store(record(title="Návrh", registration_number="CZ.P/8", funders=["AMIF"]),
                      publish=False).project
        store(record(title="Návrh", registration_number="CZ.P/8", funders=["ESF"],
                     budget_amount=500), publish=False)
        project = db.session.get(Project, first.id)
        assert project.budget_total == Decimal("500.00")
        assert [term.code for term in project.funders] == ["AMIF", "ESF"]


def test_a_curator_takes_proposed_values_with_their_precision(app, client):
    with app.app_context():
        project_id = _published()
        store(record(title="Kurzy češtiny pro rodiče", registration_number="CZ.P/7",
                     start="2024-03-01", start_precision="month", funders=["ESF"],
                     budget_amount=2000), publish=False)
        project = db.session.get(Project, project_id)
        assert project.start_date is None and project.budget_total == Decimal("1000.00")
        assert client.get("/api/v1/projects", query_string={"funder": "ESF"}).get_json()[
            "items"] == []
        choices = {conflict.id: str(len(conflict.candidates) - 1)
                   for conflict in open_conflicts(project)
                   if conflict.field in ("start_date", "funders")}
        settle(project, choices, None, "checked on the funder's site")
        db.session.commit()
        project = db.session.get(Project, project_id)
        assert (project.start_date, project.start_precision) == (date(2024, 3, 1),
                                                                 Precision.MONTH)
        assert [term.code for term in project.funders] == ["AMIF", "ESF"]
        assert project.budget_total == Decimal("1000.00")  # still proposed
        assert [c.field for c in open_conflicts(project)] == ["budget_total"]
        # The source joins the public record once nothing it proposes is open.
        assert len(project.public_sources) == 1
        (budget,) = open_conflicts(project)
        settle(project, {budget.id: "keep"}, None)
        db.session.commit()
        project = db.session.get(Project, project_id)
        assert len(project.public_sources) == 2
    found = client.get("/api/v1/projects", query_string={"funder": "ESF"}).get_json()["items"]
    assert [item["id"] for item in found] == [project_id]


def test_the_conflicts_page_names_proposed_terms_and_organisations(app, client):
    with app.app_context():
        project_id = _published()
        store(record(title="Kurzy češtiny pro rodiče", registration_number="CZ.P/7",
                     funders=["ESF"], partners=["Charita Brno"]), publish=False)
    make_user(app, "curator@example.org")
    assert login(client, "curator@example.org").status_code == 302
    page = BeautifulSoup(client.get(f"/en/curate/projects/{project_id}/conflicts").data,
                         "html.parser")
    funders = page.select_one('fieldset[data-field="funders"]').get_text(" ", strip=True)
    assert "European Social Fund" in funders and "'ESF'" not in funders
    partners = page.select_one('fieldset[data-field="partners"]').get_text(" ", strip=True)
    assert "Charita Brno" in partners and "(empty)" in partners
