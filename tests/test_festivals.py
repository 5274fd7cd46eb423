"""Festivals, holiday periods, plan periods, seasons: oracles, properties and edges."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian.calendar import festivals as cal
from shixian.calendar import occasions
from shixian.grammar.rules.festival_words import FESTIVAL_WORDS, PLAN_WORDS
from shixian.grammar.rules.festivals import JUST_PASSED

D = dt.date

# -- festival days: lunar-python against the holidays package (an independent oracle) --

_HOLIDAYS_NAMES = {
    "春节": "Chinese New Year (Spring Festival)",
    "清明节": "Tomb-Sweeping Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
}


@pytest.mark.parametrize("name", sorted(_HOLIDAYS_NAMES))
def test_lunar_festival_days_agree_with_the_holidays_package(name: str) -> None:
    holidays = pytest.importorskip("holidays")
    years = range(2001 if name == "春节" else 2008, 2051)  # public holidays since 2008
    china = holidays.China(years=list(years), language="en_US")
    wanted = _HOLIDAYS_NAMES[name]
    for year in years:
        days = sorted(d for d, n in china.items() if d.year == year and wanted in n.split("; "))
        assert days, (name, year)
        assert cal.festival_day(name, year) == days[0], (name, year)


def test_festival_days_checked_by_hand() -> None:
    # from printed calendars: 春节, 元宵, 中秋, 重阳 and 清明 of some years
    assert cal.festival_day("春节", 2016) == D(2016, 2, 8)
    assert cal.festival_day("春节", 2030) == D(2030, 2, 3)
    assert cal.festival_day("除夕", 2024) == D(2024, 2, 9)
    assert cal.festival_day("元宵节", 2017) == D(2017, 2, 11)
    assert cal.festival_day("中秋节", 2023) == D(2023, 9, 29)
    assert cal.festival_day("重阳节", 2016) == D(2016, 10, 9)
    assert cal.festival_day("清明节", 2018) == D(2018, 4, 5)
    assert cal.festival_day("国庆节", 2099) == D(2099, 10, 1)


# -- holiday periods: the notices, read by hand, and chinesecalendar's days off -----------

#: 国务院办公厅 notices, read by hand: (festival, year) → first and last day off.
NOTICES = {
    ("春节", 2016): (D(2016, 2, 7), D(2016, 2, 13)),
    ("春节", 2017): (D(2017, 1, 27), D(2017, 2, 2)),
    ("春节", 2018): (D(2018, 2, 15), D(2018, 2, 21)),
    ("春节", 2019): (D(2019, 2, 4), D(2019, 2, 10)),
    ("春节", 2021): (D(2021, 2, 11), D(2021, 2, 17)),
    ("春节", 2022): (D(2022, 1, 31), D(2022, 2, 6)),
    ("春节", 2023): (D(2023, 1, 21), D(2023, 1, 27)),
    ("春节", 2024): (D(2024, 2, 10), D(2024, 2, 17)),
    ("春节", 2025): (D(2025, 1, 28), D(2025, 2, 4)),
    ("春节", 2026): (D(2026, 2, 15), D(2026, 2, 23)),
    ("元旦", 2017): (D(2016, 12, 31), D(2017, 1, 2)),
    ("元旦", 2024): (D(2023, 12, 30), D(2024, 1, 1)),
    ("清明节", 2016): (D(2016, 4, 2), D(2016, 4, 4)),
    ("劳动节", 2019): (D(2019, 5, 1), D(2019, 5, 4)),
    ("端午节", 2017): (D(2017, 5, 28), D(2017, 5, 30)),
    ("中秋节", 2023): (D(2023, 9, 29), D(2023, 10, 6)),
    ("国庆节", 2017): (D(2017, 10, 1), D(2017, 10, 8)),
    ("国庆节", 2020): (D(2020, 10, 1), D(2020, 10, 8)),
    ("中秋节", 2020): (D(2020, 10, 1), D(2020, 10, 8)),
    ("国庆节", 2023): (D(2023, 9, 29), D(2023, 10, 6)),
    ("国庆节", 2025): (D(2025, 10, 1), D(2025, 10, 8)),
    ("国庆节", 2026): (D(2026, 10, 1), D(2026, 10, 7)),
}


@pytest.mark.parametrize(("key", "period"), sorted(NOTICES.items()), ids=str)
def test_holiday_periods_are_the_notices(key: tuple[str, int], period: tuple[D, D]) -> None:
    assert cal.holiday_period(*key) == period


def test_every_holiday_period_is_days_off_bounded_by_working_days() -> None:
    import chinese_calendar

    first, last = cal.holiday_coverage()
    for year in range(first, last + 1):
        for name, fest in cal.FESTIVALS.items():
            if fest.holiday is None:
                continue
            try:
                lo, hi = cal.holiday_period(name, year)
            except shixian.HolidayOutOfRange:
                continue  # no days off that year (清明 before 2008)
            day = lo
            while day <= hi:
                assert chinese_calendar.is_holiday(day), (name, year, day)
                day += dt.timedelta(days=1)
            before, after = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
            if before.year >= first:
                assert chinese_calendar.is_workday(before), (name, year)
            if after.year <= last:
                assert chinese_calendar.is_workday(after), (name, year)
            assert hi - lo < dt.timedelta(days=10)


def test_a_year_outside_the_data_is_an_error_naming_the_way_forward() -> None:
    with pytest.raises(shixian.HolidayOutOfRange) as info:
        shixian.normalize("2027年春节期间", reference="2026-05-01")
    assert "2027" in str(info.value) and "notice" in str(info.value)
    assert isinstance(info.value, shixian.InvalidDate)
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value)
    with pytest.raises(shixian.HolidayOutOfRange):
        shixian.normalize("节前", reference="2026-12-01")  # the next holiday is 2027's


def test_extract_skips_a_holiday_outside_the_data_and_keeps_the_rest() -> None:
    text = "2027年春节期间加强值守,2016年12月底前完成。"
    matches = shixian.extract(text, reference="2016-05-01")
    assert [m.result.due for m in matches] == [D(2016, 12, 31)]


def test_exclusive_reads_festival_before_as_before_the_holiday() -> None:
    loose = shixian.normalize("2016年春节前", reference="2016-01-05").parts[0]
    strict = shixian.normalize("2016年春节前", reference="2016-01-05", exclusive=True).parts[0]
    assert (loose.due, loose.alternatives) == (D(2016, 2, 7), (D(2016, 2, 6),))
    assert (strict.due, strict.alternatives) == (D(2016, 2, 6), (D(2016, 2, 7),))


def test_festivals_in_running_text() -> None:
    text = "各地要在春节前完成排查,节后开展“回头看”,“十四五”期间持续推进。"
    matches = shixian.extract(text, reference="2016-01-05")
    kinds = [(m.text, m.result.parts[0].kind.value) for m in matches]
    assert ("春节前", "deadline") in kinds
    assert ("节后", "ongoing") in kinds
    assert any(t.endswith("期间") and k == "window" for t, k in kinds)


# -- properties -----------------------------------------------------------------------

_SINGLE = sorted(
    (word, keys[0]) for word, keys in FESTIVAL_WORDS.items() if len(keys) == 1 and keys[0] != "除夕"
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_SINGLE), st.integers(2005, 2099), st.booleans())
def test_festival_before_is_due_before_and_after_starts_after(
    word_key: tuple[str, str], year: int, chinese_year: bool
) -> None:
    word, key = word_key
    day = cal.festival_day(key, year)
    written = "".join("〇一二三四五六七八九"[int(c)] for c in str(year)) if chinese_year else year
    before = shixian.normalize(f"{written}年{word}前", reference=D(2016, 5, 1)).parts[0]
    assert isinstance(before, shixian.Deadline)
    assert before.due < day
    assert all(alt < day for alt in before.alternatives)
    after = shixian.normalize(f"{written}年{word}后", reference=D(2016, 5, 1)).parts[0]
    assert isinstance(after, shixian.Ongoing)
    assert after.start is not None and after.start > day
    try:
        lo, hi = cal.holiday_period(key, year)
    except shixian.HolidayOutOfRange:
        return
    assert after.start == hi + dt.timedelta(days=1)
    assert lo <= day <= hi or key in ("中秋节",)  # a joint holiday may be named after 国庆
    assert before.due < lo or before.due == day - dt.timedelta(days=1)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_SINGLE), st.dates(D(2008, 1, 1), D(2025, 12, 31)))
def test_festival_without_year_is_the_one_just_passed_under_way_or_next(
    word_key: tuple[str, str], reference: D
) -> None:
    word, key = word_key
    part = shixian.normalize(f"{word}期间", reference=reference).parts[0]
    assert isinstance(part, shixian.Window) and part.year_inferred
    if cal.FESTIVALS[key].holiday is None:  # no days off: the festival day
        assert part.start == part.end == cal.festival_day(key, part.start.year)
    if part.end < reference:  # a text soon after an occasion is about the one just passed
        assert reference - part.end <= JUST_PASSED
    elif part.start > reference:  # the next one: the last one ended longer ago (or had none)
        try:
            last = shixian.normalize(f"{part.start.year - 1}年{word}期间", reference=reference)
        except shixian.HolidayOutOfRange:
            return
        assert reference - last.parts[0].end > JUST_PASSED
    assert part.start - reference < dt.timedelta(days=400)


@given(
    st.sampled_from(sorted(PLAN_WORDS.items())),
    st.sampled_from(["“{}”", '"{}"', "{}", "「{}」"]),
    st.sampled_from(["期间", "时期", "规划期间"]),
)
def test_plan_periods_in_every_spelling(plan: tuple[str, int], quote: str, suffix: str) -> None:
    name, number = plan
    if len(name) == 2 and quote == "{}" and suffix == "规划期间":
        suffix = "期间"
    first, last = occasions.plan_years(number)
    part = shixian.normalize(quote.format(name) + suffix, reference=D(2016, 5, 1)).parts[0]
    assert isinstance(part, shixian.Window)
    assert (part.start, part.end) == (D(first, 1, 1), D(last, 12, 31))
    end = shixian.normalize("到" + quote.format(name) + "末", reference=D(2016, 5, 1)).parts[0]
    assert end.due == D(last, 12, 31)
    since = shixian.normalize(quote.format(name) + "以来", reference=D(2016, 5, 1)).parts[0]
    assert isinstance(since, shixian.Ongoing) and since.start == D(first, 1, 1)


def test_plans_follow_each_other_without_gaps_after_the_adjustment_years() -> None:
    for n in range(3, 15):
        assert occasions.plan_years(n + 1)[0] == occasions.plan_years(n)[1] + 1
    assert occasions.plan_years(3)[0] - occasions.plan_years(2)[1] == 4  # 1963–1965


def test_numbers_are_not_plans_or_festivals() -> None:
    for text in ("十五日前", "十一月底前", "2016年十一月", "五一个工作日内"):
        for part in shixian.normalize(text, reference=D(2016, 5, 1)).parts:
            assert not (isinstance(part, shixian.Window) and part.end.year >= 2020)
    assert shixian.normalize("十一月", reference=D(2016, 5, 1)).parts[0].start == D(2016, 11, 1)


# -- schedules: 每年春节前, 每逢节假日 ----------------------------------------------------


def test_yearly_lunar_festival_has_occurrences_but_no_rrule() -> None:
    s = shixian.normalize("每年春节前", reference="2016-05-01").parts[0]
    assert isinstance(s, shixian.Schedule) and s.festival == "春节"
    dues = [o.due for o in s.occurrences(D(2016, 1, 1), D(2018, 12, 31))]
    assert dues == [D(2016, 2, 7), D(2017, 1, 27), D(2018, 2, 15)]  # each 除夕
    assert s.to_dict()["rrule"] is None
    with pytest.raises(shixian.NotComputable, match="lunar"):
        s.to_rrule(D(2016, 1, 1))
    assert shixian.Part.from_dict(s.to_dict()) == s
    assert s.next_due(D(2016, 2, 8)) == D(2017, 1, 27)


def test_yearly_gregorian_festival_has_an_rrule() -> None:
    s = shixian.normalize("每年国庆节前", reference="2016-05-01").parts[0]
    assert (s.months, s.day, s.festival) == ((9,), 30, "国庆节")
    assert s.to_rrule(D(2016, 1, 1)).startswith("DTSTART;VALUE=DATE:20160930")


def test_every_holiday_follows_the_notices() -> None:
    s = shixian.normalize("每逢节假日", reference="2016-05-01").parts[0]
    assert s.every is shixian.Frequency.HOLIDAY
    got = [(o.start, o.end) for o in s.occurrences(D(2016, 1, 1), D(2016, 12, 31))]
    assert got == [
        (D(2016, 1, 1), D(2016, 1, 3)),
        (D(2016, 2, 7), D(2016, 2, 13)),
        (D(2016, 4, 2), D(2016, 4, 4)),
        (D(2016, 4, 30), D(2016, 5, 2)),
        (D(2016, 6, 9), D(2016, 6, 11)),
        (D(2016, 9, 15), D(2016, 9, 17)),
        (D(2016, 10, 1), D(2016, 10, 7)),
    ]
    assert s.to_dict()["rrule"] is None
    assert s.next_due(D(2016, 10, 8)) == D(2017, 1, 2)  # 2016-12-31 – 2017-01-02
    with pytest.raises(shixian.HolidayOutOfRange):
        s.next_due(D(2026, 10, 8))  # the next holiday is 2027's: no notice shipped


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted({k for _, k in _SINGLE})), st.integers(1950, 2090))
def test_yearly_festival_is_due_the_day_before_each_year(key: str, year: int) -> None:
    word = next(w for w, k in _SINGLE if k == key)
    s = shixian.normalize(f"每年{word}前", reference=D(2016, 5, 1)).parts[0]
    assert isinstance(s, shixian.Schedule)
    day = cal.festival_day(key, year)
    dues = [o.due for o in s.occurrences(day - dt.timedelta(days=40), day)]
    assert dues[-1] == day - dt.timedelta(days=1)


NOTICE_2027 = """# title: 国务院办公厅关于2027年部分节假日安排的通知
# year: 2027
# source: test data made for this test (not a real notice)
一、元旦:1月1日(周五)至3日(周日)放假,共3天。
二、春节:2月5日(周五)至14日(周日)放假调休,共10天。2月20日(周六)上班。
"""


def test_a_notice_file_for_next_year_extends_the_holiday_periods(tmp_path: Path) -> None:
    from shixian.calendar.notices import shipped_notices

    for path in shipped_notices():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "2027.txt").write_text(NOTICE_2027, encoding="utf-8")
    assert cal.holiday_period("春节", 2027, notice_dir=tmp_path) == (D(2027, 2, 5), D(2027, 2, 14))
    assert cal.holiday_period("元旦", 2027, notice_dir=tmp_path) == (D(2027, 1, 1), D(2027, 1, 3))
    assert cal.holiday_period("春节", 2016, notice_dir=tmp_path) == (D(2016, 2, 7), D(2016, 2, 13))
    with pytest.raises(shixian.HolidayOutOfRange):
        cal.holiday_period("国庆节", 2027, notice_dir=tmp_path)  # the notice has no 国庆 line
    with pytest.raises(shixian.HolidayOutOfRange, match="notice"):
        cal.holiday_period("春节", 2027)  # the shipped data stop at 2026
