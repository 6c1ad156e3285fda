"""The catalogue's labels in the reader's language: fields, their values and relations.

Lazy, so that forms declared at import time still speak the language of each request.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext, lazy_pgettext

from knowledge_platform import catalogue


def _translated(labels: Mapping[str, str]) -> dict[str, Any]:
    return {key: lazy_gettext(text) for key, text in labels.items()}


FIELD_LABELS = _translated(catalogue.field_labels())
# What each text kept in both languages is, whatever its language ("Title"), by its name.
PAIR_LABELS = _translated({pair.name: pair.label for pair in catalogue.language_pairs()})
# The labels of each enumerated field's values, by field name.
VALUE_LABELS = {scalar.name: _translated(scalar.values)
                for scalar in catalogue.FIELDS if scalar.values}
LANGUAGE_LABELS = VALUE_LABELS["language"]
PRECISION_LABELS = VALUE_LABELS["start_precision"]
SCOPE_LABELS = VALUE_LABELS["scope"]
STATUS_LABELS = VALUE_LABELS["status"]
LINK_KIND_LABELS = VALUE_LABELS["sheet_links"]
# A relation as it reads from the project it starts at ("predecessor of" #12), and its kind
# as a heading or a button ("Predecessor and successor").
RELATION_LABELS = _translated({kind: relation.reads
                               for kind, relation in catalogue.RELATIONS.items()})
RELATION_KIND_LABELS = _translated({kind: relation.label
                                    for kind, relation in catalogue.RELATIONS.items()})
# Why two records look like one project (ingest.duplicates' reason codes).
DUPLICATE_REASONS = {
    "registration_number": lazy_gettext("the same registration number"),
    "address": lazy_gettext("the same web page"),
    "title": lazy_gettext("a similar title"),
    "implementer": lazy_gettext("the same implementer"),
    "period": lazy_gettext("the same period"),
}
# Organisation types (models.OrganisationType), in the order forms offer them.
ORGANISATION_TYPE_LABELS = {
    "ngo": lazy_gettext("non-governmental organisation"),
    "municipality": lazy_gettext("municipality"),
    "region": lazy_gettext("region"),
    "ministry": lazy_gettext("ministry"),
    "school": lazy_gettext("school"),
    "international": lazy_gettext("international organisation"),
    "other": lazy_gettext("other"),
}
# An organisation's own fields as its history names them (see curate.merge.organisation_merging).
ORGANISATION_FIELD_LABELS = {
    "name": lazy_pgettext("organisation", "Name"),
    "ico": lazy_gettext("Company ID (IČO)"),
    "type": lazy_gettext("Type"),
    "website": lazy_gettext("Website"),
    "email": lazy_gettext("E-mail"),
    "phone": lazy_gettext("Phone"),
    "address": lazy_gettext("Address"),
}
# Entries of an organisation's history (models.OrganisationChangeKind).
ORGANISATION_CHANGE_LABELS = {
    "edit": lazy_gettext("Edited"),
    "merge": lazy_gettext("Merged"),
    "unmerge": lazy_gettext("Merge undone"),
}

# The evaluation criteria (models.evaluations.CRITERIA), the question each asks, and the
# 0–3 scale, for curators' forms and the public page alike.
CRITERION_LABELS = {
    "relevance": lazy_gettext("Relevance"),
    "effectiveness": lazy_gettext("Effectiveness"),
    "sustainability": lazy_gettext("Sustainability"),
    "transferability": lazy_gettext("Transferability"),
    "participation": lazy_gettext("Participation of the target group"),
    "evidence": lazy_gettext("Evidence of results"),
}
CRITERION_QUESTIONS = {
    "relevance": lazy_gettext("Does the project meet a real need of foreigners in the area "
                              "where it operates?"),
    "effectiveness": lazy_gettext("Did the project reach the results it set out to reach?"),
    "sustainability": lazy_gettext("Do the activities or their effects go on after the "
                                   "funding ends?"),
    "transferability": lazy_gettext("Could another town or organisation do the same?"),
    "participation": lazy_gettext("Did foreigners themselves help plan, run or assess the "
                                  "project?"),
    "evidence": lazy_gettext("Are the results documented (figures, evaluations, feedback)?"),
}
SCORE_LABELS = (lazy_gettext("0 – not at all"), lazy_gettext("1 – partly"),
                lazy_gettext("2 – largely"), lazy_gettext("3 – fully"))
