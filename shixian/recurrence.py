"""Expanding schedules into occurrences, and writing them as RFC 5545 RRULEs.

Periods are calendar-aligned (years, half-years from January and July,
quarters, months, 旬 1–10/11–20/21–end, ISO weeks Monday–Sunday). A period with
an interval (每两个月) counts from the schedule's ``start``, or else from January
of year 0, so that the same schedule always gives the same dates. A due day
past the end of a short month (每月31日) falls on that month's last day; the
RRULE says the same with ``BYMONTHDAY=28,29,30,31;BYSETPOS=-1``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from .errors import NotComputable
from .model import Frequency, Occurrence, Schedule

__all__ = ["next_due", "occurrences", "rrule_body", "to_rrule"]

_MONTHS_PER = {
    Frequency.YEAR: 12,
    Frequency.HALFYEAR: 6,
    Frequency.QUARTER: 3,
    Frequency.MONTH: 1,
}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _require_dates(s: Schedule) -> None:
    if not s.computable:
        word = "不定期 (irregular)" if s.every is Frequency.IRREGULAR else "定期 (no frequency)"
        raise NotComputable("occurrences", f"{s.text!r} is {word}: the text fixes no dates")


def _month_day(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def occurrences(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    """Occurrences of ``s`` whose due day lies in ``lo``–``hi`` and inside its bounds."""
    _require_dates(s)
    if s.start is not None and s.start > lo:
        lo = s.start
    if s.until is not None and s.until < hi:
        hi = s.until
    if lo > hi:
        return iter(())
    if s.every in _MONTHS_PER:
        gen = _monthly(s, lo, hi)
    elif s.every is Frequency.TENDAY:
        gen = _tendays(s, lo, hi)
    else:
        gen = _daily(s, lo, hi)
    return (o for o in gen if lo <= o.due <= hi)


def _monthly(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    size = _MONTHS_PER[s.every]
    step = size * s.interval
    origin = 0 if s.start is None else _month_index(s.start) - _month_index(s.start) % size
    first = _month_index(lo)
    cycle = first - (first - origin) % step
    last = _month_index(hi)
    long_period = size > 1
    while cycle <= last:
        if long_period and s.months is not None:
            due_months = [m for m in range(cycle, cycle + size) if m % 12 + 1 in s.months]
        elif s.months is not None and (cycle % 12 + 1) not in s.months:
            due_months = []
        else:
            due_months = [cycle + size - 1]
        for index in due_months:
            year, month0 = divmod(index, 12)
            due = _month_day(year, month0 + 1, s.day)
            first_month = index if long_period and s.months is not None else cycle
            start = dt.date(first_month // 12, first_month % 12 + 1, 1)
            yield Occurrence(start, due, due)
        cycle += step


def _tendays(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    index = _month_index(lo)
    while index <= _month_index(hi):
        year, month0 = divmod(index, 12)
        month = month0 + 1
        if s.months is None or month in s.months:
            end = calendar.monthrange(year, month)[1]
            for first, last in ((1, 10), (11, 20), (21, end)):
                yield Occurrence(dt.date(year, month, first), *(2 * [dt.date(year, month, last)]))
        index += 1


def _daily(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    if s.every is Frequency.WEEK:
        length = 7
        offset = 6 if s.weekday is None else s.weekday
        # ordinal 1 (0001-01-01) is a Monday
        origin = 0 if s.start is None else (s.start.toordinal() - 1) // 7 * 7
        first = (lo.toordinal() - 1) // 7 * 7
    else:
        length, offset = 1, 0
        origin = 0 if s.start is None else s.start.toordinal() - 1
        first = lo.toordinal() - 1
    step = length * s.interval
    cycle = first - (first - origin) % step
    while cycle + 1 + offset <= hi.toordinal():
        begin = dt.date.fromordinal(cycle + 1)
        due = dt.date.fromordinal(cycle + 1 + offset)
        if s.months is None or due.month in s.months:
            yield Occurrence(begin, due, due)
        cycle += step


def next_due(s: Schedule, after: dt.date) -> dt.date | None:
    """The first due day on or after ``after``; ``None`` when the schedule has ended."""
    _require_dates(s)
    try:
        horizon = after + dt.timedelta(days=370 * 3 * s.interval)
    except OverflowError:
        horizon = dt.date.max
    for occurrence in occurrences(s, after, horizon):
        return occurrence.due
    return None


def _monthday(day: int | None) -> str:
    if day is None:
        return "BYMONTHDAY=-1"
    if day <= 28:
        return f"BYMONTHDAY={day}"
    return "BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1)) + ";BYSETPOS=-1"


def _months(months: tuple[int, ...] | None) -> str:
    return "" if months is None else ";BYMONTH=" + ",".join(str(m) for m in months)


def rrule_body(s: Schedule) -> str:
    """The ``RRULE`` value (without ``DTSTART``) whose instants are the due days.

    >>> from shixian.model import Schedule
    >>> rrule_body(Schedule(text="每月10日前", span=(0, 6), every="month", day=10))
    'FREQ=MONTHLY;BYMONTHDAY=10'
    """
    _require_dates(s)
    every, k = s.every, s.interval
    interval = f";INTERVAL={k}" if k > 1 else ""
    if every is Frequency.YEAR and (s.months is None or len(s.months) == 1):
        body = f"FREQ=YEARLY{interval}{_months(s.months or (12,))};{_monthday(s.day)}"
    elif every in (Frequency.YEAR, Frequency.HALFYEAR, Frequency.QUARTER):
        size = _MONTHS_PER[every]
        if k > 1 and s.months is None:
            body = f"FREQ=MONTHLY;INTERVAL={size * k};{_monthday(s.day)}"
        else:
            months = s.months or tuple(range(size, 13, size))
            body = f"FREQ=MONTHLY{_months(months)};{_monthday(s.day)}"
    elif every is Frequency.MONTH:
        body = f"FREQ=MONTHLY{interval}{_months(s.months)};{_monthday(s.day)}"
    elif every is Frequency.TENDAY:
        body = f"FREQ=MONTHLY{_months(s.months)};BYMONTHDAY=10,20,-1"
    elif every is Frequency.WEEK:
        weekday = _BYDAY[6 if s.weekday is None else s.weekday]
        body = f"FREQ=WEEKLY{interval}{_months(s.months)};BYDAY={weekday};WKST=MO"
    else:
        body = f"FREQ=DAILY{interval}{_months(s.months)}"
    if s.until is not None:
        body += f";UNTIL={s.until:%Y%m%d}"
    return body


def to_rrule(s: Schedule, dtstart: dt.date | None = None) -> str:
    """``DTSTART`` and ``RRULE`` lines; DTSTART is the first due day on or after
    ``dtstart`` (default: the schedule's ``start``)."""
    _require_dates(s)
    begin = dtstart if dtstart is not None else s.start
    if begin is None:
        raise NotComputable("an RRULE", f"{s.text!r} has no start: pass dtstart")
    first = next_due(s, begin)
    if first is None:
        raise NotComputable("an RRULE", f"{s.text!r} has no occurrence after {begin}")
    return f"DTSTART;VALUE=DATE:{first:%Y%m%d}\nRRULE:{rrule_body(s)}"
