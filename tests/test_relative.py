"""Time after an event: ``Relative.resolve`` and ``normalize`` of relative phrases.

Counting follows 《民法典》第二百零一条 (the event's day is not counted) and
第二百零三条 (a calendar-day period ending on a non-working day ends on the
next working day). Working days are the official calendar with 调休. The
expected dates below were worked out by hand from the 国务院办公厅 holiday notices:

- 2016 春节: 02-07 … 02-13 off; Sat 02-06 and Sun 02-14 are working days.
- 2016 清明: 04-02 … 04-04 off.  2016 劳动节: 04-30 … 05-02 off, no make-up day.
- 2016 国庆: 10-01 … 10-07 off; Sat 10-08 and Sun 10-09 are working days.
- 2017 元旦: 12-31 … 01-02 off.  2019 端午: Fri 06-07 off, no make-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shixian
from shixian import (
    CalendarOutOfRange,
    NotComputable,
    Offset,
    Part,
    Relative,
    StatuteRef,
    Unit,
    WorkdayCalendar,
)
from shixian.calendar.workdays import OFFICIAL

from .strategies import _num, spaced

D = dt.date
DT = dt.datetime
COVERAGE_FIRST, COVERAGE_LAST = OFFICIAL.coverage()
WEEKENDS_ONLY = WorkdayCalendar(weekends_only=True)
# counts with WEEKENDS_ONLY are provisional and warn; tests/test_notices.py checks the warning
pytestmark = pytest.mark.filterwarnings("ignore::shixian.errors.ProvisionalCalendarWarning")


def part(text: str, reference: str = "2016-09-01") -> Relative:
    result = shixian.normalize(text, reference=reference)
    assert len(result.parts) == 1, result
    (found,) = result.parts
    assert isinstance(found, Relative), found
    return found


def relative(offset: Offset, text: str = "时限") -> Relative:
    return Relative(text=text, span=(0, len(text)), offset=offset)


# -- working days ----------------------------------------------------------------------


def test_fifteen_working_days_after_receiving_an_application() -> None:
    p = part("自收到申请之日起15个工作日内")
    assert p.offset == Offset(15, Unit.WORKDAY)
    assert p.trigger == "收到申请"
    # from Thu 2016-09-29: 09-30 (1), 10-08 Sat (2), 10-09 Sun (3), 10-10 … 10-14 (4–8),
    # 10-17 … 10-21 (9–13), 10-24 (14), 10-25 (15)
    assert p.resolve(D(2016, 9, 29)) == D(2016, 10, 25)


@pytest.mark.parametrize(
    "phrase", ["3个工作日内", "三个工作日内", "最迟不超过3个工作日", "３个工作日内"]
)
def test_three_working_days_over_the_national_day(phrase: str) -> None:
    p = part(phrase)
    assert p.offset == Offset(3, Unit.WORKDAY)
    # 09-30 (1); 10-01 … 10-07 off; 10-08 Sat (2), 10-09 Sun (3): make-up working days
    assert p.resolve(D(2016, 9, 29)) == D(2016, 10, 9)
    # from Fri 09-30: 10-08, 10-09, 10-10
    assert p.resolve(D(2016, 9, 30)) == D(2016, 10, 10)
    # an event on a holiday: counting starts on the next day all the same
    assert p.resolve(D(2016, 10, 3)) == D(2016, 10, 10)


def test_working_days_over_the_spring_festival() -> None:
    p = part("3个工作日内")
    # from Fri 2016-02-05: 02-06 Sat (1), 02-07 … 02-13 off, 02-14 Sun (2), 02-15 Mon (3)
    assert p.resolve(D(2016, 2, 5)) == D(2016, 2, 15)
    # working days are never rolled: a working day is already one
    assert p.resolve(D(2016, 2, 5), roll_to_workday=False) == D(2016, 2, 15)


def test_working_days_with_a_datetime_event_give_a_date() -> None:
    p = part("3个工作日内")
    got = p.resolve(DT(2016, 9, 29, 17, 30))
    assert got == D(2016, 10, 9)
    assert type(got) is dt.date


# -- hours -----------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["24小时内", "二十四小时内", "２４小时内", "24 小时内"])
def test_twenty_four_hours_from_a_datetime(phrase: str) -> None:
    p = part(phrase)
    assert p.offset == Offset(24, Unit.HOUR)
    # 10-01 is a holiday: hours are never rolled
    got = p.resolve(DT(2016, 9, 30, 18, 0))
    assert got == DT(2016, 10, 1, 18, 0)
    assert isinstance(got, dt.datetime)


def test_hours_from_a_date_count_from_its_midnight() -> None:
    p = part("48小时内")
    assert p.resolve(D(2016, 12, 31)) == DT(2017, 1, 2, 0, 0)
    assert p.resolve(DT(2016, 12, 31, 23, 30)) == DT(2017, 1, 2, 23, 30)


# -- calendar days, weeks, months ----------------------------------------------------


@pytest.mark.parametrize(
    "phrase", ["会后3日内", "会后三日内", "会后３日内", "會後3日內", "会后 3 日内"]
)
def test_three_days_after_a_meeting_on_a_thursday(phrase: str) -> None:
    p = part(phrase)
    assert p.offset == Offset(3, Unit.DAY)
    assert p.trigger == "会"
    # Thu 2016-05-05 + 3 = Sun 05-08, a rest day → Mon 05-09
    assert D(2016, 5, 5).weekday() == 3
    assert p.resolve(D(2016, 5, 5)) == D(2016, 5, 9)
    assert p.resolve(D(2016, 5, 5), roll_to_workday=True) == D(2016, 5, 9)
    assert p.resolve(D(2016, 5, 5), roll_to_workday=False) == D(2016, 5, 8)


def test_three_days_ending_in_the_national_day_roll_to_the_make_up_saturday() -> None:
    p = part("会后3日内")
    # Thu 2016-09-29 + 3 = Sun 10-02 (国庆) → first working day: Sat 10-08 (调休上班)
    assert p.resolve(D(2016, 9, 29)) == D(2016, 10, 8)
    assert p.resolve(D(2016, 9, 29), roll_to_workday=False) == D(2016, 10, 2)


def test_three_days_ending_on_a_working_day_are_not_moved() -> None:
    p = part("会后3日内")
    # Mon 2016-05-09 + 3 = Thu 05-12
    assert p.resolve(D(2016, 5, 9)) == D(2016, 5, 12)


def test_twenty_days_after_approval() -> None:
    p = part("批准后二十日内")
    assert p.offset == Offset(20, Unit.DAY) and p.trigger == "批准"
    # 2016-03-14 + 20 = Sun 04-03 (清明 04-02 … 04-04) → Tue 04-05
    assert p.resolve(D(2016, 3, 14)) == D(2016, 4, 5)


def test_two_weeks() -> None:
    p = part("两周内")
    assert p.offset == Offset(2, Unit.WEEK)
    # Fri 2016-09-16 + 14 = Fri 09-30, a working day
    assert p.resolve(D(2016, 9, 16)) == D(2016, 9, 30)
    # Mon 2016-09-19 + 14 = Mon 10-03 (国庆) → Sat 10-08
    assert p.resolve(D(2016, 9, 19)) == D(2016, 10, 8)


def test_months_clamp_to_the_end_of_a_short_month() -> None:
    p = part("批复后3个月内")
    assert p.offset == Offset(3, Unit.MONTH) and p.trigger == "批复"
    # 2016-11-30 + 3 months = 2017-02-28 (Tue, a working day)
    assert p.resolve(D(2016, 11, 30)) == D(2017, 2, 28)
    one = part("一个月内")
    # 2016-01-31 + 1 month = 2016-02-29 (Mon, a working day)
    assert one.resolve(D(2016, 1, 31)) == D(2016, 2, 29)


def test_one_year_after_approval() -> None:
    p = part("批准后1年内")
    assert p.offset == Offset(1, Unit.YEAR)
    # 2016-02-29 + 1 year = 2017-02-28 (Tue)
    assert p.resolve(D(2016, 2, 29)) == D(2017, 2, 28)


@pytest.mark.parametrize("phrase", ["次月10日前", "次月十日前", "次月１０日前", "次月 10 日前"])
def test_the_tenth_of_the_next_month(phrase: str) -> None:
    p = part(phrase)
    assert p.offset == Offset(1, Unit.MONTH, 10)
    # 2016-07-20 → 2016-08-10 (Wed, a working day)
    assert p.resolve(D(2016, 7, 20)) == D(2016, 8, 10)
    # the day is pinned: from 2016-01-31 it is 02-10, not the clamped 02-29
    assert p.resolve(D(2016, 1, 31), roll_to_workday=False) == D(2016, 2, 10)
    # over the year end: 2016-12-15 → 2017-01-10 (Tue)
    assert p.resolve(D(2016, 12, 15)) == D(2017, 1, 10)


def test_the_tenth_of_the_next_month_in_the_spring_festival() -> None:
    p = part("次月10日前")
    # from 2016-01-20 the month reached gives 2016-02-10 …
    assert p.resolve(D(2016, 1, 20), roll_to_workday=False) == D(2016, 2, 10)
    # … a Wednesday in 春节 (02-07 … 02-13 off); as documented in resolve_offset
    # (a month period ending on a rest day, 第二百零三条) it moves to the next
    # working day, Sun 02-14 (调休上班)
    assert p.resolve(D(2016, 1, 20)) == D(2016, 2, 14)


# -- promptly, unknown, out of range ---------------------------------------------------


@pytest.mark.parametrize("phrase", ["及时", "立即", "第一时间", "同步公开", "按时完成"])
def test_promptly_is_the_event_day_itself(phrase: str) -> None:
    p = part(phrase)
    assert p.offset.amount == 0
    # not rolled even on a holiday: the work follows the event at once
    assert p.resolve(D(2016, 10, 1)) == D(2016, 10, 1)
    assert p.resolve(D(2016, 9, 29)) == D(2016, 9, 29)
    assert p.resolve(DT(2016, 10, 1, 9, 30)) == D(2016, 10, 1)


def test_promptly_after_a_named_event() -> None:
    p = part("收到国家税收政策文件后及时转发")
    assert p.offset == Offset(0) and p.trigger == "收到国家税收政策文件"


@pytest.mark.parametrize("phrase", ["在法定期限内", "法定期限内", "在法定时限内"])
def test_an_unknown_statutory_limit_is_not_computable(phrase: str) -> None:
    p = part(phrase)
    assert p.offset.amount is None
    with pytest.raises(NotComputable):
        p.resolve(D(2016, 9, 29))
    with pytest.raises(NotComputable):
        p.resolve(D(2016, 9, 29), calendar=WEEKENDS_ONLY, roll_to_workday=False)
    assert shixian.normalize(phrase, reference="2016-05-01").due is None


def test_an_unknown_law_gives_no_limit() -> None:
    p = part("按《深圳市政务公开办法》规定的时限", "2016-06-30")
    assert p.offset.amount is None
    with pytest.raises(NotComputable):
        p.resolve(D(2016, 9, 29))


def test_working_days_outside_the_official_calendar() -> None:
    p = part("3个工作日内")
    assert COVERAGE_FIRST.year > 1990
    # 1990-01-05 is a Friday: 01-08, 01-09, 01-10
    assert D(1990, 1, 5).weekday() == 4
    with pytest.raises(CalendarOutOfRange):
        p.resolve(D(1990, 1, 5))
    assert p.resolve(D(1990, 1, 5), calendar=WEEKENDS_ONLY) == D(1990, 1, 10)
    # 2100-01-01 is a Friday: 01-04, 01-05, 01-06
    assert COVERAGE_LAST.year < 2100
    assert D(2100, 1, 1).weekday() == 4
    with pytest.raises(CalendarOutOfRange):
        p.resolve(D(2100, 1, 1))
    assert p.resolve(D(2100, 1, 1), calendar=WEEKENDS_ONLY) == D(2100, 1, 6)


def test_the_first_year_after_the_calendar_data() -> None:
    p = part("3个工作日内")
    year = COVERAGE_LAST.year + 1
    event = D(year, 3, 2)
    with pytest.raises(CalendarOutOfRange):
        p.resolve(event)
    got = p.resolve(event, calendar=WEEKENDS_ONLY)
    assert got.weekday() < 5 and got > event


def test_calendar_days_outside_the_calendar_need_it_only_to_roll() -> None:
    p = part("会后3日内")
    # Thu 1990-01-04 + 3 = Sun 01-07
    assert p.resolve(D(1990, 1, 4), roll_to_workday=False) == D(1990, 1, 7)
    with pytest.raises(CalendarOutOfRange):
        p.resolve(D(1990, 1, 4))
    assert p.resolve(D(1990, 1, 4), calendar=WEEKENDS_ONLY) == D(1990, 1, 8)
    # hours and promptly need no calendar at all
    assert part("24小时内").resolve(DT(1990, 1, 4, 8)) == DT(1990, 1, 5, 8)
    assert part("及时").resolve(D(1990, 1, 4)) == D(1990, 1, 4)


# -- statutes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "reference"),
    [
        ("按预算法规定时限", "2016-06-30"),
        ("按预算法规定时限完成", "2016-05-01"),
        ("按《预算法》规定时限完成", "2016-05-01"),
        ("按照预算法规定时限", "2015-01-01"),
        ("按預算法規定時限完成", "2020-03-01"),
    ],
)
def test_budget_law_article_14_sets_twenty_days(phrase: str, reference: str) -> None:
    p = part(phrase, reference)
    assert p.offset == Offset(20, Unit.DAY)
    assert p.trigger == "批准"
    assert p.statute is not None
    assert p.statute.law == "中华人民共和国预算法"
    assert p.statute.article == "第十四条"
    # approved 2016-03-14: + 20 = Sun 04-03 (清明) → Tue 04-05
    assert p.resolve(D(2016, 3, 14)) == D(2016, 4, 5)


@pytest.mark.parametrize("reference", ["2014-12-31", "2010-06-01", "1995-01-01"])
def test_budget_law_before_2015_invents_no_limit(reference: str) -> None:
    # the 20-day rule of 第十四条 is in force from 2015-01-01 only
    p = part("按预算法规定时限", reference)
    assert p.offset.amount is None
    assert p.statute is None or (p.statute.article is None and p.statute.version is None)
    with pytest.raises(NotComputable):
        p.resolve(D(2014, 12, 1))


@pytest.mark.parametrize(
    ("reference", "article", "version"),
    [
        ("2008-05-01", "第十八条", "2007"),
        ("2016-05-01", "第十八条", "2007"),
        ("2019-05-14", "第十八条", "2007"),
        ("2019-05-15", "第二十六条", "2019修订"),
        ("2020-03-01", "第二十六条", "2019修订"),
    ],
)
def test_government_information_regulation_switches_version_on_2019_05_15(
    reference: str, article: str, version: str
) -> None:
    p = part("按《政府信息公开条例》规定的时限", reference)
    assert p.offset == Offset(20, Unit.WORKDAY)
    assert p.statute is not None
    assert p.statute.law == "中华人民共和国政府信息公开条例"
    assert (p.statute.article, p.statute.version) == (article, version)
    assert p.trigger == "形成或者变更"


def test_government_information_twenty_working_days_by_hand() -> None:
    p = part("按照政府信息公开条例规定的时限", "2019-05-15")
    # from Wed 2019-05-15: 05-16, 05-17 (2), 05-20…24 (7), 05-27…31 (12), 06-03…06 (16),
    # 06-07 端午 off, 06-10 (17), 06-11, 06-12, 06-13 (20)
    assert p.resolve(D(2019, 5, 15)) == D(2019, 6, 13)


def test_government_information_regulation_before_2008_invents_no_limit() -> None:
    p = part("按《政府信息公开条例》规定的时限", "2008-04-30")
    assert p.offset.amount is None
    assert p.statute is None or p.statute.article is None


# -- properties --------------------------------------------------------------------------

IN_CALENDAR = st.dates(COVERAGE_FIRST, COVERAGE_LAST - dt.timedelta(days=120))
# two years' margin for offsets of up to 24 months
IN_CALENDAR_2Y = st.dates(COVERAGE_FIRST, COVERAGE_LAST - dt.timedelta(days=800))
# outside the official data, where weekends_only=True falls back to Monday–Friday
OUTSIDE_CALENDAR = st.dates(D(1950, 1, 1), COVERAGE_FIRST - dt.timedelta(days=60)) | st.dates(
    COVERAGE_LAST + dt.timedelta(days=1), D(2150, 12, 31)
)


def brute_workdays(calendar: WorkdayCalendar, start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``, one day at a time."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += calendar.is_workday(day)
    return count


@given(IN_CALENDAR, st.integers(1, 40))
@settings(max_examples=200, deadline=None)
def test_n_working_days_land_on_the_nth_working_day(event: dt.date, n: int) -> None:
    got = relative(Offset(n, Unit.WORKDAY)).resolve(event)
    assert got > event
    assert OFFICIAL.is_workday(got)
    assert brute_workdays(OFFICIAL, event, got) == n
    # the roll flag does not matter for working days
    assert relative(Offset(n, Unit.WORKDAY)).resolve(event, roll_to_workday=False) == got


@given(IN_CALENDAR, st.integers(0, 39))
@settings(max_examples=150, deadline=None)
def test_working_days_are_strictly_increasing_in_n(event: dt.date, n: int) -> None:
    first = relative(Offset(n, Unit.WORKDAY)).resolve(event)
    second = relative(Offset(n + 1, Unit.WORKDAY)).resolve(event)
    assert first < second
    # nothing in between is a working day
    day = first + dt.timedelta(days=1)
    while day < second:
        assert not OFFICIAL.is_workday(day)
        day += dt.timedelta(days=1)


@given(OUTSIDE_CALENDAR, st.integers(1, 30))
@settings(max_examples=150, deadline=None)
def test_weekends_only_counts_monday_to_friday_in_any_year(event: dt.date, n: int) -> None:
    got = relative(Offset(n, Unit.WORKDAY)).resolve(event, calendar=WEEKENDS_ONLY)
    assert got.weekday() < 5
    assert brute_workdays(WEEKENDS_ONLY, event, got) == n


@given(IN_CALENDAR, st.integers(0, 60), st.sampled_from([Unit.DAY, Unit.WEEK]))
@settings(max_examples=200, deadline=None)
def test_calendar_days_with_rolling_land_on_the_next_working_day(
    event: dt.date, n: int, unit: Unit
) -> None:
    amount = n if unit is Unit.DAY else n % 9
    offset = Offset(amount, unit)
    plain = event + dt.timedelta(days=amount * (7 if unit is Unit.WEEK else 1))
    assert relative(offset).resolve(event, roll_to_workday=False) == plain
    rolled = relative(offset).resolve(event)
    if amount == 0:
        assert rolled == event  # promptly: the event itself
        return
    assert OFFICIAL.is_workday(rolled)
    assert rolled >= plain
    day = plain
    while day < rolled:  # every day skipped is a rest day
        assert not OFFICIAL.is_workday(day)
        day += dt.timedelta(days=1)


@given(IN_CALENDAR_2Y, st.integers(1, 24), st.none() | st.integers(1, 31))
@settings(max_examples=200, deadline=None)
def test_months_reach_the_same_or_pinned_day_clamped_then_roll(
    event: dt.date, n: int, day: int | None
) -> None:
    offset = Offset(n, Unit.MONTH, day)
    index = event.year * 12 + event.month - 1 + n
    year, month = divmod(index, 12)
    month += 1
    length = calendar.monthrange(year, month)[1]
    wanted = D(year, month, min(event.day if day is None else day, length))
    assert relative(offset).resolve(event, roll_to_workday=False) == wanted
    rolled = relative(offset).resolve(event)
    assert rolled == OFFICIAL.next_workday(wanted)
    years = relative(Offset(1, Unit.YEAR)).resolve(event, roll_to_workday=False)
    assert (years.year, years.month) == (event.year + 1, event.month)


@given(
    st.datetimes(DT(1950, 1, 1), DT(2150, 1, 1)),
    st.integers(0, 500),
    st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_hours_are_exact_and_never_rolled(event: dt.datetime, n: int, roll: bool) -> None:
    got = relative(Offset(n, Unit.HOUR)).resolve(event, roll_to_workday=roll)
    assert got == event + dt.timedelta(hours=n)
    assert isinstance(got, dt.datetime)


# -- round trips -------------------------------------------------------------------------

UNITS = st.sampled_from(list(Unit))


@st.composite
def offsets(draw: st.DrawFn) -> Offset:
    unit = draw(UNITS)
    amount = draw(st.none() | st.integers(0, 400))
    day = draw(st.none() | st.integers(1, 31)) if unit in (Unit.MONTH, Unit.YEAR) else None
    return Offset(amount, unit, day)


WORDS = st.text(alphabet="收到申请批准复会文件形成或者变更决算通过市人大", min_size=1, max_size=12)


@st.composite
def relatives(draw: st.DrawFn) -> Relative:
    text = draw(WORDS)
    statute = draw(
        st.none()
        | st.builds(
            StatuteRef,
            law=WORDS,
            article=st.none() | st.sampled_from(["第十四条", "第二十六条"]),
            version=st.none() | st.sampled_from(["2007", "2014修正"]),
            quote=st.none() | WORDS,
            source=st.none() | st.just("https://example.org/law"),
        )
    )
    return Relative(
        text=text,
        span=(0, len(text)),
        conditions=tuple(draw(st.lists(WORDS, max_size=2))),
        offset=draw(offsets()),
        trigger=draw(st.none() | WORDS),
        statute=statute,
        extension=draw(st.none() | offsets()),
    )


@given(relatives())
def test_relative_parts_round_trip_through_dicts_and_json(r: Relative) -> None:
    data = r.to_dict()
    assert data["kind"] == "relative"
    assert Part.from_dict(data) == r
    assert Part.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) == r
    assert Offset.from_dict(r.offset.to_dict()) == r.offset


@st.composite
def relative_phrases(draw: st.DrawFn) -> tuple[Offset, str | None, str]:
    """(offset, trigger, phrase): 15个工作日内, 会后三日内, 次月10日前 … in any numerals."""
    n = draw(st.integers(1, 39))
    family = draw(
        st.sampled_from(["wd", "wd-after", "wd-since", "hours", "days-after", "next-month"])
    )
    num = _num(draw, n)
    if family == "wd":
        return Offset(n, Unit.WORKDAY), None, f"{num}个工作日内"
    if family == "wd-after":
        return Offset(n, Unit.WORKDAY), "收到申请", f"收到申请后{num}个工作日内"
    if family == "wd-since":
        return Offset(n, Unit.WORKDAY), "收到申请", f"自收到申请之日起{num}个工作日内"
    if family == "hours":
        return Offset(n, Unit.HOUR), None, f"{num}小时内"
    if family == "days-after":
        return Offset(n, Unit.DAY), "会", f"会后{num}日内"
    d = min(n, 31)
    return Offset(1, Unit.MONTH, d), None, f"次月{_num(draw, d)}日前"


@given(relative_phrases(), st.data(), IN_CALENDAR)
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_relative_phrases_in_any_spelling(
    case: tuple[Offset, str | None, str], data: st.DataObject, event: dt.date
) -> None:
    offset, trigger, clean = case
    text = data.draw(st.sampled_from([clean, data.draw(spaced(clean))]))
    result = shixian.normalize(text, reference="2016-05-01")
    assert len(result.parts) == 1, result
    (p,) = result.parts
    assert isinstance(p, Relative), p
    assert p.offset == offset, text
    assert p.trigger == trigger, text
    assert result.due is None  # the event is outside the text
    assert Part.from_dict(p.to_dict()) == p
    expected = shixian.calendar.workdays.resolve_offset(event, offset)
    assert p.resolve(event) == expected
