"""Tests for scripts/check_translation_template.py, run on copies of the committed template."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "check_translation_template.py"
TEMPLATE = REPO_ROOT / "translations" / "messages.pot"


@pytest.fixture(scope="module")
def check():
    """Import the script as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("check_translation_template", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rewritten(tmp_path: Path, change) -> Path:
    """A copy of the committed template with ``change(catalog)`` applied, written by Babel."""
    with TEMPLATE.open("rb") as handle:
        catalog = read_po(handle)
    change(catalog)
    target = tmp_path / "fresh.pot"
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return target


def test_only_the_tool_header_differs(check, tmp_path, capsys):
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r'"Generated-By: Babel [^\\]*', '"Generated-By: Babel 99.0.0', text)
    text = re.sub(r'"POT-Creation-Date: [^\\]*', '"POT-Creation-Date: 2031-01-01 00:00+0000', text)
    fresh = tmp_path / "fresh.pot"
    fresh.write_text(text, encoding="utf-8")
    assert "Babel 99.0.0" in fresh.read_text(encoding="utf-8")

    assert check.main([str(TEMPLATE), str(fresh)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_a_message_missing_from_the_template_fails(check, tmp_path, capsys):
    fresh = rewritten(tmp_path, lambda catalog: catalog.add("A sentence nobody translated yet"))

    assert check.main([str(TEMPLATE), str(fresh)]) == 1
    out = capsys.readouterr().out
    assert "is stale" in out
    assert "missing from" in out and "A sentence nobody translated yet" in out


def test_a_message_gone_from_the_source_fails(check, tmp_path):
    with TEMPLATE.open("rb") as handle:
        first = next(message for message in read_po(handle) if message.id)
    fresh = rewritten(tmp_path, lambda catalog: catalog.delete(first.id, first.context))

    found = check.differences(TEMPLATE, fresh)
    assert len(found) == 1 and found[0].startswith("no longer in the source")


def test_a_new_plural_form_counts_as_a_different_message(check, tmp_path):
    def add_plural(catalog):
        catalog.add(("%(count)s town", "%(count)s towns"), flags=["python-format"])

    found = check.differences(TEMPLATE, rewritten(tmp_path, add_plural))
    assert found == [f"missing from {TEMPLATE}: '%(count)s town | %(count)s towns'"]
