"""Partners: organisations named as partners or co-implementers, in the nominative case."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import Finding
from importers.extract.implied_implementer import team_affiliations
from importers.extract.names import (
    canonical_organisation,
    is_person,
    is_place_name,
    name_key,
    nominative,
    organisation_type,
    without_legal_form,
)
from importers.extract.org_text import (
    EN_HEAD,
    ENDS_LEGAL_FORM,
    LOWER,
    NAME_END,
    UPPER,
    listed_names,
    reads_as_organisation,
    split_names,
    subjects_after_verb,
)
from importers.extract.site_owner import site_owner
from importers.extract.text import about_other_project, clean, sentences
from importers.extract.titles import is_boilerplate
from search_index.text import fold

# "Jihomoravský kraj – příjemce": a role after a dash; but "Diakonie ČCE – Středisko …"
# names a unit of the organisation, which is part of its name.
_ROLE_SUFFIX = re.compile(
    r"\s+[–—-]\s+(?!(?:[Ss]třed\w+|[Pp]oboč\w+|[Oo]dbor\w*|[Ss]ekce|[Bb]ranch|[Oo]ffice)\b)"
    r"(?P<role>[^–—-]{2,40})$"
)
_IMPLEMENTER_ROLES = re.compile(
    r"příjemce|žadatel|realizátor|nositel|hlavní|lead|applicant"
    r"|beneficiary|coordinator|koordinátor",
    re.I,
)
_PARTNER_CUES = re.compile(
    r"(?:partner\w*|spolupráci se?\b|ve spolupráci|spoluprác[ei] se?\b|podílel[iay]?"
    r"|spolupracuj\w*|spolu se?\b|společně se?\b|"
    r"cooperation with|partnership with|together with|in collaboration with|jointly with|"
    r"cooperating with|working with"
    # "Do projektu se zapojuje také A, B a C", "zapojí se do něj i A": those who take part
    # beside the lead.
    r"|(?:se )?do (?:projektu|něj|něho) (?:se )?zapoj\w*|zapoj\w+ se do (?:projektu|něj|něho)"
    r"|(?:took|take|takes) part in the project"
    # "The consortium brings together A, B and C", "Konsorcium tvoří A, B a C".
    r"|(?:consortium|partnership|konsorcium)\s+(?:brings together|brought together|consists of"
    r"|comprises|includes|is made up of|tvoří|tvořil\w*|sdružuje|zahrnuje))"
    r"(?:\s+(?:projektu|of the project|in the project))?"
    r"(?:\s+(?:patřil[oaiy]?|jsou|byl[iayo]?|je|patří|were|are|is|include[sd]?))?"
    r"(?:\s+(?:také|rovněž|dále|i|also))?\s*(?::\s*)?",
    re.I,
)
# "Dotaci poskytlo ministerstvo společně s UNHCR": who gives money with another is a funder.
_MONEY_BEFORE = re.compile(
    r"\b(?:poskytl\w*|financ\w+|přispěl\w*|uhradil\w*|zaplatil\w*|dotac\w+|grant\w*"
    r"|funded|funds|paid|donat\w+)\b",
    re.I,
)
_SETTLEMENT_PHRASE = re.compile(
    r"^(?:statutární\w*\s+|hlavní\w*\s+)?(?:měst\w+|obc\w+|obec"
    rf"|městsk\w+ část\w*)\s+[{UPPER}]"
)
_GENERIC_ITEM = re.compile(
    r"^(třetí|další|vybran|ostatní|other|further|selected|several|"
    r"three|two|four|tři|dva|čtyři)\b",
    re.I,
)
# "Realizátor dílčího projektu: Spolek X" in a town's umbrella project: the sub-project's
# implementer works with the town, a partner of the whole.
_SUBPROJECT_IMPLEMENTER = re.compile(
    r"\b[Rr]ealizátor(?:em)? dílčí\w* projekt\w*:?\s+(?:je\s+)?"
    rf"(?P<org>[{UPPER}][^.;:!?\n]*?(?:,? (?:z\. ?s|o\. ?p\. ?s|z\. ?ú)\.)?)(?=[.;!?\n]|$)"
)
# "…; the Association for X cooperated on this": an English subject that worked with the lead.
_EN_COOPERATED = re.compile(
    r"(?:^|[;:,]\s*|\b(?:and|while|as|where)\s+)(?:the\s+)?(?P<org>[A-Z][^,;:.()]{2,80}?)\s+"
    r"(?:cooperated|co-operated|collaborated|partnered|participated|took part)\b"
)
# "…; to však do projektu nepatří", "… is not part of the project": said not to take part.
_NOT_PART = re.compile(
    r"\b(?:nepatří|nepatřil\w*|není součástí|nejsou součástí|nebyl\w* součástí"
    r"|(?:is|are|was|were) not (?:a )?part of|not a partner)\b",
    re.I,
)
# "Vietnamci", "Řekové": people of a nation or group, not an organisation.
_PEOPLE_PLURAL = re.compile(rf"^[{UPPER}][{LOWER}]+(?:ové|ci)$")
# "s Centry na podporu integrace", "se školami": a kind of organisation in the plural
# (instrumental), not one named organisation.
_KIND_PLURAL = re.compile(rf"^(?:[{UPPER}][{LOWER}]+(?:ami|emi)|Centry|Spolky|Městy)\b")
# "mají podle náměstka patřit …", "budou patřit": the verb of "Mezi partnery … patří X".
_BELONGS = re.compile(rf"^(?:[{LOWER}]+\s+){{0,6}}?(?:patř\w*|náleží|náležel\w*)\s+")
# "automobilka Škoda Auto", "organisation Humanity in Action": a description in lower case.
_LOWER_DESCRIPTION = re.compile(
    r"^(?:(?!(?:z|ze|v|ve|na|do|od|s|se|u|k|ke|pro|o|of|from|in|at|to|for|by)\s)"
    rf"[{LOWER}]+ ){{1,2}}(?=[{UPPER}])"
)
# "Středisko volného ča": a text broken off inside the name's last word.
_CUT_OFF = re.compile(rf"(?<![.\s])\s[{LOWER}]{{2}}$")
# "Dlouhá 12", "17. listopadu 216/3": a street and a house number.
_STREET = re.compile(rf"^(?:\d{{1,2}}\.\s?)?[{UPPER}{LOWER}]+ \d+[a-z]?(?:/\d+)?$")
# "Jsme partnerem Centra X": whose partner the page's writer is (the lead, in the genitive).
_PARTNER_OF = re.compile(r"(?i)^(?:partnerem|partnerkou)\s*$")
# A ministry named as the source of money ("financován Ministerstvem vnitra").
_FUNDED_BY_MINISTRY = (
    r"(?:financ\w+|hrazen\w*|podpořen\w*|dotac\w+|grant\w*|prostředků|funded by)\W+"
    r"(?:\w+\W+){{0,3}}?(?:Ministerstv\w*|Ministry of(?: the)?) {noun}"
)
# "B. Němcov": an initial and a surname name a person.
_INITIAL_SURNAME = re.compile(rf"^[{UPPER}]\.\s?[{UPPER}][{LOWER}]+$")


# "Project recipient: X" (the English for "Příjemce"), "Řešitelské pracoviště: X" (the
# institution carrying out a research project), "Who: X", "Project coordinator: X".
_RECIPIENT_LABEL = re.compile(
    r"^(?:project |grant )?recipient$|^resitelsk\w+ (?:pracoviste"
    r"|organizace|instituce)$|^research (?:institution|organi[sz]ation)$"
    r"|^(?:project |lead )?coordinator$|^koordinator projektu$"
)
# "Who: SIMI", "Kdo: Spolek X" on a project card: who carries it out (not "who for").
_WHO_LABEL = re.compile(r"^(?:who|kdo)$")
# "Realizace: MČ X, Centrum Y": a label of the period elsewhere, here naming who carries
# the project out (the value starts like an organisation's name and holds no date).
_CARRIED_OUT_LABEL = re.compile(r"^(?:realizace(?: projektu)?|realizuje|realizuji)$")
_DATE = re.compile(r"\d\.\s*\d|\b\d{4}\b")


def implementer_fields(fields: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Labelled lines naming the implementer; a sub-project's implementer ("Realizátor
    dílčího projektu") is a partner of the whole, not its implementer."""
    fields = list(fields)
    found = [
        (label, value)
        for label, value in labelled(fields, "implementer")
        if "dílčí" not in label.lower()
    ]
    for label, value in fields:
        key = fold(clean(label)).strip(" :")
        named = reads_as_organisation(clean(value)) or bool(re.match(r"[A-Z]{2,8}\b", value))
        if _RECIPIENT_LABEL.match(key) or named and (
            _WHO_LABEL.match(key) or _CARRIED_OUT_LABEL.match(key) and not _DATE.search(value)
        ):
            found.append((label, value))
    return found


# Records one partner: (name, evidence, confidence).
_Add = Callable[[str | None, str, float], None]


def _clean_item(item: str) -> tuple[str | None, bool]:
    """A partner list item without role or time qualifiers; True when it names the implementer."""
    item = clean(item).strip(" ;")
    if not re.search(r"\b\w\.$", item):
        item = item.rstrip(".")
    role = _ROLE_SUFFIX.search(item)
    if role:
        item = item[: role.start()].strip()
        if _IMPLEMENTER_ROLES.search(role.group("role")):
            return item, True
    item = re.sub(r"\s*\((?:do|od|until|since|from)\b[^()]*\)", "", item).strip()
    if not item or _GENERIC_ITEM.match(item) or not (item[:1].isupper() or item[:1].isdigit()):
        return None, False
    return item, False


def _names_a_thing(name: str, text: str) -> bool:
    """An abbreviation the text defines for a common noun phrase ("dvojjazyčné asistenty
    pedagoga (DAP)") names people or things, not an organisation ("Poradna pro cizince
    (PPC)" starts with a capital)."""
    if not (name.isupper() and 2 <= len(name) <= 8) or canonical_organisation(name):
        return False
    match = re.search(rf"((?:\S+\s+){{1,10}})\({re.escape(name)}\)", text)
    if not match:
        return False
    words = match.group(1).split()
    letters = fold(name).lower()
    for start in range(len(words) - 1, -1, -1):
        phrase = words[start:]
        spelled = [
            "".join(fold(w[:1]).lower() for w in phrase),
            "".join(fold(w[:1]).lower() for w in phrase if w not in _CONNECTORS),
        ]
        if letters in spelled:
            return phrase[0][:1].islower()
    return False


_CONNECTORS = frozenset({"a", "pro", "v", "ve", "na", "z", "ze", "of", "and", "for", "the"})


def find_partners(
    text: str,
    fields: Iterable[tuple[str, str]] = (),
    implementer: str | None = None,
    language: str = "cs",
    title: str | None = None,
    source_url: str | None = None,
) -> list[Finding]:
    """Partner organisations in the nominative case, never including the implementer."""
    fields = list(fields)
    found: dict[str, Finding] = {}
    excluded = {canonical_organisation(implementer) or name_key(implementer or "")}

    def add(name: str | None, evidence: str, confidence: float) -> None:
        name = _tidy_partner(name)
        if (
            not name
            or len(name) > 160
            or len(name) < 2
            or is_place_name(name)
            or is_boilerplate(name)
            or _INITIAL_SURNAME.match(name)
            or is_person(name)
            or _names_a_thing(name, text)
        ):
            return
        key = canonical_organisation(name) or name_key(name)
        if key in excluded or name_key(name) in excluded:
            return
        if _abbreviates(name, implementer) or _funding_ministry(name, text):
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
        for name in subjects_after_verb(sentence)[1:]:
            add(name, sentence, 0.6)
    # "Author: A, B, C": the lead first (the implementer), the others its partners.
    for label, value in implementer_fields(fields):
        for raw in listed_names(clean(value.split("\n")[0]))[1:]:
            add(_clean_item(raw)[0], field_evidence(label, value), 0.8)
    # "z toho: Celkové náklady statutárního města Brna" - a partner's own share of the budget.
    for label, value in fields:
        match = re.match(r"(?i)celkov[éá] (?:náklady|dotace|výdaje|rozpočet) (?P<org>.+)$", label)
        if match and not re.match(r"(?i)projekt", match.group("org")):
            name = nominative(match.group("org"))
            add(name[:1].upper() + name[1:], field_evidence(label, value), 0.7)
    for sentence in sentences(text):
        _from_sentence(sentence, language, title, add)
    # A research team's members beside the lead's: their institutions are partners.
    team = team_affiliations(text)
    for name, evidence in team[1:]:
        add(name, evidence, 0.6)
    # A partner publishing the page names itself: the site's owner beside another lead.
    if implementer and source_url and re.search(r"(?i)\bpartner", text):
        owner = site_owner(source_url, text)
        if owner and not _alike(owner, implementer):
            add(owner, f"the page's address: {source_url}", 0.5)
    return sorted(found.values(), key=lambda f: f.value)


# "Správce blokového grantu: Nadace X ve spolupráci s Nadací Y", "the programme operator":
# who runs the funding programme, with its own partners, not the project's.
_OPERATOR = re.compile(r"\b(?:[Ss]právc\w* (?:blokov\w+ )?(?:grant\w*|program\w*|fond\w*)"
                       r"|[Oo]perátor\w* programu|[Pp]rogram(?:me)? operator|[Ff]und operator"
                       r"|[Ss]pravuje (?:grant|program|fond))")


def _from_sentence(sentence: str, language: str, title: str | None, add: _Add) -> None:
    """Partners named in a sentence: after a cue of cooperation, as a sub-project's
    implementer, or as the English subject of "cooperated"."""
    sub = _SUBPROJECT_IMPLEMENTER.search(sentence)
    if sub:
        add(sub.group("org").strip(), sentence, 0.7)
    if language == "en":
        for match in _EN_COOPERATED.finditer(sentence):
            org = match.group("org").strip()
            if EN_HEAD.match(org) or canonical_organisation(org):
                add(org, sentence, 0.6)
    cue = _PARTNER_CUES.search(sentence)
    if (not cue or about_other_project(sentence, title) or _NOT_PART.search(sentence)
            or _OPERATOR.search(sentence)):
        return
    if re.match(r"(?i)spolu|společně", cue.group(0)) and _MONEY_BEFORE.search(
        sentence[: cue.start()]
    ):
        return
    if _PARTNER_OF.match(cue.group(0)):
        return
    rest = sentence[cue.end() :].strip()
    if not rest or len(rest) > 400:
        return
    # "na základě partnerské smlouvy X", "Mezi partnery projektu mají patřit X".
    rest = re.sub(r"^(?:smlouv\w*|dohod\w*)\s+", "", rest)
    rest = _BELONGS.sub("", rest)
    rest = re.sub(
        r"^(?:(?:three|two|four|several|these|tři|dvěma|třemi)\s+)?partners?:?\s*",
        "",
        rest,
        flags=re.I,
    )
    rest = re.sub(r"^(?:odborníci|experts|pracovníci|zástupci)\s+(?:z|ze|from)\s+", "", rest)
    # "jointly with A, cooperating with B": each further cue starts another name.
    rest = re.sub(r",?\s*" + _PARTNER_CUES.pattern, ", ", rest, flags=re.I)
    previous = ""
    for raw in split_names(rest.rstrip(".")):
        # "X, o.p.s., Dlouhá 12, Kolín": the seat's address after a name ends the list.
        if ENDS_LEGAL_FORM.search(previous) and _STREET.match(raw):
            break
        previous = raw
        raw = _strip_trailing_clause(raw)
        if language == "cs" and _SETTLEMENT_PHRASE.match(raw):
            # "se statutárním městem Ostrava" -> "Statutární město Ostrava"
            raw = nominative(raw)
            raw = raw[:1].upper() + raw[1:]
        raw = _LOWER_DESCRIPTION.sub("", raw.strip())
        item, _ = _clean_item(raw)
        if item and (_PEOPLE_PLURAL.match(item) or _KIND_PLURAL.match(item)):
            continue  # "se podíleli i Poláci": people, named in the plural
        if item and language == "cs":
            item = nominative(item)
        if item and (canonical_organisation(item) or _looks_organisation(item)):
            add(item, sentence, 0.6)


def _abbreviates(name: str, implementer: str | None) -> bool:
    """Whether ``name`` is the implementer's abbreviation, its capitalised words' initials
    ("ECQ" of "European Center for Quality Ltd.")."""
    if not implementer or not (name.isupper() and 2 <= len(name) <= 8):
        return False
    initials = "".join(w[0] for w in implementer.split() if w[:1].isupper())
    return len(name) >= 3 and fold(initials).startswith(fold(name))


def _funding_ministry(name: str, text: str) -> bool:
    """A ministry, or its department, that the text names as paying for the project: a
    funder, not a partner."""
    if organisation_type(name) != "ministry":
        return False
    ministry = re.search(r"Ministerstv\w* (\w+)", canonical_organisation(name) or "")
    if not ministry:
        return False
    cue = _FUNDED_BY_MINISTRY.format(noun=re.escape(ministry.group(1)))
    return bool(re.search(cue, text, re.I))


def _alike(first: str, second: str) -> bool:
    """Two spellings of one name: most of their words are shared ("Univerzita X" and
    "Univerzita X v Ústí nad Labem")."""
    words = [set(name_key(without_legal_form(name)).split()) for name in (first, second)]
    shared = len(words[0] & words[1])
    return bool(shared) and shared >= min(len(words[0]), len(words[1])) * 0.8


def _tidy_partner(name: str | None) -> str | None:
    """A partner list item without a parenthetical remark or a dangling "a"/"and"."""
    if not name:
        return name
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", name).strip()
    if _CUT_OFF.search(name):
        return None
    # "The South Moravian Region" is written without the article; "The Mosaic" keeps it.
    if re.match(r"The\s+\S+\s+\S", name):
        name = name[4:]
    # "Technickou univerzitou v Liberci a akce se koná ...": a new clause ends the name.
    name = re.split(r"\s+(?:a|and)\s+\w+\s+(?:se|si|je|jsou|byl\w*|bude|is|was|were)\b", name)[0]
    return re.sub(r"\s+(?:a|and|&)$", "", name).strip(" ,;")


def _strip_trailing_clause(name: str) -> str:
    match = NAME_END.search(name)
    if match and match.group(0).strip() not in {"(", ")", "in", "v", "ve"}:
        cut = name[: match.start()]
        # "Jazyková škola s právem státní jazykové zkoušky X": cut at "s", a generic noun
        # phrase would be left, so the "s" is inside the name.
        words = cut.split()
        generic = len(words) <= 2 and all(w[:1].islower() for w in words[1:])
        if match.group(0).strip() in {"s", "se"} and generic and name.split()[-1][:1].isupper():
            return name
        return cut
    return name


def _looks_organisation(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 16 or not words[0][:1].isupper() or name in _NATIONALITIES:
        return False
    # English names are written in title case: "Polish language courses for refugees" with
    # its content words in lower case is a phrase, not a name (Czech names are not so).
    content = [w for w in words if w.lower() not in _EN_FUNCTION_WORDS]
    if any(w.lower() in _EN_FUNCTION_WORDS - {"a"} for w in words) and content and sum(
            w[:1].isupper() for w in content) * 2 < len(content):
        return False
    return not re.search(r"\d{3,}", name)


_EN_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "at", "to",
                                "with", "by", "from"})
# "Czech and Polish courses": a nationality alone names no organisation.
_NATIONALITIES = frozenset({"Czech", "Polish", "Slovak", "German", "Austrian", "Ukrainian",
                            "Norwegian", "Hungarian", "Vietnamese", "Russian", "English"})
