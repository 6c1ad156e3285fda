"""``kp export``: write a full, citable data release into a folder; ``kp release``: publish
one on the site's data page."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from knowledge_platform.exports.release import write_release
from knowledge_platform.exports.releases import ReleaseExists, all_releases, create_release
from knowledge_platform.exports.writers import DIALECTS, FORMATS


@click.command("export")
@click.option("--format", "format_", type=click.Choice(FORMATS), default="csv",
              show_default=True, help="Format of the data file.")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the release into (created when missing).")
@click.option("--dialect", type=click.Choice(tuple(DIALECTS)), default="comma",
              show_default=True, help="CSV only: semicolon and decimal comma for Czech Excel.")
@click.option("--base-url", default=None,
              help="Public address of the site, for the url column "
                   "(default: the PUBLIC_BASE_URL setting).")
@with_appcontext
def export_command(format_: str, out: Path, dialect: str, base_url: str | None) -> None:
    """Export every published project with a codebook, a JSON Schema and a release stamp."""
    base_url = base_url or current_app.config["PUBLIC_BASE_URL"] or ""
    if not base_url:
        click.echo("note: no --base-url or PUBLIC_BASE_URL; the url column holds paths only",
                   err=True)
    release = write_release(out, format_, dialect, base_url)
    for name in (*release.files, "release.json"):
        click.echo(f"{(out / name).stat().st_size:>12,}  {out / name}")
    click.echo(f"release {release.version}: {release.records} projects")


@click.group("release")
def release_group() -> None:
    """Data releases published on the site's data page (/<lang>/data)."""


@release_group.command("create")
@click.option("--base-url", default=None,
              help="Public address of the site (default: the PUBLIC_BASE_URL setting).")
@with_appcontext
def release_create(base_url: str | None) -> None:
    """Publish a release of every published project in CSV, JSON Lines and XLSX, with its
    codebook, schema, checksums and what changed since the last release."""
    base_url = base_url or current_app.config["PUBLIC_BASE_URL"] or ""
    try:
        stamp = create_release(base_url)
    except ReleaseExists as exists:
        raise click.ClickException(f"release {exists} exists already: nothing has changed "
                                   "since it was made") from None
    changes = stamp["changes"]
    click.echo(f"release {stamp['version']}: {stamp['records']} projects; since "
               f"{changes['previous'] or 'no earlier release'}: {changes['added']} added, "
               f"{changes['changed']} changed, {changes['withdrawn']} withdrawn")


@release_group.command("list")
@with_appcontext
def release_list() -> None:
    """The published releases, the newest first."""
    for stamp in all_releases():
        click.echo(f"{stamp['version']}  {stamp['date']}  {stamp['records']:>8,} projects")
