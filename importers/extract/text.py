"""Text helpers shared by the field finders: lines, sentences, lemmas, names.

Folding is ``search_index.text.fold``, so that extracted keys and the search index agree.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import simplemma

from search_index.text import fold

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# No-break, thin and other odd spaces that PDFs and web pages put inside numbers.
_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
# Bullets, "1." / "2)" / "1.1" item numbers - but not a date such as "1. 1. 2021" or "1 January".
_BULLET = re.compile(r"^\s*(?:[-–•▶►▪●◦*·]+\s*)+"
                     r"|^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)])\s+(?=[^\d\s])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "č", "reg", "vč", "tj", "tzv", "např", "atd", "apod", "resp", "sb", "m", "hl", "s", "z",
    "o", "p", "r", "ing", "mgr", "bc", "dr", "no", "incl", "e", "i", "mr", "mrs", "ms", "st",
    "odst", "písm", "str", "čj", "mil", "tis", "mld", "cca", "vs", "etc", "ul", "nám",
}
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_JOINERS = re.compile(r"[-'’]")
_COMPOUND_HEADS = frozenset({"socio", "multi", "inter", "pro", "anti", "post", "pre", "re", "co",
                             "e"})


def clean(text: str) -> str:
    """Replace odd spaces by plain ones and collapse runs of spaces."""
    # The finders clean the same labels and short lines of a document over and over.
    return _clean_short(text) if len(text) <= 200 else _clean(text)


@lru_cache(maxsize=16_384)
def _clean_short(text: str) -> str:
    return _clean(text)


def _clean(text: str) -> str:
    return _RUNS_OF_SPACES.sub(" ", _SPACES.sub(" ", text)).strip()


def lines(text: str) -> list[str]:
    """The text's lines, cleaned, keeping empty strings where paragraphs break."""
    return [clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def strip_bullet(line: str) -> str:
    """A list item without its bullet or number ("- ▶ MPSV" -> "MPSV")."""
    return _BULLET.sub("", line, count=1).strip()


def is_list_item(line: str) -> bool:
    """True for lines that start with a bullet or an item number."""
    return bool(line) and bool(_BULLET.match(line))


def paragraphs(text: str) -> list[str]:
    """Blocks of non-empty lines, each joined with newlines."""
    blocks: list[list[str]] = [[]]
    for line in lines(text):
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(block) for block in blocks if block]


def split_sentences(line: str) -> list[str]:
    """Split one line into sentences, respecting abbreviations and numbers like "1. 1. 2021"."""
    result: list[str] = []
    start = 0
    # Also a full stop with no space after it, as pages glue paragraphs together
    # ("... město Teplice.Projekt má ..."), but never inside "o.p.s." or "www.Example".
    for match in re.finditer(r"[.!?](?=\s+[\"„“(]?[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])"
                             r"|(?<=[a-záčďéěíňóřšťúůýž]{3})(?<!www)\.(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]"
                             r"[a-záčďéěíňóřšťúůýž]{2})", line):
        token = _last_token(line, start, match.start())
        word = token.split(".")[-1].lower()
        # "1. 1. 2021": a one- or two-digit number before a full stop is an ordinal.
        ordinal = re.fullmatch(r"\d{1,2}", re.split(r"[.,]", token)[-1])
        if ordinal or word in _ABBREVIATIONS or len(word) == 1:
            continue
        result.append(line[start:match.end()].strip())
        start = match.end()
    tail = line[start:].strip()
    if tail:
        result.append(tail)
    return result


def _last_token(line: str, start: int, end: int) -> str:
    """The run of non-space characters ending at ``end`` (not reaching before ``start``).

    Walks back from ``end``: a regex search for it in the text before took quadratic time
    on long runs, and slicing that text again for each skipped full stop did too.
    """
    begin = end
    while begin > start and not line[begin - 1].isspace():
        begin -= 1
    return line[begin:end]


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[str, ...]:
    """Every sentence and list item of ``text`` (list bullets removed)."""
    result: list[str] = []
    for line in lines(text):
        if line:
            result.extend(split_sentences(strip_bullet(line)))
    return tuple(s for s in result if s)


def words(text: str) -> list[str]:
    """Word tokens; hyphenated words are joined ("socio-kulturní" -> "sociokulturní")."""
    # Most words are letters only, with no hyphen or apostrophe to look at.
    return [w if w.isalpha() or not _is_prefix_compound(w) else _JOINERS.sub("", w)
            for w in _WORD.findall(text)]


def _is_prefix_compound(word: str) -> bool:
    head = _JOINERS.split(word, maxsplit=1)[0].lower()
    return head in _COMPOUND_HEADS


@lru_cache(maxsize=100_000)
def lemma(word: str, language: str) -> str:
    """The lemma of one word (lowercased) in ``language`` ("cs" or "en"), cached."""
    lang = language if language in ("cs", "en") else "cs"
    try:
        return simplemma.lemmatize(word.lower(), lang=lang)
    except ValueError:
        return word.lower()


def lemmas(text: str, language: str) -> list[str]:
    """Folded lemmas of every word in ``text``."""
    return [fold(lemma(w, language)) for w in words(text)]


def is_upper_line(line: str) -> bool:
    """True when every letter of the line is a capital (a heading or a logo)."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file in importers/data, without comments and blanks."""
    rows = []
    for raw in (DATA_DIR / name).read_text("utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            rows.append([cell.strip() for cell in raw.split("\t")])
    return rows


QUOTED = re.compile(r"[„“\"”]([^„“\"”\n]{3,200})[“”\"]")


def quoted(text: str) -> list[str]:
    """Names written between quotation marks, Czech („…“) or English (“…”, "…")."""
    return [m.group(1).strip() for m in QUOTED.finditer(text)]

_OTHER_PROJECT = re.compile(
    r"pilotní\w* projekt|předchozí\w* projekt|jiné\w* projekt|dřívější\w* projekt|"
    r"navazuj\w* na projekt|vyhlásil\w*|vyhlašuje|previous project|pilot project|earlier project|"
    r"another project|predecessor project|announced|has launched", re.I)


def same_name(a: str, b: str) -> bool:
    """True when two names are the same once folded (one may extend the other)."""
    fa, fb = (re.sub(r"[^a-z0-9]+", " ", fold(x)).strip() for x in (a, b))
    return bool(fa and fb) and (fa == fb or fa.startswith(fb) or fb.startswith(fa))


def about_other_project(sentence: str, title: str | None = None) -> bool:
    """True when a sentence speaks about another named project or programme, so its dates
    and funders are not this project's ("V rámci pilotního projektu „…“ …")."""
    if _OTHER_PROJECT.search(sentence):
        return True
    for name in quoted(sentence):
        if len(name.split()) < 3:
            continue
        if title is None or not same_name(name, title):
            return True
    return False


def sentence_of(line: str, needle: str) -> str:
    """The sentence of ``line`` that contains ``needle`` (the whole line when none does)."""
    for sentence in split_sentences(line):
        if needle in sentence:
            return sentence
    return line
