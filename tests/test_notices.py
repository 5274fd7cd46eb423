"""The holiday-notice reader, against the notices' own text, chinesecalendar and holidays."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shixian.calendar.notice_calendar import NoticeCalendar, load_holidays, shipped_calendar
from shixian.calendar.notice_dates import read_dates
from shixian.calendar.notices import NOTICE_DIR, load_notice, parse_notice, shipped_notices
from shixian.calendar.official import official_data
from shixian.calendar.offsets import current_calendar, resolve_offset, use_calendar
from shixian.calendar.workdays import OFFICIAL, WorkdayCalendar
from shixian.errors import (
    CalendarOutOfRange,
    NoticeError,
    ProvisionalCalendarWarning,
    ShixianError,
)
from shixian.model import Offset

D = dt.date
ANNUAL = sorted(int(p.stem) for p in NOTICE_DIR.glob("*.txt") if p.stem.isdigit())
CALENDAR = shipped_calendar()
WEEKDAY = "一二三四五六日"


def _year_days(year: int) -> list[dt.date]:
    first = D(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((D(year + 1, 1, 1) - first).days)]


# -- the shipped files ------------------------------------------------------------------


def test_shipped_years() -> None:
    # every year from 2012 on is required; 2006–2011 were found too; no 2027 text yet
    assert set(range(2006, 2027)) <= set(ANNUAL)
    names = {p.name for p in shipped_notices()}
    assert {
        "2015-supplement-抗战.txt",
        "2019-supplement-劳动节.txt",
        "2020-supplement-春节.txt",
    } <= names


@pytest.mark.parametrize("path", shipped_notices(), ids=lambda p: p.name)
def test_every_file_names_its_source(path: Path) -> None:
    notice = load_notice(path)
    assert notice.source.startswith("http"), path.name
    assert notice.title.startswith("国务院"), path.name
    assert str(notice.year) in notice.title or notice.supplement
    assert notice.year == int(path.name[:4])
    assert notice.supplement == ("supplement" in path.name)


@pytest.mark.parametrize("path", shipped_notices(), ids=lambda p: p.name)
def test_grammar_and_local_reader_agree(path: Path) -> None:
    assert load_notice(path, grammar=True).festivals == load_notice(path, grammar=False).festivals


def test_ranges_are_read_by_the_grammar() -> None:
    # the grammar reads 1月1日至3日 and 2018年12月30日至2019年1月1日 (with the notes taken out)
    groups = read_dates("2018年12月30日至2019年1月1日放假调休,共3天。", 2019)
    assert [(g.days[0], g.days[-1], g.via) for g in groups] == [
        (D(2018, 12, 30), D(2019, 1, 1), "grammar")
    ]
    groups = read_dates("2月15日(农历腊月二十八、周日)至23日(农历正月初七、周一)放假", 2026)
    assert [(len(g.days), g.via) for g in groups] == [(9, "grammar")]
    # a list keeps its month: read by the grammar once it carries the month into the items,
    # locally until then (this release's grammar puts 21日 in January)
    (group,) = read_dates("2月20日(星期六)、21日(星期日)上班", 2010)
    assert group.days == (D(2010, 2, 20), D(2010, 2, 21)) and group.via in ("grammar", "local")
    (group,) = read_dates("5月9、10日放假", 2026)
    assert group.days == (D(2026, 5, 9), D(2026, 5, 10))
    assert group.span == (0, 7)


@pytest.mark.parametrize("path", shipped_notices(), ids=lambda p: p.name)
def test_every_range_of_a_shipped_notice_goes_through_the_grammar(path: Path) -> None:
    notice = load_notice(path)
    for festival in notice.festivals:
        groups = read_dates(festival.text, notice.year, december_before="元旦" in festival.names)
        for group in groups:
            text = festival.text[slice(*group.span)]
            if len(group.days) > 1 and ("至" in text or "—" in text) and text[0] != "至":
                starts_with_month = "月" in text.split("日")[0]
                if starts_with_month:
                    assert group.via == "grammar", (path.name, text)


# -- the oracle -------------------------------------------------------------------------


def _cc_workday(day: dt.date) -> bool:
    from chinese_calendar import constants

    if day in constants.workdays:
        return True
    return day.weekday() < 5 and day not in constants.holidays


def _cc_last_year() -> int:
    from chinese_calendar import constants

    return max(d.year for d in constants.holidays)


@pytest.mark.parametrize("year", ANNUAL)
def test_oracle_chinesecalendar_day_for_day(year: int) -> None:
    from chinese_calendar import constants

    if year > _cc_last_year():
        pytest.skip(f"the installed chinesecalendar has no data for {year}")
    days = _year_days(year)
    mine = {d: CALENDAR.is_workday(d) for d in days}
    assert {d: v for d, v in mine.items() if v != _cc_workday(d)} == {}
    # and the make-up working days exactly
    assert {d for d in CALENDAR.workdays if d.year == year} == {
        d for d in constants.workdays if d.year == year
    }
    # every weekday off is one of chinesecalendar's holidays and the other way round
    weekday_off = {d for d in days if d.weekday() < 5 and not mine[d]}
    assert weekday_off == {d for d in constants.holidays if d.year == year and d.weekday() < 5}


def _holidays_workdays() -> set[dt.date]:
    from holidays.countries.china import ChinaStaticHolidays

    out = set()
    for year, items in ChinaStaticHolidays.special_public_holidays.items():
        for item in items:
            if len(item) >= 4 and isinstance(item[2], int):  # (month, day, from month, from day)
                out.add(D(item[4] if len(item) == 5 else year, item[2], item[3]))
    return out


@pytest.mark.parametrize("year", ANNUAL)
def test_oracle_holidays_package_day_for_day(year: int) -> None:
    holidays = pytest.importorskip("holidays")
    from holidays.countries.china import ChinaStaticHolidays

    if year not in ChinaStaticHolidays.special_public_holidays:
        pytest.skip(f"the installed holidays has no notice data for {year}")
    off = holidays.China(years=year)
    work = _holidays_workdays()
    differ = {
        d
        for d in _year_days(year)
        if CALENDAR.is_workday(d) != (d in work or (d.weekday() < 5 and d not in off))
    }
    assert differ == set()


def test_known_difference_2005_12_31() -> None:
    # the 2006 notice: 将12月31日(星期六)、1月1日(星期日)两个公休日调至…,12月31日(星期六)上班
    assert D(2005, 12, 31) in CALENDAR.workdays
    if pytest.importorskip("holidays"):
        assert D(2005, 12, 31) in _holidays_workdays()


# -- what the notices say, checked by hand against their text ----------------------------


def test_2026_notice() -> None:
    notice = load_notice(NOTICE_DIR / "2026.txt")
    first = notice.festivals[0]
    assert first.name == "元旦" and first.line > 1
    assert [d.date for d in first.days_off] == [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)]
    assert [d.date for d in first.workdays] == [D(2026, 1, 4)]
    assert first.text[slice(*first.days_off[0].span)] == "1月1日(周四)至3日(周六)"
    assert first.text[slice(*first.workdays[0].span)] == "1月4日(周日)"
    spring = notice.festivals[1]
    assert spring.total == 9 and spring.days_off[-1].date == D(2026, 2, 23)
    assert {d.date for d in spring.workdays} == {D(2026, 2, 14), D(2026, 2, 28)}


def test_supplements_applied_in_order() -> None:
    # 2019: 劳动节 5月1日 alone, then 5月1日至4日 with 4月28日、5月5日 上班
    labour = [e for e in CALENDAR.entries if e.year == 2019 and e.name == "劳动节"]
    assert len(labour) == 1
    assert labour[0].days_off == tuple(D(2019, 5, d) for d in range(1, 5))
    assert labour[0].workdays == (D(2019, 4, 28), D(2019, 5, 5))
    # 2020: 春节 1月24日至30日 extended to 2月2日; 2月1日 (Saturday) is no longer 上班
    spring = next(e for e in CALENDAR.entries if e.year == 2020 and e.name == "春节")
    assert spring.days_off[-1] == D(2020, 2, 2) and D(2020, 1, 31) in spring.days_off
    assert spring.workdays == (D(2020, 1, 19),)
    # 2015: 9月3日至5日 off, 9月6日 上班
    victory = next(e for e in CALENDAR.entries if e.year == 2015 and "70周年" in e.name)
    assert victory.days_off == (D(2015, 9, 3), D(2015, 9, 4), D(2015, 9, 5))
    assert victory.workdays == (D(2015, 9, 6),)


def test_encouragement_is_no_day_off() -> None:
    # 2024: 鼓励各单位…安排职工在除夕(2月9日)休息 — 2月9日 stays a working day
    assert CALENDAR.is_workday(D(2024, 2, 9))


def test_old_forms() -> None:
    text = (
        "# year: 2009\n"
        "一、元旦:1月1日至3日放假,共3天。其中,1月1日(星期四、新年)为法定节假日,"
        "1月3日(星期六)为公休日。1月4日(星期日)公休日调至1月2日(星期五)。1月4日(星期日)上班。\n"
        "三、清明节4月4日至6日放假,共3天。\n"
    )
    new_year, qingming = parse_notice(text).festivals
    assert [d.date.day for d in new_year.days_off] == [1, 2, 3]
    assert [d.date for d in new_year.workdays] == [D(2009, 1, 4)]
    assert qingming.name == "清明节"
    notice = parse_notice("一、元旦:1月1日放假,1月2日(星期一)补休。", year=2017)
    assert [d.date for d in notice.festivals[0].days_off] == [D(2017, 1, 1), D(2017, 1, 2)]


# -- errors name the line, never a partial calendar -------------------------------------


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("一、元旦:1月1日(周四)至3日(周五)放假调休,共3天。", "2026-01-03 is a 星期六"),
        ("一、元旦:1月1日(周四)至3日(周六)放假调休,共4天。", "共4天 but the sentence names 3"),
        ("一、元旦:1月1日(周四)至3日(周六)放假调休,共3天。1月5日(周一)上班。", "weekday"),
        ("一、元旦:1月1日至3日放假调休,共3天。1月2日(周五)上班。", "both a day off"),
        ("一、春节:2月30日放假。", "not a date"),
        ("一、元旦:1月1日至3日值班。", "neither 放假 nor 上班"),
        ("一、元旦:1月3日至1日放假。", "ends before it starts"),
    ],
)
def test_mismatch_raises_naming_the_line(line: str, says: str) -> None:
    title = "# title: 国务院办公厅关于2026年部分节假日安排的通知"
    text = f"{title}\n二、春节:2月15日至23日放假调休,共9天。\n{line}\n"
    with pytest.raises(NoticeError) as info:
        parse_notice(text, path="2026.txt")
    assert says in str(info.value)
    assert info.value.line == 3 and info.value.text == line
    assert "2026.txt" in str(info.value)
    assert isinstance(info.value, ShixianError)
    assert pickle.loads(pickle.dumps(info.value)).line == 3


def test_notice_without_year_or_festivals() -> None:
    with pytest.raises(NoticeError, match="no year"):
        parse_notice("一、元旦:1月1日放假。")
    with pytest.raises(NoticeError, match="no festival line"):
        parse_notice("节假日期间,各地区要妥善安排好值班。", year=2026)


def test_extension_needs_the_festival() -> None:
    extension = parse_notice(
        "# festival: 春节\n"
        "一、延长2020年春节假期至2月2日(农历正月初九,星期日),2月3日(星期一)起正常上班。",
        year=2020,
    )
    with pytest.raises(NoticeError, match="no earlier notice"):
        NoticeCalendar.build([extension])


# -- properties -------------------------------------------------------------------------


@st.composite
def festival_lines(draw: st.DrawFn) -> tuple[str, int, dt.date, int, dt.date | None]:
    year = draw(st.integers(2000, 2090))
    start = draw(st.dates(D(year, 1, 2), D(year, 12, 20)))
    length = draw(st.integers(1, 9))
    end = start + dt.timedelta(days=length - 1)
    work = end + dt.timedelta(days=draw(st.integers(1, 14)))
    if work.weekday() < 5 or work.year != year:
        work_text, work_day = "", None
    else:
        work_text, work_day = f"{work.month}月{work.day}日(周{WEEKDAY[work.weekday()]})上班。", work
    end_text = f"{end.day}日" if end.month == start.month else f"{end.month}月{end.day}日"
    line = (
        f"一、春节:{start.month}月{start.day}日(周{WEEKDAY[start.weekday()]})至"
        f"{end_text}(周{WEEKDAY[end.weekday()]})放假调休,共{length}天。{work_text}"
    )
    return line, year, start, length, work_day


@settings(max_examples=60, deadline=None)
@given(festival_lines())
def test_generated_lines_read_back(case: tuple[str, int, dt.date, int, dt.date | None]) -> None:
    line, year, start, length, work = case
    (festival,) = parse_notice(line, year=year).festivals
    assert [d.date for d in festival.days_off] == [
        start + dt.timedelta(days=i) for i in range(length)
    ]
    assert [d.date for d in festival.workdays] == ([] if work is None else [work])


@settings(max_examples=40, deadline=None)
@given(festival_lines(), st.integers(1, 6))
def test_generated_wrong_weekday_or_count_raises(
    case: tuple[str, int, dt.date, int, dt.date | None], shift: int
) -> None:
    line, year, start, length, _ = case
    note = f"(周{WEEKDAY[start.weekday()]})"
    wrong = line.replace(note, f"(周{WEEKDAY[(start.weekday() + shift) % 7]})", 1)
    with pytest.raises(NoticeError):
        parse_notice(wrong, year=year)
    with pytest.raises(NoticeError):
        parse_notice(line.replace(f"共{length}天", f"共{length + shift}天"), year=year)


# 25 working days from November 1 end by mid-December: the count stays in the shipped data
COVERED = st.dates(D(min(ANNUAL), 1, 1), D(max(ANNUAL), 11, 1))


@settings(max_examples=200)
@given(start=COVERED, n=st.integers(1, 25))
def test_working_day_count_never_lands_on_a_day_off(start: dt.date, n: int) -> None:
    end = OFFICIAL.add_workdays(start, n)
    assert end not in CALENDAR.holidays
    assert end in CALENDAR.workdays or end.weekday() < 5
    end = WorkdayCalendar.from_notices(CALENDAR).add_workdays(start, n)
    assert end not in CALENDAR.holidays


@pytest.mark.parametrize("year", ANNUAL)
def test_limit_ending_in_a_shipped_year_resolves(year: int) -> None:
    # 3个工作日内 from December 20 of the year before ends in the notice's year
    event = D(year - 1, 12, 28)
    end = resolve_offset(event, Offset(3, "workday"))
    assert end.year in (year - 1, year)
    end = resolve_offset(D(year, 12, 20), Offset(3, "workday"))
    assert end.year == year


# -- the default calendar, next year's notice, provisional years ---------------------------

NOTICE_2027 = """# title: 国务院办公厅关于2027年部分节假日安排的通知
# year: 2027
# source: test data made for this test (not a real notice)
一、元旦:1月1日(周五)至3日(周日)放假,共3天。
二、春节:2月5日(周五)至13日(周六)放假调休,共9天。2月20日(周六)上班。
"""


def test_next_years_notice_extends_the_default_data(tmp_path: Path) -> None:
    for path in shipped_notices():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "2027.txt").write_text(NOTICE_2027, encoding="utf-8")
    data = official_data(tmp_path)
    assert data.last == D(2027, 12, 31) and data.notice_years == {2027}
    assert D(2027, 2, 8) in data.holidays and D(2027, 2, 20) in data.workdays
    # and without the file the shipped data stop where chinesecalendar (or the shipped
    # notices after it) stop
    assert official_data().last.year == max(_cc_last_year(), max(ANNUAL))


def test_from_notices_resolves_a_limit_in_2027(tmp_path: Path) -> None:
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    with pytest.raises(CalendarOutOfRange) as info:
        resolve_offset(D(2027, 2, 4), Offset(3, "workday"))
    message = str(info.value)
    assert "关于2027年部分节假日安排的通知" in message and "from_notices" in message
    cal = WorkdayCalendar.from_notices(path)
    # 2-04 (Thu) → 2-05…2-13 off, 2-14 Sunday; 2-15 Mon, 2-16 Tue, 2-17 Wed
    assert resolve_offset(D(2027, 2, 4), Offset(3, "workday"), calendar=cal) == D(2027, 2, 17)
    assert cal.is_workday(D(2027, 2, 20))  # Saturday, 上班
    assert not cal.is_provisional(D(2027, 6, 1))
    with use_calendar(cal):
        assert current_calendar() is cal
        assert resolve_offset(D(2027, 2, 4), Offset(3, "workday")) == D(2027, 2, 17)
    assert current_calendar() is OFFICIAL


def test_provisional_year_is_an_explicit_choice_and_warns() -> None:
    cal = WorkdayCalendar(provisional_years={2030})
    with pytest.warns(ProvisionalCalendarWarning, match="provisional"):
        assert cal.add_workdays(D(2030, 1, 4), 1) == D(2030, 1, 7)
    assert cal.is_provisional(D(2030, 1, 7))
    assert cal.provisional_between(D(2026, 12, 30), D(2030, 1, 2))
    with pytest.raises(CalendarOutOfRange):
        cal.is_workday(D(2031, 1, 6))  # only the years chosen
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cal.add_workdays(D(2016, 9, 29), 3) == D(2016, 10, 9)  # official years: no warning
    with pytest.warns(ProvisionalCalendarWarning):
        WorkdayCalendar(weekends_only=True).workdays_between(D(2040, 1, 1), D(2040, 2, 1))


# -- JSON -------------------------------------------------------------------------------


def test_json_round_trip(tmp_path: Path) -> None:
    calendar = shipped_calendar((2019,))
    path = tmp_path / "2019.json"
    path.write_text(calendar.to_json(), encoding="utf-8")
    again = load_holidays(path)
    assert again.holidays == calendar.holidays and again.workdays == calendar.workdays
    assert again.years == {2019}
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "shixian-holidays/1"
    assert "2019-05-04" in data["holidays"]  # the 劳动节 change is in
    cal = WorkdayCalendar.from_notices(path)
    assert not cal.is_workday(D(2019, 5, 2))


@pytest.mark.parametrize(
    "content", ['{"format": "other"}', "[1, 2]", '{"format": "shixian-holidays/1"}', "{"]
)
def test_bad_json_raises(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NoticeError):
        load_holidays(path)


# -- every check bites on the real texts ------------------------------------------------------

_NOTE = re.compile(r"日[(（][^()（）]*?(星期|周)([一二三四五六日])")  # a date's note
_TOTAL = re.compile(r"共(\d+)天")


def _mutations(text: str) -> list[tuple[str, str]]:
    out = []
    for match in _NOTE.finditer(text):
        other = WEEKDAY[(WEEKDAY.index(match.group(2)) + 1) % 7]
        out.append((match.group(0), text[: match.start(2)] + other + text[match.end(2) :]))
    for match in _TOTAL.finditer(text):
        more = str(int(match.group(1)) + 1)
        out.append((match.group(0), text[: match.start(1)] + more + text[match.end(1) :]))
    return out


@pytest.mark.parametrize("path", shipped_notices(), ids=lambda p: p.name)
def test_every_weekday_note_and_total_of_a_shipped_notice_is_checked(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mutations = _mutations(text)
    assert mutations
    for what, wrong in mutations:
        with pytest.raises(NoticeError):
            parse_notice(wrong, path=path.name, grammar=False)
            pytest.fail(f"{what} changed in {path.name} but the notice still reads")
