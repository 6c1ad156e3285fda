"""The implementer from labels and sentences, in the nominative case, else what the page
implies (importers.extract.implied_implementer); partners are found in
importers.extract.partners and exported here with the name helpers the importer uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from importers.extract.fields import field_evidence
from importers.extract.finding import Finding
from importers.extract.implied_implementer import implied_implementer
from importers.extract.names import (
    canonical_organisation,
    is_person,
    nominative,
    organisation_aliases,
    organisation_type,
)
from importers.extract.org_text import (
    EN_HEAD,
    ORGANISATION_HEAD,
    UPPER,
    bare_head,
    capitalised_run,
    known_prefix,
    listed_names,
    name_at_start,
    reads_as_organisation,
    split_names,
    strip_abbreviation,
    subjects_after_verb,
)
from importers.extract.partners import find_partners, implementer_fields
from importers.extract.text import clean, sentences

__all__ = [
    "canonical_organisation", "organisation_aliases", "nominative", "find_implementer",
    "find_partners", "split_names",
]

# --- implementer -----------------------------------------------------------------------

# (pattern, the name is in the instrumental case, confidence, the name is English)
_IMPLEMENTER_SENTENCES = (
    # "je realizovaný Poradnou pro integraci v Ústí nad Labem" (instrumental case)
    (
        re.compile(
            r"\b(?:realizován[ao]?|realizovan[ýáé]|realizuje jej|realizuje ho|zajišťovan[ýáé]?|"
            r"koordinovan[ýáé]?)\s+(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"
        ),
        True,
        0.75,
        False,
    ),
    # "Realizátorem projektu je ...", "jeho koordinátorem je rakouská Síť ..." (a leading
    # adjective of nationality or place is not part of the name).
    (
        re.compile(
            r"\b(?:[Rr]ealizátorem|[Nn]ositelem|[Pp]říjemcem(?: dotace)?|[Žž]adatelem"
            r"|[Kk]oordinátorem)(?: projektu)? (?:je|byl|byla|bylo|bude) "
            r"(?:[a-zěščřžýáíéůúó]+(?:ská|ské|cká|cké) )?(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"
        ),
        False,
        0.8,
        False,
    ),
    # "V Organizaci pro pomoc uprchlíkům, z.s. běží projekt ..." (locative case)
    (
        re.compile(
            r"\b[Vv]e? (?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.;:!?]{2,100}?)(?:,? \w+\.\w+\.)?"
            r" (?:v současnosti |nyní |právě |od \w+ \d{4} )?běží projekt"
        ),
        True,
        0.7,
        False,
    ),
    # "Projekt „X“ (reg. č. …) realizuje Poradna pro integraci …"
    (
        re.compile(
            r"\b[Pp]rojekt\b.{0,200}? (?:realizuje|realizovala?|realizovalo"
            r"|zajišťuje|koordinuje) "
            r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"
        ),
        False,
        0.75,
        False,
    ),
    # "Realizovalo jej Sdružení pro integraci a migraci (SIMI)"
    (
        re.compile(
            r"\b(?:(?:[Rr]ealizoval[aoi]?|[Rr]ealizuje|[Zz]ajišťuje|[Kk]oordinuje|[Vv]ede)"
            r" (?:jej|ho|ji|je|projekt)"
            # "Připravuje ho statutární město X", "Provozuje jej Spolek Y" ("připravilo
            # projekt X" names the project)
            r"|(?:[Pp]řipravuje|[Pp]řipravil[aoi]?|[Pp]rovozuje|[Pp]rovozoval[aoi]?"
            r"|[Oo]rganizuje) (?:jej|ho|ji))"
            r" (?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)"
        ),
        False,
        0.75,
        False,
    ),
    (
        re.compile(
            r"\b(?:carried out|implemented|run|managed|coordinated|led|realized|realised|"
            r"organi[sz]ed|delivered) by (?:the )?(?P<org>[A-Z].*)"
        ),
        False,
        0.75,
        True,
    ),
    (
        re.compile(
            r"\b(?:implementer|beneficiary|project holder|lead partner) (?:of the project )?"
            r"(?:is|was) (?:the )?(?P<org>[A-Z].*)",
            re.I,
        ),
        False,
        0.75,
        True,
    ),
)
# "provozuje město České Budějovice": Czech writes a town's head word in lower case inside a
# sentence; as an implementer it is a name ("Město České Budějovice").
_TOWN_HEAD = re.compile(
    rf"\b(?:(?:statutární|hlavní) )?(?:město|obec|městys|městská část)(?= [{UPPER}])")
# "Centrum provozuje Město X", "Tábory pořádá Obec Y": the object first, the town after.
_TOWN_AFTER_VERB = re.compile(
    rf"\b(?:provozuje|provozoval[aoi]?|pořádá|pořádal[aoi]?|organizuje|organizoval[aoi]?"
    rf"|realizuje|zajišťuje) (?P<org>(?:Statutární |Hlavní )?(?:Město|Obec|Městys|Městská část)"
    rf" [{UPPER}].*)"
)
_SUBJECT_IMPLEMENTS = re.compile(
    r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.,;:]{2,80}?) (?:realizuje|realizoval[aoi]?|zajišťuje"
    r"|implements|implemented|runs|ran|carries out|carried out)\b.{0,40}?\b(?:projekt|project)"
)
# "Město Kolín získalo dotaci …", "the Centre received a grant": the recipient of the grant
# is the implementer (the "Příjemce").
_SUBJECT_RECEIVED = re.compile(
    r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^.,;:]{2,80}?) (?:získal[aoi]?|obdržel[aoi]?|received|was"
    r" awarded|won|uspěl[aoi]? se žádostí|podal[aoi]? žádost|požádal[aoi]?|applied)\b"
    r".{0,30}?\b(?:dotac\w*|grant\w*|subsid\w*)"
)


# "Charita Česká republika od 1. května 2022 pomáhá ...", "Kolínská pobočka organizace
# Centrum pro integraci cizinců, o.p.s. nabízí ...", "the Faculty of ... has actively
# helped ...": an organisation opening a sentence with what it does.
_SUBJECT_ACTS = re.compile(
    r"^(?:(?:[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]\w+ )?pobočka organizace |(?:(?:Ever )?[Ss]ince [^,]+, )?"
    r"[Tt]he )?"
    r"(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^,;:()]{2,120}?(?:,? (?:z\. ?s|o\. ?p\. ?s|z\. ?ú)\.)?)"
    r"\s+(?:(?:od|v|ve|na|již|už|dlouhodobě|since|in) [^,;]{0,30}? |(?:letos|nyní|také) )?"
    r"(?:nabízí|poskytuje|pomáhá|realizuje|pořádá|provozuje|zajišťuje|rozvíjí"
    r"|zve|organizuje|připravil[aoi]?|spustil[aoi]?|otevřel[aoi]?"
    r"|has (?:actively |also )?(?:helped|run|offered|provided|organi[sz]ed)|helps|offers"
    r"|provides|runs|organi[sz]es)\b"
)


# "Vedle Sluníčka se do projektu zapojuje také …", "Kromě Poradny X se na projektu podílejí
# …": the organisation others join is the lead, named in the genitive.
_BESIDES_LEAD = re.compile(
    rf"^(?:Vedle|Kromě|Mimo) (?P<org>[{UPPER}](?:(?! se )[^,;:]){{1,80}}?) (?:se )?"
    r"(?:do|na) (?:projektu|něm|něj|realizaci) (?:se )?(?:zapoj\w+|podíl\w+|účastn\w+)\b"
)
# "díky projektu organizace Naděje", "projekt spolku Klub X": the organisation whose
# project it is, named after a generic noun and so in the nominative.
_PROJECT_OF = re.compile(
    r"\b[Pp]rojekt\w* (?:(?:neziskov|nevládní|charitativní|obecně prospěšn)\w+ )?"
    r"(?:organizace|spolku|sdružení|společnosti|nadace|ústavu) "
    rf"(?P<org>[{UPPER}].*)"
)
# "projekt SOZE „Výuka češtiny …“": a known organisation's abbreviation after "projekt"
# names whose project it is (a ministry's or a region's names the call that funds it).
_PROJECT_OF_ABBREVIATION = re.compile(r"\b[Pp]rojekt\w* (?P<abbr>[A-ZÁČŘŠŽ]{2,8})\b(?! [A-Z])")
# "in a project of the Statutory City of Brno", "A project of the Multicultural Center".
_EN_PROJECT_OF = re.compile(r"\b[Aa]n?(?: \w+)? project (?:of|by) (?:the )?(?P<org>[A-Z].*)")
# "the Olomouc branch of Sdružení … (SOZE) launched a programme": the branch's organisation.
_BRANCH_OF = re.compile(r"\bbranch(?:es)? of (?:the )?(?P<org>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ].*)")
_EN_ACTS = re.compile(
    r"\b(?:launched|started|runs|ran|obtained|received|implements|implemented|organi[sz]es"
    r"|offers|provides)\b"
)
# "… pod Středisko X, příspěvková organizace, které jeho činnost zajišťuje": a relative
# clause saying the organisation before it carries out the project or its work.
_WHICH_CARRIES_OUT = re.compile(
    r",\s+(?:který|která|které|jež|jenž)\s+(?:(?:jeho|její|jejich|ho|jej|ji|projekt|činnost"
    r"|provoz|realizaci)\s+){1,2}(?:zajišťuje|realizuje|provozuje|koordinuje|vede)\b"
)


def _named_otherwise(sentence: str) -> str | None:
    """The implementer of "a project of X", "the branch of X launched …" and "X, které jeho
    činnost zajišťuje"."""
    match = _EN_PROJECT_OF.search(sentence)
    if match:
        name = strip_abbreviation(name_at_start(match.group("org"), True))
        if (
            name
            and organisation_type(name) != "ministry"
            and not re.match(r"(?:European|EU)\b", name)
        ):
            return name
    match = _BRANCH_OF.search(sentence)
    if match and _EN_ACTS.search(sentence, match.start("org")):
        org = match.group("org")
        name = strip_abbreviation(known_prefix(org) or name_at_start(org))
        if name:
            return name
    for clause in _WHICH_CARRIES_OUT.finditer(sentence):
        before = sentence[max(0, clause.start() - 150) : clause.start()]
        for word in re.finditer(rf"\b[{UPPER}]", before):
            name = before[word.start() :]
            if ORGANISATION_HEAD.match(name) or canonical_organisation(name):
                return nominative(name)
    return None


def _continued(name: str, sentence: str, text: str) -> str:
    """A name the sentence splitter cut at an abbreviation inside it ("Fundacja … im." +
    "Mikołaja Reja"), with the capitalised words that follow in the text."""
    tail = re.search(r"\s(im|sv)\.$", sentence)
    if not tail or not sentence[: tail.start()].endswith(name):
        return name
    position = text.find(sentence)
    rest = capitalised_run(text[position + len(sentence) :].lstrip()) if position >= 0 else ""
    return f"{name} {tail.group(1)}. {rest}" if rest else name


def _lead_in_sentence(sentence: str) -> str | None:
    """The lead others join ("Vedle Sluníčka se zapojuje …") or whose project it is
    ("projekt organizace Naděje"), in the nominative."""
    match = _BESIDES_LEAD.match(sentence)
    if match and not is_person(match.group("org")):
        return nominative(strip_abbreviation(match.group("org")))
    match = _PROJECT_OF_ABBREVIATION.search(sentence)
    if match and organisation_type(match.group("abbr")) not in (None, "ministry", "region"):
        return match.group("abbr")
    match = _PROJECT_OF.search(sentence)
    if match:
        name = known_prefix(match.group("org")) or capitalised_run(match.group("org"))
        return name or None
    return None


def _acting_subject(sentence: str) -> str | None:
    """The organisation that opens ``sentence`` and does something, named like one."""
    match = _SUBJECT_ACTS.match(sentence)
    if not match:
        return None
    # "Centrum také pořádá …": an adverb after the subject is not part of its name.
    name = strip_abbreviation(match.group("org").strip())
    name = re.sub(r"\s+(?:také|rovněž|též|již|už|i|also)$", "", name)
    if (
        bare_head(name)
        or len(name.split()) > 14
        or not (
            ORGANISATION_HEAD.match(name) or EN_HEAD.match(name) or canonical_organisation(name)
        )
    ):
        return None
    return name


def find_implementer(
    text: str,
    fields: Iterable[tuple[str, str]] = (),
    source_url: str | None = None,
    site_name: str | None = None,
) -> Finding:
    """The organisation that carries out the project, from a label ("Realizátor",
    "Příjemce dotace", "Implementer"), a sentence ("je realizovaný Poradnou pro ..."), or
    what the page implies (a town's own page, a "we"-page, the site's owner)."""
    for label, value in implementer_fields(fields):
        name = clean(value.split("\n")[0])
        if "@" in name or is_person(name):
            continue  # "Koordinátorka projektu: Mgr. Jana Nová, nova@example.cz"
        listed = listed_names(name)
        # "Author: A, B, C" lists the lead first.
        name = strip_abbreviation(listed[0] if len(listed) > 1 else name)
        if name:
            return Finding(_fuller_name(name, text), field_evidence(label, value), 0.9)
    towns_named = _TOWN_HEAD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:], text)
    for sentence in sentences(towns_named):
        for pattern, inflected, confidence, english in _IMPLEMENTER_SENTENCES:
            match = pattern.search(sentence)
            if not match:
                continue
            name = strip_abbreviation(name_at_start(match.group("org"), english))
            if inflected:
                name = nominative(name)
            if name and len(name) > 2:
                name = _continued(name, sentence, towns_named)
                return Finding(canonical_if_abbreviation(name), sentence, confidence)
    for sentence in sentences(towns_named):
        other = _named_otherwise(sentence)
        if other:
            return Finding(other, sentence, 0.7)
    for sentence in sentences(towns_named):
        match = _TOWN_AFTER_VERB.search(sentence)
        if match:
            return Finding(name_at_start(match.group("org")), sentence, 0.65)
    for sentence in sentences(text):
        # "Město Most realizuje od roku 2019 projekt ..." - the subject carries it out.
        match = _SUBJECT_IMPLEMENTS.match(sentence)
        if match and not re.match(
            r"(?i)(projekt|project|the project|tento|this)\b", match.group("org")
        ):
            name = re.sub(r"^The\s+", "", strip_abbreviation(match.group("org")))
            if not bare_head(name):
                return Finding(name, sentence, 0.6)
    for sentence in sentences(text):
        match = _SUBJECT_RECEIVED.match(sentence)
        name = strip_abbreviation(match.group("org")) if match else ""
        # "Organizace, které získaly dotaci" names none: a head noun alone is no name.
        if name and (
            canonical_organisation(name) or reads_as_organisation(name) and len(name.split()) > 1
        ):
            return Finding(name, sentence, 0.55)
    for sentence in sentences(text):
        subjects = subjects_after_verb(sentence)
        if subjects:
            return Finding(subjects[0], sentence, 0.55)
    for sentence in sentences(text):
        lead = _lead_in_sentence(sentence)
        if lead:
            return Finding(lead, sentence, 0.55)
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
                match.group("abbr"), text
            )
            if team:
                return Finding(team, sentence, 0.6)
    return implied_implementer(text, source_url, site_name)


def _fuller_name(name: str, text: str) -> str:
    """A label's abbreviation as the text spells it out: "Who: SIMI" on a page that writes
    "the Association for Integration and Migration (SIMI)", "MČ Praha 13" where the text
    writes "Městská část Praha 13"."""
    if " " not in name and name.isupper() and len(name) <= 8:
        return spelled_out(name, text) or name
    canonical = canonical_organisation(name)
    if canonical and canonical != name and name.split()[0].isupper() and canonical in text:
        return canonical
    return name


def spelled_out(abbreviation: str, text: str) -> str | None:
    """The full name a text gives an abbreviation: "Poradna pro integraci (PPI)" -> ..."""
    pattern = r"([A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^()\n.;:]{3,80}?)\s*\(" + re.escape(abbreviation) + r"\)"
    match = re.search(pattern, text)
    if not match:
        return None
    words = match.group(1).split()
    # "the Association for Integration and Migration (SIMI)": a known name of the same
    # organisation, in whichever language the text writes it.
    known = canonical_organisation(abbreviation)
    for start in range(len(words) if known else 0):
        phrase = " ".join(words[start:])
        if words[start][:1].isupper() and canonical_organisation(phrase) == known:
            return phrase
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
