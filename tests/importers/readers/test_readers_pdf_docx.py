"""PDF and Word reading: paragraphs, Czech letters, fields and damaged files."""
from __future__ import annotations

import io
from pathlib import Path

import docx
from pypdf import PdfReader, PdfWriter

from importers.document import Document, ReadError
from importers.readers import read_bytes, read_path

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "kurzy_plzen.pdf"
DOCX = FIXTURES / "tlumoceni_brno.docx"


def read_one(path, **options) -> Document | ReadError:
    results = list(read_path(path, **options))
    assert len(results) == 1, results
    return results[0]


def test_pdf_keeps_paragraphs_and_czech_letters():
    doc = read_one(PDF)
    assert isinstance(doc, Document)
    assert doc.media_type == "application/pdf"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Čeština pro Ukrajince v Plzni"
    assert paragraphs[1] == (
        "Realizátor: Spolek Most pro Plzeň, z. s.\n"
        "Poskytovatel: Ministerstvo vnitra ČR\n"
        "Celkové náklady: 1 250 000 Kč"
    )
    assert paragraphs[2].startswith("Projekt nabízí intenzivní kurzy češtiny pro dospělé")
    assert paragraphs[3] == (
        "Účastníci získají certifikát o dosažené úrovni A2 a pomoc při hledání práce."
    )
    assert len(paragraphs) == 4
    assert doc.raw == PDF.read_bytes()


def test_pdf_fields_and_title():
    doc = read_one(PDF)
    assert doc.fields == [
        ("Realizátor", "Spolek Most pro Plzeň, z. s."),
        ("Poskytovatel", "Ministerstvo vnitra ČR"),
        ("Celkové náklady", "1 250 000 Kč"),
    ]
    assert doc.title_hint == "Čeština pro Ukrajince v Plzni"


def test_truncated_pdf_is_a_read_error():
    path = FIXTURES / "kurzy_plzen_truncated.pdf"
    result = read_one(path)
    assert isinstance(result, ReadError)
    assert str(result).startswith(f"{path}: not a readable PDF (")


def test_pdf_with_damaged_body_is_a_read_error():
    data = PDF.read_bytes()
    # Keep header and trailer, wipe everything between: the end marker is there,
    # the objects are not.
    damaged = data[:20] + b"\x00" * (len(data) - 1000) + data[-980:]
    (result,) = read_bytes(damaged, "poskozeny.pdf")
    assert isinstance(result, ReadError)
    assert result.source == "poskozeny.pdf"
    assert result.problem == "not a readable PDF (PdfReadError: Cannot find Root object in pdf)"


def test_pdf_without_text_is_a_read_error():
    path = FIXTURES / "sken.pdf"
    result = read_one(path)
    assert isinstance(result, ReadError)
    assert str(result) == f"{path}: PDF has no extractable text (scanned images only?)"


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(PDF))
    writer.encrypt(user_password=user_password, owner_password="vlastnik", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_without_password_is_a_read_error():
    (result,) = read_bytes(_encrypted("tajne"), "zamceny.pdf")
    assert isinstance(result, ReadError)
    assert str(result) == "zamceny.pdf: PDF is encrypted and needs a password"


def test_pdf_encrypted_with_an_empty_user_password_still_reads():
    (doc,) = read_bytes(_encrypted(""), "jen_vlastnik.pdf")
    assert isinstance(doc, Document)
    assert doc.text.startswith("Čeština pro Ukrajince v Plzni\n\n")


def test_docx_blocks_lists_and_tables():
    doc = read_one(DOCX)
    assert isinstance(doc, Document)
    assert doc.text == (
        "Tlumočnická služba města Brna\n\n"
        "Město Brno provozuje bezplatnou tlumočnickou službu pro cizince, kteří jednají "
        "s úřady, školami a zdravotnickými zařízeními.\n\n"
        "Realizátor: Statutární město Brno, odbor sociální péče\n\n"
        "Aktivity\n\n"
        "- tlumočení na úřadech\n"
        "- překlady školních dokumentů\n"
        "- asistence u lékaře\n\n"
        "Poskytovatel: Ministerstvo vnitra ČR\n"
        "Výše dotace: 780 000 Kč\n"
        "Doba realizace: 2024–2025\n\n"
        "Kontakt: tlumoceni@example.cz"
    )
    assert doc.fields == [
        ("Realizátor", "Statutární město Brno, odbor sociální péče"),
        ("Poskytovatel", "Ministerstvo vnitra ČR"),
        ("Výše dotace", "780 000 Kč"),
        ("Doba realizace", "2024–2025"),
        ("Kontakt", "tlumoceni@example.cz"),
    ]
    assert doc.title_hint == "Tlumočnická služba města Brna"
    assert doc.raw == DOCX.read_bytes()


def test_docx_wide_table_rows_are_joined_not_fields(tmp_path):
    document = docx.Document()
    document.add_paragraph("Harmonogram kurzů v Plzni")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Kurz", "Úroveň", "Termín"), strict=True):
        cell.text = text
    path = tmp_path / "harmonogram.docx"
    document.save(path)
    doc = read_one(path)
    assert doc.text == "Harmonogram kurzů v Plzni\n\nKurz | Úroveň | Termín"
    assert doc.fields == []


def test_corrupt_docx_is_a_read_error(tmp_path):
    path = tmp_path / "rozbity.docx"
    path.write_bytes(DOCX.read_bytes()[:3000])
    result = read_one(path)
    assert isinstance(result, ReadError)
    assert str(result).startswith(f"{path}: not a readable Word document (")


def test_pdf_named_txt_is_still_read_as_pdf(tmp_path):
    path = tmp_path / "priloha.txt"
    path.write_bytes(PDF.read_bytes())
    assert read_one(path).media_type == "application/pdf"
