"""Families of the ninth session, as properties over their numbers and spellings:

* a numeric date range whose far end tells only its month and day, or only its day
  (2018.11.14—12.5, 2019.10.8-12), is the range; it was the first day alone, the far
  end dropped without a word;
* after 农历 / 阴历 a lunar day needs no 初 and may be written in digits (农历五月五日,
  农历5月5日): these were read as Gregorian dates;
* 清明日 is the day of 清明, not 明日 (tomorrow) after 清;
* two quarters written as two digits (二三季度) are a range, as 一二月份 is;
* prompt words told again in one phrase are one promptness, rates and round-the-clock
  services are no time;
* a run told from its start to its closing word (从11月1日起,11月20日截止) is a window, and a
  run of days something is moved to (延至4月16日至19日举行) is that run;
* day-first slashed dates (16/04/2020), 第二年 before a month, a lunar day beside a date
  (2月10日(初一)) and a heading's number before a date (一、5月份, 1、3月25日前).
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian

from .strategies import cn_number

REFERENCES = st.dates(dt.date(1990, 1, 1), dt.date(2095, 12, 31))
YEARS = st.integers(1990, 2090)
SEPARATORS = st.sampled_from([".", "/", "-"])
CONNECTORS = st.sampled_from(["—", "-", "至", "到", "~", "——"])


@st.composite
def _spans(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    """Two dates of one year, or of a year and the next (the far one then in an earlier
    month than the first: the span of a year told once), the first not after the last."""
    year = draw(YEARS)
    first = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if first.month == 1 or draw(st.booleans()):
        return first, draw(st.dates(first, dt.date(year, 12, 31)))
    # into the next year, in a month before first's (a range back into the same month is
    # refused, as 2018.11.14-5 is)
    upper = dt.date(year + 1, first.month, 1) - dt.timedelta(days=1)
    return first, draw(st.dates(dt.date(year + 1, 1, 1), upper))


def _date(day: dt.date, sep: str, pad: bool) -> str:
    month, dom = (f"{day.month:02}", f"{day.day:02}") if pad else (str(day.month), str(day.day))
    return f"{month}{sep}{dom}"


@given(_spans(), SEPARATORS, CONNECTORS, st.booleans(), REFERENCES)
def test_a_numeric_range_with_its_year_told_once(
    span: tuple[dt.date, dt.date], sep: str, connector: str, pad: bool, reference: dt.date
) -> None:
    first, last = span
    if sep == "-" and connector == "-":
        connector = "至"  # 2018-11-14-12-05 is not written
    head = f"{first.year}{sep}{_date(first, sep, pad)}{connector}"
    text = head + _date(last, sep, pad)
    full = f"{head}{last.year}{sep}{_date(last, sep, pad)}"
    part = shixian.normalize(text, reference=reference).parts
    assert len(part) == 1
    assert (part[0].kind, part[0].start, part[0].end) == ("window", first, last)
    assert str(shixian.normalize(full, reference=reference)) == str(
        shixian.normalize(text, reference=reference)
    )


@given(YEARS, st.integers(1, 12), st.data(), st.sampled_from(["", "日", "号"]), REFERENCES)
def test_a_numeric_range_ending_on_a_day(
    year: int, month: int, data: st.DataObject, suffix: str, reference: dt.date
) -> None:
    last_day = calendar.monthrange(year, month)[1]
    first = data.draw(st.integers(1, last_day))
    last = data.draw(st.integers(first, last_day))
    text = f"{year}.{month}.{first}-{last}{suffix}"
    (part,) = shixian.normalize(text, reference=reference).parts
    assert (part.start, part.end) == (dt.date(year, month, first), dt.date(year, month, last))
    # and a deadline at its end with 前
    (due,) = shixian.normalize(f"{text}前", reference=reference).parts
    assert (due.kind, due.due) == ("deadline", dt.date(year, month, last))


def test_a_range_backwards_in_its_month_is_refused() -> None:
    with pytest.raises(shixian.InvalidDate):
        shixian.normalize("2018.11.14-5", reference=dt.date(2018, 1, 1))


def test_a_count_after_a_numeric_date_is_no_range() -> None:
    found = shixian.extract(
        "活动时间2018.11.14-5人参加,另于2018.11.14-12.5举行", reference=dt.date(2018, 1, 1)
    )
    assert [m.text for m in found] == ["2018.11.14", "2018.11.14-12.5"]
    assert found[1].result.parts[0].end == dt.date(2018, 12, 5)


_LUNAR_PREFIXES = st.sampled_from(["农历", "阴历", "農曆", "陰曆"])


@given(_LUNAR_PREFIXES, st.integers(1, 12), st.integers(1, 10), REFERENCES)
def test_a_lunar_day_after_its_prefix_needs_no_chu(
    prefix: str, month: int, day: int, reference: dt.date
) -> None:
    month_word = "正" if month == 1 else cn_number(month)
    with_chu = shixian.normalize(f"{prefix}{month_word}月初{cn_number(day)}", reference=reference)
    for text in (
        f"{prefix}{month_word}月{cn_number(day)}日",
        f"{prefix}{month}月{day}日",
        f"{prefix}{month}月初{cn_number(day)}",
    ):
        assert str(shixian.normalize(text, reference=reference)) == str(with_chu), text


@given(_LUNAR_PREFIXES, st.integers(1, 12), st.integers(11, 29), REFERENCES)
def test_a_lunar_day_in_digits(prefix: str, month: int, day: int, reference: dt.date) -> None:
    words = shixian.normalize(f"{prefix}{cn_number(month)}月{cn_number(day)}", reference=reference)
    assert str(shixian.normalize(f"{prefix}{month}月{day}日", reference=reference)) == str(words)


def test_the_dragon_boat_day_in_lunar_words() -> None:
    # 端午 (农历五月初五) of 2016 was June 9, of 2024 June 10
    for text in ("农历五月五日", "农历5月5日", "(三)端午节(农历五月五日)"):
        part = shixian.normalize(text, reference=dt.date(2024, 1, 10)).parts[-1]
        assert (part.start, part.end) == (dt.date(2024, 6, 10), dt.date(2024, 6, 10)), text


@given(REFERENCES, st.sampled_from(["清明日", "定于清明日", "清明当日", "清明当天"]))
def test_qingming_ri_is_the_festival(reference: dt.date, text: str) -> None:
    festival = shixian.normalize("清明节", reference=reference).parts[0]
    part = shixian.normalize(text, reference=reference).parts[0]
    assert (part.start, part.end) == (festival.start, festival.end)


@given(st.integers(1, 3), st.sampled_from(["", "2023年", "今年"]))
def test_two_quarters_in_two_digits(first: int, year: str) -> None:
    reference = dt.date(2023, 2, 10)
    text = f"{year}{cn_number(first)}{cn_number(first + 1)}季度"
    (part,) = shixian.normalize(text, reference=reference).parts
    start = dt.date(2023, 3 * first - 2, 1)
    end_month = 3 * (first + 1)
    end = dt.date(2023, end_month, calendar.monthrange(2023, end_month)[1])
    assert (part.kind, part.start, part.end) == ("window", start, end)


@pytest.mark.parametrize("text", ["一三季度", "四五季度", "二四季度"])
def test_two_quarters_that_are_not_neighbours_are_refused(text: str) -> None:
    with pytest.raises(shixian.InvalidDate):
        shixian.normalize(text, reference=dt.date(2023, 2, 10))


# -- one promptness per phrase ------------------------------------------------------

_PROMPTS = st.sampled_from(["及时", "立即", "马上", "第一时间", "尽快", "迅速", "当场", "即知即改"])
_VERBS = st.sampled_from(["上报", "处置", "整改", "答复", "办结", "报告"])
_JOINS = st.sampled_from(["并", "、", ",", "和"])


@given(st.lists(st.tuples(_PROMPTS, _VERBS), min_size=2, max_size=4), _JOINS)
def test_prompt_words_told_again_are_one_promptness(
    duties: list[tuple[str, str]], join: str
) -> None:
    text = "发现问题后" + join.join(word + verb for word, verb in duties)
    result = shixian.normalize(text, reference=dt.date(2021, 3, 1))
    (part,) = result.parts
    assert part.kind == "relative" and part.offset.amount == 0
    # the part covers every prompt word it restates
    assert part.text.endswith(duties[-1][0]) and duties[0][0] in part.text


def test_a_prompt_after_an_event_of_its_own_is_a_part_of_its_own() -> None:
    result = shixian.normalize(
        "收到申请后立即受理,办结后及时通知申请人", reference=dt.date(2021, 3, 1)
    )
    assert [p.trigger for p in result.parts] == ["收到申请", "办结"]


def test_in_running_text_each_prompt_word_is_a_match() -> None:
    found = shixian.extract("网点可当场接收申请并及时做出处理。", reference=dt.date(2021, 3, 1))
    assert [m.text for m in found] == ["当场", "及时"]


@pytest.mark.parametrize(
    "text",
    [
        "按期办结率和及时率均达100%",
        "回复及时率",
        "数据报送质量和及时性",
        "急诊24小时照常上班",
        "本院急救电话(24小时开通)",
        "实行24小时驻守",
        "坚持24小时值班",
    ],
)
def test_rates_and_round_the_clock_services_are_no_time(text: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(text, reference=dt.date(2021, 3, 1))


def test_a_limit_of_hours_after_a_rule_verb_stays_a_limit() -> None:
    (part,) = shixian.normalize("实行24小时内办结", reference=dt.date(2021, 3, 1)).parts
    assert (part.kind, part.offset.amount) == ("relative", 24)


# -- a run told from its start to its closing word ---------------------------------


@st.composite
def _runs(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    first = draw(st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 30)))
    return first, draw(st.dates(first + dt.timedelta(days=1), dt.date(2021, 12, 31)))


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


@given(
    _runs(),
    st.sampled_from(
        [
            "从{a}起,{b}截止",
            "{a}开始报名,{b}截止",
            "从{a}开始轮休,{b}轮休结束",
            "自{a}起施行,{b}止",
            "从{a}开始,提前至{b}结束",
            "{a}开始,{b}结束",
        ]
    ),
    st.sampled_from(["", "登记工作", "我市的选民登记工作"]),
)
def test_a_run_from_its_start_to_its_closing_word(
    run: tuple[dt.date, dt.date], form: str, head: str
) -> None:
    text = head + form.format(a=_md(run[0]), b=_md(run[1]))
    (part,) = shixian.normalize(text, reference=dt.date(2021, 1, 1)).parts
    assert (part.kind, part.start, part.end) == ("window", run[0], run[1])


@given(_runs(), st.sampled_from(["延至", "推迟至", "改至", "调整到"]))
def test_moved_to_a_run_of_days(run: tuple[dt.date, dt.date], verb: str) -> None:
    first, last = run
    far = f"{last.day}日" if last.month == first.month else _md(last)
    text = f"考试{verb}2021年{_md(first)}至{far}举行"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 1, 1)).parts
    assert (part.kind, part.start, part.end) == ("window", first, last)


# -- day-first slashed dates, 第二年, a lunar note ----------------------------------


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.booleans())
def test_a_day_first_slashed_date(day: dt.date, pad: bool) -> None:
    d, m = (f"{day.day:02}", f"{day.month:02}") if pad else (str(day.day), str(day.month))
    (part,) = shixian.normalize(f"{d}/{m}/{day.year}", reference=dt.date(2021, 1, 1)).parts
    assert (part.start, part.end) == (day, day)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.data())
def test_a_day_first_range_ending_in_a_full_date(day: dt.date, data: st.DataObject) -> None:
    first = data.draw(st.integers(1, day.day))
    text = f"{first:02} – {day.day:02}/{day.month:02}/{day.year}"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 1, 1)).parts
    assert (part.start, part.end) == (day.replace(day=first), day)


@given(st.integers(2, 12), st.integers(1, 11), REFERENCES)
def test_dier_nian_before_a_month_is_the_next_year(
    start: int, end: int, reference: dt.date
) -> None:
    text = f"{start}月至第二年{end}月"
    same = shixian.normalize(f"{start}月至次年{end}月", reference=reference)
    assert str(shixian.normalize(text, reference=reference)) == str(same)


@given(st.integers(2000, 2040), st.integers(1, 12))
def test_a_lunar_day_beside_a_date_picks_its_year(year: int, month: int) -> None:
    from shixian.calendar.festivals import lunar_to_solar

    day = lunar_to_solar(year, month, 1)  # a 初一
    reference = dt.date(day.year, 1, 1) + dt.timedelta(days=200)  # its year or the one before
    reference = reference.replace(year=day.year - 1) if day.month > 6 else reference
    text = f"{day.month}月{day.day}日(初一)"
    (part,) = shixian.normalize(text, reference=reference).parts
    assert part.start == day and part.year_inferred


# -- headings' numbers before dates --------------------------------------------------


@given(
    st.integers(1, 9), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["底前", "", "前"])
)
def test_a_heading_number_before_a_date_is_no_month(
    number: int, month: int, day: int, tail: str
) -> None:
    reference = dt.date(2014, 1, 10)
    heading = shixian.normalize(f"{cn_number(number)}、{month}月{tail}完成", reference=reference)
    plain = shixian.normalize(f"{month}月{tail}完成", reference=reference)
    assert [p.to_dict() | {"text": "", "span": None} for p in heading.parts] == [
        p.to_dict() | {"text": "", "span": None} for p in plain.parts
    ]
    dated = f"{number}、{month}月{day}日前,由市信息办负责"
    (part,) = shixian.normalize(dated, reference=reference).parts
    assert part.due == dt.date(2014, month, day)


# -- restated years, festivals apart, just passed --------


def test_another_series_plan_is_not_the_national_one() -> None:
    text = "关于在公民中开展法治宣传教育的第七个五年规划(2016-2020年)"
    parts = shixian.normalize(text, reference=dt.date(2016, 5, 1)).parts
    assert [(p.start, p.end) for p in parts] == [(dt.date(2016, 1, 1), dt.date(2020, 12, 31))]


@given(
    st.integers(11, 15),
    st.sampled_from(["“{}”时期({}-{}年)", "“{}”({}—{}年)时期", "{}规划({}-{}年)"]),
)
def test_years_restating_a_plan_in_brackets_are_one_window(number: int, form: str) -> None:
    from shixian.calendar.occasions import plan_years
    from shixian.grammar.rules.festival_words import PLAN_WORDS

    name = next(k for k, v in PLAN_WORDS.items() if v == number)
    first, last = plan_years(number)
    text = form.format(name, first, last)
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert (part.start, part.end) == (dt.date(first, 1, 1), dt.date(last, 12, 31))


@given(st.dates(dt.date(2010, 1, 1), dt.date(2025, 12, 31)))
def test_festivals_months_apart_are_each_their_own_window(reference: dt.date) -> None:
    both = shixian.normalize("春节、国庆节期间", reference=reference).parts
    alone = [shixian.normalize(w, reference=reference).parts[0] for w in ("春节期间", "国庆节期间")]
    assert [(p.start, p.end) for p in both] == [(p.start, p.end) for p in alone]
    (joined,) = shixian.normalize("元旦春节期间", reference=reference).parts
    assert (joined.end - joined.start).days < 62


@given(st.integers(2010, 2025), st.integers(1, 30), st.sampled_from(["国庆节期间", "国庆假期"]))
def test_a_festival_just_passed_is_the_one_a_text_soon_after_means(
    year: int, after: int, word: str
) -> None:
    (period,) = shixian.normalize(f"{year}年{word}", reference=dt.date(year, 1, 1)).parts
    reference = period.end + dt.timedelta(days=after)
    (part,) = shixian.normalize(word, reference=reference).parts
    assert (part.start, part.end) == (period.start, period.end) and part.year_inferred
    # a deadline before it looks ahead
    (due,) = shixian.normalize("国庆节前", reference=reference).parts
    assert due.due > reference


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(["或以前", "或之前"]))
def test_on_or_before(day: dt.date, words: str) -> None:
    text = f"必须于{day.year}年{day.month}月{day.day}日{words}把反对书送达"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert (part.kind, part.due) == ("deadline", day)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
def test_not_before_is_from_it_on(day: dt.date) -> None:
    text = f"开学时间不早于{day.year}年{day.month}月{day.day}日"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert (part.kind, part.start) == ("ongoing", day)


@given(st.integers(1, 9), st.sampled_from(["×", "*", "x"]), st.integers(10, 24))
def test_a_product_of_hours_is_round_the_clock(days: int, times: str, hours: int) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"提供{days}{times}{hours}小时服务", reference=dt.date(2021, 3, 1))


@given(st.integers(1990, 2030), st.sampled_from(["O", "o", "Ο", "О"]), st.integers(1, 12))
def test_the_letter_o_in_a_year_of_chinese_numerals(year: int, letter: str, month: int) -> None:
    words = "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
    typed = words.replace("〇", letter)
    reference = dt.date(2021, 3, 1)
    expected = shixian.normalize(f"{words}年{cn_number(month)}月", reference=reference)
    got = shixian.normalize(f"{typed}年{cn_number(month)}月", reference=reference)
    assert [(p.start, p.end, p.year_inferred) for p in got.parts] == [
        (p.start, p.end, p.year_inferred) for p in expected.parts
    ]


@given(
    st.sampled_from(["及时", "尽快", "立即", "迅速"]),
    st.integers(1, 12),
    st.sampled_from(["于", "在"]),
)
def test_a_prompt_leading_a_deadline_is_that_deadline(word: str, month: int, at: str) -> None:
    reference = dt.date(2016, 5, 1)
    (part,) = shixian.normalize(f"请{word}{at}{month}月底前报送", reference=reference).parts
    last = calendar.monthrange(2016, month)[1]
    assert (part.kind, part.due) == ("deadline", dt.date(2016, month, last))


@given(st.integers(2000, 2040), st.integers(1, 59), st.sampled_from(["冬季", "今冬明春"]))
def test_a_season_across_the_new_year_read_in_its_first_months(
    year: int, day: int, word: str
) -> None:
    reference = dt.date(year, 1, 1) + dt.timedelta(days=day - 1)  # January or February
    (part,) = shixian.normalize(word, reference=reference).parts
    assert part.start == dt.date(year - 1, 12, 1) and part.start <= reference <= part.end


@given(_spans(), CONNECTORS, REFERENCES)
def test_a_dotted_far_end_after_a_written_date(
    span: tuple[dt.date, dt.date], connector: str, reference: dt.date
) -> None:
    first, last = span
    text = f"{first.year}年{first.month}月{first.day}日{connector}{last.month}.{last.day}"
    (part,) = shixian.normalize(text, reference=reference).parts
    assert (part.kind, part.start, part.end) == ("window", first, last)
