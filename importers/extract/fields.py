"""Labelled lines ("Label: value") and the label synonyms of both languages."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from importers.extract.text import clean, is_list_item, is_upper_line, lines, strip_bullet
from search_index.text import fold

# Order matters: the first field whose pattern matches a (folded) label wins, so
# "Přehled partnerů zapojených do realizace projektu" is about partners, not the period.
LABEL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("registration_number", r"registracni cislo|reg\.? ?c\b|reg\.? ?no|registration (number|no)"
                            r"|cislo projektu|project (number|no|id)|identifikac|identification\b"),
    ("title", r"^(nazev( projektu)?|project (title|name)|title|name of the project|projekt"
              r"|project)$"),
    # "Lead partner" (Interreg, EEA) carries the project out: the implementer, not a partner.
    ("partners", r"^(?!lead partner|hlavni partner|vedouci partner)(?=.*partner)"),
    # "Provider" on grant records is who provides the money (funders below).
    ("implementer", r"^(realizator|prijemce|zadatel|nositel|implementer|implementing|beneficiary"
                    r"|applicant|lead (organi[sz]ation|partner)|hlavni partner|vedouci partner"
                    r"|project (holder|promoter)"
                    r"|coordinator|koordinator|predkladatel)|^(organizace|organi[sz]ation"
                    r"|autor|author|(project )?participants|ucastnici( projektu)?)$"
                    r"|managing organi[sz]ation"),
    ("subsidy", r"^(celkova )?(vyse )?(dotace|dotaci|podpory|podpora)"
                r"|^(vyse|castka) (dotace|podpory)"
                r"|subsid|^(total )?grant|eu contribution|prispevek (eu|unie)"
                # What a funder gave: "Poskytnutá částka", "Amount provided / requested".
                r"|^(poskytnut|pridelen|schvalen)\w* (castka|dotace|podpora|prostredky)"
                r"|^(amount|sum) (provided|granted|awarded|allocated)|^(granted|awarded) amount"
                r"|^provided ?/ ?requested"),
    ("budget", r"^(celkove )?(zpusobile )?(naklady|vydaje)|rozpocet|budget|total (cost|value)"
               r"|^costs?$|^celkove zpusobile"
               r"|celkova (hodnota|castka)|^castka$|^amount$"),
    ("period", r"^(doba|obdobi|termin|casovy harmonogram)( realizace)?|^realizace( projektu)?$"
               r"|^realization|^realisation|^duration|period|^implementation|^timeframe|^trvani"
               r"|^(?:time|when|kdy|termin konani|dates?)$"),
    ("start", r"^(?:projec?t )?(zahajeni|zacatek|datum zahajeni|start|start date|begin"
              r"|commencement)"),
    ("end", r"^(?:projec?t )?(ukonceni|konec|datum ukonceni|end|end date|finish)"),
    # Before funders, which "zdroj" would otherwise claim: "Zdroj: https://..." is where the
    # description came from; "Zdroj financování" still names a funder.
    ("source_url", r"^(zdroj|zdroj informaci|source|source url|url|odkaz|more information"
                   r"|vice informaci|further information)$"),
    ("funders", r"financov|zdroj|poskytovatel|^provider$|^(operacni )?program|funded|funding"
                r"|donor|funder"
                r"|spolufinanc|^fond"),
    ("regions", r"^(kraj|region|mista? realizace|misto|lokalita|location|area|uzemi)"),
    ("target_groups", r"cilov\w* skupin|target group"),
    ("activities", r"aktivit|activit|cinnost"),
    ("summary", r"^(anotace|popis|shrnuti|summary|description|abstract|cil projektu|cile projektu"
                r"|aim|objective)"),
    ("language", r"^(jazyk|language)$"),
)

LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][^:\n]{0,70}?)\s*:\s*(?P<value>.*)$")


@lru_cache(maxsize=8192)
def classify_label(label: str) -> str | None:
    """The record field a label stands for ("Příjemce dotace" -> "implementer"), or None."""
    folded = fold(clean(label)).strip(" :.-–")
    for name, pattern in LABEL_PATTERNS:
        if re.search(pattern, folded):
            return name
    return None


def as_label(line: str, tab: bool = False) -> tuple[str, str] | None:
    """("Label", "value") of a labelled line ("Kraj: Vysočina"); None for any other line."""
    match = LABEL_LINE.match(strip_bullet(line) if is_list_item(line) else line)
    if not match:
        return None
    label = match.group("label").strip()
    # A label is short and reads like a heading, not like the start of a sentence; one with
    # its value on the same line is shorter still unless a tab separates them.
    limit = 7 if not match.group("value").strip() or tab else 5
    if len(label.split()) > limit or re.search(r"[.!?;„“\"()]", label):
        return None
    return label, match.group("value").strip()


_BARE_LABEL_FIELDS = {"title", "implementer", "partners", "period", "start", "end", "budget",
                      "subsidy", "registration_number", "regions"}


def _bare_label(line: str) -> bool:
    """A short heading that names a field without a colon ("Realization" above its dates,
    as web pages and PDFs lay out definition lists)."""
    if not line or is_upper_line(line) or is_list_item(line) or len(line.split()) > 4:
        return False
    return classify_label(line) in _BARE_LABEL_FIELDS


def field_lines(text: str) -> list[tuple[str, str]]:
    """("Label", "value") pairs of the text; a label alone on its line takes the next
    line or the list that follows (items joined by newlines)."""
    all_lines = lines(text)
    tabs = ["\t" in raw for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(all_lines):
        found = as_label(all_lines[i], tabs[i]) if all_lines[i] else None
        if not found and _bare_label(all_lines[i]):
            found = (all_lines[i], "")
        i += 1
        if not found:
            continue
        label, value = found
        if value:
            if classify_label(label) == "partners":
                # "Partners: A" followed by "B", "C" on lines of their own: one list.
                more, i = _continued_list(all_lines, i)
                value = "\n".join([value, *more])
            pairs.append((label, value))
            continue
        items, i = _following_value(all_lines, i)
        if items:
            pairs.append((label, "\n".join(items)))
    return pairs


def _continued_list(all_lines: list[str], i: int) -> tuple[list[str], int]:
    """The short unlabelled lines right below a labelled list value (no sentences)."""
    items: list[str] = []
    while (i < len(all_lines) and all_lines[i] and not as_label(all_lines[i])
           and len(all_lines[i].split()) <= 12 and not all_lines[i].endswith(".")):
        items.append(strip_bullet(all_lines[i]))
        i += 1
    return items, i


def _following_value(all_lines: list[str], i: int) -> tuple[list[str], int]:
    j = i
    while j < len(all_lines) and not all_lines[j]:
        j += 1
    if j >= len(all_lines) or as_label(all_lines[j]):
        return [], i
    if not is_list_item(all_lines[j]):
        line = all_lines[j]
        if is_upper_line(line) or len(line) > 300:
            return [], i
        return [line], j + 1
    items: list[str] = []
    while j < len(all_lines):
        line = all_lines[j]
        if not line:
            k = j
            while k < len(all_lines) and not all_lines[k]:
                k += 1
            if k < len(all_lines) and is_list_item(all_lines[k]) and not as_label(all_lines[k]):
                j = k
                continue
            break
        if not is_list_item(line) or as_label(line):
            break
        item = strip_bullet(line)
        if item:
            items.append(item)
        j += 1
    return items, j


def labelled(fields: Iterable[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    """The (label, value) pairs whose label stands for record field ``name``."""
    return [(label, value) for label, value in fields if classify_label(label) == name]


def field_evidence(label: str, value: str) -> str:
    """How a labelled line is quoted as evidence."""
    return f"{label}: {value}".replace("\n", "; ")
