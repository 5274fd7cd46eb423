"""A holiday calendar (:class:`~shixian.calendar.notice_calendar.NoticeCalendar`) as iCalendar.

Each festival's days off become all-day events (one per run of consecutive
days, ``DTEND`` exclusive), each make-up working day an all-day event
``… 调休上班``. UIDs are derived from the year, festival and dates, so writing
the same notices twice gives the same file (``DTSTAMP`` aside, which honours
``$SOURCE_DATE_EPOCH``). Needs the ``ics`` extra.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..calendar.notice_calendar import NoticeCalendar
from .ics import dtstamp
from .tables import import_extra

__all__ = ["holiday_calendar"]


def _runs(days: tuple[dt.date, ...]) -> list[tuple[dt.date, dt.date]]:
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(days):
        if runs and day == runs[-1][1] + dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _uid(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{digest[:32]}@shixian-holidays"


def holiday_calendar(
    calendar: NoticeCalendar, *, name: str | None = None, stamp: dt.datetime | None = None
) -> Any:
    """An ``icalendar.Calendar`` with the days off and make-up working days of ``calendar``."""
    icalendar = import_extra("icalendar", "ics", "writing .ics")
    stamp = stamp or dtstamp()
    out = icalendar.Calendar()
    out.add("prodid", "-//shixian//shixian holidays//ZH")
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    years = "、".join(str(y) for y in sorted(calendar.years))
    out.add("x-wr-calname", name or f"节假日安排 {years}".strip())
    for entry in calendar.entries:
        for first, last in _runs(entry.days_off):
            event = icalendar.Event()
            event.add("uid", _uid(entry.year, entry.name, "off", first))
            event.add("dtstamp", stamp)
            event.add("summary", f"{entry.name} 放假")
            event.add("dtstart", first)
            event.add("dtend", last + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            event.add("categories", ["放假"])
            if entry.source:
                event.add("description", f"{entry.year}: {entry.source}")
            out.add_component(event)
        for day in entry.workdays:
            event = icalendar.Event()
            event.add("uid", _uid(entry.year, entry.name, "work", day))
            event.add("dtstamp", stamp)
            event.add("summary", f"{entry.name} 调休上班")
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            event.add("categories", ["上班"])
            out.add_component(event)
    return out
