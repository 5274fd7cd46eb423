"""Expanding schedules into occurrences, and writing them as RFC 5545 RRULEs.

Periods are calendar-aligned (years, half-years from January and July,
quarters, months, 旬 1–10/11–20/21–end, ISO weeks Monday–Sunday). A period with
an interval (每两个月) counts from the schedule's ``start``, or else from January
of year 0, so that the same schedule always gives the same dates. A due day
past the end of a short month (每月31日) falls on that month's last day; the
RRULE says the same with ``BYMONTHDAY=28,29,30,31;BYSETPOS=-1``.

Dates exist from 0001-01-01 to 9999-12-31 (:class:`datetime.date`). At the
edges of that calendar a schedule simply has no more occurrences: an occurrence
is produced only when its period's first day and its due day are both on the
calendar, so :func:`next_due` gives ``None`` (no next occurrence) instead of
raising, and :func:`to_rrule` raises :class:`~shixian.errors.NotComputable`.

Due points inside a period: ``week`` *n* is days 7n−6…7n of the period (of its
due month when ``months`` is set; −1 is the last seven days), due on its last
day, or on ``weekday`` in it when that is set (the n-th weekday of the month:
每月第一个周一, 3月份倒数第一个周六 → ``BYDAY=-1SA``); ``workday`` *n* is the n-th
working day of the period (−1 the last) on the calendar passed in, or the
default one (``calendar.offsets.current_calendar``).
RFC 5545 can state a week position (``BYMONTHDAY=7``) but not a working day:
``BYSETPOS`` over ``BYDAY=MO,…,FR`` knows nothing of holidays and 调休, so a
working-day schedule has no RRULE.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ..errors import NotComputable
from ..model import Frequency, Occurrence, Schedule

if TYPE_CHECKING:
    from .workdays import WorkdayCalendar

__all__ = ["next_due", "occurrences", "rrule_body", "to_rrule"]

_MONTHS_PER = {
    Frequency.YEAR: 12,
    Frequency.HALFYEAR: 6,
    Frequency.QUARTER: 3,
    Frequency.MONTH: 1,
}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: Month indexes (year * 12 + month - 1) of the first and last month on the calendar.
_FIRST_MONTH = 12
_LAST_MONTH = 9999 * 12 + 11
_LAST_ORDINAL = dt.date.max.toordinal()


def _ics_date(day: dt.date) -> str:
    """RFC 5545 DATE, always eight digits (``strftime("%Y")`` gives ``1``, not ``0001``,
    for year 1 on glibc)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _require_dates(s: Schedule) -> None:
    if not s.computable:
        word = "不定期 (irregular)" if s.every is Frequency.IRREGULAR else "定期 (no frequency)"
        raise NotComputable("occurrences", f"{s.text!r} is {word}: the text fixes no dates")


def _month_day(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def occurrences(
    s: Schedule, lo: dt.date, hi: dt.date, *, calendar: WorkdayCalendar | None = None
) -> Iterator[Occurrence]:
    """Occurrences of ``s`` whose due day lies in ``lo``–``hi`` and inside its bounds.

    A ``workday`` position is counted on ``calendar`` (default: the official one;
    :class:`~shixian.errors.CalendarOutOfRange` outside its data).
    """
    _require_dates(s)
    if s.start is not None and s.start > lo:
        lo = s.start
    if s.until is not None and s.until < hi:
        hi = s.until
    if lo > hi:
        return iter(())
    if s.every is Frequency.HOLIDAY:
        gen = _holidays(lo, hi)
    elif s.festival is not None and s.months is None:
        from .festivals import FESTIVALS

        if s.festival not in FESTIVALS:
            raise NotComputable("occurrences", f"{s.festival!r} is not a known festival")
        gen = _festival_years(s.festival, lo, hi)
    elif s.every in _MONTHS_PER:
        gen = _monthly(s, lo, hi)
    elif s.every is Frequency.TENDAY:
        gen = _tendays(s, lo, hi)
    else:
        gen = _daily(s, lo, hi)
    if s.week is not None or s.workday is not None:
        placed = (_position(s, o, calendar) for o in gen)
        gen = (o for o in placed if o is not None)
    return (o for o in gen if lo <= o.due <= hi)


def _position(s: Schedule, o: Occurrence, calendar: WorkdayCalendar | None) -> Occurrence | None:
    """Move an occurrence's due day to its week or working-day position.

    ``o`` spans the days the position counts in (see :func:`_monthly`); a period
    with fewer working days than the position is due on its last (first) one, and
    one with none has no occurrence.
    """
    first, last = o.start, o.end
    if s.week is not None:
        if s.week > 0:
            due = min(first + dt.timedelta(days=7 * s.week - 1), last)
        else:
            due = last + dt.timedelta(days=7 * (s.week + 1))
        begin = max(first, due - dt.timedelta(days=6))
        if s.weekday is None:
            return Occurrence(begin, due, due)
        # 每月第一个周一, 3月份倒数第一个周六: that weekday of the week position (a
        # fifth one that the month lacks: no occurrence, as RFC 5545's BYDAY=5SA)
        day = begin + dt.timedelta(days=(s.weekday - begin.weekday()) % 7)
        return Occurrence(day, day, day) if day <= due else None
    from .offsets import current_calendar

    cal = current_calendar() if calendar is None else calendar
    n = s.workday
    assert n is not None
    if n > 0:
        due = cal.add_workdays(cal.next_workday(first), n - 1)
        if due > last:  # fewer working days in the period than the position: its last one
            due = cal.previous_workday(last)
    else:
        due = cal.add_workdays(cal.previous_workday(last), n + 1)
        if due < first:
            due = cal.next_workday(first)
    if not first <= due <= last:  # no working day at all (a week of 国庆节): no occurrence
        return None
    return Occurrence(first, due, due)


def _monthly(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    """Cycles of ``interval`` × years/half-years/quarters/months.

    Without ``months``, each cycle is due at its end (每两个月: every second month's
    end). With ``months``, the work is due in those months of the cycle's first
    period (每两个季度首月: the first month of every second quarter).
    """
    size = _MONTHS_PER[s.every]
    step = size * s.interval
    origin = 0 if s.start is None else _month_index(s.start) - _month_index(s.start) % size
    first = _month_index(lo)
    cycle = first - (first - origin) % step
    last = _month_index(hi)
    long_period = size > 1
    positioned = s.week is not None or s.workday is not None
    while cycle <= last:
        if long_period and s.months is not None:
            due_months = [m for m in range(cycle, cycle + size) if m % 12 + 1 in s.months]
        elif s.months is not None and (cycle + step - 1) % 12 + 1 not in s.months:
            due_months = []
        else:
            due_months = [cycle + step - 1]
        for index in due_months:
            if index > _LAST_MONTH:
                return  # past 9999-12-31: no more occurrences
            begin = index if long_period and s.months is not None else cycle
            if positioned:  # the span the position counts in: the due month or the period
                if long_period and s.months is None:
                    begin = index - size + 1
                elif not long_period:
                    begin = index
            if begin < _FIRST_MONTH:
                continue  # the period began before 0001-01-01
            year, month0 = divmod(index, 12)
            due = _month_day(year, month0 + 1, None if positioned else s.day)
            yield Occurrence(dt.date(begin // 12, begin % 12 + 1, 1), due, due)
        cycle += step


def _tenday_bounds(index: int) -> tuple[dt.date, dt.date]:
    """First and last day of 旬 number ``index`` (three a month from year 0)."""
    month_index, part = divmod(index, 3)
    year, month0 = divmod(month_index, 12)
    if part == 2:
        last = calendar.monthrange(year, month0 + 1)[1]
        return dt.date(year, month0 + 1, 21), dt.date(year, month0 + 1, last)
    return dt.date(year, month0 + 1, 1 + 10 * part), dt.date(year, month0 + 1, 10 + 10 * part)


def _tenday_index(day: dt.date) -> int:
    return _month_index(day) * 3 + min((day.day - 1) // 10, 2)


def _tendays(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    step = s.interval
    origin = 0 if s.start is None else _tenday_index(s.start)
    first = _tenday_index(lo)
    cycle = first - (first - origin) % step
    last = _tenday_index(hi)
    while cycle <= last:
        if (cycle + step - 1) // 3 > _LAST_MONTH:
            return  # past 9999-12-31: no more occurrences
        if cycle // 3 < _FIRST_MONTH:
            cycle += step  # the period began before 0001-01-01
            continue
        begin = _tenday_bounds(cycle)[0]
        due = _tenday_bounds(cycle + step - 1)[1]
        if s.months is None or due.month in s.months:
            yield Occurrence(begin, due, due)
        cycle += step


def _daily(s: Schedule, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    """Weeks (Monday–Sunday) and days; a weekly cycle is due on ``weekday`` of its
    first week, or else on its last day."""
    step = (7 if s.every is Frequency.WEEK else 1) * s.interval
    if s.every is Frequency.WEEK:
        if s.weekdays is not None:
            offsets: tuple[int, ...] = tuple(sorted(s.weekdays))
        elif s.weekday is not None:
            offsets = (s.weekday,)
        else:
            offsets = (step - 1,)
        # ordinal 1 (0001-01-01) is a Monday
        origin = 0 if s.start is None else (s.start.toordinal() - 1) // 7 * 7
    else:
        offsets = (step - 1,)
        origin = 0 if s.start is None else s.start.toordinal() - 1
    weekly_position = s.workday is not None and s.every is Frequency.WEEK
    if weekly_position:  # the position counts in the whole (first) week
        offsets = (6,)
    first = lo.toordinal() - 1
    cycle = first - (first - origin) % step
    # a working-day position may fall before the end of the week that holds ``hi``
    limit = hi.toordinal() + (6 if weekly_position else 0)
    while cycle + 1 + offsets[0] <= limit:
        begin = dt.date.fromordinal(cycle + 1)
        for offset in offsets:
            if cycle + 1 + offset > _LAST_ORDINAL:
                return  # past 9999-12-31: no more occurrences
            due = dt.date.fromordinal(cycle + 1 + offset)
            if s.months is None or due.month in s.months:
                yield Occurrence(begin, due, due)
        cycle += step


def _holidays(lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    """每逢节假日: each official holiday period, due on its last day."""
    from .festivals import holiday_periods

    for _, start, end in holiday_periods(lo, hi):
        yield Occurrence(start, end, end)


def _festival_years(festival: str, lo: dt.date, hi: dt.date) -> Iterator[Occurrence]:
    """每年春节前: due the day before the festival each year (lunar: from the calendar);
    each occurrence runs from the day after the year before's due day."""
    from .festivals import festival_day

    one = dt.timedelta(days=1)
    for year in range(max(lo.year, 2), hi.year + 2):
        if year > 9999:
            break
        due = festival_day(festival, year) - one
        begin = festival_day(festival, year - 1)
        yield Occurrence(begin, due, due)


def next_due(
    s: Schedule, after: dt.date, *, calendar: WorkdayCalendar | None = None
) -> dt.date | None:
    """The first due day on or after ``after``; ``None`` when the schedule has ended."""
    _require_dates(s)
    begin = after if s.start is None or s.start < after else s.start
    try:
        horizon = begin + dt.timedelta(days=370 * 3 * s.interval)
    except OverflowError:
        horizon = dt.date.max
    for occurrence in occurrences(s, after, horizon, calendar=calendar):
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


def rrule_body(s: Schedule) -> str | None:
    """The ``RRULE`` value (without ``DTSTART``) whose instants are the due days.

    ``None`` for the few schedules RFC 5545 cannot state exactly (every second
    旬; several months with a due day past the 28th, every second year).

    >>> from shixian.model import Schedule
    >>> rrule_body(Schedule(text="每月10日前", span=(0, 6), every="month", day=10))
    'FREQ=MONTHLY;BYMONTHDAY=10'
    """
    _require_dates(s)
    if s.workday is not None:
        return None  # BYSETPOS counts weekdays, not the official working days
    if s.every is Frequency.HOLIDAY or (s.festival is not None and s.months is None):
        return None  # holiday notices and the lunar calendar have no RFC 5545 rule
    if s.week is not None:
        return _week_body(s)
    every, k, months = s.every, s.interval, s.months
    interval = f";INTERVAL={k}" if k > 1 else ""
    monthday = _monthday(s.day)
    if every in (Frequency.YEAR, Frequency.HALFYEAR, Frequency.QUARTER):
        size = _MONTHS_PER[every]
        if k == 1:
            if every is Frequency.YEAR and (months is None or len(months) == 1):
                body = f"FREQ=YEARLY{_months(months or (12,))};{monthday}"
            else:
                body = f"FREQ=MONTHLY{_months(months or tuple(range(size, 13, size)))};{monthday}"
        elif months is None:
            body = f"FREQ=MONTHLY;INTERVAL={size * k};{monthday}"
        elif every is Frequency.YEAR and (len(months) == 1 or "BYSETPOS" not in monthday):
            body = f"FREQ=YEARLY{interval}{_months(months)};{monthday}"
        elif sum(1 for m in months if m <= size) == 1:  # one due month per period
            body = f"FREQ=MONTHLY;INTERVAL={size * k};{monthday}"
        else:
            return None
    elif every is Frequency.MONTH:
        body = f"FREQ=MONTHLY{interval}{_months(months)};{monthday}"
    elif every is Frequency.TENDAY:
        if k > 1:
            return None
        body = f"FREQ=MONTHLY{_months(months)};BYMONTHDAY=10,20,-1"
    elif every is Frequency.WEEK:
        days = s.weekdays or (6 if s.weekday is None else s.weekday,)
        weekday = ",".join(_BYDAY[d] for d in sorted(days))
        body = f"FREQ=WEEKLY{interval}{_months(months)};BYDAY={weekday};WKST=MO"
    else:
        body = f"FREQ=DAILY{interval}{_months(months)}"
    if s.until is not None:
        body += f";UNTIL={_ics_date(s.until)}"
    return body


def _week_body(s: Schedule) -> str | None:
    """A week position as a day of the month (week 2 → ``BYMONTHDAY=14``), where one
    period's due week lies in one month: months and longer periods, interval 1."""
    week = s.week
    assert week is not None
    if s.interval != 1 or s.every not in _MONTHS_PER:
        return None
    if s.weekday is not None:  # the n-th (or n-th last) weekday of the month: BYDAY=-1SA
        size = _MONTHS_PER[s.every]
        months = s.months
        if size > 1 and months is None:
            months = tuple(range(1, 13, size)) if week > 0 else tuple(range(size, 13, size))
        if not -4 <= week <= 4:
            return None  # a fifth week is clipped to the period's end: no BYDAY for it
        freq = "YEARLY" if s.every is Frequency.YEAR and months and len(months) == 1 else "MONTHLY"
        body = f"FREQ={freq}{_months(months)};BYDAY={week}{_BYDAY[s.weekday]}"
        return body + (f";UNTIL={_ics_date(s.until)}" if s.until is not None else "")
    if week == -1:
        size = _MONTHS_PER[s.every]
        months = s.months
        if size > 1 and months is None:
            months = tuple(range(size, 13, size))
        return rrule_body(attrs.evolve(s, week=None, day=None, months=months))
    if not 1 <= week <= 4:
        return None
    months = s.months
    size = _MONTHS_PER[s.every]
    if size > 1 and months is None:
        months = tuple(range(1, 13, size))
    return rrule_body(attrs.evolve(s, week=None, day=7 * week, months=months))


def to_rrule(s: Schedule, dtstart: dt.date | None = None) -> str:
    """``DTSTART`` and ``RRULE`` lines; DTSTART is the first due day on or after
    ``dtstart`` (default: the schedule's ``start``)."""
    _require_dates(s)
    begin = dtstart if dtstart is not None else s.start
    if begin is None:
        raise NotComputable("an RRULE", f"{s.text!r} has no start: pass dtstart")
    body = rrule_body(s)
    if body is None and s.workday is not None:
        raise NotComputable(
            "an RRULE",
            f"{s.text!r} is due on a working day: RFC 5545 (BYSETPOS) does not know the "
            "official holiday calendar; use occurrences()",
        )
    if body is None and (s.every is Frequency.HOLIDAY or s.festival is not None):
        raise NotComputable(
            "an RRULE",
            f"{s.text!r} follows the official holidays or the lunar calendar, which RFC 5545 "
            "cannot state; use occurrences()",
        )
    if body is None:
        raise NotComputable("an RRULE", f"RFC 5545 cannot state {s.text!r} exactly")
    first = next_due(s, begin)
    if first is None:
        raise NotComputable("an RRULE", f"{s.text!r} has no occurrence after {begin}")
    return f"DTSTART;VALUE=DATE:{_ics_date(first)}\nRRULE:{body}"
