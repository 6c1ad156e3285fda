"""Curators saving at the same moment, through the HTTP layer, on the test database (a SQLite
file in WAL mode with a busy timeout, or PostgreSQL with TEST_DATABASE_URL).

Each curator has a test client of their own in a thread of their own; a barrier releases their
saves together. Of two saves made from the same version exactly one wins, the other is refused
with 409 and the curator's input kept; resubmitted, it lands too, so nothing accepted is lost.
No answer is ever a 500 or a "database is locked".
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle, islice

from sqlalchemy import select

from bench.corpus import generate
from knowledge_platform.db import db
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.models import Organisation, Project, Revision, RevisionKind
from tests.factories import record, store
from tests.knowledge_platform.curate.edit.test_edit import (
    curator_client,
    form_values,
    load,
    post,
    soup,
)
from tests.knowledge_platform.resilience.documents import write_corpus

ROUNDS = 20
# Per round, the field each of the two curators changes: always two different ones.
FIELD_PAIRS = [("summary_cs", "summary_en"), ("description_en", "description_cs"),
               ("title_en", "summary_cs"), ("summary_en", "title_en"),
               ("description_cs", "title_cs")]
ERRORS = ("database is locked", "OperationalError", "Traceback", "Internal Server Error")


def _answered(response) -> str:
    """The response's text, after checking it is no server error."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, (response.status_code, body[:500])
    for error in ERRORS:
        assert error not in body, error
    return body


def _curators(app) -> list:
    return [curator_client(app, "alena@example.org", name="Alena"),
            curator_client(app, "boris@example.org", name="Boris")]


def _together(clients, project_ids, changes) -> list:
    """Both curators load their edit form, then save ``changes`` at the same moment."""
    forms = [load(client, project_id)
             for client, project_id in zip(clients, project_ids, strict=True)]
    barrier = threading.Barrier(len(clients))

    def save(index: int):
        forms[index].update({name: [value] for name, value in changes[index].items()})
        barrier.wait(timeout=30)
        return post(clients[index], project_ids[index], forms[index])

    with ThreadPoolExecutor(len(clients)) as pool:
        responses = list(pool.map(save, range(len(clients))))
    for response in responses:
        _answered(response)
    return responses


def _changes(pair: tuple[str, str], number: int) -> list[dict[str, str]]:
    """Round ``number``'s change of each curator: a value of their own in a field each."""
    return [{name: f"{who} {number}"}
            for who, name in zip(("Alena", "Boris"), pair, strict=True)]


def _new_project(app, title: str) -> int:
    with app.app_context():
        return store(record(title=title, implementer="Spolek Souběh")).project.id


def _assert_history_holds(app, project_id: int, accepted: list[tuple[str, str]]) -> None:
    """The record has the last accepted value of every field, and each accepted save is one
    EDIT revision with its new value."""
    with app.app_context():
        project = db.session.get(Project, project_id)
        edits = db.session.scalars(select(Revision).where(
            Revision.project_id == project_id, Revision.kind == RevisionKind.EDIT)
            .order_by(Revision.id)).all()
        assert len(edits) == len(accepted)
        for revision, (name, value) in zip(edits, accepted, strict=True):
            assert revision.changes[name]["new"] == value
        for name, value in dict(accepted).items():
            assert getattr(project, name) == value, name


def test_one_of_two_simultaneous_saves_wins_and_the_other_keeps_its_input(app):
    clients = _curators(app)
    project_id = _new_project(app, "Souběžné úpravy")
    accepted: list[tuple[str, str]] = []
    for number, pair in enumerate(islice(cycle(FIELD_PAIRS), ROUNDS)):
        changes = _changes(pair, number)
        responses = _together(clients, [project_id, project_id], changes)
        statuses = sorted(response.status_code for response in responses)
        assert statuses == [303, 409], (number, statuses)
        winner = 0 if responses[0].status_code == 303 else 1
        loser = 1 - winner
        accepted.append(next(iter(changes[winner].items())))
        # The refused curator sees the form again with their change on the latest values.
        page = soup(responses[loser])
        values = form_values(page)
        (name, value), = changes[loser].items()
        assert values[name] == [value]
        winning_name, winning_value = next(iter(changes[winner].items()))
        assert values[winning_name] == [winning_value]
        assert page.find(id="conflict-heading") is not None
        again = post(clients[loser], project_id, values)
        _answered(again)
        assert again.status_code == 303
        accepted.append((name, value))
    _assert_history_holds(app, project_id, accepted)


def test_simultaneous_saves_of_different_projects_both_succeed(app):
    clients = _curators(app)
    project_ids = [_new_project(app, "První projekt"), _new_project(app, "Druhý projekt")]
    accepted: list[list[tuple[str, str]]] = [[], []]
    for number, pair in enumerate(islice(cycle(FIELD_PAIRS), ROUNDS // 2)):
        changes = _changes(pair, number)
        responses = _together(clients, project_ids, changes)
        assert [response.status_code for response in responses] == [303, 303], number
        for index in (0, 1):
            accepted[index].append(next(iter(changes[index].items())))
    for project_id, saved in zip(project_ids, accepted, strict=True):
        _assert_history_holds(app, project_id, saved)


def test_a_curator_edits_while_an_import_runs(app, tmp_path):
    client = curator_client(app, "alena@example.org", name="Alena")
    project_id = _new_project(app, "Úprava během importu")
    write_corpus(tmp_path / "corpus", 30)
    # The curator names as partners the organisations the import is about to create.
    names = list(dict.fromkeys(item["implementer"] for item in generate(30, 2026)))[::-1]
    started = threading.Barrier(2)

    def run_import():
        with app.app_context():
            started.wait(timeout=30)
            report = import_paths([str(tmp_path / "corpus")], max_bytes=10_000_000,
                                  started_by="test")
            return [result.status for result in report.results]

    accepted: list[tuple[str, str]] = []
    with ThreadPoolExecutor(1) as pool:
        importing = pool.submit(run_import)
        started.wait(timeout=30)
        number = 0
        # Edit until the import is over, and at least a few times.
        while not importing.done() or number < 5:
            values = load(client, project_id)
            field = ("summary_cs", "summary_en", "description_cs")[number % 3]
            values[field] = [f"Během importu {number}"]
            values["partners-0"] = [names[number % len(names)]]
            response = post(client, project_id, values)
            _answered(response)
            assert response.status_code == 303, number
            accepted.append((field, f"Během importu {number}"))
            number += 1
        statuses = importing.result()
    assert statuses == ["new"] * 30
    _assert_history_holds(app, project_id, accepted)
    with app.app_context():
        organisations = db.session.scalars(select(Organisation.name)).all()
        assert len(organisations) == len(set(organisations))


def test_two_curators_naming_the_same_new_organisation_at_once(app):
    clients = _curators(app)
    project_ids = [_new_project(app, "První projekt"), _new_project(app, "Druhý projekt")]
    for number in range(5):
        name = f"Nový spolek Souběh {number}"
        responses = _together(clients, project_ids, [{"partners-0": name}] * 2)
        assert [response.status_code for response in responses] == [303, 303], number
        with app.app_context():
            partners = [[organisation.name for organisation in
                         db.session.get(Project, project_id).organisations_in("partner")]
                        for project_id in project_ids]
            assert partners == [[name], [name]]
            organisations = db.session.scalars(select(Organisation.id).where(
                Organisation.name == name)).all()
            assert len(organisations) == 1
