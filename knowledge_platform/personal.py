"""Personal data: the project fields the catalogue marks ``personal``, and the one rule every
public surface follows for them: shown only while the project records the person's consent.

The page, the API, exports and releases, feeds and similar-project texts read the contact
person through ``contact_person``; the search index and public texts never hold these fields.
"""
from __future__ import annotations

from typing import Any

from knowledge_platform.catalogue import CONSENT, CONSENT_DATE, FIELDS

# Every personal field, and those the public may see of a person who agreed to be listed.
PERSONAL: tuple[str, ...] = tuple(field.name for field in FIELDS if field.personal)
SHOWN: tuple[str, ...] = tuple(name for name in PERSONAL if name not in (CONSENT, CONSENT_DATE))


def consented(project: Any) -> bool:
    """Whether a curator recorded that the project's named contact person agreed to be
    listed (a consent needs a date, and someone to have given it)."""
    return (bool(getattr(project, CONSENT, False)) and getattr(project, CONSENT_DATE) is not None
            and bool(getattr(project, "contact_name", "")))


def public_value(project: Any, name: str) -> Any:
    """Personal field ``name`` of ``project`` (a Project or a row) as the public may see it:
    None without the person's consent."""
    return getattr(project, name) or None if consented(project) else None


def contact_person(project: Any) -> dict[str, str] | None:
    """The listed contact person as ``{"name", "role", "email", "phone"}``; None without
    a named person's consent."""
    if not consented(project):
        return None
    return {name.removeprefix("contact_"): getattr(project, name) or "" for name in SHOWN}

