"""The site's published data releases: made by ``kp release create`` into the instance
folder, listed on /<lang>/data, each compared with the release before it."""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from flask import current_app

from knowledge_platform.db import db
from knowledge_platform.exports.release import write_release, write_stamp
from knowledge_platform.search import generations

FOLDER = "releases"
# Every release holds the data in each of these; the first is the one the codebook describes.
FORMATS = ("csv", "jsonl", "xlsx")
STAMP = "release.json"


class ReleaseExists(Exception):
    """The data has not changed since a release of the same version was made."""


def releases_folder() -> Path:
    return Path(current_app.instance_path) / FOLDER


def create_release(base_url: str, today: date | None = None) -> dict[str, Any]:
    """Write a release of every published project; its stamp, with what changed since the
    last one. It is built aside and moved into place whole, so the list never shows half
    a release."""
    root = releases_folder()
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        release = write_release(building, FORMATS, "comma", base_url, today)
        target = root / release.version
        if target.exists():
            raise ReleaseExists(release.version)
        stamp = json.loads((building / STAMP).read_text("utf-8"))
        stamp["created_at"] = datetime.now(UTC).isoformat()  # orders a day's releases
        stamp["changes"] = _changes(latest(), building)
        write_stamp(building, stamp)
        building.rename(target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    # The data page and the API's landing list releases: answers kept before are stale.
    generations.bump(db.session.connection())
    db.session.commit()
    return stamp


def all_releases() -> list[dict[str, Any]]:
    """Every release's stamp, the newest first."""
    root = releases_folder()
    if not root.is_dir():
        return []
    stamps = [json.loads((folder / STAMP).read_text("utf-8")) for folder in root.iterdir()
              if not folder.name.startswith(".") and (folder / STAMP).is_file()]
    return sorted(stamps, key=lambda stamp: stamp["created_at"], reverse=True)


def latest() -> dict[str, Any] | None:
    """The newest release's stamp, None before the first."""
    found = all_releases()
    return found[0] if found else None


def release_file(version: str, name: str) -> Path | None:
    """The path of one file of a release, None unless that release lists it."""
    stamp = next((found for found in all_releases() if found["version"] == version), None)
    if stamp is None or (name not in stamp["files"] and name != STAMP):
        return None
    return releases_folder() / stamp["version"] / name


def _changes(previous: dict[str, Any] | None, folder: Path) -> dict[str, Any]:
    """Records added, changed and withdrawn since ``previous`` (all added for the first)."""
    now = _fingerprints(folder)
    before = _fingerprints(releases_folder() / previous["version"]) if previous else {}
    return {
        "previous": previous["version"] if previous else None,
        "added": len(now.keys() - before.keys()),
        "changed": sum(1 for key in now.keys() & before.keys() if now[key] != before[key]),
        "withdrawn": len(before.keys() - now.keys()),
    }


def _fingerprints(folder: Path) -> dict[int, str]:
    """Each record's id and a hash of it, from the release's JSON Lines file."""
    found = {}
    with open(folder / "projects.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                found[json.loads(line)["id"]] = hashlib.sha256(line.encode()).hexdigest()
    return found
