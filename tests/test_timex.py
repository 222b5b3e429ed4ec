"""Time expressions: detection and resolution against the publication date (regex grammar only)."""
from __future__ import annotations

import pytest

from eventwire.analyze.timex import find_times, resolve_time

SUNDAY = "2020-01-05T02:33:00+05:30"   # local date 2020-01-05, a Sunday (UTC would be Jan 4)
WEDNESDAY = "2020-12-16"


def one(text: str, published: str | None):
    times = find_times(text, published)
    assert len(times) == 1, times
    return times[0]


def values(text: str, published: str | None) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.value, t.precision) for t in find_times(text, published)]


# --- weekdays ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("Rockets hit the base on Sunday.", "2020-01-05"),          # same weekday = publication day
    ("Protesters gathered on Saturday.", "2020-01-04"),
    ("A drone strike early Friday killed five.", "2020-01-03"),
    ("Clashes erupted Friday morning.", "2020-01-03"),
    ("Shelling resumed on Saturday evening.", "2020-01-04"),
    ("The convoy was hit late on Tuesday.", "2019-12-31"),
    ("Rockets landed on Monday night.", "2019-12-30"),
    ("Forces withdrew last Saturday.", "2020-01-04"),
    ("Forces withdrew last Sunday.", "2019-12-29"),               # "last" is strictly before
])
def test_weekday_is_latest_on_or_before_publication(text, value):
    t = one(text, SUNDAY)
    assert (t.value, t.precision, t.relative) == (value, "day", True)


def test_next_weekday_is_strictly_after():
    assert one("Talks resume next Sunday.", SUNDAY).value == "2020-01-12"


def test_future_cue_reads_weekday_forward():
    assert one("The minister will visit Baghdad on Tuesday.", SUNDAY).value == "2020-01-07"
    assert one("He said on Tuesday the army would stay.", SUNDAY).value == "2019-12-31"


def test_weekday_expression_text_and_offsets():
    text = "Militants attacked a checkpoint early Friday, officials said."
    t = one(text, SUNDAY)
    assert text[t.start:t.end] == t.text == "early Friday"


# --- day words, weeks, months, years relative to publication ------------------------------

@pytest.mark.parametrize("text, value, precision", [
    ("Police said today that", "2020-01-05", "day"),
    ("Clashes broke out this morning.", "2020-01-05", "day"),
    ("A curfew starts tonight.", "2020-01-05", "day"),
    ("Two were killed yesterday.", "2020-01-04", "day"),
    ("Gunmen struck last night.", "2020-01-04", "day"),
    ("Talks open tomorrow.", "2020-01-06", "day"),
    ("He was arrested two days ago.", "2020-01-03", "day"),
    ("The militia said last week that", "2019-12-23", "week"),  # Monday of the previous ISO week
    ("Attacks rose this week.", "2019-12-30", "week"),
    ("Fighting spread three weeks ago.", "2019-12-09", "week"),
    ("Elections are due next month.", "2020-02", "month"),
    ("Prices rose last month.", "2019-12", "month"),
    ("It happened earlier this month.", "2020-01", "month"),
    ("Unrest began last year.", "2019", "year"),
])
def test_relative_expressions(text, value, precision):
    t = one(text, SUNDAY)
    assert (t.value, t.precision, t.relative) == (value, precision, True)


def test_weekend_just_past_in_a_weekday_article():
    assert one("Protests over the weekend.", WEDNESDAY).value == "2020-12-07"


# --- months and days without a year ------------------------------------------------------

def test_month_without_year_is_latest_such_month():
    assert one("Protests began in October.", WEDNESDAY).value == "2020-10"
    assert one("It was signed in December.", "2021-03-02").value == "2020-12"


def test_month_in_publication_month_is_this_month():
    assert one("Attacks rose in December.", WEDNESDAY).value == "2020-12"


def test_since_early_month():
    t = one("Protests have continued since early August.", WEDNESDAY)
    # a part of a month is a seven-day stretch: "early August" is its first week
    assert (t.text, t.value, t.precision) == ("early August", "2020-08-01", "week")


def test_end_of_month_last_year():
    t = one("The attack came at the end of December last year.", WEDNESDAY)
    assert (t.text, t.value, t.precision, t.relative) == (
        "the end of December last year", "2019-12-25", "week", True)  # the last seven days


@pytest.mark.parametrize("text", ["on November 17", "November 17", "17 November", "Nov. 17",
                                  "17th of November"])
def test_day_without_year_in_the_past(text):
    assert one(f"Militants struck {text} near the border.", WEDNESDAY).value == "2020-11-17"


def test_day_without_year_later_in_the_year_is_last_year():
    assert one("He was freed on November 20.", "2020-06-01").value == "2019-11-20"


def test_day_without_year_shortly_after_publication_is_upcoming():
    # Within future_window_days of publication: an anniversary or deadline ahead.
    assert one("The anniversary on January 3 grows nearer.", WEDNESDAY).value == "2021-01-03"


def test_past_event_verb_reads_day_without_year_backward():
    assert one("He was killed in a drone strike on January 3.", WEDNESDAY).value == "2020-01-03"


def test_future_cue_reads_day_and_month_forward():
    assert one("The dividend is payable Feb. 10.", WEDNESDAY).value == "2021-02-10"
    assert one("Elections will be held in June.", WEDNESDAY).value == "2021-06"


# --- absolute expressions -----------------------------------------------------------------

@pytest.mark.parametrize("text, value, precision", [
    ("January 3, 2020", "2020-01-03", "day"),
    ("Jan. 3, 2020", "2020-01-03", "day"),
    ("3 Jan 2020", "2020-01-03", "day"),
    ("Friday, January 3, 2020", "2020-01-03", "day"),
    ("2020-01-03", "2020-01-03", "day"),
    ("21-12-2020", "2020-12-21", "day"),           # unambiguous day-month-year
    ("12/21/2020", "2020-12-21", "day"),           # unambiguous month/day/year
    ("in December 2019", "2019-12", "month"),
    ("mid-December 2019", "2019-12-12", "week"),
    ("in 2018", "2018", "year"),
    ("the 2003 invasion", "2003", "year"),
])
def test_absolute_expressions_need_no_publication_date(text, value, precision):
    t = one(f"It happened {text} near the border.", None)
    assert (t.value, t.precision, t.relative) == (value, precision, False)


def test_ambiguous_numeric_date_is_skipped():
    assert find_times("Filed on 03/01/2020.", SUNDAY) == []


# --- not dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We may never know what happened.",
    "They plan to march on the capital.",
    "March on the capital, they shouted.",
    "We condemn the attack.",
    "The Sunday Times reported the raid.",
    "He told the Sun newspaper.",
    "An August assembly of elders met.",
    "They ran 1,000 meters at 5:00pm (1400 GMT).",
    "Resolution 2254 calls for a ceasefire.",
    "He killed 2000 people.",
    "The fighting lasted for three days.",
    "Prayers are held every Friday.",
    "Bloody Sunday is remembered.",
])
def test_non_dates(text):
    assert find_times(text, SUNDAY) == []


# --- undated articles and later resolution ------------------------------------------------

def test_undated_relative_expressions_keep_precision_without_value():
    times = find_times("Gunmen attacked on Saturday. Talks failed last week. It began in 2018.", None)
    assert [(t.text, t.value, t.precision, t.relative) for t in times] == [
        ("Saturday", None, "day", True),
        ("last week", None, "week", True),
        ("2018", "2018", "year", False),
    ]


def test_returned_text_resolves_later():
    times = find_times("Gunmen attacked on Saturday and at the end of December last year.", None)
    assert [resolve_time(t.text, SUNDAY) for t in times] == [("2020-01-04", "day"), ("2019-12-25", "week")]


@pytest.mark.parametrize("expression, published, expected", [
    ("on Saturday", SUNDAY, ("2020-01-04", "day")),
    ("Sunday", SUNDAY, ("2020-01-05", "day")),
    ("last week", "2020-01-05", ("2019-12-23", "week")),
    ("in December", None, (None, "month")),
    ("January 3, 2020", None, ("2020-01-03", "day")),
    ("last year", "2020", ("2019", "year")),          # a year-precision publication date suffices
    ("yesterday", "2020-11", (None, "day")),          # ... but not for a day
    ("Tuesday", SUNDAY, ("2019-12-31", "day")),
    ("the meeting", SUNDAY, (None, None)),
    ("on Christmas Day", SUNDAY, ("2019-12-25", "day")),
    ("last summer", WEDNESDAY, ("2020", "year")),
    ("until 9 a.m. Tuesday", SUNDAY, ("2019-12-31", "day")),
])
def test_resolve_time(expression, published, expected):
    assert resolve_time(expression, published) == expected


def test_resolve_time_with_tense():
    assert resolve_time("Tuesday", SUNDAY, tense="future") == ("2020-01-07", "day")
    assert resolve_time("January 3", WEDNESDAY, tense="past") == ("2020-01-03", "day")


def test_publication_local_date_is_used_not_utc():
    assert resolve_time("today", "2020-01-05T02:33:00+05:30") == ("2020-01-05", "day")


def test_several_expressions_in_order():
    text = "He was killed in December 2019 in a rocket attack; on Saturday crowds marched."
    assert values(text, SUNDAY) == [("December 2019", "2019-12", "month"),
                                    ("Saturday", "2020-01-04", "day")]


# --- with the spaCy Doc ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    from eventwire.analyze.nlp import get_nlp
    return get_nlp()


def test_doc_admits_years_in_date_entities_and_keeps_regex_results(nlp):
    text = "In March the army retook the town, which fell on Saturday. Casualties doubled over 2019."
    with_doc = find_times(text, SUNDAY, doc=nlp(text))
    assert [(t.text, t.value) for t in with_doc][:2] == [("March", "2019-03"), ("Saturday", "2020-01-04")]
    assert [t.text for t in find_times(text, SUNDAY)] == ["March", "Saturday"]


def test_a_publication_window_resolves_what_every_day_of_it_agrees_on() -> None:
    text = "Gunmen attacked on Saturday and in November; the army struck early Friday and on Tuesday."
    got = [(t.text, t.value, t.precision) for t in find_times(text, None, window="2020-01-04/2020-01-09")]
    # Saturday 4 Jan .. Thursday 9 Jan: "Tuesday" is 31 Dec or 7 Jan, so it stays relative
    assert got == [("Saturday", "2020-01-04", "day"), ("November", "2019-11", "month"),
                   ("early Friday", "2020-01-03", "day"), ("Tuesday", None, "day")]
    # a publication date wins over a window; a malformed window is no window
    assert find_times("on Tuesday", "2020-01-09", window="2020-01-04/2020-01-09")[0].value == "2020-01-07"
    assert find_times("on Tuesday", None, window="soon")[0].value is None


# --- clock times, modifier dates -----------------------------------------------------------

def test_clock_time_before_weekday_belongs_to_the_expression():
    t = one("The ultimatum runs until 6 p.m. GMT Thursday, the deadline set by the governor.", SUNDAY)
    assert (t.text, t.value) == ("6 p.m. GMT Thursday", "2020-01-02")
    # a future cue before the clock time still reads it forward
    assert one("The curfew will lift at 6 a.m. Tuesday.", SUNDAY).value == "2020-01-07"


@pytest.mark.parametrize("text, value", [
    ("The Friday bombing killed four.", "2020-01-03"),
    ("Investigators will examine Thursday's ambush.", "2020-01-02"),  # the noun's day, not the clause's
    ("Crowds gathered ahead of Tuesday's funeral.", "2020-01-07"),    # "ahead of" looks forward
    ("The Saturday night raid was condemned.", "2020-01-04"),
])
def test_weekday_modifying_a_noun(text, value):
    assert one(text, SUNDAY).value == value


def test_month_and_date_modifying_a_noun():
    assert one("The May protests turned violent.", WEDNESDAY).value == "2020-05"
    # a future cue in the clause does not move a date that names a past event
    assert one("A panel would review the Dec. 3 raid on the camp.", WEDNESDAY).value == "2020-12-03"


def test_weekday_before_a_function_word_is_no_modifier():
    # "the Friday before the vote" stays a vague reference, as "the Friday" did before
    assert find_times("They met the Friday before the vote.", SUNDAY) == []


# --- holidays ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, value", [
    ("Gunmen attacked a church on Christmas Day.", SUNDAY, "2019-12-25"),
    ("The blast came on New Year's Eve.", SUNDAY, "2019-12-31"),
    ("Shops were looted after Thanksgiving.", WEDNESDAY, "2020-11-26"),  # fourth Thursday
    ("Pilgrims were attacked on Good Friday.", "2021-04-10", "2021-04-02"),
    ("The march was held on Memorial Day.", "2020-06-17", "2020-05-25"),  # last Monday of May
    ("A bomb exploded last Christmas.", "2020-12-20", "2019-12-25"),       # the latest one before
])
def test_holidays_without_a_year(text, published, value):
    t = one(text, published)
    assert (t.value, t.precision, t.relative) == (value, "day", True)


def test_holiday_with_a_year_and_holiday_week():
    t = one("The church was bombed on Easter Sunday 2019.", None)
    assert (t.text, t.value, t.relative) == ("Easter Sunday 2019", "2019-04-21", False)
    assert one("Shelling eased during Christmas week.", SUNDAY).value == "2019-12-23"


@pytest.mark.parametrize("text", [
    "The Good Friday Agreement ended decades of violence.",
    "Asylum seekers were held on Christmas Island.",
    "A Christmas tree stood in the square.",
])
def test_holiday_names_that_are_not_dates(text):
    assert find_times(text, SUNDAY) == []


# --- seasons (year precision), spelled-out years, "the current year" -----------------------

@pytest.mark.parametrize("text, published, value", [
    ("Fighting intensified last summer.", WEDNESDAY, "2020"),     # summer 2020 is over
    ("Fighting intensified last summer.", "2020-07-01", "2019"),  # summer 2020 is not
    ("The offensive may resume next spring.", WEDNESDAY, "2021"),
    ("Refugees returned this autumn.", WEDNESDAY, "2020"),
])
def test_seasons_are_given_at_year_precision(text, published, value):
    t = one(text, published)
    assert (t.value, t.precision, t.relative) == (value, "year", True)


def test_season_with_a_year():
    t = one("The siege began in the summer of 2014.", None)
    assert (t.text, t.value, t.precision, t.relative) == ("the summer of 2014", "2014", "year", False)


@pytest.mark.parametrize("text", [
    "The fall of the city shocked the region.",
    "Villagers drew spring water from the well.",
    "Prices could fall this week.",  # only "this week" is a date
    "Aid ran short last winter.",    # a winter spans two years
])
def test_season_words_that_are_not_dated_seasons(text):
    assert all(t.precision != "year" for t in find_times(text, WEDNESDAY))


def test_spelled_out_years():
    assert values("The war ended in nineteen ninety-one.", None) == [("nineteen ninety-one", "1991", "year")]
    assert values("Plans for the year two thousand and ten.", None) == [("two thousand and ten", "2010", "year")]
    assert values("In March nineteen eighty-eight, the town fell.", None) == [
        ("March nineteen eighty-eight", "1988-03", "month")]
    assert find_times("They deployed two thousand and five soldiers.", SUNDAY) == []


def test_current_year_and_week_of_a_date():
    assert values("Attacks doubled in the current year.", SUNDAY) == [("the current year", "2020", "year")]
    t = one("Talks are set for the week of January 15.", SUNDAY)
    assert (t.text, t.value, t.precision) == ("the week of January 15", "2020-01-13", "week")


def test_more_year_cues():
    assert [t.value for t in find_times("Crops failed in both 2014 and 2015.", SUNDAY)] == ["2014", "2015"]
    assert values("The post-2003 order collapsed.", SUNDAY) == [("2003", "2003", "year")]


def test_supposed_to_looks_forward():
    assert one("The talks are supposed to end in June.", WEDNESDAY).value == "2021-06"


# --- expressions counted from the time mentioned before them --------------------------------

def test_next_day_counts_from_the_last_time_mentioned():
    text = "Militants seized the town on March 3. The next day, troops surrounded it."
    assert values(text, WEDNESDAY) == [("March 3", "2020-03-03", "day"), ("The next day", "2020-03-04", "day")]


@pytest.mark.parametrize("follow, expected", [
    ("Later that year, the army returned.", ("Later that year", "2015", "year")),
    ("The following month, the army returned.", ("The following month", "2015-07", "month")),
    ("Two weeks later, the army returned.", ("Two weeks later", "2015-06-22", "week")),
    ("Three days earlier, the army had left.", ("Three days earlier", "2015-06-07", "day")),
    ("On that same day, the army returned.", ("that same day", "2015-06-10", "day")),
])
def test_anaphoric_expressions(follow, expected):
    times = values(f"Rebels took the town on June 10, 2015. {follow}", SUNDAY)
    assert times == [("June 10, 2015", "2015-06-10", "day"), expected]


def test_comparisons_count_from_the_time_under_discussion_not_from_each_other():
    text = ("Profit rose in 2019 from a year earlier; sales rose from a year earlier too, and costs "
            "fell two years earlier.")
    assert [t.value for t in find_times(text, SUNDAY)] == ["2019", "2018", "2018", "2017"]


def test_anaphors_without_a_fine_enough_time_before_them_are_dropped():
    assert find_times("The next day, troops left.", SUNDAY) == []
    assert values("Rebels took the town in 2015. The next day, troops left.", SUNDAY) == [("2015", "2015", "year")]
    assert find_times("Talks will continue over the next year.", SUNDAY) == []
    assert find_times("The bridge opened two years later than planned.", SUNDAY) == []
    assert resolve_time("the next day", SUNDAY) == (None, None)


def test_anaphors_in_undated_articles_follow_their_reference():
    text = "Gunmen attacked on Saturday. The next day, police arrived."
    assert [(t.value, t.precision) for t in find_times(text, None)] == [(None, "day"), (None, "day")]
    got = find_times(text, None, window="2020-01-05/2020-01-09")
    assert [(t.text, t.value) for t in got] == [("Saturday", "2020-01-04"), ("The next day", "2020-01-05")]


def test_within_the_unit_of_the_last_time():
    text = "Troops entered the city on Monday. Later in the day, the mayor fled."
    assert values(text, SUNDAY)[1] == ("Later in the day", "2019-12-30", "day")
    assert find_times("They fought in the day and rested at night.", SUNDAY) == []


def test_undated_anaphor_after_a_coarser_time_is_dropped():
    assert values("Gunmen attacked in November. The next day, police arrived.", None) == [
        ("November", None, "month")]


def test_year_end_and_approximate_ago():
    assert values("The mission should end by year-end.", WEDNESDAY) == [("year-end", "2020", "year")]
    assert find_times("Costs rose since year-end.", WEDNESDAY) == []  # which year-end: left out
    assert values("Rebels regrouped a week or so ago.", SUNDAY) == [("a week or so ago", "2019-12-23", "week")]


def test_future_cue_reads_holiday_forward():
    assert one("The militia will march on Christmas Day.", SUNDAY).value == "2020-12-25"


def test_four_digit_clock_times_are_not_years(nlp):
    text = "Shelling went on from 1930 GMT until dawn, starting on Sunday at 5:00pm (1930 IST)."
    assert [t.text for t in find_times(text, SUNDAY)] == ["Sunday"]
    assert [t.text for t in find_times(text, SUNDAY, doc=nlp(text))] == ["Sunday"]
