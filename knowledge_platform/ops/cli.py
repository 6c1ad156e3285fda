"""``kp serve``, ``kp backup`` and ``kp restore``."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from knowledge_platform.db import MIGRATIONS, db, describe_error
from knowledge_platform.ops import checks

# Exit code when the site must not start: the database is unreachable or out of date.
EXIT_NOT_READY = 2


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64),
              help="Worker processes [default: KP_WORKERS, else 2 × CPUs + 1, at most 8].")
@click.option("--per-worker-limits", is_flag=True,
              help="Start several workers even though login limits are counted per process.")
@with_appcontext
def serve_command(host: str, port: int, workers: int | None, per_worker_limits: bool) -> None:
    """Serve the site in production mode with gunicorn, after checking the database."""
    from knowledge_platform.ops.serve import Server, gunicorn_options, warm
    from knowledge_platform.search import bitmap_cache

    options = gunicorn_options(current_app.config, host, port, workers)
    problem = checks.startup_problem() or (
        None if per_worker_limits else checks.limits_problem(options["workers"]))
    if problem:
        click.echo(problem, err=True)
        raise SystemExit(EXIT_NOT_READY)
    # On standard error: standard output carries the request log as JSON lines.
    click.echo(f"Serving on {options['bind']} with {options['workers']} worker processes.",
               err=True)
    # Read the search bitmaps once here, so the workers start from the snapshot this
    # writes instead of each building it at once (minutes at a million projects, longer
    # than gunicorn lets a worker take to start).
    warm(current_app)
    bitmap_cache.forget()
    db.engine.dispose()  # the workers open their own connections after the fork
    Server(options).run()


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(out: Path) -> None:
    """Write a consistent copy of the database to OUT while the site keeps running.

    SQLite: a SQLite file; PostgreSQL: a pg_dump custom-format file (needs pg_dump).
    """
    from knowledge_platform.ops.backup import BackupError, backup

    try:
        backup(db.engine, out)
    except (BackupError, SQLAlchemyError, OSError) as error:
        raise click.ClickException(_reason(error)) from None
    click.echo(f"backed up {checks.safe_url(db.engine.url)} to {out} "
               f"({out.stat().st_size:,} bytes)")


@click.command("restore")
@click.argument("source", metavar="IN",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(source: Path) -> None:
    """Load the backup IN into an empty database, then upgrade its schema and check the
    search index (rebuilt when stale). Stop the site while restoring."""
    from knowledge_platform.ops.backup import BackupError, restore

    try:
        restore(db.engine, source)
    except (BackupError, SQLAlchemyError, OSError) as error:
        raise click.ClickException(_reason(error)) from None
    click.echo(f"restored {source} into {checks.safe_url(db.engine.url)}")
    _bring_up_to_date()


def _bring_up_to_date() -> None:
    """Upgrade a restored older schema, then make sure the search index matches the data."""
    from flask_migrate import upgrade

    from knowledge_platform.search.index import analyse_tables, check, rebuild

    with db.engine.connect() as connection:
        revisions = checks.current_revisions(connection)
    state = checks.schema_state(revisions)
    if state in (checks.AHEAD, checks.MISSING):
        raise click.ClickException(
            "the backup holds no platform schema" if state == checks.MISSING else
            f"the backup comes from newer code (revision {', '.join(sorted(revisions or ()))}): "
            "upgrade the code before serving it")
    if state == checks.BEHIND:
        upgrade(directory=MIGRATIONS)
        click.echo(f"upgraded the schema from {', '.join(sorted(revisions or ()))} to "
                   f"{', '.join(sorted(checks.head_revisions()))}")
    problems = check()
    if problems:
        click.echo(f"search index: {len(problems)} entries missing or stale; "
                   f"rebuilt {rebuild()} projects")
    else:
        analyse_tables()  # pg_restore brings no planner statistics
        click.echo("search index is complete and current")


def _reason(error: BaseException) -> str:
    return describe_error(error) if isinstance(error, SQLAlchemyError) else str(error)


COMMANDS = (serve_command, backup_command, restore_command)
