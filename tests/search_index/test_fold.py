"""The one folding function that the search index, the importers and the app share."""
from __future__ import annotations

import pytest

from search_index.text import fold

SAMPLES = [
    "Příliš žluťoučký kůň úpěl ďábelské ódy",
    "ŘEDITELSTVÍ SILNIC A DÁLNIC ČR",
    "Ústecký kraj, Plzeň, Brně",
    "Straße, ΣΟΦΟΣ, naïve Ångström, Łódź, Київ",
    "ﬁnancování № 5 ™ ① ½ ＡＢＣ ᴬ ℌ ㎒ Ⅻ",
    "Brne\u030c",  # already decomposed, as text stored in NFD arrives
]


def test_czech_diacritics_are_removed():
    assert fold("Příliš žluťoučký kůň úpěl ďábelské ódy") == (
        "prilis zlutoucky kun upel dabelske ody")
    assert fold("áčďéěíňóřšťúůýž") == "acdeeinorstuuyz"


def test_case_is_folded():
    assert fold("ŘEDITELSTVÍ SILNIC A DÁLNIC ČR") == "reditelstvi silnic a dalnic cr"
    assert fold("Ústecký KRAJ") == "ustecky kraj"
    assert fold("STRASSE") == fold("Straße") == "strasse"


def test_decomposed_input_folds_like_composed():
    assert fold("Brne\u030c") == fold("Brně") == "brne"


def test_ligatures_and_compatibility_forms_become_plain_lowercase_letters():
    assert fold("ﬁnancování") == "financovani"
    assert fold("№ 5") == "no 5"
    assert fold("™") == "tm"
    assert fold("ＡＢＣ") == "abc"
    assert fold("Ⅻ") == "xii"
    assert fold("①") == "1"
    # NFKD turns these into capitals; folding must still end in lowercase.
    assert fold("ᴬ") == "a"
    assert fold("㎒") == "mhz"


def test_fold_is_idempotent():
    for text in SAMPLES:
        assert fold(fold(text)) == fold(text), text


def test_fold_is_idempotent_for_every_code_point():
    # Stored keys stay stable only if text folded once does not change when folded again.
    # Nothing above U+2FFFF decomposes, has case or is a combining mark.
    every = "".join(chr(code) for code in range(0x30000) if not 0xD800 <= code <= 0xDFFF)
    if fold(fold(every)) != fold(every):
        unstable = [hex(ord(ch)) for ch in every if fold(fold(ch)) != fold(ch)]
        pytest.fail(f"folding twice changes {len(unstable)} characters: {unstable[:20]}")


def test_the_fast_paths_fold_as_the_definition_does():
    import random
    import unicodedata

    def by_definition(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()

    pieces = ["Brno", "ŠKOLA", "e\u0301", "ﬁ", "ß", "İ", "\U0001d165", "\U0001d400", "ąęł", "½"]
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert fold(text) == by_definition(text)
