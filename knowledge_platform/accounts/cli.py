"""``kp users``: create staff accounts, change roles, disable them and reset passwords."""
from __future__ import annotations

import re
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from knowledge_platform.accounts.auth import find_user
from knowledge_platform.db import db
from knowledge_platform.models.users import User, UserRole, normalise_email

ROLES = click.Choice([role.value for role in UserRole])
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@click.group("users")
def users_group() -> None:
    """Manage the staff accounts that sign in to the curator area."""


def _read_password(from_stdin: bool) -> str:
    """A new password from standard input or from a hidden prompt typed twice."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise click.ClickException(f"the password must have at least {minimum} characters")
    return password


def _existing(email: str) -> User:
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with the e-mail address {normalise_email(email)}")
    return user


def _refuse_losing_last_admin(user: User) -> None:
    # Without an active administrator nobody could manage accounts from the site.
    if user.role != UserRole.ADMIN or not user.active:
        return
    admins = db.session.scalar(select(func.count()).select_from(User).where(
        User.role == UserRole.ADMIN, User.active.is_(True))) or 0
    if admins <= 1:
        raise click.ClickException(f"{user.email} is the last active administrator")


password_stdin = click.option(
    "--password-stdin", is_flag=True,
    help="Read the password from the first line of standard input instead of prompting.",
)


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=ROLES, required=True, help="admin, curator or reviewer.")
@click.option("--name", default="", help="The name shown to other staff.")
@password_stdin
@with_appcontext
def create_command(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create an account; the password is asked for (twice) or read from standard input."""
    email = normalise_email(email)
    if not EMAIL.match(email):
        raise click.ClickException(f"not an e-mail address: {email}")
    if find_user(email) is not None:
        raise click.ClickException(f"a user with the e-mail address {email} already exists")
    user = User(email=email, name=name.strip(), role=UserRole(role), active=True)
    user.set_password(_read_password(password_stdin))
    db.session.add(user)
    db.session.commit()
    click.echo(f"created {user.email} ({user.role})")


@users_group.command("set-role")
@click.argument("email")
@click.argument("role", type=ROLES)
@with_appcontext
def set_role_command(email: str, role: str) -> None:
    """Give an account another role (takes effect on its next request)."""
    user = _existing(email)
    if user.role != role:
        _refuse_losing_last_admin(user)
    user.role = UserRole(role)
    db.session.commit()
    click.echo(f"{user.email} is now {user.role}")


@users_group.command("disable")
@click.argument("email")
@with_appcontext
def disable_command(email: str) -> None:
    """Stop an account from signing in and end its sessions."""
    user = _existing(email)
    _refuse_losing_last_admin(user)
    user.active = False
    user.rotate_sessions()
    db.session.commit()
    click.echo(f"disabled {user.email}")


@users_group.command("enable")
@click.argument("email")
@with_appcontext
def enable_command(email: str) -> None:
    """Let a disabled account sign in again."""
    user = _existing(email)
    user.active = True
    db.session.commit()
    click.echo(f"enabled {user.email}")


@users_group.command("reset-password")
@click.argument("email")
@password_stdin
@with_appcontext
def reset_password_command(email: str, password_stdin: bool) -> None:
    """Set a new password for an account and end its sessions."""
    user = _existing(email)
    user.set_password(_read_password(password_stdin))
    db.session.commit()
    click.echo(f"new password set for {user.email}")


@users_group.command("list")
@with_appcontext
def list_command() -> None:
    """List the accounts: e-mail, role, state, name and last login."""
    users = db.session.scalars(select(User).order_by(User.email)).all()
    for user in users:
        state = "active" if user.active else "disabled"
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
        click.echo(f"{user.email}\t{user.role}\t{state}\t{user.name}\tlast login: {last}")
    if not users:
        click.echo("no users yet: kp users create EMAIL --role admin")
