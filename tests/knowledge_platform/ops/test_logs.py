"""Structured logs: one JSON line per request on stdout, one per import event on stderr."""
from __future__ import annotations

import logging

import pytest

from knowledge_platform.db import db
from knowledge_platform.ingest.runs import import_paths
from knowledge_platform.ops.logs import APP_LOGGER, configure
from tests.conftest import make_app
from tests.knowledge_platform.ops.conftest import json_lines

TEXT = """Název projektu: Kurzy češtiny pro cizince v Brně
Realizátor: Centrum pro integraci cizinců
Kraj: Jihomoravský kraj
Období: 2019–2021
"""


def test_a_request_is_one_json_line_on_stdout(client, info_logs, capsys):
    capsys.readouterr()
    response = client.get("/en/about?x=1", headers={"X-Request-ID": "proxy-42"},
                          environ_base={"REMOTE_ADDR": "198.51.100.4"})
    captured = capsys.readouterr()
    (line,) = json_lines(captured.out)
    assert line["message"] == "request"
    assert {k: line[k] for k in ("method", "path", "status", "remote_addr", "request_id")} == {
        "method": "GET", "path": "/en/about", "status": 200, "remote_addr": "198.51.100.4",
        "request_id": "proxy-42"}
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "info" and line["time"].endswith("+00:00")
    assert response.headers["X-Request-ID"] == "proxy-42"
    assert captured.err == ""


def test_a_request_without_a_usable_id_gets_a_new_one(client, info_logs, capsys):
    capsys.readouterr()
    response = client.get("/en/nowhere", headers={"X-Request-ID": "<script>" + "x" * 200})
    (line,) = json_lines(capsys.readouterr().out)
    assert line["status"] == 404
    assert len(line["request_id"]) == 32 and line["request_id"] == response.headers["X-Request-ID"]


def test_health_checks_are_not_logged_at_info(client, info_logs, capsys):
    capsys.readouterr()
    client.get("/healthz")
    assert capsys.readouterr().out == ""


def test_tests_log_nothing_at_info_by_default(client, capsys):
    capsys.readouterr()
    client.get("/en/about")
    assert capsys.readouterr().out == ""


def test_import_run_logs_start_each_failure_and_finish(app, info_logs, capsys, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    with app.app_context():
        report = import_paths([str(folder)], max_bytes=1_000_000)
        db.session.remove()
    lines = json_lines(capsys.readouterr().err)
    assert [line["message"] for line in lines] == [
        "import started", "import file failed", "import finished"]
    started, failed, finished = lines
    assert started["run_id"] == report.run_id and started["paths"] == [str(folder)]
    assert failed["level"] == "warning" and failed["source"].endswith("broken.pdf")
    assert failed["problem"]
    assert (finished["new"], finished["failed"]) == (1, 1)
    assert finished["logger"] == "knowledge_platform.ingest.runs"


def test_level_comes_from_kp_log_level(tmp_path, database_url, monkeypatch):
    monkeypatch.setenv("KP_LOG_LEVEL", "debug")
    try:
        make_app(database_url, tmp_path / "instance")
        assert logging.getLogger(APP_LOGGER).level == logging.DEBUG
    finally:
        logging.getLogger(APP_LOGGER).setLevel(logging.WARNING)


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="LOG_LEVEL must be one of"):
        configure("LOUD")


def test_an_unhandled_error_is_logged_as_one_json_line(app, capsys):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    capsys.readouterr()
    assert app.test_client().get("/boom").status_code == 500
    (line,) = json_lines(capsys.readouterr().err)
    assert line["level"] == "error" and "RuntimeError: kaboom" in line["exception"]
    assert len(line["request_id"]) == 32
