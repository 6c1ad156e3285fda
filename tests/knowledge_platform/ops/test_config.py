"""Settings added for operations: secret key creation under concurrency, connect timeout."""
from __future__ import annotations

from pathlib import Path

from knowledge_platform.config import _instance_secret_key
from tests.conftest import make_app


def test_a_key_written_by_another_worker_meanwhile_wins(tmp_path, monkeypatch):
    # Workers starting together on a new instance all find no key file, then all write.
    (tmp_path / "secret_key").write_text("a" * 64)
    monkeypatch.setattr(Path, "exists", lambda _path: False)
    assert _instance_secret_key(tmp_path) == "a" * 64
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]


def test_a_new_key_is_private_and_whole(tmp_path):
    key = _instance_secret_key(tmp_path)
    assert len(key) == 64 and (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_postgresql_connections_time_out(tmp_path):
    app = make_app("postgresql://kp@db.invalid/kp", tmp_path, DATABASE_CONNECT_TIMEOUT=3)
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"connect_timeout": 3}
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_sqlite_gets_no_connect_timeout(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/kp.db", tmp_path)
    assert "connect_args" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
