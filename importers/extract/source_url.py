"""The public web address a project description was taken from ("Zdroj: https://...")."""
from __future__ import annotations

import re
from collections.abc import Iterable

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import NOTHING, Finding

_URL = re.compile(r"https?://[^\s<>\"'(){}|\\^`]+[^\s<>\"'(){}|\\^`.,;:!?]", re.IGNORECASE)


def first_url(value: str) -> str | None:
    """The first http(s) address in ``value``, without trailing punctuation."""
    match = _URL.search(value or "")
    return match.group(0) if match else None


def find_source_url(mapped_url: str | None, fields: Iterable[tuple[str, str]],
                    url_hint: str | None) -> Finding:
    """A bulk file's URL column first, then a "Zdroj:"/"Source:" line, then the page's own
    canonical address."""
    url = first_url(mapped_url or "")
    if url:
        return Finding(url, f"url: {mapped_url}", 0.95)
    for label, value in labelled(fields, "source_url"):
        url = first_url(value)
        if url:
            return Finding(url, field_evidence(label, value), 0.9)
    url = first_url(url_hint or "")
    if url:
        return Finding(url, f'<link rel="canonical" href="{url_hint}">', 0.8)
    return NOTHING
