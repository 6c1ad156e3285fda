"""A database error while importing one file: a plain one-line problem in the report and on
the run page, naming the file, and the whole exception in the log."""
from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from sqlalchemy import insert

from knowledge_platform.db import db
from knowledge_platform.ingest import runs
from knowledge_platform.models import ImportRun
from tests.knowledge_platform.accounts.conftest import login, make_user
from tests.knowledge_platform.ops.conftest import json_lines

FIXTURES = Path(__file__).resolve().parents[2] / "importers" / "readers" / "fixtures"
LEAKS = ("INSERT", "SELECT", "sqlalche.me", "[SQL", "parameters", "again", "Key (id)")
# The driver's own first line, SQLite's or PostgreSQL's.
DRIVER_LINES = ("UNIQUE constraint failed: import_run.id",
                'duplicate key value violates unique constraint "pk_import_run"')


def _collide_on(name: str, monkeypatch) -> None:
    """Make storing the document ``name`` also insert a second run under the run's own id:
    a primary key violation raised by the database itself, with SQL and parameters."""
    original = runs.store_record

    def store_then_collide(record, source, *, run_id=None, actor="", publish=False):
        outcome = original(record, source, run_id=run_id, actor=actor, publish=publish)
        if source.location.endswith(name):
            db.session.execute(insert(ImportRun).values(id=run_id, started_by="again"))
        return outcome

    monkeypatch.setattr(runs, "store_record", store_then_collide)


def test_database_error_is_one_plain_line_naming_the_file(app, client, tmp_path, monkeypatch,
                                                           capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(FIXTURES / "kurzy_plzen_cp1250.txt", folder / "a.txt")
    shutil.copy(FIXTURES / "integracni_centrum.html", folder / "b.html")
    _collide_on("b.html", monkeypatch)
    capsys.readouterr()
    with app.app_context():
        report = runs.import_paths([str(folder)], max_bytes=1_000_000)
        db.session.remove()
    results = {Path(result.source).name: result for result in report.results}
    assert results["a.txt"].status == "new"
    failed = results["b.html"]
    assert failed.status == "failed"
    assert failed.message.startswith("database error: ")
    assert failed.message.removeprefix("database error: ") in DRIVER_LINES
    assert not [leak for leak in LEAKS if leak in failed.message]

    # The log has the run, the file and the whole exception, SQL included.
    logged = [line for line in json_lines(capsys.readouterr().err)
              if line["message"] == "import file failed"]
    assert len(logged) == 1
    assert logged[0]["run_id"] == report.run_id
    assert logged[0]["source"].endswith("b.html")
    assert logged[0]["problem"] == failed.message
    assert "IntegrityError" in logged[0]["exception"]
    assert "INSERT INTO import_run" in logged[0]["exception"]

    # The curator's run page names the file beside the same plain problem.
    make_user(app, "curator@example.org", role="curator")
    assert login(client, "curator@example.org").status_code == 302
    page = BeautifulSoup(client.get(f"/en/curate/imports/{report.run_id}").data, "html.parser")
    row = next(row for row in page.select("tr.run-file.outcome-failed"))
    assert row.select_one(".file-name").get_text(strip=True).endswith("b.html")
    assert row.select_one(".file-detail").get_text(strip=True) == failed.message


def test_the_cli_prints_the_plain_line(runner, app, tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "integracni_centrum.html", tmp_path / "b.html")
    _collide_on("b.html", monkeypatch)
    result = runner.invoke(args=["import", str(tmp_path / "b.html")])
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if line.startswith("failed")]
    assert line.split(": ", 1)[0].endswith("b.html")
    assert line.split(": ", 1)[1].removeprefix("database error: ") in DRIVER_LINES
    assert not [leak for leak in LEAKS if leak in line]


def test_value_errors_keep_their_own_words():
    problem = "unknown region code 'CZ999'"
    assert runs._describe(ValueError(problem)) == problem
