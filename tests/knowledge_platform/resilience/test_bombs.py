"""Documents built to exhaust the importer: entity expansion ("billion laughs") in HTML, XHTML,
Word and Excel files, zip bombs, archives that lie about their sizes, and a sheet whose one cell
sits at the grid's far corner. Each is read in a child process with an address-space limit:
it must end quickly with a ReadError (or a harmless Document), inside that memory."""
from __future__ import annotations

import configparser
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

FIXTURES = Path(__file__).resolve().parents[2] / "importers" / "readers" / "fixtures"
ROOT = Path(__file__).resolve().parents[3]
MEMORY_LIMIT = 1_000_000_000  # bytes of address space for the reading process
SECONDS = 10  # wall clock, on a busy machine; unguarded, these take minutes or never end

# Ten entities of ten each: "&lol9;" stands for a billion "lol"s.
DTD = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" + "".join(
    f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10)
) + "]>"

CHILD = """
import json, resource, sys, time
if sys.argv[2] == "without defusedxml":
    sys.modules["defusedxml"] = None  # a runtime dependency; the readers' own guard still holds
from importers.readers import read_path
started = time.perf_counter()
items = list(read_path(sys.argv[1]))
print(json.dumps({
    "kinds": [type(item).__name__ for item in items],
    "problems": [getattr(item, "problem", "") for item in items],
    "text": " ".join(getattr(item, "text", "") for item in items)[:100000],
    "seconds": time.perf_counter() - started,
}))
"""


def read_in_child(path: Path, mode: str = "installed") -> dict:
    """What reading ``path`` gives, in a process limited to MEMORY_LIMIT and SECONDS."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    result = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], cwd=ROOT,
                            capture_output=True, text=True, timeout=SECONDS,
                            preexec_fn=limit_memory)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _office_with(name: str, member: str, change) -> bytes:
    """A fixture Office file with ``member`` replaced by ``change(old bytes)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / name) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            archive.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def _with_entities(xml: bytes, text_tag: bytes) -> bytes:
    """``xml`` with the DTD after its declaration and "&lol9;" in its first text element."""
    declaration, _, body = xml.partition(b"?>")
    start = body.index(text_tag)
    end = body.index(b">", start) + 1
    return declaration + b"?>" + DTD.encode() + body[:end] + b"&lol9;" + body[end:]


def _assert_not_expanded(outcome: dict) -> None:
    assert outcome["seconds"] < SECONDS / 2
    assert "lollollol" not in outcome["text"]


def test_entity_expansion_in_xhtml_is_not_performed(tmp_path):
    path = tmp_path / "smich.xhtml"
    path.write_text(f'<?xml version="1.0"?>{DTD}<html><body><h1>Kurzy češtiny</h1>'
                    f"<p>Realizátor: Charita &lol9;</p></body></html>", "utf-8")
    outcome = read_in_child(path)
    _assert_not_expanded(outcome)
    assert outcome["kinds"] == ["Document"] and "Kurzy češtiny" in outcome["text"]


def test_entity_expansion_in_word_document_is_refused(tmp_path):
    path = tmp_path / "smich.docx"
    path.write_bytes(_office_with("tlumoceni_brno.docx", "word/document.xml",
                                  lambda xml: _with_entities(xml, b"<w:t")))
    outcome = read_in_child(path)
    _assert_not_expanded(outcome)
    assert outcome["kinds"] == ["ReadError"]
    assert outcome["problems"][0].startswith("not a readable Word document")


@pytest.mark.parametrize("mode", ["installed", "without defusedxml"])
def test_entity_expansion_in_workbook_is_refused(tmp_path, mode):
    path = tmp_path / "smich.xlsx"
    path.write_bytes(_office_with("projekty.xlsx", "xl/worksheets/sheet1.xml",
                                  lambda xml: _with_entities(
                                      b'<?xml version="1.0" encoding="UTF-8"?>' + xml, b"<t")))
    outcome = read_in_child(path, mode)
    _assert_not_expanded(outcome)
    assert outcome["kinds"] == ["ReadError"]
    assert outcome["problems"][0].startswith("not a readable XLSX workbook")


def test_defusedxml_is_a_runtime_dependency_that_openpyxl_uses():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    required = config["options"]["install_requires"].split()
    assert any(line.startswith("defusedxml>=") for line in required)
    child = ("import openpyxl, openpyxl.xml.functions as f; "
             "print(openpyxl.DEFUSEDXML, f.iterparse.__module__)")
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True,
                            text=True, timeout=SECONDS, check=True,
                            env={**os.environ, "OPENPYXL_DEFUSEDXML": "True"})
    uses, module = result.stdout.split()
    assert uses == "True" and module.startswith("defusedxml.")


def _bomb(name: str, member: str, filler: bytes, size: int) -> bytes:
    """A fixture Office file whose ``member`` is ``size`` bytes of ``filler``, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / name) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != member:
                archive.writestr(info.filename, source.read(info))
                continue
            with archive.open(member, "w") as handle:
                chunk = filler * (1_000_000 // len(filler))
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("name, member, filler", [
    ("tlumoceni_brno.docx", "word/document.xml", b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"),
    ("projekty.xlsx", "xl/worksheets/sheet1.xml",
     b'<row><c t="inlineStr"><is><t>a</t></is></c></row>'),
])
def test_zip_bomb_is_refused_before_expanding(tmp_path, name, member, filler):
    path = tmp_path / f"bomba{Path(name).suffix}"
    path.write_bytes(_bomb(name, member, filler, 90_000_000))
    assert path.stat().st_size < 1_000_000  # 90 MB of XML packed into a few hundred kB
    outcome = read_in_child(path)
    assert outcome["kinds"] == ["ReadError"] and outcome["seconds"] < 1
    assert outcome["problems"][0].startswith(f"archive member {member} expands ")
    assert outcome["problems"][0].endswith("as only a zip bomb does")


def _claim_size(data: bytearray, member: bytes, size: int) -> None:
    """Make the archive claim ``size`` uncompressed bytes for ``member`` in both its headers."""
    claimed = size.to_bytes(4, "little")
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = int.from_bytes(data[entry + 28:entry + 30], "little")
        if data[entry + 46:entry + 46 + name_length] == member:
            data[entry + 24:entry + 28] = claimed
            local = int.from_bytes(data[entry + 42:entry + 46], "little")
            data[local + 22:local + 26] = claimed
            return
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(f"{member!r} is not in the archive")


def test_archive_lying_about_its_sizes_fails_its_checksum(tmp_path):
    data = bytearray(_bomb("tlumoceni_brno.docx", "word/document.xml",
                           b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", 50_000_000))
    _claim_size(data, b"word/document.xml", 1000)  # small enough to pass every size check
    path = tmp_path / "lhar.docx"
    path.write_bytes(bytes(data))
    outcome = read_in_child(path)
    assert outcome["kinds"] == ["ReadError"] and outcome["seconds"] < SECONDS / 2
    # zipfile expands no further than the claim; the checksum then gives the lie away.
    assert outcome["problems"][0].startswith("not a readable Word document (BadZipFile")


def test_cell_at_the_far_corner_does_not_fill_the_grid(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Název projektu", "Realizátor"])
    sheet.append(["Kurzy češtiny v Jihlavě", "Charita Jihlava"])
    sheet.cell(row=1_048_576, column=16_384, value="roh")  # XFD1048576
    path = tmp_path / "roh.xlsx"
    workbook.save(path)
    outcome = read_in_child(path)
    assert outcome["kinds"] == ["Document"] and outcome["seconds"] < SECONDS / 2
    assert "Kurzy češtiny v Jihlavě" in outcome["text"]


def test_member_and_cell_limits_are_reported_by_name(monkeypatch):
    from importers.readers import read_bytes, sniff, spreadsheets

    monkeypatch.setattr(sniff, "MAX_MEMBER_BYTES", 10_000)
    (error,) = read_bytes((FIXTURES / "tlumoceni_brno.docx").read_bytes(), "velky.docx")
    assert error.problem.startswith("archive member word/")
    assert error.problem.endswith("over the 10 kB safety limit")
    monkeypatch.undo()
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 10)
    (error,) = read_bytes((FIXTURES / "projekty.xlsx").read_bytes(), "bunky.xlsx")
    assert str(error) == "bunky.xlsx: XLSX sheet has more than 10 cells"
