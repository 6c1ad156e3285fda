"""Is a document written in Czech or in English?"""
from __future__ import annotations

import re

from importers.extract.finding import Finding
from importers.extract.text import words

_CZECH_LETTERS = set("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ")
_CS_STOP = {
    "a", "v", "ve", "na", "je", "se", "z", "ze", "do", "pro", "k", "ke", "s", "o", "od", "po",
    "jsou", "byl", "byla", "bylo", "které", "který", "která", "jak", "tak", "také", "při",
    "projekt", "projektu", "cizinců", "cizince", "nebo", "jako", "aby", "že", "kraje", "kraji",
}
_EN_STOP = {
    "the", "and", "of", "to", "in", "is", "for", "with", "by", "on", "are", "was", "be", "an",
    "from", "this", "that", "which", "as", "at", "project", "foreigners", "will", "their",
}


def find_language(text: str) -> Finding:
    """"cs" or "en" from the share of Czech letters and of each language's stop words."""
    tokens = [w.lower() for w in words(text)]
    if not tokens:
        return Finding(None, None, 0.0)
    cs = sum(t in _CS_STOP for t in tokens)
    en = sum(t in _EN_STOP for t in tokens)
    letters = [ch for ch in text if ch.isalpha()]
    diacritics = sum(ch in _CZECH_LETTERS for ch in letters) / max(len(letters), 1)
    # Czech prose has roughly 5-10 % letters with diacritics; English almost none.
    cs_score = cs + 20 * diacritics * len(tokens) / 10
    en_score = en
    language = "cs" if cs_score >= en_score else "en"
    total = cs_score + en_score
    confidence = round(0.5 + 0.5 * abs(cs_score - en_score) / total, 2) if total else 0.3
    sample = re.sub(r"\s+", " ", text.strip())[:120]
    return Finding(language, sample, min(confidence, 0.99))
