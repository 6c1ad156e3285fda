"""The ``kp`` command group, driven through click's runner."""
from __future__ import annotations

from click.testing import CliRunner

from knowledge_platform.cli import main


def test_every_command_has_help(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = {
        line.split()[0]: line for line in result.output.split("Commands:")[1].splitlines()
        if line.strip()
    }
    assert {"db", "demo", "run"} <= set(listed)
    for name, line in listed.items():
        assert len(line.split()) > 1, f"{name} has no help text"


def test_kp_entry_point_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("KP_INSTANCE_PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["demo", "--help"])
    assert result.exit_code == 0
    assert "safe to run twice" in result.output


def test_db_upgrade_on_a_new_database(runner, app, tmp_path):
    app.config["SQLALCHEMY_DATABASE_URI"]  # the fixture's database is already migrated
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
