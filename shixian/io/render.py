"""Readable one-line descriptions of results, for people (the command line, ``str()``)."""

from __future__ import annotations

from ..model import Deadline, Normalized, Ongoing, Part, Pending, Relative, Schedule, Window

__all__ = ["describe", "describe_part"]

_UNIT_WORDS = {
    "hour": "hours", "day": "days", "workday": "working days",
    "week": "weeks", "month": "months", "year": "years",
}  # fmt: skip


def describe_part(part: Part) -> str:
    """One part in words.

    >>> import datetime as dt
    >>> describe_part(Deadline(text="2016年7月前", span=(0, 8), due=dt.date(2016, 7, 31),
    ...               ambiguous=True, alternatives=(dt.date(2016, 6, 30),)))
    'deadline 2016-07-31 (ambiguous; other reading 2016-06-30)'
    """
    notes: list[str] = []
    if isinstance(part, Deadline):
        head = f"deadline {part.due}"
        if part.ambiguous:
            others = ", ".join(str(d) for d in part.alternatives)
            notes.append(f"ambiguous; other reading {others}")
    elif isinstance(part, Window):
        head = f"window {part.start} to {part.end}"
        if part.fuzzy:
            notes.append("edges by convention")
        if part.min_count is not None:
            notes.append(f"at least {part.min_count} time(s)")
    elif isinstance(part, Schedule):
        head = _schedule(part)
    elif isinstance(part, Relative):
        head = _relative(part)
    elif isinstance(part, Pending):
        head = f"pending on {part.depends_on or '?'}"
    elif isinstance(part, Ongoing):
        head = "ongoing" + (f" from {part.start}" if part.start else "")
    else:  # pragma: no cover - every kind is handled above
        head = part.kind.value
    if part.year_inferred:
        notes.append("year inferred")
    if part.via:
        notes.append(f"via {part.via}")
    if part.conditions:
        notes.append("if " + "; ".join(part.conditions))
    return head + (f" ({'; '.join(notes)})" if notes else "")


def _schedule(s: Schedule) -> str:
    if not s.computable:
        text = "irregular schedule" if s.every.value == "irregular" else "periodic schedule"
    else:
        unit = s.every.value
        every = f"every {s.interval} {unit}s" if s.interval > 1 else f"every {unit}"
        text = f"schedule {every}"
        if s.months is not None:
            text += " in month " + ",".join(str(m) for m in s.months)
        if s.day is not None:
            text += f" due day {s.day}"
        days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        if s.weekday is not None and s.week is not None:  # 3月份倒数第一个周六
            nth = ("1st", "2nd", "3rd", "4th", "5th")[abs(s.week) - 1]
            if s.week == -1:
                text += f" due on the last {days[s.weekday]}"
            else:
                text += f" due on the {nth}{'-last' if s.week < 0 else ''} {days[s.weekday]}"
        elif s.weekday is not None:
            text += f" due {days[s.weekday]}"
        if s.weekdays is not None:
            text += " due " + ",".join(days[d] for d in s.weekdays)
        if s.week is not None and s.weekday is None:
            text += " due in the last week" if s.week == -1 else f" due in week {s.week}"
        if s.workday is not None:
            n = s.workday
            text += " due on the last working day" if n == -1 else f" due on working day {n}"
        if s.festival is not None:
            text += f" due the day before {s.festival}"
        if s.every.value == "holiday":
            text = text.replace("every holiday", "every official holiday period")
    if s.label:
        text += f" [{s.label}]"
    if s.start:
        text += f" from {s.start}"
    if s.until:
        text += f" until {s.until}"
    if s.count is not None:
        text += f", {s.count} time(s) each"
    if s.min_count is not None:
        text += f", at least {s.min_count} time(s) each"
    return text


def _relative(r: Relative) -> str:
    amount = r.offset.amount
    if amount is None:
        text = "relative, limit unknown"
    elif amount == 0 and r.offset.day is None:
        text = "promptly"
    elif r.offset.day is not None:
        day = "the last day" if r.offset.day == 31 else f"day {r.offset.day}"
        if amount == 0:  # 信息形成当月: by the end of the event's own month
            text = f"{day} of the month of {r.trigger or 'the event'}"
            return text
        text = f"{day} of the {'next' if amount == 1 else f'{amount}th'} month"
    elif r.direction.value == "before":
        text = f"{amount} {_UNIT_WORDS[r.offset.unit.value]}"
    else:
        text = f"within {amount} {_UNIT_WORDS[r.offset.unit.value]}"
    side = r.direction.value
    text += f" {side} {r.trigger}" if r.trigger else f" {side} the event"
    if r.extension is not None and r.extension.amount:
        text += f" (+{r.extension.amount} {_UNIT_WORDS[r.extension.unit.value]} extension)"
    if r.statute is not None:
        text += f" per {r.statute.law}{r.statute.article or ''}"
        if r.statute.version:
            text += f" ({r.statute.version})"
    return text


def describe(result: Normalized) -> str:
    """A whole result in words: its parts joined with `` ; ``."""
    return " ; ".join(describe_part(p) for p in result.parts)
