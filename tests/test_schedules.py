"""Recurring schedules: occurrences, next due day and RRULEs, by property and by hand.

Conventions (shixian/calendar/recurrence.py, shixian/model/parts.py ``Schedule``): periods are
calendar-aligned (years, half-years from January and July, quarters, months,
旬 1–10/11–20/21–end, ISO weeks Monday–Sunday); ``day=None`` is the period's
end, a day past a month's end clamps to its last day; ``weekday=None`` is
Sunday; an interval counts from ``start`` or else from January of year 0.
Every expected date in the example tests below was worked out by hand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import shixian
from shixian import NotComputable, Occurrence, Schedule

from .strategies import (
    COMPUTABLE_EVERY,
    PERIOD_MONTHS,
    noise,
    schedule_fields,
    schedule_phrases,
    schedules,
    spaced,
)

D = dt.date
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUERY_DAYS = st.dates(D(2004, 1, 1), D(2030, 12, 31))


def make(text: str = "每期", **fields: Any) -> Schedule:
    return Schedule(text=text, span=(0, len(text)), **fields)


def parse(text: str, reference: str = "2016-05-01") -> Schedule:
    """The single schedule ``normalize`` reads in ``text``."""
    result = shixian.normalize(text, reference=reference)
    assert len(result.parts) == 1, result
    (found,) = result.parts
    assert isinstance(found, Schedule), found
    return found


def dues(s: Schedule, lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [o.due for o in s.occurrences(lo, hi)]


def iso(days: list[dt.date]) -> list[str]:
    return [d.isoformat() for d in days]


def last_day(year: int, month: int) -> dt.date:
    return D(year, month, calendar.monthrange(year, month)[1])


def without_position(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("text", "span")}


# -- an independent oracle for interval 1 ------------------------------------------------


def oracle_dues(s: Schedule, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """The due days of an interval-1 schedule in ``lo``–``hi``, by scanning every day.

    Written from the documented conventions only, not from recurrence.py.
    """
    assert s.interval == 1
    out = []
    day = lo
    while day <= hi:
        after_start = s.start is None or day >= s.start
        before_until = s.until is None or day <= s.until
        if _is_due(s, day) and after_start and before_until:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _is_due(s: Schedule, day: dt.date) -> bool:
    every = s.every.value
    in_months = s.months is None or day.month in s.months
    month_end = last_day(day.year, day.month).day
    if every in PERIOD_MONTHS:
        size = PERIOD_MONTHS[every]
        if s.months is not None and size > 1:
            due_month = day.month in s.months
        else:
            due_month = day.month % size == 0 and in_months
        wanted = month_end if s.day is None else min(s.day, month_end)
        return due_month and day.day == wanted
    if every == "tenday":
        return in_months and day.day in (10, 20, month_end)
    if every == "week":
        return in_months and day.weekday() == (6 if s.weekday is None else s.weekday)
    assert every == "day"
    return in_months


def per_year(s: Schedule, year: int) -> int:
    """How many due days an interval-1, unbounded schedule has in ``year``, by the frequency."""
    every = s.every.value
    months = s.months
    if every in PERIOD_MONTHS:
        if months is not None:
            return len(months)
        return 12 // PERIOD_MONTHS[every]
    if every == "tenday":
        return 36 if months is None else 3 * len(months)
    days = [
        D(year, 1, 1) + dt.timedelta(days=i) for i in range(366 if calendar.isleap(year) else 365)
    ]
    if months is not None:
        days = [d for d in days if d.month in months]
    if every == "week":
        weekday = 6 if s.weekday is None else s.weekday
        return sum(d.weekday() == weekday for d in days)
    return len(days)


FREQ_PER_YEAR = {"year": 1, "halfyear": 2, "quarter": 4, "month": 12, "tenday": 36}


# -- properties over schedules built directly ------------------------------------------


@given(schedules(), QUERY_DAYS, st.integers(0, 900))
@SLOW
def test_occurrences_are_ordered_distinct_and_inside_every_bound(
    s: Schedule, lo: dt.date, length: int
) -> None:
    hi = lo + dt.timedelta(days=length)
    found = list(s.occurrences(lo, hi))
    due_days = [o.due for o in found]
    assert due_days == sorted(set(due_days)), "not sorted or not distinct"
    previous: Occurrence | None = None
    for o in found:
        assert isinstance(o, Occurrence)
        assert o.start <= o.due, o
        assert o.end == o.due, o
        assert lo <= o.due <= hi, (o, lo, hi)
        if s.start is not None:
            assert o.due >= s.start, o
        if s.until is not None:
            assert o.due <= s.until, o
        if s.months is not None:
            assert o.due.month in s.months, o
        if previous is not None:
            assert previous.end < o.start, f"windows overlap: {previous} {o}"
        previous = o


@given(schedules(), QUERY_DAYS, st.integers(0, 900))
@SLOW
def test_each_occurrence_has_the_shape_of_its_period(s: Schedule, lo: dt.date, length: int) -> None:
    hi = lo + dt.timedelta(days=length)
    every = s.every.value
    for o in s.occurrences(lo, hi):
        due, start = o.due, o.start
        month_end = last_day(due.year, due.month).day
        if every in PERIOD_MONTHS:
            assert due.day == (month_end if s.day is None else min(s.day, month_end)), o
            assert start.day == 1, o
            if s.months is None:
                assert due.month % PERIOD_MONTHS[every] == 0, o
        elif every == "tenday":
            assert due.day in (10, 20, month_end), o
            if s.interval == 1:
                assert start == D(due.year, due.month, {10: 1, 20: 11}.get(due.day, 21)), o
        elif every == "week":
            # the window begins on a Monday; with an interval it may span several weeks
            assert due.weekday() == (6 if s.weekday is None else s.weekday), o
            assert start.weekday() == 0 and (due - start).days < 7 * s.interval, o
        else:
            assert 0 <= (due - start).days < s.interval, o


@given(schedules(max_interval=1), QUERY_DAYS, st.integers(0, 800))
@SLOW
def test_interval_one_matches_a_day_by_day_oracle(s: Schedule, lo: dt.date, length: int) -> None:
    hi = lo + dt.timedelta(days=length)
    assert dues(s, lo, hi) == oracle_dues(s, lo, hi)


@given(schedules(max_interval=1, bounds=False), st.integers(2000, 2040))
@SLOW
def test_count_per_calendar_year_matches_the_frequency(s: Schedule, year: int) -> None:
    count = len(dues(s, D(year, 1, 1), D(year, 12, 31)))
    assert count == per_year(s, year)
    every = s.every.value
    if s.months is None:
        if every in FREQ_PER_YEAR:
            assert count == FREQ_PER_YEAR[every]
        elif every == "week":
            assert count in (52, 53)
        else:
            assert count == (366 if calendar.isleap(year) else 365)


@st.composite
def interval_schedules(draw: st.DrawFn) -> Schedule:
    fields = draw(schedule_fields(max_interval=6, bounds=False))
    assume(int(fields["interval"]) > 1)  # type: ignore[call-overload]
    fields["months"] = None
    return make(text="每几期", **fields)


@given(interval_schedules(), st.integers(2000, 2040))
@SLOW
def test_count_per_year_with_an_interval_is_the_frequency_divided_by_it(
    s: Schedule, year: int
) -> None:
    k = s.interval
    every = s.every.value
    count = len(dues(s, D(year, 1, 1), D(year, 12, 31)))
    if every in FREQ_PER_YEAR:
        per = FREQ_PER_YEAR[every]
    elif every == "week":
        per = 52
    else:
        per = 365
    assert math.floor(per / k) - 1 <= count <= math.ceil(per / k) + 1, (count, per, k)
    # over k consecutive years every k-th period is exactly the yearly frequency
    total = len(dues(s, D(year, 1, 1), D(year + k - 1, 12, 31)))
    if every in FREQ_PER_YEAR:
        assert total == per, (total, per, k)
    elif every == "week":
        assert total in (52, 53), (total, k)
    else:
        assert total in (365, 366), (total, k)


@given(schedule_fields(max_interval=6), QUERY_DAYS, st.integers(0, 1500))
@SLOW
def test_an_interval_keeps_a_subset_of_the_interval_one_dates(
    fields: dict[str, Any], lo: dt.date, length: int
) -> None:
    hi = lo + dt.timedelta(days=length)
    every_k = make(**fields)
    every_1 = make(**{**fields, "interval": 1})
    assert set(dues(every_k, lo, hi)) <= set(dues(every_1, lo, hi))


@given(schedules(), QUERY_DAYS, st.integers(0, 800), st.integers(0, 800))
@SLOW
def test_splitting_the_query_range_does_not_change_the_dates(
    s: Schedule, lo: dt.date, first: int, second: int
) -> None:
    mid = lo + dt.timedelta(days=first)
    hi = mid + dt.timedelta(days=second)
    whole = dues(s, lo, hi)
    assert whole == dues(s, lo, mid) + dues(s, mid + dt.timedelta(days=1), hi)


@given(schedules(), QUERY_DAYS)
@SLOW
def test_next_due_is_the_first_occurrence_on_or_after(s: Schedule, after: dt.date) -> None:
    # a horizon far longer than any cycle: 12 × interval years past the later of after/start
    base = max(after, s.start or after)
    horizon = base + dt.timedelta(days=366 * 12 * s.interval)
    expected = next(iter(s.occurrences(after, horizon)), None)
    got = s.next_due(after)
    assert got == (None if expected is None else expected.due), (s, after)
    if got is not None:
        assert got >= after


@given(schedules(), QUERY_DAYS, st.integers(1, 30))
@SLOW
def test_rrule_round_trip_gives_the_same_due_days(s: Schedule, dtstart: dt.date, n: int) -> None:
    first = s.next_due(dtstart)
    if first is None or s.to_dict()["rrule"] is None:
        # no occurrence left, or no exact RFC 5545 form (every second 旬)
        with pytest.raises(NotComputable):
            s.to_rrule(dtstart)
        return
    text = s.to_rrule(dtstart)
    head, body = text.splitlines()
    assert head == f"DTSTART;VALUE=DATE:{first:%Y%m%d}"
    assert body == f"RRULE:{s.to_dict()['rrule']}"
    rule = rrulestr(text)
    horizon = first + dt.timedelta(days=366 * 4 * s.interval)
    expected = dues(s, first, horizon)
    got = [
        d.date()
        for d in rule.between(
            dt.datetime.combine(first, dt.time()), dt.datetime.combine(horizon, dt.time()), inc=True
        )
    ]
    assert iso(got) == iso(expected), text
    head_n = [d.date() for d in itertools.islice(rule, n)]
    m = min(n, len(expected))
    assert iso(head_n[:m]) == iso(expected[:m]), text
    if s.until is not None:
        assert iso([d.date() for d in rule]) == iso(dues(s, first, s.until)), text


@given(schedules(), QUERY_DAYS)
@SLOW
def test_rrule_defaults_to_the_schedule_start(s: Schedule, day: dt.date) -> None:
    if s.start is None:
        with pytest.raises(NotComputable):
            s.to_rrule()
        return
    if s.next_due(s.start) is None or s.to_dict()["rrule"] is None:
        return
    assert s.to_rrule() == s.to_rrule(s.start)


@given(schedules())
def test_schedules_round_trip_through_dicts(s: Schedule) -> None:
    assert shixian.Part.from_dict(s.to_dict()) == s
    assert s.computable
    assert s.due is None and s.iso is None


@pytest.mark.parametrize("every", ["irregular", "periodic"])
@pytest.mark.parametrize("text", ["不定期", "定期"])
def test_irregular_and_periodic_schedules_have_no_dates(every: str, text: str) -> None:
    s = make(text=text, every=every, start=D(2017, 1, 1))
    assert not s.computable
    with pytest.raises(NotComputable):
        s.occurrences(D(2016, 1, 1), D(2016, 12, 31))
    with pytest.raises(NotComputable):
        s.next_due(D(2016, 1, 1))
    with pytest.raises(NotComputable):
        s.to_rrule(D(2016, 1, 1))
    with pytest.raises(NotComputable):
        s.to_rrule()
    assert s.to_dict()["rrule"] is None
    assert shixian.Part.from_dict(s.to_dict()) == s


@pytest.mark.parametrize(
    ("phrase", "every"),
    [
        ("不定期", "irregular"),
        ("不定期公开", "irregular"),
        ("定期", "periodic"),
        ("定期发布", "periodic"),
    ],
)
def test_irregular_and_periodic_phrases_have_no_dates(phrase: str, every: str) -> None:
    result = shixian.normalize(phrase, reference="2016-05-01")
    (s,) = result.parts
    assert isinstance(s, Schedule)
    assert s.every.value == every
    assert not s.computable
    assert s.to_dict()["rrule"] is None
    assert result.due is None
    for call in (
        lambda: s.occurrences(D(2016, 1, 1), D(2016, 12, 31)),
        lambda: s.next_due(D(2016, 1, 1)),
        lambda: s.to_rrule(D(2016, 1, 1)),
    ):
        with pytest.raises(NotComputable):
            call()


# -- properties over phrases -------------------------------------------------------------


@given(schedule_phrases(), st.data())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_surface_form_gives_the_schedule_built_directly(
    case: tuple[dict[str, Any], str], data: st.DataObject
) -> None:
    fields, clean = case
    text = data.draw(st.sampled_from([clean, data.draw(spaced(clean)), data.draw(noise(clean))]))
    result = shixian.normalize(text, reference="2016-05-01")
    assert len(result.parts) == 1, result
    (part,) = result.parts
    assert isinstance(part, Schedule), part
    expected = make(**fields)
    assert without_position(part.to_dict()) == without_position(expected.to_dict()), text
    # and therefore the same dates
    assert dues(part, D(2016, 1, 1), D(2019, 12, 31)) == dues(
        expected, D(2016, 1, 1), D(2019, 12, 31)
    )


@given(schedule_phrases(), st.dates(D(2005, 1, 1), D(2030, 12, 31)))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_normalized_due_of_a_schedule_is_its_next_due_on_or_after_the_reference(
    case: tuple[dict[str, Any], str], reference: dt.date
) -> None:
    fields, text = case
    result = shixian.normalize(text, reference=reference)
    expected = make(**fields)
    # the first due on/after the reference, looked for far enough (past any start)
    base = max(reference, expected.start or reference)
    horizon = base + dt.timedelta(days=366 * 12 * expected.interval)
    first = next(iter(expected.occurrences(reference, horizon)), None)
    assert result.due == (None if first is None else first.due), (text, reference)
    assert result.to_dict()["due"] == (None if first is None else first.due.isoformat())


# -- examples worked out by hand ---------------------------------------------------------


def test_quarterly_in_2016() -> None:
    expected = ["2016-03-31", "2016-06-30", "2016-09-30", "2016-12-31"]
    s = make(text="每季度", every="quarter")
    assert iso(dues(s, D(2016, 1, 1), D(2016, 12, 31))) == expected
    parsed = parse("每季度")
    assert iso(dues(parsed, D(2016, 1, 1), D(2016, 12, 31))) == expected
    windows = [
        (o.start.isoformat(), o.end.isoformat())
        for o in s.occurrences(D(2016, 1, 1), D(2016, 12, 31))
    ]
    assert windows == [
        ("2016-01-01", "2016-03-31"), ("2016-04-01", "2016-06-30"),
        ("2016-07-01", "2016-09-30"), ("2016-10-01", "2016-12-31"),
    ]  # fmt: skip


def test_quarterly_rrule() -> None:
    s = make(text="每季度", every="quarter")
    assert s.to_rrule(D(2016, 1, 1)) == (
        "DTSTART;VALUE=DATE:20160331\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
    )


def test_monthly_by_the_tenth_in_february_2016() -> None:
    s = parse("每月10日前")
    assert list(s.occurrences(D(2016, 2, 1), D(2016, 2, 29))) == [
        Occurrence(D(2016, 2, 1), D(2016, 2, 10), D(2016, 2, 10))
    ]
    # the due day of January lies before the range, March's after it
    assert iso(dues(s, D(2016, 1, 11), D(2016, 3, 9))) == ["2016-02-10"]


def test_tenday_in_february_2016() -> None:
    s = parse("每旬")
    assert list(s.occurrences(D(2016, 2, 1), D(2016, 2, 29))) == [
        Occurrence(D(2016, 2, 1), D(2016, 2, 10), D(2016, 2, 10)),
        Occurrence(D(2016, 2, 11), D(2016, 2, 20), D(2016, 2, 20)),
        Occurrence(D(2016, 2, 21), D(2016, 2, 29), D(2016, 2, 29)),  # leap year
    ]
    assert iso(dues(s, D(2015, 2, 21), D(2015, 2, 28))) == ["2015-02-28"]


def test_weekly_by_friday_in_the_week_of_2016_10_03() -> None:
    s = parse("每周五前")
    # 2016-10-03 is a Monday; that week's Friday is 10-07
    assert list(s.occurrences(D(2016, 10, 3), D(2016, 10, 9))) == [
        Occurrence(D(2016, 10, 3), D(2016, 10, 7), D(2016, 10, 7))
    ]
    assert s.next_due(D(2016, 10, 8)) == D(2016, 10, 14)


def test_weekly_without_a_weekday_is_due_on_sunday() -> None:
    s = parse("每周")
    assert iso(dues(s, D(2016, 10, 3), D(2016, 10, 9))) == ["2016-10-09"]


def test_every_two_months_from_january_2016() -> None:
    # periods of two months from 2016-01-01: Jan–Feb, Mar–Apr, …; each due at its end
    s = make(text="每两个月", every="month", interval=2, start=D(2016, 1, 1))
    got = [
        (o.start.isoformat(), o.due.isoformat())
        for o in s.occurrences(D(2016, 1, 1), D(2016, 12, 31))
    ]
    assert got == [
        ("2016-01-01", "2016-02-29"), ("2016-03-01", "2016-04-30"), ("2016-05-01", "2016-06-30"),
        ("2016-07-01", "2016-08-31"), ("2016-09-01", "2016-10-31"), ("2016-11-01", "2016-12-31"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "same_as"), [("每三个月", "每季度"), ("每六个月", "每半年"), ("每十二个月", "每年")]
)
def test_n_months_from_year_zero_fall_on_the_period_ends(phrase: str, same_as: str) -> None:
    # counted from January of year 0, 3-month periods are the quarters: due 3-31, 6-30 …
    s = parse(phrase)
    other = parse(same_as)
    assert iso(dues(s, D(2016, 1, 1), D(2017, 12, 31))) == iso(
        dues(other, D(2016, 1, 1), D(2017, 12, 31))
    )


def test_every_two_tendays_is_every_other_tenday() -> None:
    s = parse("每两旬")
    assert (s.every.value, s.interval) == ("tenday", 2)
    # 36 旬 a year, every other one: 18
    assert len(dues(s, D(2016, 1, 1), D(2016, 12, 31))) == 18


def test_rrule_keeps_the_interval_of_a_quarterly_schedule_with_months() -> None:
    s = parse("每两个季度首月15日前")
    assert (s.every.value, s.interval, s.months, s.day) == ("quarter", 2, (1, 4, 7, 10), 15)
    expected = dues(s, D(2016, 1, 1), D(2017, 12, 31))
    rule = rrulestr(s.to_rrule(D(2016, 1, 1)))
    got = [
        d.date() for d in rule.between(dt.datetime(2016, 1, 1), dt.datetime(2017, 12, 31), inc=True)
    ]
    assert iso(got) == iso(expected)


def test_rrule_keeps_the_interval_of_a_yearly_schedule_with_two_months() -> None:
    s = make(text="每两年6月、12月", every="year", interval=2, months=(6, 12))
    expected = dues(s, D(2016, 1, 1), D(2019, 12, 31))
    rule = rrulestr(s.to_rrule(D(2016, 1, 1)))
    got = [
        d.date() for d in rule.between(dt.datetime(2016, 1, 1), dt.datetime(2019, 12, 31), inc=True)
    ]
    assert iso(got) == iso(expected)


def test_yearly_by_january_31() -> None:
    s = parse("每年1月31日前")
    assert s.next_due(D(2016, 5, 1)) == D(2017, 1, 31)
    assert s.next_due(D(2017, 1, 31)) == D(2017, 1, 31)
    assert s.next_due(D(2017, 2, 1)) == D(2018, 1, 31)
    assert shixian.normalize("每年1月31日前", reference="2016-05-01").due == D(2017, 1, 31)


def test_yearly_by_end_of_march() -> None:
    result = shixian.normalize("每年3月底前", reference="2016-05-01")
    assert result.due == D(2017, 3, 31)
    assert shixian.normalize("每年3月底前", reference="2016-03-31").due == D(2016, 3, 31)


def test_normalized_due_is_the_next_due_on_or_after_the_reference() -> None:
    assert shixian.normalize("每季度", reference="2016-06-30").due == D(2016, 6, 30)
    assert shixian.normalize("每季度", reference="2016-07-01").due == D(2016, 9, 30)
    assert shixian.normalize("每月10日前", reference="2016-05-11").due == D(2016, 6, 10)
    assert shixian.normalize("每周五前", reference="2016-10-08").due == D(2016, 10, 14)
    assert shixian.normalize("每旬", reference="2016-02-21").due == D(2016, 2, 29)


def test_day_31_clamps_to_the_end_of_short_months() -> None:
    s = parse("每月31日前")
    assert iso(dues(s, D(2016, 1, 1), D(2016, 4, 30))) == [
        "2016-01-31", "2016-02-29", "2016-03-31", "2016-04-30",
    ]  # fmt: skip
    feb = parse("每年2月29日前")
    assert iso(dues(feb, D(2016, 1, 1), D(2020, 12, 31))) == [
        "2016-02-29", "2017-02-28", "2018-02-28", "2019-02-28", "2020-02-29",
    ]  # fmt: skip


def test_first_month_of_each_quarter_by_the_15th() -> None:
    s = parse("每季度首月15日前")
    assert iso(dues(s, D(2016, 1, 1), D(2016, 12, 31))) == [
        "2016-01-15", "2016-04-15", "2016-07-15", "2016-10-15",
    ]  # fmt: skip


def test_halfyearly() -> None:
    s = parse("每半年")
    assert iso(dues(s, D(2016, 1, 1), D(2016, 12, 31))) == ["2016-06-30", "2016-12-31"]


def test_season_months_only() -> None:
    s = parse("流行季节(4—10月)每月", "2016-06-30")
    assert s.months == (4, 5, 6, 7, 8, 9, 10)
    assert iso(dues(s, D(2016, 1, 1), D(2016, 12, 31))) == [
        "2016-04-30", "2016-05-31", "2016-06-30", "2016-07-31",
        "2016-08-31", "2016-09-30", "2016-10-31",
    ]  # fmt: skip
    assert s.next_due(D(2016, 11, 1)) == D(2017, 4, 30)


def test_from_2016_quarterly_starts_in_2016() -> None:
    s = parse("自2016年起每季度", "2016-06-30")
    assert (s.start, s.until) == (D(2016, 1, 1), None)
    assert iso(dues(s, D(2015, 1, 1), D(2016, 6, 30))) == ["2016-03-31", "2016-06-30"]
    assert s.next_due(D(2015, 6, 1)) == D(2016, 3, 31)


def test_year_range_yearly_ends_with_its_last_year() -> None:
    s = parse("2016—2018年每年")
    assert iso(dues(s, D(2000, 1, 1), D(2030, 12, 31))) == [
        "2016-12-31", "2017-12-31", "2018-12-31",
    ]  # fmt: skip
    assert s.next_due(D(2019, 1, 1)) is None
    assert "UNTIL=20181231" in s.to_rrule(D(2016, 1, 1))


def test_next_due_of_a_schedule_that_starts_years_later() -> None:
    # 自2030年起每季度: the first quarter of 2030 ends on 2030-03-31
    s = parse("自2030年起每季度")
    assert s.next_due(D(2016, 5, 1)) == D(2030, 3, 31)
    assert make(every="year", start=D(2020, 1, 1)).next_due(D(2016, 5, 1)) == D(2020, 12, 31)


def test_rrule_of_a_schedule_that_starts_years_later() -> None:
    s = parse("自2030年起每季度")
    assert s.to_rrule(D(2016, 5, 1)).startswith("DTSTART;VALUE=DATE:20300331")


@pytest.mark.parametrize(
    ("phrase", "due"),
    [("自2030年起每季度", D(2030, 3, 31)), ("2020—2022年每年", D(2020, 12, 31))],
)
def test_normalized_due_of_a_schedule_that_starts_years_later(phrase: str, due: dt.date) -> None:
    assert shixian.normalize(phrase, reference="2016-05-01").due == due


@pytest.mark.parametrize(
    "phrase",
    ["每月10日前", "每月十日前", "每月１０日前", "每月 10 日前", "每 月 十 日 前", "每月10号前"],
)
def test_surface_forms_of_monthly_by_the_tenth(phrase: str) -> None:
    part = parse(phrase)
    assert without_position(part.to_dict()) == without_position(
        make(every="month", day=10).to_dict()
    )


@pytest.mark.parametrize("every", COMPUTABLE_EVERY)
def test_every_computable_frequency_has_an_rrule_in_its_dict(every: str) -> None:
    s = make(every=every)
    assert s.to_dict()["rrule"]


def test_schedules_without_an_exact_rrule_say_so() -> None:
    """Every second 旬 has no RFC 5545 form: the RRULE is None and to_rrule() refuses."""
    s = shixian.normalize("每两旬", reference="2016-05-01").parts[0]
    assert isinstance(s, Schedule)
    assert s.to_dict()["rrule"] is None
    with pytest.raises(NotComputable, match="RFC 5545"):
        s.to_rrule(dt.date(2016, 1, 1))
    # the occurrences are still computed: 18 in a year, each due at the end of a pair of 旬
    dues = [o.due for o in s.occurrences(dt.date(2016, 1, 1), dt.date(2016, 12, 31))]
    assert len(dues) == 18
    assert dues[:2] == [dt.date(2016, 1, 20), dt.date(2016, 2, 10)]
