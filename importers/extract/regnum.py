"""Project registration numbers (AMIF, operational programmes, EEA grants, MV decisions)."""
from __future__ import annotations

import re
from collections.abc import Iterable

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import NOTHING, Finding
from importers.extract.text import clean, lines, sentence_of

# Most specific first; each pattern tolerates the stray spaces PDFs put around slashes.
_PATTERNS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    # Operational programmes: CZ.03.2.63/0.0/0.0/15_007/0001234, CZ.12.01.02/00/24_022/0000077,
    # CZ.03.3.X/0.0/0.0/15_018/0002578 (OPZ's cross-cutting axis), CZ.11.4.120/… (Interreg)
    ("op", re.compile(r"\bCZ\s?\.\s?\d{2}(?:\s?\.\s?(?:\d{1,3}|X)){1,3}\s?/\s?[\d.]+"
                      r"(?:\s?/\s?[\d.]+)?\s?/\s?\d{2}_\d{3}\s?/\s?\d{7}\b"), 0.95),
    # AMIF national programme: AMIF/28/04, AMIF /28/04, AMIF/2/2019
    ("amif", re.compile(r"\bAMIF\s?/\s?\d{1,3}\s?/\s?\d{2,4}\b"), 0.95),
    # EEA and Norway Grants: EHP-CZ-..., NF-CZ..., EEA-CZ-...
    ("eea", re.compile(r"\b(?:EHP|EEA|NF|NOR)[-–]?CZ\d{0,2}(?:[-–/][A-Z0-9]+){1,4}\b"), 0.9),
    # Erasmus+: 2016-1-CZ01-KA201-023925
    ("erasmus", re.compile(r"\b20\d\d-\d-[A-Z]{2}\d{2}-KA\d{3}(?:-[A-Z]{3})?-\d{6,9}\b"),
     0.9),
    # Technology Agency of the Czech Republic (TAČR): TL01000468
    ("tacr", re.compile(r"\bT[A-Z]\d{8}\b"), 0.85),
    # Ministry of the Interior decisions: MV-12345-6/OAM-2019
    ("mv", re.compile(r"\bMV[-–]\d{3,7}[-–]\d{1,3}/[A-ZÁ-Ž]{2,6}[-–]\d{4}\b"), 0.6),
    # The Ministry's decisions on municipal grants: 6/2023/OBCEKOL3 (not "326/1999 Sb.")
    ("mv", re.compile(r"\b\d{1,4}/20\d\d/[A-Z][A-Z0-9]{2,15}\b"), 0.6),
)
# "Reg. No. 21/2022 IC UKR": a label and its number on one line without a colon; the number
# runs while the words are capitals and digits.
_LINE_LABEL = re.compile(
    r"^(?:reg\.?\s?(?:no|č|c|číslo)\.?|registrační číslo|registration (?:number|no\.?)"
    r"|číslo projektu|project (?:number|no\.?))\s*:?\s+"
    r"(?P<number>[A-Z0-9][A-Z0-9./_\-]*(?:\s[A-Z0-9][A-Z0-9./_\-]*)*)\s*$", re.I)


# "reg. No.:", "registrační číslo" just before a number glued to a name.
_TRAILING_LABEL = re.compile(
    r"(?:reg(?:istrační|istration)?\.?\s?(?:no|č|c|číslo|number)\.?\s*:?\s*)$", re.I)


def without_registration_number(name: str) -> str:
    """A name with the programme number glued to it removed ("Vítejte, CZ.03.1.48/…/0012310",
    "Kurzy – AMIF/28/04", "Podpora …reg. No.: CZ…")."""
    for kind, pattern, _ in _PATTERNS:
        if kind not in ("op", "amif", "eea", "erasmus"):
            continue
        while match := pattern.search(name):
            # Searched, then trimmed: a pattern led by optional separators was quadratic.
            head = _TRAILING_LABEL.sub("", name[:match.start()]).rstrip(" ,;:–—(-")
            name = f"{head} {name[match.end():].lstrip(')')}"
    return " ".join(name.split()).strip(" ,;:–—-")


def normalise_registration_number(value: str) -> str:
    """Remove the spaces PDFs leave inside numbers ("AMIF /28/04" -> "AMIF/28/04")."""
    return re.sub(r"\s+", "", clean(value)).replace("–", "-")


def find_registration_number(text: str, fields: Iterable[tuple[str, str]] = ()) -> Finding:
    """The project's registration number; a labelled number wins, law numbers ("326/1999 Sb."),
    dates and phone numbers never match. MV decision numbers count only when alone."""
    for label, value in labelled(fields, "registration_number"):
        for _, pattern, confidence in _PATTERNS:
            match = pattern.search(value)
            if match:
                return Finding(normalise_registration_number(match.group(0)),
                               field_evidence(label, value), max(confidence, 0.9))
        bare = clean(value.split("\n")[0])
        if re.fullmatch(r"[A-Z0-9][A-Z0-9./_\- ]{4,40}", bare) and re.search(r"\d", bare):
            return Finding(normalise_registration_number(bare), field_evidence(label, value), 0.8)
    for line in lines(text):
        match = _LINE_LABEL.match(line)
        number = " ".join(match.group("number").rstrip(".,;").split()) if match else ""
        # Numbers of a known shape are read by their own patterns below.
        if (re.search(r"\d", number) and not re.search(r"[a-zá-ž]", number)
                and not any(pattern.search(number) for _, pattern, _ in _PATTERNS)):
            return Finding(number, line, 0.85)
    found: list[Finding] = []
    for kind, pattern, confidence in _PATTERNS:
        for line in lines(text):
            for match in pattern.finditer(line):
                number = normalise_registration_number(match.group(0))
                found.append(Finding(number, sentence_of(line, match.group(0)), confidence))
        if found and kind != "mv":
            break
    if not found:
        return NOTHING
    # The number written most often is the project's; ties go to the first.
    counts = {f.value: sum(g.value == f.value for g in found) for f in found}
    return max(found, key=lambda f: counts[f.value])
