"""Families of the eighth session (blind set 17), as properties over their numbers and
spellings:

* a range of days whose last day is written as a length (7月1—7日内) is the range;
* 每隔N is every N (每隔一 every other); 每N小时 is 24/N times a day, or only periodic when N
  does not divide a day, and an amount per hour (每小时20公里) is no schedule;
* a bare number, a connector and a quarter are a range of quarters (1-3季度);
* a decade (20世纪50年代, 80年代, 1990年代) is its ten years, some of them by convention
  with 初 / 中期 / 末;
* the edge of a month named from the reference (本月底, 下月初) is that month's edge;
* the length of a work told in plain words (开展为期3个月的巡视) is its bare length;
* a yearly span of days across the new year is the months it runs through;
* conditions on lengths (超过3小时, 一周以上, 提前了三个月), tallies of days (优良天数达到333天)
  and cycles (两个周期) are no time.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import shixian
from shixian.calendar.festivals import festival_day, lunar_to_solar
from shixian.calendar.periods import add_months

from .strategies import cn_number

REFERENCE = dt.date(2021, 3, 1)
REFERENCES = st.dates(dt.date(1990, 1, 1), dt.date(2095, 12, 31))
CONNECTORS = st.sampled_from(["—", "-", "至", "到", "~"])


def _number(n: int, chinese: bool) -> str:
    return cn_number(n) if chinese else str(n)


@st.composite
def _day_ranges(draw: st.DrawFn) -> tuple[int, int, int]:
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(2001, month)[1]
    first = draw(st.integers(1, last - 1))
    return month, first, draw(st.integers(first + 1, last))


@given(
    _day_ranges(),
    CONNECTORS,
    st.sampled_from(["", "日"]),
    st.sampled_from(["内", "以内", "之内"]),
    st.booleans(),
    st.sampled_from(["", "在", "请于"]),
)
def test_a_day_range_whose_last_day_reads_as_a_length(
    days: tuple[int, int, int], connector: str, day: str, within: str, chinese: bool, head: str
) -> None:
    month, first, last = days
    text = f"{head}{month}月{first}{day}{connector}{_number(last, chinese)}日{within}完成登记"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (dt.date(2021, month, first), dt.date(2021, month, last))


@given(st.integers(2, 30), st.sampled_from(["天", "日", "周", "个月", "年"]), st.booleans())
def test_every_n_with_ge(n: int, unit: str, chinese: bool) -> None:
    (part,) = shixian.normalize(f"每隔{_number(n, chinese)}{unit}检查", reference=REFERENCE).parts
    assert isinstance(part, shixian.Schedule)
    every = {"天": "day", "日": "day", "周": "week", "个月": "month", "年": "year"}[unit]
    assert (part.every.value, part.interval) == (every, n)


def test_every_other_day() -> None:
    (part,) = shixian.normalize("每隔一天报送一次", reference=REFERENCE).parts
    assert isinstance(part, shixian.Schedule)
    assert (part.every.value, part.interval, part.count) == ("day", 2, 1)


@given(st.integers(1, 24), st.sampled_from(["", "一次", "报告1次", "至少巡查1次"]), st.booleans())
def test_every_n_hours(n: int, count: str, chinese: bool) -> None:
    number = "" if n == 1 else _number(n, chinese)
    (part,) = shixian.normalize(f"每{number}小时{count}", reference=REFERENCE).parts
    assert isinstance(part, shixian.Schedule)
    if 24 % n:
        assert part.every is shixian.Frequency.PERIODIC
        return
    assert part.every is shixian.Frequency.DAY
    times = part.min_count if "至少" in count else part.count
    assert times == 24 // n


@given(st.integers(1, 200), st.sampled_from(["公里", "米", "厘米", "毫米", "吨"]))
def test_an_amount_per_hour_is_no_schedule(n: int, measure: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"正以每小时{n}{measure}左右的速度逼近", reference=REFERENCE)


QUARTER_NAMES = "一二三四"


@given(
    st.integers(1, 3).flatmap(lambda a: st.tuples(st.just(a), st.integers(a + 1, 4))),
    CONNECTORS,
    st.booleans(),
    st.sampled_from(["", "第"]),
    st.one_of(st.none(), st.integers(1990, 2090)),
)
def test_a_range_of_quarters(
    quarters: tuple[int, int], connector: str, chinese: bool, ordinal: str, year: int | None
) -> None:
    first, last = quarters
    low = QUARTER_NAMES[first - 1] if chinese else str(first)
    high = QUARTER_NAMES[last - 1] if chinese else str(last)
    head = "" if year is None else f"{year}年"
    text = f"{head}{ordinal}{low}{connector}{high}季度全市生产总值"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    in_year = REFERENCE.year if year is None else year
    assert isinstance(part, shixian.Window)
    assert part.start == dt.date(in_year, 3 * first - 2, 1)
    assert part.end == dt.date(in_year, 3 * last, calendar.monthrange(in_year, 3 * last)[1])
    assert part.year_inferred is (year is None)


@given(
    st.sampled_from(
        [
            ("20世纪", 1900),
            ("二十世纪", 1900),
            ("上世纪", 1900),
            ("上个世纪", 1900),
            ("21世纪", 2000),
            ("本世纪", 2000),
        ]
    ),
    st.integers(1, 9),
    st.booleans(),
)
def test_a_decade_of_a_century(century: tuple[str, int], tens: int, chinese: bool) -> None:
    words, base = century
    decade = cn_number(10 * tens) if chinese else f"{tens}0"
    (part,) = shixian.normalize(f"{words}{decade}年代", reference=REFERENCE).parts
    assert isinstance(part, shixian.Window)
    first = base + 10 * tens
    assert (part.start, part.end) == (dt.date(first, 1, 1), dt.date(first + 9, 12, 31))


@given(
    st.integers(5, 9),
    st.booleans(),
    st.sampled_from([("", 0, 9), ("初", 0, 2), ("初期", 0, 2), ("中期", 3, 6), ("末", 7, 9)]),
)
def test_a_bare_decade_is_the_twentieth_centurys(
    tens: int, chinese: bool, edge: tuple[str, int, int]
) -> None:
    word, low, high = edge
    decade = cn_number(10 * tens) if chinese else f"{tens}0"
    (part,) = shixian.normalize(f"{decade}年代{word}", reference=REFERENCE).parts
    assert isinstance(part, shixian.Window)
    first = 1900 + 10 * tens
    assert (part.start, part.end) == (dt.date(first + low, 1, 1), dt.date(first + high, 12, 31))
    assert part.fuzzy is bool(word)


@given(
    REFERENCES,
    st.sampled_from([("本月", 0), ("上月", -1), ("下月", 1), ("下个月", 1)]),
    st.sampled_from([("底", 21, None), ("末", 21, None), ("初", 1, 10)]),
)
def test_the_edge_of_a_month_named_from_the_reference(
    reference: dt.date, month: tuple[str, int], edge: tuple[str, int, int | None]
) -> None:
    words, shift = month
    word, first, last = edge
    # 下月底(前) is the relative 次月底前 (docs/semantics.md)
    assume(not (words.startswith("下") and word != "初"))
    (part,) = shixian.normalize(f"{words}{word}", reference=reference).parts
    named = add_months(reference.replace(day=1), shift)
    end = calendar.monthrange(named.year, named.month)[1] if last is None else last
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (named.replace(day=first), named.replace(day=end))
    assert part.fuzzy


@given(
    st.integers(1, 30),
    st.sampled_from(
        [("天", "day"), ("日", "day"), ("周", "week"), ("个月", "month"), ("年", "year")]
    ),
    st.sampled_from(["为期", "历时"]),
    st.sampled_from(["开展{}的巡视工作", "并对审核结果进行{}的公示", "本次大检查{}"]),
    st.booleans(),
)
def test_the_length_of_a_work_in_plain_words(
    n: int, unit: tuple[str, str], lasting: str, sentence: str, chinese: bool
) -> None:
    words, name = unit
    text = sentence.format(f"{lasting}{_number(n, chinese)}{words}")
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit.value) == (n, name)


@given(
    st.integers(2, 12).flatmap(lambda m: st.tuples(st.just(m), st.integers(1, m - 1))),
    st.integers(1, 28),
    st.integers(1, 28),
)
def test_a_yearly_season_across_the_new_year(
    months: tuple[int, int], first_day: int, last_day: int
) -> None:
    start, end = months
    text = f"每年{start}月{first_day}日至次年{end}月{last_day}日为防火期"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Schedule)
    assert part.every is shixian.Frequency.YEAR
    assert part.months == tuple(range(1, end + 1)) + tuple(range(start, 13))
    assert part.day is None


@given(
    st.integers(1, 30),
    st.sampled_from(["小时", "天", "个工作日", "周", "个月"]),
    st.sampled_from(
        [
            "考试时间超过{}或有特殊要求的科目",
            "因公外出{}以上的",
            "整个征兵时间提前了{}",
            "优良天数达到{}",
        ]
    ),
)
def test_conditions_on_lengths_are_no_time(n: int, unit: str, sentence: str) -> None:
    if "天数" in sentence:
        unit = "天"
    if "以上" in sentence and unit in ("个工作日", "个月"):
        unit = "天"
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(sentence.format(f"{n}{unit}"), reference=REFERENCE)


@pytest.mark.parametrize("text", ["每个周期", "试行两个周期", "一个周期内", "经济迅速发展"])
def test_cycles_and_rates_are_no_time(text: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(text, reference=REFERENCE)


@pytest.mark.parametrize(
    "text",
    ["不得超过30日", "不应超过30日", "提前3天以上告知", "超过30日内"],
)
def test_caps_and_limits_stay_limits(text: str) -> None:
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert part.offset.amount in (3, 30)


@given(st.permutations(range(7)).map(lambda p: sorted(p[:2])), st.sampled_from(["及", "和", "、"]))
def test_weekdays_repeating_their_word_after_each_week(days: list[int], joiner: str) -> None:
    names = "一二三四五六日"
    text = f"分别于每星期{names[days[0]]}{joiner}星期{names[days[1]]}公布"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Schedule)
    assert part.weekdays == tuple(days)


EVENTS = ("发现问题", "险情严重", "出现异常情况", "发生火情", "接到群众举报")


@given(
    st.sampled_from(EVENTS),
    st.sampled_from(["立即", "及时", "随时", "第一时间"]),
    st.sampled_from(["报告", "上报", "处置"]),
    st.sampled_from(["时", "之时"]),
)
def test_a_when_clause_without_a_comma(event: str, prompt: str, verb: str, when: str) -> None:
    (part,) = shixian.normalize(f"{event}{when}{prompt}{verb}", reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.trigger) == (0, event)


@given(
    st.sampled_from(["重大突发事件", "紧急情况", "险情", "重大事项"]),
    st.sampled_from(["遇有", "如遇", "遇到", "一旦发生"]),
    st.sampled_from(["要及时报告", "应立即上报并妥善处置"]),
)
def test_an_event_opening_its_clause(event: str, opener: str, duty: str) -> None:
    (part,) = shixian.normalize(f"{opener}{event},{duty}", reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.trigger) == (0, event)


@given(
    st.sampled_from(["公示期满", "审核结束", "调查完成", "任期届满"]),
    st.sampled_from(["无异议的", "的", "后的"]),
    st.integers(1, 60),
    st.booleans(),
)
def test_the_event_of_a_condition_clause(event: str, tail: str, n: int, chinese: bool) -> None:
    text = f"{event}{tail},应当在{_number(n, chinese)}个工作日内予以确认"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit.value, part.trigger) == (n, "workday", event)


@given(
    st.sampled_from(["本通知印发", "本通告发布", "本办法施行"]),
    st.sampled_from(["中央预算内投资项目", "本县境内露天场所", "计划内项目"]),
)
def test_a_things_within_is_no_limit(event: str, thing: str) -> None:
    text = f"自{event}之日起,{thing}均应按照本通知执行"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.trigger) == (0, event)


@given(
    st.integers(1, 11).flatmap(lambda m: st.tuples(st.just(m), st.integers(m + 1, 12))),
    st.integers(1, 28),
    st.integers(1, 28),
)
def test_a_yearly_span_across_months(months: tuple[int, int], first: int, last: int) -> None:
    start, end = months
    (part,) = shixian.normalize(
        f"每年{start}月{first}日至{end}月{last}日", reference=REFERENCE
    ).parts
    assert isinstance(part, shixian.Schedule)
    assert part.months == tuple(range(start, end + 1)) and part.day is None


@given(
    st.integers(1, 12),
    st.integers(1, 27).flatmap(lambda d: st.tuples(st.just(d), st.integers(d + 1, 28))),
)
def test_a_yearly_span_in_one_month_is_due_on_its_last_day(
    month: int, days: tuple[int, int]
) -> None:
    first, last = days
    text = f"每年{month}月{first}日至{month}月{last}日申报"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Schedule)
    assert (part.months, part.day) == ((month,), last)


WEEKDAYS = "一二三四五六日"


@given(st.integers(2001, 2090), st.sampled_from(["除夕", "农历除夕"]))
def test_a_festival_note_tells_the_year(year: int, eve: str) -> None:
    """1月28日(除夕) in a notice of the November before: the year the festival falls then."""
    day = festival_day("除夕", year)
    text = f"{day.month}月{day.day}日({eve})"
    (part,) = shixian.normalize(text, reference=dt.date(year - 1, 11, 20)).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (day, day)
    assert part.year_inferred  # the text still writes no year


@given(st.integers(2001, 2090))
def test_a_holiday_range_with_compound_notes(year: int) -> None:
    eve, seventh = festival_day("除夕", year), lunar_to_solar(year, 1, 7)
    text = (
        f"春节:{eve.month}月{eve.day}日(农历除夕、周{WEEKDAYS[eve.weekday()]})至"
        f"{seventh.month}月{seventh.day}日(农历正月初七、周{WEEKDAYS[seventh.weekday()]})放假调休"
    )
    (part,) = shixian.normalize(text, reference=dt.date(year - 1, 11, 20)).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (eve, seventh)
    assert shixian.normalize(text, reference=dt.date(year - 1, 11, 20)).complete


@given(st.dates(dt.date(2001, 1, 1), dt.date(2090, 12, 31)))
def test_a_day_without_its_ri_before_a_weekday_note(day: dt.date) -> None:
    text = f"{day.month}月{day.day}(周{WEEKDAYS[day.weekday()]})放假"
    result = shixian.normalize(text, reference=day.replace(month=1, day=1))
    (part,) = result.parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (day, day) and result.complete


@given(st.integers(1, 30).flatmap(lambda n: st.tuples(st.just(n), st.integers(n + 1, 60))))
def test_an_extension_to_a_total(lengths: tuple[int, int]) -> None:
    base, total = lengths
    text = f"应当自受理之日起{base}个工作日内办结;特殊情况下,可以延长至{total}个工作日"
    (part,) = shixian.normalize(text, reference=REFERENCE).parts
    assert isinstance(part, shixian.Relative)
    assert part.offset.amount == base and part.trigger == "受理"
    assert part.extension is not None and part.extension.amount == total - base


@given(
    st.dates(dt.date(2001, 1, 8), dt.date(2090, 12, 31)),
    st.sampled_from([("上周", -1), ("本周", 0)]),
)
def test_a_weekday_named_from_the_reference_and_its_date(
    reference: dt.date, week: tuple[str, int]
) -> None:
    words, shift = week
    monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=shift)
    day = monday + dt.timedelta(days=3)  # that week's Thursday
    text = f"政府于{words}四({day.month}月{day.day}日)举行了会议"
    result = shixian.normalize(text, reference=reference)
    (part,) = result.parts
    assert isinstance(part, shixian.Window)
    assert part.start.month == day.month and part.start.day == day.day
    if part.start == day:
        assert result.complete  # the weekday note agrees with the date


@given(
    REFERENCES,
    st.integers(2, 10),
    st.sampled_from(["今后", "未来", "此后"]),
    st.booleans(),
)
def test_the_years_ahead_are_whole_years(
    reference: dt.date, years: int, ahead: str, chinese: bool
) -> None:
    """今后五年 in a report: the plan's whole years, from the reference's (from the next one
    when the report is written in October or later)."""
    text = f"明确了{ahead}{_number(years, chinese)}年的主要任务"
    (part,) = shixian.normalize(text, reference=reference).parts
    first = reference.year + (reference.month >= 10)
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (dt.date(first, 1, 1), dt.date(first + years - 1, 12, 31))
    assert part.year_inferred


def test_quarters_in_a_row_are_no_quarter() -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize("实现人才引育工作连续三季度位列区红榜", reference=REFERENCE)
