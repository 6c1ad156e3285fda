"""Login limits counted in the database: every worker process and server counts the same
attempts, a refusal says when to try again, and `kp serve` will not start several workers
that would each count their own."""
from __future__ import annotations

import multiprocessing
import time

from knowledge_platform.accounts.limit_storage import DatabaseStorage
from knowledge_platform.ops.cli import serve_command
from tests.conftest import make_app
from tests.knowledge_platform.accounts.conftest import login, make_user

WORKERS = 8


def test_the_storage_counts_in_windows_that_end(app):
    storage = DatabaseStorage("database://")
    with app.app_context():
        assert [storage.incr("account:a", 60) for _ in range(3)] == [1, 2, 3]
        assert storage.incr("account:a", 60, amount=2) == 5
        assert storage.get("account:a") == 5 and storage.get("account:b") == 0
        assert time.time() + 50 < storage.get_expiry("account:a") <= time.time() + 60
        assert storage.incr("account:a", 60, amount=-1) == 4  # an attempt given back
        assert storage.incr("account:gone", 0) == 1
        assert storage.incr("account:gone", 60, amount=-1) == 0  # its window had ended
        assert storage.incr("account:a", 60) == 5
        assert storage.incr("account:short", 0) == 1  # a window of no length has ended
        assert storage.incr("account:short", 60) == 1
        storage.clear("account:a")
        assert storage.get("account:a") == 0
        assert storage.check() is True
        assert storage.reset() >= 1 and storage.get("account:short") == 0


def _worker(database_url: str, instance: str, start, answers) -> None:
    """One worker process: its own app, its own limiter storage, two failed attempts, sent
    when every process is ready, so that attempts of all of them are checked at once."""
    from pathlib import Path

    client = make_app(database_url, Path(instance)).test_client()
    client.get("/en/login")  # the app is warm: the attempts below overlap
    start.wait(timeout=60)
    for _ in range(2):
        response = login(client, "shared@example.org", "wrong password!")
        answers.put((response.status_code, response.headers.get("Retry-After")))


def test_concurrent_workers_share_one_count_and_say_when_to_retry(app, database_url, tmp_path):
    """Eight processes, as eight gunicorn workers are, each with its own limiter, all trying
    passwords at the same moment: one account gets the configured number of failed attempts
    in all, not eight times it, and not a few more for checking before counting."""
    make_user(app, "shared@example.org")
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    context = multiprocessing.get_context("fork")
    start, answers = context.Barrier(WORKERS), context.Queue()
    workers = [context.Process(target=_worker, args=(database_url, str(tmp_path / f"w{n}"),
                                                     start, answers)) for n in range(WORKERS)]
    for worker in workers:
        worker.start()
    results = [answers.get(timeout=60) for _ in range(2 * WORKERS)]
    for worker in workers:
        worker.join(timeout=60)
    statuses = sorted(status for status, _retry in results)
    assert statuses == [200] * limit + [429] * (2 * WORKERS - limit)
    # The window is 15 minutes; the limits library rounds its end up to the next second.
    assert all(0 < int(retry) <= 15 * 60 + 1 for status, retry in results if status == 429)


def test_serve_refuses_per_process_limits_with_several_workers(app, monkeypatch):
    from knowledge_platform.ops import serve

    started = []
    monkeypatch.setattr(serve.Server, "run", lambda self: started.append(self))
    runner = app.test_cli_runner()
    app.config["RATELIMIT_STORAGE_URI"] = "memory://"
    refused = runner.invoke(serve_command, ["--workers", "2"])
    assert refused.exit_code == 2 and "per-worker-limits" in refused.output
    assert "2 workers" in refused.output and started == []
    assert runner.invoke(serve_command, ["--workers", "1"]).exit_code == 0
    allowed = runner.invoke(serve_command, ["--workers", "2", "--per-worker-limits"])
    assert allowed.exit_code == 0 and "2 worker processes" in allowed.stderr
    app.config["RATELIMIT_STORAGE_URI"] = "database://"
    assert runner.invoke(serve_command, ["--workers", "3"]).exit_code == 0
    assert len(started) == 3
