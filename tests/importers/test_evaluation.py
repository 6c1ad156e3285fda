"""The extraction scorer (importers.evaluation) on hand-made gold and records, and its CLI."""
from __future__ import annotations

import json

import pytest

from importers.evaluation import evaluate, names_alike, normalise_name, normalise_registration
from importers.evaluation_corpus import document_paths, evaluate_corpus, load_gold
from importers.evaluation_report import render_text, shorten
from importers.record import empty_record

GOLD = {"is_project": True, "language": "cs", "title": "Most mezi námi",
        "implementer": "Spolek Lávka, z.s.", "partners": ["Klub Kotva, o.p.s."],
        "funders": ["AMIF", "MV_CR"], "regions": ["CZ053"], "start": "2021-03-01",
        "end": "2021-12-31", "budget_czk": 250000, "registration_number": "AMIF/1/02",
        "activities": ["czech_language"], "target_groups": []}


def _record(**values):
    record = empty_record("doc.txt")
    record.update({key: GOLD[key] for key in GOLD}, **values)
    return record


def _score(gold, record):
    return evaluate([("doc.txt", gold, record)])


@pytest.mark.parametrize(("written", "normalised"), [
    ("Spolek Lávka, z.s.", "spolek lávka"),
    ("Spolek Lávka z. s.", "spolek lávka"),
    ("SPOLEK LÁVKA,z.s", "spolek lávka"),
    ("Klub Kotva, o. p. s.", "klub kotva"),
    ("Dílna Nova s.r.o.", "dílna nova"),
    ("Dílna Nova, spol. s r. o.", "dílna nova"),
    ("Poradna Sever, z.ú.", "poradna sever"),
    ("Tiskárna Jih a.s.", "tiskárna jih"),
    ("Sdružení Brána, o.s.", "sdružení brána"),
    ("„Most  mezi\n námi“", "most mezi námi"),
    ('"Most mezi námi".', "most mezi námi"),
])
def test_names_lose_case_quotes_spacing_and_legal_forms(written, normalised):
    assert normalise_name(written) == normalised


def test_a_name_merely_ending_like_a_legal_form_keeps_its_words():
    assert normalise_name("Atlas") == "atlas"
    assert normalise_name("Centrum Kos") == "centrum kos"
    assert normalise_name("Tým pro as") == "tým pro as"  # no dot: a word, not "a.s."
    assert normalise_name(None) == normalise_name("") == ""


def test_names_are_alike_when_nearly_all_their_words_are_shared():
    # Dice over word sets >= 0.85: one word of seven may differ, one of three may not.
    seven = "Poradna pro cizince a jejich rodiny Liberec"
    assert names_alike(seven, seven.replace("Liberec", "Jablonec"))  # 2*6/14 = 0.86
    assert not names_alike(seven, seven.replace("jejich rodiny", "jiné lidi"))  # 2*5/14
    assert names_alike("Klub Kotva, o.p.s.", "KLUB  KOTVA")
    assert not names_alike("Klub Kotva", "Klub Kotva Sever")
    assert not names_alike("Klub Kotva", None)
    assert names_alike(None, "")


def test_registration_numbers_ignore_spaces_only():
    assert normalise_registration(" AMIF/1/ 02 ") == "AMIF/1/02"
    gold = {"registration_number": "CZ.03.2.63/0.0/0.0/15_007/0001"}
    spaced = _score(gold, _record(registration_number="CZ.03.2.63/0.0/0.0/ 15_007/0001"))
    other = _score(gold, _record(registration_number="CZ.03.2.63/0.0/0.0/15_007/0002"))
    assert spaced.figures()["registration_number"] == 1.0
    assert other.figures()["registration_number"] == 0.0


def test_a_perfect_record_scores_one_everywhere():
    evaluation = _score(GOLD, _record(implementer="SPOLEK LÁVKA z. s.",
                                      partners=["„Klub Kotva“"]))
    assert evaluation.figures() == {name: 1.0 for name in evaluation.scores}
    assert evaluation.misses == []


@pytest.mark.parametrize(("extracted", "right"), [
    (250000.0, True), (250001.0, True), (249999.2, True), (250001.5, False), (None, False)])
def test_budget_is_right_within_one_crown(extracted, right):
    evaluation = _score(GOLD, _record(budget_czk=extracted))
    assert evaluation.scores["budget_czk"].right == int(right)


def test_null_is_a_value_on_both_sides():
    gold = {"start": None, "end": "2021-12-31", "budget_czk": None}
    evaluation = _score(gold, _record(start=None, end=None, budget_czk=100.0))
    assert evaluation.scores["start"].right == 1  # null and null
    assert evaluation.scores["end"].right == 0  # a value missed
    assert evaluation.scores["budget_czk"].right == 0  # a value where gold has none
    assert {miss.field for miss in evaluation.misses} == {"end", "budget_czk"}


def test_micro_f1_sums_counts_over_documents_before_dividing():
    first = {"funders": ["AMIF", "MV_CR", "ESF", "OPZ"]}
    second = {"funders": ["REGION"]}
    evaluation = evaluate([
        ("a.txt", first, _record(funders=["AMIF", "MV_CR", "ESF", "OPZ"])),  # tp 4
        ("b.txt", second, _record(funders=["OTHER", "UNHCR"])),  # fp 2, fn 1
        ("c.txt", {"funders": []}, _record(funders=[])),  # nothing either side
    ])
    score = evaluation.scores["funders"]
    assert (score.tp, score.fp, score.fn, score.judged, score.right) == (4, 2, 1, 3, 2)
    assert score.precision == pytest.approx(4 / 6)
    assert score.recall == pytest.approx(4 / 5)
    assert score.figure == pytest.approx(8 / 11)  # 2tp / (2tp + fp + fn)


def test_sets_empty_on_both_sides_score_one_and_one_wrong_item_scores_zero():
    assert _score({"regions": []}, _record(regions=[])).figures()["regions"] == 1.0
    assert _score({"regions": []}, _record(regions=["CZ"])).figures()["regions"] == 0.0


def test_partners_are_compared_as_normalised_names():
    gold = {"partners": ["Klub Kotva, o.p.s.", "Město Lhota"]}
    evaluation = _score(gold, _record(partners=["KLUB KOTVA o. p. s.", "Obec Lhota"]))
    score = evaluation.scores["partners"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    (miss,) = evaluation.misses
    assert (miss.missing, miss.extra) == (("město lhota",), ("obec lhota",))


def test_a_non_project_is_judged_on_is_project_language_and_title_only():
    gold = {"is_project": False, "language": "en", "title": "About us", "implementer": None,
            "funders": [], "start": None}
    record = _record(is_project=True, language="en", title="About Us", funders=["OTHER"])
    evaluation = _score(gold, record)
    judged = {name for name, score in evaluation.scores.items() if score.judged}
    assert judged == {"is_project", "language", "title"}
    assert evaluation.figures() == {"is_project": 0.0, "language": 1.0, "title": 1.0}


def test_absent_fields_are_not_judged_and_minimum_lists_forgive_extras():
    gold = {"title": "Most mezi námi", "activities_min": ["czech_language", "fieldwork"],
            "implementer": "Kraj Jih", "implementer_same_as": "South Region"}
    record = _record(activities=["czech_language", "other"], implementer="South Region")
    evaluation = _score(gold, record)
    assert set(evaluation.figures()) == {"title", "implementer", "activities"}
    score = evaluation.scores["activities"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
    assert evaluation.scores["implementer"].right == 1


def test_misses_carry_gold_extracted_and_evidence_into_the_tables():
    record = _record(title="Zdroj: nějaká stránka")
    record["evidence"]["title"] = "Zdroj: nějaká stránka " + "velmi dlouhá " * 20
    text = render_text(_score(GOLD, record))
    assert "title" in text.split("misses")[0]
    row = next(line for line in text.splitlines() if line.startswith("doc.txt"))
    assert "Most mezi námi" in row and "Zdroj: nějaká stránka" in row and "…" in row
    assert shorten("a  b\nc", 10) == "a b c" and shorten("abcdef", 4) == "abc…"


def test_gold_comes_from_expected_json_or_one_file_per_document(tmp_path):
    single, per_document = tmp_path / "single", tmp_path / "per"
    single.mkdir()
    per_document.mkdir()
    (single / "expected.json").write_text(json.dumps(
        {"_about": "notes", "a.txt": {"title": "A"}}), "utf-8")
    (per_document / "a.json").write_text(json.dumps({"title": "A"}), "utf-8")
    assert load_gold(single) == {"a.txt": {"title": "A"}}
    assert load_gold(per_document) == {"a": {"title": "A"}}
    for name in ("a.txt", "README.md", ".hidden.txt"):
        (per_document / name).write_text("x", "utf-8")
    assert [path.name for path in document_paths([per_document])] == ["a.txt"]


def test_an_unreadable_document_counts_as_nothing_extracted(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "a.json").write_text(json.dumps({"language": "cs"}), "utf-8")
    (tmp_path / "b.txt").write_text("Bez zlatého standardu.", "utf-8")
    run = evaluate_corpus(tmp_path, [tmp_path])
    assert len(run.errors) == 1 and "empty file" in run.errors[0]
    assert run.without_gold == [str(tmp_path / "b.txt")]
    assert run.evaluation.figures() == {"language": 0.0}


DOCUMENT = """Název projektu: Sousedé od řeky
Realizátor: Spolek Přívoz, z. s.
Doba realizace: 1. 3. 2021 – 31. 12. 2021

Projekt nabízí kurzy češtiny pro cizince a sociální poradenství.
"""


def test_kp_extract_evaluate_prints_the_tables_or_json(runner, tmp_path):
    (tmp_path / "p1.txt").write_text(DOCUMENT, "utf-8")
    gold = {"is_project": True, "language": "cs", "title": "Sousedé od řeky",
            "registration_number": "XY/99/2021"}
    (tmp_path / "p1.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")

    text = runner.invoke(args=["extract", "--evaluate", str(tmp_path), str(tmp_path)])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == "documents scored: 1"
    assert lines.index("misses (1)") > next(i for i, line in enumerate(lines)
                                              if line.startswith("registration_number"))
    miss = next(line for line in lines if line.startswith("p1.txt"))
    assert "registration_number" in miss and "XY/99/2021" in miss and "null" in miss

    as_json = runner.invoke(args=["extract", "--evaluate", str(tmp_path), "--format", "json",
                                  str(tmp_path / "p1.txt")])
    assert as_json.exit_code == 0, as_json.output
    figures = json.loads(as_json.stdout)
    assert figures["documents"] == 1
    assert figures["fields"]["language"]["value"] == 1.0
    assert figures["fields"]["registration_number"]["value"] == 0.0
    assert figures["fields"]["funders"]["value"] is None  # not in this gold: not judged
    assert [miss["field"] for miss in figures["misses"]] == ["registration_number"]
