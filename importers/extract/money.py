"""Which amount in a description is the project's total budget and which its subsidy."""
from __future__ import annotations

import re
from collections.abc import Iterable

from importers.amounts import Money, parse_money
from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import NOTHING, Finding
from importers.extract.text import about_other_project, sentences

_BUDGET_SENTENCE = re.compile(
    r"(celkov\w+ )?(rozpočet|rozpočtem|náklady|nákladech|hodnot\w+)( celého)?( projektu)?"
    r"|total (budget|cost|value)|budget of|project budget|project's budget|costs? of the project"
    r"|worth", re.I)
_SUBSIDY_SENTENCE = re.compile(
    r"dotac\w+|podpo\w+ (ve výši|částkou)|příspěv\w+ (ve výši|z)|grant|subsid\w+|contribution"
    # Money given by donors or a collection is the project's grant too.
    r"|věnoval\w*|darova\w*|dárc\w*|sbírk\w*|donat\w*|donors?\b|raised",
    re.I)

_RATE = re.compile(
    r"\b(?:monthly|weekly|měsíční\w*|měsíčně|týdně|per (?:person|student|pupil|child|month"
    r"|week|hour|head)|na (?:osobu|žáka|dítě|studenta|měsíc|hodinu)|za (?:měsíc|hodinu)"
    r"|(?:each|a|every) month|každý měsíc)\b", re.I)


def _find(text: str, fields: list[tuple[str, str]], name: str, sentence_pattern: re.Pattern[str],
          language: str, title: str | None) -> Finding:
    for label, value in labelled(fields, name):
        money = parse_money(value, language)
        if money:
            return Finding(money, field_evidence(label, value), 0.9)
    for sentence in sentences(text):
        cue = sentence_pattern.search(sentence)
        if not cue or about_other_project(sentence, title):
            continue
        subsidy = _SUBSIDY_SENTENCE.search(sentence)
        if name == "budget" and subsidy and subsidy.start() < cue.start() and not re.search(
                r"celkov|total", sentence, re.I):
            continue
        if _RATE.search(sentence):
            continue  # a scholarship or wage per person or month is not the project's money
        # "Rozpočet 1 200 000 Kč, z toho dotace 1 080 000 Kč": the amount after the cue.
        money = (parse_money(sentence[cue.start():], language, labelled_amount=False)
                 or parse_money(sentence, language, labelled_amount=False))
        if money:
            return Finding(money, sentence, 0.7)
    return NOTHING


def find_budget(text: str, fields: Iterable[tuple[str, str]] = (), language: str = "cs",
                title: str | None = None) -> Finding:
    """The total budget ("Celkové náklady projektu", "Total budget"); with "z toho"
    sub-amounts for partners the first (project) total wins."""
    return _find(text, list(fields), "budget", _BUDGET_SENTENCE, language, title)


def find_subsidy(text: str, fields: Iterable[tuple[str, str]] = (), language: str = "cs",
                 title: str | None = None) -> Finding:
    """The subsidy or grant ("Celková dotace projektu", "Výše dotace", "Grant")."""
    return _find(text, list(fields), "subsidy", _SUBSIDY_SENTENCE, language, title)


# The implementer's own money beside a grant: "zdroje města činí 21 700 Kč", "spoluúčast".
_OWN_SHARE = re.compile(
    r"spoluúčast\w*|spolufinancování|vlastní (?:zdroj|podíl|prostředk|vklad)\w*"
    r"|zdroj\w* (?:města|obce|městské části|kraje|organizace|žadatele|příjemce)"
    r"|own (?:share|contribution|funds|resources)|co-?financing", re.I)


def find_own_share(text: str, fields: Iterable[tuple[str, str]] = (), language: str = "cs",
                   title: str | None = None) -> Finding:
    """The implementer's own share of the costs, from a label or the amount after its cue."""
    for label, value in fields:
        if _OWN_SHARE.search(label) and (money := parse_money(value, language)):
            return Finding(money, field_evidence(label, value), 0.8)
    for sentence in sentences(text):
        cue = _OWN_SHARE.search(sentence)
        if cue and not about_other_project(sentence, title) and not _RATE.search(sentence):
            money = parse_money(sentence[cue.start():], language, labelled_amount=False)
            if money:
                return Finding(money, sentence, 0.6)
    return NOTHING


def grant_and_share(grant: Finding, share: Finding) -> Finding:
    """With no total stated: the grant plus the implementer's own share, else the grant."""
    given, own = grant.value, share.value
    if not (isinstance(given, Money) and isinstance(own, Money)) or (
            own.currency != given.currency or own.amount >= given.amount):
        return grant
    total = Money(given.amount + own.amount, given.currency, given.approximate)
    return Finding(total, f"{grant.evidence} + {share.evidence}", 0.6)
