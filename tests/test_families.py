"""Families of real forms mean what their plainer spellings mean, for any number and
spelling: a count per period without 每 (一月一次 = 每月一次), a length in two units
(1年3个月 = 15个月), a range into the next year (11月11日~1月20日 = the range with both
years written), a month/day range without a year (4/11~13 = 4月11日至13日), a lunar date
(农历八月十五 = the lunar-python day)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import shixian
from shixian.calendar.festivals import lunar_to_solar

from .strategies import cn_number, full_width

REF = "2024-03-01"


def _num(n: int, chinese: bool) -> str:
    return cn_number(n) if chinese else str(n)


def _schedule(text: str, reference: str = REF) -> dict[str, object]:
    result = shixian.normalize(text, reference=reference)
    assert result.complete, (text, result.unparsed)
    (part,) = result.parts
    assert isinstance(part, shixian.Schedule), (text, part)
    data = part.to_dict()
    return {k: data[k] for k in ("every", "interval", "count", "months", "day")}


@given(
    st.sampled_from(["年", "季度", "周", "个月"]),
    st.integers(1, 9),
    st.integers(1, 4),
    st.booleans(),
    st.sampled_from(["", "公开", "检查"]),
)
def test_a_count_per_period_without_mei_is_the_schedule_with_it(
    unit: str, interval: int, count: int, chinese: bool, verb: str
) -> None:
    """两年一次, 三个月检查两次 mean 每两年一次, 每三个月检查两次 (a count, not a length or a
    month)."""
    if unit == "个月" and interval == 1:
        unit = "月"  # 一月一次: once a month (一个月一次 reads the same)
    if unit == "季度" and interval > 1:
        unit = "个季度"  # 三季度 is the third quarter; every three quarters is 三个季度
    times = "两" if count == 2 and chinese else _num(count, chinese)
    tail = f"{verb}{times}次"
    lead = _num(interval, chinese) if interval > 1 or unit != "季度" else "一"
    bare = f"{lead}{unit}{tail}"
    with_mei = f"每{lead if interval > 1 else ''}{unit}{tail}"
    assert _schedule(bare) == _schedule(with_mei)


@given(
    st.sampled_from(
        [("年", "个月", 12, "month"), ("周", "天", 7, "day"), ("天", "小时", 24, "hour")]
    ),
    st.integers(1, 9),
    st.integers(1, 9),
    st.booleans(),
)
def test_a_length_in_two_units_is_one_limit(
    units: tuple[str, str, int, str], big: int, small: int, chinese: bool
) -> None:
    """1年3个月内 is 15 months, 2周3天内 17 days, 3天12小时内 84 hours."""
    coarse, fine, ratio, unit = units
    text = f"{_num(big, chinese)}{coarse}{_num(small, chinese)}{fine}内"
    (part,) = shixian.normalize(text, reference=REF).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit.value) == (big * ratio + small, unit)


@given(st.integers(7, 12), st.integers(1, 28), st.integers(1, 6), st.integers(1, 28), st.booleans())
def test_a_range_into_the_next_year_is_the_range_with_both_years(
    m1: int, d1: int, m2: int, d2: int, wide: bool
) -> None:
    """11月11日~1月20日 (the far end in an earlier month) runs into the next year."""
    short = f"2023年{m1}月{d1}日~{m2}月{d2}日"
    full = f"2023年{m1}月{d1}日至2024年{m2}月{d2}日"
    if wide:
        short = full_width(short)
    (got,) = shixian.normalize(short, reference=REF).parts
    (want,) = shixian.normalize(full, reference=REF).parts
    assert isinstance(got, shixian.Window) and isinstance(want, shixian.Window)
    assert (
        (got.start, got.end)
        == (want.start, want.end)
        == (
            dt.date(2023, m1, d1),
            dt.date(2024, m2, d2),
        )
    )


@given(st.integers(1, 12), st.integers(1, 25), st.integers(1, 3), st.sampled_from(["~", "-", "至"]))
def test_a_month_day_range_without_a_year_is_the_written_range(
    month: int, day: int, length: int, connector: str
) -> None:
    """4/11~13 and 4月11日至13日 are the same window (in the reference's year); the last day is at
    most 28, a day of every month (2/27~30 is an impossible date, either way)."""
    last = day + length
    (got,) = shixian.normalize(f"{month}/{day}{connector}{last}", reference=REF).parts
    (want,) = shixian.normalize(f"{month}月{day}日至{last}日", reference=REF).parts
    assert isinstance(got, shixian.Window) and isinstance(want, shixian.Window)
    assert (got.start, got.end, got.year_inferred) == (want.start, want.end, True)


@given(st.integers(2001, 2049), st.integers(1, 12), st.integers(1, 29), st.booleans())
def test_a_lunar_date_with_its_year_is_the_lunar_calendar_day(
    year: int, month: int, day: int, chinese_year: bool
) -> None:
    """2016年农历八月十五 is the day lunar-python gives for lunar 2016-08-15."""
    names = "正二三四五六七八九十"
    month_word = names[month - 1] if month <= 10 else ("冬" if month == 11 else "腊")
    if day <= 10:
        day_word = "初" + "一二三四五六七八九十"[day - 1]
    elif day < 20:
        day_word = "十" + "一二三四五六七八九"[day - 11]
    elif day == 20:
        day_word = "二十"
    else:
        day_word = "廿" + "一二三四五六七八九"[day - 21]
    year_text = (
        "".join("〇一二三四五六七八九"[int(c)] for c in str(year)) if chinese_year else str(year)
    )
    (part,) = shixian.normalize(f"{year_text}年农历{month_word}月{day_word}", reference=REF).parts
    assert isinstance(part, shixian.Window)
    assert part.start == part.end == lunar_to_solar(year, month, day)
    assert not part.year_inferred
