"""The official Chinese working-day calendar (工作日) and counting periods after an event."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import attrs

from ..errors import CalendarOutOfRange, NotComputable, ShixianError
from ..model import Offset, Unit
from .periods import add_months, month_end

__all__ = ["OFFICIAL", "WorkdayCalendar", "resolve_offset"]


@attrs.frozen
class _OfficialData:
    """The holiday notices as shipped by the ``chinesecalendar`` package."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    first: dt.date
    last: dt.date


@functools.lru_cache(maxsize=1)
def _official_data() -> _OfficialData:
    # Imported here, not at module level: ``import shixian`` must stay fast.
    from chinese_calendar import constants

    holidays = frozenset(_as_date(d) for d in constants.holidays)
    workdays = frozenset(_as_date(d) for d in constants.workdays)
    years = [d.year for d in holidays | workdays]
    return _OfficialData(
        holidays=holidays,
        workdays=workdays,
        first=dt.date(min(years), 1, 1),
        last=dt.date(max(years), 12, 31),
    )


def _as_date(day: dt.date) -> dt.date:
    # ``datetime`` is a subclass of ``date`` but never equal to one: normalize.
    return day.date() if isinstance(day, dt.datetime) else day


def _date_set(days: Iterable[dt.date]) -> frozenset[dt.date]:
    out = set()
    for day in days:
        if not isinstance(day, dt.date):
            raise ShixianError(f"not a date: {day!r}")
        out.add(_as_date(day))
    return frozenset(out)


def _step(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise ShixianError(f"{day} + {days} days is outside the supported dates") from None


@attrs.frozen
class WorkdayCalendar:
    """Which days are working days (工作日) for counting statutory time limits.

    With ``official=True`` (the default) a day is a working day as the 国务院办公厅
    holiday notices say: Monday–Friday, except the announced days off (放假), plus
    the announced make-up working days (调休上班, often a Saturday or Sunday).
    The caller's ``holidays`` (days off) and ``workdays`` (working days) override
    the official data and extend it to any year.

    A day outside the official data (see :meth:`coverage`) that the caller's sets
    do not decide raises :class:`~shixian.errors.CalendarOutOfRange`, unless
    ``weekends_only=True``: then Monday–Friday are working days there. With
    ``official=False`` the official data are not used at all: Monday–Friday plus
    the caller's sets, for every year.

    Args:
        holidays: extra days off (a local holiday, a closure).
        workdays: extra working days (a make-up day the data lack).
        weekends_only: outside the official data, fall back to Monday–Friday
            instead of raising.
        official: use the official holiday notices.

    Raises:
        ShixianError: a day is both in ``holidays`` and in ``workdays``.

    >>> cal = WorkdayCalendar()
    >>> cal.is_workday(dt.date(2016, 10, 8))   # Saturday, 调休上班
    True
    >>> cal.is_workday(dt.date(2016, 10, 3))   # Monday, 国庆节
    False
    >>> WorkdayCalendar(official=False).is_workday(dt.date(1990, 1, 1))
    True
    """

    holidays: frozenset[dt.date] = attrs.field(default=(), converter=_date_set)
    workdays: frozenset[dt.date] = attrs.field(default=(), converter=_date_set)
    weekends_only: bool = attrs.field(default=False, kw_only=True)
    official: bool = attrs.field(default=True, kw_only=True)

    def __attrs_post_init__(self) -> None:
        both = self.holidays & self.workdays
        if both:
            days = ", ".join(sorted(d.isoformat() for d in both))
            raise ShixianError(f"days given both as holidays and as workdays: {days}")

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (a datetime counts as its date).

        Raises:
            CalendarOutOfRange: the official data do not cover ``day`` and
                neither the caller's sets nor ``weekends_only`` decide it.

        >>> OFFICIAL.is_workday(dt.date(2017, 1, 22))   # Sunday, 春节调休上班
        True
        >>> OFFICIAL.is_workday(dt.date(2017, 1, 27))   # Friday, 除夕
        False
        """
        day = _as_date(day)
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        if self.official:
            data = _official_data()
            if data.first <= day <= data.last:
                if day in data.workdays:
                    return True
                if day in data.holidays:
                    return False
            elif not self.weekends_only:
                raise CalendarOutOfRange(day, data.first, data.last)
        return day.weekday() < 5

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``.

        >>> OFFICIAL.next_workday(dt.date(2016, 10, 1))   # 国庆节 → 10-08 (Saturday, 上班)
        datetime.date(2016, 10, 8)
        >>> OFFICIAL.next_workday(dt.date(2016, 9, 30))
        datetime.date(2016, 9, 30)
        """
        day = _as_date(day)
        is_workday = self.is_workday
        while not is_workday(day):
            day = _step(day, 1)
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        """The last working day on or before ``day``.

        >>> OFFICIAL.previous_workday(dt.date(2016, 10, 7))
        datetime.date(2016, 9, 30)
        """
        day = _as_date(day)
        is_workday = self.is_workday
        while not is_workday(day):
            day = _step(day, -1)
        return day

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start``; ``start`` itself is not counted.

        《民法典》第二百零一条: the day of the event is not counted, counting
        starts on the next day. ``n=0`` returns ``start`` unchanged; a negative
        ``n`` counts back: ``-1`` is the last working day before ``start``.

        >>> OFFICIAL.add_workdays(dt.date(2016, 9, 29), 3)   # 9-30, 10-08 (Sat), 10-09 (Sun)
        datetime.date(2016, 10, 9)
        >>> OFFICIAL.add_workdays(dt.date(2016, 9, 29), 0)
        datetime.date(2016, 9, 29)
        """
        day = _as_date(start)
        direction = 1 if n >= 0 else -1
        remaining = abs(n)
        is_workday = self.is_workday
        while remaining:
            day = _step(day, direction)
            if is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b``; negative when ``b < a``.

        The inverse of :meth:`add_workdays`:
        ``workdays_between(a, add_workdays(a, n)) == n``.

        >>> OFFICIAL.workdays_between(dt.date(2016, 9, 29), dt.date(2016, 10, 9))
        3
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.workdays_between(b, a)
        is_workday = self.is_workday
        count = 0
        day = a
        while day < b:
            day = _step(day, 1)
            if is_workday(day):
                count += 1
        return count

    def coverage(self) -> tuple[dt.date, dt.date]:
        """First and last day of the official holiday data (whole years).

        The span does not depend on ``weekends_only``, ``official`` or the
        caller's sets; it is where the official notices are known.

        >>> first, last = OFFICIAL.coverage()
        >>> first
        datetime.date(2004, 1, 1)
        >>> last.month, last.day
        (12, 31)
        """
        data = _official_data()
        return data.first, data.last


OFFICIAL = WorkdayCalendar()
"""The official calendar, with no additions; the default of :func:`resolve_offset`."""


def _roll(day: dt.date, calendar: WorkdayCalendar, roll: bool, back: bool = False) -> dt.date:
    if not roll:
        return day
    return calendar.previous_workday(day) if back else calendar.next_workday(day)


def resolve_offset(
    event: dt.date | dt.datetime,
    offset: Offset,
    *,
    calendar: WorkdayCalendar | None = None,
    roll_to_workday: bool = True,
    before: bool = False,
) -> dt.date | dt.datetime:
    """The day (or, for hours, the instant) a time limit of ``offset`` after ``event`` ends.

    With ``before`` the limit lies before the event (会议召开5日前, 节前3个工作日):
    the same counts go back from ``event`` (working days back on the calendar),
    and a day that is not a working day moves back to the working day before it.

    Counting follows 《民法典》第二百零一条: the event's own day is not counted.

    - ``HOUR``: ``event`` + hours, as a datetime (a date means its midnight);
      never rolled.
    - ``DAY`` / ``WEEK``: ``event`` + days (weeks × 7).
    - ``WORKDAY``: the ``amount``-th working day after ``event``
      (:meth:`WorkdayCalendar.add_workdays`).
    - ``MONTH`` / ``YEAR``: the same day ``amount`` months (years) later, clamped
      to the month's end (1-31 + 1 month → 2-28/29). With ``offset.day`` set,
      that day of the month reached instead (次月10日前 = ``Offset(1, "month", 10)``).

    With ``roll_to_workday`` a ``DAY``/``WEEK``/``MONTH``/``YEAR`` result that is
    not a working day moves to the next working day (第二百零三条: a period whose
    last day is a 法定休假日 ends on the day after it; weekends count as rest days).

    ``amount == 0`` (及时, 立即) returns the event itself. A datetime ``event``
    with a unit other than hours is taken as its date, and a date is returned.

    Args:
        event: the day (or instant) the period starts from.
        offset: the length of the period.
        calendar: the working-day calendar; default :data:`OFFICIAL`.
        roll_to_workday: apply 第二百零三条 to calendar-day periods.
        before: count back from the event instead of forward.

    Raises:
        NotComputable: ``offset.amount`` is ``None`` (the text gives no number).
        CalendarOutOfRange: working days are needed outside the calendar's data.
        ShixianError: a negative amount, or ``offset.day`` with a unit other
            than months or years.

    >>> resolve_offset(dt.date(2016, 9, 20), Offset(20, "day"))   # 10-10, a Monday
    datetime.date(2016, 10, 10)
    >>> resolve_offset(dt.date(2016, 9, 11), Offset(20, "day"))   # 10-01 is 国庆节 → 10-08
    datetime.date(2016, 10, 8)
    >>> resolve_offset(dt.date(2016, 9, 29), Offset(3, "workday"))
    datetime.date(2016, 10, 9)
    >>> resolve_offset(dt.date(2016, 7, 20), Offset(1, "month", day=10))   # 次月10日前
    datetime.date(2016, 8, 10)
    >>> resolve_offset(dt.date(2016, 5, 20), Offset(1, "month", day=10))   # 6-10 端午 → 6-12 (Sun)
    datetime.date(2016, 6, 12)
    >>> resolve_offset(dt.datetime(2016, 9, 30, 18, 0), Offset(24, "hour"))
    datetime.datetime(2016, 10, 1, 18, 0)
    >>> resolve_offset(dt.date(2016, 10, 20), Offset(5, "day"), before=True)   # 10-15 is a Saturday
    datetime.date(2016, 10, 14)
    >>> # 10-09 (Sun) and 10-08 (Sat) are make-up working days, then 9-30
    >>> resolve_offset(dt.date(2016, 10, 10), Offset(3, "workday"), before=True)
    datetime.date(2016, 9, 30)
    """
    amount = offset.amount
    if amount is None:
        raise NotComputable("a due date", f"the offset {offset} gives no time limit")
    if amount < 0:
        raise ShixianError(f"an offset counts forward from its event, got {offset}")
    unit = offset.unit
    if offset.day is not None and unit not in (Unit.MONTH, Unit.YEAR):
        raise ShixianError(f"a day of the month only applies to months or years, got {offset}")

    sign = -1 if before else 1
    if unit is Unit.HOUR:
        start = event if isinstance(event, dt.datetime) else dt.datetime.combine(event, dt.time())
        try:
            return start + dt.timedelta(hours=sign * amount)
        except OverflowError:
            raise ShixianError(f"{offset} after {event} is outside the supported dates") from None

    day = _as_date(event)
    if amount == 0 and offset.day is None:
        return day
    cal = OFFICIAL if calendar is None else calendar
    if unit is Unit.WORKDAY:
        return cal.add_workdays(day, sign * amount)
    if unit is Unit.DAY:
        return _roll(_step(day, sign * amount), cal, roll_to_workday, before)
    if unit is Unit.WEEK:
        return _roll(_step(day, sign * 7 * amount), cal, roll_to_workday, before)
    months = sign * (amount if unit is Unit.MONTH else 12 * amount)
    try:
        reached = add_months(day, months)
    except (ValueError, OverflowError):
        raise ShixianError(f"{offset} after {event} is outside the supported dates") from None
    if offset.day is not None:
        if not 1 <= offset.day <= 31:
            raise ShixianError(f"no day {offset.day} in a month ({offset})")
        last = month_end(reached.year, reached.month)
        reached = reached.replace(day=min(offset.day, last.day))
    return _roll(reached, cal, roll_to_workday, before)
