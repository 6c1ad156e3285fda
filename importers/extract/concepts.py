"""Activities and target groups: lemma rules from importers/data/*.tsv, both languages."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from importers.extract.finding import Finding
from importers.extract.text import (
    QUOTED,
    about_other_project,
    lemma,
    read_tsv,
    same_name,
    sentences,
    words,
)
from search_index.text import fold

_MAX_GAP = 3
# Alternatives of one term: exact words, and prefixes (from a trailing "*").
Term = tuple[frozenset[str], tuple[str, ...]]
# A fallback rule ("?cizinec": people named with no status) gives its code only when the
# text names none of these groups anywhere: a page about asylum seekers or temporary
# protection means those people when it also says "cizinci" or "migrants".
_STATUS_GROUPS = frozenset({"third_country_nationals", "eu_citizens",
                            "international_protection", "temporary_protection"})


@dataclass(frozen=True)
class Rule:
    """One curator rule: ``terms`` is a sequence of alternative sets (folded)."""

    code: str
    language: str
    terms: tuple[Term, ...]
    source: str
    # A negative rule ("!mimo eu") vetoes its code in a sentence it matches.
    negative: bool = False
    # A fallback rule ("?migrant*") counts only where no status group is found at all.
    fallback: bool = False
    # Per term, the words that must not stand directly before it ("-právní poradenství":
    # counselling that is not legal counselling); None where any word may.
    guards: tuple[Term | None, ...] = ()
    # Per term, how many words may stand between it and the term before ("+" in the
    # pattern: none, "local +community" is not "local Vietnamese community").
    gaps: tuple[int, ...] = ()


def _term(text: str) -> Term:
    alternatives = [fold(alt) for alt in text.split("|") if alt]
    exact = frozenset(a for a in alternatives if not a.endswith("*"))
    prefixes = tuple(a[:-1] for a in alternatives if a.endswith("*"))
    return exact, prefixes


def parse_rule(code: str, language: str, pattern: str) -> Rule:
    """A Rule from the columns of a data file line; a leading "!" makes it negative, a
    leading "?" a fallback; a term starting with "-" lists words that must not come
    directly before the next term, and a term starting with "+" must directly follow
    the term before it."""
    negative = pattern.startswith("!")
    fallback = pattern.startswith("?")
    terms: list[Term] = []
    guards: list[Term | None] = []
    gaps: list[int] = []
    guard: Term | None = None
    for term in pattern.lstrip("!?").split():
        if term.startswith("-") and len(term) > 1:
            guard = _term(term[1:])
            continue
        adjacent = term.startswith("+") and len(term) > 1
        terms.append(_term(term[1:] if adjacent else term))
        guards.append(guard)
        gaps.append(0 if adjacent else _MAX_GAP)
        guard = None
    return Rule(code, language, tuple(terms), pattern, negative, fallback, tuple(guards),
                tuple(gaps))


@lru_cache(maxsize=4)
def rules(name: str) -> tuple[Rule, ...]:
    """The rules of one data file ("activities.tsv" or "target_groups.tsv")."""
    return tuple(parse_rule(*row[:3]) for row in read_tsv(name) if len(row) >= 3)


# Per language, the rules (by number) listed under each word or prefix of their first term.
_Index = dict[str, dict[str, list[int]]]


@lru_cache(maxsize=4)
def _rule_index(name: str) -> tuple[_Index, _Index, frozenset[int]]:
    """Rules by the exact words and by the prefixes ("*") of their first term; prefix lengths."""
    by_word: _Index = {}
    by_prefix: _Index = {}
    lengths: set[int] = set()
    for number, rule in enumerate(rules(name)):
        exact, prefixes = rule.terms[0]
        for word in exact:
            by_word.setdefault(rule.language, {}).setdefault(word, []).append(number)
        for prefix in prefixes:
            by_prefix.setdefault(rule.language, {}).setdefault(prefix, []).append(number)
        lengths.update(len(prefix) for _, term_prefixes in rule.terms for prefix in term_prefixes)
    return by_word, by_prefix, frozenset(lengths)


def _term_matches(term: Term, token: tuple[str, str]) -> bool:
    exact, prefixes = term
    lem, written = token
    if lem in exact or written in exact:
        return True
    return bool(prefixes) and (lem.startswith(prefixes) or written.startswith(prefixes))


def rule_matches(rule: Rule, tokens: Sequence[tuple[str, str]]) -> bool:
    """True when the rule's terms occur in order, at most _MAX_GAP words apart (or none,
    for a "+" term), none of them right after a word its guard names."""
    count = len(rule.terms)
    guards = rule.guards or (None,) * count
    gaps = rule.gaps or (_MAX_GAP,) * count

    def search(term_index: int, start: int, limit: int) -> bool:
        if term_index == count:
            return True
        guard = guards[term_index]
        for i in range(start, min(limit, len(tokens))):
            if not _term_matches(rule.terms[term_index], tokens[i]):
                continue
            if guard is not None and i > 0 and _term_matches(guard, tokens[i - 1]):
                continue
            following = gaps[term_index + 1] if term_index + 1 < count else _MAX_GAP
            if search(term_index + 1, i + 1, i + 2 + following):
                return True
        return False
    return search(0, 0, len(tokens))


@lru_cache(maxsize=4096)
def _tokens(sentence: str, language: str) -> tuple[tuple[str, str], ...]:
    """(lemma, written) of every word, folded; a hyphenated pair ("ženy-migrantky",
    "žáci-cizinci") also gives each of its parts, so that either one can match."""
    result = []
    for word in words(sentence):
        result.append(_token(word, language))
        if "-" in word:
            result.extend(_token(part, language) for part in word.split("-") if part)
    return tuple(result)


@lru_cache(maxsize=100_000)
def _token(word: str, language: str) -> tuple[str, str]:
    # The same few thousand words recur in every document: fold each once.
    return fold(lemma(word, language)), fold(word)


@lru_cache(maxsize=4096)
def _words_of(sentence: str, language: str, lengths: frozenset[int]) -> tuple[
        tuple[tuple[str, str], ...], frozenset[str], frozenset[str]]:
    """The sentence's tokens, the set of their forms, and those forms' prefixes of ``lengths``."""
    # A rule's prefix starts one of the words exactly when it is among these prefixes (all
    # prefix lengths of the rules are in ``lengths``): a set lookup, not a scan of the words.
    tokens = _tokens(sentence, language)
    present = frozenset(w for t in tokens for w in t)
    starts = frozenset(chain.from_iterable(_starts(word, lengths) for word in present))
    return tokens, present, starts


@lru_cache(maxsize=100_000)
def _starts(word: str, lengths: frozenset[int]) -> tuple[str, ...]:
    # Words recur from sentence to sentence: cut each into its prefixes once.
    return tuple(word[:end] for end in lengths if end <= len(word))


def _term_present(term: Term, present: frozenset[str], starts: frozenset[str]) -> bool:
    exact, prefixes = term
    if not exact.isdisjoint(present):
        return True
    return bool(prefixes) and not starts.isdisjoint(prefixes)


def match_codes(sentence: str, rule_file: str,
                skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(code, rule pattern) for every rule of ``rule_file`` matching one sentence; Czech
    rules see Czech lemmas and English rules English ones. Codes in ``skip`` are not tried.
    A fallback rule's code comes with a leading "?" ("?other")."""
    found, vetoed = [], set()
    all_rules = rules(rule_file)
    by_word, by_prefix, lengths = _rule_index(rule_file)
    by_language = {language: _words_of(sentence, language, lengths)
                   for language in by_word.keys() | by_prefix.keys()}
    # Only rules whose first term the sentence has, then only those with every term: most
    # rules name a word the sentence lacks and never reach the ordered search.
    candidates: set[int] = set()
    for language, (_, present, starts) in by_language.items():
        words_index, prefix_index = by_word.get(language, {}), by_prefix.get(language, {})
        # The sentence's few words are looked up in the index, not the index's many in them.
        for word in present:
            if word in words_index:
                candidates.update(words_index[word])
        for prefix in starts:
            if prefix in prefix_index:
                candidates.update(prefix_index[prefix])
    for number in sorted(candidates):
        rule = all_rules[number]
        code = f"?{rule.code}" if rule.fallback else rule.code
        if code in skip:
            continue
        tokens, present, starts = by_language[rule.language]
        if all(_term_present(term, present, starts) for term in rule.terms) and rule_matches(
                rule, tokens):
            if rule.negative:
                vetoed.add(rule.code)
            else:
                found.append((code, rule.source))
    return [(code, source) for code, source in found if code.lstrip("?") not in vetoed]


def _without_other_names(sentence: str, title: str | None) -> str:
    """The sentence without the quoted names (of three words or more) that are not the
    project's own title: an event, a call or another project named in passing."""
    def drop(match: re.Match[str]) -> str:
        name = match.group(1)
        if len(name.split()) < 3 or (title is not None and same_name(name, title)):
            return match.group(0)
        return " "
    return QUOTED.sub(drop, sentence)


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
        if len(unit) > 800:
            continue
        # Another project's or programme's audience is not this project's: a sentence about
        # one is skipped, and a quoted name of one is not read ("do výzvy „Podpora
        # integrace držitelů dočasné ochrany“"), while the rest of its sentence still is.
        text_of_unit = _without_other_names(unit, title)
        if about_other_project(text_of_unit, title):
            continue
        for code, _pattern in match_codes(text_of_unit, rule_file, frozenset(best)):
            if code not in best:
                best[code] = Finding(code, unit, 0.7 if len(unit) < 120 else 0.6)
    for key in [key for key in best if key.startswith("?")]:
        fallback = best.pop(key)
        if key[1:] not in best and not _STATUS_GROUPS & set(best):
            best[key[1:]] = Finding(key[1:], fallback.evidence, fallback.confidence)
    return sorted(best.values(), key=lambda f: f.value)


def find_activities(text: str, labelled_value: str | None = None,
                    title: str | None = None) -> list[Finding]:
    """Activity codes found in the text's sentences and list items (and in a labelled
    "Aktivity"/"Activities" value when given)."""
    return _find(text, "activities.tsv", labelled_value, title)


def find_target_groups(text: str, labelled_value: str | None = None,
                       title: str | None = None) -> list[Finding]:
    """Target group codes found in the text's sentences and list items; people named with
    no status ("cizinci", "migrants") are "other" only where no status group is found."""
    return _find(text, "target_groups.tsv", labelled_value, title)
