"""One page, one address key: links differing in tracking, paging or spelling meet."""
from __future__ import annotations

import pytest

from knowledge_platform.ingest.addresses import address_key

PAGE = "charita.cz/projekty/doucovani"


@pytest.mark.parametrize("url", [
    "https://www.charita.cz/projekty/doucovani/",
    "http://charita.cz/projekty/doucovani",
    "https://charita.cz/projekty/doucovani?utm_source=newsletter&utm_medium=email",
    "https://CHARITA.cz:443/projekty/doucovani/index.html#kontakt",
    "https://charita.cz/projekty/doucovani?fbclid=IwAR0x&strana=2",
])
def test_the_same_page_however_linked(url):
    assert address_key(url) == PAGE


@pytest.mark.parametrize("url", [
    "https://charita.cz/projekty/doucovani-2",
    "https://charita.cz/projekty/doucovani?id=7",
    "https://charita.cz/?p=123",  # WordPress names a post by its number
    "https://charita.cz/projekty/doucovani?lang=en",
    "https://charita.cz:8080/projekty/doucovani",
])
def test_other_pages_keep_their_own_key(url):
    assert address_key(url) != PAGE


def test_query_order_does_not_matter():
    assert address_key("https://a.cz/p?b=2&a=1") == address_key("https://a.cz/p?a=1&b=2")


@pytest.mark.parametrize("value", [None, "", "projekty/doucovani.txt", "mailto:a@b.cz",
                                   "https://", "http://[::1"])
def test_anything_but_a_web_address_has_no_key(value):
    assert address_key(value) is None
