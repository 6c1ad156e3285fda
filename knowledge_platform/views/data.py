"""The open data page: every published release with its files, checksums, changes and a
citation, and a stable address for the newest release's files."""
from __future__ import annotations

from flask import abort, redirect, render_template, send_file, url_for

from knowledge_platform.exports.releases import all_releases, latest, release_file
from knowledge_platform.views.public import bp

# A release never changes once made: its files may be kept for a year.
IMMUTABLE = 365 * 24 * 3600


@bp.get("/data")
def data_page():
    """The data releases, the newest first."""
    return render_template("public/data.html", releases=all_releases())


@bp.get("/data/latest/<name>")
def latest_file(name: str):
    """The newest release's file ``name``, by a stable address (it moves on to the next)."""
    newest = latest()
    if newest is None or release_file(newest["version"], name) is None:
        abort(404)
    return redirect(url_for("public.release_download", version=newest["version"], name=name))


@bp.get("/data/<version>/<name>")
def release_download(version: str, name: str):
    """One file of one release."""
    path = release_file(version, name)
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, as_attachment=name != "release.json", max_age=IMMUTABLE)
    response.cache_control.immutable = True
    return response
