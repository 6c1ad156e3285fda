"""``kp serve``: start-up checks (exit 2, one clear line, no traceback) and a real start."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flask_migrate import upgrade

from knowledge_platform.db import MIGRATIONS, db
from knowledge_platform.ops.cli import EXIT_NOT_READY
from knowledge_platform.ops.serve import (
    MAX_DEFAULT_WORKERS,
    default_workers,
    gunicorn_options,
    warm,
)
from knowledge_platform.search import bitmap_cache
from tests.conftest import make_app
from tests.factories import record, store
from tests.knowledge_platform.ops.conftest import json_lines

KP = Path(sys.executable).parent / "kp"


def _serve(app):
    return app.test_cli_runner().invoke(args=["serve", "--port", "1"])


def _refused(result) -> str:
    assert result.exit_code == EXIT_NOT_READY, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    return line


def test_unreachable_postgresql_is_one_line_without_the_password(tmp_path):
    app = make_app("postgresql://kp:s3cret@127.0.0.1:1/kp", tmp_path / "instance")
    line = _refused(_serve(app))
    assert line.startswith("cannot reach the database at postgresql://kp@127.0.0.1:1/kp: ")
    assert "refused" in line.lower()
    assert "s3cret" not in line


def test_sqlite_in_a_missing_folder_is_refused(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/gone/kp.db", tmp_path / "instance")
    assert _refused(_serve(app)) == (
        f"cannot reach the database at sqlite:///{tmp_path}/gone/kp.db: no folder {tmp_path}/gone")


def test_missing_sqlite_file_is_refused_and_not_created(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/kp.db", tmp_path / "instance")
    assert "run 'kp db upgrade' to create it" in _refused(_serve(app))
    assert not (tmp_path / "kp.db").exists()


def test_schema_behind_the_code_asks_for_kp_db_upgrade(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/old.db", tmp_path / "instance")
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="0003")
        db.engine.dispose()
    line = _refused(_serve(app))
    assert "is at revision 0003 but this code needs" in line
    assert line.endswith("run 'kp db upgrade'")


def test_unmigrated_database_asks_for_kp_db_upgrade(tmp_path):
    (tmp_path / "empty.db").touch()
    app = make_app(f"sqlite:///{tmp_path}/empty.db", tmp_path / "instance")
    assert _refused(_serve(app)).endswith("has no schema: run 'kp db upgrade'")


def test_worker_count_and_timeout_come_from_cpus_and_config():
    assert 3 <= default_workers() <= MAX_DEFAULT_WORKERS
    config = {"REQUEST_TIMEOUT": 45, "WORKERS": None, "LOG_LEVEL": None}
    options = gunicorn_options(config, "::1", 8080, None)
    assert options["bind"] == "[::1]:8080"
    assert options["workers"] == default_workers()
    assert options["timeout"] == 45 and options["accesslog"] is None
    assert gunicorn_options({**config, "WORKERS": 5}, "0.0.0.0", 80, None)["workers"] == 5
    assert gunicorn_options({**config, "WORKERS": 5}, "0.0.0.0", 80, 2)["workers"] == 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_kp_serve_answers_healthz_and_logs_requests_as_json(tmp_path, migrated_sqlite):
    shutil.copy(migrated_sqlite, tmp_path / "kp.db")
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'kp.db'}",
           "KP_INSTANCE_PATH": str(tmp_path / "instance"), "KP_LOG_LEVEL": "INFO"}
    server = subprocess.Popen([str(KP), "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline, health = time.monotonic() + 60, None
        while health is None and time.monotonic() < deadline:
            assert server.poll() is None, server.communicate()[1].decode()
            try:
                health = _get(f"http://127.0.0.1:{port}/healthz")
            except OSError:
                time.sleep(0.2)
        assert health is not None, "kp serve did not answer within 60 s"
        assert health[0] == 200
        assert json.loads(health[1])["status"] == "ok"
        assert _get(f"http://127.0.0.1:{port}/en/about")[0] == 200
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err.decode()
    requests = [line for line in json_lines(out.decode()) if line["message"] == "request"]
    assert [(r["path"], r["status"]) for r in requests] == [("/en/about", 200)]
    assert b"Booting worker" in err
    # kp serve brought the snapshot up to date, then each worker read its search bitmaps
    # before taking requests.
    app_lines = json_lines("\n".join(
        line for line in err.decode().splitlines() if line.startswith("{")))
    warmed = [line for line in app_lines if line["message"] == "search bitmaps read"]
    assert len(warmed) == 1 + 2 and all(line["duration_ms"] >= 0 for line in warmed)


def test_warm_reads_the_bitmaps_before_the_first_request(app):
    with app.app_context():
        store(record(title="Kurzy češtiny v Jihlavě", regions=["CZ063"]))
        key = str(db.engine.url)
    bitmap_cache._indexes.pop(key, None)
    warm(app)
    index = bitmap_cache._indexes[key]
    assert index.everyone().bit_count() == 1
    with app.app_context():
        assert bitmap_cache.current(db.session.connection()) is index  # the first search reuses it


def test_warm_leaves_an_unreachable_database_to_the_first_request(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'missing' / 'kp.db'}", tmp_path / "instance")
    warm(app)  # logs, does not raise
    with app.app_context():
        assert str(db.engine.url) not in bitmap_cache._indexes
