"""Who pays: funder and programme codes from labelled lines, logos and funding sentences."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from importers.extract.fields import as_label, classify_label, field_evidence, labelled
from importers.extract.finding import Finding
from importers.extract.text import (
    about_other_project,
    clean,
    is_list_item,
    lines,
    read_tsv,
    split_sentences,
)
from search_index.text import fold

_FUNDING_CUES = re.compile(
    r"financ|spolufinanc|za (?:financni )?podpor|s (?:financni )?podporou|podporen|podporil"
    r"|z prostredku|prostredky|z rozpoct|rozpoct|hrazen|\bdotac|\bgrant|funded|co-funded"
    r"|financed|supported by|support (?:of|from)|with the support|budget|thanks to|sponsor"
    r"|hradi|prispev|prispen|prispiv|prispel|spoluucast|vlastni (?:zdroj|podil|prostredk)"
    r"|own (?:share|contribution)|penize|plynou z|comes? from|came from|funding|venoval|darc"
    r"|\bdonor|contribution|sponsored"
    # "Podporu projektu poskytla …", "poskytlo dotaci": a body gives the money.
    r"|poskyt\w* (?:\w+ ){0,2}(?:podpor|dotac|grant|financ|prostredk|penez)"
    r"|(?:podpor\w*|dotac\w*|grant\w*|prostredk\w*) (?:\w+ ){0,2}poskyt"
    # A project applying to a funder's call or falling under its programme.
    r"|spada\w* (?:pod|do) (?:\w+ )?program|(?:do|z|ze) (?:\w+ )?vyzv")
# Starts only where a token starts: tried at every character, a long token took quadratic time.
_FILE_NAME = re.compile(r"(?<!\S)\S+\.(?:jpe?g|png|gif|svg|webp|pdf)\b", re.I)
# Words a logo line may hold besides the funder's name.
_LOGO_NOISE = re.compile(
    r"\b(spolufinancovano|financovano|podporeno|evropskou unii|evropska unie|european union"
    r"|co-funded by|funded by|financed by|supported by|the|by|z|ze|from|cr|ceske republiky"
    r"|ceska republika|of|czech republic|narodni program\w*|national programme|program\w*)\b")
# Programmes and the fund they belong to: an OPZ or OPZ+ project is an ESF project
# (VOCABULARY.md). Figures count such a project once, under its fund.
PROGRAMME_FUNDS = {"OPZ": "ESF", "OPZ_PLUS": "ESF"}
# Registration number prefixes that name the programme.
_NUMBER_PROGRAMMES = (
    (r"^AMIF", "AMIF"), (r"^CZ\.12\.", "AMIF"), (r"^CZ\.03\.[\d.]+/0\.0/", "OPZ"),
    (r"^CZ\.03\.[\d.]+/00/", "OPZ_PLUS"), (r"^CZ\.06\.", "IROP"), (r"^(EHP|EEA|NF)", "EEA_NORWAY"),
    (r"-KA\d{3}-", "ERASMUS"),
)


# "EU" in funders.tsv is EU money with no fund named: it is the named EU fund's money when
# the page names one, otherwise a source without a code of its own (OTHER).
_EU = "EU"
_EU_FUNDS = frozenset({"AMIF", "ESF", "OPZ", "OPZ_PLUS", "IROP", "ERASMUS"})
# Programmes whose name in a record's field label says who pays ("EQUAL theme: …").
_PROGRAMMES = frozenset({"AMIF", "ESF", "OPZ", "OPZ_PLUS", "IROP", "EEA_NORWAY", "ERASMUS"})
# A quoted name right after "výzva", "program", "grant" names the funder's call, not
# another project ("žádost do výzvy MV ČR „Podpora integrace … v roce 2017“").
_QUOTED_CALL = re.compile(
    r"(?P<head>\b(?:vyzv|program|grant|dotacn|rizeni|call|scheme|fond|fund)\w*"
    r"(?:\s+[^\s„“\"”]+){0,3}\s*)[„“\"”](?P<name>[^„“\"”\n]{3,200})[“”\"]")


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1])) for row in read_tsv("funders.tsv"))


def _resolve(codes: set[str]) -> set[str]:
    if _EU in codes:
        codes = codes - {_EU} | (set() if codes & _EU_FUNDS else {"OTHER"})
    return codes


def _raw_codes(text: str) -> set[str]:
    folded = fold(_FILE_NAME.sub(" ", text))
    return {code for code, pattern in _rules() if pattern.search(folded)}


@lru_cache(maxsize=4096)
def _label_programmes(label: str) -> frozenset[str]:
    """The programmes a field's label names ("EQUAL theme"); the same few labels recur."""
    folded = fold(_FILE_NAME.sub(" ", label))
    return frozenset(code for code, pattern in _rules()
                     if code in _PROGRAMMES and pattern.search(folded))


def funder_codes(text: str) -> list[str]:
    """Every funder code whose pattern occurs in ``text`` (no context check)."""
    return sorted(_resolve(_raw_codes(text)))


def _sentence_codes(sentence: str) -> set[str]:
    codes = _raw_codes(sentence)
    # A foundation named beside EEA and Norway grants operates that programme
    # ("Nadace OSF z programu Active Citizens Fund"); it is not a second source.
    if "EEA_NORWAY" in codes:
        codes.discard("OTHER")
    return codes


def _names_call(sentence: str) -> str:
    """The sentence with the quotation marks around a call's or programme's name removed."""
    folded = fold(sentence)
    if len(folded) != len(sentence):
        return sentence  # a ligature unfolded: positions would not carry over
    spans = [(m.start("name") - 1, m.end("name")) for m in _QUOTED_CALL.finditer(folded)]
    for begin, end in reversed(spans):
        sentence = f"{sentence[:begin]} {sentence[begin + 1:end]} {sentence[end + 1:]}"
    return sentence


def _logo_codes(line: str) -> list[str]:
    if is_list_item(line) or len(line.split()) > 10 or _FILE_NAME.search(line):
        return []
    labelled_as = as_label(line)
    if labelled_as and labelled_as[1] and classify_label(labelled_as[0]) not in (None, "funders"):
        return []  # another field's value ("Kraj: Jihomoravský kraj"), not a logo
    folded = fold(line)
    codes = []
    for code, pattern in _rules():
        if pattern.search(folded):
            codes.append(code)
            folded = pattern.sub(" ", folded)
    rest = _LOGO_NOISE.sub(" ", re.sub(r"[^\w\s+-]", " ", folded)).split()
    return codes if codes and len(rest) <= 1 else []


def find_funders(text: str, fields: Iterable[tuple[str, str]] = (), title: str | None = None,
                 registration_number: str | None = None) -> list[Finding]:
    """One Finding per funder code; mentions in sentences about other projects or
    programmes and image file names do not count."""
    best: dict[str, Finding] = {}

    def add(code: str, evidence: str, confidence: float) -> None:
        if code not in best or best[code].confidence < confidence:
            best[code] = Finding(code, evidence, confidence)

    fields = list(fields)
    for label, value in labelled(fields, "funders"):
        for code in _raw_codes(value) | _public_payers(value):
            add(code, field_evidence(label, value), 0.9)
    for label, value in fields:
        if classify_label(label) not in ("implementer", "partners"):
            for code in _label_programmes(label):
                add(code, field_evidence(label, value), 0.75)
        # "Finanční spoluúčast města Pardubice: 69 800 Kč": the town's own share is a label.
        share = _SHARE_LABEL.search(fold(label))
        if share:
            add("REGION" if share.group("body").startswith("kraj") else "MUNICIPALITY",
                field_evidence(label, value), 0.85)
    # A ministry named as implementer or partner on its own line is not a logo.
    named = {clean(item) for name in ("implementer", "partners")
             for _, value in labelled(fields, name) for item in value.split("\n")}
    for line in lines(text):
        if not line:
            continue
        for code in ([] if line in named else _logo_codes(line)):
            add(code, line, 0.8)
        for sentence in split_sentences(clean(line)):
            if (not _FUNDING_CUES.search(fold(sentence))
                    or about_other_project(_names_call(sentence), title)):
                continue
            for code in _sentence_codes(sentence):
                add(code, sentence, 0.85)
    if registration_number:
        for pattern, code in _NUMBER_PROGRAMMES:
            if re.search(pattern, registration_number):
                add(code, registration_number, 0.7)
    for code, implied in PROGRAMME_FUNDS.items():
        if code in best:
            add(implied, best[code].evidence or "", best[code].confidence * 0.9)
    eu = best.pop(_EU, None)
    if eu is not None and "OTHER" in _resolve(set(best) | {_EU}):
        add("OTHER", eu.evidence or "", eu.confidence)
    return sorted(best.values(), key=lambda f: f.value)


_SHARE_LABEL = re.compile(
    r"(?:spoluucast|spolufinancovani|vlastni (?:podil|zdroje?)|podil) (?:\w+ )?"
    r"(?P<body>mesta|obce|mestske casti|mc|kraje)\b")


def _public_payers(value: str) -> set[str]:
    """Towns, city districts and regions in a list of funders ("MV ČR, MČ Praha 13")."""
    codes = set()
    # "583 990 Kč (MV ČR), 86 586,85 Kč (MČ Praha 3)": the payer may sit in brackets.
    items = re.split(r"[,;\n()]|\s\+\s|\sa\s", fold(value))
    for item in items:
        item = re.sub(r"\d[\d .,]*(?:kc|czk|,-)?", " ", item).strip(" .:-")
        if _TOWN.match(item):
            codes.add("MUNICIPALITY")
        elif _REGION_BODY.match(item):
            codes.add("REGION")
    return codes


# Bodies that pay their own share of the projects they carry out (folded names).
_TOWN = re.compile(r"^(?:statutarni |hlavni )?mesto\b|^(?:obec|mestys|mestska cast|mc)\b"
                   r"|^(?:statutory |capital )?city of\b|^(?:town|municipality|borough) of\b")
_REGION_BODY = re.compile(r"^[a-z]+sk[a-z]* kraj$|^kraj [a-z]+$|^[a-z]+ region$")
_OWN_SHARE = re.compile(r"spoluucast|vlastni (?:zdroj|podil|prostredk|financn)|own (?:share|"
                        r"contribution|resources)")


def own_share(implementer: str | None, budget: float | None, subsidy: float | None,
              text: str) -> Finding | None:
    """MUNICIPALITY (REGION) when the implementer is a town (a region) that pays part of
    its project: the text names an own share, or, for a town, the budget is larger than the
    subsidy (a region's budget line often holds its partners' shares too)."""
    if not implementer:
        return None
    body = fold(implementer)
    code = "MUNICIPALITY" if _TOWN.search(body) else "REGION" if _REGION_BODY.search(
        body) else None
    if code is None:
        return None
    if code == "MUNICIPALITY" and budget is not None and subsidy is not None and budget > subsidy:
        return Finding(code, f"{implementer}: budget {budget:,.0f}, subsidy {subsidy:,.0f}", 0.6)
    for line in lines(text):
        for sentence in split_sentences(clean(line)):
            if _OWN_SHARE.search(fold(sentence)):
                return Finding(code, sentence, 0.6)
    return None
