"""Recurring work: the :class:`Schedule` part (every N periods, at a position in each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from ..errors import InvalidDate, ShixianError
from ._fastinit import fast_init
from .base import (
    Frequency,
    Kind,
    Occurrence,
    Part,
    _iso,
    _opt_date,
)

__all__ = ["Schedule"]


def _opt_months(value: Sequence[int] | None) -> tuple[int, ...] | None:
    if value is None or type(value) is tuple:  # the rules pass tuples of ints
        return value
    return tuple(int(v) for v in value)


def _frequency(value: Frequency | str) -> Frequency:
    return value if type(value) is Frequency else Frequency(value)


_MONTH_BASED = frozenset({Frequency.YEAR, Frequency.HALFYEAR, Frequency.QUARTER, Frequency.MONTH})


def _check_positions(instance: Schedule, attribute: object, value: int | None) -> None:
    """``week`` for month-based periods, ``weekdays`` for weeks, no position 0.

    An impossible position is an :class:`~shixian.errors.InvalidDate` naming the text
    (定期第3周: a week of a period that has none), so that :func:`shixian.extract` skips
    it as one failed expression instead of raising.
    """
    text = instance.text
    if instance.week is not None and (instance.week == 0 or instance.every not in _MONTH_BASED):
        raise InvalidDate(
            text, "position", f"week {instance.week} of a {instance.every.value} period"
        )
    if value == 0:
        raise InvalidDate(
            text, "position", "working day 0 of a period: positions count from 1 (or -1, the last)"
        )
    days = instance.weekdays
    if days is not None and (instance.every is not Frequency.WEEK or not days):
        raise InvalidDate(text, "position", f"weekdays {days} of a {instance.every.value} period")
    if days is not None and not all(0 <= d <= 6 for d in days):
        raise ShixianError(f"weekdays {days}: 0 = Monday … 6 = Sunday")


@fast_init
@attrs.frozen(kw_only=True)
class Schedule(Part):
    """Work that **recurs**: every ``interval`` × ``every`` period.

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
        every: the period of recurrence; ``IRREGULAR`` (不定期) and ``PERIODIC``
            (定期, no stated frequency) have no computable dates.
        interval: 2 for 每两个月.
        months: for periods longer than a month, the month(s) in which each
            period's work is due (每年3月 → ``(3,)``, 每季度首月 → ``(1, 4, 7, 10)``);
            for monthly and shorter periods, the only months in which it happens
            (流行季节(4—10月)每月 → ``(4, …, 10)``).
        day: the day of the month on which it is due; ``None`` = the period's end.
        weekday: for weekly schedules, 0 = Monday … 6 = Sunday; ``None`` = Sunday.
            With ``week`` on a month-based period, the weekday of that week: the
            n-th (or n-th last) weekday of the month (每月第一个周一 → week 1,
            weekday 0; 3月份倒数第一个周六 → week −1, weekday 5).
        weekdays: several due weekdays a week (每周二、四 → ``(1, 3)``); ``weekday``
            is then ``None``.
        week: the week of each period in which it is due (每月第一周 → 1,
            每季度第二周前 → 2, 最后一周 → -1); week *n* is days 7n−6…7n of the
            period (of its due month when ``months`` is set), due on its last day.
        workday: the working day of each period on which it is due, on the
            official calendar (每月最后一个工作日 → -1, 每月第三个工作日 → 3),
            counted in the due month when ``months`` is set; a daily schedule
            with ``workday`` 1 is each working day (工作日); a period with no
            working day has no occurrence.
        start (date | None): the first day it applies (自2016年起), if bounded.
        until (date | None): the last day it applies (2016—2018年 → 2018-12-31), if bounded.
        min_count: the least number of times a period (不少于1次), if stated.
        count: exactly so many times a period (每月一次), if stated.
        label: what recurs, when the text names it (中考).
        festival: the festival each year's due day is tied to (每年春节前 → ``"春节"``:
            due the day before it); a lunar festival has no RRULE (``None``) and
            its dates come from the calendar (``occurrences()``). ``every`` =
            ``holiday`` (每逢节假日) recurs with each official holiday period.

    ``to_dict()["rrule"]`` is the RRULE of :meth:`to_rrule` without ``DTSTART``;
    it is ``None`` for 不定期/定期 and for the few schedules RFC 5545 cannot state
    exactly (every second 旬; a working-day position, which needs the holiday
    calendar: RFC 5545's ``BYSETPOS`` counts weekdays, not the official working days).
    """

    kind: ClassVar[Kind] = Kind.SCHEDULE

    every: Frequency = attrs.field(converter=_frequency)
    interval: int = 1
    months: tuple[int, ...] | None = attrs.field(default=None, converter=_opt_months)
    day: int | None = None
    weekday: int | None = None
    start: dt.date | None = None
    until: dt.date | None = None
    min_count: int | None = None
    count: int | None = None
    label: str | None = None
    weekdays: tuple[int, ...] | None = attrs.field(default=None, converter=_opt_months)
    week: int | None = None
    workday: int | None = attrs.field(default=None, validator=_check_positions)
    festival: str | None = None

    @property
    def computable(self) -> bool:
        """False for 不定期 and 定期: the text fixes no dates."""
        return self.every not in (Frequency.IRREGULAR, Frequency.PERIODIC)

    def occurrences(
        self, start: dt.date, end: dt.date, *, calendar: Any = None
    ) -> Iterator[Occurrence]:
        """Each occurrence whose due day falls in ``start``–``end``, in order.

        A ``workday`` position is counted on ``calendar`` (a
        :class:`~shixian.calendar.workdays.WorkdayCalendar`, default: the official one).
        Raises :class:`~shixian.errors.NotComputable` for 不定期/定期 schedules.

        >>> s = Schedule(text="每季度", span=(0, 3), every="quarter")
        >>> [o.due.isoformat() for o in s.occurrences(dt.date(2016, 1, 1), dt.date(2016, 12, 31))]
        ['2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31']
        """
        from ..calendar.recurrence import occurrences

        return occurrences(self, start, end, calendar=calendar)

    def next_due(self, after: dt.date, *, calendar: Any = None) -> dt.date | None:
        """The first due day on or after ``after`` (``None`` past ``until``)."""
        from ..calendar.recurrence import next_due

        return next_due(self, after, calendar=calendar)

    def to_rrule(self, dtstart: dt.date | None = None) -> str:
        """RFC 5545 ``DTSTART`` + ``RRULE`` lines whose instants are the due days.

        ``dtstart`` defaults to ``start``; one of them is needed.

        >>> s = Schedule(text="每季度", span=(0, 3), every="quarter")
        >>> print(s.to_rrule(dt.date(2016, 1, 1)))
        DTSTART;VALUE=DATE:20160331
        RRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1
        """
        from ..calendar.recurrence import to_rrule

        return to_rrule(self, dtstart)

    @property
    def due(self) -> dt.date | None:
        return None

    @property
    def iso(self) -> str | None:
        """ISO 8601 repeating interval is not used; the RRULE says it (``None``)."""
        return None

    def _specific(self) -> dict[str, Any]:
        from ..calendar.recurrence import rrule_body

        return {
            "every": self.every.value,
            "interval": self.interval,
            "months": None if self.months is None else list(self.months),
            "day": self.day,
            "weekday": self.weekday,
            "start": _iso(self.start),
            "until": _iso(self.until),
            "min_count": self.min_count,
            "count": self.count,
            "label": self.label,
            "weekdays": None if self.weekdays is None else list(self.weekdays),
            "week": self.week,
            "workday": self.workday,
            "festival": self.festival,
            "rrule": rrule_body(self) if self.computable else None,
        }

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Schedule:
        return cls(
            **cls._common(data),
            every=data["every"],
            interval=int(data.get("interval", 1)),
            months=_opt_months(data.get("months")),
            day=data.get("day"),
            weekday=data.get("weekday"),
            start=_opt_date(data.get("start")),
            until=_opt_date(data.get("until")),
            min_count=data.get("min_count"),
            count=data.get("count"),
            label=data.get("label"),
            weekdays=_opt_months(data.get("weekdays")),
            week=data.get("week"),
            workday=data.get("workday"),
            festival=data.get("festival"),
        )
