"""Families of the tenth session, as properties over their numbers and spellings:

* ``当月`` after the months its sentence named is those months, not the month of an
  event: ``3月、7月申报纳税期限分别截至当月15日`` is the 15th of each month named, and in
  ``每月15日前将当月工作情况上报`` it is the schedule's own month (it was a second,
  relative part, "the last day of the month of the event");
* the same day or a length (``当场或者在5日内告知``, ``当日或5日内决定``) is a limit of
  the length: it was a promptness and a limit side by side;
* ``一`` written for the dash between two lunar days (``正月初三一正月初六``) is the
  range, as ``至`` is: it was two single days.
"""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import shixian

from .strategies import cn_number

YEARS = st.integers(1990, 2090)
REFERENCES = st.dates(dt.date(1990, 1, 1), dt.date(2095, 12, 31))


def _day(n: int, chinese: bool) -> str:
    return cn_number(n) if chinese else str(n)


@given(
    YEARS,
    st.lists(st.integers(1, 12), min_size=1, max_size=5, unique=True).map(sorted),
    st.integers(1, 31),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["、", ","]),
)
def test_the_same_month_is_each_month_named(
    year: int, months: list[int], day: int, chinese: bool, traditional: bool, sep: str
) -> None:
    # 2021年3月、7月…分别截至当月15日: the 15th of each month named, in the year told
    day = min(day, *(calendar.monthrange(year, m)[1] for m in months))
    same = "當月" if traditional else "当月"
    named = "、".join(f"{m}月" for m in months)
    phrase = f"{year}年{named}申报纳税期限{sep}分别截至{same}{_day(day, chinese)}日"
    result = shixian.normalize(phrase, reference=dt.date(year, 1, 1))
    assert [type(p) for p in result.parts] == [shixian.Deadline] * len(months)
    assert [p.due for p in result.parts] == [dt.date(year, m, day) for m in months]


@given(st.integers(1, 28), st.booleans(), st.sampled_from(["当月", "當月", "同月"]), REFERENCES)
def test_the_same_month_of_a_monthly_schedule_is_its_month(
    day: int, chinese: bool, same: str, reference: dt.date
) -> None:
    # 每月15日前将当月工作情况上报: the schedule alone, as without the words after it
    head = f"每月{_day(day, chinese)}日前"
    result = shixian.normalize(f"{head}将各单位{same}工作开展情况上报", reference=reference)
    alone = shixian.normalize(head, reference=reference)
    assert len(result.parts) == 1
    part = result.parts[0]
    assert isinstance(part, shixian.Schedule)
    assert (part.every, part.day) == (shixian.Frequency.MONTH, day)
    assert part.to_dict()["every"] == alone.parts[0].to_dict()["every"]


def test_the_same_month_with_no_month_before_it_is_the_event_s() -> None:
    # 信息形成当月: by the end of the event's own month (the reading before this session)
    (part,) = shixian.normalize("信息形成当月公开", reference=dt.date(2023, 3, 1)).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit, part.offset.day) == (0, shixian.Unit.MONTH, 31)
    assert part.trigger == "信息形成"


@given(
    st.integers(1, 30),
    st.sampled_from(["当场", "当日", "当天"]),
    st.sampled_from(["或", "或者", "或者在", "或在", " 或 "]),
    st.sampled_from(["日", "个工作日", "天"]),
    st.booleans(),
)
def test_the_same_day_or_a_length_is_the_length(
    n: int, same: str, either: str, unit: str, chinese: bool
) -> None:
    length = f"{_day(n, chinese)}{unit}内"
    reference = dt.date(2021, 3, 1)
    result = shixian.normalize(f"应当{same}{either}{length}告知申请人", reference=reference)
    alone = shixian.normalize(f"应当{length}告知申请人", reference=reference)
    assert len(result.parts) == 1
    (part,) = result.parts
    assert isinstance(part, shixian.Relative)
    assert part.offset == alone.parts[0].offset
    assert part.offset.amount == n


@given(
    st.integers(2021, 2030),
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from(["正月", "腊月"]),
)
def test_a_lunar_range_with_one_for_its_dash_is_the_range(
    year: int, first: int, span: int, month: str
) -> None:
    last = min(first + span, 10)
    days = "一二三四五六七八九十"
    lo, hi = f"初{days[first - 1]}", f"初{days[last - 1]}"
    reference = dt.date(year, 6, 1)
    dashed = shixian.normalize(f"{month}{lo}一{month}{hi}", reference=reference)
    told = shixian.normalize(f"{month}{lo}至{month}{hi}", reference=reference)
    assert [p.to_dict() for p in dashed.parts] == [
        {**p.to_dict(), "text": dashed.parts[0].text, "span": list(dashed.parts[0].span)}
        for p in told.parts
    ]
    (window,) = dashed.parts
    assert isinstance(window, shixian.Window)
    assert (window.end - window.start).days == last - first
