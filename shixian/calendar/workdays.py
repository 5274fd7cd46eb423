"""The official Chinese working-day calendar (工作日) and counting periods after an event."""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import (
    CalendarOutOfRange,
    DateOutOfRange,
    ProvisionalCalendarWarning,
    ShixianError,
)
from .official import official_data

if TYPE_CHECKING:
    from typing import TypeAlias

    from .notice_calendar import NoticeCalendar
    from .notices import Notice

    NoticeSource: TypeAlias = Notice | NoticeCalendar | str | os.PathLike[str]

__all__ = ["OFFICIAL", "WorkdayCalendar"]


def _as_date(day: dt.date) -> dt.date:
    # ``datetime`` is a subclass of ``date`` but never equal to one: normalize.
    return day.date() if isinstance(day, dt.datetime) else day


def _year_set(years: Iterable[int]) -> frozenset[int]:
    out = set()
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int):
            raise ShixianError(f"not a year: {year!r}")
        out.add(year)
    return frozenset(out)


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
        raise DateOutOfRange("a date", f"{day} + {days} days") from None


@attrs.frozen
class WorkdayCalendar:
    """Which days are working days (工作日) for counting statutory time limits.

    With ``official=True`` (the default) a day is a working day as the 国务院办公厅
    holiday notices say: Monday–Friday, except the announced days off (放假), plus
    the announced make-up working days (调休上班, often a Saturday or Sunday).
    The caller's ``holidays`` (days off) and ``workdays`` (working days) override
    the official data and extend it to any year.

    A day outside the official data (see :meth:`coverage`) that the caller's sets
    and notice years do not decide raises :class:`~shixian.errors.CalendarOutOfRange`,
    unless the caller chose a provisional calendar there: ``weekends_only=True``
    (every such year) or ``provisional_years`` (those years) count Monday–Friday,
    and every count that reaches such a day warns with
    :class:`~shixian.errors.ProvisionalCalendarWarning` (see :meth:`is_provisional`).
    With ``official=False`` the official data are not used at all: Monday–Friday
    plus the caller's sets, for every year.

    :meth:`from_notices` builds a calendar from holiday notices (the text files of
    ``关于YYYY年部分节假日安排的通知``, or the JSON ``shixian holidays`` writes).

    Args:
        holidays: extra days off (a local holiday, a closure).
        workdays: extra working days (a make-up day the data lack).
        weekends_only: outside the official data, fall back to Monday–Friday
            (provisional) instead of raising.
        official: use the official holiday notices.
        years: whole years the caller's sets decide (the years of the notices
            given to :meth:`from_notices`): there a day in neither set follows the week.
        provisional_years: years with no notice yet, counted Monday–Friday by the
            caller's explicit choice; results reaching them are provisional.

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
    years: frozenset[int] = attrs.field(default=(), converter=_year_set, kw_only=True)
    provisional_years: frozenset[int] = attrs.field(default=(), converter=_year_set, kw_only=True)

    def __attrs_post_init__(self) -> None:
        both = self.holidays & self.workdays
        if both:
            days = ", ".join(sorted(d.isoformat() for d in both))
            raise ShixianError(f"days given both as holidays and as workdays: {days}")

    @classmethod
    def from_notices(
        cls,
        *notices: NoticeSource,
        official: bool = True,
        provisional_years: Iterable[int] = (),
    ) -> WorkdayCalendar:
        """A calendar with the days of holiday notices over the official data.

        Each of ``notices`` is a :class:`~shixian.calendar.notices.Notice`, a
        :class:`~shixian.calendar.notice_calendar.NoticeCalendar`, or the path of
        a notice text or of the JSON ``shixian holidays`` writes. Notices are
        applied in the order issued (supplements after the annual notice); their
        years are then decided by them, whatever the official data cover.

        Raises:
            NoticeError: a notice cannot be read or contradicts itself.

        >>> from shixian.calendar.notices import parse_notice
        >>> n = parse_notice("一、元旦:1月1日(周五)至3日(周日)放假,共3天。", year=2027)
        >>> cal = WorkdayCalendar.from_notices(n)
        >>> cal.is_workday(dt.date(2027, 1, 1)), cal.is_workday(dt.date(2027, 1, 4))
        (False, True)
        """
        from .notice_calendar import NoticeCalendar, load_holidays
        from .notices import Notice

        texts: list[Notice] = []
        layers: list[NoticeCalendar] = []
        for item in notices:
            if isinstance(item, Notice):
                texts.append(item)
            elif isinstance(item, NoticeCalendar):
                layers.append(item)
            else:
                layers.append(load_holidays([os.fspath(item)]))
        calendar = NoticeCalendar.build(texts) if texts else None
        for layer in layers:
            calendar = layer if calendar is None else calendar.merge(layer)
        if calendar is None:
            raise ShixianError("from_notices needs at least one notice")
        return cls(
            holidays=calendar.holidays,
            workdays=calendar.workdays,
            official=official,
            years=calendar.years,
            provisional_years=provisional_years,
        )

    def _decided(self, day: dt.date) -> bool:
        """Whether ``day`` is decided by the caller's years or the official data."""
        if day.year in self.years:
            return True
        return self.official and official_data().covers(day)

    def is_provisional(self, day: dt.date) -> bool:
        """Whether ``day`` is counted Monday–Friday only by the caller's provisional choice.

        >>> WorkdayCalendar(provisional_years={2099}).is_provisional(dt.date(2099, 1, 5))
        True
        >>> OFFICIAL.is_provisional(dt.date(2016, 1, 5))
        False
        """
        day = _as_date(day)
        if day in self.holidays or day in self.workdays or not self.official:
            return False
        if self._decided(day):
            return False
        return self.weekends_only or day.year in self.provisional_years

    def provisional_between(self, a: dt.date, b: dt.date) -> bool:
        """Whether any day from ``a`` to ``b`` (either order) :meth:`is_provisional`."""
        a, b = sorted((_as_date(a), _as_date(b)))
        if not (self.weekends_only or self.provisional_years) or not self.official:
            return False
        for year in range(a.year, b.year + 1):
            lo = max(a, dt.date(year, 1, 1))
            if self.is_provisional(lo) or self.is_provisional(min(b, dt.date(year, 12, 31))):
                return True
        return False

    def _warn(self, a: dt.date, b: dt.date) -> None:
        if self.provisional_between(a, b):
            warnings.warn(
                ProvisionalCalendarWarning(a, b),
                stacklevel=3,
            )

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
        if self.official and day.year not in self.years:
            data = official_data()
            if data.first <= day <= data.last:
                if day in data.workdays:
                    return True
                if day in data.holidays:
                    return False
            elif not (self.weekends_only or day.year in self.provisional_years):
                raise CalendarOutOfRange(day, data.first, data.last)
        return day.weekday() < 5

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``.

        >>> OFFICIAL.next_workday(dt.date(2016, 10, 1))   # 国庆节 → 10-08 (Saturday, 上班)
        datetime.date(2016, 10, 8)
        >>> OFFICIAL.next_workday(dt.date(2016, 9, 30))
        datetime.date(2016, 9, 30)
        """
        start = day = _as_date(day)
        is_workday = self.is_workday
        while not is_workday(day):
            day = _step(day, 1)
        self._warn(start, day)
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        """The last working day on or before ``day``.

        >>> OFFICIAL.previous_workday(dt.date(2016, 10, 7))
        datetime.date(2016, 9, 30)
        """
        start = day = _as_date(day)
        is_workday = self.is_workday
        while not is_workday(day):
            day = _step(day, -1)
        self._warn(day, start)
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
        self._warn(_as_date(start), day)
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
        self._warn(a, b)
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
        data = official_data()
        return data.first, data.last


OFFICIAL = WorkdayCalendar()
"""The official calendar, with no additions; the default of :func:`resolve_offset`."""

_MOVED = ("current_calendar", "resolve_offset", "use_calendar")


def __getattr__(name: str) -> Any:
    # The default calendar and counting a period live in ``offsets``; they stay part of
    # this module's interface (``from shixian.calendar.workdays import resolve_offset``).
    if name in _MOVED:
        from . import offsets

        return getattr(offsets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
