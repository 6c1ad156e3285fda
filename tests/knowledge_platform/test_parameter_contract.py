"""One parameter contract: the search page, a browse page, the three exports, the Atom feed
and the API give one value one verdict, and never a 5xx or a body that does not parse."""
from __future__ import annotations

import csv
import io
import json
import os
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import record, store
from tests.markup import markup_problems

API = "/api/v1/projects"
# Examples of the property test: a bounded number in CI; KP_PROPERTY_EXAMPLES=5000 locally.
EXAMPLES = int(os.environ.get("KP_PROPERTY_EXAMPLES", "60"))
READS = {  # every public read that takes search parameters
    "search": "/cs/search",
    "browse": "/en/regions/CZ064",
    "csv": "/api/v1/projects.csv",
    "jsonl": "/api/v1/projects.jsonl",
    "xlsx": "/api/v1/projects.xlsx",
    "feed": "/cs/search.atom",
    "statistics": "/cs/statistics",
    "statistics_csv": "/en/statistics/funder-by-year.csv",
    "api_statistics": "/api/v1/statistics",
    "api": API,
}
HOSTILE_AMOUNTS = ["NaN", "sNaN", "-nan", "Infinity", "-inf", "1e999999", "1e16", "-1", "12abc"]
HOSTILE_TEXT = ["\x00", "\x01\x02", "\x0b", "\x1b[31mred", "a\uffffb", "\x85", "\ufdd0"]
# Values each parameter may take: valid, at the edges, and hostile.
VALUES = {
    "q": st.sampled_from(["kurzy", "Brně", '"tlumočení"', "", "a" * 500, "a" * 501,
                          *HOSTILE_TEXT]),
    "budget_min": st.sampled_from(["0", "1 000", "2500,50", "", *HOSTILE_AMOUNTS]),
    "budget_max": st.sampled_from(["10000000", "1e15", *HOSTILE_AMOUNTS]),
    "year_from": st.sampled_from(["2010", "1900", "2100", "1899", "x", "9" * 30]),
    "year_to": st.sampled_from(["2020", "2100", "2101", "-5", "NaN"]),
    "decade": st.sampled_from(["2010", "2015", "1890", "0x7da"]),
    "region": st.sampled_from(["CZ064", "CZ010", "CZ999", "", "\x00"]),
    "lang": st.sampled_from(["cs", "en", "de"]),
    "good_practice": st.sampled_from(["1", "0", "true", "yes"]),
    "sort": st.sampled_from(["relevance", "newest", "budget", "random"]),
    "page": st.sampled_from(["1", "2", "0", "1000000", "1000001", "9" * 25, "1.5"]),
    "utm_source": st.sampled_from(["newsletter", ""]),  # unknown: ignored everywhere
    "per_page": st.sampled_from(["1", "100", "101", "0", "-1"]),
}


def _get(client, url: str, params: list[tuple[str, str]]):
    return client.get(url + ("?" + urlencode(params) if params else ""))


def _well_formed(name: str, response) -> None:
    """The body parses as what it says it is."""
    if response.mimetype == "text/html":
        problems = markup_problems(response.get_data(as_text=True))
        if problems:
            raise ValueError(problems[:3])
    if response.status_code != 200:
        if response.mimetype == "application/json":
            json.loads(response.data)
        return
    if name == "feed":
        ElementTree.fromstring(response.data)
    elif name == "jsonl":
        for line in response.data.decode().splitlines():
            json.loads(line)
    elif name.endswith("csv"):
        rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
        if {len(row) for row in rows} != {len(rows[0])}:
            raise ValueError("rows of different lengths")


@pytest.fixture
def projects(app):
    with app.app_context():
        store(record(title="Kurzy češtiny v Brně", regions=["CZ064"], budget_amount=250000,
                     start="2016-01-01", end="2017-12-31"))
        store(record(title="Tlumočení pro rodiny", regions=["CZ010"]))


@pytest.mark.parametrize("value", HOSTILE_AMOUNTS)
def test_a_special_or_huge_amount_is_refused_everywhere(client, projects, value):
    for name, url in READS.items():
        response = _get(client, url, [("budget_min", value)])
        assert response.status_code == 400, (name, value, response.status_code)
        _well_formed(name, response)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_control_and_non_characters_are_refused_everywhere(client, projects, value):
    for name, url in READS.items():
        response = _get(client, url, [("q", value)])
        assert response.status_code == 400, (name, repr(value), response.status_code)
        _well_formed(name, response)


def test_the_markup_check_finds_elements_left_open_or_closed_out_of_order():
    assert markup_problems('<main><p>a<br>b</p><img src="x"></main>') == []
    assert markup_problems("<main><p>a</main>") != []
    assert markup_problems("<ul><li>a</ul>") != []
    assert markup_problems("<div>") == ["<div> at (1, 0) never closed"]


def test_a_valid_search_is_answered_everywhere_and_parses(client, projects):
    for name, url in READS.items():
        response = _get(client, url, [("q", "kurzy"), ("budget_min", "1 000")])
        assert response.status_code == 200, name
        _well_formed(name, response)


def test_the_site_reports_the_apis_message_for_the_same_value(client, projects):
    api = _get(client, API, [("budget_min", "NaN")]).get_json()["errors"]
    page = _get(client, "/en/search", [("budget_min", "NaN")]).get_data(as_text=True)
    assert api["budget_min"] in page


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=4).flatmap(
    lambda names: st.tuples(*(st.tuples(st.just(name), VALUES[name]) for name in names))))
def test_any_parameters_get_one_verdict_and_a_well_formed_body(app, client, params):
    # The app, client and its empty database are shared by the examples: reads only.
    api = _get(client, API, list(params))
    assert api.status_code in (200, 400), params
    verdict = api.status_code == 200
    for name, url in READS.items():
        if name == "api":
            continue  # asked above
        response = _get(client, url, list(params))
        assert response.status_code < 500, (name, params)
        assert (response.status_code == 200) == verdict, (
            name, params, response.status_code, api.get_json())
        try:
            _well_formed(name, response)
        except (ValueError, SyntaxError) as error:  # ElementTree's ParseError is a SyntaxError
            raise AssertionError((name, params, response.data[:300])) from error


def test_invalid_utf8_escapes_are_read_as_replacement_characters_everywhere(client, projects):
    for name, url in READS.items():
        response = client.get(url + "?q=%FF%FEkurzy")
        assert response.status_code == 200, name
        _well_formed(name, response)


def test_pages_name_a_bad_parameter_in_the_readers_language(client, projects):
    from bs4 import BeautifulSoup

    bad = [("budget_min", "NaN"), ("year_from", "2020"), ("year_to", "1850")]
    page = BeautifulSoup(_get(client, "/cs/search", bad).data, "html.parser")
    shown = {item["data-parameter"]: item.get_text() for item in
             page.select(".problems li")}
    assert shown == {"budget_min": "Rozpočet od (Kč): musí být číslo (ne NaN ani nekonečno)",
                     "year_to": "Do roku: musí být mezi 1900 a 2100"}
    # The API answers in English, whatever the reader's language.
    client.set_cookie("lang", "cs")
    api = client.get(API + "?" + urlencode(bad), headers={"Accept-Language": "cs"}).get_json()
    assert api["errors"] == {"budget_min": "must be a number (not NaN or infinity)",
                             "year_to": "must be between 1900 and 2100"}


def test_a_reversed_year_range_is_swapped_on_the_page_too(client, projects):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(_get(client, "/cs/search", [("year_from", "2017"),
                                                     ("year_to", "2015")]).data, "html.parser")
    assert page.select(".problems li") == []
    assert page.select_one("input[name=year_from]")["value"] == "2015"
    assert page.select_one("input[name=year_to]")["value"] == "2017"


def test_the_feed_names_itself_by_the_parameters_it_read(client, projects):
    # A repeated parameter's second value is not read, and is not echoed either.
    response = _get(client, READS["feed"], [("q", "kurzy"), ("q", "a\uffffb"), ("x", "\x01")])
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.data)
    assert feed.find("{http://www.w3.org/2005/Atom}id").text == \
        "http://localhost/cs/search.atom?q=kurzy"


def test_a_bad_parameter_keeps_the_form_and_the_other_parameters_results(client, projects):
    from bs4 import BeautifulSoup

    response = _get(client, "/en/search", [("q", "kurzy"), ("budget_min", "NaN"),
                                           ("region", "CZ064")])
    assert response.status_code == 400
    page = BeautifulSoup(response.data, "html.parser")
    assert [item["data-parameter"] for item in page.select(".problems li")] == ["budget_min"]
    assert page.select_one("aside.facets") is not None  # the filters stay
    assert page.select_one("#q")["value"] == "kurzy"
    assert page.select_one("input#f-region-CZ064")["checked"] is not None
    assert page.select_one(".result-count").get_text() == "1 project found"


def test_a_decade_off_the_tens_is_named_in_words_not_letters(client, projects):
    # A lazy message raised alone was read as a list of its characters ("m; u; s; t; ...").
    from bs4 import BeautifulSoup

    api = _get(client, API, [("decade", "2015")]).get_json()["errors"]
    assert api == {"decade": "must be a multiple of 10"}
    page = BeautifulSoup(_get(client, "/cs/search", [("decade", "1")]).data, "html.parser")
    assert [item.get_text() for item in page.select(".problems li")] == [
        "Desetiletí: musí být mezi 1900 a 2100; musí být násobkem 10"]
