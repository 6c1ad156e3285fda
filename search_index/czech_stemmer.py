"""Light Czech stemmers after Dolamic & Savoy (2009), "Indexing and stemming approaches
for the Czech language", Information Processing & Management 45(6).

``stem_dolamic`` follows the published light algorithm (as also shipped in Lucene's
CzechStemmer): remove case endings, then possessive suffixes, then normalise the final
consonant (palatalisation).  ``stem_folded`` is our variant for text whose diacritics were
already folded, so that a query typed without diacritics gets the same stem as the
document; see README.md for the measurements behind each deviation.
"""
from __future__ import annotations

_DOLAMIC_CASE = (
    (7, ("atech",)),
    (6, ("ětem", "etem", "atům")),
    (5, ("ech", "ich", "ích", "ého", "ěmi", "emi", "ému", "ete", "eti", "iho", "ího", "ími",
         "imu", "ímu", "ách", "ata", "aty", "ých", "ama", "ami", "ové", "ovi", "ými")),
    (4, ("em", "es", "ém", "ím", "ům", "at", "ám", "os", "us", "ým", "mi", "ou")),
    (3, tuple("aeiouůyáéíýě")),
)


def _strip_suffix(word: str, table: tuple[tuple[int, tuple[str, ...]], ...]) -> str:
    for min_len, suffixes in table:
        if len(word) > min_len:
            for suffix in suffixes:
                if word.endswith(suffix):
                    return word[: -len(suffix)]
    return word


def stem_dolamic(word: str) -> str:
    """Dolamic & Savoy light stem of a lowercase Czech word (diacritics expected)."""
    if any(ch.isdigit() for ch in word):
        return word
    stem = _strip_suffix(word, _DOLAMIC_CASE)
    if len(stem) > 5 and stem.endswith(("ov", "in", "ův")):
        stem = stem[:-2]
    if not stem:
        return stem
    if stem.endswith("čt"):
        return stem[:-2] + "ck"
    if stem.endswith("št"):
        return stem[:-2] + "sk"
    if stem[-1] in "cč":
        return stem[:-1] + "k"
    if stem[-1] in "zž":
        return stem[:-1] + "h"
    if len(stem) > 1 and stem[-2] == "e":
        return stem[:-2] + stem[-1]
    if len(stem) > 2 and stem[-2] == "ů":
        return stem[:-2] + "o" + stem[-1]
    return stem


# The Dolamic & Savoy endings after folding (ě, í, ý, ů ... become e, i, y, u).
_FOLDED_CASE = (
    (7, ("atech",)),
    (6, ("etem", "atum")),
    (5, ("ech", "ich", "eho", "emi", "emu", "ete", "eti", "iho", "imi", "imu", "ach",
         "ata", "aty", "ych", "ama", "ami", "ove", "ovi", "ymi")),
    (4, ("em", "es", "im", "um", "at", "am", "os", "us", "ym", "mi", "ou")),
    (3, tuple("aeiouy")),
)


def stem_folded(word: str) -> str:
    """Light stem of a lowercase Czech word whose diacritics are already folded."""
    if any(ch.isdigit() for ch in word):
        return word
    stem = _strip_suffix(word, _FOLDED_CASE)
    removed = word[len(stem):]
    # No possessive step: removing "-in" merged kraj/krajina and rodina/rod, removing "-ov"
    # merged pobyt/pobytový and výuka/výukový and gained no same-lemma pair (README.md).
    if len(stem) < 2:
        return stem
    # Adjectives in -ský/-cký have plural -ští/-čtí; only after a consonant, because
    # "-osti", "-isti", "-asti" are nouns whose nominative ends in -st.
    if removed[:1] in ("i", "e") and len(stem) > 3 and stem[-3] not in "aeiouy":
        if stem.endswith("st"):
            return stem[:-2] + "sk"
        if stem.endswith("ct"):
            return stem[:-2] + "ck"
    last = stem[-1]
    if last in "cz":
        # c/č alternate with k and z/ž with h (ruka/ruce, Praha/Praze, cizinec/cizince).
        stem = stem[:-1] + ("k" if last == "c" else "h")
    # Fleeting e: cizinec/cizince, matka/matek, služba/služeb, Plzeň/Plzně.
    if len(stem) >= 3 and stem[-2] == "e":
        stem = stem[:-2] + stem[-1]
    return stem
