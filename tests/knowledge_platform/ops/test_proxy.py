"""TRUSTED_PROXIES: forwarded client address and scheme are believed only when set."""
from __future__ import annotations

import pytest

from tests.conftest import make_app
from tests.knowledge_platform.ops.conftest import json_lines

FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


def _session_cookie(response) -> str:
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


@pytest.mark.parametrize("proxies, secure, address", [
    (0, False, "127.0.0.1"),
    (1, True, "203.0.113.9"),
])
def test_forwarded_headers_only_count_from_trusted_proxies(
        tmp_path, database_url, info_logs, capsys, proxies, secure, address):
    app = make_app(database_url, tmp_path / "instance", TRUSTED_PROXIES=proxies,
                   LOG_LEVEL="INFO")
    capsys.readouterr()
    # The login form puts a CSRF token in the session, so the response sets its cookie.
    response = app.test_client().get("/en/login", headers=FORWARDED)
    assert response.status_code == 200
    assert ("; Secure" in _session_cookie(response)) is secure
    (line,) = json_lines(capsys.readouterr().out)
    assert line["remote_addr"] == address
