"""Families of the tenth session, as properties over their numbers and spellings:

* ``当月`` after the months its sentence named is those months, not the month of an
  event: ``3月、7月申报纳税期限分别截至当月15日`` is the 15th of each month named, and in
  ``每月15日前将当月工作情况上报`` it is the schedule's own month (it was a second,
  relative part, "the last day of the month of the event");
* the same day or a length (``当场或者在5日内告知``, ``当日或5日内决定``) is a limit of
  the length: it was a promptness and a limit side by side;
* ``一`` written for the dash between two lunar days (``正月初三一正月初六``) is the
  range, as ``至`` is: it was two single days;
* a template's year or month and day left as letters (``20xx年``, ``X月X日``) is no date:
  the reference's year was taken;
* a day of ``下月`` with no event, limit or schedule (``计划下月30日结束``) is that day of
  the month after the reference's; a start told with 开始 and a far end told with what
  ends and its deadline word (``2月1日开始报名,8月5日报名截止``) is the run; a count per
  period with a verb between (``一月发放一次``) is a schedule, not January; the holiday's
  length before its word (``春节七天长假``) is the official holiday;
* Hong Kong's ``年初一``, ``年初三`` are days of the lunar new year (they were 年初, the
  year's first months); two dates joined by 和 before 之间 are a range; a range of counts
  (``每月召开一至二次``) is at least its lower end; the last day of something
  (``为最后1天``) is no one-day limit; a start and its validity told in the next clause
  (``自…起生效,有效期至…``, ``有效期5年``) are the window; a lunar day just passed is that
  one; a length after 前 after a deadline's day (``有效期截止日期前90天``) is before it.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
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


@given(
    st.sampled_from(["20xx", "20XX", "20××", "20zz", "20ZZ"]),
    st.sampled_from(["国庆节放假安排", "春季", "5月", "全年工作总结", "第一季度"]),
)
def test_a_template_s_year_is_no_date(year: str, rest: str) -> None:
    with pytest.raises(shixian.GarbledDate):
        shixian.normalize(f"现将{year}年{rest}通知如下", reference=dt.date(2021, 3, 1))


@given(YEARS, st.sampled_from(["X", "x", "×", "XX"]), st.booleans())
def test_a_template_s_month_and_day_are_no_date(year: int, mask: str, ranged: bool) -> None:
    phrase = f"时间:{year}年{mask}月{mask}日" + (f"至{mask}月{mask}日" if ranged else "")
    with pytest.raises(shixian.GarbledDate):
        shixian.normalize(phrase, reference=dt.date(year, 1, 1))


@given(REFERENCES, st.integers(1, 28), st.booleans(), st.sampled_from(["下月", "下个月"]))
def test_a_day_of_next_month_said_of_the_writing_s_time(
    reference: dt.date, day: int, chinese: bool, word: str
) -> None:
    result = shixian.normalize(f"计划{word}{_day(day, chinese)}日结束", reference=reference)
    (part,) = result.parts
    nxt = (reference.replace(day=1) + dt.timedelta(days=32)).replace(day=day)
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (nxt, nxt)
    # a limit of the same words stays the month after the event (a table of duties)
    (limit,) = shixian.normalize(f"{word}{_day(day, chinese)}日前", reference=reference).parts
    assert isinstance(limit, shixian.Relative)
    assert (limit.offset.amount, limit.offset.unit, limit.offset.day) == (
        1,
        shixian.Unit.MONTH,
        day,
    )


@given(
    st.tuples(YEARS, st.integers(1, 360), st.integers(1, 300)),
    st.sampled_from(["报名", "轮休", "征兵报名"]),
    st.sampled_from(["截止", "结束"]),
)
def test_a_start_and_what_ends_then_its_closing_word(
    when: tuple[int, int, int], what: str, closing: str
) -> None:
    year, first, length = when
    start = dt.date(year, 1, 1) + dt.timedelta(days=first - 1)
    end = min(start + dt.timedelta(days=length), dt.date(year, 12, 31))
    phrase = f"{start.month}月{start.day}日开始{what},{end.month}月{end.day}日{what}{closing}"
    (part,) = shixian.normalize(phrase, reference=dt.date(year, 1, 1)).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (start, end)


@given(
    st.sampled_from(
        [
            ("一月", shixian.Frequency.MONTH),
            ("一年", shixian.Frequency.YEAR),
            ("一周", shixian.Frequency.WEEK),
        ]
    ),
    st.sampled_from(["发放", "召开", "开展", "举办", "发放"]),
    st.integers(1, 9),
)
def test_a_count_per_period_with_a_verb_between(
    period: tuple[str, shixian.Frequency], verb: str, count: int
) -> None:
    words, every = period
    phrase = f"{words}{verb}{cn_number(count)}次"
    (part,) = shixian.normalize(phrase, reference=dt.date(2019, 6, 18)).parts
    assert isinstance(part, shixian.Schedule)
    assert (part.every, part.count) == (every, count)


@pytest.mark.parametrize(
    ("festival", "length", "year", "first", "last"),
    [
        # the official holidays (State Council notices): 2014 春节 1月31日–2月6日, 国庆 7 days
        ("春节", "七天", 2014, dt.date(2014, 1, 31), dt.date(2014, 2, 6)),
        ("国庆", "7天", 2022, dt.date(2022, 10, 1), dt.date(2022, 10, 7)),
        ("国庆节", "七天", 2019, dt.date(2019, 10, 1), dt.date(2019, 10, 7)),
    ],
)
@pytest.mark.parametrize("word", ["长假", "长假期间", "假期", "黄金周"])
def test_a_holiday_s_length_before_its_word(
    festival: str, length: str, year: int, first: dt.date, last: dt.date, word: str
) -> None:
    told = shixian.normalize(f"{year}年{festival}{length}{word}", reference=dt.date(year, 1, 1))
    plain = shixian.normalize(f"{year}年{festival}{word}", reference=dt.date(year, 1, 1))
    (part,) = told.parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (first, last)
    assert [(p.start, p.end) for p in plain.parts] == [(first, last)]


@given(st.integers(2015, 2040), st.integers(1, 9), st.booleans())
def test_hong_kong_s_new_year_days_are_the_lunar_new_year_s(
    year: int, first: int, two: bool
) -> None:
    # 年初一, 年初三 (Hong Kong): days of the lunar new year, as 正月初一 is (it was 年初)
    days = "一二三四五六七八九十"
    phrase = f"设施会于年初{days[first - 1]}" + (f"、{days[first]}" if two else "") + "暂停开放"
    told = f"正月初{days[first - 1]}" + (f"至初{days[first]}" if two else "")
    reference = dt.date(year, 1, 1)
    (part,) = shixian.normalize(phrase, reference=reference).parts
    (lunar,) = shixian.normalize(told, reference=reference).parts
    assert isinstance(part, shixian.Window) and isinstance(lunar, shixian.Window)
    assert (part.start, part.end) == (lunar.start, lunar.end)
    assert (part.end - part.start).days == (1 if two else 0)


@given(YEARS, st.integers(1, 360), st.integers(1, 200), st.sampled_from(["和", "与", "及"]))
def test_two_dates_joined_before_between_are_a_range(
    year: int, first: int, length: int, join: str
) -> None:
    start = dt.date(year, 1, 1) + dt.timedelta(days=first - 1)
    end = min(start + dt.timedelta(days=length), dt.date(year, 12, 31))
    phrase = f"应在{year}年{start.month}月{start.day}日{join}{end.month}月{end.day}日之间归还"
    (part,) = shixian.normalize(phrase, reference=dt.date(year, 1, 1)).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (start, end)
    # without 之间 they stay two days
    listed = shixian.normalize(phrase.replace("之间", ""), reference=dt.date(year, 1, 1))
    assert [(p.start, p.end) for p in listed.parts] == [(start, start), (end, end)]


@given(
    st.sampled_from(
        [
            ("每月", shixian.Frequency.MONTH),
            ("每周", shixian.Frequency.WEEK),
            ("每季度", shixian.Frequency.QUARTER),
        ]
    ),
    st.integers(1, 5),
    st.integers(1, 5),
    st.sampled_from(["至", "-", "到"]),
    st.booleans(),
)
def test_a_range_of_counts_is_at_least_its_lower_end(
    period: tuple[str, shixian.Frequency], low: int, more: int, dash: str, chinese: bool
) -> None:
    words, every = period
    high = low + more
    count = f"{cn_number(low)}{dash}{cn_number(high)}" if chinese else f"{low}{dash}{high}"
    (part,) = shixian.normalize(f"{words}召开{count}次", reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Schedule)
    assert (part.every, part.min_count, part.count) == (every, low, None)


@given(
    st.sampled_from(["最后一天", "最后1天", "最後一天", "最后一日"]),
    st.integers(1, 28),
    st.integers(1, 12),
)
def test_the_last_day_of_something_is_no_length(word: str, day: int, month: int) -> None:
    phrase = f"{month}月{day}日为{word}领取报名表"
    (part,) = shixian.normalize(phrase, reference=dt.date(2018, 1, 1)).parts
    assert isinstance(part, shixian.Window)
    assert part.start == part.end == dt.date(2018, month, day)


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2080, 12, 31)),
    st.integers(1, 3000),
    st.sampled_from(["生效", "施行", "实施"]),
)
def test_a_start_valid_to_a_day_is_the_window(start: dt.date, days: int, verb: str) -> None:
    end = start + dt.timedelta(days=days)
    phrase = (
        f"自{start.year}年{start.month}月{start.day}日起{verb},"
        f"有效期至{end.year}年{end.month}月{end.day}日"
    )
    (part,) = shixian.normalize(phrase, reference=start).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (start, end)


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2080, 12, 28)).map(lambda d: d.replace(day=1)),
    st.integers(1, 10),
    st.sampled_from(["有效期", "有效期为"]),
)
def test_a_start_valid_for_years_is_the_window(start: dt.date, years: int, words: str) -> None:
    phrase = f"本办法自{start.year}年{start.month}月{start.day}日起施行,{words}{years}年"
    (part,) = shixian.normalize(phrase, reference=start).parts
    assert isinstance(part, shixian.Window)
    assert part.start == start
    assert part.end == start.replace(year=start.year + years) - dt.timedelta(days=1)


@given(st.integers(2005, 2040), st.integers(1, 10), st.integers(1, 60))
def test_a_lunar_day_just_passed_is_that_one(year: int, day: int, after: int) -> None:
    from shixian.calendar.festivals import lunar_to_solar
    from shixian.grammar.rules.festivals import JUST_PASSED

    days = "一二三四五六七八九十"
    on = lunar_to_solar(year, 1, day)
    reference = on + dt.timedelta(days=after)
    (part,) = shixian.normalize(f"正月初{days[day - 1]}", reference=reference).parts
    assert isinstance(part, shixian.Window)
    if dt.timedelta(days=after) <= JUST_PASSED:
        assert part.start == on  # the one just passed
    else:
        assert part.start == lunar_to_solar(year + 1, 1, day)  # the next one
    assert part.year_inferred


@given(st.integers(1, 120), st.sampled_from(["天", "个工作日", "日"]))
def test_a_length_after_before_after_a_deadline_s_day(n: int, unit: str) -> None:
    phrase = f"驾驶证有效期截止日期前{n}{unit}可申请换证"
    (part,) = shixian.normalize(phrase, reference=dt.date(2024, 5, 15)).parts
    assert isinstance(part, shixian.Relative)
    assert part.direction is shixian.Direction.BEFORE
    assert part.offset.amount == n
    assert part.trigger is not None and part.trigger.endswith("截止日期")


@given(st.integers(2000, 2080), st.integers(1, 300), st.integers(1, 60), st.integers(0, 40))
def test_a_start_that_goes_on_to_later_dates(year: int, first: int, gap: int, length: int) -> None:
    # 自1月20日起停课,2月1日至2月10日继续停课: from the start to the end told after 继续
    start = dt.date(year, 1, 1) + dt.timedelta(days=first - 1)
    lo = start + dt.timedelta(days=gap)
    hi = lo + dt.timedelta(days=length)
    if hi.year != year:
        return
    phrase = (
        f"自{start.month}月{start.day}日起停课,"
        f"{lo.month}月{lo.day}日至{hi.month}月{hi.day}日继续停课"
    )
    (part,) = shixian.normalize(phrase, reference=dt.date(year, 1, 1)).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (start, hi)
