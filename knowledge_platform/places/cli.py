"""``kp places``: keep the municipalities equal to the gazetteer, and rank projects near a
town from the command line."""
from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from importers.gazetteer import gazetteer


@click.group("places")
def places_group() -> None:
    """Towns and city districts: the gazetteer in the database, projects near a town."""


@places_group.command("sync")
@with_appcontext
def sync_command() -> None:
    """Write importers/data/municipalities.tsv into the municipality vocabulary."""
    from knowledge_platform.db import db
    from knowledge_platform.places.gazetteer_sync import sync
    from knowledge_platform.search import generations

    counts = sync(db.session.connection())
    generations.bump(db.session.connection(), reset=True)
    db.session.commit()
    click.echo(f"{counts['places']} places written, {counts['deleted']} dropped")


@places_group.command("near")
@click.argument("place")
@click.option("--activity", multiple=True, help="Activity type code (repeatable).")
@click.option("--target-group", "target_group", multiple=True,
              help="Target group code (repeatable).")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--language", type=click.Choice(["cs", "en"]), default="cs", show_default=True)
@with_appcontext
def near_command(place: str, activity, target_group, limit: int, language: str) -> None:
    """Published projects near PLACE (a name in any case, or a code), closest first, as
    JSON lines with the reason for each."""
    from flask import current_app
    from flask_babel import force_locale

    from knowledge_platform.places.nearby import places_like
    from knowledge_platform.search.params import SearchParams

    found = gazetteer().lookup(place)
    if len(found) != 1:
        codes = ", ".join(p.code for p in found)
        raise click.BadParameter(f"more places are called {place!r}: {codes}" if found
                                 else f"no town or city district called {place!r}")
    params = SearchParams.of(activity=activity, target_group=target_group, per_page=limit)
    with current_app.test_request_context(), force_locale(language):
        nearby = places_like(found[0], params, language)
    for hit in nearby.hits:
        click.echo(json.dumps({"id": hit["id"], "title": hit["title"], **hit["nearness"]},
                              ensure_ascii=False))
    click.echo(f"{nearby.total} projects near {nearby.origin.name}", err=True)
