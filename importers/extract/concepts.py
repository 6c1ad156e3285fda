"""Activities and target groups: lemma rules from importers/data/*.tsv, both languages."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from importers.extract.finding import Finding
from importers.extract.text import about_other_project, lemma, read_tsv, sentences, words
from search_index.text import fold

_MAX_GAP = 3


@dataclass(frozen=True)
class Rule:
    """One curator rule: ``terms`` is a sequence of alternative sets (folded)."""

    code: str
    language: str
    terms: tuple[tuple[frozenset[str], tuple[str, ...]], ...]
    source: str
    # A negative rule ("!mimo eu") vetoes its code in a sentence it matches.
    negative: bool = False


def parse_rule(code: str, language: str, pattern: str) -> Rule:
    """A Rule from the columns of a data file line; a leading "!" makes it negative."""
    negative = pattern.startswith("!")
    terms = []
    for term in pattern.lstrip("!").split():
        alternatives = [fold(alt) for alt in term.split("|") if alt]
        exact = frozenset(a for a in alternatives if not a.endswith("*"))
        prefixes = tuple(a[:-1] for a in alternatives if a.endswith("*"))
        terms.append((exact, prefixes))
    return Rule(code, language, tuple(terms), pattern, negative)


@lru_cache(maxsize=4)
def rules(name: str) -> tuple[Rule, ...]:
    """The rules of one data file ("activities.tsv" or "target_groups.tsv")."""
    return tuple(parse_rule(*row[:3]) for row in read_tsv(name) if len(row) >= 3)


def _term_matches(term: tuple[frozenset[str], tuple[str, ...]], token: tuple[str, str]) -> bool:
    exact, prefixes = term
    lem, written = token
    if lem in exact or written in exact:
        return True
    return bool(prefixes) and (lem.startswith(prefixes) or written.startswith(prefixes))


def rule_matches(rule: Rule, tokens: list[tuple[str, str]]) -> bool:
    """True when the rule's terms occur in order, at most _MAX_GAP words apart."""
    def search(term_index: int, start: int, limit: int) -> bool:
        if term_index == len(rule.terms):
            return True
        for i in range(start, min(limit, len(tokens))):
            if _term_matches(rule.terms[term_index], tokens[i]) and search(
                    term_index + 1, i + 1, i + 2 + _MAX_GAP):
                return True
        return False
    return search(0, 0, len(tokens))


@lru_cache(maxsize=4096)
def _tokens(sentence: str, language: str) -> tuple[tuple[str, str], ...]:
    return tuple((fold(lemma(w, language)), fold(w)) for w in words(sentence))


def match_codes(sentence: str, rule_file: str,
                skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(code, rule pattern) for every rule of ``rule_file`` matching one sentence; Czech
    rules see Czech lemmas and English rules English ones. Codes in ``skip`` are not tried."""
    found, vetoed = [], set()
    for rule in rules(rule_file):
        if rule.code in skip:
            continue
        tokens = list(_tokens(sentence, rule.language))
        if rule_matches(rule, tokens):
            if rule.negative:
                vetoed.add(rule.code)
            else:
                found.append((rule.code, rule.source))
    return [(code, source) for code, source in found if code not in vetoed]


def _find(text: str, rule_file: str, extra: str | None, title: str | None) -> list[Finding]:
    best: dict[str, Finding] = {}
    units = list(sentences(text))
    if extra:
        units = [*sentences(extra), *units]
    seen: set[str] = set()
    for unit in units:
        if unit in seen:
            continue
        seen.add(unit)
        # Another project's or programme's audience is not this project's.
        if len(unit) > 800 or about_other_project(unit, title):
            continue
        for code, _pattern in match_codes(unit, rule_file, frozenset(best)):
            if code not in best:
                best[code] = Finding(code, unit, 0.7 if len(unit) < 120 else 0.6)
    return sorted(best.values(), key=lambda f: f.value)


def find_activities(text: str, labelled_value: str | None = None,
                    title: str | None = None) -> list[Finding]:
    """Activity codes found in the text's sentences and list items (and in a labelled
    "Aktivity"/"Activities" value when given)."""
    return _find(text, "activities.tsv", labelled_value, title)


def find_target_groups(text: str, labelled_value: str | None = None,
                       title: str | None = None) -> list[Finding]:
    """Target group codes found in the text's sentences and list items."""
    return _find(text, "target_groups.tsv", labelled_value, title)
