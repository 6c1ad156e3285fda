"""Measure Czech analysis options: do inflected forms meet, do different words collide?

Run: .venv/bin/python bench/analysis_eval.py [bench/data/analysis_eval.tsv]

For each option it reports
  meet   share of pairs of distinct forms of one lemma that share a term (query typed
         with diacritics),
  meet/f share of (document form, query form typed without diacritics) pairs that share
         a term, including a form against its own folded spelling ("Brně" vs "Brne"),
  coll   share of cross-lemma form pairs plus distractor pairs that share a term (either
         query spelling),
  distr  distractor pairs that collide, out of all distractor pairs.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import simplemma
import Stemmer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_index.analysis import analyse_query_word  # noqa: E402
from search_index.czech_stemmer import stem_dolamic, stem_folded  # noqa: E402
from search_index.text import fold  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "analysis_eval.tsv"
CHOSEN = "fold > light-folded (chosen)"
Analyser = Callable[[str], frozenset[str]]


@dataclass
class Result:
    meet: float
    meet_folded: float
    collide: float
    distractors_colliding: int
    distractors: int


def load(path: Path) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Groups of forms of one lemma, and distractor pairs, from the TSV file."""
    groups, distractors = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, first, second = line.split("\t")
        if kind == "group":
            groups.append(list(dict.fromkeys(second.split())))
        else:
            distractors.append((first, second))
    return groups, distractors


@cache
def _snowball() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("czech")


def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="cs").lower()


def options() -> dict[str, Analyser]:
    """Every analyser option, each mapping a word to its set of terms."""
    def one(function: Callable[[str], str]) -> Analyser:
        return cache(lambda word: frozenset([function(word.lower())]))

    snowball = _snowball().stemWord
    return {
        "fold only": one(fold),
        "snowball > fold": one(lambda w: fold(snowball(w))),
        "fold > snowball": one(lambda w: snowball(fold(w))),
        "dolamic > fold": one(lambda w: fold(stem_dolamic(w))),
        "fold > dolamic": one(lambda w: stem_dolamic(fold(w))),
        "simplemma > fold": one(lambda w: fold(_lemma(w))),
        "fold > simplemma": one(lambda w: _lemma(fold(w))),
        "simplemma > fold > snowball": one(lambda w: snowball(fold(_lemma(w)))),
        "simplemma > fold > light-folded": one(lambda w: stem_folded(fold(_lemma(w)))),
        "fold > light-folded (no overrides)": one(lambda w: stem_folded(fold(w))),
        CHOSEN: cache(lambda w: frozenset(analyse_query_word(w, "cs"))),
    }


def _meets(analyser: Analyser, document: str, query: str) -> bool:
    return not analyser(document).isdisjoint(analyser(query))


def _collides(analyser: Analyser, first: str, second: str) -> bool:
    return (_meets(analyser, first, second) or _meets(analyser, first, fold(second))
            or _meets(analyser, fold(first), second))


def evaluate(analyser: Analyser, groups, distractors) -> Result:
    """Meet and collision rates of one analyser on the data."""
    same = [pair for group in groups for pair in itertools.combinations(group, 2)]
    meet = sum(_meets(analyser, a, b) for a, b in same) / len(same)
    ordered = [(a, b) for group in groups for a in group for b in group]
    meet_folded = sum(_meets(analyser, a, fold(b)) for a, b in ordered) / len(ordered)
    cross = [(a, b) for g1, g2 in itertools.combinations(groups, 2) for a in g1 for b in g2]
    distr = sum(_collides(analyser, a, b) for a, b in distractors)
    collisions = sum(_collides(analyser, a, b) for a, b in cross) + distr
    return Result(meet, meet_folded, collisions / (len(cross) + len(distractors)), distr,
                  len(distractors))


def main(argv: list[str] | None = None) -> dict[str, Result]:
    """Evaluate every option on the data file, print a table and return the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA)
    args = parser.parse_args(argv)
    groups, distractors = load(args.data)
    forms = sum(len(group) for group in groups)
    cross = sum(len(a) * len(b) for a, b in itertools.combinations(groups, 2))
    print(f"{forms} forms in {len(groups)} groups, {len(distractors)} distractor pairs, "
          f"{cross} cross-lemma pairs")
    print(f"{'option':<38} {'meet':>6} {'meet/f':>7} {'coll':>7} {'distr':>6}")
    results = {}
    for name, analyser in options().items():
        result = results[name] = evaluate(analyser, groups, distractors)
        print(f"{name:<38} {result.meet:6.3f} {result.meet_folded:7.3f} "
              f"{result.collide:7.2%} {result.distractors_colliding:>3}/{result.distractors}")
    return results


if __name__ == "__main__":
    main()
