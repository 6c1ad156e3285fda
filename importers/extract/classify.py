"""Is a document about one project, or a news item, an "about us" page or a call?"""
from __future__ import annotations

import re
from typing import Any

from importers.extract.finding import Finding
from importers.extract.text import lines
from search_index.text import fold

_NOT_PROJECT = (
    (re.compile(r"\bnovel\w* zakona|\bzmen\w* zakona|\bnovy zakon\b|\bnovelizac|amendment to the"
                r" (?:act|law)|\bnew law\b|\blaw amendment|nabyva ucinnosti|comes into force"
                r"|enters into force"), 3, "law change"),
    (re.compile(r"^(?:o nas|about us|nase organizace|our organi[sz]ation|kdo jsme|who we are)$"),
     4, "about us"),
    (re.compile(r"\b(?:nase poslani|our mission|jsme nezisk\w* organizac\w*|we are a non-?profit"
                r"|nase organizace|zalozen\w* v roce|founded in)\b"), 1, "about us"),
    (re.compile(r"vyzv\w* k (?:predkladani|zasilani|podavani)|call for (?:proposals|applications)"
                r"|zadosti lze podavat"
                r"|zadosti (?:je mozne|muzete) podavat|applications (?:can|may|must) be submitted"
                r"|opravnen\w* zadatel\w*|eligible applicants|uzaverka (?:prijmu )?zadosti"
                r"|deadline for (?:applications|submission)"), 4, "call for proposals"),
    (re.compile(r"\bvyrocni zprav\w*|\bannual report\b"), 2, "annual report"),
    (re.compile(r"\bvolne (?:pracovni )?misto\b|\bnapln prace\b|\bpozadujeme\b|\bnabizime:?$"
                r"|\bnastup (?:mozny|ihned|od)\b|\bpracovni (?:pomer|uvazek)\b|\bjob description\b"
                r"|\bwe are hiring\b|\bapply for this (?:job|position)\b|\bsalary\b"),
     2, "job advert"),
    (re.compile(r"\b(?:konference|seminar|kulate stoly?) (?:se )?(?:konal\w*|probehl\w*|hostil\w*)"
                r"|\bhostil\w* (?:\w+ )?konferenc\w*|\bconference (?:was held|took place)\b"),
     2, "event report"),
    # Guidance on what the law entitles people to is a standing rule, not a project.
    (re.compile(r"§\s*\d+|\bpodle (?:\w+ )?zakon\w*|\bmaji narok\b|\bare entitled to\b"),
     2, "legal guidance"),
)
_PROJECT_WORD = re.compile(r"\bprojekt\w*|\bproject\w*")
_INFORMATION_PAGE_WORDS = 80
# One line of fewer words than this and no project signal: a stray note or a file's leftovers,
# which describe nothing a curator could publish.
_TOO_SHORT_WORDS = 12
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|jsme|nas[eiu]?|nasich|mame|budeme|chceme|nabizime"
                           r"|poradame|pomahame|organizujeme|poskytujeme)\b")


def find_is_project(text: str, record: dict[str, Any] | None = None) -> Finding:
    """False when the text reads as a news item on law changes, an organisation's "about us"
    page or a call for proposals and project signals (title, implementer, period, budget,
    registration number, "projekt") do not outweigh that."""
    record = record or {}
    folded_lines = [fold(line) for line in lines(text) if line]
    folded = "\n".join(folded_lines)
    score = 0.0
    evidence = []
    for field, weight in (("registration_number", 2), ("implementer", 1), ("start", 1),
                          ("budget_amount", 1), ("funders", 0.5), ("partners", 0.5)):
        if record.get(field):
            score += weight
    title_confidence = record.get("confidence", {}).get("title", 0)
    if record.get("evidence", {}).get("title") and title_confidence >= 0.75:
        # A labelled project name ("Název projektu:") is the surest sign of a project record.
        score += 3 if title_confidence >= 0.9 else 1
    if len(_PROJECT_WORD.findall(folded)) >= 2:
        score += 1
    for pattern, weight, name in _NOT_PROJECT:
        hits = [line for line in folded_lines if pattern.search(line)]
        if hits:
            score -= weight * min(len(hits), 2)
            evidence.append(name)
    # A page long enough to describe a project that never says "project", names no
    # implementer, gives no period, budget or number and does not speak for the people doing
    # the work ("we opened", "pořádáme") describes a kind of service or a network in general.
    signals = ("implementer", "start", "budget_amount", "registration_number")
    if len(folded.split()) >= _INFORMATION_PAGE_WORDS and not (
            _PROJECT_WORD.search(folded) or _FIRST_PERSON.search(folded)
            or any(record.get(f) for f in signals)):
        score -= 2
        evidence.append("general information")
    if len(folded_lines) == 1 and len(folded.split()) < _TOO_SHORT_WORDS and score <= 0:
        evidence.append("too short to describe a project")
    # Without any sign of a news item, an "about us" page or a call, a document is taken
    # to describe a project (with low confidence when nothing else supports it either).
    is_project = score > 0 or not evidence
    confidence = round(min(0.95, 0.5 + abs(score) / 10), 2)
    reason = ("not a project: " + ", ".join(evidence)) if not is_project and evidence else (
        "project signals" if is_project else "no project signals")
    return Finding(is_project, reason, confidence)
