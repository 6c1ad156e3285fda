"""The licences of the data and of the code, stated wherever the data goes out: the site's
footer, the API's landing document, a `Link: rel="license"` header on every API response and
export, and each release's metadata."""
from __future__ import annotations

from functools import lru_cache
from importlib import metadata

from flask import current_app

# SPDX identifier -> (short name, the licence's own page).
KNOWN = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "MIT": ("MIT", "https://opensource.org/license/mit"),
}


def _described(identifier: str) -> dict[str, str | None]:
    name, url = KNOWN.get(identifier, (identifier, None))
    return {"id": identifier, "name": name, "url": url}


def data_licence() -> dict[str, str | None]:
    """The data's licence (setting DATA_LICENCE, an SPDX identifier; CC BY 4.0 by default)."""
    return _described(current_app.config["DATA_LICENCE"])


@lru_cache(maxsize=1)
def code_licence() -> dict[str, str | None]:
    """The code's licence, as the package declares it (setup.cfg)."""
    try:
        identifier = metadata.metadata("knowledge-platform")["License"] or "MIT"
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        identifier = "MIT"
    return _described(identifier)


def link_header() -> str | None:
    """The value of a ``Link`` header naming the data's licence (RFC 8288), if it has a page."""
    url = data_licence()["url"]
    return f'<{url}>; rel="license"' if url else None
