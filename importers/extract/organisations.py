"""Implementer and partners: labels, sentences and lists, in the nominative case."""
from __future__ import annotations

import re
from collections.abc import Iterable

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import NOTHING, Finding
from importers.extract.names import (
    canonical_organisation,
    is_person,
    is_place_name,
    known_names,
    name_key,
    nominative,
    organisation_aliases,
)
from importers.extract.text import about_other_project, clean, sentences
from importers.extract.titles import is_boilerplate

__all__ = ["canonical_organisation", "organisation_aliases", "nominative", "find_implementer",
           "find_partners", "split_names"]

_ROLE_SUFFIX = re.compile(r"\s+[–—-]\s+(?P<role>[^–—-]{2,40})$")
_IMPLEMENTER_ROLES = re.compile(r"příjemce|žadatel|realizátor|nositel|hlavní|lead|applicant"
                                r"|beneficiary|coordinator|koordinátor", re.I)

# --- implementer -----------------------------------------------------------------------

# (pattern, the name is in the instrumental case, confidence, the name is English)
_IMPLEMENTER_SENTENCES = (
    # "je realizovaný Poradnou pro integraci v Ústí nad Labem" (instrumental case)
    (re.compile(r"\b(?:realizován[ao]?|realizovan[ýáé]|realizuje jej|realizuje ho|zajišťovan[ýáé]?|"
                r"koordinovan[ýáé]?)\s+(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"), True, 0.75, False),
    # "Realizátorem projektu je ...", "jeho koordinátorem je rakouská Síť ..." (a leading
    # adjective of nationality or place is not part of the name).
    (re.compile(r"\b(?:[Rr]ealizátorem|[Nn]ositelem|[Pp]říjemcem(?: dotace)?|[Žž]adatelem"
                r"|[Kk]oordinátorem)(?: projektu)? (?:je|byl|byla|bylo|bude) "
                r"(?:[a-zěščřžýáíéůúó]+(?:ská|ské|cká|cké) )?(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"),
     False, 0.8, False),
    # "V Organizaci pro pomoc uprchlíkům, z.s. běží projekt ..." (locative case)
    (re.compile(r"\b[Vv]e? (?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.;:!?]{2,100}?)(?:,? \w+\.\w+\.)?"
                r" (?:v současnosti |nyní |právě |od \w+ \d{4} )?běží projekt"), True, 0.7, False),
    # "Projekt „X“ (reg. č. …) realizuje Poradna pro integraci …"
    (re.compile(r"\b[Pp]rojekt\b.{0,200}? (?:realizuje|realizovala?|realizovalo"
                r"|zajišťuje|koordinuje) "
                r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"), False, 0.75, False),
    # "Realizovalo jej Sdružení pro integraci a migraci (SIMI)"
    (re.compile(r"\b(?:[Rr]ealizoval[aoi]?|[Rr]ealizuje|[Zz]ajišťuje|[Kk]oordinuje|[Vv]ede)"
                r" (?:jej|ho|ji|je|projekt) (?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"), False, 0.75, False),
    (re.compile(r"\b(?:carried out|implemented|run|managed|coordinated|led|realized|realised|"
                r"organi[sz]ed|delivered) by (?:the )?(?P<org>[A-Z].*)"), False, 0.75, True),
    (re.compile(r"\b(?:implementer|beneficiary|project holder|lead partner) (?:of the project )?"
                r"(?:is|was) (?:the )?(?P<org>[A-Z].*)", re.I), False, 0.75, True),
)
_SUBJECT_IMPLEMENTS = re.compile(
    r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.,;:]{2,80}?) (?:realizuje|realizoval[aoi]?|zajišťuje"
    r"|implements|implemented|runs|ran|carries out|carried out)\b.{0,40}?\b(?:projekt|project)")
# "uskutečňuje Město Hustopeče projekt", "se přihlásila Krajská knihovna Karlovy Vary": the
# organisation after its verb, in the nominative, ending at a comma, a clause or "projekt".
_VERB_THEN_SUBJECT = re.compile(
    r"\b(?:uskutečňuj\w*|uskutečnil[aoi]?|realizuj\w*|realizoval[aoi]?|pořádá|pořádají"
    r"|pořádal[aoi]?|poskytuj\w*|poskytoval[aoi]?|provozuj\w*|organizuj\w*|organizoval[aoi]?"
    r"|přihlásil[aoi]?)\s+(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.;:!?]{2,160})")
_SUBJECT_END = re.compile(r"\s*(?:,|\(|\s[–—-]\s|\.(?=\s|$))|\s+(?:spolu|společně|projekt\w*"
                          r"|v rámci|kter\w+|díky|za|od|do)\b")
# Heads of Czech organisation names, so that a person or a place after the verb is not taken.
_ORGANISATION_HEAD = re.compile(
    r"^(?:(?:Statutární )?[Mm]ěsto|Obec|Městys|Městská část|MČ|Kraj|Krajsk\w+|Konsorcium"
    r"|Sdružení|Spolek|Centrum|Diecézní|Oblastní|Městská|Charita|Diakonie|Organizace|Poradna"
    r"|Komunitní|Knihovna|Studijní|Vědecká|Univerzita|Fakulta|Nadace|Nadační|Institut|Ústav"
    r"|Společnost|Asociace|Síť|MAS|Místní akční|Klub|Dům|Středisko|Základní|Mateřská|Střední"
    r"|Gymnázium|Muzeum|Integrační|Multikulturní|InBáze|META|SIMI|OPU)\b")
_PLURAL_VERB = re.compile(r"(?:jí|li|ly)\s", re.I)


# "Charita Česká republika od 1. května 2022 pomáhá ...", "Kolínská pobočka organizace
# Centrum pro integraci cizinců, o.p.s. nabízí ...", "the Faculty of ... has actively
# helped ...": an organisation opening a sentence with what it does.
_SUBJECT_ACTS = re.compile(
    r"^(?:(?:[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]\w+ )?pobočka organizace |(?:(?:Ever )?[Ss]ince [^,]+, )?"
    r"[Tt]he )?"
    r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^,;:()]{2,120}?(?:,? (?:z\. ?s|o\. ?p\. ?s|z\. ?ú)\.)?)"
    r"\s+(?:(?:od|v|ve|již|už|dlouhodobě|since|in) [^,;]{0,30}? )?"
    r"(?:nabízí|poskytuje|pomáhá|realizuje|pořádá|provozuje|zajišťuje|rozvíjí"
    r"|has (?:actively |also )?(?:helped|run|offered|provided|organi[sz]ed)|helps|offers"
    r"|provides|runs|organi[sz]es)\b")
_EN_HEAD = re.compile(r"^(?:Faculty|University|Centre|Center|Association|Organi[sz]ation|Office"
                      r"|Institute|Foundation|Charity|Society|League|Committee|Council)\b")


def _acting_subject(sentence: str) -> str | None:
    """The organisation that opens ``sentence`` and does something, named like one."""
    match = _SUBJECT_ACTS.match(sentence)
    if not match:
        return None
    name = _strip_abbreviation(match.group("org").strip())
    if len(name.split()) > 14 or not (_ORGANISATION_HEAD.match(name) or _EN_HEAD.match(name)
                                      or canonical_organisation(name)):
        return None
    return name


def _subjects_after_verb(sentence: str) -> list[str]:
    """The organisations named right after an action verb (Czech word order puts the
    subject there), when they start like organisations' names; with a plural verb
    ("pořádají Komunitní středisko Kontakt a Centrum ...") the first one leads."""
    match = _VERB_THEN_SUBJECT.search(sentence)
    if not match:
        return []
    org = match.group("org")
    end = _SUBJECT_END.search(org)
    subject = org[:end.start()] if end else org
    names = [subject]
    if _PLURAL_VERB.search(sentence[match.start():match.start("org")]):
        names = re.split(r"\s+a\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])", subject)
    names = [_strip_abbreviation(name.strip()) for name in names]
    if not names or any(len(name.split()) > 12 or not (
            _ORGANISATION_HEAD.match(name) or canonical_organisation(name)) for name in names):
        return []
    return names


_NAME_END = re.compile(
    r"\s*(?:[,;:()]|(?<!\b\w)\.(?=\s|$)"
    # "Diakonie ČCE – Středisko celostátních programů": a unit after a dash is in the name.
    r"|\s[–—-]\s(?!(?:[Ss]třed\w+|[Pp]oboč\w+|[Oo]dbor\w*|[Ss]ekce|[Bb]ranch|[Oo]ffice)\b)"
    r"|\bza\b|\bs\b|\bse\b|\bve spolupráci\b"
    r"|\bdíky\b|\bkter[ýáéí]\b|\bv rámci\b|\bod\b|\bdo\b|\bwith\b|\bin\b|\bfrom\b|\bsince\b"
    r"|\bunder\b|\bwithin\b|\bthrough\b|\bthanks\b|\bwhich\b|\bwho\b"
    r"|\bv(?:e)? (?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]))")


_EN_NAME_WORDS = {"of", "for", "and", "the", "to", "on", "de", "&"}


def _name_at_start(text: str, english: bool = False) -> str:
    match = _NAME_END.search(text)
    name = text[:match.start()] if match else text
    words = name.split()[:10]
    if english:
        # English names are written in title case: "... Migration nationwide" ends before
        # the first lowercase word that is not a function word.
        for i, word in enumerate(words):
            if i and word[:1].islower() and word not in _EN_NAME_WORDS:
                words = words[:i]
                break
        while words and words[-1] in _EN_NAME_WORDS:
            words.pop()
    return " ".join(words).strip()


def _strip_abbreviation(name: str) -> str:
    """"Sdružení pro integraci a migraci (SIMI)" -> "Sdružení pro integraci a migraci"."""
    return re.sub(r"\s*\([A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ0-9&.\- ]{2,12}\)\s*$", "", name).strip()


def find_implementer(text: str, fields: Iterable[tuple[str, str]] = ()) -> Finding:
    """The organisation that carries out the project, from a label ("Realizátor",
    "Příjemce dotace", "Implementer") or a sentence ("je realizovaný Poradnou pro ...")."""
    for label, value in labelled(fields, "implementer"):
        name = clean(value.split("\n")[0])
        if "@" in name or is_person(name):
            continue  # "Koordinátorka projektu: Mgr. Jana Nová, nova@example.cz"
        listed = _listed_names(name)
        # "Author: A, B, C" lists the lead first.
        name = _strip_abbreviation(listed[0] if len(listed) > 1 else name)
        if name:
            return Finding(name, field_evidence(label, value), 0.9)
    for sentence in sentences(text):
        for pattern, inflected, confidence, english in _IMPLEMENTER_SENTENCES:
            match = pattern.search(sentence)
            if not match:
                continue
            name = _strip_abbreviation(_name_at_start(match.group("org"), english))
            if inflected:
                name = nominative(name)
            if name and len(name) > 2:
                return Finding(canonical_if_abbreviation(name), sentence, confidence)
    for sentence in sentences(text):
        # "Město Most realizuje od roku 2019 projekt ..." - the subject carries it out.
        match = _SUBJECT_IMPLEMENTS.match(sentence)
        if match and not re.match(r"(?i)(projekt|project|the project|tento|this)\b",
                                  match.group("org")):
            return Finding(_strip_abbreviation(match.group("org")), sentence, 0.6)
    for sentence in sentences(text):
        subjects = _subjects_after_verb(sentence)
        if subjects:
            return Finding(subjects[0], sentence, 0.55)
    for sentence in sentences(text):
        subject = _acting_subject(sentence)
        if subject:
            return Finding(subject, sentence, 0.5)
    # "kromě týmu SIMI": the document's own team, named by an abbreviation that the alias
    # table or the text itself ("Sdružení pro integraci a migraci (SIMI)") spells out.
    for sentence in sentences(text):
        match = re.search(r"\b(?:týmu|tým|team of)\s+(?P<abbr>[A-ZÁČŘŠŽ]{2,8})\b", sentence)
        if match:
            team = canonical_organisation(match.group("abbr")) or spelled_out(
                match.group("abbr"), text)
            if team:
                return Finding(team, sentence, 0.6)
    return NOTHING


def spelled_out(abbreviation: str, text: str) -> str | None:
    """The full name a text gives an abbreviation: "Poradna pro integraci (PPI)" -> ..."""
    pattern = (r"([A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^()\n.;:]{3,80}?)\s*\(" + re.escape(abbreviation)
               + r"\)")
    match = re.search(pattern, text)
    if not match:
        return None
    words = match.group(1).split()
    # The name starts at the first capitalised word with the abbreviation's first letter
    # ("Projekt připravila Organizace pro integraci v Kladně (OPIK)" -> "Organizace …").
    for start, word in enumerate(words):
        if word[:1] == abbreviation[0]:
            return nominative(" ".join(words[start:]))
    return None


def canonical_if_abbreviation(name: str) -> str:
    """Spell out a bare known abbreviation ("SIMI"); keep any other name as written."""
    if name.isupper() and len(name) <= 8:
        return canonical_organisation(name) or name
    return name


# --- partners --------------------------------------------------------------------------

_PARTNER_CUES = re.compile(
    r"(?:partner\w*|spolupráci se?\b|ve spolupráci|podílel[iay]?|spolupracuj\w*|spolu se?\b"
    r"|společně se?\b|"
    r"cooperation with|partnership with|together with|in collaboration with|jointly with|"
    r"cooperating with|working with"
    # "Do projektu se zapojuje také A, B a C": those who take part beside the lead.
    r"|(?:se )?do projektu (?:se )?zapojuj\w*|(?:se )?do projektu (?:se )?zapojil\w*"
    r"|(?:took|take|takes) part in the project)"
    r"(?:\s+(?:projektu|of the project|in the project))?"
    r"(?:\s+(?:patřil[oaiy]?|jsou|byl[iayo]?|je|patří|were|are|is|include[sd]?))?"
    r"(?:\s+(?:také|rovněž|dále|also))?\s*(?::\s*)?",
    re.I)
_SETTLEMENT_PHRASE = re.compile(r"^(?:statutární\w*\s+|hlavní\w*\s+)?(?:měst\w+|obc\w+|obec"
                                r"|městsk\w+ část\w*)\s+[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]")
_GENERIC_ITEM = re.compile(r"^(třetí|další|vybran|ostatní|other|further|selected|several|"
                           r"three|two|four|tři|dva|čtyři)\b", re.I)


def _protect(text: str) -> tuple[str, dict[str, str]]:
    protected: dict[str, str] = {}
    for i, name in enumerate(n for n in known_names() if " a " in n or " and " in n or "," in n):
        pattern = re.compile(re.escape(name), re.I)
        if pattern.search(text):
            token = f"\u0001{i}\u0002"
            text = pattern.sub(token, text)
            protected[token] = name
    return text, protected


def split_names(text: str) -> list[str]:
    """Split an enumeration of organisation names ("A, B a C", "A, B, and the C")."""
    text, protected = _protect(text)
    if ":" in text:
        before, after = text.rsplit(":", 1)
        # "Ministerstvo ... a vybrané kraje: A, B" - the words before the colon name a category.
        before = re.sub(r"(?:\s+a\s+|\s+and\s+|^)[a-zěščřžýáíéůúó][\w ]*$", "", before.strip())
        text = f"{before}, {after}" if before else after
    parts = re.split(r",\s*(?:and\s+|a\s+)?|\s+(?:and|a|&)\s+(?:z\s+|ze\s+|s\s+|se\s+)?"
                     r"|;\s*", text)
    items: list[str] = []
    for part in parts:
        part = re.sub(r"^(?:the|a|an|z|ze|s|se|odborníci z|experts from)\s+", "", part.strip(),
                      flags=re.I).strip(" .")
        if not part:
            continue
        if items and (part[:1].islower() or re.fullmatch(r"[a-z]\.\s?[a-zú]\.?(?:\s?[a-z]\.)?",
                                                            part)):
            joiner = ", " if re.match(r"[a-zú]\.", part) else " a "
            items[-1] = f"{items[-1]}{joiner}{part}"
            continue
        items.append(part)
    result = []
    for item in items:
        for token, name in protected.items():
            item = item.replace(token, name)
        result.append(item.strip())
    return result


def _clean_item(item: str) -> tuple[str | None, bool]:
    """A partner list item without role or time qualifiers; True when it names the implementer."""
    item = clean(item).strip(" ;")
    if not re.search(r"\b\w\.$", item):
        item = item.rstrip(".")
    role = _ROLE_SUFFIX.search(item)
    if role:
        item = item[:role.start()].strip()
        if _IMPLEMENTER_ROLES.search(role.group("role")):
            return item, True
    item = re.sub(r"\s*\((?:do|od|until|since|from)\b[^()]*\)", "", item).strip()
    if not item or _GENERIC_ITEM.match(item) or not (item[:1].isupper() or item[:1].isdigit()):
        return None, False
    return item, False


def find_partners(text: str, fields: Iterable[tuple[str, str]] = (),
                  implementer: str | None = None, language: str = "cs",
                  title: str | None = None) -> list[Finding]:
    """Partner organisations in the nominative case, never including the implementer."""
    fields = list(fields)
    found: dict[str, Finding] = {}
    excluded = {canonical_organisation(implementer) or name_key(implementer or "")}

    def add(name: str | None, evidence: str, confidence: float) -> None:
        name = _tidy_partner(name)
        if not name or len(name) > 160 or len(name) < 2 or is_place_name(name) or is_boilerplate(
                name):
            return
        key = canonical_organisation(name) or name_key(name)
        if key in excluded or name_key(name) in excluded:
            return
        found.setdefault(key, Finding(name, evidence, confidence))

    for label, value in labelled(fields, "partners"):
        items = value.split("\n")
        if len(items) == 1:
            items = [i.strip() for i in value.split(";")] if ";" in value else split_names(value)
        for raw in items:
            item, is_implementer = _clean_item(raw)
            if is_implementer:
                excluded.add(canonical_organisation(item) or name_key(item or ""))
                continue
            add(item, field_evidence(label, value), 0.85)
    # "pořádají A a B": B carries the project out with A.
    for sentence in sentences(text):
        for name in _subjects_after_verb(sentence)[1:]:
            add(name, sentence, 0.6)
    # "Author: A, B, C": the lead first (the implementer), the others its partners.
    for label, value in labelled(fields, "implementer"):
        for raw in _listed_names(clean(value.split("\n")[0]))[1:]:
            add(_clean_item(raw)[0], field_evidence(label, value), 0.8)
    # "z toho: Celkové náklady statutárního města Brna" - a partner's own share of the budget.
    for label, value in fields:
        match = re.match(r"(?i)celkov[éá] (?:náklady|dotace|výdaje|rozpočet) (?P<org>.+)$", label)
        if match and not re.match(r"(?i)projektu\b", match.group("org")):
            name = nominative(match.group("org"))
            add(name[:1].upper() + name[1:], field_evidence(label, value), 0.7)
    for sentence in sentences(text):
        cue = _PARTNER_CUES.search(sentence)
        if not cue or about_other_project(sentence, title):
            continue
        rest = sentence[cue.end():].strip()
        if not rest or len(rest) > 400:
            continue
        rest = re.sub(r"^(?:(?:three|two|four|several|these|tři|dvěma|třemi)\s+)?partners?:?\s*",
                      "", rest, flags=re.I)
        rest = re.sub(r"^(?:odborníci|experts|pracovníci|zástupci)\s+(?:z|ze|from)\s+", "", rest)
        # "jointly with A, cooperating with B": each further cue starts another name.
        rest = re.sub(r",?\s*" + _PARTNER_CUES.pattern, ", ", rest, flags=re.I)
        for raw in split_names(rest.rstrip(".")):
            raw = _strip_trailing_clause(raw)
            if language == "cs" and _SETTLEMENT_PHRASE.match(raw):
                # "se statutárním městem Ostrava" -> "Statutární město Ostrava"
                raw = nominative(raw)
                raw = raw[:1].upper() + raw[1:]
            item, _ = _clean_item(raw)
            if item and language == "cs":
                item = nominative(item)
            if item and (canonical_organisation(item) or _looks_organisation(item)):
                add(item, sentence, 0.6)
    return sorted(found.values(), key=lambda f: f.value)


_WITH = re.compile(r",?\s+(?:jointly with|together with|in (?:cooperation|collaboration) with"
                   r"|cooperating with|ve spolupráci se?|spolu se?|společně se?)\s+", re.I)


def _listed_names(value: str) -> list[str]:
    """The names of a labelled list, the lead first: "A jointly with B, cooperating with C"
    and "A, B a C" alike."""
    return split_names(_WITH.sub(", ", value))


def _tidy_partner(name: str | None) -> str | None:
    """A partner list item without a parenthetical remark or a dangling "a"/"and"."""
    if not name:
        return name
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", name).strip()
    # "Technickou univerzitou v Liberci a akce se koná ...": a new clause ends the name.
    name = re.split(r"\s+(?:a|and)\s+\w+\s+(?:se|si|je|jsou|byl\w*|bude|is|was|were)\b", name)[0]
    return re.sub(r"\s+(?:a|and|&)$", "", name).strip(" ,;")


def _strip_trailing_clause(name: str) -> str:
    match = _NAME_END.search(name)
    if match and match.group(0).strip() not in {"(", ")", "in", "v", "ve"}:
        return name[:match.start()]
    return name


def _looks_organisation(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 16 or not words[0][:1].isupper():
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 1 and not re.search(r"\d{3,}", name)
