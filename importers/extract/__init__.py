"""Field extraction: one Document in, one plain record (importers.record) out."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from importers.amounts import Money, parse_money
from importers.document import Document
from importers.extract.classify import find_is_project
from importers.extract.concepts import find_activities, find_target_groups, rules
from importers.extract.contacts import find_contacts, mapped_contacts, without_contacts
from importers.extract.dates import Period, find_period, parse_cell_date, parse_date, parse_period
from importers.extract.fields import field_lines, labelled
from importers.extract.finding import Finding
from importers.extract.funders import PROGRAMME_FUNDS, find_funders, funder_codes, own_share
from importers.extract.kinds import find_kind, kind_of_value
from importers.extract.language import find_language
from importers.extract.money import find_budget, find_own_share, find_subsidy, grant_and_share
from importers.extract.municipalities import find_municipalities
from importers.extract.organisations import (
    canonical_organisation,
    find_implementer,
    find_partners,
    organisation_aliases,
    split_names,
)
from importers.extract.regions import find_regions
from importers.extract.regnum import find_registration_number
from importers.extract.source_url import find_source_url
from importers.extract.summary import find_summary, shorten
from importers.extract.text import clean
from importers.extract.titles import find_title, recase
from importers.record import empty_record

__all__ = ["extract", "canonical_organisation", "organisation_aliases", "field_lines"]

_MAPPED = 0.95
# A run of letters or digits longer than any word (a base64 blob, a garbled file) is cut
# short: finders' patterns such as r"\w+sk\w* kraj" backtrack over it in quadratic time.
_MAX_WORD = 100
_OVERLONG_WORD = re.compile(rf"\w{{{_MAX_WORD}}}\w+")
_FUNDER_CODES = {"AMIF", "ESF", "OPZ", "OPZ_PLUS", "IROP", "MV_CR", "MPSV", "MSMT", "REGION",
                 "MUNICIPALITY", "EEA_NORWAY", "ERASMUS", "UNHCR", "OTHER"}


def _mapped_line(name: str, value: str) -> str:
    return f"{name}: {value}"


def _short_words(text: str) -> str:
    return _OVERLONG_WORD.sub(lambda match: match.group(0)[:_MAX_WORD], text)


def _set(record: dict[str, Any], field: str, finding: Finding) -> None:
    if finding.value in (None, "", []):
        return
    record[field] = finding.value
    record["evidence"][field] = finding.evidence
    record["confidence"][field] = round(float(finding.confidence), 2)


def _set_list(record: dict[str, Any], field: str, findings: list[Finding]) -> None:
    values = sorted({f.value for f in findings if f.value})
    if not values:
        return
    record[field] = values
    best = max(findings, key=lambda f: f.confidence)
    record["evidence"][field] = best.evidence
    record["confidence"][field] = round(sum(f.confidence for f in findings) / len(findings), 2)


def _codes(value: str, rule_file: str, finder: Callable[[str], list[Finding]]) -> list[Finding]:
    known = {rule.code for rule in rules(rule_file)}
    tokens = [t.strip() for t in re.split(r"[;,|\n]", value) if t.strip()]
    if tokens and all(t in known or t == "other" for t in tokens):
        return [Finding(t, value, _MAPPED) for t in tokens]
    return [Finding(f.value, f.evidence, max(f.confidence, 0.85)) for f in finder(value)]


def _language(document: Document) -> Finding:
    value = (document.mapped.get("language") or "").strip().lower()
    if value:
        if value.startswith(("cs", "cz", "če", "ce")):
            return Finding("cs", _mapped_line("language", value), _MAPPED)
        if value.startswith(("en", "an")):
            return Finding("en", _mapped_line("language", value), _MAPPED)
    return find_language(document.text)


def _period(document: Document, fields: list[tuple[str, str]], title: str | None) -> Finding:
    mapped = document.mapped
    if mapped.get("period"):
        period = parse_period(mapped["period"])
        if not period:
            single = parse_date(mapped["period"])
            end = parse_date(mapped["period"], end=True)
            if single and end:
                period = Period(single[0], single[1], end[0], end[1])
        if period:
            return Finding(period, _mapped_line("period", mapped["period"]), _MAPPED)
    if mapped.get("start") or mapped.get("end"):
        start = parse_cell_date(mapped.get("start", ""))
        end = parse_cell_date(mapped.get("end", ""), end=True)
        if start or end:
            return Finding(Period(start[0] if start else None, start[1] if start else None,
                                  end[0] if end else None, end[1] if end else None),
                           f"start: {mapped.get('start', '')}; end: {mapped.get('end', '')}",
                           _MAPPED)
    return find_period(document.text, fields, title)


def _money(document: Document, fields: list[tuple[str, str]], key: str, language: str,
           title: str | None) -> Finding:
    if document.mapped.get(key):
        money = parse_money(document.mapped[key], language)
        if money:
            return Finding(money, _mapped_line(key, document.mapped[key]), _MAPPED)
    finder = find_budget if key == "budget" else find_subsidy
    return finder(document.text, fields, language, title)


def extract(document: Document) -> dict[str, Any]:
    """The record of one document: every field of importers.record.RECORD_FIELDS, with
    evidence and confidence for each non-empty one. Bulk values in ``document.mapped``
    win but pass through the same normalisers."""
    record = empty_record(document.source)
    text = _short_words(document.text or "")
    # Spreadsheet cells may hold numbers or dates rather than strings.
    mapped = {k: _short_words(clean(str(v))) for k, v in (document.mapped or {}).items()
              if v is not None and str(v).strip()}
    document = Document(document.source, document.media_type, text, document.raw,
                        [(_short_words(label), _short_words(value))
                         for label, value in document.fields],
                        mapped, document.title_hint and _short_words(document.title_hint),
                        document.url_hint, document.site_name)
    fields = list(document.fields) + [p for p in field_lines(text) if p not in document.fields]
    # Names are read from values without the contacts beside them ("X, IČO: …, www.x.cz").
    named_fields = [(label, without_contacts(value)) for label, value in fields]

    _set(record, "source_url", find_source_url(mapped.get("url"), fields, document.url_hint))
    language = _language(document)
    _set(record, "language", language)
    lang = language.value or "cs"

    if mapped.get("title"):
        title = Finding(recase(mapped["title"], text), _mapped_line("title", mapped["title"]),
                        _MAPPED)
    else:
        title = find_title(text, fields, document.title_hint)
    _set(record, "title", title)

    if mapped.get("summary"):
        _set(record, "summary", Finding(shorten(mapped["summary"]),
                                        _mapped_line("summary", mapped["summary"][:300]), _MAPPED))
    else:
        _set(record, "summary", find_summary(text, title.value))

    if mapped.get("implementer"):
        implementer = Finding(mapped["implementer"], _mapped_line("implementer",
                                                                  mapped["implementer"]), _MAPPED)
    else:
        implementer = find_implementer(text, named_fields, record["source_url"], document.site_name)
    _set(record, "implementer", implementer)
    contacts = find_contacts(text, implementer.value, record["source_url"] or document.url_hint)
    for contact, found in {**contacts, **mapped_contacts(mapped)}.items():
        _set(record, f"implementer_{contact}", found)

    if mapped.get("partners"):
        names = [n for part in re.split(r"[;\n]", mapped["partners"]) for n in split_names(part)]
        partners = [Finding(n, _mapped_line("partners", mapped["partners"]), _MAPPED)
                    for n in names if canonical_organisation(n) != canonical_organisation(
                        implementer.value) or canonical_organisation(n) is None]
        partners = [p for p in partners if p.value != implementer.value]
    else:
        partners = find_partners(text, named_fields, implementer.value, lang, title.value,
                                 record["source_url"])
    _set_list(record, "partners", partners)

    if mapped.get("registration_number"):
        regnum = find_registration_number("", [("Registrační číslo",
                                                mapped["registration_number"])])
    else:
        regnum = find_registration_number(text, fields)
    _set(record, "registration_number", regnum)

    if mapped.get("funders"):
        value = mapped["funders"]
        codes = {t for t in re.split(r"[\s;,|]+", value) if t in _FUNDER_CODES}
        codes |= set(funder_codes(value))
        codes |= {PROGRAMME_FUNDS[code] for code in codes & PROGRAMME_FUNDS.keys()}
        funders = [Finding(c, _mapped_line("funders", value), _MAPPED) for c in codes]
    else:
        funders = find_funders(text, fields, title.value, regnum.value)
    _set_list(record, "funders", funders)

    if mapped.get("regions"):
        regions = find_regions("", [("Kraj", mapped["regions"])])
    else:
        regions = find_regions(text, fields)
    _set_list(record, "regions", regions)
    if mapped.get("municipalities"):
        municipalities = find_municipalities("", [("Místo realizace", mapped["municipalities"])])
    else:
        municipalities = find_municipalities(text, fields, implementer.value)
    _set_list(record, "municipalities", municipalities)

    period = _period(document, fields, title.value)
    if isinstance(period.value, Period):
        p = period.value
        for name, part in (("start", p.start), ("start_precision", p.start_precision),
                           ("end", p.end), ("end_precision", p.end_precision)):
            if part:
                _set(record, name, Finding(part, period.evidence, period.confidence))

    subsidy = _money(document, fields, "subsidy", lang, title.value)
    budget = _money(document, fields, "budget", lang, title.value)
    if budget.value is None and isinstance(subsidy.value, Money):
        budget = grant_and_share(subsidy, find_own_share(text, fields, lang, title.value))
    for key, found in (("budget", budget), ("subsidy", subsidy)):
        if isinstance(found.value, Money):
            money: Money = found.value
            _set(record, f"{key}_amount", Finding(money.amount, found.evidence, found.confidence))
            if money.currency == "CZK":
                _set(record, f"{key}_czk", Finding(money.amount, found.evidence,
                                                   found.confidence))
            if record["currency"] is None:
                _set(record, "currency", Finding(money.currency, found.evidence,
                                                 found.confidence))
            if key == "budget" and money.approximate:
                _set(record, "budget_approximate", Finding(True, found.evidence,
                                                           found.confidence))

    if not mapped.get("funders"):
        share = own_share(implementer.value, record["budget_amount"], record["subsidy_amount"],
                          text)
        if share and share.value not in record["funders"]:
            _set_list(record, "funders", [*funders, share])

    for key, finder, rule_file in (("activities", find_activities, "activities.tsv"),
                                   ("target_groups", find_target_groups, "target_groups.tsv")):
        if mapped.get(key):
            findings = _codes(mapped[key], rule_file, finder)
        else:
            extra = "\n".join(v for _, v in labelled(fields, key)) or None
            findings = finder(text, extra, title.value)
        _set_list(record, key, findings)

    _set(record, "is_project", find_is_project(text, record) if text.strip() or not mapped
         else Finding(True, "bulk row", 0.6))
    named = kind_of_value(mapped["kinds"]) if mapped.get("kinds") else None
    kind = (Finding(named, _mapped_line("kinds", mapped["kinds"]), _MAPPED) if named
            else find_kind(text, record))
    if kind is not None:
        _set_list(record, "kinds", [kind])
    return record


