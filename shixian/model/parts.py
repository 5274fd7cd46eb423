"""The part kinds: deadlines, windows, schedules, relative limits, pending and ongoing work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from ..errors import InvalidDate, InvalidReference, NotComputable, ShixianError
from ._fastinit import fast_init
from .base import (
    _PART_TYPES,
    Direction,
    Frequency,
    Kind,
    Occurrence,
    Offset,
    Part,
    StatuteRef,
    _date,
    _dates,
    _iso,
    _opt_date,
    _opt_offset,
)

__all__ = ["Deadline", "Ongoing", "Pending", "Relative", "Schedule", "Window"]


def _opt_datetime(value: object) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _moments(**moments: dt.datetime | None) -> dict[str, str]:
    """The times of day a part names, ISO (minutes), only those it names."""
    return {k: v.isoformat(timespec="minutes") for k, v in moments.items() if v is not None}


@fast_init
@attrs.frozen(kw_only=True)
class Deadline(Part):
    """Work must be done **by** ``due``; a deadline has no earliest day.

    ``ambiguous`` marks a reading the text does not settle (2016年7月前 may mean
    by 7-31 or before 7-01); the other readings are in ``alternatives``.
    ``due_at`` is the moment on ``due`` when the text names a time of day
    (2023年6月30日17时前); 24时 is the end of the day, so ``due_at`` is the next midnight.

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
        due: the last day on which the work is on time.
        ambiguous: the text allows another reading.
        alternatives: the other readings' due days.
        due_at: the moment on ``due`` when the text names a time of day (24时: the
            next midnight).

    >>> Deadline(text="2016年7月底前", span=(0, 9), due=dt.date(2016, 7, 31)).iso
    '../2016-07-31'
    """

    kind: ClassVar[Kind] = Kind.DEADLINE

    due: dt.date
    ambiguous: bool = False
    alternatives: tuple[dt.date, ...] = ()
    due_at: dt.datetime | None = None

    @property
    def iso(self) -> str:
        return f"../{self.due.isoformat()}"

    def _specific(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "due": self.due.isoformat(),
            "ambiguous": self.ambiguous,
            "alternatives": [d.isoformat() for d in self.alternatives],
        }
        if self.due_at is not None:
            out["due_at"] = self.due_at.isoformat(timespec="minutes")
        return out

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Deadline:
        return cls(
            **cls._common(data),
            due=_date(data["due"]),
            ambiguous=bool(data.get("ambiguous", False)),
            alternatives=_dates(data.get("alternatives", ())),
            due_at=_opt_datetime(data.get("due_at")),
        )


def _check_window(instance: Window, attribute: object, value: dt.date) -> None:
    if value < instance.start:
        raise ShixianError(f"window end {value} is before its start {instance.start}")


@fast_init
@attrs.frozen(kw_only=True)
class Window(Part):
    """Work happens **within / throughout** ``start``–``end`` (both inclusive).

    ``fuzzy`` says the edges are set by convention (年初, 月中: see the docs);
    ``min_count`` is the least number of times the work happens in it (年内至少一次).

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
        start: the first day.
        end: the last day (not before ``start``).
        fuzzy: the edges are conventional (年初, 月中), so the window has no ``due``.
        min_count: the least number of times the work happens in it, if stated.
        start_at: the moment on ``start`` when the text names a time of day
            (6月10日8:30至6月12日17:00).
        end_at: the moment on ``end`` when the text names one; 24时 is the next midnight.
    """

    kind: ClassVar[Kind] = Kind.WINDOW

    start: dt.date
    end: dt.date = attrs.field(validator=_check_window)
    fuzzy: bool = False
    min_count: int | None = None
    start_at: dt.datetime | None = None
    end_at: dt.datetime | None = None

    @property
    def due(self) -> dt.date | None:
        """The window's last day, unless its edges are only conventional (fuzzy)."""
        return None if self.fuzzy else self.end

    @property
    def iso(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def _specific(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "fuzzy": self.fuzzy,
            "min_count": self.min_count,
            **_moments(start_at=self.start_at, end_at=self.end_at),
        }

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Window:
        return cls(
            **cls._common(data),
            start=_date(data["start"]),
            end=_date(data["end"]),
            fuzzy=bool(data.get("fuzzy", False)),
            min_count=data.get("min_count"),
            start_at=_opt_datetime(data.get("start_at")),
            end_at=_opt_datetime(data.get("end_at")),
        )


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


def _direction(value: Direction | str) -> Direction:
    return value if type(value) is Direction else Direction(value)


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


def _event(value: object) -> dt.date | dt.datetime:
    """An event day or moment from the forms :meth:`Relative.resolve` accepts."""
    if isinstance(value, dt.date):  # a datetime is a date too
        return value
    if isinstance(value, str) and ("T" in value or ":" in value):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    from .reference import parse_reference

    if value is None:  # today would be a guess here: the event day must be given
        raise InvalidReference(value)
    return parse_reference(value)


@fast_init
@attrs.frozen(kw_only=True)
class Relative(Part):
    """Due a stated time **after** (or **before**) **an event**: ``offset`` from ``trigger``.

    ``trigger`` is the event as the text names it (``None`` when the phrase names
    none); ``direction`` is ``after`` (收到申请之日起15个工作日内, the default) or
    ``before`` (会议召开5日前: at the latest 5 days before the event);
    ``statute`` cites the law that sets the offset; ``extension`` is the
    longest extension allowed (the statute's, or the text's own: 可延长15个工作日).

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
        offset: how long after (or before) the event (``Offset(15, Unit.WORKDAY)``).
        trigger: the event, as the text names it.
        statute: the law that sets the limit, when the text cites one.
        extension: the longest extension allowed.
        direction: ``after`` the event (the default) or ``before`` it.

    >>> r = Relative(text="会议召开5日前", span=(0, 7), offset=Offset(5), direction="before")
    >>> r.direction.value, r.resolve(dt.date(2016, 10, 20))
    ('before', datetime.date(2016, 10, 14))
    """

    kind: ClassVar[Kind] = Kind.RELATIVE

    offset: Offset
    trigger: str | None = None
    statute: StatuteRef | None = None
    extension: Offset | None = attrs.field(default=None, converter=_opt_offset)
    direction: Direction = attrs.field(default=Direction.AFTER, converter=_direction)

    def resolve(
        self,
        event: dt.date | dt.datetime | str | int,
        *,
        calendar: Any = None,
        roll_to_workday: bool = True,
    ) -> dt.date | dt.datetime:
        """The concrete due day (or datetime, for hours) for an event on ``event``.

        ``event`` takes the forms a reference takes
        (:func:`~shixian.model.reference.parse_reference`: a date, ``"2024-03-10"``,
        ``"2024/03/10"``, ``"2024年3月10日"``), or a datetime (also as an ISO string
        with a time, ``"2024-03-10T09:00"``) for limits counted in hours.

        Counting follows 《民法典》第二百零一条: the day of the event is not
        counted. With ``roll_to_workday`` (第二百零三条), a calendar-day period whose
        last day is not a working day ends on the next working day. Working days
        use ``calendar`` (a :class:`shixian.workdays.WorkdayCalendar`, default:
        the official one). A ``before`` limit counts back from the event (working
        days back on the calendar), and a last day that is not a working day moves
        to the working day before it, never past the event.

        >>> from shixian.model import Offset, Unit
        >>> rel = Relative(text="15个工作日内", span=(0, 7), offset=Offset(15, Unit.WORKDAY))
        >>> rel.resolve("2016-09-29"), rel.resolve("2016年9月29日")
        (datetime.date(2016, 10, 25), datetime.date(2016, 10, 25))
        """
        from ..calendar.offsets import resolve_offset

        if self.offset.amount is None:
            raise NotComputable("a due date", f"{self.text!r} gives no time limit")
        return resolve_offset(
            _event(event),
            self.offset,
            calendar=calendar,
            roll_to_workday=roll_to_workday,
            before=self.direction is Direction.BEFORE,
        )

    def _specific(self) -> dict[str, Any]:
        return {
            "offset": self.offset.to_dict(),
            "trigger": self.trigger,
            "statute": None if self.statute is None else self.statute.to_dict(),
            "extension": None if self.extension is None else self.extension.to_dict(),
            "direction": self.direction.value,
        }

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Relative:
        statute = data.get("statute")
        return cls(
            **cls._common(data),
            offset=Offset.from_dict(data["offset"]),
            trigger=data.get("trigger"),
            statute=None if statute is None else StatuteRef.from_dict(statute),
            extension=data.get("extension"),
            direction=data.get("direction", "after"),
        )


@fast_init
@attrs.frozen(kw_only=True)
class Pending(Part):
    """The time will be set by something outside the text: ``depends_on``.

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
        depends_on: what the time waits on (国家批准), when the text says.
    """

    kind: ClassVar[Kind] = Kind.PENDING

    depends_on: str | None = None

    def _specific(self) -> dict[str, Any]:
        return {"depends_on": self.depends_on}

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Pending:
        return cls(**cls._common(data), depends_on=data.get("depends_on"))


@fast_init
@attrs.frozen(kw_only=True)
class Ongoing(Part):
    """Continuing work with no end, from ``start`` (``None`` when the text names none).

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
        start (date | None): the first day, when the text names one.
    """

    kind: ClassVar[Kind] = Kind.ONGOING

    start: dt.date | None = None

    @property
    def iso(self) -> str | None:
        return None if self.start is None else f"{self.start.isoformat()}/.."

    def _specific(self) -> dict[str, Any]:
        return {"start": _iso(self.start)}

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Ongoing:
        return cls(**cls._common(data), start=_opt_date(data.get("start")))


_PART_TYPES.update(
    {cls.kind: cls for cls in (Deadline, Window, Schedule, Relative, Pending, Ongoing)}
)
