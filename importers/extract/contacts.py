"""The implementer's public contacts in a document: web address, e-mail, phone and IČO.

A contact belongs to the implementer when the line or short block it stands in names the
implementer, when its domain is the implementer's own, or when the page is the implementer's
own site and the contact sits in the page's contact block. A person's mailbox or phone (in a
paragraph about a person, or named like one) is personal data, not the organisation's, and is
left out.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from importers.extract.fields import as_label, classify_label
from importers.extract.finding import Finding
from importers.extract.names import (
    canonical_organisation,
    is_person,
    organisation_aliases,
    without_legal_form,
)
from importers.extract.site_owner import compact, host_labels, site_owner, towns_by_host
from importers.extract.text import clean, lines

# The record keys, "implementer_<contact>", in the order of the organisation's fields.
CONTACTS = ("website", "email", "phone", "ico")

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?:[\w-]+\.)+[a-z]{2,}\b", re.I)
URL = re.compile(r"(?<![\w.-])(?:https?://|www\.)[\w.-]+\.[a-z]{2,}(?::\d+)?"
                 r"(?:/[^\s,;()<>\"']*)?", re.I)
# +420 123 456 789, 00420 123456789, 123 456 789, 12 345 67 89 (a PDF's grouping).
PHONE = re.compile(r"(?<![\w+/.-])(?:(?:\+|00)\s?420[\s.-]?)?"
                   r"(?:\d{3}[\s.-]?\d{3}[\s.-]?\d{3}|\d{2}[\s.-]\d{3}[\s.-]\d{2}[\s.-]\d{2})"
                   r"(?![\w/.-]*\d)")
_PHONE_LABEL = re.compile(r"\b(?:tel|telefon\w*|phone|mobil\w*|mob|gsm|fax)\b\.?|☎|📞", re.I)
_FAX = re.compile(r"\bfax\b\.?\s*:?\s*$", re.I)
# "IČ: 12345678", "IČO 123 45 678", "Company ID No.: 12345678"; not "DIČ" (the VAT number).
ICO = re.compile(r"(?<![\w])(?:IČO?|ICO|IČ\s?O|Company\s+ID(?:\s+No)?|Reg(?:istration)?\.?\s+"
                 r"No\.?\s+of\s+the\s+company|ID\s+No)\.?\s*:?\s*"
                 r"(?P<number>\d(?:\s?\d){7})(?!\d)")
# A heading that opens the page's contact block ("Kontakt", "Kontakty", "Contact us").
_CONTACT_HEADING = re.compile(r"^(?:kontakt\w*|contact(?:s| us)?|napište nám|write to us"
                              r"|kde nás najdete|where to find us|adresa|address)\s*:?$", re.I)
# A line about a person: a contact person's label or an academic title.
_PERSON_LINE = re.compile(
    r"\b(?:kontaktní osoba|contact person|koordinátor\w*|coordinator|manažer\w*|manager"
    r"|vedoucí|ředitel\w*|director|garant\w*|odpovědná osoba|zástupce)\b"
    r"|\b(?:Mgr|Bc|Ing|PhDr|JUDr|MUDr|RNDr|PaedDr|Dr|doc|prof)\.", re.I)
# Mailboxes of an office, not a person ("info@", "kancelar@", "poradna@").
_OFFICE_MAILBOX = re.compile(r"^(?:info|office|kancelar|sekretariat|podatelna|posta|mail"
                             r"|kontakt|contact|poradna|centrum|recepce|admin|projekt\w*"
                             r"|integrace|help|pomoc|hello|ahoj)\b", re.I)
# Lines that name others' organisations: their contacts are theirs.
_OTHERS = ("partners", "funders")
_BLOCK = 3  # lines either side of a contact that count as its block
# How the name of a town's own authority begins, as a web address writes it.
_MUNICIPAL = ("mesto", "statutarnimesto", "obec", "mestys", "magistrat", "city", "town",
              "municipality")


def find_contacts(text: str, implementer: str | None, source_url: str | None
                  ) -> dict[str, Finding]:
    """The implementer's contacts found in ``text``, by contact name (CONTACTS); each with
    the line it was found in as evidence. Nothing when there is no implementer."""
    if not implementer or not text:
        return {}
    all_lines = lines(text)
    names = _names(implementer)
    own_site = _own_site(source_url, implementer, text)
    owner = own_site is not None
    source_line = _source_line(all_lines, source_url)
    block = _contact_block(all_lines)
    # Each line as a web address would write it, to find the implementer's names in.
    compacted = [compact(line) for line in all_lines]
    paragraphs = _paragraphs(all_lines)
    found: dict[str, Finding] = {}
    for index, line in enumerate(all_lines):
        labelled = as_label(line)
        if not line or index == source_line or labelled and classify_label(
                labelled[0]) in _OTHERS:
            continue
        same_line = _names_in([compacted[index]], names)
        near = same_line or _names_in(compacted[max(0, index - _BLOCK):index + _BLOCK + 1],
                                      names) or owner and index in block
        for name, value, confidence in _candidates(line, paragraphs[index], names, near):
            # A contact on the line that names the implementer beats one nearby.
            confidence = min(0.95, confidence + 0.05) if same_line else confidence
            if name not in found or found[name].confidence < confidence:
                found[name] = Finding(value, line, confidence)
    if "website" not in found and own_site:
        found["website"] = Finding(own_site, all_lines[source_line] if source_line is not None
                                   else source_url, 0.7)
    return found


def _candidates(line: str, paragraph: str, names: set[str], near: bool
                ) -> list[tuple[str, str, float]]:
    """(contact, value, confidence) of each contact in ``line`` that is the implementer's;
    ``paragraph`` is the text around it, which may name the person a contact is for."""
    found: list[tuple[str, str, float]] = []
    # A paragraph about a person ("Mgr. Jana Nová, koordinátorka"): its phone and named
    # mailbox are that person's, personal data, never the organisation's.
    personal = bool(_PERSON_LINE.search(paragraph))
    for match in EMAIL.finditer(line):
        address = match.group(0).rstrip(".").lower()
        local, _, domain = address.partition("@")
        if personal and not _OFFICE_MAILBOX.match(local) or _personal_mailbox(local, paragraph):
            continue
        if _domain_matches(domain, names):
            found.append(("email", address, 0.85))
        elif near:
            found.append(("email", address, 0.7))
    for match in URL.finditer(line):
        home = _home(match.group(0))
        if not home:
            continue
        if _is_other_site(line, match.start()):
            continue
        if _domain_matches(urlsplit(home).hostname or "", names):
            found.append(("website", home, 0.85))
        elif near:
            found.append(("website", home, 0.65))
    if near and not personal:
        for match in PHONE.finditer(line):
            before = line[:match.start()]
            if _is_phone(line, match) and not _FAX.search(before):
                found.append(("phone", normalise_phone(match.group(0)), 0.75))
    if near:
        for match in ICO.finditer(line):
            number = re.sub(r"\s", "", match.group("number"))
            if valid_ico(number):
                found.append(("ico", number, 0.9))
    return found


def mapped_contacts(mapped: dict[str, str]) -> dict[str, Finding]:
    """The contacts a bulk file's columns give (keyed by CONTACTS names), once checked: an
    IČO passes its check digit (a spreadsheet's lost leading zeros put back), an e-mail
    reads as one, a Czech phone number is written the usual way."""
    found: dict[str, Finding] = {}
    for contact in CONTACTS:
        value = clean(mapped.get(contact) or "")
        if contact == "ico":
            value = re.sub(r"\s", "", value).zfill(8) if value.replace(" ", "").isdigit() else ""
            value = value if valid_ico(value) else ""
        elif contact == "email":
            # A row's "E-mail" is often its contact person's: a person's mailbox is never
            # the organisation's public address.
            others = " ".join(text for name, text in mapped.items() if name != "email")
            personal = _personal_mailbox(value.partition("@")[0], others)
            value = value.lower() if EMAIL.fullmatch(value) and not personal else ""
        elif contact == "phone" and PHONE.fullmatch(value):
            value = normalise_phone(value)
        elif contact == "website" and value:
            value = value if re.match(r"https?://", value, re.I) else f"https://{value}"
        if value:
            found[contact] = Finding(value, f"{contact}: {mapped[contact]}", 0.95)
    return found


def valid_ico(number: str) -> bool:
    """Whether ``number`` is an IČO whose last digit is its mod-11 check digit."""
    if not re.fullmatch(r"\d{8}", number):
        return False
    weights = range(8, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(number[:7], weights, strict=True))
    return int(number[7]) == (11 - total % 11) % 10


def normalise_phone(raw: str) -> str:
    """A Czech number as "+420 123 456 789"."""
    digits = re.sub(r"\D", "", raw)
    digits = digits.removeprefix("00").removeprefix("420") if len(digits) > 9 else digits
    return f"+420 {digits[:3]} {digits[3:6]} {digits[6:]}"


def _home(url: str) -> str | None:
    """The home page of the site ``url`` is on ("https://www.inbaze.cz/")."""
    if not re.match(r"https?://", url, re.I):
        url = f"https://{url}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if "." not in host:
        return None
    return f"{parts.scheme.lower()}://{host}/"


def _names(implementer: str) -> set[str]:
    """The implementer's names as a web address writes them: its own, without the legal
    form, its initials, and its names in the directory of known organisations."""
    spellings = {implementer, without_legal_form(implementer)}
    canonical = canonical_organisation(implementer)
    if canonical:
        spellings |= {name for c, aliases in organisation_aliases() if c == canonical
                      for name in (c, *aliases)}
    found = {compact(name) for name in spellings}
    for name in spellings:
        words = re.findall(r"[^\W\d_]+", without_legal_form(name))
        initials = "".join(word[0] for word in words if word[0].isupper())
        if len(initials) >= 3:
            found.add(compact(initials))
    return {name for name in found if len(name) >= 3}


def _domain_matches(host: str, names: set[str]) -> bool:
    """Whether a host's label spells one of the implementer's ``names``."""
    return any(_label_matches(label, names) for label in host_labels(f"https://{host}"))


def _label_matches(label: str, names: set[str]) -> bool:
    """Whether a host label spells one of ``names``, or a part of one; a town's name is
    only the town's own ("ostrava.cz" for "Statutární město Ostrava", not for "Charita
    Ostrava")."""
    key = compact(label)
    if len(key) < 3 or key in names:
        return len(key) >= 3
    if len(key) < 5:
        return False
    if key in towns_by_host():
        return any(name.endswith(key) and name.startswith(_MUNICIPAL) for name in names)
    return any(key in name for name in names)


def _own_site(url: str | None, implementer: str, text: str) -> str | None:
    """The home page of the implementer's own site when ``url`` is on it: the host from the
    label that spells the implementer ("https://charita.cz/" for "proukrajinu.charita.cz")."""
    home = _home(url) if url else None
    if not home:
        return None
    scheme, host = home.split("://")[0], urlsplit(home).hostname or ""
    parts = host.split(".")
    names = _names(implementer)
    for index in range(len(parts) - 1):
        label = parts[index]
        owner = site_owner(f"https://{label}.{parts[-1]}", text)
        if _label_matches(label, names) or (owner and _names(owner) & names):
            start = index - 1 if index == 1 and parts[0] == "www" else index
            return f"{scheme}://{'.'.join(parts[start:])}/"
    return None


def _names_in(block: list[str], names: set[str]) -> bool:
    """Whether a compacted line of ``block`` holds one of the implementer's names."""
    return any(name in line for line in block for name in names if len(name) >= 4)


def _personal_mailbox(local: str, paragraph: str) -> bool:
    """A mailbox named after a person: after a capitalised word of the paragraph ("allen@"
    beside "Allen"), or a given name and a surname ("jana.nova@", "nova.jana@")."""
    words = {compact(word) for word in re.findall(r"\b[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^\W\d_]+", paragraph)}
    parts = [part for part in re.split(r"[._-]", local) if len(part) >= 3]
    if {compact(part) for part in parts} & words:
        return True
    return len(parts) == 2 and all(part.isalpha() for part in parts) and any(
        is_person(f"{first.capitalize()} {last.capitalize()}")
        for first, last in (parts, parts[::-1]))


def _is_other_site(line: str, start: int) -> bool:
    """An address the line credits to someone else ("Zdroj:", "foto:", "via") or gives as
    the project's own site ("Project website:", "Web projektu:"), not the organisation's."""
    before = line[:start]
    return bool(re.search(r"(?:zdroj|source|foto|photo|via|převzato|more at)\W*$", before, re.I)
                or re.search(r"\bproje[ck]t\w*\b.{0,20}\b(?:web|site|stránk)|\b(?:web\w*|site"
                             r"|stránk\w*)\s+(?:of the\s+)?proje[ck]t", before, re.I))


def _paragraphs(all_lines: list[str]) -> list[str]:
    """Per line, the text of the paragraph it stands in: the lines between blank lines, where
    a line labelled as a field of its own ("Realizátor:", "Kontaktní osoba:") also begins one."""
    found: list[str] = []
    start = 0
    for index in range(len(all_lines) + 1):
        if index < len(all_lines) and all_lines[index] and not _starts_a_field(all_lines[index]):
            continue
        found.extend(["\n".join(all_lines[start:index])] * (index - start))
        start = index
    return found


def _starts_a_field(line: str) -> bool:
    labelled = as_label(line)
    if labelled is None:
        return False
    return classify_label(labelled[0]) is not None or bool(_PERSON_LINE.search(labelled[0]))


def _source_line(all_lines: list[str], source_url: str | None) -> int | None:
    """The index of the line that names the page's own address ("Zdroj: https://…")."""
    for index, line in enumerate(all_lines[:5]):
        if source_url and source_url in line or re.match(r"(?:zdroj|source)\s*:", line, re.I):
            return index
    return None


def _contact_block(all_lines: list[str]) -> set[int]:
    """The indexes of the lines under a "Kontakt" heading, to the next blank pair of lines."""
    block: set[int] = set()
    for index, line in enumerate(all_lines):
        if not _CONTACT_HEADING.match(clean(line)):
            continue
        end = index + 1
        blanks = 0
        while end < len(all_lines) and end - index <= 12 and blanks < 2:
            blanks = blanks + 1 if not all_lines[end] else 0
            block.add(end)
            end += 1
    return block


_LEFTOVER_LABEL = re.compile(r"(?:[,;(|–—-]\s*)?\b(?:tel|telefon|phone|mobil|mob|fax|e-?mail"
                             r"|web|www|IČO?|DIČ|VAT)\b\.?\s*:?\s*(?=[,;)|]|$)", re.I)


def without_contacts(value: str) -> str:
    """``value`` (a labelled field's value, line by line) without the web addresses,
    e-mails, phone numbers and IČO in it, so that no name finder reads them as a name;
    a line that named a person beside an e-mail is dropped whole."""
    kept = []
    for line in value.split("\n"):
        had_email = bool(EMAIL.search(line))
        line = ICO.sub("", line)
        line = EMAIL.sub("", line)
        line = URL.sub("", line)
        line = _without_phones(line)
        while (tidied := _LEFTOVER_LABEL.sub("", line)) != line:
            line = tidied
        line = re.sub(r"\s*([,;])(?:\s*[,;])+", r"\1", line)
        line = re.sub(r"\(\s*[,;]?\s*\)", "", line).strip(" ,;:|/–—-")
        if had_email and line and is_person(line):
            line = ""
        kept.append(line)
    return "\n".join(kept).strip("\n") if any(kept) else ""


def _without_phones(line: str) -> str:
    return PHONE.sub(lambda match: "" if _is_phone(line, match) else match.group(0), line)


def _is_phone(line: str, match: re.Match[str]) -> bool:
    """A phone number by its +420 prefix or a phone label just before it."""
    before = line[:match.start()]
    return match.group(0).lstrip().startswith(("+", "00")) or bool(
        _PHONE_LABEL.search(before[-20:]))
