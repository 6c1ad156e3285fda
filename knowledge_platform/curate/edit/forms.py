"""The project edit form: every curator-editable field, and its values in snapshot form."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional, Regexp, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from importers.gazetteer import gazetteer
from knowledge_platform import catalogue
from knowledge_platform.curate.inputs import printable
from knowledge_platform.db import db
from knowledge_platform.history import LIST_FIELDS
from knowledge_platform.labels import FIELD_LABELS, RELATION_LABELS, VALUE_LABELS
from knowledge_platform.models import VOCABULARIES, Project, ProjectRelation, RelationKind

# Facets whose terms are typed by name rather than ticked.
TYPED = frozenset(facet.field for facet in catalogue.stored_facets() if facet.typed)

# Numeric(15, 2): thirteen digits before the decimal point.
MAX_MONEY = Decimal("9999999999999.99")
# Empty inputs shown after the organisations a project already has.
BLANK_ORGANISATIONS = 2
# More lines than any real project has are ignored rather than turned into organisations.
MAX_ORGANISATIONS = 100
SUCCESSOR_OF = "successor_of"
# The relations curators add and remove here; duplicates are settled on their own page.
EDITABLE_RELATIONS = (RelationKind.SAME_SERIES, RelationKind.PREDECESSOR_OF)
# Empty link rows shown after the good-practice sheet's links; more are ignored.
BLANK_LINKS = 2
MAX_LINKS = 50
# No team counts more participants than a 32-bit column holds.
MAX_COUNT = 2**31 - 1
# The catalogue's editable scalar fields (status and the badge belong to other pages).
SCALAR_FIELDS = tuple(scalar for scalar in catalogue.FIELDS if scalar.editable)
# The texts among them kept in each language, shown as a row with a column per language:
# the record's own, and the good-practice sheet's in a section of their own.
LANGUAGE_PAIRS = catalogue.language_pairs(
    scalar for scalar in SCALAR_FIELDS if scalar.part != catalogue.SHEET)
SHEET_FIELDS = tuple(scalar for scalar in SCALAR_FIELDS if scalar.part == catalogue.SHEET)
SHEET_PAIRS = catalogue.language_pairs(SHEET_FIELDS)


def _strip(value: Any) -> Any:
    return printable(value).strip() if isinstance(value, str) else value


def _text(value: Any) -> Any:
    # Browsers send line breaks as CRLF; stored texts use LF.
    return printable(value).replace("\r\n", "\n").strip() if isinstance(value, str) else value


class CheckboxesField(SelectMultipleField):
    """A multi-select shown as a group of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def read_amount(text: str, language: str) -> Decimal:
    """An amount typed the Czech or the English way: "1 250 000,50", "1.250.000,50",
    "1,250,000.50", "1250000.50". Spaces group thousands. Of a comma and a dot, the last is
    the decimal mark and the other groups thousands; a separator used more than once groups
    thousands. One comma alone marks decimals, except before exactly three digits on an
    English page: there "125,000" is a hundred and twenty-five thousand. Raises
    InvalidOperation for anything else."""
    typed = re.sub(r"[\s\u00a0\u202f]", "", text)
    sign = typed[:1] if typed[:1] in ("+", "-") else ""
    typed = typed[len(sign):]
    commas, dots = typed.count(","), typed.count(".")
    if commas and dots:
        mark = "." if typed.rindex(".") > typed.rindex(",") else ","
    elif commas > 1 or dots > 1 or (
            language == "en" and re.fullmatch(r"\d{1,3},\d{3}", typed)):
        mark = ""
    else:
        mark = "," if commas else "."
    whole, _, fraction = typed.rpartition(mark) if mark and mark in typed else (typed, "", "")
    # Digits, or one to three of them and then groups of three ("1,250,000", "1.250").
    if not (re.fullmatch(r"\d*", whole, re.ASCII) and (whole or fraction)
            or re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", whole, re.ASCII)):
        raise InvalidOperation(text)
    if not re.fullmatch(r"\d*", fraction, re.ASCII):
        raise InvalidOperation(text)
    whole = re.sub(r"[.,]", "", whole) or "0"
    return Decimal(f"{sign}{whole}.{fraction or 0}").quantize(Decimal("0.01"))


class PlaceNamesField(Field):
    """Places typed by name, separated by semicolons, in any case form and with or without
    diacritics ("Kolíně; praha 6"); its data is their gazetteer codes."""

    widget = TextInput()

    def __init__(self, label: str, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.data: list[str] = []

    def process_data(self, value):
        self.data = list(value or [])

    def process_formdata(self, valuelist):
        self.data, unknown, ambiguous = [], [], []
        for name in re.split(r"[;\n]", valuelist[0] if valuelist else ""):
            if not name.strip():
                continue
            found = gazetteer().lookup(name)
            if not found:
                unknown.append(name.strip())
            elif len(found) > 1:
                ambiguous.append(", ".join(place.code for place in found))
            elif found[0].code not in self.data:
                self.data.append(found[0].code)
        if unknown:
            raise ValueError(_l("Not in the gazetteer: %(names)s", names="; ".join(unknown)))
        if ambiguous:
            raise ValueError(_l("More places have this name; type one of their codes: "
                                "%(codes)s", codes="; ".join(ambiguous)))

    def _value(self):
        # What was typed stays in the box when it could not be read.
        if self.raw_data and self.process_errors:
            return self.raw_data[0]
        return "; ".join(gazetteer().label(code) for code in self.data)


class MoneyField(DecimalField):
    """An amount typed either way: "1 250 000,50" or "1,250,000.50" (see ``read_amount``)."""

    # A number input would drop "1 250 000,50" as invalid before the server sees it.
    widget = TextInput()

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = read_amount(valuelist[0], getattr(get_locale(), "language", "en"))
        except InvalidOperation:
            self.data = None
            raise ValueError(_l("Enter an amount, such as 125000 or 125,000.50.")) from None

    def pre_validate(self, form):
        # An amount that could not be read has its message; the range check would only add noise.
        if self.process_errors:
            raise StopValidation()


def _money(label: str) -> MoneyField:
    return MoneyField(label, [Optional(), NumberRange(
        min=0, max=MAX_MONEY, message=_l("Enter an amount between 0 and 9,999,999,999,999."))],
        places=2, render_kw={"inputmode": "decimal"})


def _date(label: str) -> DateField:
    return DateField(label, [Optional()],
                     invalid_value_message=_l("Enter a date as year-month-day."))


def _options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the options WTForms expects."""
    return [SelectChoice(value, label) for value, label in pairs]


def _select(label: str, choices: list, **kwargs) -> SelectField:
    return SelectField(label, choices=_options(choices), invalid_choice_message=_l(
        "Choose one of the options."), **kwargs)


def _choice(name: str, label: str) -> SelectField:
    return _select(label, [("", _l("not known")), *VALUE_LABELS[name].items()])


def _precision(name: str, label: str) -> SelectField:
    return _select(label, list(VALUE_LABELS[name].items()), default="day")


def _currency(label: str) -> StringField:
    return StringField(label, [Regexp(r"^[A-Z]{3}$", message=_l(
        "Enter a three-letter currency code, such as CZK or EUR."))],
        filters=[lambda value: value.strip().upper() if value else value], default="CZK")


def _length(limit: int):
    return Length(max=limit, message=_l("This can have at most %(max)d characters."))


class CountField(IntegerField):
    """A whole number of people or things; one message when it is not a number at all."""

    def process_formdata(self, valuelist):
        # An empty input means "not known", not a mistake.
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        super().process_formdata(valuelist)

    def pre_validate(self, form):
        # Text that is no number has its message; the range check would only repeat it.
        if self.process_errors:
            raise StopValidation()


def _count(label: str) -> CountField:
    return CountField(label, [Optional(), NumberRange(min=0, max=MAX_COUNT, message=_l(
        "Enter a whole number of 0 or more."))],
        invalid_value_message=_l("Enter a whole number of 0 or more."),
        render_kw={"inputmode": "numeric"})


def web_address(_form, field) -> None:
    """An http or https address with a host, and no spaces (nothing is uploaded here)."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(
            r"\s", field.data):
        raise ValidationError(_l("Enter a web address starting with http:// or https://."))


class LinkForm(Form):
    """One link of the good-practice sheet: its address, what it points to, a label."""

    url = StringField(_l("Address"), [_length(2000), web_address], filters=[_strip])
    kind = SelectField(_l("Kind"), choices=[], invalid_choice_message=_l(
        "Choose one of the options."), default="other")
    label = StringField(_l("Label (optional)"), [_length(300)], filters=[_strip])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _options(VALUE_LABELS["sheet_links"].items())


def _links(label: str) -> FieldList:
    return FieldList(FormField(LinkForm), label=label, max_entries=MAX_LINKS)


# The form field of each kind of catalogue field, from its name and label.
_FORM_FIELDS = {
    catalogue.TEXT: lambda _name, label: StringField(label, [_length(500)], filters=[_strip]),
    catalogue.LONG_TEXT: lambda _name, label: TextAreaField(label, filters=[_text]),
    catalogue.CODE: lambda _name, label: StringField(label, [_length(100)], filters=[_strip]),
    catalogue.DATE: lambda _name, label: _date(label),
    catalogue.PRECISION: _precision,
    catalogue.MONEY: lambda _name, label: _money(label),
    catalogue.CURRENCY: lambda _name, label: _currency(label),
    catalogue.BOOLEAN: lambda _name, label: BooleanField(label),
    catalogue.CHOICE: _choice,
    catalogue.COUNT: lambda _name, label: _count(label),
    catalogue.LINKS: lambda _name, label: _links(label),
}


def _vocabulary(label: str, one: bool = False, typed: bool = False) -> Field:
    if typed:
        return PlaceNamesField(label, description=_l(
            "Names separated by semicolons, in any case form, with or without diacritics."))
    # A facet every record has (its kind) takes exactly one of its terms.
    validators = [_exactly_one] if one else []
    return CheckboxesField(label, validators,
                           invalid_choice_message=_l("Unknown code: %(value)s"))


def _exactly_one(_form, field) -> None:
    if len(field.data or []) != 1:
        raise ValidationError(_l("Choose exactly one."))


def _organisations(label: str) -> FieldList:
    return FieldList(StringField(label, [Length(max=300, message=_l(
        "A name can have at most %(max)d characters."))], filters=[_strip]), label=label,
        max_entries=MAX_ORGANISATIONS)


# A form field per editable catalogue field, and a group of checkboxes per facet named like
# its record key ("target_groups"); made before the form class so that they come first.
_CATALOGUE_FIELDS = {
    **{scalar.name: _FORM_FIELDS[scalar.kind](scalar.name, FIELD_LABELS[scalar.name])
       for scalar in SCALAR_FIELDS},
    **{facet.field: _vocabulary(_l(facet.plural), one=bool(facet.default), typed=facet.typed)
       for facet in catalogue.stored_facets()},
}


class ProjectForm(FlaskForm):
    """Every field a curator edits, plus the version the form was loaded at."""

    row_version = HiddenField()
    base_revision = HiddenField()
    implementers = _organisations(FIELD_LABELS["implementers"])
    partners = _organisations(FIELD_LABELS["partners"])
    remove_relations = CheckboxesField(_l("Remove"), coerce=int, invalid_choice_message=_l(
        "This relation cannot be removed here."))
    relation_kind = _select(_l("New relation"), [
        ("", _l("no new relation")),
        (RelationKind.SAME_SERIES.value, RELATION_LABELS[RelationKind.SAME_SERIES]),
        (RelationKind.PREDECESSOR_OF.value, RELATION_LABELS[RelationKind.PREDECESSOR_OF]),
        (SUCCESSOR_OF, _l("successor of")),
    ])
    relation_target = IntegerField(_l("Other project's number"), [Optional(), NumberRange(
        min=1, max=2**31 - 1, message=_l("Enter a project number."))],
        invalid_value_message=_l("Enter a project number."))
    note = StringField(_l("Note for the history (optional)"), [_length(500)], filters=[_strip])

    def __init__(self, project: Project, language: str, relations: list[ProjectRelation],
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.relations = relations
        self.remove_relations.choices = _options(
            (relation.id, str(relation.id)) for relation in relations
            if relation.kind in EDITABLE_RELATIONS)
        for name, vocabulary in LIST_FIELDS.items():
            if name in TYPED:
                continue
            terms = db.session.scalars(select(VOCABULARIES[vocabulary]).order_by(
                VOCABULARIES[vocabulary].position))
            getattr(self, name).choices = _options(
                (term.code, term.label(language)) for term in terms)

    def validate_title_en(self, field):
        """A project needs a title in at least one language."""
        if not self.title_cs.data and not field.data:
            raise ValidationError(_l("Enter a title in Czech or in English."))

    def validate_end_date(self, field):
        """The end cannot come before the start."""
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date is before the start date."))

    def validate_subsidy(self, field):
        """A subsidy is part of the budget, so it cannot exceed it."""
        total = self.budget_total.data
        if field.data is not None and total is not None and field.data > total:
            raise ValidationError(_l("The subsidy is larger than the total budget."))

    def validate(self, extra_validators=None) -> bool:
        """Every field's own checks, then: consent is recorded with the day it was given
        (an empty date stops that field's own checks, so it is asked for here)."""
        valid = super().validate(extra_validators)
        consent_date = getattr(self, catalogue.CONSENT_DATE)
        if getattr(self, catalogue.CONSENT).data and consent_date.data is None \
                and not consent_date.errors:
            consent_date.errors.append(_l("Enter the date the person agreed to be listed."))
            return False
        return valid

    def validate_contact_consent_date(self, field):
        """The day of the consent cannot be in the future."""
        if field.data and field.data > date.today():
            raise ValidationError(_l("The date of the consent cannot be in the future."))

    def validate_contact_email(self, field):
        """An e-mail address, if any."""
        if field.data and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", field.data):
            raise ValidationError(_l("Enter an e-mail address, such as jana@example.org."))

    def validate_registration_number(self, field):
        """Registration numbers are unique: the same number is the same project."""
        if not field.data:
            return
        other = db.session.scalar(select(Project.id).where(
            Project.registration_number == field.data, Project.id != self.project.id))
        if other is not None:
            raise ValidationError(_l("Project %(number)d already has this registration "
                                     "number.", number=other))

    def validate_relation_target(self, field):
        """A new relation needs both a kind and another, existing project."""
        if field.errors:
            return  # not a project number at all
        if field.data is None:
            if self.relation_kind.data:
                raise ValidationError(_l("Enter the number of the other project."))
            return
        if not self.relation_kind.data:
            raise ValidationError(_l("Choose the kind of relation."))
        if field.data == self.project.id:
            raise ValidationError(_l("A project cannot be related to itself."))
        if db.session.get(Project, field.data) is None:
            raise ValidationError(_l("There is no project %(number)d.", number=field.data))
        if self.new_relation() in {_pair(relation) for relation in self.relations}:
            raise ValidationError(_l("The projects are already related this way."))

    def new_relation(self) -> tuple[int, int, RelationKind] | None:
        """(from id, to id, kind) of the relation to add, or None."""
        kind, other = self.relation_kind.data, self.relation_target.data
        if not kind or other is None:
            return None
        if kind == SUCCESSOR_OF:
            return other, self.project.id, RelationKind.PREDECESSOR_OF
        if kind == RelationKind.SAME_SERIES:
            # A series has no direction: store it the same way round whichever side adds it.
            low, high = sorted((self.project.id, other))
            return low, high, RelationKind.SAME_SERIES
        return self.project.id, other, RelationKind(kind)

    def values(self) -> dict[str, Any]:
        """The submitted fields in snapshot (JSON) form; organisations as lists of names."""
        data: dict[str, Any] = {scalar.name: _SNAPSHOT[scalar.kind](getattr(self, scalar.name).data)
                                for scalar in SCALAR_FIELDS}
        for scalar in SCALAR_FIELDS:
            if scalar.kind == catalogue.PRECISION and not data[_date_of(scalar.name)]:
                data[scalar.name] = None  # a precision without its date means nothing
        order = {name: list(getattr(self, name).data or ()) if name in TYPED
                 else [choice.value for choice in getattr(self, name).choices]
                 for name in LIST_FIELDS}
        for name in LIST_FIELDS:
            chosen = set(getattr(self, name).data or ())
            data[name] = [code for code in order[name] if code in chosen]
        for name in ("implementers", "partners"):
            data[name] = [entry.data for entry in getattr(self, name) if entry.data]
        return data


for _name, _field in _CATALOGUE_FIELDS.items():
    setattr(ProjectForm, _name, _field)


def _unchanged(value: Any) -> Any:
    return value


# Each kind's value between the form's data and snapshot (JSON) form.
_SNAPSHOT: dict[str, Callable[[Any], Any]] = {
    catalogue.TEXT: _unchanged,
    catalogue.LONG_TEXT: _unchanged,
    catalogue.CODE: lambda value: value or None,
    catalogue.CHOICE: lambda value: value or None,
    catalogue.DATE: lambda value: value.isoformat() if value else None,
    catalogue.PRECISION: _unchanged,
    catalogue.MONEY: lambda value: str(value) if value is not None else None,
    catalogue.CURRENCY: _unchanged,
    catalogue.BOOLEAN: bool,
    catalogue.COUNT: _unchanged,
    # Rows without an address are left out, as empty organisation lines are.
    catalogue.LINKS: lambda rows: [
        {"url": row["url"], "kind": row["kind"] or "other", "label": row["label"] or ""}
        for row in rows or () if row.get("url")],
}
_FORM = {
    catalogue.TEXT: lambda value: value or "",
    catalogue.LONG_TEXT: lambda value: value or "",
    catalogue.CODE: lambda value: value or "",
    catalogue.CHOICE: lambda value: value or "",
    catalogue.DATE: lambda value: date.fromisoformat(value) if value else None,
    catalogue.PRECISION: lambda value: value or "day",
    catalogue.MONEY: lambda value: Decimal(value) if value is not None else None,
    catalogue.CURRENCY: lambda value: value or "CZK",
    catalogue.BOOLEAN: _unchanged,
    catalogue.COUNT: _unchanged,
    catalogue.LINKS: lambda value: [dict(link) for link in value or ()] + [
        {"url": "", "kind": "other", "label": ""}] * BLANK_LINKS,
}


def _date_of(precision: str) -> str:
    # "start_precision" tells how exact "start_date" is.
    return precision.replace("_precision", "_date")


def form_data(values: dict[str, Any]) -> dict[str, Any]:
    """Values in snapshot form as the form's initial data (organisations by name)."""
    data = {scalar.name: _FORM[scalar.kind](values.get(scalar.name)) for scalar in SCALAR_FIELDS}
    for name in LIST_FIELDS:
        data[name] = list(values.get(name) or [])
    for name in ("implementers", "partners"):
        names = [entry["name"] if isinstance(entry, dict) else entry
                 for entry in values.get(name) or []]
        data[name] = names + [""] * BLANK_ORGANISATIONS
    return data


def _pair(relation: ProjectRelation) -> tuple[int, int, RelationKind]:
    ends = (relation.from_project_id, relation.to_project_id)
    if relation.kind == RelationKind.SAME_SERIES:
        low, high = sorted(ends)
        ends = (low, high)
    return (*ends, relation.kind)
