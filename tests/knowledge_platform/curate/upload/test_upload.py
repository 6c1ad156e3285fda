"""Uploading documents and ZIP archives through the browser, and the import run report."""
from __future__ import annotations

import io
import re
import struct
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask_babel import gettext
from sqlalchemy import select

from knowledge_platform.curate.upload.files import ALLOWED, REJECTIONS
from knowledge_platform.db import db
from knowledge_platform.models import (
    ImportRun,
    Project,
    Revision,
    RevisionKind,
    SourceDocument,
    Status,
)
from tests.knowledge_platform.accounts.conftest import form_token, login, make_user

DEMO = Path(__file__).resolve().parents[4] / "demo" / "documents"
TEXT = (DEMO / "ustecky-kraj-centrum.txt").read_bytes()
HTML = (DEMO / "jmk-centre-for-foreigners-2021-2022.html").read_bytes()
OTHER_TEXT = (DEMO / "jmk-centrum-pro-cizince.txt").read_bytes()
CURATOR = "curator@example.org"
# Runs and history name people as the rest of the workspace does: by name.
CURATOR_NAME = "Kateřina Kurátorová"


@pytest.fixture
def curator(app, client):
    make_user(app, CURATOR, role="curator", name=CURATOR_NAME)
    assert login(client, CURATOR).status_code == 302
    return client


@pytest.fixture
def staging_root(tmp_path, monkeypatch):
    """Uploads are staged here, so a test can see that nothing is left behind."""
    root = tmp_path / "staging"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def post_files(client, files, lang="en", **fields):
    token = form_token(client, f"/{lang}/curate/upload")
    data = {"csrf_token": token, "files": [(io.BytesIO(content), name) for name, content in files],
            **fields}
    return client.post(f"/{lang}/curate/upload", data=data, content_type="multipart/form-data")


def report_rows(client, response) -> dict[str, tuple[str, str]]:
    """File name -> (outcome, project title or problem) from the run report redirected to."""
    assert response.status_code == 303, response.data[:500]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    rows = BeautifulSoup(page.data, "html.parser").select("tr.run-file")
    return {row.select_one(".file-name").get_text(strip=True):
            (row.select_one(".file-outcome").get_text(strip=True),
             row.select_one(".file-detail").get_text(" ", strip=True)) for row in rows}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def latest_run() -> ImportRun:
    return db.session.scalar(select(ImportRun).order_by(ImportRun.id.desc()))


def test_two_documents_become_draft_projects_by_the_uploader(app, curator, staging_root):
    response = post_files(curator, [("Ústecký kraj.txt", TEXT), ("jmk.html", HTML)])
    rows = report_rows(curator, response)
    assert set(rows) == {"Ústecký kraj.txt", "jmk.html"}
    assert {outcome for outcome, _ in rows.values()} == {"New"}
    assert "Centrum na podporu integrace cizinců" in rows["Ústecký kraj.txt"][1]
    with app.app_context():
        run = latest_run()
        assert (run.new_count, run.failed_count, run.started_by) == (2, 0, CURATOR_NAME)
        documents = db.session.scalars(
            select(SourceDocument).where(SourceDocument.import_run_id == run.id)).all()
        assert {d.location for d in documents} == {"Ústecký kraj.txt", "jmk.html"}
        assert {d.extraction["source"] for d in documents} == {"Ústecký kraj.txt", "jmk.html"}
        projects = db.session.scalars(select(Project)).all()
        assert len(projects) == 2 and {p.status for p in projects} == {Status.DRAFT}
        revisions = db.session.scalars(select(Revision)).all()
        assert {(r.kind, r.actor, r.import_run_id) for r in revisions} == {
            (RevisionKind.IMPORT, CURATOR_NAME, run.id)}
        assert {r.note for r in revisions} == {"Ústecký kraj.txt", "jmk.html"}
    assert list(staging_root.iterdir()) == []  # the temporary files are gone


def test_publish_at_once_and_the_report_links_the_review_page(app, curator, staging_root):
    response = post_files(curator, [("centrum.txt", TEXT)], publish="y")
    page = curator.get(response.headers["Location"])
    link = BeautifulSoup(page.data, "html.parser").select_one("tr.run-file a")
    with app.app_context():
        project = db.session.scalar(select(Project))
        assert project.status == Status.PUBLISHED
    assert link["href"] == f"/en/curate/projects/{project.id}/review"
    assert curator.get(link["href"]).status_code == 200


def test_the_form_offers_publishing_unticked(curator):
    page = BeautifulSoup(curator.get("/en/curate/upload").data, "html.parser")
    box = page.find("input", {"name": "publish"})
    assert box["type"] == "checkbox" and not box.has_attr("checked")
    assert page.find("input", {"name": "files"}).has_attr("multiple")
    assert page.find("label", {"for": "files"}) is not None


def test_a_zip_with_nested_folders_is_unpacked(app, curator, staging_root):
    archive = zip_bytes({"projekty/ustecky.txt": TEXT, "projekty/jmk/centrum.html": HTML,
                         "__MACOSX/projekty/._ustecky.txt": b"\x00\x05",
                         "projekty/.DS_Store": b"x"})
    rows = report_rows(curator, post_files(curator, [("dávka.zip", archive)]))
    assert rows.keys() == {"dávka.zip/projekty/ustecky.txt", "dávka.zip/projekty/jmk/centrum.html"}
    assert {outcome for outcome, _ in rows.values()} == {"New"}
    assert list(staging_root.iterdir()) == []


def test_archive_members_that_climb_out_are_refused(app, curator, staging_root, tmp_path):
    archive = zip_bytes({"../../etc/passwd.txt": b"root:x:0:0", "/abs/evil.txt": b"evil",
                         "C:/windows/evil.txt": b"evil", "ok/centrum.txt": TEXT})
    rows = report_rows(curator, post_files(curator, [("hostile.zip", archive)]))
    assert rows["hostile.zip/ok/centrum.txt"][0] == "New"
    for name in ("../../etc/passwd.txt", "/abs/evil.txt", "C:/windows/evil.txt"):
        outcome, problem = rows[f"hostile.zip/{name}"]
        assert outcome == "Failed" and "points outside the archive" in problem
    assert not any(path.name in ("passwd.txt", "evil.txt") for path in tmp_path.rglob("*"))
    with app.app_context():
        assert latest_run().failed_count == 3


def _declare_size(data: bytes, size: int) -> bytes:
    """The archive with every member's size in the central directory declared as ``size``."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def test_a_zip_bomb_is_refused_before_unpacking(app, curator, staging_root):
    bomb = _declare_size(zip_bytes({f"part{n}.txt": b"a" * 1000 for n in range(3)}), 4_000_000_000)
    started = time.perf_counter()
    rows = report_rows(curator, post_files(curator, [("bomb.zip", bomb), ("good.txt", TEXT)]))
    assert time.perf_counter() - started < 5
    assert rows["bomb.zip"][0] == "Failed" and "would expand to 12000 MB" in rows["bomb.zip"][1]
    assert rows["good.txt"][0] == "New"


def test_a_really_expanding_zip_is_held_to_the_limit(app, curator, staging_root):
    app.config["UPLOAD_MAX_EXPANDED_BYTES"] = 1_000_000
    bomb = zip_bytes({"zeros.txt": b"0" * 5_000_000})
    assert len(bomb) < 20_000
    rows = report_rows(curator, post_files(curator, [("zeros.zip", bomb)]))
    assert rows["zeros.zip"] == ("Failed",
                                 "the archive's files would expand to 5 MB, over the 1 MB limit")


def test_too_many_members_and_too_big_files_are_refused(app, curator, staging_root):
    app.config.update(UPLOAD_MAX_FILES=2, IMPORT_MAX_BYTES=2000)
    many = zip_bytes({f"{n}.txt": b"text" for n in range(3)})
    rows = report_rows(curator, post_files(
        curator, [("many.zip", many), ("big.txt", b"x" * 2001), ("small.txt", OTHER_TEXT[:1500])]))
    assert rows["many.zip"] == (
        "Failed", "the archive holds 3 files, more than the 2 allowed")
    assert rows["big.txt"] == ("Failed", "the file is larger than the 2 kB limit")
    assert rows["small.txt"][0] == "New"


def test_an_encrypted_member_and_a_damaged_zip_are_reported(app, curator, staging_root):
    archive = bytearray(zip_bytes({"secret.txt": b"secret", "open.txt": TEXT}))
    at = archive.find(b"PK\x01\x02")  # the first member's central directory entry
    struct.pack_into("<H", archive, at + 8, struct.unpack_from("<H", archive, at + 8)[0] | 1)
    rows = report_rows(curator, post_files(
        curator, [("locked.zip", bytes(archive)), ("broken.zip", b"PK\x03\x04 not really")]))
    assert rows["locked.zip/secret.txt"] == (
        "Failed", "the file is encrypted in the archive; upload it unencrypted")
    assert rows["locked.zip/open.txt"][0] == "New"
    assert rows["broken.zip"] == (
        "Failed", "not a readable ZIP archive (damaged or in another format)")


def test_wrong_types_are_refused_with_a_message_each(app, curator, staging_root):
    rows = report_rows(curator, post_files(curator, [
        ("setup.exe", b"MZ\x90\x00binary"), ("photo.png", b"\x89PNG\r\n"),
        ("fake.pdf", b"just text"), ("data.csv", b"\x00\x01\x02binary\x00"), ("ok.txt", TEXT)]))
    assert rows["setup.exe"][0] == "Failed"
    assert rows["setup.exe"][1].startswith("files of type .exe cannot be imported; allowed types:")
    assert ".docx" in rows["photo.png"][1] and ".png" in rows["photo.png"][1]
    assert rows["fake.pdf"] == ("Failed", "the content does not match the file type .pdf")
    assert rows["data.csv"] == ("Failed", "the content does not match the file type .csv")
    assert rows["ok.txt"][0] == "New"


def czech(app, message: str) -> str:
    """``message`` as the Czech catalog has it."""
    with app.test_request_context("/cs/"):
        return gettext(message)


def test_the_messages_are_shown_in_the_reader_s_language(app, curator, staging_root):
    response = post_files(curator, [("setup.exe", b"MZ")], lang="cs")
    page = curator.get(response.headers["Location"].replace("/en/", "/cs/"))
    detail = BeautifulSoup(page.data, "html.parser").select_one("tr.run-file .file-detail")
    params = {"extension": ".exe", "allowed": ALLOWED}
    assert detail.get_text(strip=True) == czech(app, REJECTIONS["type"]) % params
    with app.app_context():  # stored in English, whatever the uploader's language
        assert latest_run().errors[0]["problem"] == REJECTIONS["type"] % params


def test_an_unreadable_file_is_reported_by_its_name_while_others_import(app, curator,
                                                                        staging_root):
    rows = report_rows(curator, post_files(
        curator, [("broken.pdf", b"%PDF-1.4\nnot a real pdf"), ("ok.txt", TEXT)]))
    assert rows["broken.pdf"][0] == "Failed" and rows["broken.pdf"][1]
    assert rows["ok.txt"][0] == "New"
    with app.app_context():
        run = latest_run()
        assert [error["source"] for error in run.errors] == ["broken.pdf"]
        assert (run.new_count, run.failed_count) == (1, 1)
    page = curator.get(f"/en/curate/imports/{run.id}")
    assert b"kp-upload-" not in page.data and str(staging_root).encode() not in page.data


def test_an_upload_over_the_request_limit_gets_a_413_page(app, curator):
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    for lang, heading in (("en", "Upload too large"), ("cs", czech(app, "Upload too large"))):
        response = post_files(curator, [("big.txt", b"x" * 60_000)], lang=lang)
        assert response.status_code == 413
        page = BeautifulSoup(response.data, "html.parser")
        assert page.find("h1").get_text(strip=True) == heading
        assert "50 kB" in page.select_one(".form-error").get_text()
    with app.app_context():
        assert db.session.scalar(select(ImportRun)) is None


def test_a_post_without_files_asks_for_them(curator):
    token = form_token(curator, "/en/curate/upload")
    response = curator.post("/en/curate/upload", data={"csrf_token": token})
    assert response.status_code == 400
    assert "Choose at least one file" in BeautifulSoup(response.data, "html.parser").select_one(
        ".form-error").get_text()


def test_a_repeated_upload_is_unchanged_and_named_once(app, curator, staging_root):
    report_rows(curator, post_files(curator, [("centrum.txt", TEXT)]))
    response = post_files(curator, [("centrum-again.txt", TEXT)])
    page = BeautifulSoup(curator.get(response.headers["Location"]).data, "html.parser")
    counts = {item.dt.get_text(strip=True): item.dd.get_text(strip=True)
              for item in page.select(".run-count")}
    assert counts["Unchanged"] == "1" and counts["New"] == "0"
    assert "centrum-again.txt" in page.select_one(".flash-unchanged").get_text()
    assert page.select("tr.run-file") == []
    again = BeautifulSoup(curator.get(response.headers["Location"]).data, "html.parser")
    assert again.select_one(".flash-unchanged") is None  # said once, not stored


def test_the_dashboard_links_each_run(app, curator, staging_root):
    location = post_files(curator, [("centrum.txt", TEXT)]).headers["Location"]
    page = BeautifulSoup(curator.get("/en/curate/").data, "html.parser")
    link = page.select_one("tr.import-run a")
    assert link["href"] == location
    # The whole year, to the minute: runs are looked up months later.
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}\s[AP]M", link.get_text())


def test_a_run_from_the_command_line_lists_new_and_updated(app, curator, tmp_path):
    from knowledge_platform.ingest.runs import import_paths

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(OTHER_TEXT)
    # The same project (registration number and title) described again: an update.
    second.write_bytes(OTHER_TEXT + "\nDalší odstavec o projektu.".encode())
    with app.app_context():
        run_id = import_paths([str(first), str(second)], max_bytes=100_000).run_id
    page = BeautifulSoup(curator.get(f"/en/curate/imports/{run_id}").data, "html.parser")
    outcomes = {row.select_one(".file-name").get_text(strip=True):
                row.select_one(".file-outcome").get_text(strip=True)
                for row in page.select("tr.run-file")}
    assert outcomes == {str(first): "New", str(second): "Updated"}


def test_a_reviewer_may_not_upload_or_see_runs(app, client):
    make_user(app, "reviewer@example.org", role="reviewer")
    login(client, "reviewer@example.org")
    assert client.get("/en/curate/upload").status_code == 403
    token = form_token(client, "/en/curate/review")
    response = client.post("/en/curate/upload", data={"csrf_token": token, "files": [
        (io.BytesIO(TEXT), "a.txt")]}, content_type="multipart/form-data")
    assert response.status_code == 403
    assert client.get("/en/curate/imports/1").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Project)) is None


def test_an_unknown_run_is_404(curator):
    assert curator.get("/en/curate/imports/999").status_code == 404


def test_a_run_report_keeps_its_outcomes_after_a_merge(app, curator, tmp_path):
    from knowledge_platform.curate.merge.merging import merge_projects
    from knowledge_platform.ingest.runs import import_paths

    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_bytes(TEXT)
    (tmp_path / "two" / "b.txt").write_bytes(OTHER_TEXT)
    with app.app_context():
        first = import_paths([str(tmp_path / "one")], max_bytes=100_000)
        second = import_paths([str(tmp_path / "two")], max_bytes=100_000)
        kept = db.session.get(Project, first.results[0].project_id)
        merged = db.session.get(Project, second.results[0].project_id)
        merge_projects(kept, merged, set(), None)
        db.session.commit()
    page = BeautifulSoup(curator.get(f"/en/curate/imports/{second.run_id}").data, "html.parser")
    assert [row.select_one(".file-outcome").get_text(strip=True)
            for row in page.select("tr.run-file")] == ["New"]
