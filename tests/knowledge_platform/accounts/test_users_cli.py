"""``kp users``: create, set-role, disable, enable, reset-password, list."""
from __future__ import annotations

from sqlalchemy import select

from knowledge_platform.db import db
from knowledge_platform.models.users import User
from tests.knowledge_platform.accounts.conftest import PASSWORD, login, make_user


def _user(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def test_create_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(args=["users", "create", " Eva@Example.ORG ", "--role", "curator",
                                 "--name", "Eva Nováková", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    user = _user(app, "eva@example.org")
    assert (user.name, user.role, user.active) == ("Eva Nováková", "curator", True)
    assert user.password_hash.startswith("scrypt:")
    with app.app_context():
        assert db.session.get(User, user.id).check_password(PASSWORD)


def test_create_prompts_twice_and_refuses_a_mismatch(app, runner):
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "admin"],
                           input=f"{PASSWORD}\n{PASSWORD}x\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower()
    assert PASSWORD not in result.output  # the prompt hides what is typed
    assert _user(app, "a@example.org").role == "admin"


def test_create_refuses_short_password_duplicates_and_bad_input(app, runner):
    short = runner.invoke(args=["users", "create", "s@example.org", "--role", "curator",
                                "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least 12" in short.output
    assert _user(app, "s@example.org") is None
    make_user(app, "dup@example.org")
    again = runner.invoke(args=["users", "create", "DUP@example.org", "--role", "curator",
                                "--password-stdin"], input=PASSWORD + "\n")
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(args=["users", "create", "not-an-address", "--role", "curator",
                              "--password-stdin"], input=PASSWORD + "\n")
    assert bad.exit_code == 1 and "not an e-mail address" in bad.output
    role = runner.invoke(args=["users", "create", "r@example.org", "--role", "boss",
                               "--password-stdin"], input=PASSWORD + "\n")
    assert role.exit_code == 2


def test_set_role(app, runner):
    make_user(app, "r@example.org", role="reviewer")
    result = runner.invoke(args=["users", "set-role", "r@example.org", "curator"])
    assert result.exit_code == 0, result.output
    assert _user(app, "r@example.org").role == "curator"
    missing = runner.invoke(args=["users", "set-role", "nobody@example.org", "curator"])
    assert missing.exit_code == 1 and "no user" in missing.output


def test_the_last_active_admin_cannot_be_demoted_or_disabled(app, runner):
    make_user(app, "admin@example.org", role="admin")
    assert runner.invoke(args=["users", "set-role", "admin@example.org", "curator"]).exit_code == 1
    assert runner.invoke(args=["users", "disable", "admin@example.org"]).exit_code == 1
    make_user(app, "second@example.org", role="admin")
    assert runner.invoke(args=["users", "disable", "admin@example.org"]).exit_code == 0
    assert not _user(app, "admin@example.org").active


def test_disable_ends_sessions_and_enable_restores_login(app, client, runner):
    make_user(app, "c@example.org", role="curator")
    assert login(client, "c@example.org").status_code == 302
    assert client.get("/en/curate/").status_code == 200
    result = runner.invoke(args=["users", "disable", "c@example.org"])
    assert result.exit_code == 0, result.output
    assert client.get("/en/curate/").status_code == 302  # the open session is gone
    assert login(client, "c@example.org").status_code == 200  # and no new one
    assert runner.invoke(args=["users", "enable", "c@example.org"]).exit_code == 0
    assert login(client, "c@example.org").status_code == 302


def test_reset_password_replaces_the_old_one_and_ends_sessions(app, client, runner):
    make_user(app, "c@example.org")
    assert login(client, "c@example.org").status_code == 302
    new = "a brand new passphrase"
    result = runner.invoke(args=["users", "reset-password", "c@example.org", "--password-stdin"],
                           input=new + "\n")
    assert result.exit_code == 0, result.output
    assert new not in result.output
    assert client.get("/en/curate/").status_code == 302
    assert login(client, "c@example.org", PASSWORD).status_code == 200
    assert login(client, "c@example.org", new).status_code == 302


def test_list_shows_every_account(app, runner):
    assert "no users yet" in runner.invoke(args=["users", "list"]).output
    make_user(app, "b@example.org", role="reviewer", name="Bára")
    make_user(app, "a@example.org", role="admin", active=False)
    lines = runner.invoke(args=["users", "list"]).output.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["a@example.org", "admin", "disabled"], ["b@example.org", "reviewer", "active"],
    ]
    assert "Bára" in lines[1] and "never" in lines[1]
    assert "scrypt" not in "".join(lines)
