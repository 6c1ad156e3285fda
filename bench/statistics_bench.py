"""Statistics and release benchmark: cross-tabulations, years and a whole data release over a
synthetic corpus, for every published project and for a search's.

    python bench/statistics_bench.py 10000                                 # temp SQLite file
    python bench/statistics_bench.py 100000 --keep /tmp/kp100k-stats.db    # build and keep
    python bench/statistics_bench.py 100000 --keep /tmp/kp100k-stats.db --reuse

The corpus is built as bench/search_bench.py builds it. Each figure is computed cold (its
cache emptied first) and timed; then ``kp release create`` writes CSV, JSON Lines and XLSX.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from bench.export_bench import make_app  # noqa: E402
from bench.search_bench import build, database_size  # noqa: E402
from knowledge_platform.db import db  # noqa: E402
from knowledge_platform.exports.releases import create_release  # noqa: E402
from knowledge_platform.models import Project, Status  # noqa: E402
from knowledge_platform.search.params import SearchParams  # noqa: E402
from knowledge_platform.statistics import totals  # noqa: E402
from knowledge_platform.statistics.crosstabs import CROSSTABS, by_year, crosstab  # noqa: E402
from knowledge_platform.statistics.scope import IDS, Scope  # noqa: E402

SCOPES = {"every project": Scope(), "search q=kurzy": Scope.of(SearchParams(q="kurzy")),
          "region CZ064": Scope.of(SearchParams.of(region=("CZ064",)))}


def timed(function, *args) -> float:
    """Seconds of one cold call (the figure's and the search's caches emptied first)."""
    for cache in (function.cache, IDS, totals.cache):
        cache.clear()
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="SQLite file to build (kept afterwards)")
    parser.add_argument("--reuse", action="store_true", help="use an existing database")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="kp-statistics-bench-")
    url = f"sqlite:///{args.keep or os.path.join(folder, 'bench.db')}"
    app = make_app(url, folder)
    if not args.reuse:
        figures = build(app, args.n, args.seed)
        print(f"build: {figures['seconds']:.1f} s, {figures['rate']:,.0f} projects/s")
    try:
        with app.test_request_context("/en/statistics"):
            published = db.session.scalar(
                select(func.count(Project.id)).where(Project.status == Status.PUBLISHED))
            print(f"== statistics benchmark: {published:,} published projects, "
                  f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
                  f"database {database_size(app) / 1e6:,.1f} MB ==")
            print(f"{'scope':<16} {'figure':<34} {'seconds':>8}")
            for name, scope in SCOPES.items():
                rows = [("totals", totals, (scope,))]
                rows += [(f"years by {basis}", by_year, (basis, scope))
                         for basis in ("start", "period")]
                rows += [(f"{rows_} × {columns} ({basis})", crosstab,
                          (rows_, columns, basis, "en", scope))
                         for rows_, columns in CROSSTABS for basis in ("start", "period")
                         if "year" in (rows_, columns) or basis == "start"]
                for label, function, arguments in rows:
                    print(f"{name:<16} {label:<34} {timed(function, *arguments):8.2f}",
                          flush=True)
            started = time.perf_counter()
            stamp = create_release("https://kp.example")
            seconds = time.perf_counter() - started
            size = sum(file["bytes"] for file in stamp["files"].values())
            print(f"release {stamp['version']}: {stamp['records']:,} records, CSV + JSON Lines "
                  f"+ XLSX, {size / 1e6:,.1f} MB, {seconds:.1f} s")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
