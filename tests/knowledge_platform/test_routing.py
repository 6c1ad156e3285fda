"""Every integer in an address is bounded: a number no table can hold is a 404, never a
database error, on every route that takes one."""
from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from knowledge_platform.routing import MAX_ID
from tests.knowledge_platform.accounts.conftest import login, make_user


def _integer_routes(app) -> list[tuple[str, str]]:
    """(rule, method) of every route with an integer in its path."""
    return [(rule.rule, "GET" if "GET" in rule.methods else "POST")
            for rule in app.url_map.iter_rules()
            if any(isinstance(converter, IntegerConverter)
                   for converter in rule._converters.values())]


def _url(rule: str, number: str) -> str:
    url = rule.replace("<lang>", "cs").replace("<slug>", "x")
    while "<" in url:
        start, end = url.index("<"), url.index(">")
        converter = url[start + 1:end]
        url = url[:start] + (number if converter.startswith("int") else "x") + url[end + 1:]
    return url


def test_the_public_pages_of_the_reproduction_answer_404(client):
    for url in ("/cs/projects/9223372036854775808", "/cs/organisations/9223372036854775808",
                "/api/v1/projects/9223372036854775808", f"/cs/projects/{MAX_ID + 1}-x"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("number", [str(MAX_ID + 1), "9223372036854775808", "9" * 40])
def test_every_integer_route_refuses_a_number_no_table_holds(app, client, number):
    make_user(app, "admin@example.org", role="admin")
    assert login(client, "admin@example.org").status_code == 302
    routes = _integer_routes(app)
    assert len(routes) >= 20  # public, API, exports and curator routes alike
    for rule, method in routes:
        url = _url(rule, number)
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code in (400, 404, 405), (rule, response.status_code)
        assert response.status_code != 500


def test_the_largest_id_still_reaches_its_page(client):
    # Within the bound the route matches: the project simply does not exist.
    response = client.get(f"/cs/projects/{MAX_ID}")
    assert response.status_code == 404
    assert client.get("/cs/years/2020").status_code == 200
