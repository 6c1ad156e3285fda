"""Load test: the site under gunicorn, driven on loopback by wrk with two mixes of requests.

    python bench/load_bench.py 100000 --keep /tmp/kp100k.db [--reuse]   # 100 connections, 120 s
    python bench/load_bench.py 10000 --seconds 30 --keep /tmp/kp10k.db --mix popular

``--mix uniform`` (the default) asks every URL of each kind equally often, all kinds at once
(search pages with facets, project pages, API JSON, a few CSV exports): the worst case for
caches. ``--mix popular`` is what a link in a newsletter brings: URL popularity follows a
Zipf law (the n-th most asked URL is asked 1/n as often as the first) over the home page,
region, funder and search pages, project pages and API calls, and 10 % of the requests are
conditional (If-None-Match with the ETag the URL answered before the run).

The corpus is bench/corpus.py's, built (or reused) as bench/site_bench.py does, with its
gunicorn and wrk helpers. Each kind of request gets its own wrk process and its share of the
connections, all running together; wrk's done() hook reports a thousand latency quantiles, from
which the overall p50/p95/p99 are merged. CSV exports have no row limit in the API, so the mix
asks only narrow searches (at most EXPORT_ROWS matches). Prints requests/s, p50/p95/p99 and
errors (socket errors and time-outs / responses other than 2xx-3xx) per kind and overall;
``--json FILE`` writes the same figures.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from functools import partial
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.search_bench import FUNDERS, QUERIES, REGIONS  # noqa: E402
from bench.site_bench import (  # noqa: E402
    DONE_LUA,
    ensure_wrk,
    free_port,
    load_average,
    prepare_corpus,
    project_paths,
    search_mix,
    search_paths,
    start_gunicorn,
    start_wrk,
    wrk_result,
)
from knowledge_platform.catalogue import FACETS  # noqa: E402
from knowledge_platform.db import db  # noqa: E402
from knowledge_platform.models import VOCABULARIES  # noqa: E402
from knowledge_platform.search.params import SearchParams  # noqa: E402
from knowledge_platform.search.service import search  # noqa: E402

# Share of the connections per kind of request.
MIX = {"search": 0.40, "project": 0.30, "api": 0.25, "export": 0.05}
EXPORT_ROWS = 500
ZIPF_EXPONENT = 1.0
CONDITIONAL = 0.10
POPULAR_LUA = """
local paths = {PATHS}
local cumulative = {WEIGHTS}
local etags = {ETAGS}
function pick()
  local r, low, high = math.random(), 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < r then low = middle + 1 else high = middle end
  end
  return low
end
function request()
  local i = pick()
  if math.random() < {CONDITIONAL} and etags[i] ~= "" then
    return wrk.format("GET", paths[i], {["If-None-Match"] = etags[i]})
  end
  return wrk.format("GET", paths[i])
end
"""


def api_paths(app, language: str, seed: int) -> list[str]:
    """Searches with facet counts, single projects and organisation pages of the JSON API."""
    paths = []
    for params in search_mix():
        args = [("q", params.q), ("facets", "1"), ("locale", language)]
        paths.append("/api/v1/projects?" + urllib.parse.urlencode(
            args + [("region", code) for code in params.selected("region")]))
    for path in project_paths(app, language, 500, seed + 1):
        paths.append("/api/v1/projects/" + path.rsplit("/", 1)[1].split("-", 1)[0])
    paths += [f"/api/v1/organisations?sort=projects&page={page}" for page in range(1, 21)]
    return paths


def export_paths(app, language: str, seed: int, count: int = 60) -> list[str]:
    """CSV exports of narrow searches (a word, a region and a funder) of 1..EXPORT_ROWS rows."""
    rng = random.Random(seed)
    paths: list[str] = []
    with app.app_context():
        for _ in range(count * 10):
            params = SearchParams.of(q=rng.choice(QUERIES), region=(rng.choice(REGIONS),),
                                  funder=(rng.choice(FUNDERS),))
            total = search(params, language=language, with_facets=False).total
            db.session.rollback()
            if 0 < total <= EXPORT_ROWS:
                args = [("q", params.q), ("region", params.selected("region")[0]),
                        ("funder", params.selected("funder")[0])]
                paths.append("/api/v1/projects.csv?" + urllib.parse.urlencode(args))
            if len(paths) == count:
                break
    return paths or ["/api/v1/projects.csv?q=" + urllib.parse.quote(QUERIES[0])
                     + "&region=CZ010&funder=AMIF"]


def popular_paths(app, pages: dict[str, list[str]], language: str, seed: int) -> list[str]:
    """Every URL of the popular mix, most asked first: the home page, then the browse
    pages, searches, projects and API calls in an order shuffled once."""
    browse = [f"/{language}/{facet.slug}/{code}" for facet in FACETS if facet.name in (
        "region", "funder") for code in _codes(app, facet.name)]
    rest = browse + pages["search"] + pages["project"] + pages["api"]
    random.Random(seed).shuffle(rest)
    return [f"/{language}/"] + rest


def _codes(app, facet: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(VOCABULARIES[facet].code)))


def start_popular_wrk(port: int, paths: list[str], seconds: int, connections: int,
                      folder: str) -> subprocess.Popen:
    """wrk asking ``paths`` by Zipf popularity, a share of the requests conditional."""
    weights = [1 / rank ** ZIPF_EXPONENT for rank in range(1, len(paths) + 1)]
    total, running, cumulative = sum(weights), 0.0, []
    for weight in weights:
        running += weight / total
        cumulative.append(f"{running:.9f}")
    etags = [_etag(port, path) for path in paths]
    script = Path(folder) / "popular.lua"
    script.write_text(POPULAR_LUA.replace("{CONDITIONAL}", str(CONDITIONAL))
                      .replace("{PATHS}", _lua_list(paths))
                      .replace("{WEIGHTS}", "{" + ",".join(cumulative) + "}")
                      .replace("{ETAGS}", _lua_list(etags)) + DONE_LUA)
    return subprocess.Popen(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s",
         str(script), f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)


def _etag(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as answer:
        return answer.headers.get("ETag") or ""


def _lua_list(values: list[str]) -> str:
    return "{" + ",".join(json.dumps(value) for value in values) + "}"


def connections_per_kind(total: int) -> dict[str, int]:
    """``total`` connections split by MIX, at least one for each kind."""
    split = {kind: max(1, round(total * share)) for kind, share in MIX.items()}
    split["search"] += total - sum(split.values())
    return split


def merged_percentile(results: list[dict], share: float) -> float:
    """Milliseconds below which ``share`` of all requests fell: each wrk quantile stands for
    a thousandth of its own process's requests."""
    points = sorted((q, r["requests"] / 1000) for r in results for q in r["quantiles_us"])
    total = sum(weight for _, weight in points)
    seen = 0.0
    for value, weight in points:
        seen += weight
        if seen >= share * total:
            return value / 1000
    return points[-1][0] / 1000 if points else 0.0


def run_mix(port: int, pages: dict[str, list[str]], seconds: int, connections: int,
            folder: str) -> dict[str, dict]:
    """Every kind of request at once for ``seconds``; the figures per kind and overall."""
    split = connections_per_kind(connections)
    processes = {kind: start_wrk(port, pages[kind], seconds, split[kind], folder, kind)
                 for kind in pages}
    results = {kind: wrk_result(process) for kind, process in processes.items()}
    figures = {}
    for kind, result in results.items():
        figures[kind] = summarise([result], split[kind], len(pages[kind]))
    figures["overall"] = summarise(list(results.values()), connections,
                                   sum(len(paths) for paths in pages.values()))
    return figures


def run_popular(port: int, paths: list[str], seconds: int, connections: int,
                folder: str) -> dict[str, dict]:
    """The popular mix for ``seconds``; its figures."""
    result = wrk_result(start_popular_wrk(port, paths, seconds, connections, folder))
    return {"overall": summarise([result], connections, len(paths))}


def summarise(results: list[dict], connections: int, urls: int) -> dict:
    seconds = max(result["seconds"] for result in results)
    requests = sum(result["requests"] for result in results)
    return {
        "connections": connections, "urls": urls, "requests": requests,
        "requests_per_second": requests / seconds if seconds else 0.0,
        "p50_ms": merged_percentile(results, 0.50), "p95_ms": merged_percentile(results, 0.95),
        "p99_ms": merged_percentile(results, 0.99),
        "socket_errors": sum(result["socket_errors"] for result in results),
        # connect, read, write, time-out
        "socket_error_kinds": [sum(r["kinds"][k] for r in results) for k in range(4)],
        "bad_status": sum(result["bad_status"] for result in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="SQLite file to build (kept afterwards)")
    parser.add_argument("--reuse", action="store_true", help="serve an existing database")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--seconds", type=int, default=120, help="load time (default 120)")
    parser.add_argument("--warmup", type=int, default=15, help="unmeasured warm-up seconds")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--language", default="cs", choices=["cs", "en"])
    parser.add_argument("--mix", default="uniform", choices=["uniform", "popular"])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.connections < len(MIX):
        parser.error(f"--connections must be at least {len(MIX)}, one per kind of request")
    ensure_wrk()

    app, url, folder, projects = prepare_corpus(args, "kp-load-bench-")
    pages = {
        "search": search_paths(args.language),
        "project": project_paths(app, args.language, 2000, args.seed),
        "api": api_paths(app, args.language, args.seed),
        "export": export_paths(app, args.language, args.seed),
    }
    print(f"== load benchmark, {args.mix} mix: {projects:,} projects, {os.cpu_count()} cores, "
          f"{url.split(':')[0]}, gunicorn {args.workers} workers, wrk {args.connections} "
          f"connections for {args.seconds} s (after {args.warmup} s warm-up) ==", flush=True)
    port = free_port()
    server = start_gunicorn(url, folder, port, args.workers)
    try:
        run = partial(run_popular, port, popular_paths(app, pages, args.language, args.seed)) \
            if args.mix == "popular" else partial(run_mix, port, pages)
        if args.warmup:
            # Every worker reads its facet bitmaps and fills its caches once.
            run(args.warmup, max(len(MIX), args.connections // 4), folder)
        before = load_average()
        figures = run(args.seconds, args.connections, folder)
        load = f"{before} -> {load_average()}"
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{'kind':<8} {'conns':>5} {'urls':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>10}")
    for kind, f in figures.items():
        print(f"{kind:<8} {f['connections']:5d} {f['urls']:5d} {f['requests']:9d} "
              f"{f['requests_per_second']:8.1f} {f['p50_ms']:8.1f} {f['p95_ms']:8.1f} "
              f"{f['p99_ms']:8.1f} {f['socket_errors']:>5d}/{f['bad_status']:<4d}")
    kinds = figures["overall"]["socket_error_kinds"]
    print(f"socket errors: connect {kinds[0]}, read {kinds[1]}, write {kinds[2]}, "
          f"time-out {kinds[3]}")
    print(f"errors: socket errors and time-outs (10 s) / responses other than 2xx-3xx; "
          f"load average (1/5/15 min) {load}")
    if args.json:
        args.json.write_text(json.dumps({
            "projects": projects, "mix": args.mix, "workers": args.workers,
            "seconds": args.seconds,
            "connections": args.connections, "load": load, "figures": figures}, indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
