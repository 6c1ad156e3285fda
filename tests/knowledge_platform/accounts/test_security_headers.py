"""Security headers on every response, and templates the CSP does not break."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge_platform import ROOT
from knowledge_platform.security import CONTENT_SECURITY_POLICY

EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize("path", ["/cs/", "/en/about", "/en/login", "/en/curate/",
                                  "/api/v1/regions", "/static/site.css", "/en/no-such-page"])
def test_headers_on_every_kind_of_response(client, path):
    response = client.get(path)
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (path, name)


def test_policy_forbids_inline_code_and_framing():
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'"


def test_templates_have_no_inline_scripts_or_styles():
    problems = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text("utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)", r"<style\b", r"\sstyle=", r"\son[a-z]+=",
                        r"javascript:"):
            if re.search(pattern, text, flags=re.I):
                problems.append(f"{Path(template).relative_to(ROOT)}: {pattern}")
    assert problems == []


def test_rendered_home_page_has_no_inline_styles(client):
    # The region map is inline SVG built from a file: check the page as served.
    body = client.get("/cs/").get_data(as_text=True)
    assert not re.search(r"\sstyle=|<style\b|<script(?![^>]*\bsrc=)", body)
