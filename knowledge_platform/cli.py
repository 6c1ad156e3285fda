"""The ``kp`` command line: a Flask CLI group with the platform's own commands."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade


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
    click.echo(report)


def init_app(app: Flask) -> None:
    """Add the platform's commands to ``flask``/``kp``."""
    app.cli.add_command(demo_command)
