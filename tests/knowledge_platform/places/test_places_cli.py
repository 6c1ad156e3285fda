"""``kp places``: sync the gazetteer, and projects near a town as JSON lines."""
from __future__ import annotations

import json

from sqlalchemy import delete, func, select

from importers.gazetteer import gazetteer
from knowledge_platform.db import db
from knowledge_platform.models import Municipality
from tests.factories import record, store


def test_sync_writes_every_place_back(app, runner):
    with app.app_context():
        db.session.execute(delete(Municipality).where(Municipality.code == "telc"))
        db.session.commit()
    result = runner.invoke(args=["places", "sync"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Municipality)) == len(
            gazetteer().places)
        telc = db.session.get(Municipality, "telc")
        assert telc.okres == "CZ0632" and telc.size_band == gazetteer().places["telc"].size_band


def test_near_prints_the_ranking_with_reasons(app, runner):
    with app.app_context():
        store(record(title="Doučování v Třebíči", municipalities=["trebic"], regions=["CZ063"]))
        store(record(title="Kurzy v Jihlavě", municipalities=["jihlava"], regions=["CZ063"]))
    result = runner.invoke(args=["places", "near", "Jihlavě", "--language", "en"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["title"], line["tier"]) for line in lines] == [
        ("Kurzy v Jihlavě", "here"), ("Doučování v Třebíči", "neighbour")]
    assert lines[1]["reason"].startswith("neighbouring district (okres Třebíč)")


def test_near_refuses_an_unknown_place(runner):
    result = runner.invoke(args=["places", "near", "Atlantis"])
    assert result.exit_code == 2 and "no town or city district called 'Atlantis'" in result.output
