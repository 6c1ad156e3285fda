"""The synthetic corpus generator (bench/corpus.py): deterministic, valid, realistic."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from importers.extract.regnum import find_registration_number
from importers.record import RECORD_FIELDS

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = ROOT.parent / "shared" / "VOCABULARY.md"


def _load_corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()
CODES = json.loads((corpus.DATA / "codes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(corpus.generate(3000))


def _dump(records) -> list[str]:
    return [json.dumps(r, ensure_ascii=False, sort_keys=False) for r in records]


def test_same_seed_same_records_other_seed_other_records():
    first = _dump(corpus.generate(500, seed=7))
    assert first == _dump(corpus.generate(500, seed=7))
    assert first[:100] == _dump(corpus.generate(100, seed=7))  # a prefix of a longer run
    other = _dump(corpus.generate(500, seed=8))
    assert sum(a != b for a, b in zip(first, other, strict=True)) > 490


def test_records_have_exactly_the_record_fields(records):
    for i, record in enumerate(records):
        assert tuple(record) == RECORD_FIELDS
        assert record["source"] == f"synthetic/2026/{i:07d}"
        assert record["is_project"] is True
        assert record["evidence"] == {} and record["confidence"] == {}
        for name in ("partners", "funders", "regions", "activities", "target_groups"):
            assert record[name] == sorted(set(record[name]))
        assert record["title"] and record["implementer"]
        assert record["implementer"] not in record["partners"]
        assert len(record["partners"]) <= 3


def _vocabulary_codes(text: str) -> dict[str, list[str]]:
    """The first column of each table under the headings of VOCABULARY.md."""
    sections = {"Regions": "regions", "Funders": "funders", "Activity types": "activities",
                "Target groups": "target_groups"}
    codes: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = next((v for k, v in sections.items() if line[3:].startswith(k)), None)
        elif current and re.match(r"\| [A-Za-z0-9_]+ \|", line) and not line.startswith("| code"):
            codes.setdefault(current, []).append(line.split("|")[1].strip())
    return codes


def test_code_lists_match_the_vocabulary():
    if not VOCABULARY.exists():
        pytest.skip(f"{VOCABULARY} not present")
    found = _vocabulary_codes(VOCABULARY.read_text(encoding="utf-8"))
    for name in ("regions", "funders", "activities", "target_groups"):
        assert found[name] == CODES[name], name


def test_codes_are_valid_and_counts_in_range(records):
    for record in records:
        for name in ("regions", "funders", "activities", "target_groups"):
            assert set(record[name]) <= set(CODES[name]), (name, record[name])
        assert 1 <= len(record["regions"]) <= 2
        assert 1 <= len(record["funders"]) <= 3
        assert 1 <= len(record["activities"]) <= 4
        assert 1 <= len(record["target_groups"]) <= 3


def test_regions_and_language_are_distributed_realistically(records):
    regions = Counter(c for r in records for c in r["regions"])
    assert set(regions) == set(CODES["regions"])
    assert "CZ010" in [c for c, _ in regions.most_common(3)]
    share = Counter(len(r["regions"]) for r in records)
    assert share[1] > 0.8 * len(records)
    assert 0.03 < regions["CZ"] / len(records) < 0.07
    assert 0.015 < regions["ABROAD"] / len(records) < 0.045
    czech = sum(r["language"] == "cs" for r in records) / len(records)
    assert abs(czech - 2 / 3) <= 0.08
    assert {r["language"] for r in records} == {"cs", "en"}


def test_funders_follow_the_programme_rules(records):
    funders = Counter(c for r in records for c in r["funders"])
    assert set(funders) == set(CODES["funders"])
    with_amif = [r for r in records if "AMIF" in r["funders"]]
    assert sum("MV_CR" in r["funders"] for r in with_amif) > 0.6 * len(with_amif)
    for record in records:
        codes = set(record["funders"])
        if codes & {"OPZ", "OPZ_PLUS"}:
            assert "ESF" in codes
        if record["start"]:
            year = int(record["start"][:4])
            assert not ({"OPZ"} & codes) or 2014 <= year <= 2022
            assert not ({"OPZ_PLUS"} & codes) or year >= 2021
            assert not ({"AMIF", "ERASMUS", "IROP"} & codes) or year >= 2014
            assert "temporary_protection" not in record["target_groups"] or year >= 2022
    assert all(c in CODES["activities"] for r in records for c in r["activities"])
    assert set(c for r in records for c in r["activities"]) == set(CODES["activities"])
    assert set(c for r in records for c in r["target_groups"]) == set(CODES["target_groups"])


def test_dates(records):
    precisions = Counter(r["start_precision"] for r in records)
    assert 0.02 < precisions[None] / len(records) < 0.08
    assert precisions["day"] > precisions["month"] > precisions["year"] > 0
    for record in records:
        if record["start"] is None:
            assert record["end"] is None and record["start_precision"] is None
            continue
        start = date.fromisoformat(record["start"])
        assert date(2004, 1, 1) <= start <= date(2026, 12, 31)
        assert record["start_precision"] in ("day", "month", "year")
        if record["end"] is None:
            assert record["end_precision"] is None
            continue
        end = date.fromisoformat(record["end"])
        assert start <= end <= date(2026, 12, 31)
        assert record["end_precision"] in ("day", "month", "year")
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        limit = 48 if "year" in (record["start_precision"], record["end_precision"]) else 37
        assert 5 <= months <= limit


def test_budgets(records):
    known = [r for r in records if r["budget_amount"] is not None]
    assert 0.72 < len(known) / len(records) < 0.88
    approximate = sum(r["budget_approximate"] for r in records) / len(records)
    assert 0.05 < approximate < 0.15
    assert any(r["currency"] == "EUR" for r in records)
    for record in records:
        amount, subsidy = record["budget_amount"], record["subsidy_amount"]
        if amount is None:
            assert record["currency"] is None and record["budget_czk"] is None
            assert subsidy is None and not record["budget_approximate"]
            continue
        assert amount == round(amount)
        if record["currency"] == "CZK":
            assert record["budget_czk"] == amount
            assert record["subsidy_czk"] == subsidy
            assert 50_000 <= amount <= 50_000_000
        else:
            assert record["currency"] == "EUR" and "EEA_NORWAY" in record["funders"]
            assert record["budget_czk"] is None and record["subsidy_czk"] is None
            assert 50_000 / 25 <= amount <= 50_000_000 / 25
        if subsidy is not None:
            assert subsidy <= amount


def test_registration_numbers_are_unique_and_in_programme_formats(records):
    numbers = [r["registration_number"] for r in records if r["registration_number"]]
    assert 0.33 < len(numbers) / len(records) < 0.47
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        assert find_registration_number(f"Registrační číslo projektu: {number}").value == number
    assert any(n.startswith("AMIF/") for n in numbers)
    assert any(n.startswith("CZ.03.") for n in numbers)
    assert any(n.startswith("CZ.12.") for n in numbers)


def test_texts_are_inflected_czech_and_english(records):
    czech = [r for r in records if r["language"] == "cs"]
    for record in czech:
        assert re.search("[áčďéěíňóřšťúůýž]", record["summary"], re.IGNORECASE)
    text = " ".join(r["title"] + " " + r["summary"] for r in records)
    for word in ("Brno", "Brně", "Brna", "Praze", "Plzni", "Ostravě", "kraji",
                 "cizincům", "cizince", "cizinců", "dočasné", "ochrany"):
        assert re.search(rf"\b{word}\b", text), word
    english = " ".join(r["summary"] for r in records if r["language"] == "en")
    assert " the " in english and "Projekt " not in english
    for record in records:
        assert 150 <= len(record["summary"]) <= 600, record["summary"]
        assert record["summary"].endswith(".")
        assert "{" not in record["summary"] + record["title"]
        assert "  " not in record["summary"] + record["title"]
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    assert len(words) > 1000


def test_text_matches_the_codes(records):
    labels = {"czech_language": ("češtin", "česk", "czech"),
              "legal_counselling": ("práv", "legal", "lawyer")}
    for record in records:
        text = (record["title"] + " " + record["summary"]).lower()
        for code, stems in labels.items():
            if record["activities"] == [code]:
                assert any(s in text for s in stems), (code, text)
        if record["target_groups"] == ["temporary_protection"]:
            assert re.search("ukrajin|dočasn|ukrain|temporary", text), text


def test_title_and_implementer_pairs_are_unique(records):
    pairs = [(r["title"], r["implementer"]) for r in records]
    assert len(set(pairs)) == len(pairs)
    assert len({r["title"] for r in records}) > 0.8 * len(records)
    assert len({r["implementer"] for r in records}) > 300


def test_cli_writes_json_lines(tmp_path, capsys):
    out = tmp_path / "corpus.jsonl"
    assert corpus.main(["25", "--seed", "3", "--jsonl", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(corpus.generate(25, seed=3))
    assert "Praze" in out.read_text(encoding="utf-8") or "\\u" not in lines[0]
    assert corpus.main(["3", "--seed", "3"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == lines[:3]
    assert "records" in captured.err


def test_distributions_follow_the_demo_corpus(records):
    from importers import ReadError
    from importers.extract import extract
    from importers.readers import read_path

    demo_folder = ROOT / "demo" / "documents"
    demo = [extract(d) for d in read_path(str(demo_folder)) if not isinstance(d, ReadError)]
    assert len(demo) >= 120
    for field in ("regions", "funders", "activities", "target_groups"):
        generated = Counter(code for record in records for code in record[field])
        real = Counter(code for record in demo for code in record[field])
        assert set(real) <= set(generated), field
        if field != "target_groups":  # 2022's refugees make the demo's top group unusual
            assert generated.most_common(1)[0][0] == real.most_common(1)[0][0], field
    english = [sum(r["language"] == "en" for r in rs) / len(rs) for rs in (records, demo)]
    assert abs(english[0] - english[1]) < 0.1


def test_load_writes_published_projects_and_their_index_rows(app):
    from sqlalchemy import func, select

    from knowledge_platform.db import db
    from knowledge_platform.models import Project, SearchDocument, Status
    from knowledge_platform.search.params import SearchParams
    from knowledge_platform.search.service import search

    with app.app_context():
        assert corpus.load(60, seed=3, batch_size=25) == 60
        assert db.session.scalar(select(func.count(Project.id)).where(
            Project.status == Status.PUBLISHED)) == 60
        assert db.session.scalar(select(func.count(SearchDocument.project_id))) == 60
        first = next(corpus.generate(1, seed=3))
        hits = search(SearchParams(q=f'"{first["title"]}"')).hits
        assert first["title"] in [hit["title"] for hit in hits]
