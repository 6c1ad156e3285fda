"""Export benchmark: stream every project of a synthetic corpus as CSV through the endpoint.

    python bench/export_bench.py 10000                                  # temp SQLite file
    python bench/export_bench.py 100000 --keep /tmp/kp100k-export.db    # build and keep
    python bench/export_bench.py 100000 --keep /tmp/kp100k-export.db --reuse
    python bench/export_bench.py 100000 --format jsonl --query "region=CZ064"

The corpus is built (bench/corpus.py through the bulk loader, as bench/search_bench.py
does) in a child process, so the peak memory printed (ru_maxrss) is the export's alone.
Prints time, rows/s, bytes, and the resident memory sampled along the stream: a flat
line means the server never holds the whole file.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from bench.search_bench import build, database_size  # noqa: E402
from knowledge_platform import create_app  # noqa: E402
from knowledge_platform.db import db  # noqa: E402
from knowledge_platform.models import Project, Status  # noqa: E402

SAMPLES = 10


def resident_mb() -> float:
    """The process's current resident memory in MiB (Linux /proc)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def make_app(url: str, folder: str):
    os.environ["KP_INSTANCE_PATH"] = folder
    return create_app({"SQLALCHEMY_DATABASE_URI": url})


def _build_child(url: str, folder: str, n: int, seed: int) -> None:
    figures = build(make_app(url, folder), n, seed)
    print(f"build: {figures['seconds']:.1f} s, {figures['rate']:,.0f} projects/s")


def export(app, path: str, expected: int) -> dict:
    """Stream ``path`` through the test client, counting bytes and sampling memory."""
    client = app.test_client()
    started = time.perf_counter()
    response = client.get(path, buffered=False)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    size = lines = 0
    samples: list[tuple[int, float]] = []
    every = max(1, expected // SAMPLES)
    next_sample = every
    first_byte = None
    for chunk in response.iter_encoded():
        if first_byte is None:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
        if lines >= next_sample:
            samples.append((lines, resident_mb()))
            next_sample += every
    response.close()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": size, "lines": lines, "samples": samples,
            "first_byte": first_byte or seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--keep", help="SQLite file to build (kept afterwards)")
    parser.add_argument("--reuse", action="store_true", help="export an existing database")
    parser.add_argument("--format", default="csv", choices=("csv", "jsonl", "xlsx"))
    parser.add_argument("--query", default="", help="search parameters, e.g. region=CZ064")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="kp-export-bench-")
    url = args.database_url or f"sqlite:///{args.keep or os.path.join(folder, 'bench.db')}"
    if not args.reuse:
        # A child process builds, so this process's peak memory is the export's own.
        child = multiprocessing.get_context("spawn").Process(
            target=_build_child, args=(url, folder, args.n, args.seed))
        child.start()
        child.join()
        if child.exitcode:
            raise SystemExit(f"building the corpus failed ({child.exitcode})")
    app = make_app(url, folder)
    with app.app_context():
        published = db.session.scalar(
            select(func.count(Project.id)).where(Project.status == Status.PUBLISHED))
    print(f"== export benchmark: {published:,} published projects, {os.cpu_count()} cores, "
          f"{app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}, "
          f"database {database_size(app) / 1e6:,.1f} MB ==")
    before = resident_mb()
    path = f"/api/v1/projects.{args.format}" + (f"?{args.query}" if args.query else "")
    figures = export(app, path, published)
    # An XLSX body is zipped, so its rows are the published ones (only without a query).
    rows = published if args.format == "xlsx" else figures["lines"] - (args.format == "csv")
    print(f"GET {path}")
    print(f"rows: {rows:,}" + ("" if args.format == "xlsx" else " (lines in the body)"))
    print(f"time: {figures['seconds']:.1f} s, {rows / figures['seconds']:,.0f} rows/s, "
          f"first byte after {figures['first_byte'] * 1000:.0f} ms")
    print(f"size: {figures['bytes'] / 1e6:,.1f} MB")
    resident = [mb for _, mb in figures["samples"]]
    if resident:
        print(f"resident memory: {before:,.0f} MB before, {min(resident):,.0f}-"
              f"{max(resident):,.0f} MB while streaming "
              f"({', '.join(f'{mb:.0f}' for mb in resident)})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
