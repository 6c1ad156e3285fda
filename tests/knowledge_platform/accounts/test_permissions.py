"""Every curator and account URL, walked as anonymous, reviewer, curator and admin.

The URLs come from the app's URL map, and the expected answers from the roles each
view declares with ``role_required``, so a page added later is walked too.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from knowledge_platform.config import LANGUAGES
from knowledge_platform.curate.merge.organisation_merging import merge_organisations
from knowledge_platform.db import db
from knowledge_platform.models import (
    FieldConflict,
    ImportRun,
    ProjectRelation,
    RelationKind,
    Revision,
)
from knowledge_platform.models.users import UserRole
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

BLUEPRINTS = ("curate", "accounts")
# Pages anyone may open without signing in.
PUBLIC_ENDPOINTS = {"accounts.login"}
ROLES = [None, *UserRole]


def _sample_values(app) -> dict[str, object]:
    """Ids of a real project, organisation, import run, revision and conflict to put in URLs."""
    with app.app_context():
        first = store(record(title="Ukázkový projekt", registration_number="CZ.SAMPLE/1",
                             budget_amount=1000, partners=["Charita Brno"])).project
        second = store(record(title="Ukázkový projekt", registration_number="CZ.SAMPLE/1",
                              budget_amount=2000, regions=["CZ064"])).project
        assert first.id == second.id
        second = store(record(title="Jiný ukázkový projekt")).project
        revision = db.session.scalar(select(Revision.id).order_by(Revision.id))
        conflict = db.session.scalar(select(FieldConflict.id))
        assert conflict is not None
        run = db.session.scalar(select(ImportRun.id)) or _import_run()
        # The importer links the two similar titles of one implementer as possible duplicates.
        relation = db.session.scalar(select(ProjectRelation.id).where(
            ProjectRelation.kind == RelationKind.POSSIBLE_DUPLICATE))
        assert relation is not None
        branch = store(record(implementer="Charita Brno – pobočka Líšeň")).project.implementer
        change = merge_organisations(first.implementer, branch, None)
        db.session.commit()
        return {"project_id": first.id, "other_id": second.id,
                "organisation_id": first.implementer.id, "revision_id": revision,
                "conflict_id": conflict, "run_id": run, "relation_id": relation,
                "change_id": change.id}


def _import_run() -> int:
    run = ImportRun(started_by="test")
    db.session.add(run)
    db.session.commit()
    return run.id


def _walked(app, samples: dict[str, object] | None = None) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every route of the curator and account blueprints."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in BLUEPRINTS:
            continue
        needed = rule.arguments - {"lang"}
        if samples is None:  # only listing endpoints
            values = dict.fromkeys(needed, 0)
        else:
            missing = needed - samples.keys()
            assert not missing, f"give {rule.endpoint} sample values for {missing} in this test"
            values = {name: samples[name] for name in needed}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for lang in LANGUAGES:
                found.append((rule.endpoint, method, rule.build({**values, "lang": lang})[1]))
    return found


def test_the_walk_covers_the_curator_area(app):
    endpoints = {endpoint for endpoint, _, _ in _walked(app)}
    assert {"curate.dashboard", "curate.review", "curate.users", "accounts.login",
            "accounts.logout"} <= endpoints


def test_every_curator_view_declares_its_roles(app):
    for endpoint, _, _ in _walked(app):
        roles = getattr(app.view_functions[endpoint], "required_roles", None)
        assert roles or endpoint in PUBLIC_ENDPOINTS, f"{endpoint} checks no role"


def _client_as(app, role: UserRole | None):
    client = app.test_client()
    if role is not None:
        assert login(client, f"{role}@example.org").status_code == 302
    return client


@pytest.fixture
def staff(app):
    for role in UserRole:
        make_user(app, f"{role}@example.org", role=role)


@pytest.mark.parametrize("role", ROLES, ids=lambda role: str(role or "anonymous"))
def test_every_url_answers_by_role(app, staff, role):
    for endpoint, method, url in _walked(app, _sample_values(app)):
        client = _client_as(app, role)  # a fresh session: logout must not end the next check
        lang = url.split("/")[1]
        if method == "GET":
            response = client.get(url)
        else:
            # A valid token, so that the answer shows the role check, not the CSRF check.
            token = form_token(client, f"/{lang}/login" if role is None else
                               f"/{lang}/curate/review")
            response = client.post(url, data={"csrf_token": token})
        where = f"{method} {url} as {role or 'anonymous'}"
        roles = getattr(app.view_functions[endpoint], "required_roles", None)

        if roles is None:  # the login page
            if role is None:
                assert response.status_code == 200, where
            else:
                assert response.status_code == 302, where
        elif role is None:
            assert response.status_code == 302, where
            expected = f"/{lang}/login?next={url}" if method == "GET" else f"/{lang}/login"
            assert response.headers["Location"] == expected, where
        elif role not in roles:
            assert response.status_code == 403, where
            heading = BeautifulSoup(response.data, "html.parser").find("h1").get_text()
            assert heading == ("Přístup odepřen" if lang == "cs" else "Access denied"), where
        elif method == "GET":
            assert response.status_code == 200, where
            assert response.headers["Cache-Control"] == "no-store", where
        elif endpoint == "accounts.logout":
            assert response.status_code == 302, where
            assert response.headers["Location"] == f"/{lang}/", where
        else:  # an action posted without its fields: refused as incomplete, or done
            assert response.status_code in (200, 302, 303, 400, 409, 422), where
            assert "/login" not in response.headers.get("Location", ""), where


def test_the_expected_matrix(app):
    """The roles the issue asks for, spelled out for the three curator pages."""
    roles = {endpoint: getattr(app.view_functions[endpoint], "required_roles", None)
             for endpoint in ("curate.dashboard", "curate.review", "curate.users")}
    assert roles["curate.dashboard"] == {UserRole.CURATOR, UserRole.ADMIN}
    assert roles["curate.review"] == set(UserRole)
    assert roles["curate.users"] == {UserRole.ADMIN}


def test_a_view_without_declared_roles_is_refused(app, staff):
    from knowledge_platform.curate.blueprint import bp

    # Blueprints cannot take routes once registered; attach an undeclared view to the app
    # under the curator blueprint's name, as a forgotten decorator would leave it.
    app.add_url_rule("/<lang>/curate/forgotten", endpoint="curate.forgotten",
                     view_func=lambda: "secret")
    assert bp.name == "curate"
    client = _client_as(app, UserRole.ADMIN)
    assert client.get("/en/curate/forgotten").status_code == 403
