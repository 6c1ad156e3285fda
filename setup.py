"""Build hook: a built package carries the site's top-level folders, catalogs compiled.

The source tree keeps ``templates/``, ``translations/`` and ``demo/`` at its top level, where
an editable install reads them. A wheel has no checkout beside it, so ``build_py`` copies them
into ``knowledge_platform/`` and compiles the ``.po`` catalogs to ``.mo`` on the way (the
``.mo`` files are not in git); ``knowledge_platform.config.site_folder`` prefers these copies.
Everything else about the package is declared in setup.cfg.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

SOURCE_ROOT = Path(__file__).resolve().parent
PACKAGE = "knowledge_platform"
# Top-level folder -> folder inside the package; knowledge_platform.config.PACKAGED_NAMES
# names the same places. "translations" is compiled rather than copied.
SITE_FOLDERS = {"templates": "templates", "demo": "demo_data"}
CATALOGS = ("translations", "translations")


class BuildPyWithSiteFolders(build_py):
    """``build_py`` that also puts the templates, demo data and compiled catalogs into the
    package's build folder."""

    def run(self) -> None:
        self._site_files: list[str] = []
        if not self.editable_mode:
            # `pip install .` builds in the checkout's build/ at every upgrade, and setuptools
            # only ever adds to it: a module or template deleted since would ship again.
            for top_level in {name.split(".")[0] for name in self.packages or []}:
                shutil.rmtree(Path(self.build_lib) / top_level, ignore_errors=True)
        super().run()
        if self.editable_mode:
            return  # an editable install runs from the checkout and reads its folders there
        package = Path(self.build_lib) / PACKAGE
        for source_name, packaged_name in SITE_FOLDERS.items():
            target = package / packaged_name
            shutil.copytree(SOURCE_ROOT / source_name, target,
                            ignore=shutil.ignore_patterns("__pycache__", ".*"))
            self._site_files += [str(path) for path in target.rglob("*") if path.is_file()]
        source_name, packaged_name = CATALOGS
        for mo in compile_catalogs(SOURCE_ROOT / source_name, package / packaged_name):
            self.announce(f"compiled {mo}", level=2)
            self._site_files.append(str(mo))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *getattr(self, "_site_files", [])]


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every ``<source>/<locale>/LC_MESSAGES/<domain>.po`` to the same place under
    ``target`` as ``pybabel compile`` would (fuzzy entries left out), refusing broken ones."""
    # Imported here so that reading the metadata (egg_info) works without Babel installed.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name, domain=po.stem)
        # A placeholder the translation lacks would fail at render time: fail the build now.
        problems = [f"{po}: {message.id!r}: {error}"
                    for message, errors in catalog.check() for error in errors]
        if problems:
            raise SetupError("broken translations:\n" + "\n".join(problems))
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo)
    if not written:
        # An sdist without its .po files would otherwise build a site that is English only.
        raise SetupError(f"no message catalogs under {source}")
    return written


setup(cmdclass={"build_py": BuildPyWithSiteFolders})
