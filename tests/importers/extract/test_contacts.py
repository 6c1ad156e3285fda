"""The implementer's contacts: found with evidence, never read as names, tried on the devset."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from importers.document import Document
from importers.extract import extract
from importers.extract.contacts import (
    CONTACTS,
    find_contacts,
    normalise_phone,
    valid_ico,
    without_contacts,
)
from importers.readers import read_path
from tests.conftest import SHARED

DEVSET = SHARED / "devset"

PAGE = """Zdroj: https://www.poradna-most.cz/projekty/kurzy
Kurzy češtiny pro cizince

Realizátor: Poradna Most, z. s., IČO: 25 79 58 56, www.poradna-most.cz, info@poradna-most.cz, \
tel. 777 123 456
Partneři: Spolek Lípa, IČ 69978158, lipa@spoleklipa.cz; Město Kolín, +420 321 748 111
Období realizace: 1. 1. 2022 – 31. 12. 2022
Kontaktní osoba: Mgr. Jana Nová, nova@poradna-most.cz, 603 111 222
"""


def test_the_implementers_contacts_come_with_their_evidence():
    record = extract(Document("page.txt", "text/plain", PAGE))
    assert record["implementer"] == "Poradna Most, z. s."
    assert record["implementer_website"] == "https://www.poradna-most.cz/"
    assert record["implementer_email"] == "info@poradna-most.cz"
    assert record["implementer_phone"] == "+420 777 123 456"
    assert record["implementer_ico"] == "25795856"
    for contact in CONTACTS:
        assert record["evidence"][f"implementer_{contact}"].startswith("Realizátor: Poradna Most")
        assert record["confidence"][f"implementer_{contact}"] > 0.6


def test_contacts_never_become_names_or_partners():
    record = extract(Document("page.txt", "text/plain", PAGE))
    assert sorted(record["partners"]) == ["Město Kolín", "Spolek Lípa"]
    names = [record["implementer"], *record["partners"]]
    for name in names:
        assert not re.search(r"@|www\.|\d{3}|IČ", name), name


def test_a_partners_contacts_and_a_persons_mailbox_are_not_the_implementers():
    record = extract(Document("page.txt", "text/plain", PAGE))
    assert record["implementer_ico"] != "69978158"
    assert "nova@" not in (record["implementer_email"] or "")
    alone = "Realizátor: Poradna Most, z. s.\nKoordinátorka: Mgr. Jana Nová, nova@poradna-most.cz"
    assert "email" not in find_contacts(alone, "Poradna Most, z. s.", None)


def test_a_contact_block_on_the_organisations_own_site_counts():
    text = ("Projekt Čeština v Kolíně\nPoradna Most pořádá kurzy.\n\n\n\n\n\n\n\nKontakt\n"
            "Dlouhá 12, Praha 1\nIČ: 45272018\nTelefon: 605 222 333\nposta@seznam.cz\n")
    found = find_contacts(text, "Poradna Most", "https://poradna-most.cz/kurzy")
    assert found["ico"].value == "45272018" and found["ico"].evidence == "IČ: 45272018"
    assert found["phone"].value == "+420 605 222 333"
    assert found["email"].value == "posta@seznam.cz"
    assert found["website"].value == "https://poradna-most.cz/"


def test_an_ico_with_a_wrong_check_digit_is_no_ico():
    assert valid_ico("25795856") and valid_ico("00064581")
    assert not valid_ico("25795851") and not valid_ico("1234567")
    text = "Realizátor: Poradna Most, IČO 25795851"
    assert "ico" not in find_contacts(text, "Poradna Most", None)


@pytest.mark.parametrize("raw", ["+420 777 123 456", "00420777123456", "777123456",
                                 "77 712 34 56", "+420777 123 456"])
def test_phone_numbers_are_written_one_way(raw):
    assert normalise_phone(raw) == "+420 777 123 456"


def test_numbers_without_a_phone_label_are_not_phones():
    text = "Realizátor: Poradna Most; rozpočet 250 000 000 Kč, číslo 123 456 789"
    assert "phone" not in find_contacts(text, "Poradna Most", None)


def test_the_site_of_the_implementer_is_its_website_from_the_label_that_names_it():
    text = "Charita Česká republika pomáhá"
    found = find_contacts(text, "Charita Česká republika",
                          "https://pomoc.charita.cz/o-projektu/")
    assert found["website"].value == "https://charita.cz/"
    assert find_contacts(text, "Charita Česká republika", "https://denik.cz/x") == {}


def test_without_contacts_leaves_the_name():
    assert without_contacts("Poradna X, z. s., IČO: 25795856, www.x.cz, tel.: +420 777 123 456"
                            ) == "Poradna X, z. s."
    assert without_contacts("Mgr. Jana Nová, nova@x.cz") == ""
    assert without_contacts("Spolek A\nSpolek B, info@b.cz") == "Spolek A\nSpolek B"


def _devset():
    for path in sorted(DEVSET.glob("d*")):
        if path.suffix not in (".json", ".md"):
            yield path, json.loads(path.with_suffix(".json").read_text("utf-8"))


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not beside this clone")
def test_devset_contacts_are_the_implementers_and_never_names():
    with_contact = 0
    for path, gold in _devset():
        document = next(iter(read_path(path)))
        record = extract(document)
        found = {contact: record[f"implementer_{contact}"] for contact in CONTACTS
                 if record[f"implementer_{contact}"]}
        if not gold["implementer"]:
            assert not found, path.name  # no implementer, nobody's contacts
            continue
        with_contact += bool(found)
        page_host = urlsplit(record["source_url"] or document.url_hint or "").hostname or ""
        for contact, value in found.items():
            assert record["evidence"][f"implementer_{contact}"], (path.name, contact)
            if contact == "website":
                # The implementer's own site: the page is on it, or the text names it.
                host = urlsplit(value).hostname
                assert page_host.endswith(host) or host in document.text, (path.name, value)
            if contact == "ico":
                assert valid_ico(value)
        for name in [record["implementer"] or "", *record["partners"]]:
            assert not re.search(r"@|https?://|www\.|\bIČO?\b", name), (path.name, name)
    # Measured at 15 of the 33 pages that name an implementer (each checked by hand).
    assert with_contact >= 15


def test_a_bulk_rows_contact_columns_are_checked_and_win():
    row = Document("rows.csv#2", "text/csv", "", mapped={
        "title": "Kurzy češtiny", "implementer": "Obec Dolní Lhota", "ico": "64581",
        "email": "Podatelna@Dolni-Lhota.cz", "phone": "777123456", "website": "dolni-lhota.cz"})
    record = extract(row)
    assert record["implementer_ico"] == "00064581"  # the leading zeros a spreadsheet lost
    assert record["implementer_email"] == "podatelna@dolni-lhota.cz"
    assert record["implementer_phone"] == "+420 777 123 456"
    assert record["implementer_website"] == "https://dolni-lhota.cz"
    assert record["evidence"]["implementer_ico"] == "ico: 64581"
    wrong = extract(Document("rows.csv#3", "text/csv", "", mapped={
        "title": "Kurzy", "implementer": "Obec", "ico": "12345678", "email": "nikdo"}))
    assert wrong["implementer_ico"] is None and wrong["implementer_email"] is None
    # A row's e-mail that is its contact person's mailbox is not the organisation's.
    person = extract(Document("rows.csv#4", "text/csv", "", mapped={
        "title": "Kurzy", "implementer": "Poradna Most", "email": "jana.novakova@poradna.cz"}))
    assert person["implementer_email"] is None


def test_a_persons_paragraph_gives_no_phone_and_no_named_mailbox():
    text = ("Realizátor: Poradna Most, z. s.\n\nKontakt:\nIvana Malá (koordinátorka)\n"
            "Poradna Most, Dlouhá 12, Praha\ntel.: 605 444 555\ne-mail: mala@poradna-most.cz\n")
    found = find_contacts(text, "Poradna Most, z. s.", None)
    assert "phone" not in found and "email" not in found
    alone = "Poradna Most, z. s.\nE-mail: petra.kralova@poradna-most.cz, info@poradna-most.cz"
    assert find_contacts(alone, "Poradna Most, z. s.", None)["email"].value == \
        "info@poradna-most.cz"


def test_a_projects_own_site_is_not_the_organisations():
    text = "Realizátor: Poradna Most, z. s.\nWeb projektu: www.cestina-kolin.cz"
    assert "website" not in find_contacts(text, "Poradna Most, z. s.", None)


def test_a_towns_address_is_only_the_towns_own():
    assert find_contacts("Statutární město Ostrava", "Statutární město Ostrava",
                         "https://ostrava.cz/cizinci")["website"].value == "https://ostrava.cz/"
    assert find_contacts("Charita Ostrava pomáhá", "Charita Ostrava",
                         "https://ostrava.cz/cizinci") == {}
