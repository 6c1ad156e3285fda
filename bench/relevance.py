"""Relevance suite: graded judgements over the demo corpus, for this engine and plain FTS5.

    python bench/relevance.py                 # per-query table and the overall figures
    python bench/relevance.py --json out.json # the figures as JSON as well

The queries and grades in ``bench/data/relevance.json`` were written from the records'
content before any tuning (3 exactly what is wanted … 0 not relevant). The script loads
the demo corpus into a fresh SQLite file, asks each query of the search service (the
site's first page of ten, the same parameters a visitor's query has) and of a plain FTS5
table over the same records' raw text (unicode61 without diacritics, bm25 with the same
column weights, every word required), and prints per query and overall:

- nDCG@10 (gain 2^grade - 1, ideal order from every judged record);
- recall@10 of the clearly relevant records (grade 2 or 3), out of at most ten;
- for Czech/English counterpart pairs, the Jaccard overlap of their top tens;
- for the negation queries, whether a record graded 0 on purpose (it states the opposite
  of the query) comes first.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

from knowledge_platform import create_app  # noqa: E402
from knowledge_platform.db import MIGRATIONS, db  # noqa: E402
from knowledge_platform.demo import load_demo  # noqa: E402
from knowledge_platform.models import Project, SourceDocument  # noqa: E402
from knowledge_platform.search import contradictions  # noqa: E402
from knowledge_platform.search.schema import parse_params  # noqa: E402
from knowledge_platform.search.service import search  # noqa: E402
from search_index.text import fold  # noqa: E402

JUDGEMENTS = ROOT / "bench" / "data" / "relevance.json"
DEPTH = 10
WEIGHTS = "10.0, 4.0, 1.0"  # title, summary, body: the engine's own
TEXTS = ("title", "summary", "description")


def load_suite(path: Path = JUDGEMENTS) -> list[dict]:
    """The queries with their judgements ({record key: grade})."""
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def build_demo(folder: Path):
    """An app over a fresh SQLite file holding the demo corpus."""
    os.environ["KP_INSTANCE_PATH"] = str(folder / "instance")
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}"})
    finally:
        del os.environ["KP_INSTANCE_PATH"]
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        load_demo()
    return app


def record_keys(demo_folder: Path) -> dict[str, int]:
    """Judgement key (a record's first document, relative to the demo documents) → id."""
    documents = demo_folder / "documents"
    keys: dict[str, int] = {}
    rows = select(SourceDocument.location, SourceDocument.project_id).order_by(
        SourceDocument.id)
    for location, project_id in db.session.execute(rows):
        key = Path(location).resolve().relative_to(documents.resolve()).as_posix()
        keys.setdefault(key, project_id)
    return keys


def engine_top(query: str, negation: bool = True) -> list[int]:
    """The ids of the site's first page of ten for ``query`` (``negation`` False: as if
    hits that negate the query were not moved down)."""
    params = parse_params(MultiDict([("q", query), ("per_page", str(DEPTH))]))
    demotion = contradictions.DEMOTION
    contradictions.DEMOTION = demotion if negation else 0
    try:
        return [hit["id"] for hit in search(params, with_facets=False).hits]
    finally:
        contradictions.DEMOTION = demotion


def plain_fts5() -> sqlite3.Connection:
    """An in-memory FTS5 table of the projects' raw texts, both languages in each column."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE plain USING fts5(title, summary, body, "
                       "tokenize='unicode61 remove_diacritics 2')")
    for project in db.session.scalars(select(Project)):
        texts = [" ".join(filter(None, (getattr(project, f"{name}_cs"),
                                        getattr(project, f"{name}_en")))) for name in TEXTS]
        connection.execute("INSERT INTO plain(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                           (project.id, *texts))
    return connection


def plain_top(connection: sqlite3.Connection, query: str) -> list[int]:
    """Plain FTS5's top ten: every word of the query, quoted, ranked by bm25."""
    words = re.findall(r"\w+", fold(query))
    if not words:
        return []
    expression = " AND ".join(f'"{word}"' for word in words)
    return [row[0] for row in connection.execute(
        f"SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY bm25(plain, {WEIGHTS}) "
        "LIMIT ?", (expression, DEPTH))]


def ndcg(ranked: list[int], grades: dict[int, int]) -> float:
    """nDCG@10 with gain 2^grade - 1."""
    def dcg(gains: list[int]) -> float:
        return sum((2 ** gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = dcg(sorted(grades.values(), reverse=True)[:DEPTH])
    return dcg([grades.get(pid, 0) for pid in ranked[:DEPTH]]) / ideal if ideal else 0.0


def recall(ranked: list[int], grades: dict[int, int]) -> float:
    """Share of the clearly relevant records (grade ≥ 2) in the top ten, out of ≤ 10."""
    relevant = {pid for pid, grade in grades.items() if grade >= 2}
    return len(relevant & set(ranked[:DEPTH])) / min(DEPTH, len(relevant)) if relevant else 1.0


def jaccard(first: list[int], second: list[int]) -> float:
    a, b = set(first[:DEPTH]), set(second[:DEPTH])
    return len(a & b) / len(a | b) if a | b else 1.0


def evaluate(app, suite: list[dict]) -> dict:
    """Per-query and overall figures for the engine and plain FTS5."""
    with app.app_context():
        keys = record_keys(Path(app.config["DEMO_FOLDER"]))
        plain = plain_fts5()
        rows, tops = [], {}
        for item in suite:
            grades = {keys[key]: grade for key, grade in item["judgements"].items()}
            engine, baseline = engine_top(item["query"]), plain_top(plain, item["query"])
            db.session.rollback()
            tops[item["id"]] = engine
            traps = {pid for pid, grade in grades.items() if grade == 0}
            unguarded = engine_top(item["query"], negation=False) if traps else []
            rows.append({
                "id": item["id"], "query": item["query"], "language": item["language"],
                "kinds": item.get("kinds", []),
                "ndcg": ndcg(engine, grades), "recall": recall(engine, grades),
                "plain_ndcg": ndcg(baseline, grades), "plain_recall": recall(baseline, grades),
                "trap_first": bool(engine) and engine[0] in traps,
                "unguarded_trap_first": bool(unguarded) and unguarded[0] in traps,
                "plain_trap_first": bool(baseline) and baseline[0] in traps,
            })
    pairs = []
    for item in suite:
        other = item.get("counterpart")
        if other and item["id"] < other and other in tops:
            pairs.append({"pair": f"{item['id']}/{other}",
                          "jaccard": jaccard(tops[item["id"]], tops[other])})
    return {"queries": rows, "pairs": pairs, "overall": _overall(rows, pairs)}


def _overall(rows: list[dict], pairs: list[dict]) -> dict:
    def mean(name: str, subset: list[dict] = rows) -> float:
        return statistics.fmean(row[name] for row in subset) if subset else 0.0
    figures = {name: mean(name) for name in ("ndcg", "recall", "plain_ndcg", "plain_recall")}
    for language in ("cs", "en"):
        subset = [row for row in rows if row["language"] == language]
        figures[f"ndcg_{language}"] = mean("ndcg", subset)
        figures[f"plain_ndcg_{language}"] = mean("plain_ndcg", subset)
    figures["jaccard"] = statistics.fmean(p["jaccard"] for p in pairs) if pairs else 0.0
    figures["pairs_below_0_6"] = sum(p["jaccard"] < 0.6 for p in pairs)
    negation = [row for row in rows if "negation" in row["kinds"]]
    figures["negation_queries"] = len(negation)
    figures["negation_trap_first"] = sum(row["trap_first"] for row in negation)
    figures["unguarded_negation_trap_first"] = sum(
        row["unguarded_trap_first"] for row in negation)
    figures["plain_negation_trap_first"] = sum(row["plain_trap_first"] for row in negation)
    figures["queries"] = len(rows)
    return figures


def report(figures: dict) -> str:
    """The figures as a plain-text table."""
    lines = [f"{'query':<48} {'lang':<4} {'nDCG':>5} {'rec':>5} {'FTS5':>5} {'rec':>5}"]
    for row in figures["queries"]:
        flag = " trap first" if row["trap_first"] else ""
        lines.append(f"{row['query'][:48]:<48} {row['language']:<4} {row['ndcg']:5.2f} "
                     f"{row['recall']:5.2f} {row['plain_ndcg']:5.2f} "
                     f"{row['plain_recall']:5.2f}{flag}")
    low = sorted(figures["pairs"], key=lambda pair: pair["jaccard"])[:10]
    lines.append("lowest cs/en overlaps: " + ", ".join(
        f"{pair['pair']} {pair['jaccard']:.2f}" for pair in low))
    overall = figures["overall"]
    lines += [
        f"queries {overall['queries']}; counterpart pairs {len(figures['pairs'])}",
        f"{'':<22} {'engine':>7} {'FTS5':>7}",
        f"{'nDCG@10':<22} {overall['ndcg']:7.3f} {overall['plain_ndcg']:7.3f}",
        f"{'  Czech queries':<22} {overall['ndcg_cs']:7.3f} {overall['plain_ndcg_cs']:7.3f}",
        f"{'  English queries':<22} {overall['ndcg_en']:7.3f} {overall['plain_ndcg_en']:7.3f}",
        f"{'recall@10':<22} {overall['recall']:7.3f} {overall['plain_recall']:7.3f}",
        f"{'negation trap first':<22} {overall['negation_trap_first']:>7} "
        f"{overall['plain_negation_trap_first']:>7}   (of {overall['negation_queries']}; "
        f"{overall['unguarded_negation_trap_first']} without moving negating hits down)",
        f"cs/en top-ten Jaccard (engine): mean {overall['jaccard']:.3f}, "
        f"{overall['pairs_below_0_6']} pairs below 0.6",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    os.environ.setdefault("KP_LOG_LEVEL", "WARNING")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        app = build_demo(Path(folder))
        figures = evaluate(app, load_suite())
        with app.app_context():
            db.engine.dispose()
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
