"""Site benchmark: serve a synthetic corpus with gunicorn and load the search and project pages
with wrk on loopback.

    python bench/site_bench.py 10000 --keep /tmp/kp10k-site.db          # build, then load
    python bench/site_bench.py 100000 --keep /tmp/kp100k-copy.db --reuse

The search page is asked many different searches (bench/search_bench.py's QUERIES, each alone
and with one region facet) and the project page many project ids. Prints per page requests/s,
p50/p95/p99 latency and errors, then the faceted search query's own p50/p95 measured in-process
by search_bench.time_queries and over the page's own mix (beside the page rendered in-process
through the test client), and the ratios of the page's p95 to the query's. The load average
is printed beside each figure: on a shared 2-core machine other work skews them.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench.search_bench import QUERIES, REGIONS, build, percentile, time_queries  # noqa: E402
from knowledge_platform import create_app  # noqa: E402
from knowledge_platform.db import MIGRATIONS, db  # noqa: E402
from knowledge_platform.models import Project, Status  # noqa: E402
from knowledge_platform.search.params import SearchParams  # noqa: E402
from knowledge_platform.search.service import search  # noqa: E402

BIN = Path(sys.executable).parent
# wrk runs this per thread; PATHS is filled in. done() prints the figures as one JSON line.
DONE_LUA = """
function done(summary, latency, requests)
  local q = {}
  for k = 1, 1000 do q[k] = string.format("%d", latency:percentile(k / 10)) end
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "seconds": %f, "socket_errors": %d, '
    .. '"bad_status": %d, "kinds": [%d, %d, %d, %d], "quantiles_us": [%s]}\\n', summary.requests,
    summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    e.connect, e.read, e.write, e.timeout, table.concat(q, ",")))
end
"""
LUA = """
local paths = {PATHS}
local i = 0
function init(args) i = math.random(#paths) end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
""" + DONE_LUA


def search_mix() -> list[SearchParams]:
    """Every query alone and with each region facet: what the search page is asked."""
    return [SearchParams.of(q=query, region=(region,) if region else ())
            for query in QUERIES for region in (None, *REGIONS)]


def search_paths(language: str) -> list[str]:
    """The search page paths of ``search_mix()``."""
    paths = []
    for params in search_mix():
        args = [("q", params.q)] + [("region", code) for code in params.selected("region")]
        paths.append(f"/{language}/search?{urllib.parse.urlencode(args)}")
    return paths


def time_mix(app, language: str, repeat: int) -> tuple[list[float], list[float]]:
    """Milliseconds of the search service (with facets) and of the whole search page through
    the test client, in-process and interleaved over the page's mix, so that load from other
    work weighs on both alike: what rendering adds, without HTTP or wrk."""
    client = app.test_client()
    queries, pages = [], []
    for _ in range(repeat):
        for params, path in zip(search_mix(), search_paths(language), strict=True):
            with app.app_context():
                started = time.perf_counter()
                search(params, language=language)
                queries.append((time.perf_counter() - started) * 1000)
                db.session.rollback()
            started = time.perf_counter()
            client.get(path)
            pages.append((time.perf_counter() - started) * 1000)
    return queries, pages


def project_paths(app, language: str, count: int, seed: int) -> list[str]:
    """Canonical paths of ``count`` published projects picked at random."""
    with app.app_context():
        ids = db.session.scalars(
            select(Project.id).where(Project.status == Status.PUBLISHED)).all()
        chosen = random.Random(seed).sample(ids, min(count, len(ids)))
        slugs = dict(db.session.execute(
            select(Project.id, Project.slug).where(Project.id.in_(chosen))).all())
        db.session.rollback()
    return [f"/{language}/projects/{pid}-{slugs[pid]}" for pid in chosen]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(url: str, instance: str, port: int, workers: int) -> subprocess.Popen:
    """gunicorn serving wsgi:app on loopback, once it answers."""
    # KP_LOG_LEVEL: no JSON request line per request on the terminal while wrk runs.
    env = {**os.environ, "KP_INSTANCE_PATH": instance, "DATABASE_URL": url,
           "KP_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/cs/", timeout=30).close()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def start_wrk(port: int, paths: list[str], seconds: int, connections: int,
              folder: str, kind: str, threads: int = 1) -> subprocess.Popen:
    """wrk loading ``paths`` round-robin for ``seconds``, started in the background."""
    script = Path(folder) / f"{kind}.lua"
    script.write_text(LUA.replace("{PATHS}", "{" + ",".join(json.dumps(p) for p in paths) + "}"))
    return subprocess.Popen(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s",
         str(script), f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)


def wrk_result(process: subprocess.Popen) -> dict:
    """The figures of wrk's done() hook, once it has finished."""
    output, _ = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"wrk exited with code {process.returncode}")
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def run_wrk(port: int, paths: list[str], seconds: int, connections: int, folder: str) -> dict:
    """Load the paths round-robin for ``seconds``: the figures, with p50/p95/p99 in µs and
    ``errors`` (socket errors and time-outs)."""
    result = wrk_result(start_wrk(port, paths, seconds, connections, folder,
                                  f"paths-{abs(hash(paths[0]))}", min(2, connections)))
    quantiles = result["quantiles_us"]  # the k-th is the (k / 10) % percentile
    return {**result, "p50": quantiles[499], "p95": quantiles[949], "p99": quantiles[989],
            "errors": result["socket_errors"]}


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("wrk is missing: installing Debian's wrk", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def prepare_corpus(args, prefix: str):
    """The benchmark's app over a built (or, with --reuse, upgraded) corpus: (app, url,
    instance folder, project count)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    url = args.database_url or f"sqlite:///{args.keep or os.path.join(folder, 'bench.db')}"
    os.environ["KP_INSTANCE_PATH"] = folder
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    if args.reuse:
        with app.app_context():
            upgrade(directory=MIGRATIONS)
    else:
        build(app, args.n, args.seed)
    with app.app_context():
        projects = db.session.scalar(select(func.count()).select_from(Project))
        db.session.rollback()
    return app, url, folder, projects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="SQLite file to build (kept afterwards)")
    parser.add_argument("--reuse", action="store_true", help="serve an existing database")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--seconds", type=int, default=20, help="load time per page")
    parser.add_argument("--connections", type=int, default=2,
                        help="concurrent connections (default: one per worker)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--language", default="cs", choices=["cs", "en"])
    parser.add_argument("--repeat", type=int, default=4, help="passes of time_queries")
    args = parser.parse_args()
    ensure_wrk()

    app, url, folder, projects = prepare_corpus(args, "kp-site-bench-")
    print(f"== site benchmark: {projects:,} projects, {os.cpu_count()} cores, "
          f"{url.split(':')[0]}, gunicorn {args.workers} workers, wrk {args.connections} "
          f"connections, {args.seconds} s per page ==")

    pages = {
        "search": search_paths(args.language),
        "project": project_paths(app, args.language, 2000, args.seed),
    }
    port = free_port()
    server = start_gunicorn(url, folder, port, args.workers)
    figures = {}
    try:
        for name, paths in pages.items():
            # Warm every worker as long as it is measured: facet bitmaps are read once per
            # process, and word analysis and vocabulary caches fill per query and worker.
            run_wrk(port, paths, args.seconds, args.connections, folder)
            before = load_average()
            figures[name] = run_wrk(port, paths, args.seconds, args.connections, folder)
            figures[name]["load"] = f"{before} -> {load_average()}"
            figures[name]["urls"] = len(paths)
        before = load_average()
        figures["search-1c"] = run_wrk(port, pages["search"], args.seconds, 1, folder)
        figures["search-1c"]["load"] = f"{before} -> {load_average()}"
        figures["search-1c"]["urls"] = len(pages["search"])
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{'page':<9} {'urls':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'errors':>10}  load average (1/5/15 min) before -> after")
    for name, f in figures.items():
        rate = f["requests"] / f["seconds"]
        print(f"{name:<9} {f['urls']:5d} {rate:8.1f} {f['p50'] / 1000:8.1f} {f['p95'] / 1000:8.1f} "
              f"{f['p99'] / 1000:8.1f} {f['errors']:>5d}/{f['bad_status']:<4d}  {f['load']}")

    print("errors: socket errors and time-outs (10 s) / responses other than 2xx-3xx; "
          "search-1c: the search page over one connection, one request at a time")

    rng = random.Random(args.seed)
    time_queries(app, "faceted", 1, rng)  # warm the caches once
    timings = time_queries(app, "faceted", args.repeat, rng)
    print(f"search query alone, time_queries faceted (in-process, n={len(timings)}): "
          f"p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms; "
          f"load {load_average()}")
    time_mix(app, args.language, 1)  # warm the test client's process
    mix, rendered = time_mix(app, args.language, 2)
    for what, values in (("search query alone, the page's mix", mix),
                         ("search page, the same mix through the test client", rendered)):
        print(f"{what} (in-process, n={len(values)}): p50 {statistics.median(values):.1f} ms, "
              f"p95 {percentile(values, 0.95):.1f} ms; load {load_average()}")
    for name in ("search", "search-1c"):
        page_p95 = figures[name]["p95"] / 1000
        print(f"{name} page p95 / query p95: {page_p95 / percentile(timings, 0.95):.2f} "
              f"(time_queries), {page_p95 / percentile(mix, 0.95):.2f} (the page's mix)")
    print(f"in-process page p95 / query p95 (the page's mix, interleaved): "
          f"{percentile(rendered, 0.95) / percentile(mix, 0.95):.2f}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
