"""The OpenAPI document, its browsable page, and a property test of the API against it."""
from __future__ import annotations

import pytest
import schemathesis
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

EXAMPLES_PER_OPERATION = 20  # eight operations take parameters: about 160 requests


def test_document_is_valid_openapi_and_covers_every_endpoint(client, ids):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/projects", "/projects/{project_id}", "/organisations", "/organisations/{organisation_id}",
        "/regions", "/municipalities", "/size-bands", "/funders", "/activities", "/target-groups",
        "/kinds", "/stats", "/statistics", "/places-like-mine",
        "/projects.csv", "/projects.jsonl", "/projects.xlsx"}
    parameters = {p["name"]: p for p in document["paths"]["/projects"]["get"]["parameters"]}
    assert parameters["per_page"]["schema"]["maximum"] == 100
    assert "CZ010" in parameters["region"]["schema"]["items"]["enum"]
    assert parameters["target_group"]["explode"] is True
    project = document["components"]["schemas"]["Project"]["properties"]
    assert project["start_date"] == {"type": "string", "format": "date", "nullable": True}
    download = {p["name"]: p for p in document["paths"]["/projects.csv"]["get"]["parameters"]}
    assert download["dialect"]["schema"]["enum"] == ["comma", "semicolon"]
    assert set(parameters) < set(download)  # the search's parameters, and the CSV variant


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_docs_page_is_rendered_from_the_document_without_scripts(client, ids, lang):
    response = client.get("/api/v1/docs", query_string={"lang": lang})
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = BeautifulSoup(response.data, "html.parser")
    assert page.html["lang"] == lang
    assert page.select("script") == []
    assert not [tag for tag in page.select("[src], link[href]")
                if tag.get("src", tag.get("href", "")).startswith(("http:", "https:", "//"))]
    operations = [heading.get_text() for heading in page.select(".api-operation h3")]
    assert "GET /api/v1/projects/{project_id}" in operations and len(operations) == 17
    assert "GET /api/v1/projects.csv" in operations
    assert page.select_one("#schema-Project")
    assert page.select_one('a[href="#schema-ProjectPage"]')
    heading = page.select_one("h1").get_text()
    assert heading == {"cs": "Dokumentace API", "en": "API documentation"}[lang]


def test_api_conforms_to_its_own_document(app, ids):
    """Generated requests for every operation: no 500, every response matches the document."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 17
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            # OpenAPI 3.0 cannot say "sep must agree with dialect", so a schema-valid
            # request may still be refused for that; checked here instead of by schemathesis.
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            if response.status_code == 400:
                errors = set(response.json()["errors"])
                assert errors == {"sep"}, response.text
                if "sep" in errors:  # the separator of the other dialect
                    assert case.query["dialect"] != {",": "comma", ";": "semicolon"}[
                        case.query["sep"]]

        check()
