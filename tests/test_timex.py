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
