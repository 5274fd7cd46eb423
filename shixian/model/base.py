"""The foundations of the value objects: enums, converters, the :class:`Part` base,
and the small values parts hold (:class:`Offset`, :class:`StatuteRef`, :class:`Occurrence`)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

import attrs

from ..errors import ShixianError
from ._fastinit import fast_init

__all__ = ["Direction", "Frequency", "Kind", "Occurrence", "Offset", "Part", "StatuteRef", "Unit"]


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
    HOLIDAY = "holiday"  # each official holiday period (每逢节假日)
    IRREGULAR = "irregular"
    PERIODIC = "periodic"


class Direction(str, enum.Enum):
    """Which side of its event a relative limit lies on (``Relative.direction``)."""

    AFTER = "after"  # 收到申请之日起15个工作日内
    BEFORE = "before"  # 会议召开5日前, 投票日的15日以前


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

    def __str__(self) -> str:
        """The part in words, as ``str(Normalized)`` says it (``deadline 2016-07-31``)."""
        from ..io.render import describe_part

        return describe_part(self)

    def _repr_html_(self) -> str:
        """A table of the part's fields, for notebooks."""
        from ..io.html import part_html

        return part_html(self)


@attrs.frozen
class Occurrence:
    """One occurrence of a schedule: the work happens in ``start``–``end``, due on ``due``.

    Attributes:
        start: the first day of the occurrence's period.
        end: the last day of its period.
        due: the day the occurrence is due.
    """

    start: dt.date
    end: dt.date
    due: dt.date


def _unit(value: Unit | str) -> Unit:
    return value if type(value) is Unit else Unit(value)


@fast_init
@attrs.frozen
class Offset:
    """A span of time after an event: ``amount`` × ``unit``.

    ``amount`` 0 means promptly (及时, 立即); ``None`` means the text gives no number.
    ``day`` pins the day of the month reached (次月10日前: 1 month, day 10).

    Attributes:
        amount: how many units; 0 for promptly, ``None`` when the text gives no number.
        unit: hours, days, working days, weeks, months or years.
        day: the day of the month reached, when the text pins one.
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
    """The statute that fixes a time limit, in the version in force at the reference date.

    Attributes:
        law: the law's name (《中华人民共和国政府信息公开条例》).
        article: the article (第三十三条), when known.
        version: the version in force at the reference date.
        quote: the article's words on the limit.
        source: where the text of the law was read.
    """

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


#: kind → part class; filled by :mod:`shixian.model.parts`.
_PART_TYPES: dict[Kind, type[Part]] = {}
