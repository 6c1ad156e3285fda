"""Web addresses in the form pages are matched in: one page, one key, however it was linked."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

# Query parameters that follow a visitor or a list, not the page: campaign tags, click ids,
# paging and sorting. Compared in lower case; a name ending in "*" is a prefix. ("p" is
# WordPress's post number and "lang" another text: both name a page.)
IGNORED_PARAMETERS = (
    "utm_*", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl",
    "igshid", "ref", "ref_src", "share", "page", "paged", "strana", "start", "offset",
    "limit", "sort", "order", "print", "tisk",
)
DEFAULT_PAGES = ("index.html", "index.htm", "index.php", "default.aspx")


def address_key(url: str | None) -> str | None:
    """``url`` reduced to what names the page: no scheme, "www.", port 80/443, fragment,
    trailing slash, default page or tracking and paging parameters; None if not a web address."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    path = parts.path
    for page in DEFAULT_PAGES:
        if path.lower().endswith("/" + page):
            path = path[: -len(page)]
    path = path.rstrip("/")
    query = sorted((name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                   if not _ignored(name))
    return host + path + (f"?{urlencode(query)}" if query else "")


def _ignored(name: str) -> bool:
    name = name.lower()
    return any(name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern
               for pattern in IGNORED_PARAMETERS)
