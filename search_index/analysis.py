"""Turning text into index terms, the single analysis shared by SQLite FTS5 and PostgreSQL.

Czech: fold diacritics, then a light stemmer built for folded text (``stem_folded``), so
"Brně", "Brne" and "Brno" all become ``brn``.  English: Snowball English after unifying
UK/US spellings and irregular plurals.  Terms are lowercase runs of letters and digits,
safe inside an FTS5 string or a tsquery lexeme.  Measurements: README.md.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

import Stemmer

from .czech_stemmer import stem_folded
from .resources import data_lines, data_rows
from .text import fold, has_czech_letters, tokens

LANGUAGES = ("cs", "en")
_ISATION = re.compile(r"isation(s?)$")


@cache
def czech_stopwords() -> frozenset[str]:
    """Czech stop words, folded."""
    return frozenset(fold(word) for word in data_lines("czech_stopwords.txt"))


@cache
def english_stopwords() -> frozenset[str]:
    """English stop words."""
    return frozenset(data_lines("english_stopwords.txt"))


@cache
def _czech_overrides() -> dict[str, str]:
    return {row[0]: row[1] for row in data_rows("czech_stem_overrides.tsv")}


@cache
def _english_variants() -> dict[str, str]:
    return {row[0]: row[1] for row in data_rows("english_variants.tsv")}


@cache
def _english_stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def czech_term(folded: str) -> str:
    """Index term of one folded, lowercase Czech word (stop words not handled here)."""
    stem = stem_folded(folded)
    return _czech_overrides().get(stem, stem)


@lru_cache(maxsize=65536)
def english_term(word: str) -> str:
    """Index term of one lowercase English word: spelling unified, then Snowball."""
    variants = _english_variants()
    if word in variants:
        word = variants[word]
    elif word.endswith("s") and word[:-1] in variants:
        word = variants[word[:-1]] + "s"
    word = _ISATION.sub(r"ization\1", word)
    stem: str = _english_stemmer().stemWord(word)  # PyStemmer ships no type information
    return stem


@lru_cache(maxsize=65536)
def term_for(token: str, language: str) -> str | None:
    """Index term for a single token in ``language`` ("cs"/"en"), or None for a stop word."""
    folded = fold(token)
    if language == "en":
        return None if folded in english_stopwords() else english_term(folded)
    if folded in czech_stopwords():
        return None
    return czech_term(folded)


def detect_language(text: str) -> str:
    """Cheap guess between "cs" and "en": Czech diacritics and stop words against English ones."""
    czech = english = 0
    for _, _, token in tokens(text):
        lowered = token.lower()
        if has_czech_letters(lowered):
            czech += 2
        folded = fold(lowered)
        czech += folded in czech_stopwords()
        english += lowered in english_stopwords()
    # The site is Czech, so a tie (no evidence at all) means Czech.
    return "en" if english > czech else "cs"


def analysed_spans(text: str, language: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, term) for every indexed token, offsets into the original ``text``."""
    language = language if language in LANGUAGES else detect_language(text)
    spans = []
    for start, end, token in tokens(text):
        term = term_for(token, language)
        if term:
            spans.append((start, end, term))
    return spans


def analyse(text: str, language: str | None = None) -> list[str]:
    """Index terms of ``text`` (a document in "cs" or "en"; None detects the language)."""
    return [term for _, _, term in analysed_spans(text, language)]


def is_stopword(word: str, language: str | None = None) -> bool:
    """True when ``word`` is a stop word in ``language`` (in either language when None)."""
    folded = fold(word)
    if language == "cs":
        return folded in czech_stopwords()
    if language == "en":
        return folded in english_stopwords()
    return folded in czech_stopwords() or folded in english_stopwords()


def analyse_query_word(word: str, language: str | None = None) -> list[str]:
    """Alternative index terms for one query word; both languages' terms when None.

    A stop word (in ``language``, or in either language when None) yields [].
    """
    if is_stopword(word, language):
        return []
    terms: list[str] = []
    for lang in (language,) if language in LANGUAGES else LANGUAGES:
        for _, _, token in tokens(word):
            term = term_for(token, lang)
            if term and term not in terms:
                terms.append(term)
    return terms
