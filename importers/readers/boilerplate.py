"""Spot and remove web-page boilerplate: navigation, cookie banners, footers, share bars."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

DROPPED_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "template", "button", "select", "object", "embed", "canvas",
)  # fmt: skip
DROPPED_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "alertdialog",
}  # fmt: skip
# Containers that hold the content itself; a class like "has-sidebar" on them is layout.
_NEVER_DROPPED = {"html", "body", "main", "article"}

# Matched anywhere inside a class or id ("CybotCookiebotDialog", "gdpr-consent-box").
_ANYWHERE = ("cookie", "consent", "gdpr", "breadcrumb", "sidebar", "drobeck")
# Matched as a whole word of a class or id ("site-nav", "mainMenu", "footer_links").
_WORDS = {
    "nav", "navbar", "navigation", "navigace", "menu", "mainmenu", "topmenu", "submenu",
    "footer", "paticka", "share", "sharing", "social", "socials", "skip", "skiplink",
    "newsletter", "toolbar", "pagination", "related",
}  # fmt: skip
# Layout state words: "has-sidebar", "with-menu", "menu-open" describe the page, not a widget.
_STATE_WORDS = {"has", "with", "no", "is", "open", "active"}
_ARIA_HINTS = ("cookie", "consent", "navig", "menu", "breadcrumb", "drobečk", "share", "sdílet",
               "footer", "patička", "sidebar")  # fmt: skip
_WORD_SPLIT = re.compile(r"[-_\s:.]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _token_is_boilerplate(token: str) -> bool:
    lowered = token.lower()
    words = {word.lower() for word in _WORD_SPLIT.split(token) if word}
    if words & _STATE_WORDS:
        return False
    return any(hint in lowered for hint in _ANYWHERE) or bool(words & _WORDS)


def is_boilerplate(tag: Tag) -> bool:
    """True when the tag's id, class, role or aria-label marks it as page furniture."""
    if tag.name in _NEVER_DROPPED:
        return False
    attrs = tag.attrs or {}
    role = str(attrs.get("role", "")).strip().lower()
    if role in DROPPED_ROLES:
        return True
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if _HIDDEN_STYLE.search(str(attrs.get("style", ""))):
        return True
    aria = str(attrs.get("aria-label", "")).lower()
    if aria and any(hint in aria for hint in _ARIA_HINTS):
        return True
    value: str | list[str] = attrs.get("class") or []
    classes = value.split() if isinstance(value, str) else value
    tokens = [*classes, str(attrs.get("id", ""))]
    return any(_token_is_boilerplate(token) for token in tokens if token)


def _holds_content(tag: Tag) -> bool:
    # An article's own <header> carries its title, and ASP.NET sites wrap the
    # whole page in one <form>: neither is boilerplate.
    if tag.name == "header":
        return tag.find_parent(["article", "main"]) is not None
    if tag.name == "form":
        return tag.find(["main", "article", "h1"]) is not None
    return False


def remove_boilerplate(soup: BeautifulSoup) -> None:
    """Delete boilerplate elements from the tree in place."""
    # One pass over the tree (find_all per tag name is slow on big pages); collect
    # first, because decomposing while iterating would skip siblings.
    dropped_tags = set(DROPPED_TAGS)
    doomed = [
        node
        for node in soup.descendants
        if isinstance(node, Tag)
        and (
            (node.name in dropped_tags and not _holds_content(node))
            or is_boilerplate(node)
        )
    ]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()
