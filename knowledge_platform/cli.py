"""The ``kp`` command line: a Flask CLI group with the platform's own commands."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from importers import ReadError
from knowledge_platform.catalogue import FACETS
from knowledge_platform.search.params import SORTS


def _create_app() -> Flask:
    from knowledge_platform import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """Manage the knowledge platform of integration projects."""


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Create the database if missing and load the demo projects (safe to run twice)."""
    from knowledge_platform.demo import load_demo

    upgrade(directory=current_app.extensions["migrate"].directory)
    report = load_demo()
    for result in report.results:
        if result.status == "failed":
            click.echo(f"failed    {result.source}: {result.message}", err=True)
    click.echo(f"demo: {report.summary()}")


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output", type=click.Choice(["json", "text"]),
              help="JSON or readable text (default: JSON records; an evaluation as text tables).")
@click.option("--evaluate", "gold_dir", type=click.Path(exists=True, file_okay=False),
              help="Score the records against the gold in GOLD_DIR (expected.json or "
                   "<stem>.json per document) instead of printing them.")
@with_appcontext
def extract_command(paths: tuple[str, ...], output: str | None, gold_dir: str | None) -> None:
    """Read and extract documents without touching the database; print one record each.

    With ``--evaluate`` print per-field figures and misses against the gold instead.
    Unreadable files are reported on standard error; the exit code is 1 when any failed.
    """
    if gold_dir:
        _evaluate(gold_dir, paths, output or "text")
        return
    from knowledge_platform.ingest.runs import extract_all

    records, failed = [], 0
    for item in extract_all(paths, current_app.config["IMPORT_MAX_BYTES"]):
        if isinstance(item, ReadError):
            failed += 1
            click.echo(f"error: {item}", err=True)
        else:
            records.append(item)
    if (output or "json") == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for record in records:
            click.echo(f"{record['source']}")
            for name, value in record.items():
                if name not in ("source", "evidence", "confidence") and value not in (None, []):
                    click.echo(f"  {name}: {value}")
    if failed:
        raise SystemExit(1)


def _evaluate(gold_dir: str, paths: tuple[str, ...], output: str) -> None:
    """``kp extract --evaluate``: per-field figures and misses; exit 1 when a file failed."""
    from importers.evaluation_corpus import evaluate_corpus
    from importers.evaluation_report import render_text

    run = evaluate_corpus(gold_dir, paths, current_app.config["IMPORT_MAX_BYTES"])
    for error in run.errors:
        click.echo(f"error: {error}", err=True)
    for path in run.without_gold:
        click.echo(f"no gold, not scored: {path}", err=True)
    if not run.evaluation.documents:
        raise click.UsageError(f"no document under {', '.join(paths)} has gold in {gold_dir}")
    if output == "json":
        click.echo(json.dumps(run.evaluation.as_json() | {"seconds": round(run.seconds, 2)},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(run.evaluation))
        click.echo(f"\nevaluated in {run.seconds:.1f} s")
    if run.errors:
        raise SystemExit(1)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--publish", is_flag=True, help="Publish imported projects at once.")
@click.option("--dry-run", is_flag=True, help="Report what would happen; store nothing.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that read and extract documents; this one stores them, "
                   "in input order, each file in its own transaction.")
@with_appcontext
def import_command(paths: tuple[str, ...], publish: bool, dry_run: bool, jobs: int) -> None:
    """Import documents (files or folders) as projects, each file in its own transaction."""
    from knowledge_platform.ingest.runs import import_paths

    report = import_paths(
        paths,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
        publish=publish,
        dry_run=dry_run,
        progress=_progress,
        jobs=jobs,
    )
    for result in report.results:
        line = f"{result.status:<9} {result.source}"
        if result.status == "failed":
            click.echo(f"{line}: {result.message}", err=True)
        else:
            project = f" (project {result.project_id})" if result.project_id else ""
            # A published project's new values wait for a curator: say which.
            proposed = f": {result.message}" if result.message.startswith("proposed") else ""
            click.echo(line + project + proposed)
    prefix = "dry run, nothing stored: " if dry_run else f"import run {report.run_id}: "
    click.echo(prefix + report.summary())
    if report.counts["failed"]:
        raise SystemExit(1)


@click.group("index")
def index_group() -> None:
    """Maintain the full-text search index."""


@index_group.command("rebuild")
@with_appcontext
def index_rebuild() -> None:
    """Re-analyse every project (e.g. after the analyser changed), in one transaction."""
    from knowledge_platform.search.index import rebuild

    click.echo(f"indexed {rebuild()} projects")


@index_group.command("check")
@with_appcontext
def index_check() -> None:
    """Exit non-zero when any project's index entry is missing or stale."""
    from knowledge_platform.search.index import check

    problems = check()
    for project_id, problem in problems:
        click.echo(f"project {project_id}: {problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problems; run 'kp index rebuild'", err=True)
        raise SystemExit(1)
    click.echo("search index is complete and current")


def facet_options(command: Callable) -> Callable:
    """A repeatable code option per catalogue facet (``--target-group``), named like it."""
    for facet in reversed(FACETS):
        command = click.option(f"--{facet.name.replace('_', '-')}", facet.name, multiple=True,
                               help=f"{facet.label} code (repeatable).")(command)
    return command


@click.command("search")
@click.argument("query", default="")
@facet_options
@click.option("--year-from", type=int, help="Projects running in or after this year.")
@click.option("--year-to", type=int, help="Projects running in or before this year.")
@click.option("--sort", type=click.Choice(SORTS),
              default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--language", type=click.Choice(["cs", "en"]), default="cs", show_default=True,
              help="Language of labels and titles.")
@click.option("--format", "output", type=click.Choice(["json", "text"]), default="text",
              show_default=True)
@with_appcontext
def search_command(query, year_from, year_to, sort, limit, language, output, **terms) -> None:
    """Search published projects as the site does; print hits and facets."""
    from werkzeug.datastructures import MultiDict

    from knowledge_platform.search.params import ParameterError
    from knowledge_platform.search.schema import parse_params
    from knowledge_platform.search.service import search

    args = MultiDict([("q", query), ("sort", sort), ("per_page", str(limit))])
    for name, values in terms.items():
        args.setlist(name, list(values))
    for name, value in (("year_from", year_from), ("year_to", year_to)):
        if value is not None:
            args[name] = str(value)
    try:
        params = parse_params(args)
    except ParameterError as error:
        raise click.UsageError(str(error)) from None
    result = search(params, language=language)
    if output == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    if result.fallback == "most":
        click.echo("Few projects have every word; projects with most of them follow.")
    elif result.fallback:
        click.echo("No project has every word; showing projects with any of them.")
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")
    if result.also_searched:
        click.echo(f"Also searched: {', '.join(result.also_searched)}")
    click.echo(f"{result.total} projects")
    for hit in result.hits:
        regions = ", ".join(region["label"] for region in hit["regions"])
        click.echo(f"[{hit['id']}] {hit['title']} — {hit['implementer'] or '?'} ({regions})")


def _progress(items: Iterator) -> Iterator:
    # click draws the bar only on a terminal, so logs and tests stay clean.
    with click.progressbar(items, label="Importing", show_pos=True, file=None) as bar:
        yield from bar


def init_app(app: Flask) -> None:
    """Add the platform's commands to ``flask``/``kp``."""
    for command in (demo_command, extract_command, import_command, index_group, search_command):
        app.cli.add_command(command)
