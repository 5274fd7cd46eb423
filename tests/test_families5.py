"""Families of the fifth session (blind sets 6–10), as properties over their numbers and
spellings:

* more days than a month has before 前 (有效期届满45日前) are that long before the event;
* a length with a decimal fraction (1.5个月内) is refused, never read as another length;
* 次日 after a range's connector is the day after the range's start (22时至次日6时);
* an item's number before a date it cannot be a month of (3、1月31日) is no month;
* a day, 起 and a length (自2022年3月1日起15日内) is due that long after the day;
* 2016.7月底前 keeps its year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian
from shixian.calendar.workdays import OFFICIAL
from shixian.model import Unit

from .strategies import cn_number, days

REFERENCE = dt.date(2021, 3, 1)
EVENTS = ("有效期届满", "合同期满", "任期届满", "许可证到期")
UNITS = {"个月": Unit.MONTH, "天": Unit.DAY, "个工作日": Unit.WORKDAY, "年": Unit.YEAR}


@given(st.integers(32, 99), st.sampled_from(EVENTS), st.booleans(), st.sampled_from("日天"))
def test_more_days_than_a_month_are_a_length(n: int, event: str, chinese: bool, unit: str) -> None:
    number = cn_number(n) if chinese else str(n)
    (part,) = shixian.normalize(f"应当在{event}{number}{unit}前提出申请", reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit) == (n, Unit.DAY)
    assert part.direction.value == "before"
    assert part.trigger == event


@given(st.integers(0, 99), st.integers(1, 9), st.sampled_from(sorted(UNITS)))
def test_a_decimal_length_is_refused(whole: int, tenth: int, unit: str) -> None:
    text = f"{whole}.{tenth}{unit}内完成"
    with pytest.raises(shixian.InvalidDate) as caught:  # never a length of either number
        shixian.normalize(text, reference=REFERENCE)
    assert caught.value.text == text


@given(days(dt.date(2001, 1, 1)), st.integers(0, 23), st.integers(0, 23), st.booleans())
def test_the_next_day_ends_a_range(day: dt.date, start: int, end: int, year: bool) -> None:
    head = f"{day.year}年" if year else ""
    text = f"{head}{day.month}月{day.day}日{start}时至次日{end}时"
    reference = dt.date(day.year, 1, 1)
    if day.month == 2 and day.day >= 28 and not year:
        return  # the year decides: left unread (not a guess)
    (part,) = shixian.normalize(text, reference=reference).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (day, day + dt.timedelta(days=1))
    assert part.start_at == dt.datetime.combine(day, dt.time(start))
    assert part.end_at == dt.datetime.combine(day + dt.timedelta(days=1), dt.time(end))


@given(st.integers(1, 12), days(dt.date(2001, 1, 1)), st.sampled_from(["、", "、 "]))
def test_an_items_number_before_a_date(number: int, day: dt.date, mark: str) -> None:
    if number < day.month:
        return  # a list of months runs forward: 3、4月8日 may be two days
    text = f"{number}{mark}{day.month}月{day.day}日,恢复正常"
    (part,) = shixian.normalize(text, reference=dt.date(day.year, 1, 1)).parts
    assert isinstance(part, shixian.Window)
    assert part.start == part.end == day


@given(days(dt.date(2005, 1, 1)), st.integers(1, 60), st.sampled_from(["日", "天"]))
def test_a_length_from_a_day(day: dt.date, n: int, unit: str) -> None:
    """Due n days after the day (the day itself not counted), moved off rest days only."""
    if day.year >= 2026:
        return  # the official calendar's notices end there
    text = f"自{day.year}年{day.month}月{day.day}日起{n}{unit}内"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Deadline)
    plain = day + dt.timedelta(days=n)
    assert part.due >= plain
    between = [plain + dt.timedelta(days=k) for k in range((part.due - plain).days)]
    assert all(not OFFICIAL.is_workday(d) for d in between)
    assert OFFICIAL.is_workday(part.due)


@given(st.integers(1990, 2040), st.integers(1, 12))
def test_a_dotted_year_with_a_month_keeps_its_year(year: int, month: int) -> None:
    (part,) = shixian.normalize(f"{year}.{month}月底前", reference=REFERENCE).parts
    assert isinstance(part, shixian.Deadline)
    last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
    assert part.due == last
