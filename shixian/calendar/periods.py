"""Calendar arithmetic on civil periods: years, half-years, quarters, months, 旬, weeks."""

from __future__ import annotations

import datetime as dt

__all__ = [
    "WEEKDAY_NAMES",
    "add_months",
    "half_bounds",
    "moment",
    "month_bounds",
    "month_end",
    "month_length",
    "quarter_bounds",
    "tenday_bounds",
    "year_bounds",
]


#: The day a weekday's name writes (周一, 星期日, 周天: the character after 周 or 星期),
#: Monday 0 .. Sunday 6.
WEEKDAY_NAMES: dict[str, int] = {
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
}  # fmt: skip

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """The number of days in a month (``calendar.monthrange`` without its weekday work).

    >>> month_length(2016, 2), month_length(1900, 2), month_length(2000, 2)
    (29, 28, 29)
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month.

    >>> month_end(2016, 2)
    datetime.date(2016, 2, 29)
    """
    return dt.date(year, month, month_length(year, month))


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    return dt.date(year, month, 1), month_end(year, month)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def half_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    """First and last day of half-year ``half`` (1 = 上半年, 2 = 下半年)."""
    first = 1 + 6 * (half - 1)
    return dt.date(year, first, 1), month_end(year, first + 5)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of quarter ``quarter`` (1–4).

    >>> quarter_bounds(2017, 1)
    (datetime.date(2017, 1, 1), datetime.date(2017, 3, 31))
    """
    first = 1 + 3 * (quarter - 1)
    return dt.date(year, first, 1), month_end(year, first + 2)


def tenday_bounds(year: int, month: int, tenday: int) -> tuple[dt.date, dt.date]:
    """First and last day of a 旬: 1 = 上旬 (1–10), 2 = 中旬 (11–20), 3 = 下旬 (21–end)."""
    if tenday == 3:
        return dt.date(year, month, 21), month_end(year, month)
    return dt.date(year, month, 1 + 10 * (tenday - 1)), dt.date(year, month, 10 * tenday)


def add_months(day: dt.date, months: int) -> dt.date:
    """Add calendar months, clamping the day to the target month's length.

    >>> add_months(dt.date(2016, 1, 31), 1)
    datetime.date(2016, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    return dt.date(year, month0 + 1, min(day.day, month_length(year, month0 + 1)))


def moment(day: dt.date, time: tuple[int, int] | None) -> dt.datetime | None:
    """The moment ``time`` (hour, minute) on ``day``; 24时 is the next midnight; ``None``
    without a time."""
    if time is None:
        return None
    hour, minute = time
    if hour == 24:
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    return dt.datetime.combine(day, dt.time(hour, minute))
