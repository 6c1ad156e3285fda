"""read_path on folders and bad files: order, hidden files, limits and errors that never raise."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import importers.readers as readers
from importers.document import Document, ReadError
from importers.readers import read_bytes, read_path

FIXTURES = Path(__file__).parent / "fixtures"


def copy_fixture(name: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / name, target)
    return target


@pytest.fixture
def project_folder(tmp_path: Path) -> Path:
    root = tmp_path / "podklady"
    copy_fixture("amif_centrum_bom.txt", root / "b_centrum.txt")
    copy_fixture("projekty_cp1250.csv", root / "a_projekty.csv")
    copy_fixture("kurzy_plzen_truncated.pdf", root / "c_kurzy.pdf")
    copy_fixture("kurzy_plzen.pdf", root / "d_plzen" / "kurzy.pdf")
    copy_fixture("tlumoceni_brno.docx", root / "d_plzen" / "a_brno.docx")
    (root / "e_poznamky.xyz").write_text("Poznámky k projektu", encoding="utf-8")
    (root / ".skryty.txt").write_text("Skrytý soubor", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main")
    copy_fixture("integracni_centrum.html", root / "f_centrum.html")
    return root


def summary(results) -> list[tuple[str, str]]:
    return [(type(r).__name__, r.source) for r in results]


def test_folder_walk_is_sorted_recursive_and_continues_after_errors(project_folder):
    root = str(project_folder)
    results = list(read_path(root))
    assert summary(results) == [
        ("Document", f"{root}/a_projekty.csv#row-1"),
        ("Document", f"{root}/a_projekty.csv#row-3"),
        ("Document", f"{root}/b_centrum.txt"),
        ("ReadError", f"{root}/c_kurzy.pdf"),
        ("Document", f"{root}/d_plzen/a_brno.docx"),
        ("Document", f"{root}/d_plzen/kurzy.pdf"),
        ("ReadError", f"{root}/e_poznamky.xyz"),
        ("Document", f"{root}/f_centrum.html"),
    ]
    assert str(results[6]) == f"{root}/e_poznamky.xyz: unsupported file type .xyz"
    assert results[3].problem.startswith("not a readable PDF (")


def test_folder_walk_accepts_a_path_object(project_folder):
    sources = [r.source for r in read_path(project_folder / "d_plzen")]
    assert sources == [
        str(project_folder / "d_plzen" / "a_brno.docx"),
        str(project_folder / "d_plzen" / "kurzy.pdf"),
    ]


def test_empty_file_is_an_error():
    path = FIXTURES / "empty.txt"
    (error,) = read_path(path)
    assert str(error) == f"{path}: empty file"


def test_binary_garbage_is_an_error():
    path = FIXTURES / "garbage.txt"
    (error,) = read_path(path)
    assert isinstance(error, ReadError)
    assert str(error) == f"{path}: binary data, not text or a known document format"


def test_binary_garbage_with_unknown_extension_is_unsupported(tmp_path):
    path = copy_fixture("garbage.txt", tmp_path / "data.bin")
    (error,) = read_path(path)
    assert str(error) == f"{path}: unsupported file type .bin"


def test_file_over_max_bytes_is_an_error(tmp_path):
    path = tmp_path / "dlouhy.txt"
    path.write_bytes(b"Projekt pro cizince. " * 587 + b"Konec")  # 12,332 bytes
    (error,) = read_path(path, max_bytes=5_000)
    assert str(error) == f"{path}: file is 12.3 kB, over the 5 kB limit"
    (doc,) = read_path(path, max_bytes=12_332)
    assert isinstance(doc, Document)


def test_size_message_in_megabytes(tmp_path):
    path = tmp_path / "velky.txt"
    with path.open("wb") as handle:
        handle.truncate(25_300_000)  # sparse: no real 25 MB written
    (error,) = read_path(path)
    assert error.problem == "file is 25.3 MB, over the 20 MB limit"


def test_missing_path_is_an_error(tmp_path):
    missing = tmp_path / "neexistuje.pdf"
    (error,) = read_path(missing)
    assert str(error) == f"{missing}: no such file or folder"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their mode; the monkeypatched test covers this case",
)
def test_unreadable_folder_with_chmod(tmp_path):
    locked = tmp_path / "b_zamceno"
    locked.mkdir()
    (locked / "projekt.txt").write_text("Realizátor: Město Cheb", encoding="utf-8")
    (tmp_path / "c_projekt.txt").write_text("Realizátor: Město Most", encoding="utf-8")
    locked.chmod(0)
    try:
        results = list(read_path(tmp_path))
    finally:
        locked.chmod(0o755)
    assert summary(results) == [
        ("ReadError", str(locked)),
        ("Document", str(tmp_path / "c_projekt.txt")),
    ]
    assert results[0].problem == "permission denied"


def test_unreadable_folder_is_an_error_and_the_walk_goes_on(tmp_path, monkeypatch):
    locked = tmp_path / "b_zamceno"
    locked.mkdir()
    (locked / "projekt.txt").write_text("Realizátor: Město Cheb", encoding="utf-8")
    (tmp_path / "a_projekt.txt").write_text("Realizátor: Město Louny", encoding="utf-8")
    (tmp_path / "c_projekt.txt").write_text("Realizátor: Město Most", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(readers.os, "scandir", scandir)
    results = list(read_path(tmp_path))
    assert summary(results) == [
        ("Document", str(tmp_path / "a_projekt.txt")),
        ("ReadError", str(locked)),
        ("Document", str(tmp_path / "c_projekt.txt")),
    ]
    assert str(results[1]) == f"{locked}: permission denied"


def test_unreadable_file_is_an_error_and_the_walk_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a_zamceny.txt").write_text("Realizátor: Město Cheb", encoding="utf-8")
    (tmp_path / "b_projekt.txt").write_text("Realizátor: Město Most", encoding="utf-8")
    real_open = open

    def fake_open(file, *args, **kwargs):
        if str(file).endswith("a_zamceny.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    results = list(read_path(tmp_path))
    assert [str(r) if isinstance(r, ReadError) else r.fields for r in results] == [
        f"{tmp_path / 'a_zamceny.txt'}: permission denied",
        [("Realizátor", "Město Most")],
    ]


def test_reader_bug_becomes_a_read_error(monkeypatch):
    def broken(source, data):
        raise RuntimeError("boom")

    monkeypatch.setitem(readers._WHOLE_FILE, "text", broken)
    (error,) = read_bytes("Realizátor: Město Most".encode(), "projekt.txt")
    assert str(error) == "projekt.txt: unexpected error while reading (RuntimeError: boom)"


def test_whole_file_documents_carry_their_bytes(project_folder):
    path = project_folder / "b_centrum.txt"
    (doc,) = read_path(path)
    assert isinstance(doc, Document)
    assert doc.raw == path.read_bytes()


def test_html_without_extension_is_sniffed(tmp_path):
    path = tmp_path / "stazena_stranka"
    path.write_text("<html><body><h1>Kurzy v Táboře</h1></body></html>", encoding="utf-8")
    (doc,) = read_path(path)
    assert doc.media_type == "text/html"
    assert doc.title_hint == "Kurzy v Táboře"
    text_path = tmp_path / "poznamky"
    text_path.write_text("Jen poznámky bez značek", encoding="utf-8")
    (error,) = read_path(text_path)
    assert str(error) == f"{text_path}: unsupported file type (no file extension)"


def test_read_bytes_of_nothing_is_an_empty_file_error():
    (error,) = read_bytes(b"", "nic.pdf")
    assert str(error) == "nic.pdf: empty file"


def test_office_file_that_expands_too_far_is_refused(monkeypatch):
    import importers.readers.sniff as sniff

    monkeypatch.setattr(sniff, "MAX_EXPANDED_BYTES", 10_000)
    data = (FIXTURES / "tlumoceni_brno.docx").read_bytes()
    (error,) = read_bytes(data, "bomba.docx")
    assert isinstance(error, ReadError)
    assert error.problem.startswith("archive expands to ")
    assert error.problem.endswith(" kB, over the 10 kB safety limit")


def test_read_bytes_honours_max_bytes():
    (error,) = read_bytes(b"Realizace: Obec Hora" * 100, "projekt.txt", max_bytes=1_000)
    assert str(error) == "projekt.txt: file is 2 kB, over the 1 kB limit"


def test_json_lines_with_no_valid_line_is_one_file_error():
    (error,) = read_bytes(b"{broken\nnot json\n", "vadne.jsonl")
    assert str(error) == (
        "vadne.jsonl: no line holds a JSON object (first: malformed JSON at line 1, "
        "column 2: Expecting property name enclosed in double quotes)"
    )
