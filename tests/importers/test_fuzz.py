"""Fuzzing the readers and extractors with garbled, truncated and random documents.

Seeds are the real demo documents and reader fixtures; hypothesis truncates them, flips and
inserts bytes, re-encodes their text, damages members inside Office archives, or sends pure
random bytes under any supported name. Property: within a time limit per document, every input
yields Documents whose extraction gives a record, or ReadErrors naming the file -- never another
exception, and never the readers' catch-all "unexpected error" that hides a reader bug.
"""
from __future__ import annotations

import io
import os
import signal
import time
import zipfile
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.document import Document, ReadError
from importers.extract import extract
from importers.readers import SUPPORTED_EXTENSIONS, read_bytes
from importers.record import RECORD_FIELDS
from tests.importers.conftest import SCALE

ROOT = Path(__file__).resolve().parents[2]
SEED_FOLDERS = (ROOT / "demo" / "documents", ROOT / "tests" / "importers" / "readers" / "fixtures")
# Seconds of CPU per document (reading one file, or extracting one record): CPU time, so that
# other work on a busy machine cannot fail the test, while a hang or a quadratic blow-up does.
TIME_LIMIT = 2.0
# Longest line inserted (bytes): far beyond real lines, and slow enough to show any
# super-linear pattern, yet within the time limit on a busy two-core machine.
HUGE_LINE = 50_000
PROFILE = os.environ.get("KP_FUZZ_PROFILE", "fuzz-ci")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1250", "iso-8859-2", "cp1252",
             "latin-1", "koi8-r", "shift_jis", "gb18030", "mac-roman")
MAPPED_FIELDS = ("title", "summary", "implementer", "partners", "funders", "regions", "start",
                 "end", "period", "budget", "subsidy", "registration_number", "activities",
                 "target_groups", "language", "url")


# Cases each property runs under the active profile, by name (scripts/fuzz.py reports them).
CASES: dict[str, int] = {}


def fuzz_settings(examples: int):
    """The active profile with ``examples`` cases per CI run, scaled for the long run."""
    chosen = settings(settings.get_profile(PROFILE), max_examples=examples * SCALE[PROFILE])

    def apply(test):
        CASES[test.__name__] = chosen.max_examples
        return chosen(test)

    return apply


class Overrun(Exception):
    """Raised by the timer. An Exception, so that hypothesis shrinks and reports the input; a
    reader that catches it reports an "unexpected error", which fails the test as well."""


@contextmanager
def time_limit(what: str):
    """Fail when the block uses more than TIME_LIMIT of CPU: interrupted by a timer, or
    measured after."""

    def interrupt(_signum, _frame):
        raise Overrun(f"{what} ran past {TIME_LIMIT} s of CPU")

    previous = signal.signal(signal.SIGVTALRM, interrupt)
    signal.setitimer(signal.ITIMER_VIRTUAL, TIME_LIMIT)
    started = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    used = time.process_time() - started
    # Native code (a parser, a regex) cannot be interrupted; its overrun still counts.
    assert used < TIME_LIMIT * 1.5, f"{what} took {used:.1f} s of CPU"


@pytest.fixture(scope="module", autouse=True)
def _warm():
    warm_caches()


def warm_caches() -> None:
    """Load what extraction loads once per process (lemma dictionaries, rule tables), so
    the time limit measures the document rather than the first use."""
    english = Document("warm.txt", "text/plain", "The project supports Ukrainian families.")
    extract(english)
    kinds = {Path(name).suffix: (name, data) for name, data in seeds()}
    for name, data in kinds.values():
        for item in read_bytes(data, name):
            if isinstance(item, Document):
                extract(item)


def check_record(document: Document) -> None:
    """Extraction of ``document`` gives a full record in time, or the test fails."""
    with time_limit(f"extracting {document.source!r}"):
        record = extract(document)
    assert list(record) == list(RECORD_FIELDS)
    assert record["source"] == document.source


def check_input(data: bytes, name: str) -> None:
    """Reading ``data`` as file ``name``: Documents with records, or ReadErrors naming it."""
    results = read_bytes(data, name)
    while True:
        with time_limit(f"reading {name!r} ({len(data):,} bytes)"):
            item = next(results, None)
        if item is None:
            return
        if isinstance(item, ReadError):
            assert str(item).startswith(name), str(item)
            assert item.problem.strip(), str(item)
            assert "unexpected error" not in item.problem, str(item)
            continue
        assert isinstance(item, Document), repr(item)
        assert item.source.startswith(name)
        check_record(item)


@cache
def seeds() -> tuple[tuple[str, bytes], ...]:
    """(file name, bytes) of every readable seed document."""
    found = []
    for folder in SEED_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append((path.name, path.read_bytes()))
    return tuple(found)


def office_seeds() -> tuple[tuple[str, bytes], ...]:
    return tuple(seed for seed in seeds() if seed[1].startswith(b"PK\x03\x04"))


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` after a few random damages: cuts, flipped and inserted bytes, huge lines."""
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        operation = draw(st.sampled_from(
            ("truncate", "flip", "insert", "unicode", "delete", "repeat", "huge_line")))
        if operation == "truncate":
            data = data[:at]
        elif operation == "flip" and size:
            flips = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(1, 255)),
                                  min_size=1, max_size=16))
            buffer = bytearray(data)
            for position, mask in flips:
                buffer[position] ^= mask
            data = bytes(buffer)
        elif operation == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=256)) + data[at:]
        elif operation == "unicode":
            text = draw(st.text(min_size=1, max_size=64))
            encoded = text.encode(draw(st.sampled_from(ENCODINGS)), "ignore")
            data = data[:at] + encoded + data[at:]
        elif operation == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 4096)):]
        elif operation == "repeat":
            chunk = data[at:at + draw(st.integers(1, 64))]
            data = data[:at] + chunk * draw(st.integers(2, 500)) + data[at:]
        elif operation == "huge_line":
            unit = draw(st.sampled_from((b"a", b"1 ", b"\xc5\xbe", b"<b>", b"x;", b"\t", b"-",
                                         b"A. ", b"2020 ", b"http://x/", b"(", b"\xff")))
            length = draw(st.integers(5_000, HUGE_LINE))
            data = data[:at] + unit * (length // len(unit)) + data[at:]
    return data


names = st.sampled_from(sorted(SUPPORTED_EXTENSIONS)).map(lambda ext: f"fuzz{ext}")


@fuzz_settings(150)
@given(seed=st.sampled_from(seeds()), data=st.data(), rename=st.booleans(), other=names)
def test_mutated_seed_documents(seed, data, rename, other):
    name, original = seed
    check_input(data.draw(mutated(original)), other if rename else name)


@st.composite
def damaged_archive(draw) -> tuple[str, bytes]:
    """An Office seed with one member damaged (or dropped) but the archive itself intact."""
    name, original = draw(st.sampled_from(office_seeds()))
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    target = draw(st.sampled_from([member for member, _ in members]))
    drop = draw(st.integers(0, 9)) == 0
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members:
            if member != target:
                archive.writestr(member, content)
            elif not drop:
                archive.writestr(member, draw(mutated(content)))
    return name, out.getvalue()


@fuzz_settings(60)
@given(document=damaged_archive())
def test_office_files_with_damaged_members(document):
    check_input(document[1], document[0])


@fuzz_settings(50)
@given(seed=st.sampled_from(seeds()), encoding=st.sampled_from(ENCODINGS),
       insert=st.text(max_size=200), at=st.integers(0, 10_000), extension=st.sampled_from(
           (".txt", ".html", ".csv", ".json", ".jsonl", ".md")))
def test_text_re_encoded_in_any_code_page(seed, encoding, insert, at, extension):
    text = seed[1].decode("utf-8", "replace")
    text = text[:at] + insert + text[at:]
    check_input(text.encode(encoding, "replace"), f"fuzz{extension}")


@fuzz_settings(50)
@given(data=st.binary(min_size=1, max_size=4096), name=names,
       head=st.sampled_from((b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"\xef\xbb\xbf",
                             b"\xff\xfe", b"[{", b"{")))
def test_random_bytes_under_any_name(data, name, head):
    check_input(head + data, name)


cells = st.one_of(st.text(max_size=80), st.integers(), st.floats(), st.booleans(), st.none())


@fuzz_settings(40)
@given(headers=st.lists(st.one_of(st.sampled_from(MAPPED_FIELDS + ("Název", "Rozpočet")),
                                  st.text(max_size=20)), min_size=1, max_size=8),
       rows=st.lists(st.lists(cells, max_size=10), max_size=8),
       form=st.sampled_from(("csv", "json", "jsonl")))
def test_generated_tables(headers, rows, form):
    import csv
    import json

    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        for row in [headers, *rows]:
            writer.writerow(["" if cell is None else cell for cell in row])
        data = out.getvalue().encode("utf-8")
    else:
        objects = [dict(zip(headers, row, strict=False)) for row in rows]
        if form == "json":
            data = json.dumps({"projects": objects}, ensure_ascii=False).encode()
        else:
            data = "\n".join(json.dumps(o, ensure_ascii=False) for o in objects).encode()
    if data:
        check_input(data, f"fuzz.{form}")


@fuzz_settings(60)
@given(text=st.one_of(st.text(max_size=3000),
                      st.sampled_from(seeds()).map(lambda s: s[1].decode("utf-8", "replace"))),
       fields=st.lists(st.tuples(st.text(max_size=30), st.text(max_size=200)), max_size=8),
       mapped=st.dictionaries(st.sampled_from(MAPPED_FIELDS), st.text(max_size=200), max_size=6),
       title=st.one_of(st.none(), st.text(max_size=200)))
def test_extractors_on_random_documents(text, fields, mapped, title):
    check_record(Document(source="fuzz.txt", media_type="text/plain", text=text,
                          fields=fields, mapped=mapped, title_hint=title, url_hint=title))


# Inputs the fuzzer found slow (quadratic or worse before their fixes), checked every run.
SLOW_BEFORE = {
    "long word": "Financováno Jihomoravským krajem " + "a" * 60_000,
    "unclosed brackets": "Projekt Kurzy " + "(" * 80_000 + " probíhal v Brně.",
    "markup run": "Projekt Most " + "<b>" * 15_000 + " konec. Realizátor je Charita.",
    "file name run": "Financováno z rozpočtu " + "x;" * 20_000 + " logo",
    "abbreviations": "Kurzy. " + "A. " * 15_000 + "Konec.",
    "brackets in a name": "Kurzy\n\nRealizátor: Charita " + "(x" * 40_000 + "\n",
    "dates in partners": "Kurzy\n\nPartneři: Charita " + "(od " * 24_000 + "\n",
}


@pytest.mark.parametrize("text", SLOW_BEFORE.values(), ids=SLOW_BEFORE.keys())
def test_inputs_once_slow_extract_in_time(text):
    check_input(text.encode("utf-8"), "pomale.txt")


def test_thousands_of_equal_csv_headers_read_in_time():
    check_input(("Název;" * 20_000 + "\nKurzy;" * 3).encode("utf-8"), "sloupce.csv")


def test_long_word_document_reads_in_time():
    import docx

    document = docx.Document()
    document.add_heading("Kurzy češtiny pro cizince", level=1)
    for number in range(3000):
        document.add_paragraph(f"Odstavec {number}: kurzy češtiny v Brně.")
    out = io.BytesIO()
    document.save(out)
    # python-docx looks a paragraph's style up by scanning every style: the reader must not
    # (this took half a minute); extraction's own pace is the other tests' business.
    with time_limit("reading dlouhy.docx"):
        (document,) = read_bytes(out.getvalue(), "dlouhy.docx")
    assert document.title_hint == "Kurzy češtiny pro cizince"
    assert document.text.count("Odstavec") == 3000


def test_unclosed_definition_list_entries_read_in_time_and_once():
    # HTML lets </dd> be left out; libxml2 then nests each entry in the one before it.
    page = ("<html><body><main><h1>Kurzy češtiny</h1><dl><dt>Partneři</dt>"
            + "<dd>Charita Brno" * 6000 + "</dl></main></body></html>").encode()
    with time_limit("reading nested.html"):
        (document,) = read_bytes(page, "nested.html")
    assert document.text.count("Charita Brno") == 6000
    check_record(document)
