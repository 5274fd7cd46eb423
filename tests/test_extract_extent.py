"""How far extract()'s matches reach (shixian/grammar/extent.py): the words around a part
that belong to its expression. Expected spans are written by hand from the phrase shapes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import shixian

REF = dt.date(2016, 6, 30)
SUBJECTS = st.sampled_from(["行政机关", "各地", "医疗卫生服务单位", "承办单位", ""])
MODALS = st.sampled_from(["应当", "应", "须", "必须", ""])
EVENTS = st.sampled_from(["收到申请", "做出准予行政许可", "收缴罚款", "信息形成或者变更"])
DAYPARTS = st.sampled_from(["上午", "下午", "中午", "晚上"])


def _one(text: str) -> shixian.Match:
    matches = shixian.extract(text, REF)
    assert len(matches) == 1, [m.text for m in matches]
    return matches[0]


@given(SUBJECTS, MODALS, EVENTS, st.integers(1, 30), st.sampled_from(["", "该"]))
def test_a_relative_match_starts_at_its_trigger(
    subject: str, modal: str, event: str, days: int, this: str
) -> None:
    """…应当自<event>之日起N日内公开: the match is 自…内, the trigger the event (with its
    该: 自该信息形成之日起 counts from 该信息形成, the words the text gives the event)."""
    expression = f"自{this}{event}之日起{days}日内"
    text = f"{subject}{modal}{expression}予以公开。"
    m = _one(text)
    assert m.text == expression
    part = m.result.parts[0]
    assert isinstance(part, shixian.Relative)
    assert part.trigger == this + event
    assert part.offset.amount == days


@given(st.integers(1, 12), st.integers(1, 28), DAYPARTS)
def test_a_time_of_day_word_belongs_to_its_day(month: int, day: int, daypart: str) -> None:
    expression = f"{month}月{day}日{daypart}"
    m = _one(f"会议于{expression}召开。")
    assert m.text == expression
    assert m.result.parts[0].start == m.result.parts[0].end == dt.date(2016, month, day)


@given(st.integers(2000, 2030), st.integers(1, 12))
def test_closing_words_belong_to_the_match(year: int, month: int) -> None:
    text = f"统计期限为{year}年1月1日至{year}年{month}月10日止,请核对。"
    assert _one(text).text == f"{year}年1月1日至{year}年{month}月10日止"
    assert _one(f"截至{month}月底止,执行率达90%。").text == f"截至{month}月底止"


def test_in_force_and_latest_words() -> None:
    assert _one("本办法自2022年6月1日起施行。").text == "自2022年6月1日起施行"
    assert _one("各选区将最迟在10月18日前公布选民名单。").text == "最迟在10月18日前"
    assert _one("选举时间调整至2021年。").text == "调整至2021年"


def test_a_year_word_before_a_finer_date_is_one_match() -> None:
    m = _one("要求各地须在年内6月30日前一次性公开。")
    assert m.text == "年内6月30日前"
    assert m.result.due == dt.date(2016, 6, 30)


@given(st.integers(100, 199), st.sampled_from(["5月31日", "12月31日", "下半年"]))
def test_a_three_digit_year_never_gives_the_reference_year(year: int, rest: str) -> None:
    """105年5月31日 (an ROC year without 民国): a failure, never a date of 2016."""
    text = f"工程會表示,{year}年{rest}完工。"
    matches = shixian.extract(text, REF)
    assert matches == []
    assert [f.text for f in matches.failures] == [f"{year}年{rest}"]
    assert matches.failures[0].error_type == "GarbledDate"


def test_a_day_counted_from_the_reference() -> None:
    m = _one("昨日,选举办工作人员正在核对名单。")
    assert (m.text, m.result.parts[0].start) == ("昨日", dt.date(2016, 6, 29))
    m = _one("行政院長今(5)日在院會聽取報告。")
    assert (m.text, m.result.parts[0].start) == ("今(5)日", dt.date(2016, 6, 5))
    assert _one("今天上午大会举行了预备会议。").text == "今天上午"
