"""Festival days, official holiday periods, five-year plan periods and seasons.

* Festival days for any year: the Gregorian ones (元旦, 劳动节, 国庆节) by date,
  the lunar ones (春节, 元宵节, 端午节, 中秋节, 重阳节; 除夕 is the day before
  春节) and the solar term 清明 from the maintained ``lunar-python`` library
  (imported when first needed). shixian does not compute the lunar calendar itself.
* Official holiday periods (放假调休) from the holiday notices of the 国务院办公厅
  as the ``chinesecalendar`` package ships them: the run of days off around the
  festival, weekends inside it included. A year the data does not cover raises
  :class:`~shixian.errors.HolidayOutOfRange` (never a guessed period).

Five-year plans, seasons and the fuzzy occasions (寒假, 暑假, 汛期) are
:mod:`shixian.calendar.occasions`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..errors import HolidayOutOfRange

__all__ = [
    "FESTIVALS",
    "Festival",
    "festival_day",
    "holiday_coverage",
    "holiday_period",
    "holiday_periods",
    "lunar_to_solar",
    "next_holiday",
]

_ONE_DAY = dt.timedelta(days=1)


@attrs.frozen
class Festival:
    """A festival: how its day is found, and the name of its official holiday.

    ``calendar`` is ``"solar"`` (Gregorian ``month``/``day``), ``"lunar"``
    (lunar ``month``/``day`` of the lunar year that starts in that Gregorian
    year), ``"term"`` (the solar term named ``term``) or ``"eve"`` (the day
    before 春节). ``holiday`` is the holiday's name in the ``chinesecalendar``
    data (``None``: no official days off, 元宵节 and 重阳节).
    """

    name: str
    calendar: str
    month: int = 0
    day: int = 0
    term: str | None = None
    holiday: str | None = None


#: The festivals, by their standard simplified name.
FESTIVALS: dict[str, Festival] = {
    "元旦": Festival("元旦", "solar", 1, 1, holiday="New Year's Day"),
    "除夕": Festival("除夕", "eve", holiday="Spring Festival"),
    "春节": Festival("春节", "lunar", 1, 1, holiday="Spring Festival"),
    "元宵节": Festival("元宵节", "lunar", 1, 15),
    "清明节": Festival("清明节", "term", term="清明", holiday="Tomb-sweeping Day"),
    "劳动节": Festival("劳动节", "solar", 5, 1, holiday="Labour Day"),
    "端午节": Festival("端午节", "lunar", 5, 5, holiday="Dragon Boat Festival"),
    "中秋节": Festival("中秋节", "lunar", 8, 15, holiday="Mid-autumn Festival"),
    "国庆节": Festival("国庆节", "solar", 10, 1, holiday="National Day"),
    "重阳节": Festival("重阳节", "lunar", 9, 9),
}


@functools.lru_cache(maxsize=1024)
def lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of lunar ``month``/``day`` of lunar year ``year`` (lunar-python).

    >>> lunar_to_solar(2016, 1, 1)
    datetime.date(2016, 2, 8)
    """
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.lru_cache(maxsize=1024)
def lunar_day_of(day: dt.date) -> int:
    """The day of its lunar month that Gregorian ``day`` is (lunar-python).

    >>> lunar_day_of(dt.date(2024, 2, 10)), lunar_day_of(dt.date(2024, 2, 17))
    (1, 8)
    """
    from lunar_python import Solar

    return int(Solar.fromYmd(day.year, day.month, day.day).getLunar().getDay())


def _solar_term(year: int, term: str) -> dt.date:
    from lunar_python import Solar

    # the lunar year of mid-April holds that spring's 清明 (and the other spring terms)
    solar = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()[term]
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.lru_cache(maxsize=4096)
def festival_day(name: str, year: int) -> dt.date:
    """The day of festival ``name`` (a key of :data:`FESTIVALS`) in Gregorian ``year``.

    >>> festival_day("中秋节", 2016), festival_day("除夕", 2017), festival_day("清明节", 2026)
    (datetime.date(2016, 9, 15), datetime.date(2017, 1, 27), datetime.date(2026, 4, 5))
    """
    fest = FESTIVALS[name]
    if fest.calendar == "solar":
        return dt.date(year, fest.month, fest.day)
    if fest.calendar == "eve":
        return lunar_to_solar(year, 1, 1) - _ONE_DAY
    if fest.calendar == "term":
        assert fest.term is not None
        return _solar_term(year, fest.term)
    return lunar_to_solar(year, fest.month, fest.day)


# -- official holiday periods -----------------------------------------------------------


@attrs.frozen
class _HolidayData:
    """Days off named after their festivals, days off and make-up working days."""

    names: dict[dt.date, frozenset[str]] = attrs.field(hash=False)
    off: frozenset[dt.date]
    work: frozenset[dt.date]
    first: int
    last: int


def _festival_keys(name: str) -> set[str]:
    """The festivals a notice line names (中秋节、国庆节 → both)."""
    keys = set()
    for part in name.replace("“", "").replace("”", "").replace('"', "").split("、"):
        for key in FESTIVALS:
            if key != "除夕" and (key in part or part in key or key.rstrip("节") == part):
                keys.add(key)
    if "五一" in name:
        keys.add("劳动节")
    return keys


@functools.lru_cache(maxsize=4)
def _holiday_data(notice_dir: Path | None = None) -> _HolidayData:
    """``chinesecalendar``'s days off by festival, extended by the notices that
    :func:`~shixian.calendar.official.official_data` adds after it (``notice_dir``:
    where the notice files are; default: the shipped ones)."""
    from chinese_calendar import constants

    from .official import official_data

    data = official_data(notice_dir)
    english = {f.holiday: k for k, f in FESTIVALS.items() if f.holiday and k != "除夕"}
    names: dict[dt.date, set[str]] = {}
    for day, value in constants.holidays.items():
        key = english.get(str(value))
        if key is not None:
            names.setdefault(_as_date(day), set()).add(key)
    if data.notice_years:
        from .notice_calendar import NoticeCalendar
        from .notices import NOTICE_DIR, load_notice

        directory = NOTICE_DIR if notice_dir is None else notice_dir
        files = [p for p in sorted(directory.glob("*.txt")) if p.name[:4].isdigit()]
        notices = [load_notice(p) for p in files if int(p.name[:4]) in data.notice_years]
        for entry in NoticeCalendar.build(notices).entries:
            for day in entry.days_off:
                names.setdefault(day, set()).update(_festival_keys(entry.name))
    return _HolidayData(
        names={d: frozenset(k) for d, k in names.items()},
        off=data.holidays,
        work=data.workdays,
        first=data.first.year,
        last=data.last.year,
    )


def _as_date(day: dt.date) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


def holiday_coverage() -> tuple[int, int]:
    """The first and last year of the official holiday data (with shipped notices).

    >>> holiday_coverage()[0]
    2004
    """
    data = _holiday_data()
    return data.first, data.last


def _run(data: _HolidayData, seed: dt.date) -> tuple[dt.date, dt.date]:
    def off(day: dt.date) -> bool:
        return day in data.off or (day.weekday() >= 5 and day not in data.work)

    start = end = seed
    while off(start - _ONE_DAY):
        start -= _ONE_DAY
    while off(end + _ONE_DAY):
        end += _ONE_DAY
    return start, end


def holiday_period(
    name: str, year: int, *, text: str = "", notice_dir: Path | None = None
) -> tuple[dt.date, dt.date]:
    """First and last day off of festival ``name``'s official holiday in ``year``.

    The holiday is the run of days off (weekends inside it included) that holds
    the days the data names after the festival, or, when a joint holiday is named
    after another festival (2020: 中秋 within the 国庆 days), the festival's own
    day. The data are ``chinesecalendar``'s, then the notices shipped after it
    (``notice_dir`` for another folder of notice files). Raises
    :class:`~shixian.errors.HolidayOutOfRange` for a year outside the data or a
    festival without days off that year.

    >>> holiday_period("春节", 2016)
    (datetime.date(2016, 2, 7), datetime.date(2016, 2, 13))
    >>> holiday_period("元旦", 2017)
    (datetime.date(2016, 12, 31), datetime.date(2017, 1, 2))
    """
    found = _holiday_period(name, year, notice_dir)
    if isinstance(found, str):
        raise HolidayOutOfRange(text or f"{year}年{name}", name, year, found)
    return found


@functools.lru_cache(maxsize=1024)
def _holiday_period(
    name: str, year: int, notice_dir: Path | None = None
) -> tuple[dt.date, dt.date] | str:
    """The period, or why there is none."""
    data = _holiday_data(notice_dir)
    fest = FESTIVALS[name]
    if not data.first <= year <= data.last:
        return (
            f"the official holiday data covers {data.first}–{data.last}; a later year "
            "needs that year's 国务院办公厅 holiday notice (shixian/calendar/data/notices/)"
        )
    if fest.holiday is None:
        return f"{name} has no official days off"
    day = festival_day(name, year)
    key = "春节" if name == "除夕" else name
    seeds = [
        day + dt.timedelta(days=k)
        for k in range(-10, 11)
        if key in data.names.get(day + dt.timedelta(days=k), ())
    ]
    if not seeds and day in data.off and day in data.names:
        seeds = [day]
    if not seeds:
        return f"no official days off for {name} in {year}"
    nearest = min(seeds, key=lambda d: abs((d - day).days))
    return _run(data, nearest)


def holiday_periods(start: dt.date, end: dt.date) -> Iterator[tuple[str, dt.date, dt.date]]:
    """The official holiday periods that overlap ``start``–``end``, in order, as
    ``(festival, first day, last day)``; a joint holiday is named after its first
    festival. Lazy: :class:`~shixian.errors.HolidayOutOfRange` is raised when the
    periods reach a year past the data.

    >>> [(n, str(a), str(b)) for n, a, b in holiday_periods(dt.date(2016, 9, 1),
    ...                                                      dt.date(2016, 10, 31))]
    [('中秋节', '2016-09-15', '2016-09-17'), ('国庆节', '2016-10-01', '2016-10-07')]
    """
    first, _ = holiday_coverage()
    seen: set[tuple[dt.date, dt.date]] = set()
    for year in range(max(start.year - 1, first), end.year + 2):
        found = []
        for name, fest in FESTIVALS.items():
            if fest.holiday is None or name == "除夕":
                continue
            period = _holiday_period(name, year)
            if isinstance(period, str):
                if year > holiday_coverage()[1]:
                    if year > end.year:  # 元旦 of the year after may not reach ``end``
                        return
                    holiday_period(name, year)  # raises: the year is not covered
                continue
            if period not in seen:
                seen.add(period)
                found.append((period[0], name, period[1]))
        for lo, name, hi in sorted(found):
            if hi >= start and lo <= end:
                yield name, lo, hi
            elif lo > end:
                return


def next_holiday(reference: dt.date) -> tuple[str, dt.date, dt.date]:
    """The official holiday period under way on ``reference``, or else the next one.

    Raises :class:`~shixian.errors.HolidayOutOfRange` when that period is past the data.

    >>> next_holiday(dt.date(2016, 5, 1))
    ('劳动节', datetime.date(2016, 4, 30), datetime.date(2016, 5, 2))
    """
    for year in (reference.year, reference.year + 1):
        periods = []
        for name, fest in FESTIVALS.items():
            if fest.holiday is None or name == "除夕":
                continue
            try:
                lo, hi = holiday_period(name, year)
            except HolidayOutOfRange:
                first, last = holiday_coverage()
                if not first <= year <= last:
                    raise
                continue
            if hi >= reference:
                periods.append((lo, name, hi))
        if periods:
            lo, name, hi = min(periods)
            return name, lo, hi
    raise AssertionError("every covered year has holidays")  # pragma: no cover
