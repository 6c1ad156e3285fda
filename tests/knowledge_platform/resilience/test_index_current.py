"""An imported project's index row stays current once the project is read back from the database:
`kp index check` (what the crash test relies on) must not call fresh imports stale."""
from __future__ import annotations

from knowledge_platform.db import db
from knowledge_platform.search.index import check
from tests.factories import record, store


def test_terms_and_organisations_in_any_order_index_as_they_load(app):
    with app.app_context():
        # Codes in the opposite of vocabulary order, as extraction sorts them by code.
        store(record(regions=["CZ080", "CZ064", "CZ010"], funders=["MV_CR", "AMIF"],
                     activities=["legal_counselling", "education_counselling"],
                     partners=["Charita Opava", "Armáda spásy"]))
        # A later source adds the implementer after the partners were linked.
        first = store(record(title="Tlumočení v nemocnicích", implementer=None,
                             partners=["Slezská diakonie"], registration_number="AMIF/28/04"))
        later = record(title="Tlumočení v nemocnicích", implementer="Krajský úřad Olomouc",
                       registration_number="AMIF/28/04", regions=["CZ071", "CZ010"])
        assert store(later).project.id == first.project.id
        db.session.expire_all()
        assert check() == []
