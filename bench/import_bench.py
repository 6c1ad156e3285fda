"""Import benchmark: documents per second of `kp import` for txt, HTML, PDF and DOCX.

    python bench/import_bench.py 200                  # 200 documents of each kind, one process
    python bench/import_bench.py 200 --jobs 2 --kinds txt,pdf

Writes N small project descriptions per kind into a temp folder (template text with varied
towns, organisations, dates and amounts), then for each kind prints documents/s for reading
and extraction alone, and for the whole import (matching and storing included) into a fresh
SQLite database migrated as `kp db upgrade` does, through the code path `kp import` uses.
Each step is also given per second of CPU time (of every process it ran in), which other
work on the machine disturbs far less than the wall-clock figure.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from knowledge_platform import create_app  # noqa: E402
from knowledge_platform.db import MIGRATIONS, db  # noqa: E402
from knowledge_platform.ingest.runs import import_paths, prepared_documents  # noqa: E402

KINDS = ("txt", "html", "pdf", "docx")
MAX_BYTES = 20_000_000
TOWNS = [("Brno", "Brně", "Jihomoravský kraj"), ("Ostrava", "Ostravě", "Moravskoslezský kraj"),
         ("Plzeň", "Plzni", "Plzeňský kraj"), ("Liberec", "Liberci", "Liberecký kraj"),
         ("Olomouc", "Olomouci", "Olomoucký kraj"), ("Praha", "Praze", "Hlavní město Praha"),
         ("Teplice", "Teplicích", "Ústecký kraj"), ("Jihlava", "Jihlavě", "Kraj Vysočina"),
         ("Zlín", "Zlíně", "Zlínský kraj"), ("Pardubice", "Pardubicích", "Pardubický kraj")]
IMPLEMENTERS = ["Diecézní charita {town}", "Centrum pro integraci cizinců, o.p.s.",
                "Poradna pro integraci, z.ú.", "Statutární město {town}", "Spolek Slunce {town}",
                "Organizace pro pomoc uprchlíkům, z.s.", "Sdružení pro integraci a migraci",
                "Charita {town}", "InBáze, z.s.", "Integrační centrum {town}"]
TOPICS = [("Kurzy češtiny pro cizince", "výuku českého jazyka pro dospělé cizince"),
          ("Právní poradna pro cizince", "bezplatné právní a sociální poradenství"),
          ("Tlumočení pro rodiny", "komunitní tlumočení na úřadech, ve školách a u lékaře"),
          ("Adaptační kurzy pro děti cizinců", "doučování a volnočasové aktivity pro děti"),
          ("Podpora zaměstnávání cizinců", "pracovní poradenství a rekvalifikační kurzy"),
          ("Interkulturní asistence ve školách", "interkulturní asistenty pro žáky a rodiče")]
FUNDERS = ["Azylového, migračního a integračního fondu a z rozpočtu Ministerstva vnitra ČR",
           "Operačního programu Zaměstnanost plus", "rozpočtu Ministerstva vnitra ČR",
           "rozpočtu {region}e a vlastních zdrojů"]
PHASES = ["", " II", " III", " 2023", " – pokračování", " v regionu"]


def describe_project(rng: random.Random, number: int) -> tuple[str, list[tuple[str, str]], str]:
    """A project description: its title, labelled fields and the prose paragraphs."""
    town, locative, region = rng.choice(TOWNS)
    topic, activity = rng.choice(TOPICS)
    implementer = rng.choice(IMPLEMENTERS).format(town=town)
    partner = rng.choice([name for name in IMPLEMENTERS if name != implementer]).format(
        town=rng.choice(TOWNS)[0])
    start = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 8 * 365))
    end = start + timedelta(days=rng.choice((182, 364, 729, 1094)))
    budget = rng.randrange(150, 9000) * 1000 + rng.choice((0, 500, 250))
    title = f"{topic} v {locative}{rng.choice(PHASES)}"
    fields = [("Název projektu", title), ("Realizátor", implementer), ("Partner", partner),
              ("Registrační číslo", f"AMIF/{rng.randrange(10, 40)}/{number:05d}"),
              ("Doba realizace", f"{start:%-d. %-m. %Y} – {end:%-d. %-m. %Y}"),
              ("Celkový rozpočet", f"{budget:,} Kč".replace(",", " ")), ("Kraj", region)]
    prose = (f"Projekt nabízí {activity} v {locative} a okolí. Cílovou skupinou jsou cizinci "
             f"ze třetích zemí a držitelé dočasné ochrany, kteří žijí v kraji legálně.\n\n"
             f"Služby poskytuje {implementer} ve spolupráci s partnerem {partner}; za rok "
             f"podpoří přibližně {rng.randrange(40, 400)} klientů.\n\n"
             f"Projekt je financován z {rng.choice(FUNDERS).format(region=region[:-1])}.")
    return title, fields, prose


def write_documents(folder: Path, kind: str, n: int, seed: int) -> Path:
    """``n`` documents of ``kind`` in ``folder / kind``; the folder."""
    target = folder / kind
    target.mkdir(parents=True)
    rng = random.Random(f"{seed}-{kind}")
    writer = {"txt": _write_text, "html": _write_html, "pdf": _write_pdf, "docx": _write_docx}
    for number in range(n):
        title, fields, prose = describe_project(rng, number)
        writer[kind](target / f"projekt_{number:05d}.{kind}", title, fields, prose)
    return target


def _write_text(path: Path, title: str, fields: list, prose: str) -> None:
    lines = [f"{label}: {value}" for label, value in fields]
    path.write_text("\n".join(lines) + "\n\n" + prose + "\n", encoding="utf-8")


def _write_html(path: Path, title: str, fields: list, prose: str) -> None:
    pairs = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in fields)
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in prose.split("\n\n"))
    path.write_text(
        f'<!doctype html><html lang="cs"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><nav><a href="/">Úvod</a> <a href="/projekty/">Projekty</a></nav>'
        f"<main><h1>{title}</h1><dl>{pairs}</dl>{paragraphs}</main>"
        f"<footer>© {date.today().year} Kontakt</footer></body></html>", encoding="utf-8")


def _write_pdf(path: Path, title: str, fields: list, prose: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if font.exists():
        pdf.add_font("DejaVu", fname=str(font))
        pdf.set_font("DejaVu", size=11)
        fold = str
    else:  # the core fonts know Latin-1 only: Czech letters lose their accents
        pdf.set_font("Helvetica", size=11)
        fold = _latin1
    lines = [f"{label}: {value}" for label, value in fields]
    pdf.multi_cell(0, 6, fold("\n".join(lines) + "\n\n" + prose))
    pdf.set_title(fold(title))
    pdf.output(str(path))


def _write_docx(path: Path, title: str, fields: list, prose: str) -> None:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for label, value in fields:
        document.add_paragraph(f"{label}: {value}")
    for paragraph in prose.split("\n\n"):
        document.add_paragraph(paragraph)
    document.save(str(path))


def _latin1(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("–", "-"))
    return "".join(c for c in folded if not unicodedata.combining(c)).encode(
        "latin-1", "replace").decode("latin-1")


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and of its ended worker processes."""
    # On a shared machine it varies far less than wall-clock time does.
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def time_extraction(folder: Path, jobs: int) -> tuple[float, float, int]:
    """Seconds and CPU seconds to read and extract the documents under ``folder``; how many."""
    started, cpu = time.perf_counter(), cpu_seconds()
    count = sum(1 for _ in prepared_documents([str(folder)], MAX_BYTES, jobs=jobs))
    return time.perf_counter() - started, cpu_seconds() - cpu, count


def time_import(folder: Path, database: Path, jobs: int) -> tuple[float, float, str]:
    """Seconds and CPU seconds to import ``folder`` into a fresh database; the run's summary."""
    os.environ["KP_INSTANCE_PATH"] = str(database.parent / "instance")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        started, cpu = time.perf_counter(), cpu_seconds()
        report = import_paths([str(folder)], max_bytes=MAX_BYTES, started_by="import bench",
                              jobs=jobs)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        db.session.remove()
        db.engine.dispose()
    return seconds, cpu, report.summary()


def main() -> None:
    """Write the documents of each kind, then time their extraction and their import."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="documents per kind")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes (kp import)")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help=f"comma-separated, of {','.join(KINDS)}")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="folder for the documents and databases (kept)")
    args = parser.parse_args()
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")

    folder = Path(args.keep or tempfile.mkdtemp(prefix="kp-import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"== import benchmark: {args.n:,} documents per kind, --jobs {args.jobs}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} ==")
    print(f"{'kind':<6} {'extract docs/s':>15} {'import docs/s':>14} {'import s':>9}  outcome")
    try:
        for kind in kinds:
            documents = write_documents(folder, kind, args.n, args.seed)
            extract_seconds, extract_cpu, count = time_extraction(documents, args.jobs)
            import_seconds, import_cpu, summary = time_import(
                documents, folder / f"{kind}.db", args.jobs)
            print(f"{kind:<6} {count / extract_seconds:15.1f} {count / import_seconds:14.1f} "
                  f"{import_seconds:9.1f}  {summary}", flush=True)
            # Below the row, which scripts read as it always was.
            print(f"{'':<6} {count / extract_cpu:15.1f} {count / import_cpu:14.1f} "
                  f"{import_cpu:9.1f}  per CPU second (all processes)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
