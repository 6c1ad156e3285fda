"""Search benchmark: build a synthetic corpus, then time plain, filtered and faceted queries.

    python bench/search_bench.py 10000                  # SQLite file in a temp folder
    python bench/search_bench.py 100000 --keep /tmp/kp100k.db
    python bench/search_bench.py 1000000 --database-url postgresql://postgres@127.0.0.1/kp_bench

Prints the build rate, database size, peak memory, and p50/p95 latency of each query kind
beside a raw top-10 full-text query (FTS5 bm25, or tsvector ts_rank_cd) as the floor.
Each process keeps recent full-text answers (``match_cache``), so the 25 queries repeated
are warm; ``--cold`` forgets them before every query, as for a query never asked before.
On PostgreSQL the bitmaps of the most frequent words (``term_postings``) stay: they are
part of the index, chosen by document frequency when the bitmaps are first read.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import delete, text  # noqa: E402

from bench.corpus import load  # noqa: E402
from knowledge_platform import create_app  # noqa: E402
from knowledge_platform.db import MIGRATIONS, db  # noqa: E402
from knowledge_platform.models import BitmapSnapshot  # noqa: E402
from knowledge_platform.search import bitmap_cache, match_cache  # noqa: E402
from knowledge_platform.search.index import analyse_tables  # noqa: E402
from knowledge_platform.search.params import SearchParams  # noqa: E402
from knowledge_platform.search.service import search  # noqa: E402
from search_index import parse_query, to_fts5, to_tsquery  # noqa: E402

QUERIES = [
    "kurzy češtiny", "kurzy cestiny", "právní poradenství", "pravni poradenstvi pro cizince",
    "tlumočení", "děti cizinců", "Brno", "v Ostravě", "ukrajinské rodiny", "legal counselling",
    "Czech language courses", "integrace", "sociální poradenství", "interkulturní asistence",
    "informační centrum", "children", "refugees Prague", "integr*", '"dočasné ochrany"',
    "poradenstvi -Praha", "asistence ve školách", "vzdělávání pracovníků", "community interpreting",
    "bydlení", "zaměstnávání cizinců",
]
REGIONS = ["CZ010", "CZ020", "CZ064", "CZ080", "CZ042", "CZ032"]
FUNDERS = ["AMIF", "MV_CR", "OPZ", "MUNICIPALITY", "ESF"]


def build(app, n: int, seed: int) -> dict:
    """Migrate an empty database and bulk-load ``n`` synthetic projects."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade(directory=MIGRATIONS)
        started = time.perf_counter()
        load(n, seed)
        seconds = time.perf_counter() - started
        analyse_tables()
        if db.engine.dialect.name == "postgresql":
            # As autovacuum would: hint bits and the visibility map set, not by the first reads.
            db.session.commit()
            with db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM"))
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
            db.session.commit()
            db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return {"seconds": seconds, "rate": n / seconds}


def database_size(app) -> int:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            path = Path(db.engine.url.database)
            return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        return db.session.scalar(text("SELECT pg_database_size(current_database())"))


def server_settings(app) -> str:
    """PostgreSQL's memory settings, which decide whether the index stays in its cache."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return ""
        names = ("shared_buffers", "work_mem", "effective_cache_size")
        values = [db.session.scalar(text(f"SHOW {name}")) for name in names]
        tables = db.session.scalar(text(
            "SELECT pg_total_relation_size('search_vector')")) / 1e6
        db.session.rollback()
    return (f"; search_vector with its index {tables:,.0f} MB; "
            + ", ".join(f"{name} {value}" for name, value in zip(names, values, strict=True)))


def time_queries(app, kind: str, repeat: int, rng: random.Random,
                 cold: bool = False) -> list[float]:
    """Milliseconds per query of one kind: plain, filtered, faceted or raw."""
    timings = []
    with app.app_context():
        engine = db.engine.dialect.name
        for _ in range(repeat):
            for query in QUERIES:
                filters = {}
                if kind in ("filtered", "faceted"):
                    filters = {"region": (rng.choice(REGIONS),)}
                    if rng.random() < 0.5:
                        filters["funder"] = (rng.choice(FUNDERS),)
                if cold:
                    match_cache.clear()
                started = time.perf_counter()
                if kind == "raw":
                    _raw_top10(engine, query)
                else:
                    search(SearchParams.of(q=query, **filters), with_facets=kind == "faceted")
                timings.append((time.perf_counter() - started) * 1000)
                db.session.rollback()
    return timings


def _raw_top10(engine: str, query: str) -> None:
    ast = parse_query(query).ast
    if engine == "sqlite":
        expression = to_fts5(ast)
        if expression:
            db.session.execute(text(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH :q "
                "ORDER BY bm25(search_fts, 10.0, 4.0, 1.0) LIMIT 10"), {"q": expression}).all()
        return
    db.session.execute(text(
        "SELECT project_id FROM search_vector WHERE tsv @@ to_tsquery('simple', :q) "
        "ORDER BY ts_rank_cd(tsv, to_tsquery('simple', :q)) DESC LIMIT 10"),
        {"q": to_tsquery(ast)}).all()


def bitmap_seconds(app) -> tuple[float, float]:
    """How long a new process takes to have the facet bitmaps of the whole corpus: reading
    every project (and writing the snapshot), then, for the next one, from the snapshot."""
    timings = []
    with app.app_context():
        db.session.execute(delete(BitmapSnapshot))
        db.session.commit()
        for _ in range(2):
            bitmap_cache._indexes.clear()  # as a new process
            started = time.perf_counter()
            bitmap_cache.current(db.session.connection())
            timings.append(time.perf_counter() - started)
            db.session.rollback()
    return timings[0], timings[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=4, help="passes over the query list")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--keep", help="SQLite file to build (kept afterwards)")
    parser.add_argument("--reuse", action="store_true", help="query an existing database")
    parser.add_argument("--cold", action="store_true",
                        help="forget cached full-text answers before every query")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="kp-bench-")
    url = args.database_url or f"sqlite:///{args.keep or os.path.join(folder, 'bench.db')}"
    os.environ["KP_INSTANCE_PATH"] = folder
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    print(f"== search benchmark: {args.n:,} projects, {os.cpu_count()} cores, "
          f"{app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}"
          f"{', cold' if args.cold else ''}, load average {os.getloadavg()[0]:.1f} ==")
    figures = {} if args.reuse else build(app, args.n, args.seed)
    if figures:
        print(f"build: {figures['seconds']:.1f} s, {figures['rate']:,.0f} projects/s")
    print(f"database size: {database_size(app) / 1e6:,.1f} MB{server_settings(app)}")
    full, snapshot = bitmap_seconds(app)
    print(f"facet bitmaps, once per process: {full:.1f} s reading every project (and writing "
          f"the snapshot), {snapshot:.2f} s from the snapshot")
    rng = random.Random(args.seed)
    time_queries(app, "faceted", 1, rng)  # warm the caches once
    print(f"{'query':<10} {'p50 ms':>8} {'p95 ms':>8} {'n':>5}")
    for kind in ("raw", "plain", "filtered", "faceted"):
        timings = time_queries(app, kind, args.repeat, rng, args.cold)
        print(f"{kind:<10} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} "
              f"{len(timings):5d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
