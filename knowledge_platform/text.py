"""Small text helpers shared by the app: slugs and title keys."""
from __future__ import annotations

import re

# The app folds as the search index and the importers do, so keys made here match theirs.
from search_index.text import fold


def slugify(text: str, max_length: int = 80) -> str:
    """A URL slug: ASCII words joined by hyphens ("Města a inkluzivní…" → "mesta-a-inkluzivni…")."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "project"


def match_key(name: str) -> str:
    """The form names and titles are matched in: folded, punctuation and extra spaces dropped."""
    return re.sub(r"[\W_]+", " ", fold(name)).strip()
