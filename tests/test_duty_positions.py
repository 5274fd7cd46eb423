"""Duty words of the harvested real rows: the n-th weekday of a month, N working days
after each period, limits before an (unnamed) event, 每<event>, approximate lengths.

Expected days are worked out by hand or by an independent method (the month's
calendar from :mod:`calendar`, working days from the official calendar's own
``is_workday``), never from the code under test.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shixian
from shixian import NotComputable, Relative, Schedule, Unit, Window
from shixian.calendar.workdays import OFFICIAL
from shixian.model import Direction

from .strategies import cn_digits, cn_number, full_width

D = dt.date
SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WEEKDAY_WORDS = ("一", "二", "三", "四", "五", "六", "日")


def nth_weekday(year: int, month: int, week: int, weekday: int) -> dt.date:
    """The week-th (negative: from the end) ``weekday`` of a month, from the month's calendar."""
    days = [
        D(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if D(year, month, day).weekday() == weekday
    ]
    return days[week - 1] if week > 0 else days[week]


def _num(draw: st.DrawFn, n: int) -> str:
    style = draw(st.sampled_from(["arabic", "chinese", "fullwidth"]))
    return {"arabic": str(n), "chinese": cn_number(n), "fullwidth": full_width(str(n))}[style]


# -- the n-th weekday of a month ------------------------------------------------------------


@st.composite
def weekday_positions(draw: st.DrawFn) -> Schedule:
    every = draw(st.sampled_from(["year", "halfyear", "quarter", "month"]))
    size = {"year": 12, "halfyear": 6, "quarter": 3, "month": 1}[every]
    months = None
    if size > 1 and draw(st.booleans()):
        first = draw(st.integers(1, size))
        months = tuple(range(first, 13, size))
    start = draw(st.none() | st.dates(D(2004, 1, 1), D(2025, 12, 31)))
    return Schedule(
        text="x",
        span=(0, 1),
        every=every,  # type: ignore[arg-type]
        months=months,
        week=draw(st.sampled_from([-4, -3, -2, -1, 1, 2, 3, 4])),
        weekday=draw(st.integers(0, 6)),
        interval=draw(st.sampled_from([1, 1, 1, 2])),
        start=start,
    )


@given(weekday_positions(), st.dates(D(2004, 1, 1), D(2030, 12, 31)))
@SLOW
def test_weekday_positions_agree_with_their_rrule(s: Schedule, dtstart: dt.date) -> None:
    first = s.next_due(dtstart)
    if s.to_dict()["rrule"] is None or first is None:
        with pytest.raises(NotComputable):
            s.to_rrule(dtstart)
        return
    rule = rrulestr(s.to_rrule(dtstart))
    horizon = first + dt.timedelta(days=366 * 3)
    got = [
        d.date()
        for d in rule.between(
            dt.datetime.combine(first, dt.time()), dt.datetime.combine(horizon, dt.time()), inc=True
        )
    ]
    assert got == [o.due for o in s.occurrences(first, horizon)], s.to_rrule(dtstart)


@given(weekday_positions(), st.dates(D(2004, 1, 1), D(2030, 12, 31)))
@SLOW
def test_weekday_positions_are_that_weekday_of_their_month(s: Schedule, lo: dt.date) -> None:
    assert s.week is not None and s.weekday is not None
    for o in s.occurrences(lo, lo + dt.timedelta(days=800)):
        assert o.due == nth_weekday(o.due.year, o.due.month, s.week, s.weekday)
        assert o.start == o.end == o.due


@st.composite
def weekday_phrases(draw: st.DrawFn) -> tuple[str, int | None, int, int, int]:
    """每月第N个周X / [YYYY年]M月[份][的]倒数第N个星期X, in varied spellings."""
    week = draw(st.integers(1, 4))
    last = draw(st.booleans())
    weekday = draw(st.integers(0, 6))
    head = draw(st.sampled_from(["倒数第", "倒數第"])) if last else "第"
    if last and week == 1 and draw(st.booleans()):
        head, count = draw(st.sampled_from(["最后", "最後"])), "一"
    else:
        count = _num(draw, week)
    word = draw(st.sampled_from(["周", "星期", "週", "礼拜"]))
    day = WEEKDAY_WORDS[weekday] if word != "礼拜" or weekday != 6 else "天"
    position = f"{head}{count}{draw(st.sampled_from(['个', '個']))}{word}{day}"
    month = draw(st.integers(1, 12))
    year = draw(st.none() | st.integers(2005, 2030))
    when = "" if year is None else f"{draw(st.sampled_from([str(year), cn_digits(year)]))}年"
    when += f"{_num(draw, month)}月"
    when += draw(st.sampled_from(["", "份", "的"]))
    return when + position, year, month, -week if last else week, weekday


@given(weekday_phrases())
@SLOW
def test_weekday_phrases_read_as_that_day(case: tuple[str, int | None, int, int, int]) -> None:
    text, year, month, week, weekday = case
    (part,) = shixian.normalize(text, reference="2021-03-01").parts
    if year is None:  # a position with no year: how a recurring day is stated
        assert isinstance(part, Schedule)
        assert (part.every.value, part.months, part.week, part.weekday) == (
            "year", (month,), week, weekday,
        )  # fmt: skip
    else:
        day = nth_weekday(year, month, week, weekday)
        assert isinstance(part, Window) and (part.start, part.end) == (day, day)


def test_weekday_positions_by_hand() -> None:
    s = shixian.normalize("每月第一个周一", reference="2021-03-01").parts[0]
    assert isinstance(s, Schedule)
    got = [o.due for o in s.occurrences(D(2021, 1, 1), D(2021, 4, 30))]
    assert got == [D(2021, 1, 4), D(2021, 2, 1), D(2021, 3, 1), D(2021, 4, 5)]
    assert s.to_dict()["rrule"] == "FREQ=MONTHLY;BYDAY=1MO"
    exam = shixian.normalize("考试时间:上半年3月底(即3月份倒数第一个周六)", reference="2021-03-01")
    (s,) = exam.parts
    assert isinstance(s, Schedule) and exam.complete
    assert s.next_due(D(2021, 3, 1)) == D(2021, 3, 27) and s.next_due(D(2021, 3, 28)) == D(
        2022, 3, 26
    )
    assert s.to_dict()["rrule"] == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SA"
    assert str(s).startswith("schedule every year in month 3 due on the last Sat")


def test_a_refinement_outside_its_period_is_flagged() -> None:
    result = shixian.normalize("上半年9月(即9月份倒数第一个周六)", reference="2021-03-01")
    assert not result.complete and "outside" in result.unparsed[0].reason
    with pytest.raises(shixian.PartialParse):
        shixian.normalize("上半年9月(即9月份倒数第一个周六)", reference="2021-03-01", complete=True)


def test_a_fifth_week_position_has_no_rrule() -> None:
    s = Schedule(text="x", span=(0, 1), every="month", week=5, weekday=5)  # type: ignore[arg-type]
    assert s.to_dict()["rrule"] is None
    with pytest.raises(shixian.InvalidDate):
        shixian.normalize("每月第五个周六", reference="2021-03-01")


# -- N working days after each period ---------------------------------------------------


@given(
    st.sampled_from([("每月", "month"), ("每季度结束", "quarter"), ("每年", "year")]),
    st.integers(1, 30),
    st.sampled_from(["后{n}个工作日内", "后{n}個工作日內", "后{n}个工作日以内"]),
)
@SLOW
def test_working_days_after_each_period(head: tuple[str, str], n: int, form: str) -> None:
    words, every = head
    text = words + form.format(n=cn_number(n) if n % 2 else str(n))
    parts = shixian.normalize(text, reference="2016-05-01").parts
    if n > 15:  # may run past the next month: the period's end stays the event
        assert [p.kind.value for p in parts] == ["schedule", "relative"]
        return
    (s,) = parts
    assert isinstance(s, Schedule) and s.workday == n and s.every.value == every
    for o in s.occurrences(D(2016, 1, 1), D(2026, 12, 31)):
        # the n-th working day of the month after a period ends, counted independently
        month_days = [
            D(o.due.year, o.due.month, d)
            for d in range(1, calendar.monthrange(o.due.year, o.due.month)[1] + 1)
        ]
        working = [d for d in month_days if OFFICIAL.is_workday(d)]
        assert o.due == working[n - 1]
        assert every == "month" or o.due.month in ((1, 4, 7, 10) if every == "quarter" else (1,))


def test_working_days_after_each_month_by_hand() -> None:
    s = shixian.normalize("时限:每月后10个工作日内公开。", reference="2016-05-01").parts[0]
    assert isinstance(s, Schedule)
    # October 2016: 1–7 国庆节, the 8th and 9th working; 17, 18, 19 make ten
    assert s.next_due(D(2016, 10, 1)) == D(2016, 10, 19)
    assert s.next_due(D(2016, 1, 1)) == D(2016, 1, 15)


# -- limits before an event ----------------------------------------------------------------

_UNITS = [("周", Unit.WEEK), ("天", Unit.DAY), ("日", Unit.DAY), ("个工作日", Unit.WORKDAY),
          ("个月", Unit.MONTH)]  # fmt: skip


@given(
    st.integers(1, 30),
    st.sampled_from(_UNITS),
    st.sampled_from(["", "会议", "活动", "考试"]),
    st.sampled_from(["提前", "提早"]),
    st.sampled_from(["", "通知", "发布公告", "報送"]),
)
@SLOW
def test_in_advance(n: int, unit: tuple[str, Unit], event: str, word: str, verb: str) -> None:
    number = cn_number(n) if n % 3 == 0 else full_width(str(n)) if n % 3 == 1 else str(n)
    text = f"{event}{word}{number}{unit[0]}{verb}"
    (rel,) = shixian.normalize(text, reference="2021-03-01").parts
    assert isinstance(rel, Relative)
    assert rel.direction is Direction.BEFORE
    assert (rel.offset.amount, rel.offset.unit) == (n, unit[1])
    assert rel.trigger == (event or None)


def test_in_advance_counts_back_from_the_event() -> None:
    (rel,) = shixian.normalize("会议提前3天通知", reference="2021-03-01").parts
    assert isinstance(rel, Relative)
    assert rel.resolve("2021-03-11") == D(2021, 3, 8)
    # 2021-03-07 is a Sunday: the limit moves to the working day before it
    assert rel.resolve("2021-03-10") == D(2021, 3, 5)


@given(
    st.integers(1, 30), st.sampled_from(["至少", "不少于", "最少"]), st.sampled_from(["前", "以前"])
)
@SLOW
def test_at_least_before_events(n: int, least: str, before: str) -> None:
    text = f"投标截止时间{least}{n}日{before}、提交首次响应文件截止之日{cn_number(n)}个工作日前"
    parts = shixian.normalize(text, reference="2021-03-01").parts
    assert [(p.offset.amount, p.offset.unit, p.trigger, p.direction) for p in parts] == [  # type: ignore[attr-defined]
        (n, Unit.DAY, "投标截止时间", Direction.BEFORE),
        (n, Unit.WORKDAY, "提交首次响应文件截止之日", Direction.BEFORE),
    ]


# -- 每<event>, approximate lengths ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("每完成一个阶段公布进展情况", "每完成一个阶段"),
        ("每次会议结束后及时公布", "每次会议结束"),
        ("每召開一次會議,公開會議紀要", "每召开一次会议"),
    ],
)
def test_each_event(text: str, trigger: str) -> None:
    (rel,) = shixian.normalize(text, reference="2021-03-01").parts
    assert isinstance(rel, Relative) and rel.offset.amount == 0 and rel.trigger == trigger


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [("历时一个多月", 1, Unit.MONTH), ("十余天", 10, Unit.DAY), ("30多天", 30, Unit.DAY)],
)
def test_approximate_lengths_are_flagged(text: str, amount: int, unit: Unit) -> None:
    result = shixian.normalize(text, reference="2021-03-01")
    (rel,) = result.parts
    assert isinstance(rel, Relative) and (rel.offset.amount, rel.offset.unit) == (amount, unit)
    assert not result.complete and "approximate" in result.unparsed[0].reason


# -- smaller duty words ------------------------------------------------------------------


@given(st.integers(0, 6), st.sampled_from(["本周", "下周"]), st.integers(8, 20))
@SLOW
def test_weekday_of_this_or_next_week_by_a_clock_time(weekday: int, week: str, hour: int) -> None:
    reference = D(2021, 3, 3)  # a Wednesday; its week runs 2021-03-01..07
    day = D(2021, 3, 1) + dt.timedelta(days=weekday + (7 if week == "下周" else 0))
    text = f"{week}{WEEKDAY_WORDS[weekday]}{hour}时前"
    (deadline,) = shixian.normalize(text, reference=reference).parts
    assert deadline.due == day
    assert deadline.due_at == dt.datetime(day.year, day.month, day.day, hour)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "every"), [("隔日一次", "day"), ("隔周1次", "week"), ("隔月一次", "month")]
)
def test_every_other(text: str, every: str) -> None:
    (s,) = shixian.normalize(text, reference="2021-03-01").parts
    assert isinstance(s, Schedule) and (s.every.value, s.interval, s.count) == (every, 2, 1)
    # 隔日 alone is still the next day
    (rel,) = shixian.normalize("隔日", reference="2021-03-01").parts
    assert isinstance(rel, Relative) and str(rel.offset) == "1D"


def test_the_month_of_the_event() -> None:
    (rel,) = shixian.normalize("信息形成当月", reference="2021-03-01").parts
    assert isinstance(rel, Relative) and rel.trigger == "信息形成"
    assert rel.resolve("2021-03-10") == D(2021, 3, 31)
    assert rel.resolve("2021-04-01") == D(2021, 4, 30)


def test_before_an_event_with_no_number() -> None:
    (rel,) = shixian.normalize("会议召开前", reference="2021-03-01").parts
    assert isinstance(rel, Relative) and rel.direction is Direction.BEFORE
    assert rel.offset.amount is None and rel.trigger == "会议召开"
    with pytest.raises(NotComputable):
        rel.resolve("2021-03-10")
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize("关键环节前", reference="2021-03-01")


@given(
    st.lists(st.integers(1, 28), min_size=2, max_size=4, unique=True),
    st.sampled_from(["、", "和", "及"]),
    st.sampled_from(["", "前"]),
)
@SLOW
def test_several_due_days_are_one_schedule_each(days: list[int], join: str, end: str) -> None:
    text = "每月" + join.join(f"{cn_number(d) if d % 2 else d}日" for d in days) + end
    parts = shixian.normalize(text, reference="2021-03-01").parts
    assert [(p.every.value, p.day) for p in parts] == [("month", d) for d in days]  # type: ignore[attr-defined]
