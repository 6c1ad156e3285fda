"""The organisation whose web site a page is, as the page's text names it: the address
confirms a name the text gives, it never adds one. Also the host's labels and the towns
their web addresses name."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from importers.extract.names import canonical_organisation, organisation_aliases, without_legal_form
from importers.extract.org_text import (
    CONNECTORS,
    LEGAL_FORM_AFTER,
    names_only_an_organisation,
    reads_as_organisation,
)
from importers.extract.text import lines, read_tsv
from search_index.text import fold

# Host labels that name no organisation.
_GENERIC_LABELS = frozenset({"www", "www2", "web", "en", "cs", "cz", "m", "old", "new", "beta"})


def compact(name: str) -> str:
    """A name as a web address writes it: folded, without spaces or punctuation."""
    return re.sub(r"[^a-z0-9]+", "", fold(name))


def host_labels(url: str | None) -> list[str]:
    """The labels of the page's host name, most specific first, without the top level."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = host.lower().split(".")[:-1]
    return [label for label in labels if label not in _GENERIC_LABELS and len(label) >= 3]


@lru_cache(maxsize=1)
def towns_by_host() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Towns (name, forms) by their name as a web address writes it ("plzen",
    "usti-nad-labem", also "jablonec" for "Jablonec nad Nisou" when no other town starts so)."""
    index: dict[str, tuple[str, tuple[str, ...]]] = {}
    first_words: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for row in read_tsv("towns.tsv"):
        if len(row) > 3 and row[3] == "1":
            continue  # a common word ("Most") is no safe address
        town = (row[0], tuple(f for f in row[2].split("|") if f) if len(row) > 2 else (row[0],))
        index.setdefault(compact(row[0]), town)
        first = compact(re.split(r"[\s-]", row[0])[0])
        if len(first) >= 5:
            first_words.setdefault(first, []).append(town)
    for first, found in first_words.items():
        if len(found) == 1:
            index.setdefault(first, found[0])
    return index


@lru_cache(maxsize=1)
def _directory_by_compact() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Known organisations by any of their names without spaces and punctuation ("soze",
    "inbaze", "metaops"), with all their names."""
    index: dict[str, tuple[str, tuple[str, ...]]] = {}
    for canonical, aliases in organisation_aliases():
        names = (canonical, *aliases)
        for name in names:
            for key in {compact(name), compact(without_legal_form(name))}:
                if len(key) >= 3:
                    index.setdefault(key, (canonical, names))
    return index


# A foundation's or a fund's site shows the projects it pays for.
_FUNDING_BODY = re.compile(r"^(?:Nadace|Nadační|Fond|Foundation|Fund)\b|\b(?:Foundation|Fund)$")
_FUNDER_CUE = (
    r"(?:grant\w*|podpo\w+|financ\w+|dotac\w+|příspěv\w+|poskytovatel\w*|poskytl\w*"
    r"|funded by|funder|grant from|supported by|donor)\W+(?:the\s+)?(?:\w+\s+)?"
)


def _names_a_funder(name: str, text: str) -> bool:
    """Whether the site's owner pays for the project rather than runs it: a foundation, or
    a name right after a word of money ("s grantem Nadace Via", "Poskytovatel: …")."""
    if _FUNDING_BODY.search(name) or _FUNDING_BODY.search(canonical_organisation(name) or ""):
        return True
    return bool(re.search(_FUNDER_CUE + re.escape(name), text, re.I))


def publisher(site_name: str | None, text: str) -> str | None:
    """The organisation that publishes the page under its own name ("… | Diecézní charita
    Brno", "Městská část Praha 17 – Řepy"): the first part of the site's name that reads as
    an organisation, when the text names it too and it does not pay for the project."""
    if not site_name:
        return None
    for name in [part.strip() for part in re.split(r"\s[–—|-]\s", site_name)] + [site_name]:
        canonical = canonical_organisation(name)
        if not (reads_as_organisation(name) or canonical):
            continue
        if name not in text and not (canonical and canonical in text):
            continue
        return None if _names_a_funder(name, text) else name
    return None


def site_owner(url: str | None, text: str) -> str | None:
    """The organisation whose web site the page is, as the text names it: a known
    organisation called by the address ("soze.cz" -> "SOZE"), a name whose initials the
    address spells ("ujep.cz" -> "Univerzita Jana Evangelisty Purkyně v Ústí nad Labem"), or
    a heading line that carries the address's words ("brdy-vltava.cz" -> "MAS Brdy-Vltava")."""
    for label in host_labels(url):
        name = (
            _known_owner(label, text) or _initials_owner(label, text) or _heading_owner(label, text)
        )
        if name:
            return None if _names_a_funder(name, text) else name
    return None


def _known_owner(label: str, text: str) -> str | None:
    entry = _directory_by_compact().get(compact(label))
    if not entry or entry[0].startswith("Ministerstvo"):
        return None  # a ministry's portal publishes others' projects
    best = None
    for name in sorted(entry[1], key=len, reverse=True):
        flags = 0 if name.isupper() else re.I
        match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags)
        if match:
            best = match
            break
    if best is None:
        return None
    form = LEGAL_FORM_AFTER.match(text[best.end() : best.end() + 12])
    return best.group(0) + (form.group(0) if form else "")


def _initials_owner(label: str, text: str) -> str | None:
    """A name in the text whose initials spell ``label``, with the capitalised words that
    follow it ("… Purkyně v Ústí nad Labem", "Fakulta sociálních věd Univerzita Karlova")."""
    if not (3 <= len(label) <= 6 and label.isalpha()):
        return None
    for line in lines(text):
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*|[,.;:()]", line)
        for start, word in enumerate(words):
            if fold(word[:1]) != label[0] or not word[:1].isupper():
                continue
            end = _spell(words, start, label)
            if end is None:
                continue
            end = _extend(words, end)
            name = " ".join(words[start:end])
            if reads_as_organisation(name):
                return name
    return None


def _spell(words: list[str], start: int, label: str) -> int | None:
    """The end of the words from ``start`` whose initials (connectors skipped) spell ``label``."""
    pos = 0
    i = start
    while i < len(words) and pos < len(label):
        word = words[i]
        if not word[:1].isalpha():
            return None
        if word.lower() in CONNECTORS and i > start:
            i += 1
            continue
        if fold(word[:1]).lower() != label[pos]:
            return None
        pos += 1
        i += 1
    return i if pos == len(label) else None


def _extend(words: list[str], end: int) -> int:
    """Past the capitalised words after a name, and the connectors between them ("v Ústí",
    "of the Prague University")."""
    while end < len(words):
        if words[end][:1].isupper():
            end += 1
            continue
        after = end
        while after < len(words) and after - end < 2 and words[after].lower() in CONNECTORS:
            after += 1
        if after == end or after >= len(words) or not words[after][:1].isupper():
            break
        end = after
    return end


def _heading_owner(label: str, text: str) -> str | None:
    """A short line naming an organisation with the address's words in it ("MAS
    Brdy-Vltava, o.p.s." on brdy-vltava.cz); a town's name in the address is no owner's."""
    key = compact(label)
    if len(key) < 5 or key in towns_by_host():
        return None
    for line in lines(text[:3000]):
        if not line or len(line.split()) > 8 or key not in compact(line):
            continue
        words = [compact(word) for word in line.split()]
        runs = {
            "".join(words[i:j])
            for i in range(len(words))
            for j in range(i + 1, min(i + 4, len(words) + 1))
        }
        if key in runs and names_only_an_organisation(line):
            return line
    return None
