"""Export normalized phrases as an iCalendar (RFC 5545) file.

Needs the optional ``icalendar`` package (``pip install 'shixian[ics]'``).

* a deadline becomes a to-do (``VTODO``) with an all-day ``DUE``;
* a window becomes an all-day event (``VEVENT``) from its first day to the
  day after its last (``DTEND`` is exclusive);
* a schedule becomes an all-day event on its first due day, repeated by its
  ``RRULE``;
* parts with no date of their own (after an event, pending, ongoing, 不定期
  and 定期 schedules) are skipped and counted, or, with ``undated=True``,
  become to-dos without ``DUE``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from typing import Any

import attrs

from ..model import Deadline, Normalized, Part, Schedule, Window
from .annotate import schedule_rrule
from .tables import import_extra

__all__ = ["Entry", "IcsStats", "build_calendar", "dtstamp", "rrule_lines"]


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("shixian")
    except metadata.PackageNotFoundError:
        import shixian

        return str(getattr(shixian, "__version__", "0"))


@attrs.frozen
class Entry:
    """One phrase to export: ``key`` identifies its row (for stable UIDs)."""

    key: str
    title: str
    phrase: str
    result: Normalized


@attrs.define
class IcsStats:
    """What :func:`build_calendar` wrote and skipped."""

    events: int = 0
    todos: int = 0
    skipped: int = 0
    failed: int = 0

    def __str__(self) -> str:
        text = f"{self.events} events, {self.todos} to-dos, {self.skipped} parts without dates"
        return text + (f", {self.failed} parts failed" if self.failed else "")


def dtstamp() -> dt.datetime:
    """The ``DTSTAMP`` of the components: now (UTC), or ``$SOURCE_DATE_EPOCH`` when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def _uid(entry: Entry, index: int) -> str:
    digest = hashlib.sha256(
        "\x1f".join((entry.key, str(index), entry.title, entry.phrase)).encode("utf-8")
    ).hexdigest()
    return f"{digest[:32]}@shixian"


def _date(value: str) -> dt.date:
    return dt.datetime.strptime(value[:8], "%Y%m%d").date()


def rrule_lines(text: str) -> tuple[dt.date, str, list[tuple[str, list[dt.date]]]]:
    """Split :meth:`~shixian.model.Schedule.to_rrule` output into its pieces.

    Returns the ``DTSTART`` date, the ``RRULE`` value, and any ``RDATE``/``EXDATE``
    lines as ``(name, dates)``.

    >>> rrule_lines("DTSTART;VALUE=DATE:20160331\\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12")
    (datetime.date(2016, 3, 31), 'FREQ=MONTHLY;BYMONTH=3,6,9,12', [])
    """
    start: dt.date | None = None
    rule = ""
    extra: list[tuple[str, list[dt.date]]] = []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        key = name.split(";")[0].upper()
        if key == "DTSTART":
            start = _date(value)
        elif key == "RRULE":
            rule = value
        elif key in ("RDATE", "EXDATE"):
            extra.append((key.lower(), [_date(v) for v in value.split(",") if v]))
    if start is None or not rule:
        raise ValueError(f"not a DTSTART and RRULE: {text!r}")
    return start, rule, extra


def _summary(entry: Entry, part: Part) -> str:
    """The title (or the phrase); with the part's own words when the phrase has several."""
    base = entry.title or entry.phrase
    if len(entry.result.parts) > 1 and part.text and part.text != base:
        return f"{base} ({part.text})"
    return base


def _describe(entry: Entry, part: Part) -> str:
    """The phrase, what shixian read in it, and the part's conditions."""
    lines = [entry.phrase]
    with contextlib.suppress(Exception):  # the description is a courtesy; never fail on it
        lines.append(str(entry.result))
    if part.conditions:
        lines.append("conditions: " + "; ".join(part.conditions))
    return "\n".join(lines)


def build_calendar(
    entries: Iterable[Entry],
    *,
    name: str | None = None,
    undated: bool = False,
    stamp: dt.datetime | None = None,
) -> tuple[Any, IcsStats]:
    """An ``icalendar.Calendar`` holding every part of every entry, and the counts.

    ``name`` sets ``X-WR-CALNAME``; ``undated`` turns parts without dates into
    to-dos without ``DUE`` instead of skipping them.
    """
    icalendar = import_extra("icalendar", "ics", "writing .ics")
    stamp = stamp or dtstamp()
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//shixian//shixian {_version()}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stats = IcsStats()
    for entry in entries:
        for index, part in enumerate(entry.result.parts):
            try:
                component = _component(icalendar, entry, part, undated)
            except Exception:  # a date out of range …: leave the part out, count it
                stats.failed += 1
                continue
            if component is None:
                stats.skipped += 1
                continue
            component.add("uid", _uid(entry, index))
            component.add("dtstamp", stamp)
            component.add("summary", _summary(entry, part))
            component.add("description", _describe(entry, part))
            calendar.add_component(component)
            if component.name == "VEVENT":
                stats.events += 1
            else:
                stats.todos += 1
    return calendar, stats


def _component(icalendar: Any, entry: Entry, part: Part, undated: bool) -> Any | None:
    if isinstance(part, Deadline):
        todo = icalendar.Todo()
        todo.add("due", part.due)
        todo.add("status", "NEEDS-ACTION")
        return todo
    if isinstance(part, Window):
        event = icalendar.Event()
        event.add("dtstart", part.start)
        event.add("dtend", part.end + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        return event
    if isinstance(part, Schedule) and part.computable:
        start, rule, extra = rrule_lines(schedule_rrule(part, entry.result.reference))
        event = icalendar.Event()
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(days=1))
        event.add("rrule", icalendar.vRecur.from_ical(rule))
        for key, dates in extra:
            event.add(key, dates)
        event.add("transp", "TRANSPARENT")
        return event
    if undated:
        todo = icalendar.Todo()
        todo.add("status", "NEEDS-ACTION")
        return todo
    return None
