"""The project's period: start and end dates with their precision (day, month or year)."""
from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from importers.extract.fields import field_evidence, labelled
from importers.extract.finding import NOTHING, Finding
from importers.extract.text import about_other_project, clean, lines, sentences
from search_index.text import fold

_CS_MONTHS = (
    ("leden|ledna|lednu|lednem", 1), ("unor|unora|unoru|unorem", 2),
    ("brezen|brezna|breznu|breznem", 3), ("duben|dubna|dubnu|dubnem", 4),
    ("kveten|kvetna|kvetnu|kvetnem", 5),
    ("cervenec|cervence|cervenci|cervencem", 7), ("cerven|cervna|cervnu|cervnem", 6),
    ("srpen|srpna|srpnu|srpnem", 8), ("zari|zarim", 9), ("rijen|rijna|rijnu|rijnem", 10),
    ("listopad|listopadu|listopadem", 11), ("prosinec|prosince|prosinci|prosincem", 12),
)
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
_MONTH_WORDS: dict[str, int] = {}
for _forms, _number in _CS_MONTHS:
    for _form in _forms.split("|"):
        _MONTH_WORDS[_form] = _number
for _number, _name in enumerate(_EN_MONTHS, start=1):
    _MONTH_WORDS[_name] = _number
    _MONTH_WORDS[_name[:3]] = _number
_MONTH_WORDS["sept"] = 9
_MONTH = ("(?<![a-z])(?:" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
          + r")(?![a-z])\.?")
_YEAR = r"(?:19[89]\d|20[0-4]\d)"

# Each alternative names its groups; all of them run on folded text (same length as the
# original, so positions carry over).
_POINT = re.compile(
    rf"(?P<iso>(?P<iy>{_YEAR})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))"
    rf"|(?P<dmy>(?<![\d/.])(?P<d>\d{{1,2}})\.\s*(?P<m>\d{{1,2}})\.\s*(?P<y>{_YEAR})(?![\d/]))"
    rf"|(?P<dmy2>(?<![\d/.])(?P<d2>\d{{1,2}})\.?\s+(?P<mn2>{_MONTH})\s+(?:roku\s+)?(?P<y2>{_YEAR}))"
    rf"|(?P<mdy>(?P<mn3>{_MONTH})\s+(?P<d3>\d{{1,2}}),?\s+(?P<y3>{_YEAR}))"
    rf"|(?P<my>(?P<mn4>{_MONTH})\s+(?:(?:roku|of)\s+)?(?P<y4>{_YEAR}))"
    rf"|(?P<dsl>(?<![\d/.])(?P<d8>\d{{1,2}})/(?P<m8>\d{{1,2}})/(?P<y8>{_YEAR})(?![\d/]))"
    rf"|(?P<mnum>(?<![\d/.])(?P<m5>0?[1-9]|1[0-2])\s*[/.]\s*(?P<y5>{_YEAR})(?![\d/]))"
    rf"|(?P<dm>(?<![\d/.])(?P<d9>\d{{1,2}})\.?\s+(?P<mn9>{_MONTH})(?=\s*(?:[-–—]|az|do|to|until)\s*\d))"
    rf"|(?P<mo>(?P<mn6>{_MONTH})(?=\s*(?:[-–—]|az|do|to|until)\s*[a-z]))"
    rf"|(?P<yr>(?<![\d/.\-])(?:(?:roku|rok|roce|year|in)\s+)?(?P<y7>{_YEAR})(?![\d/]|\s*sb\b))",
)
_RANGE_JOIN = re.compile(r"^\s*(?:[-–—]|az|do|to|until|till|through|a\s+konci|and)\s*"
                         r"(?:(?:roku|rok|konce|the end of)\s+)*$")
_OPEN_START = re.compile(r"(?:\bod|\bfrom|\bsince|\bzahajen\w*|\bstarted|\bstarting)\s+"
                         r"(?:(?:roku|rok|the year|year)\s+)?$")


@dataclass(frozen=True)
class Period:
    """ISO dates (or None) and their precisions ("day", "month", "year")."""

    start: str | None
    start_precision: str | None
    end: str | None
    end_precision: str | None


@dataclass
class _Point:
    year: int
    month: int | None
    day: int | None
    begin: int
    finish: int

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first(self) -> str:
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def last(self) -> str:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return f"{self.year:04d}-{month:02d}-{day:02d}"


def _month(word: str) -> int:
    return _MONTH_WORDS[word.rstrip(".")]


def _points(folded: str) -> list[_Point]:
    points = []
    for m in _POINT.finditer(folded):
        g = m.groupdict()
        try:
            if g["iso"]:
                p = _Point(int(g["iy"]), int(g["im"]), int(g["id"]), m.start(), m.end())
            elif g["dmy"]:
                p = _Point(int(g["y"]), int(g["m"]), int(g["d"]), m.start(), m.end())
            elif g["dmy2"]:
                p = _Point(int(g["y2"]), _month(g["mn2"]), int(g["d2"]), m.start(), m.end())
            elif g["mdy"]:
                p = _Point(int(g["y3"]), _month(g["mn3"]), int(g["d3"]), m.start(), m.end())
            elif g["my"]:
                p = _Point(int(g["y4"]), _month(g["mn4"]), None, m.start(), m.end())
            elif g["dsl"]:
                # "31/12/2010" and "1/1/2024": day first, as Czech and European pages
                # write it; a first number over 12 cannot be a month either way.
                day, month = int(g["d8"]), int(g["m8"])
                if month > 12 >= day:
                    day, month = month, day
                p = _Point(int(g["y8"]), month, day, m.start(), m.end())
            elif g["mnum"]:
                p = _Point(int(g["y5"]), int(g["m5"]), None, m.start(), m.end())
            elif g["dm"]:
                # "27. květen – 31. červenec 2009": the year comes with the end.
                p = _Point(0, _month(g["mn9"]), int(g["d9"]), m.start(), m.end())
            elif g["mo"]:
                p = _Point(0, _month(g["mn6"]), None, m.start(), m.end())
            else:
                p = _Point(int(g["y7"]), None, None, m.start("y7"), m.end())
        except KeyError:
            continue
        if p.month and not 1 <= p.month <= 12 or p.day and not 1 <= p.day <= 31:
            continue
        points.append(p)
    return points


def parse_period(value: str) -> Period | None:
    """A period from a phrase: "1.9.2017 – 31.7.2020", "září 2017 – prosinec 2020",
    "od roku 2019", "2017–2020", "from 1 March 2019 to 28 February 2021" ..."""
    folded = fold(clean(value))
    points = _points(folded)
    for a, b in zip(points, points[1:], strict=False):
        if _RANGE_JOIN.match(folded[a.finish:b.begin]) and b.year:
            if not a.year:
                a.year = b.year
            if (a.year, a.month or 0) <= (b.year, b.month or 12):
                return Period(a.first(), a.precision, b.last(), b.precision)
    for p in points:
        if p.year and _OPEN_START.search(folded[max(0, p.begin - 25):p.begin]):
            return Period(p.first(), p.precision, None, None)
    return None


def parse_date(value: str, end: bool = False) -> tuple[str, str] | None:
    """One date as (ISO string, precision); an end date takes the last day of its month/year."""
    points = [p for p in _points(fold(clean(value))) if p.year]
    if not points:
        return None
    p = points[0]
    return (p.last() if end else p.first()), p.precision


# A date cell of a bulk file or an export, as precise as it is known: 2016, 2016-05, 2016-05-12.
_ISO_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?\s*$")


def parse_cell_date(value: str, end: bool = False) -> tuple[str, str] | None:
    """A date cell as (ISO string, precision): an ISO 8601 date keeps its precision ("2016-05"
    is a month; in running text it may be a school year), anything else reads as text does."""
    match = _ISO_PARTIAL.match(value)
    if match is None:
        return parse_date(value, end)
    year, month, day = (int(part) if part else None for part in match.groups())
    point = _Point(year or 0, month, day, 0, 0)
    return (point.last() if end else point.first()), point.precision


def _single(value: str) -> Period | None:
    points = [p for p in _points(fold(clean(value))) if p.year]
    if len(points) == 1:
        p = points[0]
        return Period(p.first(), p.precision, p.last(), p.precision)
    return None


def _same_label_kind(period: Period, first: Period) -> bool:
    """Both periods have both ends, or neither has."""
    return bool(period.start and period.end) == bool(first.start and first.end)


def _span(periods: list[Period]) -> Period:
    """The earliest start to the latest end of several labelled periods."""
    # A page listing the periods of the projects (or stages) one record covers spans them.
    start = min((p for p in periods if p.start), key=lambda p: p.start or "", default=None)
    end = max((p for p in periods if p.end), key=lambda p: p.end or "", default=None)
    if start is None or end is None:
        return periods[0]
    return Period(start.start, start.start_precision, end.end, end.end_precision)


_PERIOD_LINE = re.compile(
    r"^(?:doba realizace|obdobi realizace|termin realizace|realizace|obdobi|doba trvani"
    r"|realization|realisation|implementation period|project period|project duration|duration"
    r"|period|project in|projekt v letech|project dates|dates|projekt)\b(?:\s+projektu)?"
    r"\s*[:\-–]?\s*")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
# A sentence that opens with its period ("Od března do srpna 2015 vede ...") is about it.
_CUE = re.compile(r"projekt|project|realiz|probih|probehl|trv[aá]|potrv|runs|ran |lasted"
                  r"|implemented|will run|duration|obdobi|period|^(?:od|from)\s"
                  r"|funguje od")
# A start told by its verb: "se rozběhl", "zahájil", "started", "opened".
_START_VERB = re.compile(r"rozbehl|odstartoval|zahajen|zahajil|zacal|spusten|spustil|otevren"
                         r"|otevrel|started|began|launched|opened")


# "… na lokální úrovni v roce 2017", "Integration in 2019": a name made for one year.
_ONE_YEAR = re.compile(rf"\b(?:v roce|na rok|pro rok|za rok|in the year|in|for)\s+(?P<y>{_YEAR})\b"
                       r"(?!\s*(?:[-–—/]|az|to)\s*\d)")
_PROGRAMME_PERIOD = re.compile(r"program\w* (?:obdobi|period)|programming period")
# "Projekty z let 2012–2018 najdete v archivu": earlier projects listed elsewhere.
_OTHER_PROJECTS = re.compile(r"\b(?:projekty|projects)\b.*\b(?:archiv\w*|najdete|find|previous"
                             r"|predchozi\w*|starsi\w*|drivejsi\w*|older|earlier)\b")
_TRAILING_YEAR = re.compile(rf"(?<![\d/–-])\s(?P<y>{_YEAR})$")
_YEARS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
# A quoted name right after the words for a grant call or programme.
_CALL_NAME = re.compile(r"\b(?:vyzv|program|grant|dotacn|call|scheme)\w*(?:\s+[^\s„“\"”]+){0,3}\s*"
                        r"[„“\"”](?P<name>[^„“\"”\n]{3,200})[“”\"]")


def _one_year(name: str, *, title: bool = False) -> Period | None:
    """The calendar year of a name made for one year, when it names no other year; a title
    may also end with it ("Společné soužití 2019", annual municipal projects)."""
    folded = fold(clean(name))
    match = _ONE_YEAR.search(folded) or (_TRAILING_YEAR.search(folded) if title else None)
    if match is None or len(set(_YEARS.findall(folded))) != 1:
        return None
    year = int(match.group("y"))
    return Period(f"{year}-01-01", "year", f"{year}-12-31", "year")


def _named_year(text: str, title: str | None) -> Finding | None:
    """The year of a one-year project named in its title or in its grant call's name."""
    # "výzva „… na lokální úrovni v roce 2017“": the Ministry's one-year municipal calls.
    if title and (period := _one_year(title, title=True)):
        return Finding(period, title, 0.6)
    for sentence in sentences(text):
        for match in _CALL_NAME.finditer(fold(sentence)):
            if period := _one_year(match.group("name")):
                return Finding(period, sentence, 0.55)
    return None


def find_period(text: str, fields: Iterable[tuple[str, str]] = (),
                title: str | None = None) -> Finding:
    """The project's own period as a Finding of a ``Period``: labelled lines first, then
    sentences about this project's run; periods of other projects or laws are ignored."""
    fields = list(fields)
    starts, ends = labelled(fields, "start"), labelled(fields, "end")
    found: list[tuple[Period, str]] = []
    for label, value in labelled(fields, "period"):
        if _PROGRAMME_PERIOD.search(fold(label)):
            continue  # "Programming period: 2007-2013" is the funding programme's
        # "Doba trvání do: 31. 8. 2025" gives the end only; "Doba trvání od:" the start.
        bound = re.search(r"\b(od|from|do|until|to)$", fold(clean(label)).strip(" :"))
        if bound:
            (starts if bound.group(1) in ("od", "from") else ends).append((label, value))
            continue
        period = parse_period(value) or _single(value)
        if period:
            found.append((period, field_evidence(label, value)))
    if found:
        return Finding(_span([p for p, _ in found if _same_label_kind(p, found[0][0])]),
                       "; ".join(e for _, e in found), 0.9)
    if starts or ends:
        start = parse_date(starts[0][1]) if starts else None
        end = parse_date(ends[0][1], end=True) if ends else None
        if start or end:
            evidence = "; ".join(field_evidence(lbl, v) for lbl, v in (starts[:1] + ends[:1]))
            return Finding(Period(start[0] if start else None, start[1] if start else None,
                                  end[0] if end else None, end[1] if end else None),
                           evidence, 0.85)
    # Among period lines ("Realization 1. 1. 2021 – 31.12.2022", "Project in 2021 – 2022")
    # the most precise one wins.
    candidates: list[tuple[int, int, Period, str]] = []
    for line in lines(text):
        match = _PERIOD_LINE.match(fold(line))
        if match and len(line) < 160:
            period = parse_period(line[match.end():])
            if period:
                candidates.append((_PRECISION_RANK[period.start_precision], -len(candidates),
                                   period, line))
    if candidates:
        _, _, period, line = max(candidates, key=lambda c: (c[0], c[1]))
        return Finding(period, line, 0.85)
    # A sentence with both ends wins over an earlier one that only says when it began.
    open_start: Finding | None = None
    for sentence in sentences(text):
        folded = fold(sentence)
        if (about_other_project(sentence, title)
                or not (_CUE.search(folded) or _START_VERB.search(folded))
                or _PROGRAMME_PERIOD.search(folded) or _OTHER_PROJECTS.search(folded)):
            continue
        # Dates inside a quoted name belong to that name, not to the project's run.
        bare = re.sub(r"[„“\"”][^„“\"”]*[“”\"]", " ", sentence)
        period = parse_period(bare)
        if period and period.end:
            return Finding(period, sentence, 0.7)
        if period and open_start is None:
            open_start = Finding(period, sentence, 0.7)
        elif open_start is None and _START_VERB.search(folded):
            # "se rozběhl 1. července 2009": the one date of a start verb begins the run.
            begun = _single(bare)
            if begun:
                open_start = Finding(Period(begun.start, begun.start_precision, None, None),
                                     sentence, 0.6)
    # The project's own name outweighs a "since" year met in a sentence.
    return (_named_year(text, title) or open_start or yearless_period(text)
            or _year_of_work(text, title) or NOTHING)


def _year_of_work(text: str, title: str | None) -> Finding | None:
    """"V roce 2016 realizovala Diakonie …": the one year a sentence says the project ran."""
    for sentence in sentences(text):
        folded = fold(sentence)
        if (re.search(r"realiz|probih|probehl|took place|was run|ran\b", folded)
                and not about_other_project(sentence, title)
                and (period := _one_year(sentence))):
            return Finding(period, sentence, 0.5)
    return None


# --- dates written without a year ---------------------------------------------------------

_WEEKDAYS = {"pondeli": 0, "utery": 1, "streda": 2, "stredu": 2, "ctvrtek": 3, "patek": 4,
             "sobota": 5, "sobotu": 5, "nedele": 6, "nedeli": 6, "monday": 0, "tuesday": 1,
             "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
# "V úterý 30. srpna", "v sobotu 3. 9.", "on Tuesday, 30 August", "Tuesday, August 30".
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY})\s*,?\s*(?:the\s+)?(?P<d>\d{{1,2}})\.?\s*"
    rf"(?:(?P<mn>{_MONTH})|(?P<m>\d{{1,2}})\.)(?!\s*,?\s*\d)"
    rf"|\b(?P<wd2>{_WEEKDAY})\s*,?\s*(?P<mn2>{_MONTH})\s+(?P<d2>\d{{1,2}})\b(?!\s*,?\s*\d)")
# "od září bychom mohli spustit výuku": a start month with no year of its own.
_OPEN_MONTH = re.compile(rf"\b(?:od|from|since)\s+(?P<mn>{_MONTH})(?!\s*(?:roku\s+)?\d)")
_START_WORDS = re.compile(r"spust|zahaj|zacn|zacin|zacat|otevr|rozjed|\bstart|launch|begin"
                          r"|\bopen")


def _weekday_event(folded: str, years: set[int]) -> Period | None:
    """A one-day event dated by weekday, day and month ("V úterý 30. srpna")."""
    # The year is the one among the page's years on which that day is that weekday.
    for match in _WEEKDAY_DATE.finditer(folded):
        g = match.groupdict()
        weekday = _WEEKDAYS[g["wd"] or g["wd2"]]
        try:
            day = int(g["d"] or g["d2"])
            month = _month(g["mn"] or g["mn2"]) if g["mn"] or g["mn2"] else int(g["m"])
            fits = [y for y in years if datetime.date(y, month, day).weekday() == weekday]
        except (KeyError, ValueError):
            continue
        if len(fits) == 1:
            iso = f"{fits[0]:04d}-{month:02d}-{day:02d}"
            return Period(iso, "day", iso, "day")
    return None


def _open_month(folded: str, earlier: list[_Point]) -> Period | None:
    """A start month without a year ("od září chceme spustit kurzy")."""
    # Its year is that of the nearest earlier date, or the next one once the month passed.
    if not _START_WORDS.search(folded):
        return None
    for match in _OPEN_MONTH.finditer(folded):
        known = earlier + [p for p in _points(folded[:match.start()]) if p.year]
        if known:
            month, last = _month(match.group("mn")), known[-1]
            year = last.year + (1 if last.month and month < last.month else 0)
            return Period(f"{year:04d}-{month:02d}-01", "month", None, None)
    return None


def yearless_period(text: str) -> Finding | None:
    """A period from dates written without their year, which the page's other dates give."""
    found = [(s, fold(s)) for s in sentences(text)]
    years = {int(y) for _, folded in found for y in _YEARS.findall(folded)}
    for sentence, folded in found:
        if period := _weekday_event(folded, years):
            return Finding(period, sentence, 0.5)
    earlier: list[_Point] = []
    for sentence, folded in found:
        if period := _open_month(folded, earlier):
            return Finding(period, sentence, 0.5)
        earlier.extend(p for p in _points(folded) if p.year)
    return None
