"""``/healthz``: 200 when the database answers at the code's schema, 503 otherwise."""
from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from knowledge_platform.db import db
from knowledge_platform.ops import checks
from tests.conftest import make_app
from tests.knowledge_platform.ops.conftest import json_lines


def _set_revision(app, revision: str) -> None:
    with app.app_context():
        db.session.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
        db.session.commit()


@pytest.fixture
def head(app):
    """The head revision, put back after a test that moves the database's revision."""
    (revision,) = checks.head_revisions()
    yield revision
    _set_revision(app, revision)


def test_healthy_answer_is_json_ok_with_one_query_and_no_cookie(app, client):
    statements = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get("/healthz")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200
    body = response.get_json()
    assert {k: body[k] for k in ("status", "database", "schema")} == {
        "status": "ok", "database": "ok", "schema": "current"}
    assert len(statements) == 1 and "alembic_version" in statements[0]
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_healthy_answer_is_fast(client):
    client.get("/healthz")  # the first call opens the pool's connection
    timings = [client.get("/healthz").get_json()["duration_ms"] for _ in range(3)]
    assert min(timings) < 100


def test_language_prefixed_path_is_not_the_health_check(client):
    assert client.get("/en/healthz").status_code == 404


def test_unreachable_database_gives_503_and_logs_the_reason(tmp_path, capsys):
    app = make_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'kp.db'}", tmp_path / "instance")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "error", "database": "error", "schema": "unknown",
        "duration_ms": response.get_json()["duration_ms"]}
    assert "unable to open" not in response.get_data(as_text=True)  # the reason stays private
    (line,) = [entry for entry in json_lines(capsys.readouterr().err)
               if entry["message"] == "health check failed"]
    assert line["level"] == "error" and "unable to open database file" in line["reason"]


def test_database_failing_on_connect_gives_503(app, client, monkeypatch):
    with app.app_context():
        engine = db.engine

    def refuse(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    monkeypatch.setattr(type(engine), "connect", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"
    assert response.get_json()["database"] == "error"


def test_schema_behind_the_code_gives_503(app, client, head):
    _set_revision(app, "0001")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["schema"] == "behind"
    assert response.get_json()["database"] == "ok"


def test_schema_ahead_of_the_code_is_healthy(app, client, head):
    # Mid rolling upgrade: old servers keep serving the migrated schema.
    _set_revision(app, "ffffffff")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["schema"] == "ahead"
