"""The working-day calendar and resolve_offset, against the official holiday notices.

Expected values are worked out by hand from the 国务院办公厅 notices, not from the code:

- 2016 端午节 (国办发明电〔2015〕18号): 6-09..6-11 off; 6-12 (Sun) 上班.
- 2016 中秋节: 9-15..9-17 off; 9-18 (Sun) 上班.
- 2016 国庆节: 10-01..10-07 off; 10-08 (Sat) and 10-09 (Sun) 上班.
- 2017 元旦: 2016-12-31..2017-01-02 off.
- 2017 春节 (国办发明电〔2016〕17号): 1-27..2-02 off; 1-22 (Sun) and 2-04 (Sat) 上班.
- 2019 国庆节: 10-01..10-07 off; 9-29 (Sun) and 10-12 (Sat) 上班.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shixian.calendar.workdays import OFFICIAL, WorkdayCalendar, resolve_offset
from shixian.errors import CalendarOutOfRange, NotComputable, ShixianError
from shixian.model import Offset, Unit

D = dt.date

# -- is_workday against the notices -----------------------------------------------------

OFF = [
    D(2016, 6, 9),  # Thu, 端午
    D(2016, 6, 10),
    D(2016, 9, 15),  # Thu, 中秋
    D(2016, 9, 16),
    D(2016, 10, 3),  # Mon, 国庆
    D(2016, 10, 7),  # Fri, 国庆
    D(2016, 10, 1),  # Sat inside the block
    D(2017, 1, 2),  # Mon, 元旦 (in lieu)
    D(2017, 1, 27),  # Fri, 除夕
    D(2017, 1, 30),  # Mon, 春节
    D(2017, 2, 2),  # Thu, 春节
    D(2016, 10, 15),  # an ordinary Saturday
    D(2016, 10, 16),  # an ordinary Sunday
    D(2019, 10, 1),
]
ON = [
    D(2016, 6, 12),  # Sun, 端午调休上班
    D(2016, 9, 18),  # Sun, 中秋调休上班
    D(2016, 9, 30),  # Fri, ordinary
    D(2016, 10, 8),  # Sat, 国庆调休上班
    D(2016, 10, 9),  # Sun, 国庆调休上班
    D(2016, 10, 10),  # Mon
    D(2017, 1, 3),  # Tue
    D(2017, 1, 22),  # Sun, 春节调休上班
    D(2017, 1, 26),  # Thu before 除夕
    D(2017, 2, 3),  # Fri after 春节
    D(2017, 2, 4),  # Sat, 春节调休上班
    D(2019, 9, 29),  # Sun, 国庆调休上班
    D(2019, 10, 12),  # Sat, 国庆调休上班
]


@pytest.mark.parametrize("day", OFF, ids=str)
def test_official_day_off(day: dt.date) -> None:
    assert not OFFICIAL.is_workday(day)


@pytest.mark.parametrize("day", ON, ids=str)
def test_official_working_day(day: dt.date) -> None:
    assert OFFICIAL.is_workday(day)


def test_datetime_counts_as_its_date() -> None:
    assert OFFICIAL.is_workday(dt.datetime(2016, 10, 8, 9, 30))
    assert not OFFICIAL.is_workday(dt.datetime(2016, 10, 7, 9, 30))


# -- counting working days --------------------------------------------------------------

ADD_WORKDAYS = [
    # start, n, expected (worked by hand; the start day is never counted)
    (D(2016, 9, 29), 0, D(2016, 9, 29)),
    (D(2016, 9, 29), 1, D(2016, 9, 30)),
    (D(2016, 9, 29), 2, D(2016, 10, 8)),  # 10-01..07 off, 10-08 Sat 上班
    (D(2016, 9, 29), 3, D(2016, 10, 9)),  # 10-09 Sun 上班
    (D(2016, 9, 30), 1, D(2016, 10, 8)),
    (D(2016, 10, 1), 1, D(2016, 10, 8)),  # counted from inside the holiday
    (D(2016, 9, 28), 20, D(2016, 10, 31)),
    (D(2017, 1, 20), 1, D(2017, 1, 22)),  # Sat 1-21 off, Sun 1-22 上班
    (D(2017, 1, 25), 1, D(2017, 1, 26)),
    (D(2017, 1, 25), 2, D(2017, 2, 3)),  # 1-27..2-02 off
    (D(2017, 1, 25), 3, D(2017, 2, 4)),  # 2-04 Sat 上班
    (D(2017, 1, 25), 4, D(2017, 2, 6)),  # 2-05 Sun off
    (D(2017, 1, 20), 15, D(2017, 2, 15)),  # 政府信息公开 2007: 15 WD
    (D(2019, 9, 27), 20, D(2019, 10, 30)),  # 政府信息公开 2019: 20 WD
    (D(2016, 10, 9), -1, D(2016, 10, 8)),
    (D(2016, 10, 8), -1, D(2016, 9, 30)),
]


@pytest.mark.parametrize(("start", "n", "expected"), ADD_WORKDAYS, ids=lambda v: str(v))
def test_add_workdays(start: dt.date, n: int, expected: dt.date) -> None:
    assert OFFICIAL.add_workdays(start, n) == expected


@pytest.mark.parametrize(("start", "n", "expected"), ADD_WORKDAYS, ids=lambda v: str(v))
def test_workdays_between_inverts_add_workdays(start: dt.date, n: int, expected: dt.date) -> None:
    assert OFFICIAL.workdays_between(start, expected) == n


def test_next_and_previous_workday() -> None:
    assert OFFICIAL.next_workday(D(2016, 10, 1)) == D(2016, 10, 8)
    assert OFFICIAL.next_workday(D(2017, 1, 27)) == D(2017, 2, 3)
    assert OFFICIAL.next_workday(D(2016, 9, 30)) == D(2016, 9, 30)
    assert OFFICIAL.previous_workday(D(2016, 10, 7)) == D(2016, 9, 30)
    assert OFFICIAL.previous_workday(D(2017, 1, 24)) == D(2017, 1, 24)


def test_coverage_is_whole_years_from_2004() -> None:
    first, last = OFFICIAL.coverage()
    assert first == D(2004, 1, 1)
    assert (last.month, last.day) == (12, 31)
    assert last.year >= 2025


# -- resolve_offset ---------------------------------------------------------------------

RESOLVE = [
    # event, offset, expected (roll_to_workday=True)
    (D(2016, 9, 20), Offset(20, Unit.DAY), D(2016, 10, 10)),  # a Monday
    (D(2016, 9, 11), Offset(20, Unit.DAY), D(2016, 10, 8)),  # 10-01 国庆 → 10-08 (Sat 上班)
    (D(2016, 9, 17), Offset(20, Unit.DAY), D(2016, 10, 8)),  # 10-07 国庆 → 10-08
    (D(2017, 1, 10), Offset(20, Unit.DAY), D(2017, 2, 3)),  # 1-30 春节 → 2-03
    (D(2016, 8, 7), Offset(20, Unit.DAY), D(2016, 8, 29)),  # Sat 8-27 → Mon 8-29
    (D(2016, 9, 29), Offset(3, Unit.WORKDAY), D(2016, 10, 9)),
    (D(2016, 9, 23), Offset(2, Unit.WEEK), D(2016, 10, 8)),  # 10-07 → 10-08
    (D(2016, 1, 31), Offset(1, Unit.MONTH), D(2016, 2, 29)),  # clamped, a Monday
    (D(2016, 7, 20), Offset(1, Unit.MONTH, day=10), D(2016, 8, 10)),  # 次月10日前
    (D(2016, 5, 20), Offset(1, Unit.MONTH, day=10), D(2016, 6, 12)),  # 6-10 端午 → 6-12 (Sun)
    (D(2016, 1, 15), Offset(1, Unit.MONTH, day=31), D(2016, 2, 29)),  # day clamped
    (D(2016, 2, 29), Offset(1, Unit.YEAR), D(2017, 2, 28)),  # Feb 29 clamped, a Tuesday
    (D(2016, 10, 3), Offset(0, Unit.DAY), D(2016, 10, 3)),  # 及时: the event day, not rolled
    (D(2016, 10, 3), Offset(0, Unit.WORKDAY), D(2016, 10, 3)),
]


@pytest.mark.parametrize(("event", "offset", "expected"), RESOLVE, ids=lambda v: str(v))
def test_resolve_offset(event: dt.date, offset: Offset, expected: dt.date) -> None:
    assert resolve_offset(event, offset) == expected


def test_resolve_without_rolling() -> None:
    assert resolve_offset(D(2016, 9, 11), Offset(20), roll_to_workday=False) == D(2016, 10, 1)
    # working days are working days whatever roll_to_workday says
    assert resolve_offset(D(2016, 9, 29), Offset(3, Unit.WORKDAY), roll_to_workday=False) == D(
        2016, 10, 9
    )


def test_resolve_hours() -> None:
    assert resolve_offset(dt.datetime(2016, 9, 30, 18, 0), Offset(48, Unit.HOUR)) == dt.datetime(
        2016, 10, 2, 18, 0
    )
    assert resolve_offset(D(2016, 9, 30), Offset(24, Unit.HOUR)) == dt.datetime(2016, 10, 1, 0, 0)
    assert resolve_offset(D(2016, 9, 30), Offset(0, Unit.HOUR)) == dt.datetime(2016, 9, 30)


def test_resolve_datetime_event_with_days_gives_a_date() -> None:
    got = resolve_offset(dt.datetime(2016, 9, 29, 23, 0), Offset(3, Unit.WORKDAY))
    assert got == D(2016, 10, 9)
    assert not isinstance(got, dt.datetime)


def test_resolve_unknown_amount_is_not_computable() -> None:
    with pytest.raises(NotComputable):
        resolve_offset(D(2016, 9, 29), Offset(None))


@pytest.mark.parametrize(
    "offset",
    [Offset(-1, Unit.DAY), Offset(1, Unit.DAY, day=10), Offset(1, Unit.MONTH, day=32)],
    ids=str,
)
def test_resolve_rejects_nonsense(offset: Offset) -> None:
    with pytest.raises(ShixianError):
        resolve_offset(D(2016, 9, 29), offset)


def test_resolve_uses_the_given_calendar() -> None:
    cal = WorkdayCalendar(holidays=[D(2016, 9, 30)])
    assert resolve_offset(D(2016, 9, 29), Offset(1, Unit.WORKDAY), calendar=cal) == D(2016, 10, 8)


# -- outside the official data ----------------------------------------------------------


def test_out_of_range_raises() -> None:
    first, last = OFFICIAL.coverage()
    for day in (first - dt.timedelta(days=1), last + dt.timedelta(days=1), D(1999, 6, 1)):
        with pytest.raises(CalendarOutOfRange) as info:
            OFFICIAL.is_workday(day)
        assert info.value.first == first and info.value.last == last


def test_count_running_out_of_range_raises() -> None:
    _, last = OFFICIAL.coverage()
    with pytest.raises(CalendarOutOfRange):
        OFFICIAL.add_workdays(last - dt.timedelta(days=3), 10)
    with pytest.raises(CalendarOutOfRange):
        resolve_offset(last - dt.timedelta(days=3), Offset(10, Unit.WORKDAY))


def test_day_offset_without_rolling_needs_no_calendar() -> None:
    assert resolve_offset(D(2040, 1, 1), Offset(20), roll_to_workday=False) == D(2040, 1, 21)


@pytest.mark.filterwarnings("ignore::shixian.errors.ProvisionalCalendarWarning")
def test_weekends_only_outside_range() -> None:
    cal = WorkdayCalendar(weekends_only=True)
    assert cal.is_workday(D(2003, 6, 2))  # Monday
    assert not cal.is_workday(D(2003, 6, 1))  # Sunday
    assert cal.add_workdays(D(2030, 1, 4), 1) == D(2030, 1, 7)  # Fri → Mon
    # inside the data it still follows the notices
    assert not cal.is_workday(D(2016, 10, 3))
    assert cal.is_workday(D(2016, 10, 8))


def test_caller_sets_decide_outside_range() -> None:
    cal = WorkdayCalendar(holidays=[D(2030, 1, 1)], workdays=[D(2030, 1, 5)])
    assert not cal.is_workday(D(2030, 1, 1))
    assert cal.is_workday(D(2030, 1, 5))  # a Saturday
    with pytest.raises(CalendarOutOfRange):
        cal.is_workday(D(2030, 1, 2))


def test_caller_sets_override_official_data() -> None:
    cal = WorkdayCalendar(holidays=[D(2016, 9, 30)], workdays=[D(2016, 10, 3)])
    assert not cal.is_workday(D(2016, 9, 30))
    assert cal.is_workday(D(2016, 10, 3))
    assert cal.add_workdays(D(2016, 9, 29), 1) == D(2016, 10, 3)


def test_unofficial_calendar_is_monday_to_friday() -> None:
    cal = WorkdayCalendar(official=False)
    assert cal.is_workday(D(2016, 10, 3))  # 国庆 Monday, but no notices used
    assert not cal.is_workday(D(2016, 10, 8))
    assert cal.is_workday(D(1990, 1, 1))


def test_a_day_cannot_be_both() -> None:
    with pytest.raises(ShixianError):
        WorkdayCalendar(holidays=[D(2016, 10, 3)], workdays=[D(2016, 10, 3)])


def test_datetimes_in_caller_sets_count_as_dates() -> None:
    cal = WorkdayCalendar(holidays=[dt.datetime(2016, 9, 30, 12, 0)])
    assert not cal.is_workday(D(2016, 9, 30))


def test_calendar_is_frozen_and_hashable() -> None:
    cal = WorkdayCalendar(holidays=[D(2016, 9, 30)])
    assert cal == WorkdayCalendar(holidays=(D(2016, 9, 30),))
    assert hash(cal) == hash(WorkdayCalendar(holidays={D(2016, 9, 30)}))
    with pytest.raises(AttributeError):
        cal.official = False  # type: ignore[misc]


# -- import cost and speed ---------------------------------------------------------------


def test_import_does_not_load_chinese_calendar() -> None:
    code = "import sys, shixian.calendar.workdays; print('chinese_calendar' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_twenty_workdays_step_over_few_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting work, not time: 20 working days after 2016-09-28 (the National Day
    week in between, 10-08 and 10-09 worked) look at each day once, 09-29 … 10-31."""
    looked: list[dt.date] = []
    real = WorkdayCalendar.is_workday

    def counting(self: WorkdayCalendar, day: dt.date) -> bool:
        looked.append(day)
        return real(self, day)

    monkeypatch.setattr(WorkdayCalendar, "is_workday", counting)
    assert OFFICIAL.add_workdays(D(2016, 9, 28), 20) == D(2016, 10, 31)
    assert looked == [D(2016, 9, 29) + dt.timedelta(days=i) for i in range(33)]


# -- properties -------------------------------------------------------------------------

# ends early enough that 24 months or 60 working days later is still in the data
IN_RANGE = st.dates(min_value=D(2004, 1, 1), max_value=D(2024, 6, 30))
OUT_OF_RANGE = st.one_of(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2003, 12, 31)),
    st.dates(min_value=D(2100, 1, 1), max_value=D(2200, 12, 31)),
)


def _statutory_holidays() -> frozenset[dt.date]:
    from chinese_calendar import constants

    return frozenset(constants.holidays)


@given(start=IN_RANGE, n=st.integers(min_value=1, max_value=60))
def test_n_workdays_lands_on_a_working_day(start: dt.date, n: int) -> None:
    end = OFFICIAL.add_workdays(start, n)
    assert end > start
    assert OFFICIAL.is_workday(end)
    assert end not in _statutory_holidays()
    assert OFFICIAL.workdays_between(start, end) == n


@given(start=IN_RANGE, n=st.integers(min_value=0, max_value=40))
def test_workday_count_is_strictly_increasing(start: dt.date, n: int) -> None:
    assert OFFICIAL.add_workdays(start, n) < OFFICIAL.add_workdays(start, n + 1)
    a = resolve_offset(start, Offset(n, Unit.WORKDAY))
    b = resolve_offset(start, Offset(n + 1, Unit.WORKDAY))
    assert a < b


@given(start=IN_RANGE, n=st.integers(min_value=1, max_value=60))
def test_rolled_calendar_days_land_on_the_first_working_day(start: dt.date, n: int) -> None:
    plain = start + dt.timedelta(days=n)
    end = resolve_offset(start, Offset(n, Unit.DAY))
    assert isinstance(end, dt.date)
    assert OFFICIAL.is_workday(end)
    assert end >= plain
    day = plain
    while day < end:  # every day skipped was a day off
        assert not OFFICIAL.is_workday(day)
        day += dt.timedelta(days=1)


@given(start=IN_RANGE, n=st.integers(min_value=1, max_value=24))
def test_rolled_months_land_on_a_working_day(start: dt.date, n: int) -> None:
    end = resolve_offset(start, Offset(n, Unit.MONTH))
    assert isinstance(end, dt.date)
    assert OFFICIAL.is_workday(end)


@given(day=OUT_OF_RANGE)
def test_out_of_range_years_raise(day: dt.date) -> None:
    with pytest.raises(CalendarOutOfRange):
        OFFICIAL.is_workday(day)


@pytest.mark.filterwarnings("ignore::shixian.errors.ProvisionalCalendarWarning")
@given(day=OUT_OF_RANGE)
def test_weekends_only_counts_monday_to_friday(day: dt.date) -> None:
    assert WorkdayCalendar(weekends_only=True).is_workday(day) == (day.weekday() < 5)


@given(day=st.one_of(IN_RANGE, OUT_OF_RANGE))
def test_caller_sets_always_win(day: dt.date) -> None:
    assert not WorkdayCalendar(holidays=[day]).is_workday(day)
    assert WorkdayCalendar(workdays=[day]).is_workday(day)


@pytest.mark.filterwarnings("ignore::shixian.errors.ProvisionalCalendarWarning")
@settings(max_examples=50)
@given(start=st.dates(min_value=D(2030, 1, 1), max_value=D(2090, 1, 1)), n=st.integers(1, 30))
def test_weekends_only_counts_outside_range(start: dt.date, n: int) -> None:
    end = WorkdayCalendar(weekends_only=True).add_workdays(start, n)
    assert end.weekday() < 5
    weekdays = sum(
        (start + dt.timedelta(days=i)).weekday() < 5 for i in range(1, (end - start).days + 1)
    )
    assert weekdays == n
