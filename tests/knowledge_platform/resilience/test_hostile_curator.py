"""Hostile input in the curator forms: every text field of the edit, evaluation, badge,
conflict, merge and upload forms, and every query parameter of the curator pages, gets
injection payloads. Nothing may execute (payloads come back as text on every page that shows
them), crash (no 500) or be lost except control characters, which the forms drop (PostgreSQL
cannot store a NUL byte)."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from knowledge_platform.curate.merge.conflicts import KEEP
from knowledge_platform.db import db
from knowledge_platform.models import (
    Evaluation,
    FieldConflict,
    ImportRun,
    Organisation,
    Project,
    Revision,
)
from knowledge_platform.models.evaluations import CRITERIA
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token
from tests.knowledge_platform.curate.edit.test_edit import curator_client, form_values, load

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "scheme": "javascript:alert(1)",
    "template": "{{7*7}} {% raw %}{%{% endraw %} {{ config }}",
    "sql": "'; DROP TABLE project; --",
    "null": "nul\x00byte",
    "bidi": "\u202eevil\u202c text",
    "long": "x" * 100_000,
}
MARK = "hostile"
ANSWERS = (200, 302, 303, 400, 404, 409, 422)
TEXT_FIELDS = ("title_cs", "title_en", "summary_cs", "summary_en", "description_cs",
               "description_en", "registration_number", "currency", "implementers-0",
               "partners-0", "note")
# Fields with a length or format limit: a payload may be refused there, and only there.
LIMITED = {"title_cs", "title_en", "registration_number", "currency", "implementers-0",
           "partners-0", "note"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")
LEAKS = ("Traceback (most recent call last)", "database is locked", "sqlalchemy", "psycopg",
         "sqlite3.", "SECRET_KEY")


def stored(text: str) -> str:
    """``text`` as the forms keep it: control characters dropped."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)


def marked(payload: str) -> str:
    return f"{MARK} {payload}"


def assert_inert(response) -> BeautifulSoup:
    """An answer that is no error, whose markup holds nothing a payload injected."""
    assert response.status_code in ANSWERS, (response.request.path, response.status_code)
    body = response.get_data(as_text=True)
    for leak in LEAKS:
        assert leak not in body, (response.request.path, leak)
    page = BeautifulSoup(body, "html.parser")
    for script in page.find_all("script"):
        assert script.get("src", "").startswith("/static/") and not script.string, script
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            if name in URL_ATTRIBUTES:
                assert not str(value).strip().lower().startswith("javascript:"), tag
    assert page.find("img", src="x") is None
    assert page.find("b", string="curator") is None  # the curator's name, shown as text
    # Jinja-looking text is shown, never evaluated.
    assert f"{MARK} 49" not in page.get_text()
    return page


def text_of(response) -> str:
    return assert_inert(response).get_text()


@pytest.fixture
def curator(app):
    return curator_client(app, name=f"{MARK} <b>curator</b>")


def _projects(app) -> tuple[int, int, int]:
    """A published project whose two sources disagree on the budget, and one to merge into
    it: (project id, conflict id, other project id)."""
    with app.app_context():
        project = store(record(title="Tlumočníci pro školy", registration_number="CZ.H/1",
                               budget_amount=1000), location="first.txt").project
        store(record(title="Tlumočníci pro školy", registration_number="CZ.H/1",
                     budget_amount=2000), location="second.txt")
        conflict = db.session.scalar(select(FieldConflict.id).where(
            FieldConflict.project_id == project.id))
        other = store(record(title="Tlumočníci pro školy v Brně")).project
        return project.id, conflict, other.id


def _version(client, path: str, name: str = "row_version") -> str:
    page = BeautifulSoup(client.get(path).data, "html.parser")
    return page.find("input", {"name": name})["value"]


def _error_fields(response) -> set[str]:
    page = BeautifulSoup(response.data, "html.parser")
    return {item["id"].removesuffix("-errors") for item in page.select("[id$='-errors']")
            if item.find("li")}


def _edit(client, project_id: int, value: str) -> dict[str, str]:
    """Put ``value`` in every text field of the edit form; a field that refuses it (too
    long, not a currency) keeps its old value. The fields saved, with their values."""
    path = f"/en/curate/projects/{project_id}/edit"
    values = load(client, project_id)
    original = dict(values)
    values.update({name: [value] for name in TEXT_FIELDS})
    response = client.post(path, data=values)
    text_of(response)
    refused = set()
    if response.status_code == 422:
        refused = _error_fields(response) & set(TEXT_FIELDS)
        assert refused and refused <= LIMITED, refused
        page = assert_inert(response)
        # The curator's input comes back in the form, as text.
        assert form_values(page)["summary_cs"] == [stored(value).replace("\n", "\r\n")]
        values = load(client, project_id)
        values.update({name: [value] for name in set(TEXT_FIELDS) - refused})
        values.update({name: original[name] for name in refused})
        response = client.post(path, data=values)
    assert response.status_code == 303, _error_fields(response)
    return {name: stored(value) for name in set(TEXT_FIELDS) - refused}


def _post_everything(client, ids: tuple[int, int, int], value: str) -> None:
    """Every other curator form, with ``value`` in each of its text fields."""
    project_id, conflict_id, other_id = ids
    base = f"/en/curate/projects/{project_id}"
    response = client.post(f"{base}/conflicts", data={
        "csrf_token": form_token(client, f"{base}/conflicts"),
        "row_version": _version(client, f"{base}/conflicts"),
        f"conflict-{conflict_id}": KEEP, "note": value})
    assert response.status_code == 303, response.status_code
    evaluation = {"csrf_token": form_token(client, f"{base}/evaluate")}
    for name in CRITERIA:
        evaluation.update({f"score_{name}": "2", f"rationale_{name}": value})
    response = client.post(f"{base}/evaluate", data=evaluation)
    assert response.status_code in (303, 422) and assert_inert(response)
    response = client.post(f"{base}/badge", data={
        "csrf_token": form_token(client, f"{base}/badge"), "action": "award",
        "reason_cs": value, "row_version": _version(client, f"{base}/badge")})
    assert response.status_code in (303, 422) and assert_inert(response)
    merge = f"{base}/merge?other={other_id}"
    response = client.post(f"{base}/merge", data={
        "csrf_token": form_token(client, merge), "other": str(other_id),
        "survivor_version": _version(client, merge, "survivor_version"),
        "other_version": _version(client, merge, "other_version"), "note": value})
    assert response.status_code == 303, response.status_code
    content = f"Kurzy češtiny\n\nRealizátor: Spolek Most\n\n{MARK}".encode()
    response = client.post("/en/curate/upload", data={
        "csrf_token": form_token(client, "/en/curate/upload"),
        "files": [(io.BytesIO(content), f"{value}.txt"), (io.BytesIO(content), value)]},
        content_type="multipart/form-data")
    assert response.status_code == 303, response.status_code


def _strings(data) -> Iterator[str]:
    """Every string in a JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict | list):
        for item in data.values() if isinstance(data, dict) else data:
            yield from _strings(item)


def _pages_show(client, paths: dict[str, bool], text: str) -> None:
    """Each page is inert; those mapped to True show ``text``."""
    for path, shown in paths.items():
        page = text_of(client.get(path, follow_redirects=True))
        assert not shown or text in page, path


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_payloads_in_every_curator_form_are_stored_as_text_and_shown_inert(
        app, curator, payload):
    ids = _projects(app)
    project_id = ids[0]
    value = marked(payload)
    saved = _edit(curator, project_id, value)
    _post_everything(curator, ids, value)
    expected = stored(value)
    with app.app_context():
        project = db.session.get(Project, project_id)
        for name in set(saved) & {"title_cs", "title_en", "summary_cs", "summary_en",
                                  "description_cs", "description_en", "registration_number"}:
            assert getattr(project, name) == expected, name
        # The SQL fragment was a value like any other: the tables are all there.
        assert db.session.scalar(select(func.count(Project.id))) >= 2
        evaluation = db.session.scalar(select(Evaluation).where(
            Evaluation.project_id == project_id))
        notes = db.session.scalars(select(Revision.note).where(
            Revision.project_id == project_id)).all()
        organisation_id = db.session.scalar(select(Organisation.id).where(
            Organisation.name == saved.get("implementers-0", "")))
        run_id = db.session.scalar(select(func.max(ImportRun.id)))
        badge = project.good_practice_reason_cs
        if len(value) <= 5000:
            assert {entry["rationale"] for entry in evaluation.criteria.values()} == {expected}
        assert badge == (expected if len(value) <= 2000 else "")
    assert any(expected in note for note in notes)  # the conflict and merge notes
    base = f"/en/curate/projects/{project_id}"
    if organisation_id is not None:  # the name was short enough to be saved
        _pages_show(curator, {
            f"/en/organisations/{organisation_id}": True,
            f"/en/curate/organisations?{urlencode({'q': MARK})}": True,
            f"/en/curate/organisations/{organisation_id}/merge": True,
        }, expected)
    _pages_show(curator, {
        f"/en/projects/{project_id}": True,
        f"/cs/projects/{project_id}": True,
        f"{base}/history": True,
        f"{base}/review": "title_en" in saved,
        f"/en/curate/queue?{urlencode({'q': MARK})}": False,
        f"{base}/evaluate": len(value) <= 5000,
        f"{base}/badge": len(value) <= 2000,
        f"{base}/conflicts": False,
        f"{base}/merge": False,
        f"/en/curate/imports/{run_id}": False,
        "/en/curate/": False,
        "/en/curate/review": False,
    }, expected)
    # Upload names are shown from their last "/" on, printable characters only (the test
    # client ends a name at a double quote, which browsers would send as %22).
    uploaded = "".join(char for char in value.rsplit("/", 1)[-1] if char.isprintable())
    if len(uploaded) < 290 and '"' not in uploaded:
        assert f"{uploaded}.txt" in text_of(curator.get(f"/en/curate/imports/{run_id}"))
    edit_page = assert_inert(curator.get(f"{base}/edit"))
    assert form_values(edit_page)["summary_cs"] == [expected.replace("\n", "\r\n")]
    api = curator.get(f"/api/v1/projects/{project_id}")
    assert api.status_code == 200
    assert any(expected in text for text in _strings(api.get_json()))
    export = curator.get("/api/v1/projects.csv")
    assert export.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(export.get_data(as_text=True)))
             for cell in row]
    assert any(expected in cell for cell in cells)


def _junk_queries(project_id: int, organisation_id: int) -> list[tuple[str, dict[str, str]]]:
    """Curator pages and the query parameters each reads, every one to get a payload."""
    return [
        ("/en/curate/queue", dict.fromkeys(
            ("q", "sort", "order", "reason", "missing", "status", "page"))),
        ("/en/curate/organisations", dict.fromkeys(("q", "page"))),
        ("/en/curate/organisations/lookup", dict.fromkeys(("q",))),
        (f"/en/curate/organisations/{organisation_id}/merge", dict.fromkeys(("q",))),
        (f"/en/curate/organisations/{organisation_id}/merge", dict.fromkeys(("other",))),
        (f"/en/curate/projects/{project_id}/merge", dict.fromkeys(("other", "merged"))),
        (f"/en/curate/projects/{project_id}/review", dict.fromkeys(("source",))),
        (f"/en/curate/projects/{project_id}/conflicts", dict.fromkeys(("settled",))),
    ]


# Numbers no id column can hold: either database would refuse them in a query.
NUMBERS = {"huge": "9" * 30, "int32": str(2**31), "negative": "-1"}


@pytest.mark.parametrize("payload", [*PAYLOADS.values(), *NUMBERS.values()],
                         ids=[*PAYLOADS, *NUMBERS])
def test_payloads_in_curator_query_parameters(app, curator, payload):
    project_id, _conflict, _other = _projects(app)
    with app.app_context():
        organisation_id = db.session.scalar(select(func.min(Organisation.id)))
    for path, names in _junk_queries(project_id, organisation_id):
        response = curator.get(f"{path}?{urlencode(dict.fromkeys(names, payload))}")
        if path.endswith("/lookup"):
            assert response.status_code == 200
            assert isinstance(response.get_json()["organisations"], list)
            continue
        assert response.status_code in (200, 404), (path, response.status_code)
        page = assert_inert(response)
        search = page.find("input", {"type": "search"})
        if search is not None and "q" in names:
            # What was typed stays in the box as text (cut to the box's limit).
            assert search["value"] == stored(payload).strip()[:200]


@pytest.mark.parametrize("number", NUMBERS.values(), ids=NUMBERS.keys())
def test_ids_out_of_range_in_curator_paths_are_not_found(app, curator, number):
    token = form_token(curator, "/en/curate/upload")
    for path in ("projects/{}/edit", "projects/{}/history", "projects/{}/review",
                 "projects/{}/evaluate", "projects/{}/badge", "projects/{}/conflicts",
                 "projects/{}/merge", "organisations/{}/merge", "imports/{}"):
        response = curator.get(f"/en/curate/{path.format(number)}")
        assert response.status_code == 404, (path, response.status_code)
    for path in ("projects/{}/edit", "projects/{}/evaluate", "projects/{}/badge",
                 "projects/{}/conflicts", "projects/{}/merge", "projects/{}/status",
                 "organisations/{}/merge", "relations/{}/mark", "revisions/{}/revert"):
        response = curator.post(f"/en/curate/{path.format(number)}", data={"csrf_token": token})
        assert response.status_code == 404, (path, response.status_code)
