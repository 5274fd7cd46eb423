"""The default working-day calendar, and the day a period after an event ends."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from ..errors import DateOutOfRange, NotComputable, ShixianError
from ..model import Offset, Unit
from .periods import add_months, month_end
from .workdays import OFFICIAL, WorkdayCalendar, _as_date, _step

__all__ = ["current_calendar", "resolve_offset", "use_calendar"]

_CURRENT: contextvars.ContextVar[WorkdayCalendar | None] = contextvars.ContextVar(
    "shixian_calendar", default=None
)


def current_calendar() -> WorkdayCalendar:
    """The calendar used where none is given: :func:`use_calendar`'s, else :data:`OFFICIAL`."""
    calendar = _CURRENT.get()
    return OFFICIAL if calendar is None else calendar


@contextlib.contextmanager
def use_calendar(calendar: WorkdayCalendar) -> Iterator[WorkdayCalendar]:
    """Make ``calendar`` the default working-day calendar inside the ``with`` block.

    The command line's ``--holidays FILE`` works this way. The setting is per
    thread / task (a :mod:`contextvars` variable); worker processes do not see it.

    >>> from shixian.model import Offset
    >>> with use_calendar(WorkdayCalendar(holidays={dt.date(2016, 9, 30)})):
    ...     resolve_offset(dt.date(2016, 9, 29), Offset(1, "workday"))
    datetime.date(2016, 10, 8)
    """
    token = _CURRENT.set(calendar)
    try:
        yield calendar
    finally:
        _CURRENT.reset(token)


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
        calendar: the working-day calendar; default :func:`current_calendar`
            (:data:`OFFICIAL` unless :func:`use_calendar` set another).
        roll_to_workday: apply 第二百零三条 to calendar-day periods.
        before: count back from the event instead of forward.

    Raises:
        NotComputable: ``offset.amount`` is ``None`` (the text gives no number).
        CalendarOutOfRange: working days are needed outside the calendar's data.
        DateOutOfRange: the due day would be after 9999-12-31.
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
            raise DateOutOfRange("a due date", f"{offset} after {event}") from None

    day = _as_date(event)
    if amount == 0 and offset.day is None:
        return day
    cal = current_calendar() if calendar is None else calendar
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
        raise DateOutOfRange("a due date", f"{offset} after {event}") from None
    if offset.day is not None:
        if not 1 <= offset.day <= 31:
            raise ShixianError(f"no day {offset.day} in a month ({offset})")
        last = month_end(reached.year, reached.month)
        reached = reached.replace(day=min(offset.day, last.day))
    return _roll(reached, cal, roll_to_workday, before)
