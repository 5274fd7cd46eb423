"""Families of the seventh session (blind set 15), as properties over their numbers and
spellings:

* the year of a date or a year's end told before 全年, 年内 or 年底 in its sentence is
  theirs (至2024年底,全年信访问题受理率…: 2024's whole year, not the reference's);
* an event that ends or delivers, named before 后 / 以后 / 之后 with no length (大会闭会后,
  施工完成以后, 收到通知后), is a limit after it whose length the text does not give;
  other words before 后 (建成后将带动) and a 后 that qualifies a noun (审定后的方案) are
  no limit;
* a limit in the clause after 在<event>时 counts from that event, as one part;
* traditional characters beyond the time words (閉會, 納稅) read as their simplified text;
* the eve of a festival (国庆前夕) is a fuzzy window on the day before its day;
* a year naming a meeting or inside a title after a date told (7月28日,召开2017年征兵工作会议)
  is a label, no window; before other words it stays their period;
* a limit before words that qualify people (48小时内接种新冠疫苗的人员) counts from their event;
* a negated prompt word (不能当场, 未按时, 没有及时) is no time;
* a receipt named with 的 before a limit (收到行政复议申请的60日内) is its event;
* a day-first time stamp (16.09.2018 04:32) is that day;
* a bare day and 后 after an event (收到通知3日后) is that many days after it;
* a date after which work stops (6月30日后将不再接受补报) is a deadline;
* periodic work named by its period (月度跟踪、半年评估、年度考核) is a schedule each.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian
from shixian.grammar.clean import clean

from .strategies import cn_number

YEARS = st.integers(1990, 2090)
REFERENCES = st.dates(dt.date(1990, 1, 1), dt.date(2095, 12, 31))


@given(YEARS, REFERENCES, st.sampled_from(["全年", "年内"]), st.sampled_from(["至", "截至", "到"]))
def test_a_whole_year_after_a_year_end_told(
    year: int, reference: dt.date, whole: str, until: str
) -> None:
    result = shixian.normalize(
        f"{until}{year}年底,{whole}信访问题受理率显著提高", reference=reference
    )
    deadline, window = result.parts
    assert isinstance(deadline, shixian.Deadline) and deadline.due == dt.date(year, 12, 31)
    assert isinstance(window, shixian.Window)
    assert (window.start, window.end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert not window.year_inferred


@given(YEARS, st.integers(1, 12), REFERENCES)
def test_a_year_end_after_a_date_told(year: int, month: int, reference: dt.date) -> None:
    text = f"{year}年{month}月底前完成方案;年底前完成验收"
    first, second = shixian.normalize(text, reference=reference).parts
    assert isinstance(first, shixian.Deadline) and first.due.year == year
    assert isinstance(second, shixian.Deadline) and second.due == dt.date(year, 12, 31)
    assert not second.year_inferred


EVENTS = ("大会闭会", "会议结束", "施工完成", "项目竣工", "公示期满", "方案印发", "收到通知")


@given(
    st.sampled_from(EVENTS),
    st.sampled_from(["后", "以后", "之后"]),
    st.sampled_from(["", "在", "各单位在", "应当在"]),
    st.sampled_from(["", "审议", ",逐步恢复供水"]),
)
def test_after_an_event_with_no_length(event: str, after: str, head: str, tail: str) -> None:
    text = f"{head}{event}{after}{tail}"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Relative)
    assert part.offset.amount is None
    assert part.trigger == event
    assert text[part.span[0] : part.span[1]].startswith(event)


@pytest.mark.parametrize(
    "text",
    ["项目建成后将带动就业", "经本单位主要负责人审定后的细化方案", "然后", "会议结束后的方案"],
)
def test_words_before_after_that_name_no_limit(text: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(text, reference=dt.date(2021, 3, 1))


@given(st.sampled_from(EVENTS), st.integers(1, 12))
def test_an_event_after_has_the_limit_of_its_sentence(event: str, day: int) -> None:
    """督查结束后应于4月8日前写出总结: the date is the limit, the event is no part."""
    (part,) = shixian.normalize(
        f"{event}后应于4月{day}日前写出总结", reference=dt.date(2022, 3, 1)
    ).parts
    assert isinstance(part, shixian.Deadline) and part.due == dt.date(2022, 4, day)


@given(st.integers(1, 72), st.sampled_from(["小时", "个工作日", "日"]), st.booleans())
def test_a_limit_after_the_time_of_an_event(n: int, unit: str, chinese: bool) -> None:
    number = cn_number(n) if chinese else str(n)
    text = f"要求各部门在接到交办的工单时,{number}{unit}内办结回复"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Relative)
    assert part.offset.amount == n
    assert part.trigger == "接到交办的工单"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("在大會閉會後審議", "在大会闭会后审议"), ("納稅年度結束後", "纳税年度结束后")],
)
def test_traditional_characters_beyond_the_time_words(traditional: str, simplified: str) -> None:
    assert clean(traditional).text == simplified
    assert len(clean(traditional).text) == len(traditional)  # one character for one


@given(
    st.integers(2001, 2090), st.sampled_from(["国庆", "国庆节", "“十一”", "五一", "劳动节", "元旦"])
)
def test_the_eve_of_a_gregorian_festival(year: int, festival: str) -> None:
    day = {"元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1)}.get(festival, (10, 1))
    (part,) = shixian.normalize(f"在{year}年{festival}前夕", reference=dt.date(year, 1, 1)).parts
    eve = dt.date(year, *day) - dt.timedelta(days=1)
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end, part.fuzzy) == (eve, eve, True)


MEETINGS = (
    "征兵工作会议",
    "民生工程推进会",
    "春耕备耕工作部署会",
    "全国交通运输工作会议在北京召开",
)


@given(st.integers(1, 12), st.integers(1, 28), st.integers(1990, 2090), st.sampled_from(MEETINGS))
def test_a_year_naming_a_meeting_after_a_date(
    month: int, day: int, year: int, meeting: str
) -> None:
    reference = dt.date(year, 6, 15)
    text = f"{month}月{day}日,东兴市召开{year}年{meeting}"
    result = shixian.normalize(text, reference=reference)
    (part,) = result.parts
    assert isinstance(part, shixian.Window) and part.start == dt.date(year, month, day)
    assert result.complete  # the year is read: a label, not words left unread


@given(st.integers(1990, 2090))
def test_a_year_before_other_words_stays_their_period(year: int) -> None:
    """提出了2024年政府工作总体目标: the year the targets cover; 于2024年实施: a time."""
    for text in (f"3月1日,会议提出了{year}年政府工作总体目标", f"3月1日发布,将于{year}年实施"):
        day, period = shixian.normalize(text, reference=dt.date(year, 3, 2)).parts
        assert isinstance(day, shixian.Window) and day.start == dt.date(year, 3, 1)
        assert isinstance(period, shixian.Window)
        assert (period.start, period.end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


@given(
    st.integers(1, 72),
    st.sampled_from([("小时", "hour"), ("天", "day"), ("日", "day")]),
    st.sampled_from(["接种新冠疫苗", "有中高风险地区旅居史", "参加集中考试"]),
    st.sampled_from(["的人员", "的人", "者"]),
)
def test_a_limit_qualifying_people(n: int, unit: tuple[str, str], event: str, people: str) -> None:
    text = f"{n}{unit[0]}内{event}{'的' if people == '者' else ''}{people}不参加此轮检测"
    (part,) = shixian.normalize(text, reference=dt.date(2022, 5, 1)).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit.value) == (n, unit[1])
    assert part.trigger == event


@given(
    st.sampled_from(["不能", "未能", "没有", "无法", "未", "不"]),
    st.sampled_from(["及时", "按时", "当场", "立即", "第一时间"]),
)
def test_a_negated_prompt_word_is_no_time(negation: str, prompt: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"对{negation}{prompt}办结的事项进行通报", reference=dt.date(2021, 3, 1))
    # the limit of the sentence stays (不能当场答复的,则在登记之日起15个工作日内)
    text = f"{negation}{prompt}答复的,则在登记之日起15个工作日内"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Relative) and part.trigger == "登记"


@given(
    st.sampled_from(["收到行政复议申请", "收到复议申请", "接到投诉", "受理举报"]),
    st.integers(1, 90),
    st.sampled_from([("日", "day"), ("个工作日", "workday")]),
)
def test_a_receipt_named_with_de_before_a_limit(event: str, n: int, unit: tuple[str, str]) -> None:
    text = f"行政机关应在{event}的{n}{unit[0]}内审理完结"
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit.value, part.trigger) == (n, unit[1], event)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), st.booleans())
def test_a_day_first_time_stamp(day: dt.date, clock: bool) -> None:
    text = f"{day.day:02d}.{day.month:02d}.{day.year}" + (" 04:32" if clock else "")
    (part,) = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Window) and part.start == part.end == day


@given(st.sampled_from(["收到通知", "会议结束", "公示", "方案印发"]), st.integers(1, 31))
def test_days_after_an_event(event: str, n: int) -> None:
    """收到通知3日后: n days after the event, not the n-th of the month."""
    (part,) = shixian.normalize(f"{event}{n}日后报送", reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Relative)
    assert (part.offset.amount, part.offset.unit.value, part.trigger) == (n, "day", event)


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    st.sampled_from(["将不再接受补报", "不予受理", "停止报名"]),
)
def test_a_date_after_which_work_stops(day: dt.date, stops: str) -> None:
    text = f"{day.year}年{day.month}月{day.day}日后{stops}"
    (part,) = shixian.normalize(text, reference=day).parts
    assert isinstance(part, shixian.Deadline) and part.due == day


@given(
    st.permutations(
        [
            ("月度跟踪", "month"),
            ("季度通报", "quarter"),
            ("半年评估", "halfyear"),
            ("年度考核", "year"),
        ]
    )
)
def test_periodic_work_named_by_its_period(items: list[tuple[str, str]]) -> None:
    text = "按“" + "、".join(word for word, _ in items) + "”模式推进"
    parts = shixian.normalize(text, reference=dt.date(2021, 3, 1)).parts
    assert [p.every.value for p in parts if isinstance(p, shixian.Schedule)] == [
        every for _, every in items
    ]
