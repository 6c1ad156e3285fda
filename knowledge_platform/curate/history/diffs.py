"""Readable differences between a project's stored values, for the history and conflict pages."""
from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l

from knowledge_platform import catalogue
from knowledge_platform.db import db
from knowledge_platform.history import FIELDS, LIST_FIELDS, ORGANISATION_FIELDS
from knowledge_platform.labels import FIELD_LABELS, VALUE_LABELS
from knowledge_platform.models import VOCABULARIES, RevisionKind

KIND_LABELS = {
    RevisionKind.IMPORT: _l("Imported"),
    RevisionKind.EDIT: _l("Edited"),
    RevisionKind.REVERT: _l("Reverted"),
    RevisionKind.CONFLICT: _l("Conflict resolved"),
    RevisionKind.MERGE: _l("Merged"),
    RevisionKind.STATUS: _l("Status changed"),
    RevisionKind.BADGE: _l("Badge changed"),
}
# Texts longer than this (or with line breaks) are compared word by word.
LONG_TEXT = 80
# Unchanged runs of more words than this are shortened to their ends.
CONTEXT_WORDS = 12
_KINDS = {scalar.name: scalar.kind for scalar in catalogue.FIELDS}


@dataclass
class FieldDiff:
    """One changed field: plain old/new values, word segments, or added/removed items."""

    field: str
    label: str
    old: str = ""
    new: str = ""
    # dataclasses.field: in this class body ``field`` names the attribute above.
    segments: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    added: list[str] = dataclasses.field(default_factory=list)
    removed: list[str] = dataclasses.field(default_factory=list)
    reordered: list[str] = dataclasses.field(default_factory=list)


def revision_diff(changes: dict[str, dict[str, Any]], language: str) -> list[FieldDiff]:
    """The changes of a revision ({field: {"old", "new"}}) in the fields' usual order."""
    order = [*FIELDS, *LIST_FIELDS, *ORGANISATION_FIELDS]
    diffs = []
    for name in sorted(changes, key=lambda f: order.index(f) if f in order else len(order)):
        old, new = changes[name].get("old"), changes[name].get("new")
        diff = FieldDiff(field=name, label=str(FIELD_LABELS.get(name, name)))
        if name in LIST_FIELDS or name in ORGANISATION_FIELDS:
            _list_diff(diff, old or [], new or [], language)
        elif _KINDS.get(name) == catalogue.LINKS:
            _links_diff(diff, old or [], new or [])
        elif _is_long(old) or _is_long(new):
            diff.segments = word_segments(old or "", new or "")
        else:
            diff.old, diff.new = display_value(name, old, language), display_value(
                name, new, language)
        diffs.append(diff)
    return diffs


def display_value(name: str, value: Any, language: str) -> str:
    """A stored scalar value as a curator reads it ("" for no value)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    if name in VALUE_LABELS:
        return str(VALUE_LABELS[name].get(value, value))
    if _KINDS.get(name) == catalogue.DATE:
        return format_date(date.fromisoformat(value), "medium")
    if _KINDS.get(name) == catalogue.MONEY:
        return format_decimal(Decimal(str(value)))
    return str(value)


def word_segments(old: str, new: str) -> list[tuple[str, str]]:
    """("same" | "del" | "ins", text) pieces turning ``old`` into ``new`` word by word."""
    before, after = _tokens(old), _tokens(new)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(("same", _shortened(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("del", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(("ins", "".join(after[j1:j2])))
    return segments


def term_label(vocabulary: str, code: str, language: str) -> str:
    """A vocabulary code's label in ``language`` (the code itself when the term is gone)."""
    term = db.session.get(VOCABULARIES[vocabulary], code)
    return term.label(language) if term is not None else code


def _list_diff(diff: FieldDiff, old: list, new: list, language: str) -> None:
    if diff.field in ORGANISATION_FIELDS:
        names = {entry["id"]: entry.get("name") or f"#{entry['id']}" for entry in (*old, *new)}
        old_keys, new_keys = [e["id"] for e in old], [e["id"] for e in new]
    else:
        vocabulary = LIST_FIELDS[diff.field]
        names = {code: term_label(vocabulary, code, language) for code in (*old, *new)}
        old_keys, new_keys = list(old), list(new)
    diff.added = [names[key] for key in new_keys if key not in old_keys]
    diff.removed = [names[key] for key in old_keys if key not in new_keys]
    if not diff.added and not diff.removed and old_keys != new_keys:
        # Only organisations have a meaningful order (the first implementer leads).
        diff.reordered = [names[key] for key in new_keys]


def link_text(link: dict[str, str]) -> str:
    """A link of the good-practice sheet as a curator reads it: "Report: https://… (label)"."""
    kind = VALUE_LABELS["sheet_links"].get(link.get("kind", ""), link.get("kind", ""))
    label = f" ({link['label']})" if link.get("label") else ""
    return f"{kind}: {link.get('url', '')}{label}"


def _links_diff(diff: FieldDiff, old: list, new: list) -> None:
    before, after = [link_text(link) for link in old], [link_text(link) for link in new]
    diff.added = [text for text in after if text not in before]
    diff.removed = [text for text in before if text not in after]
    if not diff.added and not diff.removed and before != after:
        diff.reordered = after


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def _tokens(text: str) -> list[str]:
    # Words with the spaces after them, so that joining the pieces gives the text back.
    return re.findall(r"\S+\s*|\s+", text)


def _shortened(tokens: list[str]) -> str:
    words = [token for token in tokens if token.strip()]
    if len(words) <= 2 * CONTEXT_WORDS:
        return "".join(tokens)
    return "".join(tokens[:CONTEXT_WORDS]) + "… " + "".join(tokens[-CONTEXT_WORDS:])
