"""Scoring extracted records against gold annotations: accuracy per scalar field, F1 per set.

Pure: gold dicts and records in, figures and misses out (``evaluate``). The rules:

- Scalar fields score accuracy (right / judged documents). ``is_project``, ``language``,
  ``start`` and ``end`` must be equal; ``registration_number`` equal once all whitespace is
  removed; ``budget_czk`` within 1 CZK of the gold's; ``title`` and ``implementer`` alike after
  ``normalise_name`` (case, quotes, whitespace, edge punctuation, legal-form suffixes): the
  token-set similarity the devset's scoring rules name, taken as the Dice coefficient of
  the two sets of words, at least 0.85 (one word of seven may differ).
- Set fields (funders, regions, activities, target_groups, partners; partners compared as
  normalised names) score micro-averaged precision, recall and F1: true and false positives
  and false negatives are summed over documents before dividing, so a document where gold
  and extraction are both empty adds nothing and a field empty everywhere scores 1.0.
- Null is a value: gold null and nothing extracted is right; gold null with a value
  extracted is wrong, as is a gold value with nothing extracted.
- A document whose gold ``is_project`` is false is judged on is_project, language and title
  only; the gold leaves the other fields empty, so they say nothing about the extractor.
- A field absent from a gold entry is not judged (the seeds' expected.json omits some).
  A ``<field>_min`` list (seeds) names items that must all be found while others may be
  added, so it counts true positives and false negatives but never false positives.
  ``implementer_same_as`` (seeds) names an equally right implementer.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SCALAR_FIELDS: tuple[str, ...] = ("is_project", "language", "title", "implementer", "start",
                                  "end", "budget_czk", "registration_number")
SET_FIELDS: tuple[str, ...] = ("funders", "regions", "activities", "target_groups", "partners")
FIELDS: tuple[str, ...] = SCALAR_FIELDS + SET_FIELDS
NON_PROJECT_FIELDS = frozenset({"is_project", "language", "title"})
BUDGET_TOLERANCE_CZK = 1.0
NAME_SIMILARITY = 0.85

# Czech legal forms as usually abbreviated; dots and spaces inside them vary in the wild.
LEGAL_FORMS: tuple[str, ...] = ("spol. s r.o.", "s.r.o.", "o.p.s.", "z.ú.", "z.s.", "o.s.",
                                "a.s.", "v.o.s.", "k.s.")
_QUOTES = re.compile("[\"'`´„“”‚‘’«»‹›]")
_EDGE_PUNCTUATION = " ,.;:"


def _legal_form_pattern() -> re.Pattern[str]:
    forms = []
    for form in LEGAL_FORMS:
        letters = [char for char in form if char.isalpha()]
        forms.append(r"[\s.]*".join(re.escape(char) for char in letters) + r"\.?")
    # A separator is required so that a name merely ending in "as" or "os" keeps it.
    return re.compile(r"[\s,.]+(" + "|".join(forms) + r")$")


_LEGAL_FORM = _legal_form_pattern()


def normalise_name(name: str | None) -> str:
    """A title or organisation name reduced for comparison: case-folded, without quotes,
    with single spaces, and without a trailing legal form such as ", z. s." or "s.r.o."."""
    if not name:
        return ""
    text = _QUOTES.sub("", unicodedata.normalize("NFC", name).casefold())
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    while True:
        match = _LEGAL_FORM.search(text)
        # Without any dot, "a s" or "os" is as likely a word as a legal form.
        if not match or "." not in match.group(1):
            return text
        text = text[:match.start()].strip(_EDGE_PUNCTUATION)


def names_alike(first: str | None, second: str | None) -> bool:
    """Whether two names share enough words after ``normalise_name`` (Dice >= 0.85)."""
    words = [set(re.findall(r"\w+", normalise_name(name))) for name in (first, second)]
    if not words[0] or not words[1]:
        return words[0] == words[1]
    shared = len(words[0] & words[1])
    return 2 * shared / (len(words[0]) + len(words[1])) >= NAME_SIMILARITY


def normalise_registration(number: str | None) -> str:
    """A registration number without any whitespace ("AMIF/28/ 04" is "AMIF/28/04")."""
    return "".join((number or "").split())


@dataclass(frozen=True)
class Miss:
    """One field of one document that the extraction got wrong."""

    document: str
    field: str
    gold: Any
    extracted: Any
    evidence: str | None
    missing: tuple[str, ...] = ()  # set fields: gold items not extracted
    extra: tuple[str, ...] = ()  # set fields: extracted items not in gold


@dataclass
class FieldScore:
    """The running tally of one field over the documents that judge it."""

    name: str
    kind: Literal["accuracy", "f1"]
    judged: int = 0
    right: int = 0  # documents with no miss in this field
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def figure(self) -> float | None:
        """Accuracy or micro F1; None when no document judged the field."""
        if not self.judged:
            return None
        if self.kind == "accuracy":
            return self.right / self.judged
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def precision(self) -> float:
        """Micro precision (1.0 when nothing was extracted: nothing claimed was wrong)."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Micro recall (1.0 when the gold holds nothing to find)."""
        return _ratio(self.tp, self.tp + self.fn)

    def as_json(self) -> dict[str, Any]:
        """The tally and its figures as plain JSON values."""
        data: dict[str, Any] = {"measure": self.kind, "value": self.figure,
                                "judged": self.judged, "right": self.right}
        if self.kind == "f1":
            data.update(precision=self.precision, recall=self.recall,
                        tp=self.tp, fp=self.fp, fn=self.fn)
        return data


@dataclass
class Evaluation:
    """Every field's score over a corpus, and the misses behind them."""

    documents: int = 0
    scores: dict[str, FieldScore] = field(default_factory=lambda: {
        name: FieldScore(name, "accuracy" if name in SCALAR_FIELDS else "f1")
        for name in FIELDS})
    misses: list[Miss] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Accuracy or F1 per field that at least one document judged."""
        return {name: figure for name, score in self.scores.items()
                if (figure := score.figure) is not None}

    def as_json(self) -> dict[str, Any]:
        """Documents, per-field figures and misses as plain JSON values."""
        return {
            "documents": self.documents,
            "fields": {name: score.as_json() for name, score in self.scores.items()},
            "misses": [{"document": m.document, "field": m.field, "gold": m.gold,
                        "extracted": m.extracted, "evidence": m.evidence,
                        **({"missing": list(m.missing), "extra": list(m.extra)}
                           if m.field in SET_FIELDS else {})}
                       for m in self.misses],
        }


def evaluate(pairs: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any]]]) -> Evaluation:
    """Score (document name, gold, record) triples; see the module docstring for the rules."""
    evaluation = Evaluation()
    for document, gold, record in pairs:
        evaluation.documents += 1
        score_document(evaluation, document, gold, record)
    return evaluation


def score_document(evaluation: Evaluation, document: str, gold: Mapping[str, Any],
                   record: Mapping[str, Any]) -> None:
    """Add one document's gold-versus-record comparison to ``evaluation``."""
    project = gold.get("is_project") is not False
    evidence = record.get("evidence") or {}
    for name in FIELDS:
        if not project and name not in NON_PROJECT_FIELDS:
            continue
        score = evaluation.scores[name]
        got = record.get(name)
        if name in SCALAR_FIELDS:
            if name not in gold:
                continue
            right = _scalar_right(name, gold, got)
            miss = None if right else Miss(document, name, gold[name], got,
                                           evidence.get(name))
        else:
            judged = _set_counts(name, gold, got)
            if judged is None:
                continue
            missing, extra, found = judged
            score.tp += found
            score.fn += len(missing)
            score.fp += len(extra)
            miss = None if not (missing or extra) else Miss(
                document, name, _gold_set(name, gold), list(got or []), evidence.get(name),
                missing, extra)
        score.judged += 1
        if miss is None:
            score.right += 1
        else:
            evaluation.misses.append(miss)


def _scalar_right(name: str, gold: Mapping[str, Any], got: Any) -> bool:
    want = gold[name]
    if want is None or got is None:
        return want is None and got is None
    if name == "budget_czk":
        return abs(float(got) - float(want)) <= BUDGET_TOLERANCE_CZK
    if name == "registration_number":
        return normalise_registration(str(got)) == normalise_registration(str(want))
    if name in ("title", "implementer"):
        accepted = [str(want)]
        if name == "implementer" and gold.get("implementer_same_as"):
            accepted.append(str(gold["implementer_same_as"]))
        return any(names_alike(str(got), name_right) for name_right in accepted)
    return bool(got == want)


def _gold_set(name: str, gold: Mapping[str, Any]) -> list[Any]:
    return list(gold.get(name, gold.get(f"{name}_min")) or [])


def _set_counts(name: str, gold: Mapping[str, Any],
                got: Any) -> tuple[tuple[str, ...], tuple[str, ...], int] | None:
    """Missing items, extra items and the number found; None when gold does not judge."""
    if name in gold:
        minimum = False
    elif f"{name}_min" in gold:
        minimum = True
    else:
        return None
    want = _items(name, _gold_set(name, gold))
    have = _items(name, list(got or []))
    missing = tuple(sorted(want - have))
    extra = () if minimum else tuple(sorted(have - want))
    return missing, extra, len(want & have)


def _items(name: str, values: list[Any]) -> set[str]:
    if name == "partners":
        return {key for value in values if (key := normalise_name(str(value)))}
    return {str(value) for value in values if value}


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0
