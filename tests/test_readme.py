"""The README's module map matches the tree: every entry exists, and every package and every
module at the top of knowledge_platform/ has an entry."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("knowledge_platform", "importers", "search_index")


def _map_entries() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Module map", 1)[1].split("```", 2)[1]
    return {match.group(1).rstrip("/") for match in re.finditer(r"^(\S+)\s", block, re.M)}


def _tree() -> set[str]:
    packages = {path.parent.relative_to(ROOT).as_posix()
                for top in PACKAGES for path in (ROOT / top).rglob("__init__.py")
                if "migrations" not in path.parts}
    modules = {path.relative_to(ROOT).as_posix()
               for path in (ROOT / "knowledge_platform").glob("*.py")}
    return packages | modules


def test_every_entry_of_the_module_map_exists():
    missing = sorted(entry for entry in _map_entries() if not (ROOT / entry).exists())
    assert not missing, f"README module map names paths that do not exist: {missing}"


def test_every_package_and_top_level_module_is_in_the_module_map():
    entries = _map_entries()
    unlisted = sorted(path for path in _tree()
                      if path not in entries and f"{path}/__init__.py" not in entries)
    assert not unlisted, f"README module map lacks: {unlisted}"
