"""Export normalized phrases as an iCalendar (RFC 5545) file.

Needs the optional ``icalendar`` package (``pip install '.[ics]'`` in the repository).

* a deadline becomes an all-day event (``VEVENT``) on its due day with a
  reminder (``VALARM``) ``alarm_days`` before — what Google Calendar, Outlook and
  Apple Calendar show on import — or, with ``deadlines="todos"``, a to-do
  (``VTODO``) with an all-day ``DUE`` (which those apps skip or mishandle);
* a window becomes an all-day event (``VEVENT``) from its first day to the
  day after its last (``DTEND`` is exclusive);
* a schedule becomes an all-day event on its first due day, repeated by its
  ``RRULE``;
* parts with no date of their own (after an event, pending, ongoing, 不定期
  and 定期 schedules) are skipped and counted, or, with ``undated=True``,
  become to-dos without ``DUE``.

Each component's ``UID`` is derived from what identifies its row
(:attr:`Entry.key`: by default the row's cells other than the phrase), not from
the phrase, so exporting an updated plan again gives the same UIDs and a
calendar app updates the events instead of adding copies; ``SEQUENCE`` grows
with the export time so that the later export wins.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..model import Deadline, Normalized, Part, Schedule, Window
from .annotate import schedule_rrule
from .tables import import_extra

__all__ = [
    "DEADLINE_MODES",
    "Entry",
    "IcsStats",
    "build_calendar",
    "dtstamp",
    "rrule_lines",
    "sequence",
    "uid",
]


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("shixian")
    except metadata.PackageNotFoundError:
        import shixian

        return str(getattr(shixian, "__version__", "0"))


#: How deadlines are written: all-day events with an alarm, or to-dos.
DEADLINE_MODES: tuple[str, ...] = ("events", "todos")


@attrs.frozen
class Entry:
    """One phrase to export.

    Attributes:
        key: what identifies the row across versions of the plan (its ``UID``
            is derived from it): e.g. the row's cells other than the phrase, or
            its 序号.
        title: the ``SUMMARY`` (the phrase when empty).
        phrase: the time phrase as written.
        result: what shixian read in it.
        details: ``(label, text)`` pairs for the ``DESCRIPTION`` (具体要求, 牵头单位 …).
    """

    key: str
    title: str
    phrase: str
    result: Normalized
    details: tuple[tuple[str, str], ...] = ()


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


def uid(key: str, index: int, calendar: str = "") -> str:
    """The ``UID`` of part ``index`` of the row identified by ``key`` in calendar ``calendar``.

    The same key, part and calendar give the same UID in every export.

    >>> uid("7", 0) == uid("7", 0) != uid("7", 1)
    True
    """
    digest = hashlib.sha256("\x1f".join((calendar, key, str(index))).encode("utf-8")).hexdigest()
    return f"{digest[:32]}@shixian"


def sequence(stamp: dt.datetime) -> int:
    """A ``SEQUENCE`` that grows with the export time (minutes since 1970-01-01 UTC, ≥ 0).

    Calendar apps keep the version of an event with the highest ``SEQUENCE``, so
    a later export of the same plan replaces an earlier one.
    """
    base = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return max(0, int((stamp - base).total_seconds() // 60))


def _date(value: str) -> dt.date:
    return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))


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


#: Control characters a TEXT value cannot hold (RFC 5545 §3.3.11: no CONTROL but tab;
#: a line break is written escaped) and lone surrogates (not UTF-8): each becomes U+FFFD.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _text(value: str) -> str:
    """A TEXT value: line breaks as ``\n`` (iCalendar has no carriage return), and a
    character the format cannot hold as U+FFFD."""
    return _UNSAFE.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def _summary(entry: Entry, part: Part) -> str:
    """The title (or the phrase); with the part's own words when the phrase has several."""
    base = entry.title or entry.phrase
    if len(entry.result.parts) > 1 and part.text and part.text != base:
        return f"{base} ({part.text})"
    return base


def _describe(entry: Entry, part: Part) -> str:
    """The chosen columns, then the phrase, what shixian read in it, and the conditions."""
    lines = [f"{label}: {text}" for label, text in entry.details if text.strip()]
    lines.append(f"时限: {entry.phrase}")
    with contextlib.suppress(Exception):  # the description is a courtesy; never fail on it
        lines.append(f"shixian: {entry.result}")
    if part.conditions:
        lines.append("conditions: " + "; ".join(part.conditions))
    return "\n".join(lines)


def build_calendar(
    entries: Iterable[Entry],
    *,
    name: str | None = None,
    undated: bool = False,
    stamp: dt.datetime | None = None,
    deadlines: str = "events",
    alarm_days: int | None = 1,
) -> tuple[Any, IcsStats]:
    """An ``icalendar.Calendar`` holding every part of every entry, and the counts.

    ``name`` sets ``X-WR-CALNAME`` (and is part of every ``UID``); ``undated``
    turns parts without dates into to-dos without ``DUE`` instead of skipping
    them; ``deadlines`` is ``"events"`` (all-day events with a ``VALARM``
    ``alarm_days`` days before at 09:00; ``None`` for no alarm) or ``"todos"``.
    """
    if deadlines not in DEADLINE_MODES:
        raise ValueError(f"deadlines must be one of {DEADLINE_MODES}, not {deadlines!r}")
    icalendar = import_extra("icalendar", "ics", "writing .ics")
    stamp = stamp or dtstamp()
    revision = sequence(stamp)
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//shixian//shixian {_version()}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", icalendar.vText(_text(name)))
    stats = IcsStats()
    seen: dict[str, int] = {}
    for entry in entries:
        # two rows with the same key (a repeated task) are told apart by their order
        repeat = seen.get(entry.key, 0)
        seen[entry.key] = repeat + 1
        key = entry.key if repeat == 0 else f"{entry.key}\x1f{repeat}"
        for index, part in enumerate(entry.result.parts):
            try:
                component = _component(icalendar, entry, part, undated, deadlines)
                if component is None:
                    stats.skipped += 1
                    continue
                summary = _summary(entry, part)
                if component.name == "VEVENT" and isinstance(part, Deadline):
                    component.add("categories", ["deadline"])
                    if alarm_days is not None:
                        component.add_component(_alarm(icalendar, summary, alarm_days))
            except Exception:  # a date out of range …: leave the part out, count it
                stats.failed += 1
                continue
            component.add("uid", uid(key, index, name or ""))
            component.add("dtstamp", stamp)
            component.add("sequence", revision)
            component.add("summary", _text(summary))
            component.add("description", _text(_describe(entry, part)))
            calendar.add_component(component)
            if component.name == "VEVENT":
                stats.events += 1
            else:
                stats.todos += 1
    return calendar, stats


def _alarm(icalendar: Any, summary: str, days: int) -> Any:
    """A display reminder ``days`` days before the (all-day) event's day, at 09:00."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _text(f"截止 {summary}"))
    alarm.add("trigger", dt.timedelta(days=-days, hours=9))
    return alarm


def _all_day(event: Any, first: dt.date, last: dt.date) -> None:
    """``DTSTART`` and the exclusive ``DTEND`` of an all-day event from ``first`` to ``last``;
    ``DURATION`` instead when the day after ``last`` is past 9999-12-31 (RFC 5545 §3.6.1
    allows either)."""
    event.add("dtstart", first)
    if last < dt.date.max:
        event.add("dtend", last + dt.timedelta(days=1))
    else:
        event.add("duration", dt.timedelta(days=(last - first).days + 1))


def _component(
    icalendar: Any, entry: Entry, part: Part, undated: bool, deadlines: str
) -> Any | None:
    if isinstance(part, Deadline) and deadlines == "events":
        event = icalendar.Event()
        _all_day(event, part.due, part.due)
        event.add("transp", "TRANSPARENT")
        return event
    if isinstance(part, Deadline):
        todo = icalendar.Todo()
        todo.add("due", part.due)
        todo.add("status", "NEEDS-ACTION")
        return todo
    if isinstance(part, Window):
        event = icalendar.Event()
        _all_day(event, part.start, part.end)
        event.add("transp", "TRANSPARENT")
        return event
    if isinstance(part, Schedule) and part.computable:
        start, rule, extra = rrule_lines(schedule_rrule(part, entry.result.reference))
        event = icalendar.Event()
        _all_day(event, start, start)
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
