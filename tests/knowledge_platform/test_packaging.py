"""A built wheel is the whole site: installed away from the checkout, it serves both languages.

The sdist is built from a copy of the source tree without compiled catalogs (as `python -m
build` would, so MANIFEST.in is checked too), the wheel from that sdist with this
interpreter's setuptools and Babel, and the wheel installed into a fresh venv that borrows
only the third-party dependencies from this one. About 20-40 s in all.
"""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from knowledge_platform.config import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
# Top-level entries a release is not built from: version control, local environments and
# caches (hidden), earlier build output, local data, and what only developers run.
NOT_RELEASED = {"build", "dist", "instance", "tests", "bench", "test-artifacts"}
# Folders whose every file the wheel must carry, by their place in the checkout and in the wheel.
SHIPPED = {
    "templates": "knowledge_platform/templates",
    "demo": "knowledge_platform/demo_data",
    "knowledge_platform/static": "knowledge_platform/static",
    "knowledge_platform/migrations": "knowledge_platform/migrations",
    "importers/data": "importers/data",
    "search_index/data": "search_index/data",
}
TIMEOUT = 120

# Run by the installed venv's Python: what the site serves and where it read it from, written
# to the file named by its argument (standard output carries the request log).
PROBE = """
import json
import sys
from pathlib import Path
from flask_babel import force_locale, get_translations
import knowledge_platform
from knowledge_platform import create_app

app = create_app()
client = app.test_client()
catalogs = {}
for lang in ("cs", "en"):
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        catalogs[lang] = getattr(get_translations(), "files", [])
pages = {lang: client.get(f"/{lang}/") for lang in ("cs", "en")}
Path(sys.argv[1]).write_text(json.dumps({
    "package": knowledge_platform.__file__,
    "folders": [app.template_folder, app.config["BABEL_TRANSLATION_DIRECTORIES"],
                app.config["DEMO_FOLDER"], app.static_folder],
    "catalogs": catalogs,
    "status": {lang: page.status_code for lang, page in pages.items()},
    "pages": {lang: page.get_data(as_text=True) for lang, page in pages.items()},
    "stylesheet": client.get("/static/site.css").status_code,
}))
"""


def _files(folder: Path) -> set[str]:
    """Paths of the files under ``folder`` a build ships (no bytecode, no compiled catalogs)."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
            and path.suffix not in {".pyc", ".mo"}}


def _release_tree(folder: str, names: list[str]) -> set[str]:
    if Path(folder) == ROOT:
        return {name for name in names if name.startswith(".") or name in NOT_RELEASED
                or name.endswith(".egg-info")}
    # Compiled catalogs left out so that the build has to make its own.
    return {name for name in names if name == "__pycache__" or name.endswith((".pyc", ".mo"))}


def _run(*args: str | Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(arg) for arg in args], capture_output=True, text=True,
                            timeout=TIMEOUT, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """An sdist and the wheel built from it."""
    work = tmp_path_factory.mktemp("build")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_release_tree, symlinks=True)
    _run(sys.executable, "-c",
         "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])",
         work / "sdist", cwd=source)
    [sdist] = (work / "sdist").glob("*.tar.gz")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "-w", work / "wheel", sdist, cwd=work)
    [wheel] = (work / "wheel").glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> dict[str, Path]:
    """A venv holding only the wheel, with this environment's site-packages (not the
    checkout, which the editable install's own .pth would add) for the dependencies."""
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q",
         "--disable-pip-version-check", "--no-deps", "--no-index", built["wheel"])
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    # Lines of a .pth file only extend sys.path: the .pth files in those folders (the
    # editable install's among them) are not read, so the checkout stays out of reach.
    dependencies = [path for path in site.getsitepackages() if Path(path) != ROOT]
    Path(purelib.stdout.strip(), "dependencies.pth").write_text("\n".join(dependencies) + "\n")
    home = tmp_path_factory.mktemp("site")
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("KP_", "PYTHON", "VIRTUAL_ENV", "FLASK_"))
           and name != "DATABASE_URL"}
    env.update(KP_INSTANCE_PATH=str(home / "instance"), PYTHONNOUSERSITE="1")
    return {"venv": venv, "python": python, "kp": venv / "bin" / "kp", "cwd": home, "env": env}


def test_wheel_carries_site_folders_and_compiled_catalogs(built):
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
    for checkout, packaged in SHIPPED.items():
        carried = {name.removeprefix(packaged + "/") for name in names
                   if name.startswith(packaged + "/")}
        assert carried == _files(ROOT / checkout), checkout
    assert {name for name in names if name.startswith("knowledge_platform/translations/")} == {
        f"knowledge_platform/translations/{lang}/LC_MESSAGES/messages.mo" for lang in LANGUAGES}
    with tarfile.open(built["sdist"]) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    # The sdist has the sources of the catalogs; .mo files are build output.
    assert {f"translations/{lang}/LC_MESSAGES/messages.po" for lang in LANGUAGES} <= in_sdist
    assert not any(name.endswith(".mo") for name in in_sdist)


def test_installed_wheel_serves_both_languages_away_from_the_checkout(installed):
    run = {"cwd": installed["cwd"], "env": installed["env"]}
    _run(installed["kp"], "db", "upgrade", **run)
    demo = _run(installed["kp"], "demo", **run)
    assert "failed 0" in demo.stdout, demo.stdout + demo.stderr

    report = installed["cwd"] / "probe.json"
    _run(installed["python"], "-c", PROBE, report, **run)
    probe = json.loads(report.read_text())
    venv = installed["venv"].resolve()
    for path in [probe["package"], *probe["folders"]]:
        assert Path(path).resolve().is_relative_to(venv), path
    for lang in LANGUAGES:
        [catalog] = probe["catalogs"][lang]
        assert Path(catalog).resolve().is_relative_to(venv), catalog
    assert probe["status"] == {"cs": 200, "en": 200}
    assert "Přejít na obsah" in probe["pages"]["cs"]  # "Skip to content", from the catalog
    assert "Skip to content" not in probe["pages"]["cs"]
    assert "Skip to content" in probe["pages"]["en"]
    assert probe["stylesheet"] == 200
