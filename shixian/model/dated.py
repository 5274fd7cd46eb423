"""Parts on the calendar: a deadline (due by a day) and a window (from a day to a day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from ..errors import ShixianError
from ._fastinit import fast_init
from .base import (
    Kind,
    Part,
    _date,
    _dates,
)

__all__ = ["Deadline", "Window"]


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
