"""Places-like-mine benchmark: the ranking of a synthetic corpus by closeness to a town.

    python bench/places_bench.py 100000 --keep /tmp/kp100k.db     # build, then time
    python bench/places_bench.py 100000 --keep /tmp/kp100k.db --reuse

Prints p50/p95 of a page of 20 for towns drawn from the whole gazetteer, with no filter,
with an activity and with a target group (warm bitmaps, as a running server has them), and
the gazetteer's coverage.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search_bench import build, percentile  # noqa: E402
from importers.gazetteer import gazetteer  # noqa: E402
from knowledge_platform import create_app  # noqa: E402
from knowledge_platform.db import db  # noqa: E402
from knowledge_platform.places.nearby import places_like  # noqa: E402
from knowledge_platform.search.params import SearchParams  # noqa: E402

FILTERS = {"none": {}, "activity": {"activity": ("czech_language",)},
           "target group": {"target_group": ("children_youth",)}}


def coverage() -> str:
    """How many towns and districts the gazetteer holds, per city and size band."""
    places = list(gazetteer().places.values())
    kinds = Counter(place.kind if place.kind == "town" else f"district of {place.city}"
                    for place in places)
    bands = Counter(place.size_band for place in places)
    years = Counter(place.year for place in places)
    return (", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
            + "; size bands " + ", ".join(f"{band} {n}" for band, n in sorted(bands.items()))
            + "; population figures of " + ", ".join(f"{y} ({n})" for y, n in sorted(years.items()))
            + f"; {len(gazetteer().neighbours)} okresy with neighbours")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--towns", type=int, default=100, help="origins per filter")
    parser.add_argument("--keep", help="SQLite file to build (kept afterwards)")
    parser.add_argument("--reuse", action="store_true", help="query an existing database")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="kp-places-")
    url = f"sqlite:///{args.keep or os.path.join(folder, 'bench.db')}"
    os.environ["KP_INSTANCE_PATH"] = folder
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    print(f"== places-like-mine benchmark: {args.n:,} projects, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} ==")
    print(f"gazetteer: {coverage()}")
    if not args.reuse:
        figures = build(app, args.n, args.seed)
        print(f"build: {figures['seconds']:.1f} s, {figures['rate']:,.0f} projects/s")
    rng = random.Random(args.seed)
    origins = list(gazetteer().places.values())
    with app.test_request_context("/en/"), app.app_context():
        started = time.perf_counter()
        first = places_like(origins[0], SearchParams.of(), "en")
        print(f"first call (bitmaps read): {time.perf_counter() - started:.2f} s; "
              f"{first.total:,} ranked for {first.origin.name}")
        print(f"{'filter':<13} {'p50 ms':>8} {'p95 ms':>8} {'n':>5} {'mean hits':>10}")
        for name, terms in FILTERS.items():
            timings, totals = [], []
            for origin in rng.sample(origins, min(args.towns, len(origins))):
                started = time.perf_counter()
                found = places_like(origin, SearchParams.of(**terms), "en")
                timings.append((time.perf_counter() - started) * 1000)
                totals.append(found.total)
                db.session.rollback()
            print(f"{name:<13} {statistics.median(timings):8.1f} "
                  f"{percentile(timings, 0.95):8.1f} {len(timings):5d} "
                  f"{statistics.mean(totals):10,.0f}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
