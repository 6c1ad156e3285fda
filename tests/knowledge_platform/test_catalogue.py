"""The catalogue is the one place a facet is declared: adding one there is enough.

The proof runs in a separate interpreter, because the models are built from the
catalogue when they are first imported: a temporary app gets a copy of the catalogue
with one more facet, and every layer is asked about it without any other module edited.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from knowledge_platform import catalogue
from knowledge_platform.models import LINKS, VOCABULARIES, Project

REPO_ROOT = Path(__file__).resolve().parents[2]

# Run as a script in a fresh interpreter; prints what each layer shows of the new facet.
PROOF = r'''
import json, sys
from dataclasses import replace
from knowledge_platform import catalogue

catalogue.FACETS = (*catalogue.FACETS, catalogue.Facet(
    name="funding_form", field="funding_forms", table="funding_form", model="FundingForm",
    slug="funding-forms", label="Funding form", plural="Funding forms",
    browse="By funding form", export_en="Forms of funding.", export_cs="Formy financování."))

from flask_migrate import upgrade
from knowledge_platform import create_app
from knowledge_platform.db import MIGRATIONS, db
from knowledge_platform.models import LINKS, VOCABULARIES, Project

app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                  "SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[1]})
found = {}
with app.app_context():
    upgrade(directory=MIGRATIONS)
    # What a migration for the new facet would do: its two tables and its terms.
    db.metadata.create_all(db.engine, tables=[
        VOCABULARIES["funding_form"].__table__, LINKS["funding_form"]])
    Term = VOCABULARIES["funding_form"]
    db.session.add_all([Term(code="GRANT", label_cs="Dotace", label_en="Grant", position=1),
                        Term(code="LOAN", label_cs="Půjčka", label_en="Loan", position=2)])
    db.session.commit()
    from tests.factories import record, store
    project_id = store(record(title="Jazykové kurzy", funding_forms=["GRANT"])).project.id
    store(record(title="Právní poradna", funding_forms=["LOAN"]))
    found["project"] = project_id

    from knowledge_platform.search.params import SearchParams
    from knowledge_platform.search.service import search
    result = search(SearchParams.of(funding_form=("GRANT",)))
    found["search"] = [hit["id"] for hit in result.hits] == [project_id]
    facet = next(f for f in result.facets if f["name"] == "funding_form")
    found["facet"] = {v["code"]: v["count"] for v in facet["values"]}

    from knowledge_platform.history import snapshot
    found["history"] = snapshot(db.session.get(Project, project_id))["funding_forms"]

    from knowledge_platform.exports.codebook import codebook_rows
    from knowledge_platform.exports.rows import export_records
    records = list(export_records(SearchParams()))
    found["export"] = sorted(code for r in records for code in r["funding_forms"])
    found["codebook"] = any("funding_forms" in row for row in codebook_rows())

    from knowledge_platform.curate.edit.forms import ProjectForm
    with app.test_request_context("/en/"):
        form = ProjectForm(db.session.get(Project, project_id), "en", [])
        found["edit_form"] = [choice.value for choice in form.funding_forms.choices]

client = app.test_client()
api = client.get("/api/v1/projects?funding_form=GRANT").get_json()
found["api_search"] = [item["id"] for item in api["items"]]
found["api_record"] = client.get(f"/api/v1/projects/{project_id}").get_json()["funding_forms"]
found["api_terms"] = [t["code"] for t in client.get("/api/v1/funding-forms").get_json()["items"]]
found["api_unknown"] = client.get("/api/v1/projects?funding_form=NOPE").status_code
page = client.get("/en/search?funding_form=GRANT").get_data(as_text=True)
found["site_facet"] = 'class="facet facet-funding_form"' in page and "Funding form" in page
found["browse"] = client.get("/en/funding-forms/LOAN").status_code
print(json.dumps(found))
'''


def test_a_facet_added_to_the_catalogue_appears_in_every_layer(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROOF, str(tmp_path / "proof.db")], cwd=REPO_ROOT,
        capture_output=True, text=True, timeout=300,
        env={"KP_INSTANCE_PATH": str(tmp_path / "instance"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    project_id = found.pop("project")
    assert found == {
        "search": True,
        "facet": {"GRANT": 1, "LOAN": 1},
        "history": ["GRANT"],
        "export": ["GRANT", "LOAN"],
        "codebook": True,
        "edit_form": ["GRANT", "LOAN"],
        "api_search": [project_id],
        "api_record": [{"code": "GRANT", "label_cs": "Dotace", "label_en": "Grant"}],
        "api_terms": ["GRANT", "LOAN"],
        "api_unknown": 400,
        "site_facet": True,
        "browse": 200,
    }


def test_every_facet_has_its_tables_and_relationship():
    for facet in catalogue.FACETS:
        assert VOCABULARIES[facet.name].__tablename__ == facet.table
        assert LINKS[facet.name].name == facet.link_table
        assert getattr(Project, facet.field).property.secondary is LINKS[facet.name]


def test_every_field_is_a_project_column():
    columns = set(Project.__table__.c.keys())
    assert {field.name for field in catalogue.FIELDS} <= columns


def test_names_slugs_and_fields_are_unique():
    for attribute in ("name", "field", "slug", "table", "model"):
        values = [getattr(facet, attribute) for facet in catalogue.FACETS]
        assert len(values) == len(set(values)), attribute
    names = list(catalogue.field_labels())
    assert len(names) == len(catalogue.FIELDS) + len(catalogue.FACETS) + len(
        catalogue.ORGANISATION_FIELDS)
