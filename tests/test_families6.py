"""Families of the sixth session (blind set 12), as properties over their numbers and
spellings:

* 五年来, 一年来: the whole years before the reference year (from October on, up to and
  including the reference's own year);
* a dash before a date (---2021年9月6日) is no negative length;
* the years of a statistic's values (从2017年的111.8亿元提高至2021年的160亿元) are two years,
  not a start and a deadline;
* a year told before a semicolon frames the yearless dates after it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian

from .strategies import cn_number

VERBS = ("提高至", "提高到", "增长到", "增长至", "下降到", "减少到")


@given(st.integers(1, 10), st.dates(dt.date(2001, 1, 1), dt.date(2098, 12, 31)), st.booleans())
def test_years_looked_back_on(n: int, reference: dt.date, chinese: bool) -> None:
    number = cn_number(n) if chinese else str(n)
    (part,) = shixian.normalize(f"{number}年来,我们坚持稳中求进", reference=reference).parts
    last = reference.year if reference.month >= 10 else reference.year - 1
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (dt.date(last - n + 1, 1, 1), dt.date(last, 12, 31))
    assert part.year_inferred


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.sampled_from(["-", "---", "——"]))
def test_a_dash_before_a_date_is_no_length(day: dt.date, dash: str) -> None:
    text = f"{dash}{day.year}年{day.month}月{day.day}日在县人民代表大会上"
    (part,) = shixian.normalize(text, reference=day).parts
    assert isinstance(part, shixian.Window)
    assert part.start == part.end == day


@given(
    st.integers(1990, 2060),
    st.integers(1, 15),
    st.sampled_from(VERBS),
    st.decimals(1, 9999, places=2),
    st.booleans(),
)
def test_the_years_of_a_statistics_values(
    first: int, later: int, verb: str, amount: object, of: bool
) -> None:
    second = first + later
    text = f"地区生产总值从{first}年的{amount}亿元{verb}{second}年{'的' if of else ''}{amount}亿元"
    parts = shixian.normalize(text, reference=dt.date(second, 1, 10)).parts
    assert [(type(p), p.start, p.end) for p in parts] == [  # type: ignore[attr-defined]
        (shixian.Window, dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in (first, second)
    ]


@given(st.integers(1990, 2060), st.integers(1, 99))
def test_a_target_stays_a_deadline(year: int, share: int) -> None:
    (part,) = shixian.normalize(f"到{year}年{share}%以上的村完成改造", reference=2020).parts
    assert isinstance(part, shixian.Deadline)
    assert part.due == dt.date(year, 12, 31)


@given(st.integers(1990, 2060), st.integers(1, 12), st.integers(1, 28), st.integers(1, 12))
def test_a_year_told_before_a_semicolon(year: int, month: int, day: int, later: int) -> None:
    after = month + later
    if after > 12:
        return  # (a month before the one told: the reference's year, inferred)
    text = f"{year}年{month}月{day}日起放寒假;下学期于{after}月26日报到"
    parts = shixian.normalize(text, reference=dt.date(year - 1, 12, 1)).parts
    assert isinstance(parts[-1], shixian.Window)
    assert parts[-1].start == dt.date(year, after, 26)
    assert not parts[-1].year_inferred


@given(
    st.sampled_from(["中山路", "人民大道", "力学胡同", "解放街"]),
    st.integers(1, 999),
    st.sampled_from(["", "三楼", "305室", "附近"]),
)
def test_an_address_is_no_day(road: str, number: int, rest: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"地址:{road}{number}号{rest}", reference=2022)


@given(st.lists(st.integers(1, 28), min_size=2, max_size=4, unique=True), st.integers(1, 12))
def test_a_tally_of_listed_days_is_no_limit(days: list[int], month: int) -> None:
    days = sorted(days)
    listed = "、".join(f"{d}日" for d in days)
    text = f"报名时间为{month}月{listed}{cn_number(len(days))}天"
    parts = shixian.normalize(text, reference=dt.date(2022, 1, 1)).parts
    assert [(p.start, p.end) for p in parts] == [  # type: ignore[attr-defined]
        (dt.date(2022, month, d), dt.date(2022, month, d)) for d in days
    ]


@given(st.integers(1, 99), st.sampled_from(["日", "天", "个工作日", "小时", "个月"]))
def test_more_than_so_long_is_a_condition(n: int, unit: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"逾期超过{n}{unit}的,处以罚款", reference=2022)
    (part,) = shixian.normalize(f"不得超过{n}{unit}", reference=2022).parts
    assert isinstance(part, shixian.Relative)


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["至", "到", "—"]))
def test_a_yearly_span_of_whole_months_is_those_months(first: int, last: int, to: str) -> None:
    import calendar

    end = calendar.monthrange(2001, last)[1]
    later = "次年" if last < first else ""
    by_days = shixian.normalize(f"每年{first}月1日{to}{later}{last}月{end}日", reference=2021)
    by_months = shixian.normalize(f"每年{first}月{to}{later}{last}月", reference=2021)
    (days_part,) = by_days.parts
    (months_part,) = by_months.parts
    assert isinstance(days_part, shixian.Schedule)
    assert days_part.months == months_part.months  # type: ignore[attr-defined]
    assert days_part.day is None


@given(st.integers(32, 365), st.integers(1, 31), st.sampled_from(["缩短至", "压缩至", "缩短为"]))
def test_a_shortened_length_is_a_length(old: int, new: int, verb: str) -> None:
    (part,) = shixian.normalize(f"平均咨询期由{old}日{verb}{new}日", reference=2021).parts
    assert isinstance(part, shixian.Relative)
    assert part.offset.amount == new


@given(st.sampled_from(["国发", "办字", "委督发20xx", "政发2019)"]), st.integers(1, 999))
def test_a_document_number_is_no_day(issuer: str, number: int) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"({issuer}{number}号)", reference=2021)


NEIGHBOURS = list(zip("一两三四五六七八", "两三四五六七八九", strict=True))


@given(st.sampled_from(NEIGHBOURS), st.sampled_from(["天内", "个月内", "个工作日内"]))
def test_neighbouring_numerals_are_the_larger_never_their_digits(pair: object, unit: str) -> None:
    low, high = pair  # type: ignore[misc]
    result = shixian.normalize(f"{low}{high}{unit}", reference=2022)
    (part,) = result.parts
    assert isinstance(part, shixian.Relative)
    assert part.offset.amount == "一二三四五六七八九".index(high.replace("两", "二")) + 1
    assert result.unparsed  # flagged: one of two lengths


@given(st.dates(dt.date(2001, 1, 1), dt.date(2098, 12, 30)), st.booleans())
def test_two_days_from_the_reference(reference: dt.date, today: bool) -> None:
    words = "今明两天" if today else "明后两天"
    (part,) = shixian.normalize(f"预计{words}有雨", reference=reference).parts
    first = reference + dt.timedelta(days=0 if today else 1)
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (first, first + dt.timedelta(days=1))


@given(st.sampled_from("一二三四五六七八九"), st.integers(1, 12), st.integers(1, 28))
def test_a_heading_number_before_a_date_is_no_month(heading: str, month: int, day: int) -> None:
    (part,) = shixian.normalize(f"{heading}、{month}月{day}日采样时间", reference=2022).parts
    assert isinstance(part, shixian.Window)
    assert part.start == dt.date(2022, month, day)
