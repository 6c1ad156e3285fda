"""The app factory and configuration precedence."""
from __future__ import annotations

import os

from knowledge_platform import create_app
from tests.conftest import make_app


def test_testing_flag_and_database(app, database_url):
    assert app.testing
    # A plain postgresql:// URL gets the psycopg 3 driver; the address is kept.
    assert app.config["SQLALCHEMY_DATABASE_URI"].split("://")[1] == database_url.split("://")[1]


def test_default_database_is_sqlite_file_in_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("KP_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/knowledge_platform.db"


def test_precedence_defaults_instance_file_environment_test_config(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text(
        "PROJECTS_PER_PAGE = 7\nIMPORT_MAX_BYTES = 1000\nDEMO_FOLDER = '/from/file'\n"
    )
    monkeypatch.setenv("KP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("KP_IMPORT_MAX_BYTES", "2000")
    monkeypatch.setenv("KP_DEMO_FOLDER", "/from/env")
    app = create_app({"DEMO_FOLDER": "/from/test"})
    assert app.config["BABEL_DEFAULT_LOCALE"] == "cs"  # default untouched
    assert app.config["PROJECTS_PER_PAGE"] == 7  # instance file beats default
    assert app.config["IMPORT_MAX_BYTES"] == 2000  # environment beats file (parsed as JSON)
    assert app.config["DEMO_FOLDER"] == "/from/test"  # test_config beats all


def test_database_url_environment_selects_postgresql_with_psycopg3(tmp_path, monkeypatch):
    monkeypatch.setenv("KP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql://kp@db.example/kp")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://kp@db.example/kp"


def test_secret_key_generated_once_into_instance_folder(tmp_path):
    first = make_app("sqlite://", tmp_path)
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert oct(os.stat(key_file).st_mode)[-3:] == "600"
    second = make_app("sqlite://", tmp_path)
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_configured_secret_key_is_not_written(tmp_path):
    app = make_app("sqlite://", tmp_path, SECRET_KEY="configured")
    assert app.config["SECRET_KEY"] == "configured"
    assert not (tmp_path / "secret_key").exists()
