"""Organisation names in running text: where a name starts and ends, lists of names, the
descriptions written before a name, and whether a phrase reads like an organisation."""

from __future__ import annotations

import re
from functools import lru_cache

from importers.extract.names import canonical_organisation, known_names

UPPER = "A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"
LOWER = "a-záčďéěíňóřšťúůýž"

# Heads of Czech organisation names, so that a person or a place after the verb is not taken.
ORGANISATION_HEAD = re.compile(
    r"^(?:(?:Statutární )?[Mm]ěsto|Obec|Městys|Městská část|MČ|Kraj|Krajsk\w+|Konsorcium"
    r"|Sdružení|Spolek|Centrum|Diecézní|Oblastní|Městská|Charita|Diakonie|Organizace|Poradna"
    r"|Místní akční skupina"
    r"|Komunitní|Knihovna|Studijní|Vědecká|Univerzita|Fakulta|Nadace|Nadační|Institut|Ústav"
    r"|Společnost|Asociace|Síť|MAS|Místní akční|Klub|Dům|Středisko|Základní|Mateřská|Střední"
    r"|Arcidiecézní|Farní|Svazek"
    r"|Gymnázium|Muzeum|Integrační|Multikulturní|InBáze|META|SIMI|OPU|Vysoká škola"
    r"|Vysoké učení|Akademie|Svaz|Unie|Federace|Správa|Agentura)\b"
)
EN_HEAD = re.compile(
    r"^(?:Faculty|University|Centre|Center|Association|Organi[sz]ation|Office"
    r"|Institute|Foundation|Charity|Society|League|Committee|Council|Department|School"
    r"|College|Agency|Network|Union)\b"
)

NAME_END = re.compile(
    # ", příspěvková organizace Tachov" is inside the name (names.without_legal_form).
    # "Fundacja … im. Mikołaja Reja", "Charita sv. Anežky": an abbreviation inside the name.
    r"\s*(?:,(?! příspěvková organizace)|[;:()]|(?<!\b\w)(?<!\bim)(?<!\bsv)\.(?=\s|$)"
    # "Diakonie ČCE – Středisko celostátních programů": a unit after a dash is in the name.
    r"|\s[–—-]\s(?!(?:[Ss]třed\w+|[Pp]oboč\w+|[Oo]dbor\w*|[Ss]ekce|[Bb]ranch|[Oo]ffice)\b)"
    # "z dotace", "pod názvem" end a name; "Broučci z Frýdlantu", "Lhota pod Horami" do not.
    rf"|\bza\b|\b(?:z|pod) (?![{UPPER}])|\bs\b|\bse\b|\bve spolupráci\b|\bprostřednictvím\b"
    r"|\bpomocí\b|\bvia\b"
    r"|\bdíky\b|\bkter[ýáéí]\b|\bv rámci\b|\bod\b|\bdo\b|\bwith\b|\bin\b|\bfrom\b|\bsince\b"
    r"|\bunder\b|\bwithin\b|\bthrough\b|\bthanks\b|\bwhich\b|\bwho\b"
    rf"|\bv(?:e)? (?=[{UPPER}]))"
)
_EN_NAME_WORDS = {"of", "for", "and", "the", "to", "on", "de", "&"}


def name_at_start(text: str, english: bool = False) -> str:
    """The organisation name ``text`` starts with, up to a clause or a preposition."""
    match = NAME_END.search(text)
    name = text[: match.start()] if match else text
    words = name.split()[:10]
    if english:
        # English names are written in title case: "... Migration nationwide" ends before
        # the first lowercase word that is not a function word; a foreign name's short
        # connector before a capitalised word stays ("Fundacja Kultury i Języka").
        for i, word in enumerate(words):
            foreign = len(word.rstrip(".")) <= 3 and words[i + 1 : i + 2] != [] and (
                words[i + 1][:1].isupper())
            if i and word[:1].islower() and word not in _EN_NAME_WORDS and not foreign:
                words = words[:i]
                break
        while words and words[-1] in _EN_NAME_WORDS:
            words.pop()
    return settlement_name(" ".join(words).strip())


# "Město Tachov na letošní rok", "Statutární město Mladá Boleslav a hlavním úkolem": a
# settlement's name is its head and the capitalised words (or a district's number) after it.
_SETTLEMENT = re.compile(
    r"^(?:(?:[Ss]tatutární|[Hh]lavní) )?(?:[Mm]ěsto|[Oo]bec|[Mm]ěstys|[Mm]ěstská část|MČ)"
    rf"(?: (?:[{UPPER}][\w-]*|\d{{1,2}}\b|(?:nad|pod|na|u|v)(?= [{UPPER}])))+"
)


def settlement_name(name: str) -> str:
    """A town's or city district's name without the words that follow it in a sentence."""
    match = _SETTLEMENT.match(name)
    return match.group(0) if match else name


def strip_abbreviation(name: str) -> str:
    """ "Sdružení pro integraci a migraci (SIMI)" -> "Sdružení pro integraci a migraci"."""
    return re.sub(r"\s*\([A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ0-9&.\- ]{2,12}\)\s*$", "", name).strip()


def acronym_led(name: str) -> str:
    """A name opened by an abbreviation ends with its last capitalised word: "IOM Praha
    informační kampaň" -> "IOM Praha" (an abbreviation's branch is named by a place)."""
    words = name.split()
    if not words or not (len(words[0]) >= 2 and words[0].isupper()):
        return name
    kept = [words[0]]
    for word in words[1:]:
        if not word[:1].isupper():
            break
        kept.append(word)
    return " ".join(kept)


def bare_head(name: str) -> bool:
    """A head noun alone ("Centrum", "Spolek"): a reference to an organisation named
    elsewhere, not its name."""
    return (
        len(name.split()) == 1
        and bool(ORGANISATION_HEAD.fullmatch(name))
        and not canonical_organisation(name)
    )


def reads_as_organisation(name: str) -> bool:
    """A name starting like an organisation's (a head noun) or known to the directory."""
    return bool(
        ORGANISATION_HEAD.match(name) or EN_HEAD.match(name) or canonical_organisation(name)
    )


_RUN_CONNECTORS = frozenset(
    {"pro", "a", "v", "ve", "na", "nad", "pod", "z", "ze", "of", "for", "and", "the", "in"}
)


def known_prefix(text: str) -> str | None:
    """The longest start of ``text`` (up to eight words) that names a known organisation."""
    words = text.split()[:8]
    for end in range(len(words), 0, -1):
        name = " ".join(words[:end]).rstrip(",.;:")
        if canonical_organisation(name):
            return name
    return None


def capitalised_run(text: str) -> str:
    """The capitalised words ``text`` starts with, with a connector between two of them
    ("Klub Sever", "Centrum pro Cizince"): an unknown name as far as it is sure."""
    # The run ends at a comma or at the end of the sentence (not after "z.s." or "o.p.s.").
    text = re.split(r",|(?<=\w{3})\.(?:\s|$)", text)[0]
    words = re.findall(r"[^\s,;:()„“\"]+", text)[:10]
    kept: list[str] = []
    for i, word in enumerate(words):
        joins = word in _RUN_CONNECTORS and i + 1 < len(words) and words[i + 1][:1].isupper()
        if not (word[:1].isupper() or kept and (word[:1].isdigit() or joins)):
            break
        kept.append(word)
    return " ".join(kept).rstrip(".")


# --- the subject after its verb ----------------------------------------------------------

# "uskutečňuje Město Hustopeče projekt", "se přihlásila Krajská knihovna Karlovy Vary", "vede
# IOM Praha kampaň": the organisation after its verb, in the nominative, ending at a comma,
# a clause or "projekt".
_VERB_THEN_SUBJECT = re.compile(
    r"\b(?:uskutečňuj\w*|uskutečnil[aoi]?|realizuj\w*|realizoval[aoi]?|pořádá|pořádají"
    r"|pořádal[aoi]?|poskytuj\w*|poskytoval[aoi]?|provozuj\w*|organizuj\w*|organizoval[aoi]?"
    rf"|přihlásil[aoi]?|vede|vedl[aoi]?|získal[aoi]?|obdržel[aoi]?|zřídil[aoi]?|založil[aoi]?)\s+"
    rf"(?P<org>[{UPPER}][^.;:!?]{{2,160}})"
)
_SUBJECT_END = re.compile(
    r"\s*(?:,|\(|\s[–—-]\s|\.(?=\s|$))|\s+(?:spolu|společně|projekt\w*"
    r"|v rámci|kter\w+|díky|za|od|do|kampa\w+|dotac\w*|grant\w*|prostřednictvím|pomocí)\b"
    # "X a jeho provoz hradí ...": "a" opening a clause, not joining a name ("Dům dětí a mládeže").
    r"|\s+a\s+(?:jeho|její|jejich|to|tak|také|proto|se|je|jsou|byl\w*|bude\w*)\b"
    # "X a podporuje ho …": a second verb after "a" starts a clause.
    rf"|\s+a\s+(?=[{LOWER}]+(?:uje|ují)\b)"
)
_PLURAL_VERB = re.compile(r"(?:jí|li|ly)\s", re.I)


def subjects_after_verb(sentence: str) -> list[str]:
    """The organisations named right after an action verb (Czech word order puts the
    subject there), when they start like organisations' names; with a plural verb
    ("pořádají Komunitní středisko Kontakt a Centrum ...") the first one leads."""
    match = _VERB_THEN_SUBJECT.search(sentence)
    if not match:
        return []
    org = match.group("org")
    end = _SUBJECT_END.search(org)
    subject = org[: end.start()] if end else org
    names = [subject]
    if _PLURAL_VERB.search(sentence[match.start() : match.start("org")]):
        names = re.split(rf"\s+a\s+(?=[{UPPER}])", subject)
    names = [acronym_led(strip_abbreviation(name.strip())) for name in names]
    if not names or any(
        len(name.split()) > 12
        or not (ORGANISATION_HEAD.match(name) or canonical_organisation(name))
        for name in names
    ):
        return []
    return names


# --- lists of names --------------------------------------------------------------------

# "norská NNO SEIF", "vietnamské akciové společnosti Saparia", "the Norwegian NGO SEIF": a
# description of the organisation before its name, which then stays in the nominative.
DESCRIPTION = re.compile(
    rf"^(?:(?:zástupc\w+|představitel\w+|pracovníc\w+|odborníc\w+) )?(?:[{LOWER}]+ ){{0,3}}"
    r"(?:NNO|NGO|neziskov\w+ organizac\w+|nevládní\w* organizac\w+|organizac\w+|spol(?:ek|ku|kem)"
    r"|sdružení\w*|(?:obecně prospěšn\w+ )?společnost\w*|nadac\w+|firm\w+|nadační\w* fond\w*)"
    rf" (?=[{UPPER}0-9])"
    r"|^(?:the )?(?:[A-Z]\w+ )?(?:NGO|non-profit|non-governmental organi[sz]ation|company"
    r"|association) (?=[A-Z])"
)
# "a jako nový člen Klub …", "and as a new partner the …": a role before a listed name.
_ROLE_BEFORE = re.compile(
    r"^(?:jako |as )?(?:(?:nový|nová|nové|další|new|another|a new) )?"
    r"(?:člen\w*|partner\w*|member)\s+(?=\S)",
    re.I,
)
# "…, kteří tu žijí", "ADRA, která zajišťuje kurzy, a …": a relative clause is no name; it
# ends at the next comma, where the list may go on.
_RELATIVE = re.compile(r",\s*(?:kter\w+|kteř\w+|jež|jenž|jejichž|which|who|whose)\b[^,]*")


# "… a vydává potraviny", "… and provides": a verb after "a"/"and" starts a clause.
_VERB = re.compile(
    r"^(?:\w+(?:uje|ují|ává|ávají|ívá|ívají)|pomáhá|pomáhají|nabízí|pořádá|pořádají|vede|má"
    r"|mají|je|jsou|bude|budou|byl\w*|se|si|provides|offers|runs|helps|is|are|was|were|has"
    r"|have)\b"
)


def without_description(item: str) -> str:
    """A listed name without the description or role written before it."""
    item = _ROLE_BEFORE.sub("", item)
    return DESCRIPTION.sub("", item)


@lru_cache(maxsize=1)
def _protectable() -> dict[str, tuple[tuple[int, str, re.Pattern[str]], ...]]:
    """Known names with "a", "and" or a comma inside (a list splitter would cut them), by
    their first word in lower case, numbered longest first."""
    index: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
    names = (n for n in known_names() if " a " in n or " and " in n or "," in n)
    for i, name in enumerate(names):
        first = re.match(r"\w+", name)
        if first:
            entry = (i, name, re.compile(re.escape(name), re.I))
            index.setdefault(first.group(0).lower(), []).append(entry)
    return {word: tuple(entries) for word, entries in index.items()}


def _protect(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each known name that holds a separator replaced by a token."""
    index = _protectable()
    words = set(re.findall(r"\w+", text.lower()))
    candidates = sorted(entry for word in words & index.keys() for entry in index[word])
    protected: dict[str, str] = {}
    for i, name, pattern in candidates:
        if pattern.search(text):
            token = f"\u0001{i}\u0002"
            text = pattern.sub(token, text)
            protected[token] = name
    return text, protected


# "ZŠ a MŠ Lipová" (základní a mateřská škola) is one school, not two names.
_SCHOOLS = r"(?:ZŠ|MŠ|SŠ|ZUŠ|SOŠ|SOU|VOŠ|SPŠ)"
_SCHOOL_PAIR = re.compile(rf"\b{_SCHOOLS} a {_SCHOOLS}\b")
# "… and our school, X": a possessive description whose name follows after the comma.
_OWN_DESCRIPTION = re.compile(r"^(?:our|my|naš\w*|náš)\b")


def split_names(text: str) -> list[str]:
    """Split an enumeration of organisation names ("A, B a C", "A, B, and the C")."""
    text = _RELATIVE.sub("", text)
    text, protected = _protect(text)
    for i, pair in enumerate(dict.fromkeys(_SCHOOL_PAIR.findall(text))):
        token = f"\u0001s{i}\u0002"
        text = text.replace(pair, token)
        protected[token] = pair
    if ":" in text:
        before, after = text.rsplit(":", 1)
        # "Ministerstvo ... a vybrané kraje: A, B" - the words before the colon name a category.
        before = re.sub(r"(?:\s+a\s+|\s+and\s+|^)[a-zěščřžýáíéůúó][\w ]*$", "", before.strip())
        text = f"{before}, {after}" if before else after
    # The separators are kept: a lowercase part after "a"/"and" continues a name ("… programů
    # a služeb"); after a comma or a semicolon it is a clause ("; jejím cílem je …").
    pieces = re.split(
        r"(,\s*(?:and\s+|a\s+)?|\s+(?:and|a|&)\s+(?:z\s+|ze\s+|s\s+|se\s+)?|;\s*)", text
    )
    items: list[str] = []
    clause = False
    for index in range(0, len(pieces), 2):
        separator = pieces[index - 1] if index else ""
        # "the Lipa Association" is written without the article; "The Mosaic" keeps it.
        part = re.sub(
            r"^(?:(?:the|an?)\s+(?=[^\s(]+\s+[^\s(])|(?:a|z|ze|s|se|odborníci z|experts from)\s+)",
            "",
            pieces[index].strip(),
            flags=re.I,
        ).strip(" .")
        if not part.startswith("příspěvková organizace"):
            part = without_description(part)
        if not part:
            continue
        # "o. p. s", "s.r.o.", "příspěvková organizace Tachov": a legal form after a comma.
        legal_form = re.fullmatch(r"[a-z]\.\s?[a-zú]\.?(?:\s?[a-z]\.?)?", part) or (
            part.startswith("příspěvková organizace")
        )
        if _OWN_DESCRIPTION.match(part) and not clause:
            continue
        if items and (legal_form or part[:1].islower()):
            # "Škoda Auto a personální agentury": after a name's capitalised last word, a
            # lower-case part is another (unnamed) item, not the rest of that name.
            continues = not clause and not re.match(r"[,;]", separator) and not (
                items[-1].split()[-1][:1].isupper() and not legal_form)
            if legal_form or (continues and not _VERB.match(part)):
                joiner = ", " if legal_form else " a "
                items[-1] = f"{items[-1]}{joiner}{part}"
            else:
                clause = True  # the list has ended in a clause
            continue
        if clause:
            break
        items.append(part)
    result = []
    for item in items:
        for token, name in protected.items():
            item = item.replace(token, name)
        result.append(item.strip())
    return result


_WITH = re.compile(
    r",?\s+(?:jointly with|together with|in (?:cooperation|collaboration) with"
    r"|cooperating with|ve spolupráci se?|spolu se?|společně se?)\s+",
    re.I,
)


def listed_names(value: str) -> list[str]:
    """The names of a labelled list, the lead first: "A jointly with B, cooperating with C"
    and "A, B a C" alike."""
    return split_names(_WITH.sub(", ", value))


# --- a line that is a name ---------------------------------------------------------------

# A legal form right after a name (", z. s.") and one ending a line.
LEGAL_FORM_AFTER = re.compile(r"^,?\s*(?:z\.\s?s\.|o\.\s?p\.\s?s\.|z\.\s?ú\.|o\.\s?s\.)")
ENDS_LEGAL_FORM = re.compile(r",?\s(?:z\.\s?s|o\.\s?p\.\s?s|z\.\s?ú|o\.\s?s)\.?$")
# Short words inside names that initials and capitalisation skip.
CONNECTORS = frozenset(
    {"a", "se", "v", "ve", "pro", "na", "nad", "pod", "z", "ze", "of", "and", "for", "the", "in"}
)


def names_only_an_organisation(line: str) -> bool:
    """A line that is an organisation's name and nothing else: a known name, a name with its
    legal form, or a head noun with capitalised words ("Spolek Kvítek"), not a headline
    ("Centrum pro cizince otevřelo pobočku")."""
    words = line.split()
    if not words or len(words) > 8:
        return False
    if canonical_organisation(line) or ENDS_LEGAL_FORM.search(line):
        return True
    head = ORGANISATION_HEAD.match(line)
    if not head:
        return False
    # "Diecézní charita Plzeň", "Místní akční skupina Podbrdsko": a word or two of the
    # head in lower case, then the name's capitalised words to the end.
    rest = [w for w in line[head.end() :].split() if w not in CONNECTORS]
    lower = 0
    while lower < len(rest) and not rest[lower][:1].isupper():
        lower += 1
    return lower <= 2 and lower < len(rest) and all(w[:1].isupper() for w in rest[lower:])
