"""The words of duties: limits before an event, same-day limits, extensions, schedule due points.

Expected days are worked out by hand from the official holiday notices (2016: 国庆节
10-01..10-07, 10-08 and 10-09 working; 2017: 9-30, a Saturday, working).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shixian
from shixian import NotComputable, Offset, Part, Relative, Schedule, WorkdayCalendar
from shixian.calendar.workdays import OFFICIAL

from .conftest import ROOT
from .strategies import schedule_fields

D = dt.date
REF = D(2016, 5, 1)
SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def one(text: str, reference: dt.date = REF) -> Part:
    parts = shixian.normalize(text, reference=reference).parts
    assert len(parts) == 1, parts
    return parts[0]


def dues(s: Schedule, lo: dt.date, hi: dt.date, **kw: Any) -> list[dt.date]:
    return [o.due for o in s.occurrences(lo, hi, **kw)]


# -- limits before an event --------------------------------------------------------------


def test_before_event_counts_back_and_rolls_to_the_working_day_before() -> None:
    r = one("会议召开5日前")
    assert isinstance(r, Relative)
    assert (r.direction.value, r.trigger, str(r.offset)) == ("before", "会议召开", "5D")
    assert r.resolve(D(2016, 10, 20)) == D(2016, 10, 14)  # 10-15 is a Saturday
    assert r.resolve(D(2016, 10, 20), roll_to_workday=False) == D(2016, 10, 15)


def test_working_days_before_a_holiday_count_the_official_calendar() -> None:
    r = one("节前3个工作日")
    assert isinstance(r, Relative) and r.direction.value == "before"
    # 10-01 国庆节: back 9-30, 9-29, 9-28
    assert r.resolve(D(2016, 10, 1)) == D(2016, 9, 28)
    # 10-10: back 10-09 (Sunday, working), 10-08 (Saturday, working), 9-30
    assert r.resolve(D(2016, 10, 10)) == D(2016, 9, 30)


def test_hours_and_months_before() -> None:
    hours = Relative(text="x", span=(0, 1), offset=Offset(24, "hour"), direction="before")
    assert hours.resolve(dt.datetime(2016, 10, 20, 9)) == dt.datetime(2016, 10, 19, 9)
    month = Relative(text="x", span=(0, 1), offset=Offset(1, "month"), direction="before")
    assert month.resolve(D(2016, 3, 31)) == D(2016, 2, 29)  # a Monday


@given(st.dates(D(2005, 1, 1), D(2025, 12, 31)), st.integers(1, 40))
@SLOW
def test_working_days_before_invert_working_days_after(event: dt.date, n: int) -> None:
    before = Relative(text="x", span=(0, 1), offset=Offset(n, "workday"), direction="before")
    due = before.resolve(event)
    assert isinstance(due, dt.date)
    assert OFFICIAL.is_workday(due)
    # the n−1 working days between them, and the event's own day when it is one
    assert OFFICIAL.workdays_between(due, event) == n - 1 + OFFICIAL.is_workday(event)


def test_a_day_after_words_that_name_no_event_stays_a_deadline() -> None:
    part = one("各部门15日前", D(2021, 3, 1))
    assert part.kind.value == "deadline" and part.due == D(2021, 3, 15)


def test_extract_reads_the_event_from_the_sentence() -> None:
    [m] = shixian.extract("选举委员会应当在投票日的15日以前公布选民名单。", reference=REF)
    r = m.result.parts[0]
    assert isinstance(r, Relative)
    assert (r.direction.value, r.trigger, str(r.offset)) == ("before", "投票日", "15D")
    [m] = shixian.extract("各承办单位应在收到转办件的当日签收。", reference=REF)
    r = m.result.parts[0]
    assert isinstance(r, Relative) and (r.trigger, str(r.offset)) == ("收到转办件", "0")


def test_an_extension_qualifies_the_limit_before_it() -> None:
    r = one("自收到申请之日起20个工作日内答复;需要延长的,可延长20个工作日")
    assert isinstance(r, Relative)
    assert (str(r.offset), str(r.extension), r.trigger) == ("20WD", "20WD", "收到申请")


# -- schedule due points -----------------------------------------------------------------


def test_last_working_day_of_each_month() -> None:
    s = one("每月最后一个工作日")
    assert isinstance(s, Schedule) and s.workday == -1
    got = dues(s, D(2016, 1, 1), D(2016, 12, 31))
    assert got[0] == D(2016, 1, 29)  # 1-30 and 1-31 are a weekend
    assert got[1] == D(2016, 2, 29)
    assert got[3] == D(2016, 4, 29)
    assert got[11] == D(2016, 12, 30)
    assert dues(s, D(2017, 9, 1), D(2017, 9, 30)) == [D(2017, 9, 30)]  # a Saturday, 调休上班
    assert s.to_dict()["rrule"] is None
    with pytest.raises(NotComputable, match="working day"):
        s.to_rrule(D(2016, 1, 1))


def test_first_working_day_after_a_holiday_week() -> None:
    s = one("每月第一个工作日")
    assert isinstance(s, Schedule) and s.workday == 1
    assert dues(s, D(2016, 10, 1), D(2016, 10, 31)) == [D(2016, 10, 8)]
    own = WorkdayCalendar(holidays=[D(2016, 10, 8)])
    assert dues(s, D(2016, 10, 1), D(2016, 10, 31), calendar=own) == [D(2016, 10, 9)]
    assert s.next_due(D(2016, 9, 2)) == D(2016, 10, 8)


def test_week_of_the_quarter() -> None:
    s = one("每季度第二周前")
    assert isinstance(s, Schedule) and s.week == 2
    assert dues(s, D(2016, 1, 1), D(2016, 12, 31)) == [
        D(2016, 1, 14),
        D(2016, 4, 14),
        D(2016, 7, 14),
        D(2016, 10, 14),
    ]
    assert s.to_rrule(D(2016, 1, 1)).splitlines()[1] == (
        "RRULE:FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=14"
    )


def test_several_weekdays() -> None:
    s = one("每周二、四")
    assert isinstance(s, Schedule) and s.weekdays == (1, 3) and s.weekday is None
    assert dues(s, D(2016, 3, 1), D(2016, 3, 10)) == [
        D(2016, 3, 1),
        D(2016, 3, 3),
        D(2016, 3, 8),
        D(2016, 3, 10),
    ]
    assert s.to_dict()["rrule"] == "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO"


def test_a_span_with_working_days_inside() -> None:
    s = one("6月1日至6月15日(工作日)", D(2021, 3, 1))
    assert isinstance(s, Schedule) and (s.start, s.until) == (D(2021, 6, 1), D(2021, 6, 15))
    got = dues(s, D(2021, 1, 1), D(2021, 12, 31))
    # 6-05/06 and 6-12/13 are weekends, 6-14 is 端午节
    assert len(got) == 10 and D(2021, 6, 14) not in got and got[-1] == D(2021, 6, 15)


def test_yearly_due_day_is_one_schedule() -> None:
    s = one("于每年的3月10日前", D(2008, 1, 1))
    assert isinstance(s, Schedule) and (s.months, s.day) == ((3,), 10)
    assert dues(s, D(2016, 1, 1), D(2018, 12, 31)) == [
        D(2016, 3, 10),
        D(2017, 3, 10),
        D(2018, 3, 10),
    ]


# -- properties --------------------------------------------------------------------------


@st.composite
def week_points(draw: st.DrawFn) -> Schedule:
    """Schedules with a week of the period or several weekdays."""
    every = draw(st.sampled_from(["year", "halfyear", "quarter", "month", "week"]))
    fields = draw(schedule_fields(every=every, max_interval=3))
    fields.pop("day", None)
    if every == "week":
        fields["weekday"] = None
        fields["weekdays"] = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=2))))
    else:
        top = {"month": 4, "quarter": 13, "halfyear": 26, "year": 52}[every]
        fields["week"] = draw(st.sampled_from([-1, *range(1, top + 1)]))
    return Schedule(text="x", span=(0, 1), **fields)  # type: ignore[arg-type]


@given(week_points(), st.dates(D(2004, 1, 1), D(2030, 12, 31)))
@SLOW
def test_week_points_agree_with_their_rrule(s: Schedule, dtstart: dt.date) -> None:
    body = s.to_dict()["rrule"]
    first = s.next_due(dtstart)
    if body is None or first is None:
        with pytest.raises(NotComputable):
            s.to_rrule(dtstart)
        return
    rule = rrulestr(s.to_rrule(dtstart))
    horizon = first + dt.timedelta(days=366 * 3 * s.interval)
    got = [
        d.date()
        for d in rule.between(
            dt.datetime.combine(first, dt.time()), dt.datetime.combine(horizon, dt.time()), inc=True
        )
    ]
    assert got == dues(s, first, horizon), s.to_rrule(dtstart)


@given(week_points(), st.dates(D(2004, 1, 1), D(2030, 12, 31)))
@SLOW
def test_week_points_fall_in_their_week(s: Schedule, lo: dt.date) -> None:
    hi = lo + dt.timedelta(days=400 * s.interval)
    for o in s.occurrences(lo, hi):
        assert o.start <= o.due and (o.due - o.start).days <= 6
        if s.weekdays is not None:
            assert o.due.weekday() in s.weekdays


@st.composite
def workday_points(draw: st.DrawFn) -> Schedule:
    every = draw(st.sampled_from(["year", "halfyear", "quarter", "month", "week", "day"]))
    fields = draw(schedule_fields(every=every, max_interval=2, bounds=False))
    fields.pop("day", None)
    fields["weekday"] = None
    top = {"week": 5, "day": 1}.get(every, 15)
    choices = [1] if every == "day" else [-3, -2, -1, *range(1, top + 1)]
    fields["workday"] = draw(st.sampled_from(choices))
    return Schedule(text="x", span=(0, 1), **fields)  # type: ignore[arg-type]


@given(workday_points(), st.dates(D(2005, 1, 1), D(2022, 12, 31)))
@SLOW
def test_every_working_day_point_is_a_working_day(s: Schedule, lo: dt.date) -> None:
    hi = lo + dt.timedelta(days=500)
    occurrences = list(s.occurrences(lo, hi))
    assert s.to_dict()["rrule"] is None
    for o in occurrences:
        assert OFFICIAL.is_workday(o.due), (s, o)
        assert o.start <= o.due
        n = s.workday
        assert n is not None
        counted = OFFICIAL.workdays_between(o.start - dt.timedelta(days=1), o.due)
        if n > 0:  # the n-th working day from the start of its period, or its last one
            assert 1 <= counted <= n
        if s.every.value == "month" and s.interval == 1:
            month_end = (o.start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            in_month = OFFICIAL.workdays_between(o.start - dt.timedelta(days=1), month_end)
            in_month -= OFFICIAL.is_workday(month_end)  # month_end is the next month's 1st
            want = min(n, in_month) if n > 0 else max(1, in_month + n + 1)
            assert counted == want, (s, o)
    assert [o.due for o in occurrences] == sorted(o.due for o in occurrences)


# -- the JSON form -----------------------------------------------------------------------

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = json.loads((ROOT / "shixian" / "schema.json").read_text(encoding="utf-8"))
PART = jsonschema.Draft202012Validator(
    {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": "#/$defs/part"}
)


@st.composite
def duty_parts(draw: st.DrawFn) -> Part:
    if draw(st.booleans()):
        return draw(st.one_of(week_points(), workday_points()))
    unit = draw(st.sampled_from(["hour", "day", "workday", "week", "month", "year"]))
    ext = draw(st.none() | st.builds(Offset, st.integers(1, 60), st.just("workday")))
    return Relative(
        text="x",
        span=(0, 1),
        offset=Offset(draw(st.integers(0, 90)), unit),
        trigger=draw(st.none() | st.sampled_from(["会议召开", "收到申请"])),
        direction=draw(st.sampled_from(["before", "after"])),
        extension=ext,
    )


@given(duty_parts())
@SLOW
def test_new_fields_round_trip_and_fit_the_schema(part: Part) -> None:
    data = part.to_dict()
    assert Part.from_dict(json.loads(json.dumps(data))) == part
    PART.validate(data)


def test_old_dicts_without_the_new_fields_still_read() -> None:
    data = one("收到申请后3个工作日内").to_dict()
    del data["direction"]
    assert Part.from_dict(data).direction.value == "after"  # type: ignore[attr-defined]
    data = one("每月10日前").to_dict()
    for key in ("weekdays", "week", "workday"):
        del data[key]
    assert Part.from_dict(data) == one("每月10日前")


@pytest.mark.parametrize(
    "fields",
    [
        {"every": "week", "week": 2},
        {"every": "month", "week": 0},
        {"every": "month", "workday": 0},
        {"every": "month", "weekdays": (1, 3)},
        {"every": "week", "weekdays": (1, 9)},
    ],
)
def test_impossible_positions_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(shixian.ShixianError):
        Schedule(text="x", span=(0, 1), **fields)
