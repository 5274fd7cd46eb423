"""Families of the eleventh session, as properties over their numbers and spellings:

* an interval given as a range (``每3—5天``, ``每2-3个月``) is a schedule of the longer
  interval, the latest the work is still on time, and the result says it kept only one
  end (it was a limit "within 5 days after the event");
* a range of counts after a week (``每周2-3次``) is at least the lower count (周2 was read
  as Tuesday);
* a range of weekdays told with the word once (``周一至五``, ``每周1-5``) is those days, as
  ``周一至周五`` is (it was Monday alone, or nothing);
* half a month (``半月一调度``, ``每半月``) is twice a month; ``每晚`` is every day;
* a span of hours over a night (``晚10点到次日凌晨5时``) after a date runs to the next
  day; without a date it names no day (it was "within 1 day after the event");
* a penalty's rate per day late (``每逾期一日``) is no limit and no day;
* ``五一`` before the holiday's length (``五一3天小长假``) is the official holiday;
* a day of ``下月`` closing a range counted from the reference (``本月23日至下月2日``,
  ``明日至下月8日``) is one window (it was two single days);
* a catalogue's ``生效日期: … 失效日期: …`` is the window between (it was from the start
  on, and the last day alone);
* a range of lengths with the unit at both ends (``3天至5天``, ``1个月到2个月``) is the
  longer; at least so long after the ``前`` of an event is a limit before it;
* a year right before ``从`` (``明年从1月1日起``) gives the date its year (it was the
  reference's year, and a window over the year beside it);
* less than so long (``不足30个工作日``) is a condition; ``前`` before ``项目`` stays before.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import shixian

from .strategies import cn_number

REFERENCES = st.dates(dt.date(2005, 1, 1), dt.date(2026, 12, 31))
DASHES = st.sampled_from(["-", "—", "~", "至", "到"])
#: the schedule's unit as written, and the frequency it is
UNITS = {"天": "day", "日": "day", "周": "week", "个月": "month", "年": "year"}
WEEKDAY_CN = "一二三四五六日"


def _n(n: int, chinese: bool) -> str:
    return cn_number(n) if chinese else str(n)


@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from(sorted(UNITS)),
    DASHES,
    st.booleans(),
    REFERENCES,
)
def test_an_interval_range_keeps_the_longer_and_says_so(
    low: int, span: int, unit: str, dash: str, chinese: bool, ref: dt.date
) -> None:
    high = low + span
    phrase = f"每{_n(low, chinese)}{dash}{_n(high, chinese)}{unit}巡查"
    result = shixian.normalize(phrase, reference=ref)
    (part,) = result.parts
    assert isinstance(part, shixian.Schedule)
    assert (part.every.value, part.interval) == (UNITS[unit], high)
    assert not result.complete
    assert any(f"{low} to {high}" in u.reason for u in result.unparsed)


@given(st.integers(1, 9))
def test_a_reversed_interval_range_is_refused(low: int) -> None:
    with pytest.raises(shixian.ShixianError):
        shixian.normalize(f"每{low + 1}-{low}天")


@given(st.integers(1, 5), st.integers(1, 4), DASHES, st.booleans())
def test_a_range_of_counts_a_week_is_at_least_the_lower(
    low: int, span: int, dash: str, chinese: bool
) -> None:
    phrase = f"每周{_n(low, chinese)}{dash}{_n(low + span, chinese)}次"
    (part,) = shixian.normalize(phrase, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Schedule)
    assert part.every is shixian.Frequency.WEEK
    assert (part.min_count, part.weekday, part.weekdays) == (low, None, None)


@given(
    st.integers(0, 4),
    st.integers(1, 6),
    st.sampled_from(["至", "到", "-"]),
    st.sampled_from(["", "每"]),
    st.sampled_from(["周", "星期"]),
    st.booleans(),
)
def test_a_weekday_range_told_once_is_the_days(
    first: int, span: int, dash: str, each: str, word: str, digits: bool
) -> None:
    # (Sunday is 日 or 天; as a digit it is 7, which the test leaves out)
    last = min(first + span, 5 if digits else 6)

    def day(d: int) -> str:
        return str(d + 1) if digits else WEEKDAY_CN[d]

    once = f"{each}{word}{day(first)}{dash}{day(last)}开放"
    twice = f"{each}{word}{day(first)}{dash}{word}{day(last)}开放"
    expected = tuple(range(first, last + 1))
    for phrase in (once, twice):
        (part,) = shixian.normalize(phrase, reference=dt.date(2021, 3, 1)).parts
        assert isinstance(part, shixian.Schedule), phrase
        assert part.every is shixian.Frequency.WEEK
        assert (part.weekdays or (part.weekday,)) == expected, phrase


def test_the_weekdays_of_dates_before_stay_notes() -> None:
    for phrase in ("4月28日至30日(本周四至六)", "4月28日至30日(本周四至周六)", "5月8日(周一至五)"):
        result = shixian.normalize(phrase, reference=dt.date(2022, 4, 26))
        assert [p.kind.value for p in result.parts] == ["window"], phrase


@pytest.mark.parametrize("phrase", ["半月一调度", "半月一次", "每半月", "每半个月通报一次"])
def test_half_a_month_is_twice_a_month(phrase: str) -> None:
    (part,) = shixian.normalize(phrase, reference=dt.date(2021, 3, 1)).parts
    assert isinstance(part, shixian.Schedule)
    assert (part.every, part.count) == (shixian.Frequency.MONTH, 2)


@given(
    st.dates(dt.date(2005, 1, 1), dt.date(2026, 12, 30)),
    st.integers(7, 11),
    st.integers(0, 6),
    st.sampled_from(["点", "时"]),
    st.sampled_from(["至", "到"]),
    st.booleans(),
)
def test_a_night_span_runs_to_the_next_day(
    day: dt.date, evening: int, morning: int, mark: str, dash: str, chinese: bool
) -> None:
    # 5月1日晚10点到次日凌晨5时: from 22:00 that day to 05:00 the next
    hour, early = _n(evening, chinese), _n(morning, chinese) if morning else "零"
    phrase = f"{day.year}年{day.month}月{day.day}日晚{hour}{mark}{dash}次日凌晨{early}{mark}"
    (part,) = shixian.normalize(phrase, reference=day).to_dict()["parts"]
    after = day + dt.timedelta(days=1)
    assert (part["start"], part["end"]) == (day.isoformat(), after.isoformat())
    assert part["start_at"] == f"{day.isoformat()}T{evening + 12:02d}:00"
    assert part["end_at"] == f"{after.isoformat()}T{morning:02d}:00"


@given(st.integers(19, 23), st.integers(0, 8), st.sampled_from(["", "当日", "晚上"]))
def test_a_night_span_without_a_date_names_no_day(evening: int, morning: int, lead: str) -> None:
    phrase = f"{lead}{evening}时至次日{morning}时"
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(phrase, reference=dt.date(2021, 3, 1))
    # with a schedule, the schedule alone (its hours are words it does not read)
    result = shixian.normalize(f"每日{phrase}", reference=dt.date(2021, 3, 1))
    assert [p.kind.value for p in result.parts] == ["schedule"]


@given(
    st.sampled_from(["逾期", "超期", "延迟", "晚", "迟"]),
    st.sampled_from(["一日", "1日", "一天", "1个月"]),
)
def test_a_rate_per_period_late_is_no_time(late: str, unit: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"每{late}{unit}加收滞纳金万分之五", reference=dt.date(2021, 3, 1))


@pytest.mark.parametrize(
    ("phrase", "ref", "start", "end"),
    [
        ("五一3天小长假", dt.date(2016, 3, 1), dt.date(2016, 4, 30), dt.date(2016, 5, 2)),
        ("十一7天长假期间", dt.date(2022, 3, 1), dt.date(2022, 10, 1), dt.date(2022, 10, 7)),
    ],
)
def test_the_holiday_length_after_a_short_name(
    phrase: str, ref: dt.date, start: dt.date, end: dt.date
) -> None:
    (part,) = shixian.normalize(phrase, reference=ref).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (start, end)


def _next_month(day: dt.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


@given(REFERENCES, st.integers(1, 28), st.integers(1, 28), st.booleans())
def test_a_day_of_next_month_closes_a_range_from_the_reference(
    ref: dt.date, first: int, last: int, chinese: bool
) -> None:
    # 本月23日至下月2日: this month's day to the next month's (it was two single days)
    year, month = _next_month(ref)
    phrase = f"本月{_n(first, chinese)}日至下月{_n(last, chinese)}日"
    (part,) = shixian.normalize(phrase, reference=ref).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (ref.replace(day=first), dt.date(year, month, last))


@given(REFERENCES, st.integers(1, 28))
def test_tomorrow_to_a_day_of_next_month(ref: dt.date, last: int) -> None:
    year, month = _next_month(ref)
    (part,) = shixian.normalize(f"明日至下月{last}日", reference=ref).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (ref + dt.timedelta(days=1), dt.date(year, month, last))


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.integers(1, 4000),
    st.sampled_from([("生效日期", "失效日期"), ("施行日期", "废止日期")]),
    st.sampled_from([" ", ";", ","]),
    st.booleans(),
)
def test_labelled_start_and_end_of_force_are_one_window(
    start: dt.date, days: int, labels: tuple[str, str], sep: str, iso: bool
) -> None:
    end = start + dt.timedelta(days=days)

    def told(day: dt.date) -> str:
        return day.isoformat() if iso else f"{day.year}年{day.month}月{day.day}日"

    phrase = f"{labels[0]}: {told(start)}{sep}{labels[1]}: {told(end)}"
    (part,) = shixian.normalize(phrase, reference=start).parts
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (start, end)


#: a unit as written, and the offset's unit
LENGTH_UNITS = {"天": "day", "日": "day", "个月": "month", "个工作日": "workday", "年": "year"}


@given(
    st.integers(1, 20),
    st.integers(1, 20),
    st.sampled_from(sorted(LENGTH_UNITS)),
    st.sampled_from(["至", "到", "-", "~"]),
    st.sampled_from(["", "内"]),
    st.booleans(),
)
def test_a_range_of_lengths_with_both_units_is_the_longer(
    low: int, span: int, unit: str, dash: str, within: str, chinese: bool
) -> None:
    # (1日至2日 are days of a month; 三年 alone is no length the grammar reads)
    assume(unit != "日" and not (chinese and unit == "年"))
    high = low + span
    phrase = f"需要{_n(low, chinese)}{unit}{dash}{_n(high, chinese)}{unit}{within}"
    (part,) = shixian.normalize(phrase, reference=dt.date(2021, 3, 1)).to_dict()["parts"]
    assert part["kind"] == "relative"
    assert part["offset"] == {"amount": high, "unit": LENGTH_UNITS[unit]}


@given(
    st.integers(1, 90),
    st.sampled_from(sorted(LENGTH_UNITS)),
    st.sampled_from(["至少", "不少于", "不得少于"]),
)
def test_at_least_so_long_before_an_event_is_a_limit_before_it(
    n: int, unit: str, least: str
) -> None:
    phrase = f"应当在有效期届满前{least}{n}{unit}提出申请"
    (part,) = shixian.normalize(phrase, reference=dt.date(2021, 3, 1)).to_dict()["parts"]
    told = (part["kind"], part["direction"], part["trigger"])
    assert told == ("relative", "before", "有效期届满")
    assert part["offset"] == {"amount": n, "unit": LENGTH_UNITS[unit]}


@given(REFERENCES, st.integers(1, 12), st.integers(1, 28), st.sampled_from(["从", "自"]))
def test_a_year_right_before_from_frames_the_date(
    ref: dt.date, month: int, day: int, since: str
) -> None:
    for word, year in (("今年", ref.year), ("明年", ref.year + 1), ("2016年", 2016)):
        phrase = f"{word}{since}{month}月{day}日起实行"
        (part,) = shixian.normalize(phrase, reference=ref).parts
        assert isinstance(part, shixian.Ongoing), phrase
        assert part.start == dt.date(year, month, day), phrase


@given(
    st.sampled_from(["不足", "不满", "少于"]),
    st.integers(1, 90),
    st.sampled_from(["个工作日", "天", "个月", "年"]),
)
def test_less_than_so_long_is_a_condition_not_a_limit(less: str, n: int, unit: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"剩余有效期{less}{n}{unit}的", reference=dt.date(2021, 3, 1))


@given(st.integers(2000, 2030), st.integers(1, 12), st.integers(1, 28))
def test_before_then_a_project_is_a_deadline(year: int, month: int, day: int) -> None:
    # 4月20日前项目整体完工: 前 + 项目, not a statute's 前项
    for noun in ("项目整体完工", "款项拨付到位", "条件成熟的先行"):
        (part,) = shixian.normalize(f"{year}年{month}月{day}日前{noun}").parts
        assert isinstance(part, shixian.Deadline), noun
        assert part.due == dt.date(year, month, day)


@given(
    REFERENCES,
    st.sampled_from([("今年", 0), ("明年", 1), ("去年", -1)]),
    st.sampled_from(["年底前", "年末前"]),
)
def test_a_year_then_of_then_its_end(ref: dt.date, year: tuple[str, int], edge: str) -> None:
    # 今年的年底前 is 今年年底前 (it was the year's window beside the deadline)
    word, shift = year
    for phrase in (f"{word}的{edge}", f"{word}{edge}"):
        (part,) = shixian.normalize(phrase, reference=ref).parts
        assert isinstance(part, shixian.Deadline), phrase
        assert part.due == dt.date(ref.year + shift, 12, 31)


@given(
    st.lists(st.sampled_from(["常态化", "长效化", "长期"]), min_size=2, max_size=3, unique=True),
    st.sampled_from(["", "制度化", "规范化"]),
)
def test_continuing_words_listed_are_one_duty(words: list[str], plain: str) -> None:
    # (制度化, 规范化: words of the list that tell no time, between two that do)
    listed = [words[0], *([plain] if plain else []), *words[1:]]
    phrase = f"推动清洁行动{'、'.join(listed)}管理"
    result = shixian.normalize(phrase, reference=dt.date(2021, 3, 1))
    assert [p.kind.value for p in result.parts] == ["ongoing"]


@given(
    st.integers(1, 12),
    st.sampled_from(["援助金", "工资", "津贴", "生活费", "租金"]),
    st.sampled_from(["发放", "补发", "额外发放"]),
)
def test_months_of_a_payment_are_an_amount(n: int, pay: str, verb: str) -> None:
    with pytest.raises(shixian.UnrecognizedPhrase):
        shixian.normalize(f"{verb}{n}个月{pay}", reference=dt.date(2021, 3, 1))


@given(
    st.integers(2000, 2030),
    st.sampled_from(
        [("上半年", range(1, 7)), ("下半年", range(7, 13)), ("第三季度", range(7, 10))]
    ),
    st.integers(0, 11),
    st.integers(1, 28),
    st.integers(0, 40),
)
def test_a_period_heading_its_dates_adds_nothing(
    year: int, head: tuple[str, range], k: int, day: int, days: int
) -> None:
    word, months = head
    month = months[k % len(months)]
    start = dt.date(year, month, day)
    end = min(start + dt.timedelta(days=days), dt.date(year, months[-1], 28))
    phrase = f"{word}:{year}年{month}月{day}日至{end.month}月{end.day}日"
    parts = shixian.normalize(phrase, reference=dt.date(year, 1, 1)).parts
    assert [(p.start, p.end) for p in parts if isinstance(p, shixian.Window)] == [(start, end)]


@given(REFERENCES, st.integers(1, 28), st.sampled_from(["至", "到"]), st.booleans())
def test_up_to_a_day_of_next_month_is_its_deadline(
    ref: dt.date, day: int, until: str, chinese: bool
) -> None:
    # 諮詢期至下月11日結束: by that day of the month after the reference's
    year, month = _next_month(ref)
    phrase = f"咨询期{until}下月{_n(day, chinese)}日结束"
    (part,) = shixian.normalize(phrase, reference=ref).parts
    assert isinstance(part, shixian.Deadline)
    assert part.due == dt.date(year, month, day)


@given(REFERENCES, st.integers(1, 28), st.integers(8, 11))
def test_a_day_of_next_month_before_its_deadline_word(ref: dt.date, day: int, hour: int) -> None:
    # 下月18日晚上8時截止: by 20:00 that day of the month after the reference's
    year, month = _next_month(ref)
    (part,) = shixian.normalize(f"报名下月{day}日晚上{hour}时截止", reference=ref).parts
    assert isinstance(part, shixian.Deadline)
    assert part.due == dt.date(year, month, day)
    assert part.due_at == dt.datetime(year, month, day, hour + 12)


@given(
    st.lists(st.integers(1, 5), min_size=2, max_size=3, unique=True).map(sorted),
    st.sampled_from(["、", "和"]),
    st.booleans(),
    st.integers(0, 6),
)
def test_several_weeks_of_each_month_are_one_schedule_each(
    weeks: list[int], sep: str, repeat: bool, weekday: int
) -> None:
    # 每月第一、三周的周五, 每月第一周和第三周的周五: one schedule per week, on that weekday
    def nth(n: int) -> str:
        return f"第{cn_number(n)}"

    told = sep.join(
        [f"{nth(weeks[0])}{'周' if repeat else ''}"] + [f"{nth(w)}周" for w in weeks[1:]]
    )
    phrase = f"每月{told}的周{WEEKDAY_CN[weekday]}"
    parts = shixian.normalize(phrase, reference=dt.date(2021, 3, 1)).parts
    assert [(p.every, p.week, p.weekday) for p in parts if isinstance(p, shixian.Schedule)] == [
        (shixian.Frequency.MONTH, w, weekday) for w in weeks
    ]
    assert len(parts) == len(weeks)
