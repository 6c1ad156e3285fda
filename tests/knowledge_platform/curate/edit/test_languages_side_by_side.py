"""The edit form shows each text kept in both languages as one group: Czech beside English,
an empty side marked as missing, the sources' language marked."""
from __future__ import annotations

from flask_babel import force_locale, gettext

from knowledge_platform import catalogue
from knowledge_platform.curate.edit.forms import LANGUAGE_PAIRS
from knowledge_platform.db import db
from knowledge_platform.models import Project, RevisionKind
from tests.knowledge_platform.curate.edit.test_edit import (
    curator_client,
    field_errors,
    load,
    new_project,
    post,
    revisions,
    soup,
)

TEXTS = {"title": "Title", "summary": "Summary", "description": "Description"}


def edit_page(client, project_id: int, lang: str = "en"):
    response = client.get(f"/{lang}/curate/projects/{project_id}/edit")
    assert response.status_code == 200
    return soup(response)


def missing_marks(page) -> dict[str, bool]:
    """Per text input of a pair, whether its side is marked missing, for eyes (a visible
    mark) and for screen readers (the mark describes the input) alike."""
    marked = {}
    for pair in LANGUAGE_PAIRS:
        for scalar in pair.fields.values():
            field = page.find(id=scalar.name)
            mark = page.find(id=f"{scalar.name}-missing")
            visible = mark is not None and not mark.has_attr("hidden")
            described = f"{scalar.name}-missing" in field.get("aria-describedby", "").split()
            side = field.find_parent(class_="edit-side")
            assert visible == described == ("edit-side-missing" in side["class"]), scalar.name
            marked[scalar.name] = visible
    return marked


def test_each_text_kept_in_both_languages_is_one_group_czech_first(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy češtiny", summary="Krátce.")
    # The pairs come from the catalogue's fields (the badge's reason has a page of its own).
    assert [pair.name for pair in LANGUAGE_PAIRS] == list(TEXTS)
    assert [pair.name for pair in catalogue.language_pairs()] == [
        *TEXTS, "good_practice_reason", "good_practice_override",
        "results", "lessons", "requirements"]
    page = edit_page(client, project_id)
    # The good-practice sheet's texts have a section of their own.
    groups = page.select("form.edit-form fieldset.edit-texts fieldset.edit-bilingual")
    assert len(groups) == len(TEXTS)
    for group, pair in zip(groups, LANGUAGE_PAIRS, strict=True):
        assert group.legend.get_text(strip=True) == TEXTS[pair.name]
        inputs = group.find_all(["input", "textarea"])
        # Czech first, English second, both in this group and no other input in it.
        assert [field["id"] for field in inputs] == [f"{pair.name}_cs", f"{pair.name}_en"]
        assert [field["lang"] for field in inputs] == ["cs", "en"]
        for field, scalar in zip(inputs, pair.fields.values(), strict=True):
            assert field.find_parent("fieldset") is group
            label = group.find("label", attrs={"for": field["id"]})
            assert label.get_text(strip=True) == scalar.label  # "Title in Czech"
        # The two sides are the two columns of one row.
        sides = group.select(".edit-sides > .edit-side")
        assert [side.find(["input", "textarea"])["id"] for side in sides] == [
            field["id"] for field in inputs]

    czech = edit_page(client, project_id, "cs")
    title = czech.select_one("fieldset.edit-bilingual-title")
    assert title.legend.get_text(strip=True) == "Název"
    assert [label.get_text(strip=True) for label in title.find_all("label")] == [
        "Název česky", "Název anglicky"]


def test_an_empty_side_is_marked_missing_in_the_users_language(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy češtiny", summary="Krátce.")
    expected = {"title_cs": False, "title_en": True, "summary_cs": False, "summary_en": True,
                "description_cs": True, "description_en": True}
    page = edit_page(client, project_id)
    assert missing_marks(page) == expected
    assert page.find(id="title_en-missing").get_text(strip=True) == "missing"

    czech = edit_page(client, project_id, "cs")
    assert czech.html["lang"] == "cs"
    assert missing_marks(czech) == expected
    with app.test_request_context("/cs/"), force_locale("cs"):
        assert czech.find(id="title_en-missing").get_text(strip=True) == gettext("missing")


def test_the_sources_language_is_marked(app):
    client = curator_client(app)
    czech_sources = new_project(app, title="Kurzy češtiny", language="cs")
    english_sources = new_project(app, title="Czech courses", language="en")
    for project_id, language, name in ((czech_sources, "cs", "Czech"),
                                       (english_sources, "en", "English")):
        page = edit_page(client, project_id)
        note = page.select_one(".edit-texts .edit-source-language").get_text(" ", strip=True)
        assert note == f"Language of the sources: {name}"
        for group in page.select("fieldset.edit-bilingual"):
            marked = [side.find(["input", "textarea"])["lang"]
                      for side in group.select(".edit-side")
                      if side.select_one(".edit-tag-source")]
            assert marked == [language]
            assert group.select_one(".edit-tag-source").get_text(strip=True) == \
                "source language"
    with app.app_context():
        db.session.get(Project, czech_sources).language = None
        db.session.commit()
    page = edit_page(client, czech_sources)
    assert page.select_one(".edit-source-language").get_text(" ", strip=True) == \
        "Language of the sources: not known"
    assert page.select_one(".edit-tag-source") is None


def test_saving_keeps_both_languages_and_a_missing_language_stays_missing(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy češtiny", summary="Krátce.")
    values = load(client, project_id)
    values.update({"title_cs": ["Kurzy češtiny pro rodiče"], "title_en": ["Czech for parents"],
                   "summary_cs": ["Krátké shrnutí."]})
    response = post(client, project_id, values)
    assert response.status_code == 303
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.title_cs, project.title_en) == (
            "Kurzy češtiny pro rodiče", "Czech for parents")
        assert project.summary_cs == "Krátké shrnutí."
        assert not project.summary_en and not project.description_cs
        changed = set(revisions(project_id)[-1].changes)
        assert changed == {"title_cs", "title_en", "summary_cs"}
    page = edit_page(client, project_id)
    assert missing_marks(page) == {
        "title_cs": False, "title_en": False, "summary_cs": False, "summary_en": True,
        "description_cs": True, "description_en": True}

    # Saving the form again as it is changes nothing: an empty side stays empty.
    assert post(client, project_id, load(client, project_id)).status_code == 303
    with app.app_context():
        assert [r.kind for r in revisions(project_id)] == [RevisionKind.IMPORT,
                                                            RevisionKind.EDIT]
        assert not db.session.get(Project, project_id).summary_en


def test_a_message_stands_by_its_side_which_stays_marked_missing(app):
    client = curator_client(app)
    project_id = new_project(app, title="Kurzy češtiny")
    values = load(client, project_id)
    values.update({"title_cs": [""], "title_en": ["  "]})
    response = post(client, project_id, values)
    assert response.status_code == 422
    assert field_errors(response, "title_en") == ["Enter a title in Czech or in English."]
    page = soup(response)
    title_en = page.find(id="title_en")
    assert title_en["aria-invalid"] == "true"
    assert title_en["aria-describedby"].split() == ["title_en-missing", "title_en-errors"]
    errors = page.find(id="title_en-errors")
    assert errors.find_parent(class_="edit-side") is title_en.find_parent(class_="edit-side")
    assert missing_marks(page)["title_cs"] and missing_marks(page)["title_en"]
