"""The working-day calendar of a set of holiday notices, and its JSON form.

:meth:`NoticeCalendar.build` applies notices in the order they were issued: a
festival line replaces the earlier entry of the same festival in that year (the
2019 劳动节 change), or, for 延长…假期至 (the 2020 春节 extension), runs its days
off on to the new last day and drops the make-up working days inside. The
result holds the days off and make-up working days of every year that has an
annual notice; :meth:`NoticeCalendar.to_dict` / :meth:`~NoticeCalendar.from_dict`
are the JSON the command line writes (``shixian holidays``) and reads
(``--holidays FILE``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..errors import NoticeError
from .notices import Notice, load_notice, parse_notice, shipped_notices

__all__ = [
    "FORMAT",
    "Entry",
    "NoticeCalendar",
    "from_texts",
    "load_holidays",
    "shipped_calendar",
]

FORMAT = "shixian-holidays/1"
"""The ``format`` field of the JSON a :class:`NoticeCalendar` writes."""


@attrs.frozen
class Entry:
    """One festival of one year after every notice is applied."""

    year: int
    name: str
    days_off: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]
    source: str = ""
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return {
            "year": self.year,
            "name": self.name,
            "days_off": [d.isoformat() for d in self.days_off],
            "workdays": [d.isoformat() for d in self.workdays],
            "source": self.source,
            "line": self.line,
        }


def _names(name: str) -> set[str]:
    return set(name.split("、"))


@attrs.frozen
class NoticeCalendar:
    """Days off and make-up working days read from holiday notices.

    ``years`` are the years with an annual notice: in them, a day that is
    neither in ``holidays`` nor in ``workdays`` follows the week (Monday–Friday
    work). A notice may name days of the year before (元旦 from 12-30); those
    are in the sets too.
    """

    years: frozenset[int]
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    entries: tuple[Entry, ...] = ()
    sources: tuple[str, ...] = ()

    @classmethod
    def build(cls, notices: Iterable[Notice]) -> NoticeCalendar:
        """Apply ``notices`` in the order issued (annual notice first, then supplements).

        Raises:
            NoticeError: a supplement extends a festival that no earlier notice
                of its year has, or a day ends up both off and working.
        """
        ordered = sorted(notices, key=lambda n: (n.year, n.supplement, n.issued or dt.date.min))
        entries: list[Entry] = []
        for notice in ordered:
            for festival in notice.festivals:
                names = set(festival.names)
                index = next(
                    (
                        i
                        for i in range(len(entries) - 1, -1, -1)
                        if entries[i].year == notice.year and _names(entries[i].name) & names
                    ),
                    None,
                )
                off = tuple(d.date for d in festival.days_off)
                work = tuple(d.date for d in festival.workdays)
                if festival.extend_to is not None:
                    if index is None:
                        raise NoticeError(
                            notice.label,
                            festival.line,
                            festival.text,
                            f"extends {festival.name}, which no earlier notice for "
                            f"{notice.year} names",
                        )
                    old = entries[index]
                    last = festival.extend_to.date
                    day, more = max(old.days_off) + dt.timedelta(days=1), list(old.days_off)
                    while day <= last:
                        more.append(day)
                        day += dt.timedelta(days=1)
                    off = tuple(sorted(set(more) | set(off)))
                    work = tuple(d for d in old.workdays if d not in set(off)) + work
                    name = old.name
                else:
                    name = festival.name
                entry = Entry(
                    notice.year, name, off, tuple(sorted(work)), notice.source, festival.line
                )
                if index is None:
                    entries.append(entry)
                else:
                    entries[index] = entry
        holidays = {d for e in entries for d in e.days_off}
        workdays = {d for e in entries for d in e.workdays}
        both = holidays & workdays
        if both:
            days = ", ".join(sorted(d.isoformat() for d in both))
            raise NoticeError("the notices", 0, "", f"days both off and working: {days}")
        return cls(
            years=frozenset(n.year for n in ordered if not n.supplement),
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            entries=tuple(entries),
            sources=tuple(n.source for n in ordered),
        )

    def is_workday(self, day: dt.date) -> bool | None:
        """Whether ``day`` is a working day; ``None`` outside :attr:`years` and the sets."""
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        if day.year in self.years:
            return day.weekday() < 5
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``format``, ``years``, ``holidays``, ``workdays``, ``festivals``)."""
        return {
            "format": FORMAT,
            "years": sorted(self.years),
            "holidays": sorted(d.isoformat() for d in self.holidays),
            "workdays": sorted(d.isoformat() for d in self.workdays),
            "festivals": [e.to_dict() for e in self.entries],
            "sources": list(self.sources),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented UTF-8 JSON text (Chinese kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "the JSON") -> NoticeCalendar:
        """Read the JSON form back.

        Raises:
            NoticeError: it is not the JSON :meth:`to_dict` writes.
        """
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format is {data.get('format')!r}, not {FORMAT!r}")
            entries = tuple(
                Entry(
                    int(e["year"]),
                    str(e["name"]),
                    tuple(dt.date.fromisoformat(d) for d in e["days_off"]),
                    tuple(dt.date.fromisoformat(d) for d in e["workdays"]),
                    str(e.get("source", "")),
                    int(e.get("line", 0)),
                )
                for e in data.get("festivals", ())
            )
            made = cls(
                years=frozenset(int(y) for y in data["years"]),
                holidays=frozenset(dt.date.fromisoformat(d) for d in data["holidays"]),
                workdays=frozenset(dt.date.fromisoformat(d) for d in data["workdays"]),
                entries=entries,
                sources=tuple(str(s) for s in data.get("sources", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise NoticeError(source, 0, "", f"not a holiday calendar: {exc}") from None
        if made.holidays & made.workdays:
            raise NoticeError(source, 0, "", "a day is both a holiday and a working day")
        return made

    def merge(self, other: NoticeCalendar) -> NoticeCalendar:
        """This calendar with ``other`` over it (``other`` decides the days it names)."""
        holidays = (self.holidays - other.workdays) | other.holidays
        workdays = (self.workdays - other.holidays) | other.workdays
        return NoticeCalendar(
            years=self.years | other.years,
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            entries=self.entries + other.entries,
            sources=self.sources + other.sources,
        )


def load_holidays(paths: str | Path | Iterable[str | Path]) -> NoticeCalendar:
    """The calendar of notice texts and/or JSON files (``.json``) at ``paths``.

    Notice texts are applied together (in the order issued); JSON calendars are
    laid over them in the order given.

    Raises:
        NoticeError: a file cannot be read or is neither a notice nor the JSON.
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    notices: list[Notice] = []
    layers: list[NoticeCalendar] = []
    for item in items:
        path = Path(item)
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise NoticeError(str(path), 0, "", f"cannot read the JSON: {exc}") from None
            if not isinstance(data, dict):
                raise NoticeError(str(path), 0, "", "not a holiday calendar (not an object)")
            layers.append(NoticeCalendar.from_dict(data, source=str(path)))
        else:
            notices.append(load_notice(path))
    calendar = (
        NoticeCalendar.build(notices)
        if notices
        else NoticeCalendar(frozenset(), frozenset(), frozenset())
    )
    for layer in layers:
        calendar = calendar.merge(layer)
    return calendar


def from_texts(texts: Iterable[str]) -> NoticeCalendar:
    """The calendar of notice texts given as strings."""
    return NoticeCalendar.build(parse_notice(t) for t in texts)


@functools.lru_cache(maxsize=4)
def shipped_calendar(years: tuple[int, ...] | None = None) -> NoticeCalendar:
    """The calendar of the notices the package ships (all, or those of ``years``)."""
    return NoticeCalendar.build(load_notice(p) for p in shipped_notices(years))
