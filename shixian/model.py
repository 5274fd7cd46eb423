"""The value objects shixian returns: parts of a phrase and the normalized result."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

import attrs

from ._fastinit import fast_init
from .errors import NotComputable, ShixianError

__all__ = [
    "Deadline",
    "Frequency",
    "Kind",
    "Normalized",
    "Occurrence",
    "Offset",
    "Ongoing",
    "Part",
    "Pending",
    "Relative",
    "Schedule",
    "StatuteRef",
    "Unit",
    "Window",
]


class Kind(str, enum.Enum):
    """What a part says about time."""

    DEADLINE = "deadline"
    WINDOW = "window"
    SCHEDULE = "schedule"
    RELATIVE = "relative"
    PENDING = "pending"
    ONGOING = "ongoing"


class Frequency(str, enum.Enum):
    """How often a schedule recurs (``every``)."""

    YEAR = "year"
    HALFYEAR = "halfyear"
    QUARTER = "quarter"
    MONTH = "month"
    TENDAY = "tenday"
    WEEK = "week"
    DAY = "day"
    IRREGULAR = "irregular"
    PERIODIC = "periodic"


class Unit(str, enum.Enum):
    """Unit of an offset after an event."""

    HOUR = "hour"
    DAY = "day"
    WORKDAY = "workday"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _opt_date(value: object) -> dt.date | None:
    return None if value is None else _date(value)


def _dates(values: Sequence[Any]) -> tuple[dt.date, ...]:
    return tuple(dt.date.fromisoformat(str(v)) for v in values)


def _str_tuple(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _span(value: Sequence[int]) -> tuple[int, int]:
    start, end = value
    return int(start), int(end)


_P = TypeVar("_P", bound="Part")


@attrs.frozen(kw_only=True)
class Part:
    """One time statement inside a phrase; the base of every part kind.

    Attributes:
        text: the part's own words, as they stand in the input.
        span: ``(start, end)`` offsets of those words in the original input.
        conditions: condition phrases attached to it (按照省政府相关部署).
        year_inferred: the text names no year; the reference year was used.
        via: ``None`` for the rules, ``"dateparser"`` when the fallback produced it.
    """

    kind: ClassVar[Kind]

    text: str
    span: tuple[int, int]
    conditions: tuple[str, ...] = ()
    year_inferred: bool = False
    via: str | None = None

    @property
    def due(self) -> dt.date | None:
        """The last day on which the work is on time, when the text fixes one."""
        return None

    @property
    def iso(self) -> str | None:
        """ISO 8601 form of the part's time, when it has one."""
        return None

    def _specific(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`Part.from_dict` reads it back to an equal part."""
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "text": self.text,
            "span": list(self.span),
            "conditions": list(self.conditions),
            "year_inferred": self.year_inferred,
        }
        if self.via is not None:
            out["via"] = self.via
        out.update(self._specific())
        out["iso"] = self.iso
        return out

    @classmethod
    def _common(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "text": data["text"],
            "span": _span(data["span"]),
            "conditions": _str_tuple(data.get("conditions", ())),
            "year_inferred": bool(data.get("year_inferred", False)),
            "via": data.get("via"),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Part:
        """Rebuild a part of any kind from :meth:`to_dict` output."""
        try:
            kind = Kind(data["kind"])
            return _PART_TYPES[kind]._from_specific(data)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ShixianError):
                raise
            raise ShixianError(f"not a shixian part: {exc!r}") from exc

    @classmethod
    def _from_specific(cls: type[_P], data: Mapping[str, Any]) -> _P:
        raise NotImplementedError


@fast_init
@attrs.frozen(kw_only=True)
class Deadline(Part):
    """Work must be done **by** ``due``; a deadline has no earliest day.

    ``ambiguous`` marks a reading the text does not settle (2016年7月前 may mean
    by 7-31 or before 7-01); the other readings are in ``alternatives``.

    >>> Deadline(text="2016年7月底前", span=(0, 9), due=dt.date(2016, 7, 31)).iso
    '../2016-07-31'
    """

    kind: ClassVar[Kind] = Kind.DEADLINE

    due: dt.date
    ambiguous: bool = False
    alternatives: tuple[dt.date, ...] = ()

    @property
    def iso(self) -> str:
        return f"../{self.due.isoformat()}"

    def _specific(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat(),
            "ambiguous": self.ambiguous,
            "alternatives": [d.isoformat() for d in self.alternatives],
        }

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Deadline:
        return cls(
            **cls._common(data),
            due=_date(data["due"]),
            ambiguous=bool(data.get("ambiguous", False)),
            alternatives=_dates(data.get("alternatives", ())),
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
    """

    kind: ClassVar[Kind] = Kind.WINDOW

    start: dt.date
    end: dt.date = attrs.field(validator=_check_window)
    fuzzy: bool = False
    min_count: int | None = None

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
        }

    @classmethod
    def _from_specific(cls, data: Mapping[str, Any]) -> Window:
        return cls(
            **cls._common(data),
            start=_date(data["start"]),
            end=_date(data["end"]),
            fuzzy=bool(data.get("fuzzy", False)),
            min_count=data.get("min_count"),
        )


@attrs.frozen
class Occurrence:
    """One occurrence of a schedule: the work happens in ``start``–``end``, due on ``due``."""

    start: dt.date
    end: dt.date
    due: dt.date


def _opt_months(value: Sequence[int] | None) -> tuple[int, ...] | None:
    if value is None or type(value) is tuple:  # the rules pass tuples of ints
        return value
    return tuple(int(v) for v in value)


def _frequency(value: Frequency | str) -> Frequency:
    return value if type(value) is Frequency else Frequency(value)


@fast_init
@attrs.frozen(kw_only=True)
class Schedule(Part):
    """Work that **recurs**: every ``interval`` × ``every`` period.

    Attributes:
        every: the period of recurrence; ``IRREGULAR`` (不定期) and ``PERIODIC``
            (定期, no stated frequency) have no computable dates.
        interval: 2 for 每两个月.
        months: for periods longer than a month, the month(s) in which each
            period's work is due (每年3月 → ``(3,)``, 每季度首月 → ``(1, 4, 7, 10)``);
            for monthly and shorter periods, the only months in which it happens
            (流行季节(4—10月)每月 → ``(4, …, 10)``).
        day: the day of the month on which it is due; ``None`` = the period's end.
        weekday: for weekly schedules, 0 = Monday … 6 = Sunday; ``None`` = Sunday.
        start, until: bounds (自2016年起, 2016—2018年).
        min_count, count: at least / exactly so many times a period.
        label: what recurs, when the text names it (中考).

    ``to_dict()["rrule"]`` is the RRULE of :meth:`to_rrule` without ``DTSTART``;
    it is ``None`` for 不定期/定期 and for the few schedules RFC 5545 cannot state
    exactly (every second 旬).
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

    @property
    def computable(self) -> bool:
        """False for 不定期 and 定期: the text fixes no dates."""
        return self.every not in (Frequency.IRREGULAR, Frequency.PERIODIC)

    def occurrences(self, start: dt.date, end: dt.date) -> Iterator[Occurrence]:
        """Each occurrence whose due day falls in ``start``–``end``, in order.

        Raises :class:`~shixian.errors.NotComputable` for 不定期/定期 schedules.

        >>> s = Schedule(text="每季度", span=(0, 3), every="quarter")
        >>> [o.due.isoformat() for o in s.occurrences(dt.date(2016, 1, 1), dt.date(2016, 12, 31))]
        ['2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31']
        """
        from .recurrence import occurrences

        return occurrences(self, start, end)

    def next_due(self, after: dt.date) -> dt.date | None:
        """The first due day on or after ``after`` (``None`` past ``until``)."""
        from .recurrence import next_due

        return next_due(self, after)

    def to_rrule(self, dtstart: dt.date | None = None) -> str:
        """RFC 5545 ``DTSTART`` + ``RRULE`` lines whose instants are the due days.

        ``dtstart`` defaults to ``start``; one of them is needed.

        >>> s = Schedule(text="每季度", span=(0, 3), every="quarter")
        >>> print(s.to_rrule(dt.date(2016, 1, 1)))
        DTSTART;VALUE=DATE:20160331
        RRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1
        """
        from .recurrence import to_rrule

        return to_rrule(self, dtstart)

    @property
    def due(self) -> dt.date | None:
        return None

    @property
    def iso(self) -> str | None:
        """ISO 8601 repeating interval is not used; the RRULE says it (``None``)."""
        return None

    def _specific(self) -> dict[str, Any]:
        from .recurrence import rrule_body

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
        )


def _unit(value: Unit | str) -> Unit:
    return value if type(value) is Unit else Unit(value)


@fast_init
@attrs.frozen
class Offset:
    """A span of time after an event: ``amount`` × ``unit``.

    ``amount`` 0 means promptly (及时, 立即); ``None`` means the text gives no number.
    ``day`` pins the day of the month reached (次月10日前: 1 month, day 10).
    """

    amount: int | None
    unit: Unit = attrs.field(default=Unit.DAY, converter=_unit)
    day: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out: dict[str, Any] = {"amount": self.amount, "unit": self.unit.value}
        if self.day is not None:
            out["day"] = self.day
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Offset:
        """Inverse of :meth:`to_dict`."""
        return cls(data.get("amount"), data.get("unit", "day"), data.get("day"))

    def __str__(self) -> str:
        if self.amount is None:
            return "?"
        if self.amount == 0 and self.day is None:
            return "0"
        code = {"hour": "H", "day": "D", "workday": "WD", "week": "W", "month": "M", "year": "Y"}
        text = f"{self.amount}{code[self.unit.value]}"
        return f"{text}@{self.day}" if self.day is not None else text


@attrs.frozen
class StatuteRef:
    """The statute that fixes a time limit, in the version in force at the reference date."""

    law: str
    article: str | None = None
    version: str | None = None
    quote: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StatuteRef:
        """Inverse of :meth:`to_dict`."""
        return cls(
            law=str(data["law"]),
            article=data.get("article"),
            version=data.get("version"),
            quote=data.get("quote"),
            source=data.get("source"),
        )

    def __str__(self) -> str:
        return f"{self.law}{self.article or ''}"


def _opt_offset(value: Offset | Mapping[str, Any] | None) -> Offset | None:
    if value is None or isinstance(value, Offset):
        return value
    return Offset.from_dict(value)


@fast_init
@attrs.frozen(kw_only=True)
class Relative(Part):
    """Due a stated time **after an event**: ``offset`` after ``trigger``.

    ``trigger`` is the event as the text names it (``None`` when the phrase names
    none); ``statute`` cites the law that sets the offset; ``extension`` is the
    longest extension the statute allows.
    """

    kind: ClassVar[Kind] = Kind.RELATIVE

    offset: Offset
    trigger: str | None = None
    statute: StatuteRef | None = None
    extension: Offset | None = attrs.field(default=None, converter=_opt_offset)

    def resolve(
        self,
        event: dt.date | dt.datetime,
        *,
        calendar: Any = None,
        roll_to_workday: bool = True,
    ) -> dt.date | dt.datetime:
        """The concrete due day (or datetime, for hours) for an event on ``event``.

        Counting follows 《民法典》第二百零一条: the day of the event is not
        counted. With ``roll_to_workday`` (第二百零三条), a calendar-day period whose
        last day is not a working day ends on the next working day. Working days
        use ``calendar`` (a :class:`shixian.workdays.WorkdayCalendar`, default:
        the official one).
        """
        from .workdays import resolve_offset

        if self.offset.amount is None:
            raise NotComputable("a due date", f"{self.text!r} gives no time limit")
        return resolve_offset(
            event, self.offset, calendar=calendar, roll_to_workday=roll_to_workday
        )

    def _specific(self) -> dict[str, Any]:
        return {
            "offset": self.offset.to_dict(),
            "trigger": self.trigger,
            "statute": None if self.statute is None else self.statute.to_dict(),
            "extension": None if self.extension is None else self.extension.to_dict(),
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
        )


@fast_init
@attrs.frozen(kw_only=True)
class Pending(Part):
    """The time will be set by something outside the text: ``depends_on``."""

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
    """Continuing work with no end, from ``start`` (``None`` when the text names none)."""

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


_PART_TYPES: dict[Kind, type[Part]] = {
    cls.kind: cls for cls in (Deadline, Window, Schedule, Relative, Pending, Ongoing)
}


@fast_init
@attrs.frozen
class Normalized:
    """The structured meaning of one phrase, against a reference date.

    >>> import shixian
    >>> r = shixian.normalize("2016年7月底前完成", reference="2016-06-30")
    >>> r.kind, r.due
    ('deadline', datetime.date(2016, 7, 31))
    >>> shixian.Normalized.from_dict(r.to_dict()) == r
    True
    """

    text: str
    reference: dt.date
    parts: tuple[Part, ...]

    @property
    def kind(self) -> str:
        """The kind of the single part, or ``"compound"`` when there are several."""
        if len(self.parts) == 1:
            return self.parts[0].kind.value
        return "compound"

    @property
    def due(self) -> dt.date | None:
        """The latest day on which the work is still on time, when the text fixes it.

        For several parts, the latest of their due days when every part has one;
        for a schedule, its next due day on or after the reference.
        """
        dues: list[dt.date] = []
        for part in self.parts:
            if isinstance(part, Schedule):
                if not part.computable:
                    return None
                nxt = part.next_due(self.reference)
                if nxt is None:
                    return None
                dues.append(nxt)
            else:
                d = part.due
                if d is None:
                    return None
                dues.append(d)
        return max(dues) if dues else None

    @property
    def ambiguous(self) -> bool:
        """True when any part has another plausible reading."""
        return any(getattr(p, "ambiguous", False) for p in self.parts)

    @property
    def iso(self) -> str | None:
        """ISO 8601 of the single part (``None`` for compounds and kinds without one)."""
        return self.parts[0].iso if len(self.parts) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; ``Normalized.from_dict(r.to_dict()) == r``."""
        due = self.due
        return {
            "text": self.text,
            "reference": self.reference.isoformat(),
            "kind": self.kind,
            "due": None if due is None else due.isoformat(),
            "parts": [p.to_dict() for p in self.parts],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Normalized:
        """Rebuild a result from :meth:`to_dict` output."""
        try:
            return cls(
                text=data["text"],
                reference=dt.date.fromisoformat(data["reference"]),
                parts=tuple(Part.from_dict(p) for p in data["parts"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ShixianError):
                raise
            raise ShixianError(f"not a shixian result: {exc!r}") from exc

    def __str__(self) -> str:
        from .render import describe

        return describe(self)
