"""Project periods: formats, precision and the traps of other projects and laws."""
from __future__ import annotations

import pytest

from importers.extract.dates import Period, find_period, parse_date, parse_period


@pytest.mark.parametrize("phrase, expected", [
    ("1. 1. 2021 – 31.12.2022", ("2021-01-01", "day", "2022-12-31", "day")),
    ("1.9.2017 – 31.7.2020", ("2017-09-01", "day", "2020-07-31", "day")),
    ("září 2017 – prosinec 2020", ("2017-09-01", "month", "2020-12-31", "month")),
    ("od září roku 2017 do prosince roku 2020", ("2017-09-01", "month", "2020-12-31", "month")),
    ("od ledna 2019 do února 2020", ("2019-01-01", "month", "2020-02-29", "month")),
    ("říjen 2017 – září 2019", ("2017-10-01", "month", "2019-09-30", "month")),
    ("od roku 2019", ("2019-01-01", "year", None, None)),
    ("2017–2020", ("2017-01-01", "year", "2020-12-31", "year")),
    ("January 2021 to December 2022", ("2021-01-01", "month", "2022-12-31", "month")),
    ("from 1 March 2019 to 28 February 2021", ("2019-03-01", "day", "2021-02-28", "day")),
    ("Realization 1. 1. 2021 – 31.12.2022", ("2021-01-01", "day", "2022-12-31", "day")),
    ("09/2018 – 06/2020", ("2018-09-01", "month", "2020-06-30", "month")),
    ("2006-03-01 to 2007-02-28", ("2006-03-01", "day", "2007-02-28", "day")),
])
def test_parse_period(phrase, expected):
    assert parse_period(phrase) == Period(*expected)


@pytest.mark.parametrize("phrase", ["zákona č. 326/1999 Sb.", "v roce 2009", "tel. 603 123 456",
                                    "AMIF/28/04"])
def test_not_a_period(phrase):
    assert parse_period(phrase) is None


def test_parse_date_end_takes_last_day():
    assert parse_date("prosinec 2020", end=True) == ("2020-12-31", "month")
    assert parse_date("2020") == ("2020-01-01", "year")


def test_labelled_period_wins():
    text = "Doba realizace: 1. 3. 2019 – 28. 2. 2021\nProjekt navazuje na aktivity z let 2015–2017."
    found = find_period(text, [("Doba realizace", "1. 3. 2019 – 28. 2. 2021")])
    assert found.value.start == "2019-03-01" and found.confidence >= 0.85


def test_sentence_about_the_project_run():
    found = find_period("Projekt Města a inkluzivní strategie probíhal od září roku 2017 do "
                        "prosince roku 2020.")
    assert (found.value.start, found.value.end) == ("2017-09-01", "2020-12-31")


def test_another_projects_period_is_ignored():
    text = ("Projekt „Provoz centra“ zajistí provoz centra. V rámci pilotního projektu "
            "„Zvyšování interkulturní prostupnosti úřadů“, spolufinancováno z OPZ v období "
            "říjen 2017 – září 2019, byly zřízeny 4 pozice.")
    assert find_period(text, title="Provoz centra").value is None


def test_law_numbers_and_founding_years_are_ignored():
    text = ("Projekt je určen cizincům v režimu zákona č. 326/1999 Sb. Centrum bylo zřízeno "
            "v roce 2009.")
    assert find_period(text).value is None


def test_open_ended_project():
    found = find_period("Projekt probíhá od roku 2019 v Plzni.")
    assert found.value == Period("2019-01-01", "year", None, None)


def test_separate_start_and_end_labels():
    found = find_period("", [("Zahájení projektu", "1. 2. 2024"),
                             ("Ukončení projektu", "31. 1. 2026")])
    assert found.value == Period("2024-02-01", "day", "2026-01-31", "day")


def test_dates_inside_a_quoted_title_are_not_the_period():
    text = "The project „Integration 2015–2016 revisited“ helps families."
    assert find_period(text, title="Integration 2015–2016 revisited").value is None


@pytest.mark.parametrize("sentence, expected", [
    ("Projekt byl realizován v letech 2016 až 2018.",
     ("2016-01-01", "year", "2018-12-31", "year")),
    ("The project ran from 2016 to 2018.", ("2016-01-01", "year", "2018-12-31", "year")),
    ("Projekt trval od 1. 3. 2019 do 28. 2. 2021.",
     ("2019-03-01", "day", "2021-02-28", "day")),
    ("Projekt poběží od roku 2019 do konce roku 2021.",
     ("2019-01-01", "year", "2021-12-31", "year")),
])
def test_period_sentences(sentence, expected):
    assert find_period(sentence).value == Period(*expected)


def test_day_first_slash_dates():
    # European pages write 31/12/2010 and 1/1/2024; a number over 12 can only be the day.
    assert parse_period("01/01/2010 - 31/12/2010") == Period("2010-01-01", "day",
                                                             "2010-12-31", "day")
    assert parse_period("1/1/2024 to 12/31/2024") == Period("2024-01-01", "day",
                                                            "2024-12-31", "day")


def test_a_bound_in_the_label_gives_that_end_only():
    fields = [("Zahájení", "1. 9. 2022"), ("Doba trvání do", "31. 8. 2025")]
    found = find_period("", fields).value
    assert (found.start, found.end) == ("2022-09-01", "2025-08-31")
    found = find_period("", [("Commencement of project implementation", "1.7.2014")]).value
    assert (found.start, found.end) == ("2014-07-01", None)


def test_a_sentence_opening_with_its_period_shares_the_year():
    found = find_period("Od března do srpna 2015 vede spolek kampaň v Brně.").value
    assert (found.start, found.end) == ("2015-03-01", "2015-08-31")


def test_a_day_and_month_without_a_year_take_the_ends_year():
    assert parse_period("27. květen – 31. červenec 2009") == Period(
        "2009-05-27", "day", "2009-07-31", "day")


def test_a_sentence_with_both_ends_wins_over_an_earlier_open_start():
    text = ("Od 1. 5. 2022 můžeme uskutečňovat nový projekt. "
            "Projekt probíhá od 1. 5. 2022 do 31. 12. 2022.")
    found = find_period(text).value
    assert (found.start, found.end) == ("2022-05-01", "2022-12-31")


def test_a_one_day_event_dated_by_weekday_takes_the_year_that_fits():
    # 3 September was a Saturday in 2022 and not in 2023.
    text = "Aktualizováno 12. 8. 2022. V sobotu 3. září proběhne festival. Loni, v roce 2023."
    assert find_period(text).value == Period("2022-09-03", "day", "2022-09-03", "day")
    assert find_period("V pondělí 3. září proběhne festival. Rok 2022.").value is None


def test_a_start_month_without_a_year_follows_the_pages_dates():
    text = "Sbírka skončila 6. července 2023. Od září chceme spustit kurzy češtiny."
    assert find_period(text).value == Period("2023-09-01", "month", None, None)
    text = "Aktualizováno 5. 11. 2023. Od ledna chceme otevřít další kurz."
    assert find_period(text).value == Period("2024-01-01", "month", None, None)


def test_a_one_year_name_gives_the_calendar_year():
    found = find_period("Projekt pomáhá rodinám.", title="Integrace cizinců v roce 2019")
    assert found.value == Period("2019-01-01", "year", "2019-12-31", "year")
    # A programme's year in a name is no period.
    assert find_period("Projekt pomáhá rodinám.", title="INTI 2004: Integration").value is None


def test_the_year_of_the_call_wins_over_earlier_projects():
    text = ("Město podá žádost do výzvy „Integrace cizinců na lokální úrovni v roce 2017“. "
            "Na podobných projektech město pracuje od roku 2008.")
    assert find_period(text).value == Period("2017-01-01", "year", "2017-12-31", "year")


def test_several_labelled_periods_span_from_first_start_to_last_end():
    fields = [("Doba realizace", "1. září 2018 – 31. srpna 2019"),
              ("Doba realizace", "1. ledna 2018 - 30. června 2019")]
    assert find_period("", fields).value == Period("2018-01-01", "day", "2019-08-31", "day")


def test_a_title_ending_with_a_year_names_a_one_year_project():
    found = find_period("Město pořádá kurzy a besedy.", title="Společně v Třebíči 2021")
    assert (found.value.start, found.value.end) == ("2021-01-01", "2021-12-31")
    assert find_period("Text.", title="Plán integrace 2021–2025").value is None


def test_a_programming_period_and_archived_projects_are_not_this_project_s_run():
    fields = [("Programming period", "2007-2013"), ("Region", "Zlínský kraj")]
    assert find_period("The project helped migrants.", fields).value is None
    text = "Projekty z let 2015–2019 najdete v archivu. Kurzy probíhají od září 2022."
    assert find_period(text).value.start == "2022-09-01"


def test_labels_for_a_project_s_start_end_and_time():
    found = find_period("", [("Project start", "1. 5. 2009"), ("Project end", "30. 4. 2012")])
    assert (found.value.start, found.value.end) == ("2009-05-01", "2012-04-30")
    found = find_period("", [("Time", "February 1, 2020 – December 31, 2020")])
    assert (found.value.start, found.value.end) == ("2020-02-01", "2020-12-31")


@pytest.mark.parametrize("sentence", [
    "Poradna se rozběhla 1. července 2019.", "Komunitní centrum funguje od dubna 2022.",
    "The club opened on 3 March 2021.",
])
def test_a_start_told_by_its_verb(sentence):
    assert find_period(sentence).value.start[:7] in ("2019-07", "2022-04", "2021-03")


def test_the_one_year_a_sentence_says_the_project_ran():
    found = find_period("V roce 2018 realizovala Charita kurzy češtiny pro rodiče.")
    assert (found.value.start, found.value.end) == ("2018-01-01", "2018-12-31")


def test_a_date_cell_keeps_the_precision_iso_8601_gives_it():
    from importers.extract.dates import parse_cell_date

    assert parse_cell_date("2016") == ("2016-01-01", "year")
    assert parse_cell_date("2016-05") == ("2016-05-01", "month")
    assert parse_cell_date("2016-02", end=True) == ("2016-02-29", "month")
    assert parse_cell_date("2016-05-12") == ("2016-05-12", "day")
    # Not ISO: read as running text is ("1. 5. 2016" is a Czech day).
    assert parse_cell_date("1. 5. 2016") == ("2016-05-01", "day")
