"""The review page: extracted fields beside the source text, evidence marked and escaped."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape
from sqlalchemy import select

from knowledge_platform.completeness import FIELDS
from knowledge_platform.curate.review.evidence import EvidenceText, highlight
from knowledge_platform.curate.review.pages import optional_url
from knowledge_platform.db import db
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.models import Project, ProjectRelation, RelationKind, SourceDocument
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import login, make_user

DEMO = Path(__file__).resolve().parents[4] / "demo" / "documents"
HOSTILE = """Kurzy češtiny <script>alert('x')</script> pro cizince

Realizátor: Spolek <b>Nový</b> domov & spol.
Doba realizace: 1.1.2021 – 31.12.2021
Reg. č. CZ.03.2.63/0.0/0.0/16_047/0009999
Zdroj: https://example.org/kurzy
"""


def words(text: str) -> list[str]:
    return [word.casefold() for word in re.findall(r"\w+", text)]


def imported(app, *paths: Path) -> int:
    """Import ``paths`` as the command line would; the id of the (last) project."""
    with app.app_context():
        report = import_paths([str(path) for path in paths], max_bytes=1_000_000)
        assert {result.status for result in report.results} <= {"new", "updated"}, report
        return report.results[-1].project_id


def signed_in(app, role: str):
    client = app.test_client()
    make_user(app, f"{role}@example.org", role=role)
    assert login(client, f"{role}@example.org").status_code == 302
    return client


def review_page(client, project_id: int, **args) -> BeautifulSoup:
    response = client.get(f"/en/curate/projects/{project_id}/review", query_string=args)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def test_every_found_evidence_is_marked_in_the_text(app):
    project_id = imported(app, DEMO / "mis-prezentace.txt")
    client = signed_in(app, "reviewer")
    page = review_page(client, project_id)
    with app.app_context():
        extraction = db.session.scalar(select(SourceDocument.extraction))
    links = page.select('.extracted-field a[href^="#evidence-"]')
    assert len(links) >= 8
    for link in links:
        field = link["href"].removeprefix("#evidence-")
        mark = page.select_one(f".source-text mark#evidence-{field}")
        assert mark is not None, field
        key = {"start_date": "start", "end_date": "end", "budget": "budget_amount"}.get(
            field, field)
        assert words(extraction["evidence"][key]) == words(mark.get_text()), field
    implementer = page.select_one("mark#evidence-implementer").get_text()
    assert " ".join(implementer.split()) == "Realizátor: Sdružení pro integraci a migraci (SIMI)"
    # The whole text is there, escaped, line breaks kept (bs4 would fold blank lines).
    with app.app_context():
        text = db.session.scalar(select(SourceDocument.text))
    raw = client.get(f"/en/curate/projects/{project_id}/review").data.decode()
    shown = re.search(r'class="source-text"[^>]*>(.*?)</div>', raw, re.DOTALL).group(1)
    assert re.sub(r"</?mark[^>]*>", "", shown) == str(escape(text))


def test_source_text_is_escaped(app, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    project_id = imported(app, path)
    response = signed_in(app, "curator").get(f"/en/curate/projects/{project_id}/review")
    assert b"<script>alert" not in response.data and b"<b>Nov" not in response.data
    assert b"&lt;script&gt;" in response.data
    page = BeautifulSoup(response.data, "html.parser")
    text = page.select_one(".source-text")
    assert text.find("script") is None and text.find("b") is None
    assert "<script>alert('x')</script>" in text.get_text()
    assert "Spolek <b>Nový</b> domov" in page.select_one("mark#evidence-implementer").get_text()


def test_several_sources_can_be_chosen(app, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(HOSTILE, encoding="utf-8")
    second.write_text(HOSTILE + "\nDruhý popis.", encoding="utf-8")
    project_id = imported(app, first, second)
    with app.app_context():
        sources = db.session.scalars(select(SourceDocument).order_by(SourceDocument.id)).all()
        assert {source.project_id for source in sources} == {project_id}
        ids = [source.id for source in sources]
    client = signed_in(app, "reviewer")
    page = review_page(client, project_id)
    options = page.select("#source-choice option")
    assert [int(option["value"]) for option in options] == ids
    assert "Druhý popis." in page.select_one(".source-text").get_text()  # the newest by default
    page = review_page(client, project_id, source=ids[0])
    assert "Druhý popis." not in page.select_one(".source-text").get_text()
    assert page.select_one("#source-choice option[selected]")["value"] == str(ids[0])
    # Another project's document is not shown here.
    assert review_page(client, project_id, source=999).select_one(".source-text") is not None


def test_conflicts_duplicates_and_gaps_are_summarised(app):
    with app.app_context():
        project = store(record(title="Kurzy", registration_number="R-1", budget_amount=100)).project
        store(record(title="Kurzy", registration_number="R-1", budget_amount=200))
        other = store(record(title="Kurzy znovu")).project
        db.session.add(ProjectRelation(from_project_id=other.id, to_project_id=project.id,
                                       kind=RelationKind.POSSIBLE_DUPLICATE))
        db.session.commit()
        project_id, other_id = project.id, other.id
        missing = {"summary", "partners", "start_date", "end_date", "activities",
                   "target_groups", "source_url"}
    curator = signed_in(app, "curator")
    page = review_page(curator, project_id)
    conflicts = page.select_one(".open-conflicts").get_text(" ", strip=True)
    assert conflicts == "Total budget: CZK\xa0100 / CZK\xa0200"
    duplicate = page.select_one(".possible-duplicates a")
    assert duplicate["href"] == f"/en/curate/projects/{other_id}/review"
    shown = {item.get_text(strip=True) for item in page.select(".missing-fields li")}
    assert len(shown) == len(missing)
    meta = page.select_one(".review-meta").get_text(" ", strip=True)
    assert f"{len(FIELDS) - len(missing)} of {len(FIELDS)} key fields" in meta
    hrefs = {link["href"] for link in page.select("a")}
    base = f"/en/curate/projects/{project_id}"
    for endpoint, url in (("curate.project_conflicts", f"{base}/conflicts"),
                          ("curate.edit_project", f"{base}/edit"),
                          ("curate.merge_project", f"{base}/merge?other={other_id}")):
        assert (url in hrefs) == (endpoint in app.view_functions), endpoint
    reviewer_links = {link["href"] for link in review_page(
        signed_in(app, "reviewer"), project_id).select("a")}
    assert not any(href.endswith(("/edit", "/conflicts")) or "/merge" in href
                   for href in reviewer_links)


def test_a_record_without_sources_still_has_a_page(app):
    with app.app_context():
        project = Project(title_cs="Ručně zadaný", slug="rucne")
        db.session.add(project)
        db.session.commit()
        project_id = project.id
    page = review_page(signed_in(app, "reviewer"), project_id)
    assert page.select_one(".source-text") is None
    assert len(page.select(".missing-fields li")) == len(FIELDS) - 1


def test_reviewers_may_view_but_not_upload(app):
    project_id = imported(app, DEMO / "ustecky-kraj-centrum.txt")
    reviewer = signed_in(app, "reviewer")
    assert reviewer.get(f"/en/curate/projects/{project_id}/review").status_code == 200
    assert reviewer.get("/en/curate/upload").status_code == 403
    assert reviewer.get("/en/curate/projects/999/review").status_code == 404
    anonymous = app.test_client().get(f"/en/curate/projects/{project_id}/review")
    assert anonymous.status_code == 302 and "/en/login" in anonymous.headers["Location"]


def test_links_to_missing_endpoints_are_left_out(app):
    make_user(app, "curator@example.org", role="curator")
    with app.test_request_context("/en/curate/"):
        from flask import g
        from flask_login import login_user

        g.lang = "en"

        from knowledge_platform.models.users import User

        login_user(db.session.scalar(select(User)))
        assert optional_url("curate.no_such_page", project_id=1) is None
        assert optional_url("curate.import_run") is None  # a missing parameter
        assert optional_url("curate.users") is None  # admins only
        assert optional_url("curate.queue") == "/en/curate/queue"


@pytest.mark.parametrize("evidence, expected", [
    ("Partneři: A; B", "Partneři:\n- A\n- B"),
    ("realizace: 2020", "Realizace: 2020"),
    ("Doba realizace: 1.9.2017 – 31.7.20", "Doba realizace: 1.9.2017 – 31.7.2020"),
    ("Realizátor: Sdružení (SIMI)", "Realizátor:\nSdružení (SIMI)"),
    ("„Provoz Centra“", "„Provoz Centra“"),
])
def test_evidence_is_found_across_punctuation_and_line_breaks(evidence, expected):
    text = f"Úvod.\n{expected}\nKonec."
    start, end = EvidenceText(text).locate(evidence)
    assert text[start:end] == expected


def test_overlapping_evidence_nests_and_misses_are_none():
    text = "a b c d e f"
    found = EvidenceText(text)
    assert found.locate("x y") is None and found.locate("") is None
    spans = {"one": found.locate("a b c"), "two": found.locate("c d"), "three": found.locate("f")}
    marked = BeautifulSoup(str(highlight(text, spans, ["one", "two", "three"])), "html.parser")
    assert marked.get_text() == text
    assert {mark["id"] for mark in marked.find_all("mark")} == {
        "evidence-one", "evidence-two", "evidence-three"}
    assert "a b c" in marked.find(id="evidence-one").get_text()
    assert "c d" in marked.find(id="evidence-two").get_text()


def test_values_the_extractor_was_unsure_of_are_marked_in_words(app):
    project_id = imported(app, DEMO / "mis-prezentace.txt")
    with app.app_context():
        document = db.session.scalar(select(SourceDocument))
        confidence = dict(document.extraction["confidence"])
        confidence.update(title=0.3, implementer=0.95)
        document.extraction = {**document.extraction, "confidence": confidence}
        db.session.commit()
    page = review_page(signed_in(app, "reviewer"), project_id)
    marked = {row["data-field"] for row in page.select(".extracted-field.uncertain")}
    assert "title" in marked and "implementer" not in marked
    title = page.select_one('.extracted-field[data-field="title"]').get_text(" ", strip=True)
    assert "uncertain: check it" in title
