"""Parts without a fixed day: limits after an event, pending and ongoing work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from ..errors import InvalidReference, NotComputable
from ._fastinit import fast_init
from .base import (
    Direction,
    Kind,
    Offset,
    Part,
    StatuteRef,
    _iso,
    _opt_date,
    _opt_offset,
)

__all__ = ["Ongoing", "Pending", "Relative"]


def _direction(value: Direction | str) -> Direction:
    return value if type(value) is Direction else Direction(value)


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
