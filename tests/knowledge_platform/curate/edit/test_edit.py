"""The project edit form: every field round-trips, validation, revisions, locking, the index."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select, update

from knowledge_platform.curate.edit import pages as edit
from knowledge_platform.curate.edit.forms import read_amount
from knowledge_platform.db import db
from knowledge_platform.models import (
    Organisation,
    OrganisationAlias,
    Precision,
    Project,
    ProjectRelation,
    RelationKind,
    Revision,
    RevisionKind,
    Role,
    Scope,
    Status,
)
from knowledge_platform.search.index import check as index_check
from knowledge_platform.search.params import SearchParams
from knowledge_platform.search.service import search
from knowledge_platform.text import match_key
from tests.factories import record, store
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.data, "html.parser")


def form_values(page: BeautifulSoup, selector: str = "form.edit-form") -> dict[str, list[str]]:
    """What a browser would submit from the form: every field as a list of values."""
    form = page.select_one(selector)
    values: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            # Browsers drop the newline after <textarea> and send line breaks as CRLF.
            value = field.text.removeprefix("\r\n").removeprefix("\n").replace("\n", "\r\n")
            values.setdefault(name, []).append(value)
        elif field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            values.setdefault(name, []).extend(option.get("value", "") for option in chosen)
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field.get("value", "y"))
        else:
            values.setdefault(name, []).append(field.get("value", ""))
    return values


def curator_client(app, email: str = "curator@example.org", role: str = "curator",
                   name: str = "Cecilie Kurátorová"):
    make_user(app, email, role=role, name=name)
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def new_project(app, **fields) -> int:
    with app.app_context():
        return store(record(**fields)).project.id


def load(client, project_id: int) -> dict[str, list[str]]:
    page = client.get(f"/en/curate/projects/{project_id}/edit")
    assert page.status_code == 200
    return form_values(soup(page))


def post(client, project_id: int, values: dict[str, list[str]]):
    return client.post(f"/en/curate/projects/{project_id}/edit", data=values)


def revisions(project_id: int) -> list[Revision]:
    return list(db.session.scalars(
        select(Revision).where(Revision.project_id == project_id).order_by(Revision.id)))


def field_errors(response, field_id: str) -> list[str]:
    found = soup(response).find(id=f"{field_id}-errors")
    return [item.get_text(strip=True) for item in found.find_all("li")] if found else []


def test_every_field_round_trips_through_the_form(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy češtiny", implementer="Charita Brno",
                             partners=["Diakonie ČCE"])
    other_id = new_project(app, title="Jiné kurzy", implementer="Město Kolín")
    with app.app_context():
        # An organisation known under an alias: typing the alias picks it.
        known = store(record(implementer="Organizace pro pomoc uprchlíkům")).project.implementer
        known.aliases.append(OrganisationAlias(name="Pomoc uprchlíkům Praha",
                                               key=match_key("Pomoc uprchlíkům Praha")))
        db.session.commit()
        known_id = known.id
    values = load(client, project_id)
    values.update({
        "title_cs": ["Kurzy češtiny pro rodiče"], "title_en": ["Czech for parents"],
        "summary_cs": ["Krátké shrnutí."], "summary_en": ["A short summary."],
        "description_cs": ["První odstavec.\r\n\r\nDruhý odstavec."],
        "description_en": ["Paragraph one."], "language": ["en"],
        "registration_number": ["CZ.07.1/2020/001"],
        "start_date": ["2020-09-01"], "start_precision": ["month"],
        "end_date": ["2022-01-01"], "end_precision": ["year"],
        "budget_total": ["1 250 000,50"], "subsidy": ["1000000"], "currency": ["eur"],
        "budget_approximate": ["y"], "scope": ["regional"],
        "regions": ["CZ064", "CZ010"], "funders": ["ESF"],
        "activities": ["czech_language", "fieldwork"], "target_groups": ["women"],
        "implementers-0": ["pomoc uprchlikum praha"], "implementers-1": ["Nový spolek Sousedé"],
        "implementers-2": [""], "partners-0": ["Charita Brno"], "partners-1": [""],
        "relation_kind": ["predecessor_of"], "relation_target": [str(other_id)],
        "note": ["Checked against the contract."],
    })
    response = post(client, project_id, values)
    assert response.status_code == 303, field_errors(response, "title_en")
    page = client.get(response.headers["Location"])
    messages = [item.get_text(strip=True) for item in soup(page).select(".edit-message")]
    assert "Changes saved." in messages
    assert "New organisation created: Nový spolek Sousedé" in messages

    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.title_cs, project.title_en) == ("Kurzy češtiny pro rodiče",
                                                        "Czech for parents")
        assert project.description_cs == "První odstavec.\n\nDruhý odstavec."
        assert (project.summary_en, project.language) == ("A short summary.", "en")
        assert project.registration_number == "CZ.07.1/2020/001"
        assert (project.start_date, project.start_precision) == (date(2020, 9, 1),
                                                                 Precision.MONTH)
        assert (project.end_date, project.end_precision) == (date(2022, 1, 1), Precision.YEAR)
        assert project.budget_total == Decimal("1250000.50")
        assert project.subsidy == Decimal("1000000.00")
        assert (project.currency, project.budget_approximate) == ("EUR", True)
        assert project.scope == Scope.REGIONAL
        assert [term.code for term in project.regions] == ["CZ010", "CZ064"]
        assert [term.code for term in project.funders] == ["ESF"]
        assert [term.code for term in project.activities] == ["czech_language", "fieldwork"]
        assert [term.code for term in project.target_groups] == ["women"]
        implementers = project.organisations_in(Role.IMPLEMENTER)
        assert implementers[0].id == known_id
        assert implementers[1].name == "Nový spolek Sousedé"
        assert [org.name for org in project.organisations_in(Role.PARTNER)] == ["Charita Brno"]
        relation = db.session.scalar(select(ProjectRelation).where(
            ProjectRelation.from_project_id == project_id))
        assert (relation.to_project_id, relation.kind) == (other_id, RelationKind.PREDECESSOR_OF)
        edit_revision = revisions(project_id)[-1]
        assert edit_revision.kind == RevisionKind.EDIT
        assert edit_revision.user.email == "curator@example.org"
        assert edit_revision.actor == "Cecilie Kurátorová"
        assert "Checked against the contract." in edit_revision.note
        assert f"#{other_id}" in edit_revision.note
        # Only what changed: the status and badge were not touched.
        assert "status" not in edit_revision.changes
        assert "good_practice" not in edit_revision.changes
        assert edit_revision.changes["title_en"] == {"old": "", "new": "Czech for parents"}
        # The index row was written from the terms and organisations in their stored order.
        db.session.expire_all()
        assert index_check() == []

    # The form shows the saved values again, and saving it unchanged changes nothing.
    again = load(client, project_id)
    for name in ("title_cs", "language", "start_precision", "end_precision", "scope",
                 "implementers-1", "partners-0"):
        assert again[name] == values[name], name
    assert again["currency"] == ["EUR"]
    assert again["implementers-0"] == ["Organizace pro pomoc uprchlíkům"]
    assert again["budget_total"] == ["1250000.50"]
    assert sorted(again["regions"]) == ["CZ010", "CZ064"]
    assert again["budget_approximate"] == ["y"]
    relations = soup(client.get(f"/en/curate/projects/{project_id}/edit")).select(
        ".edit-relation")
    assert "Predecessor of:" in relations[0].get_text(" ", strip=True)
    response = post(client, project_id, again)
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "No changes." in page.get_data(as_text=True)
    with app.app_context():
        assert len(revisions(project_id)) == 2


def test_unchanged_form_writes_no_revision_and_keeps_the_version(app):
    client = curator_client(app)
    project_id = new_project(app, summary="Řádek jedna.\nŘádek dva.")
    with app.app_context():
        version = db.session.get(Project, project_id).row_version
    response = post(client, project_id, load(client, project_id))
    assert response.status_code == 303
    assert "No changes." in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Project, project_id).row_version == version
        assert [r.kind for r in revisions(project_id)] == [RevisionKind.IMPORT]


def test_validation_errors_are_shown_by_their_fields(app):
    client = curator_client(app)
    new_project(app, registration_number="CZ.TAKEN/1")
    project_id = new_project(app, title="Původní název")
    values = load(client, project_id)
    values.update({
        "title_cs": [""], "title_en": [""], "start_date": ["2021-05-01"],
        "end_date": ["2020-01-01"], "budget_total": ["-5"], "subsidy": ["abc"],
        "regions": ["CZ010", "XX999"], "registration_number": ["CZ.TAKEN/1"],
        "currency": ["euro"], "relation_kind": ["same_series"], "relation_target": [
            str(project_id)],
    })
    response = post(client, project_id, values)
    assert response.status_code == 422
    assert field_errors(response, "title_en") == ["Enter a title in Czech or in English."]
    assert field_errors(response, "end_date") == ["The end date is before the start date."]
    assert field_errors(response, "budget_total") == [
        "Enter an amount between 0 and 9,999,999,999,999."]
    assert field_errors(response, "subsidy") == ["Enter an amount, such as 125000 or 125,000.50."]
    assert field_errors(response, "regions") == ["Unknown code: XX999"]
    assert field_errors(response, "registration_number") == [
        "Project 1 already has this registration number."]
    assert field_errors(response, "currency") == [
        "Enter a three-letter currency code, such as CZK or EUR."]
    assert field_errors(response, "relation_target") == [
        "A project cannot be related to itself."]
    page = soup(response)
    assert page.select_one(".form-error[role=alert]") is not None
    # The curator's input stays in the form.
    assert page.find(id="start_date")["value"] == "2021-05-01"
    assert page.find(id="budget_total")["value"] == "-5"
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.title_cs == "Původní název"
        assert len(revisions(project_id)) == 1


@pytest.mark.parametrize(("typed", "czech", "english"), [
    ("125000", "125000.00", "125000.00"),
    ("125000.50", "125000.50", "125000.50"),
    ("125 000,50", "125000.50", "125000.50"),
    ("125\u00a0000,50", "125000.50", "125000.50"),
    ("125,000.50", "125000.50", "125000.50"),
    ("1,250,000", "1250000.00", "1250000.00"),
    ("1.250.000,50", "1250000.50", "1250000.50"),
    ("125,5", "125.50", "125.50"),
    ("1234,56", "1234.56", "1234.56"),
    # One comma before three digits: a decimal comma in Czech, thousands in English.
    ("125,000", "125.00", "125000.00"),
    ("-5", "-5.00", "-5.00"),  # read, then refused by the range check
])
def test_an_amount_is_read_as_either_language_writes_it(typed, czech, english):
    assert read_amount(typed, "cs") == Decimal(czech)
    assert read_amount(typed, "en") == Decimal(english)


@pytest.mark.parametrize("typed", ["abc", "1,2.3", "12,34,567", "1.250.00", "1,250,000.5.5",
                                   "1e5", "NaN", ",", "125,000,50"])
def test_what_is_no_amount_is_refused_in_both_languages(typed):
    for language in ("cs", "en"):
        with pytest.raises(InvalidOperation):
            read_amount(typed, language)


@pytest.mark.parametrize(("language", "typed", "stored"), [
    ("en", "125,000.50", "125000.50"), ("en", "125,000", "125000.00"),
    ("cs", "125 000,50", "125000.50"), ("cs", "125,000", "125.00"),
])
def test_the_form_reads_amounts_the_way_its_page_language_writes_them(app, language, typed,
                                                                      stored):
    client = curator_client(app)
    project_id = new_project(app)
    page = client.get(f"/{language}/curate/projects/{project_id}/edit")
    values = form_values(soup(page))
    values.update({"budget_total": [typed], "subsidy": [""]})
    response = client.post(f"/{language}/curate/projects/{project_id}/edit", data=values)
    assert response.status_code == 303, field_errors(response, "budget_total")
    with app.app_context():
        assert db.session.get(Project, project_id).budget_total == Decimal(stored)


def test_a_czech_amount_error_keeps_its_czech_example(app):
    client = curator_client(app)
    project_id = new_project(app)
    values = form_values(soup(client.get(f"/cs/curate/projects/{project_id}/edit")))
    values.update({"budget_total": ["abc"]})
    response = client.post(f"/cs/curate/projects/{project_id}/edit", data=values)
    assert response.status_code == 422
    assert field_errors(response, "budget_total") == [
        "Zadejte částku, například 125000 nebo 125 000,50."]


def test_a_new_relation_needs_an_existing_project_and_can_be_removed(app):
    client = curator_client(app)
    project_id = new_project(app)
    other_id = new_project(app, title="Navazující projekt", implementer="Jiná organizace")
    values = load(client, project_id)
    values.update(relation_kind=["same_series"], relation_target=["9999"])
    response = post(client, project_id, values)
    assert field_errors(response, "relation_target") == ["There is no project 9999."]
    values.update(relation_target=["99999999999999999999"])
    response = post(client, project_id, values)
    assert field_errors(response, "relation_target") == ["Enter a project number."]
    values.update(relation_kind=["successor_of"], relation_target=[str(other_id)])
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        relation = db.session.scalar(select(ProjectRelation))
        assert (relation.from_project_id, relation.to_project_id) == (other_id, project_id)
        relation_id = relation.id
    page = soup(client.get(f"/en/curate/projects/{project_id}/edit"))
    assert "Successor of:" in page.select_one(".edit-relation").get_text(" ", strip=True)
    again = form_values(page)
    again.update(relation_kind=["predecessor_of"], relation_target=[str(other_id)])
    assert post(client, project_id, again).status_code == 303  # the other direction is new
    again = load(client, project_id)
    again["remove_relations"] = [str(relation_id)]
    assert post(client, project_id, again).status_code == 303
    with app.app_context():
        left = db.session.scalars(select(ProjectRelation)).all()
        assert [(r.from_project_id, r.kind) for r in left] == [
            (project_id, RelationKind.PREDECESSOR_OF)]
        assert "Relation removed: successor of" in revisions(project_id)[-1].note


def test_lookup_finds_organisations_by_name_or_alias(app):
    client = curator_client(app)
    with app.app_context():
        organisation = store(record(implementer="Sousedská poradna Zbraslav")).project.implementer
        organisation.aliases.append(OrganisationAlias(name="SPZ Zbraslav",
                                                      key=match_key("SPZ Zbraslav")))
        store(record(implementer="Zbraslavská knihovna"))
        db.session.commit()
    found = client.get("/en/curate/organisations/lookup?q=spz").get_json()["organisations"]
    assert [(org["name"], org["aliases"]) for org in found] == [
        ("Sousedská poradna Zbraslav", ["SPZ Zbraslav"])]
    found = client.get("/en/curate/organisations/lookup?q=ZBRASLAV").get_json()
    # Names starting with the query first.
    assert [org["name"] for org in found["organisations"]] == [
        "Zbraslavská knihovna", "Sousedská poradna Zbraslav"]
    assert client.get("/en/curate/organisations/lookup?q=%25").get_json() == {
        "organisations": []}


def test_a_reviewer_may_not_edit(app):
    project_id = new_project(app)
    client = curator_client(app, "reviewer@example.org", role="reviewer")
    history = soup(client.get(f"/en/curate/projects/{project_id}/history"))
    assert len(history.select(".history-revision")) == 1
    assert history.select(".history-revert") == []  # read-only: no revert buttons
    assert not history.find("a", href=f"/en/curate/projects/{project_id}/edit")
    assert client.get(f"/en/curate/projects/{project_id}/edit").status_code == 403
    with app.app_context():
        revision_id = revisions(project_id)[0].id
    csrf = form_token(client, "/en/curate/review")
    response = client.post(f"/en/curate/projects/{project_id}/edit",
                           data={"csrf_token": csrf, "title_cs": "Hacked"})
    assert response.status_code == 403
    response = client.post(f"/en/curate/revisions/{revision_id}/revert",
                           data={"csrf_token": csrf})
    assert response.status_code == 403
    assert client.get("/en/curate/organisations/lookup?q=ch").status_code == 403
    with app.app_context():
        assert db.session.get(Project, project_id).title_cs != "Hacked"
        assert len(revisions(project_id)) == 1


def test_the_second_of_two_concurrent_saves_is_refused_with_its_input_kept(app):
    project_id = new_project(app, title="Společný projekt", summary="Staré shrnutí.")
    first = curator_client(app, "first@example.org", name="Filip První")
    second = curator_client(app, "second@example.org", name="Dana Druhá")
    first_form, second_form = load(first, project_id), load(second, project_id)

    first_form["title_en"] = ["Shared project"]
    assert post(first, project_id, first_form).status_code == 303
    second_form["summary_cs"] = ["Nové shrnutí od druhé kurátorky."]
    second_form["regions"] = ["CZ064"]
    response = post(second, project_id, second_form)

    assert response.status_code == 409
    page = soup(response)
    alert = page.select_one(".edit-conflict").get_text(" ", strip=True)
    assert "Filip První saved it on" in alert
    changed = [dt.get_text(strip=True) for dt in page.select(".edit-conflict dt")]
    assert changed == ["Title in English"]
    # Their input is kept; the first curator's change shows in the form, not overwritten.
    assert page.find(id="summary_cs").text.strip() == "Nové shrnutí od druhé kurátorky."
    assert page.find(id="title_en")["value"] == "Shared project"
    assert [box["value"] for box in page.select("#regions input[checked]")] == ["CZ064"]
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.title_en == "Shared project"
        assert project.summary_cs == "Staré shrnutí."
        assert [kind for kind in (r.kind for r in revisions(project_id))] == [
            RevisionKind.IMPORT, RevisionKind.EDIT]

    # Saving the refreshed form (or a freshly loaded one) works and keeps both changes.
    assert post(second, project_id, form_values(page)).status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.title_en, project.summary_cs) == (
            "Shared project", "Nové shrnutí od druhé kurátorky.")
        assert [term.code for term in project.regions] == ["CZ064"]
        assert revisions(project_id)[-1].user.email == "second@example.org"
    reloaded = load(second, project_id)
    reloaded["title_cs"] = ["Společný projekt 2"]
    assert post(second, project_id, reloaded).status_code == 303


def test_a_field_both_changed_is_marked_and_keeps_the_second_value(app):
    project_id = new_project(app, title="Projekt")
    first, second = curator_client(app, "a@example.org"), curator_client(app, "b@example.org")
    first_form, second_form = load(first, project_id), load(second, project_id)
    first_form["title_en"] = ["First title"]
    second_form["title_en"] = ["Second title"]
    assert post(first, project_id, first_form).status_code == 303
    response = post(second, project_id, second_form)
    assert response.status_code == 409
    page = soup(response)
    assert page.find(id="title_en")["value"] == "Second title"
    assert page.select_one(".edit-field-title-en.edit-changed-by-both") is not None
    assert page.select_one(".edit-conflict ins").get_text() == "First title"


def test_a_concurrent_write_during_the_save_is_refused(app, monkeypatch):
    """The row version check in the UPDATE itself (StaleDataError) also answers 409."""
    project_id = new_project(app)
    client = curator_client(app)
    values = load(client, project_id)
    values["title_en"] = ["Late title"]
    original = edit.save

    def racing_save(project, form):
        db.session.execute(update(Project).where(Project.id == project.id)
                           .values(row_version=Project.row_version + 1)
                           .execution_options(synchronize_session=False))
        return original(project, form)

    monkeypatch.setattr(edit, "save", racing_save)
    response = post(client, project_id, values)
    assert response.status_code == 409
    assert soup(response).find(id="title_en")["value"] == "Late title"
    with app.app_context():
        assert db.session.get(Project, project_id).title_en == ""
        assert len(revisions(project_id)) == 1


def test_an_edited_title_is_found_by_search_at_once(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy češtiny pro dospělé", partners=["Charita Brno"])
    values = load(client, project_id)
    values["title_cs"] = ["Zahradničení pro sousedy"]
    values["implementers-0"] = ["Komunitní zahrada Hostivař"]
    assert post(client, project_id, values).status_code == 303
    with app.test_request_context("/en/"):
        hits = search(SearchParams(q="zahradničení")).hits
        assert [(hit["id"], hit["title"]) for hit in hits] == [
            (project_id, "Zahradničení pro sousedy")]
        assert [hit["id"] for hit in search(SearchParams(q="Hostivař")).hits] == [project_id]
        assert search(SearchParams(q="dospělé")).total == 0
        # Only the implementer changed: the index row still lists organisations in the
        # order they load in (implementers first), or `kp index check` finds it stale.
        db.session.expire_all()
        assert index_check() == []
        organisation = db.session.scalar(select(Organisation).where(
            Organisation.name == "Komunitní zahrada Hostivař"))
        assert organisation is not None


def test_a_corrected_title_reveals_a_twin(app):
    client = curator_client(app)
    first = new_project(app, title="Doučování dětí cizinců v Kolíně", implementer="Spolek Kolín")
    second = new_project(app, title="Zpráva z akce", implementer="Spolek Kolín")
    with app.app_context():
        assert db.session.scalars(select(ProjectRelation)).all() == []
    values = load(client, second)
    values["title_cs"] = ["Doučování dětí cizinců Kolín"]
    assert post(client, second, values).status_code == 303
    with app.app_context():
        (relation,) = db.session.scalars(select(ProjectRelation)).all()
        assert relation.kind == RelationKind.POSSIBLE_DUPLICATE
        assert {relation.from_project_id, relation.to_project_id} == {first, second}


def test_a_corrected_title_gets_its_address_and_the_old_one_redirects(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy pro rodiče z Mogolska")
    with app.app_context():
        old = db.session.get(Project, project_id).slug
    values = load(client, project_id)
    values["title_cs"] = ["Kurzy pro rodiče z Mongolska"]
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        assert db.session.get(Project, project_id).slug == "kurzy-pro-rodice-z-mongolska"
    moved = client.get(f"/cs/projects/{project_id}-{old}")
    assert moved.status_code == 301
    assert moved.headers["Location"].endswith(
        f"/cs/projects/{project_id}-kurzy-pro-rodice-z-mongolska")


def _draft(app, **fields) -> int:
    with app.app_context():
        return store(record(**fields), publish=False).project.id


def test_the_form_stands_beside_the_source_with_uncertain_values_first(app, tmp_path):
    from knowledge_platform.ingest.runs import import_paths

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "kurzy.txt").write_text(
        "Název projektu: Kurzy češtiny pro rodiče\nRealizátor: Spolek Kolín\n"
        "Doba realizace: 1. 9. 2024 – 30. 6. 2025\n", encoding="utf-8")
    with app.app_context():
        (result,) = import_paths([str(tmp_path / "docs")], max_bytes=100_000).results
        document = db.session.get(Project, result.project_id).sources[0]
        document.extraction = {**document.extraction, "confidence": {
            **document.extraction["confidence"], "end": 0.2}}
        db.session.commit()
    page = soup(curator_client(app).get(f"/en/curate/projects/{result.project_id}/edit"))
    aside = page.select_one("aside.edit-source")
    flags = [("uncertain" in row["class"], row["data-field"])
             for row in aside.select(".extracted-field")]
    assert ("end_date" in {field for uncertain, field in flags if uncertain})
    assert flags == sorted(flags, key=lambda flag: not flag[0])  # the uncertain ones first
    assert aside.select_one(".source-text mark#evidence-title").get_text() == (
        "Název projektu: Kurzy češtiny pro rodiče")
    buttons = {button["value"]: button.get_text() for button in page.select(".edit-buttons button")}
    assert buttons == {"": "Save changes", "publish": "Save and publish"}  # not from a queue


def test_save_and_publish_in_one_step(app):
    client = curator_client(app)
    project_id = _draft(app, title="Tlumočení v nemocnici")
    values = load(client, project_id)
    values.update({"title_cs": ["Tlumočení v nemocnici Kolín"], "then": ["publish"]})
    response = post(client, project_id, values)
    assert response.status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.title_cs, project.status) == ("Tlumočení v nemocnici Kolín",
                                                      Status.PUBLISHED)
        assert [revision.kind for revision in revisions(project_id)][-2:] == [
            RevisionKind.EDIT, RevisionKind.STATUS]


def test_save_publish_and_next_walks_the_queue(app):
    client = curator_client(app)
    first = _draft(app, title="Alfa doučování")
    second = _draft(app, title="Bravo tlumočení")
    queue = "?reason=draft&sort=title&order=asc"
    queued = soup(client.get(f"/en/curate/queue{queue}"))
    links = [a["href"] for a in queued.select("a.queue-edit")]
    assert links[0].startswith(f"/en/curate/projects/{first}/edit?")
    page = soup(client.get(links[0]))
    assert page.select_one('.edit-buttons button[value="publish_next"]') is not None
    values = form_values(page)
    values["then"] = ["publish_next"]
    response = client.post(page.select_one("form.edit-form")["action"], data=values)
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/en/curate/projects/{second}/edit?")
    assert "reason=draft" in response.headers["Location"]
    with app.app_context():
        assert db.session.get(Project, first).status == Status.PUBLISHED
        assert db.session.get(Project, second).status == Status.DRAFT


def test_a_curator_sets_the_kind_of_record_and_only_one(app):
    client = curator_client(app)
    project_id = new_project(app, title="Dotační program obce")
    values = load(client, project_id)
    assert values["kinds"] == ["PROJECT"]  # what a record without a kind is stored as
    values["kinds"] = ["PROJECT", "PROGRAMME"]
    refused = post(client, project_id, values)
    assert refused.status_code == 422 and "Choose exactly one." in refused.get_data(as_text=True)
    values = load(client, project_id)
    values["kinds"] = ["PROGRAMME"]
    assert post(client, project_id, values).status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert [term.code for term in project.terms("kind")] == ["PROGRAMME"]
