"""The flat record of one result: the columns a table row gets, defined once.

:func:`flatten` turns a :class:`~shixian.model.Normalized` into an ordered dict
of typed values (dates, booleans, integers, strings, ``None`` for empty), one
key per :data:`COLUMNS` entry. The command line (csv, tsv, jsonl, xlsx,
parquet), :mod:`shixian.pandas` and :mod:`shixian.dask` all build their rows
with it, so every output has the same columns with the same meaning.

**One rule for a cell of several parts.**

- ``due``, ``start`` and ``end`` describe the cell as a whole: the latest due
  day, the earliest first day and the latest last day over its parts, each
  empty unless *every* part has one. ``due`` is :attr:`Normalized.due` (a
  schedule's due day is its next one on or after the reference; a fuzzy
  window has none); a deadline has an end (its due day) but no start.
  So ``due`` lies in ``[start, end]`` whenever those are given.
- ``due_at``, ``start_at``, ``end_at`` are the time of day of those days, when
  the part that gives the day states one.
- Every other text column lists the value of each part that has one, in
  reading order, joined by ``" ; "`` (``label`` of 中考3月 高考11月 is
  ``中考 ; 高考``); the number columns (``interval``, ``offset_amount``) and
  ``offset_unit`` are those of the first schedule / relative part.
- ``ambiguous``, ``year_inferred`` are true when any part is.
- ``parts`` is the JSON of every part (``to_dict()["parts"]``): with the
  phrase and ``reference`` it rebuilds the result exactly.

``rrule`` gives each schedule's RFC 5545 rule starting at its next due day on
or after the reference (so its first instance is the row's ``due`` for a
single schedule); a schedule that has ended starts at its own first due day.

Adding a column is one entry in :data:`COLUMNS`.

>>> import shixian
>>> row = flatten(shixian.normalize("2016年7月 2017年1月", reference="2016-05-01"))
>>> row["kind"], row["start"], row["end"], row["due"]
('compound', datetime.date(2016, 7, 1), datetime.date(2017, 1, 31), datetime.date(2017, 1, 31))
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..errors import NotComputable
from ..model import Deadline, Normalized, Ongoing, Part, Pending, Relative, Schedule, Window

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "KINDS",
    "RECORD_COLUMNS",
    "Column",
    "empty_record",
    "flatten",
    "json_value",
    "text_cells",
]

SEPARATOR = " ; "

#: The values of the ``kind`` column (a pandas category in this order).
KINDS: tuple[str, ...] = (
    "deadline",
    "window",
    "schedule",
    "relative",
    "pending",
    "ongoing",
    "compound",
)


class _Cell:
    """What the columns read from one result (computed once per result)."""

    def __init__(self, result: Normalized) -> None:
        self.result = result
        self.parts = result.parts
        self.due: dt.date | None = result.due
        starts = [_start(p) for p in self.parts]
        ends = [_end(p) for p in self.parts]
        self.start = None if not starts or None in starts else min(d for d in starts if d)
        self.end = None if not ends or None in ends else max(d for d in ends if d)

    def of(self, kind: type[Part]) -> list[Any]:
        return [p for p in self.parts if isinstance(p, kind)]

    def join(self, values: Iterable[Any]) -> str | None:
        texts = [_text(v) for v in values if v is not None and v != ""]
        return SEPARATOR.join(texts) or None

    def first(self, kind: type[Part], read: Callable[[Any], Any]) -> Any:
        for part in self.of(kind):
            return read(part)
        return None

    def at(self, name: str, day: dt.date | None, edge: Callable[[Part], dt.date | None]) -> Any:
        """The time of day (``part.<name>``; a window's ``end_at`` for ``due_at``) of
        the part whose edge gives ``day``, when exactly one such part states one."""
        if day is None:
            return None
        times = [_time(p, name) for p in self.parts if edge(p) == day]
        found = [t for t in times if isinstance(t, dt.datetime)]
        return found[0] if len(found) == 1 else None


def _time(part: Part, name: str) -> Any:
    value = getattr(part, name, None)
    if value is None and name == "due_at" and isinstance(part, Window) and not part.fuzzy:
        value = getattr(part, "end_at", None)
    return value


def _text(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _start(part: Part) -> dt.date | None:
    if isinstance(part, Window):
        return part.start
    if isinstance(part, (Schedule, Ongoing)):
        return part.start
    return None


def _end(part: Part) -> dt.date | None:
    if isinstance(part, Window):
        return part.end
    if isinstance(part, Deadline):
        return part.due
    if isinstance(part, Schedule):
        return part.until
    return None


def _due(part: Part, reference: dt.date) -> dt.date | None:
    if isinstance(part, Schedule):
        return part.next_due(reference) if part.computable else None
    return part.due


def _rrule(part: Schedule, reference: dt.date) -> str | None:
    if not part.computable:
        return None
    for begin in (reference, part.start):
        if begin is None:
            continue
        try:
            return part.to_rrule(begin).replace("\r\n", " ").replace("\n", " ")
        except NotComputable:
            continue
    return None


def _rrules(c: _Cell) -> str | None:
    return c.join(_rrule(p, c.result.reference) for p in c.of(Schedule))


def _conditions(c: _Cell) -> str | None:
    seen: dict[str, None] = {}
    for part in c.parts:
        seen.update(dict.fromkeys(part.conditions))
    return c.join(seen)


def _statutes(c: _Cell, field: str) -> str | None:
    return c.join(getattr(p.statute, field) for p in c.of(Relative) if p.statute is not None)


def _parts_json(c: _Cell) -> str:
    return json.dumps([p.to_dict() for p in c.parts], ensure_ascii=False, separators=(",", ":"))


def _complete(c: _Cell) -> bool | None:
    value = getattr(c.result, "complete", None)
    return None if value is None else bool(value)


def _unparsed(c: _Cell) -> str | None:
    return c.join(getattr(u, "text", u) for u in getattr(c.result, "unparsed", ()))


def _direction(part: Relative) -> str:
    return _text(getattr(part, "direction", None) or "after")


@attrs.frozen
class Column:
    """One column of the flat record.

    Attributes:
        name: the column's name in every output.
        type: ``str``, ``date``, ``datetime``, ``bool``, ``int``, ``json`` or
            ``category`` (the value's Python type is ``str``/``date``/``datetime``
            /``bool``/``int``; ``json`` and ``category`` are strings).
        doc: what it holds.
    """

    name: str
    type: str
    doc: str
    read: Callable[[_Cell], Any] = attrs.field(repr=False, eq=False)


# fmt: off
#: The columns of the flat record, in output order. One entry per column.
COLUMNS: tuple[Column, ...] = (
    Column("kind", "category", "the part's kind, or compound", lambda c: c.result.kind),
    Column("due", "date", "the last day still on time (see the rule above)", lambda c: c.due),
    Column("start", "date", "the earliest first day of the parts", lambda c: c.start),
    Column("end", "date", "the latest last day of the parts", lambda c: c.end),
    Column("due_at", "datetime", "due with its time of day, when stated",
           lambda c: c.at("due_at", c.due, lambda p: _due(p, c.result.reference))),
    Column("start_at", "datetime", "start with its time of day",
           lambda c: c.at("start_at", c.start, _start)),
    Column("end_at", "datetime", "end with its time of day",
           lambda c: c.at("end_at", c.end, _end)),
    Column("every", "str", "each schedule's period",
           lambda c: c.join(p.every for p in c.of(Schedule))),
    Column("interval", "int", "the first schedule's interval (2 for 每两个月)",
           lambda c: c.first(Schedule, lambda p: p.interval)),
    Column("rrule", "str", "each schedule's DTSTART and RRULE, from the reference on", _rrules),
    Column("offset_amount", "int", "the first relative part's number (0: promptly)",
           lambda c: c.first(Relative, lambda p: p.offset.amount)),
    Column("offset_unit", "str", "the first relative part's unit (day, workday, hour …)",
           lambda c: c.first(Relative, lambda p: _text(p.offset.unit))),
    Column("trigger", "str", "the event a relative time counts from",
           lambda c: c.join(p.trigger for p in c.of(Relative))),
    Column("direction", "str", "after or before the event",
           lambda c: c.join(_direction(p) for p in c.of(Relative))),
    Column("statute_law", "str", "the law that sets the time limit",
           lambda c: _statutes(c, "law")),
    Column("statute_article", "str", "its article", lambda c: _statutes(c, "article")),
    Column("depends_on", "str", "what a pending time waits for",
           lambda c: c.join(p.depends_on for p in c.of(Pending))),
    Column("conditions", "str", "conditions the text attaches", _conditions),
    Column("label", "str", "what a schedule is for (中考)",
           lambda c: c.join(p.label for p in c.of(Schedule))),
    Column("ambiguous", "bool", "some part has another reading", lambda c: c.result.ambiguous),
    Column("alternatives", "str", "the other readings' days",
           lambda c: c.join(d for p in c.of(Deadline) for d in p.alternatives)),
    Column("year_inferred", "bool", "the year came from the reference",
           lambda c: any(p.year_inferred for p in c.parts)),
    Column("complete", "bool", "every word of the cell was read", _complete),
    Column("unparsed", "str", "the words that were not read", _unparsed),
    Column("iso", "str", "ISO 8601 of each part that has one",
           lambda c: c.join(p.iso for p in c.parts)),
    Column("reference", "date", "the reference date used", lambda c: c.result.reference),
    Column("parts", "json", "every part as JSON (to_dict()['parts'])", _parts_json),
    Column("error", "str", "why the cell has no result (empty: a blank cell)", lambda c: None),
)
# fmt: on

#: The column names, in order.
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
#: The same names, as exported at the top (``shixian.RECORD_COLUMNS``).
RECORD_COLUMNS = COLUMN_NAMES


def flatten(result: Normalized) -> dict[str, Any]:
    """The flat record of a result: ``{column name: typed value or None}`` in :data:`COLUMNS` order.

    See the module docstring for the rule that gives ``due``/``start``/``end``
    of a cell of several parts.

    >>> import shixian
    >>> row = flatten(shixian.normalize("收到文件后3个工作日内", reference="2016-05-01"))
    >>> row["kind"], row["offset_amount"], row["offset_unit"], row["trigger"], row["due"]
    ('relative', 3, 'workday', '收到文件', None)
    """
    return dict(zip(COLUMN_NAMES, _values(result), strict=True))


@functools.lru_cache(maxsize=8192)
def _values(result: Normalized) -> tuple[Any, ...]:
    """The record's values of a result (results are immutable: a repeated one is not redone)."""
    cell = _Cell(result)
    return tuple(column.read(cell) for column in COLUMNS)


def empty_record(error: str | None = None) -> dict[str, Any]:
    """The record of a cell without a result: every column empty but ``error``.

    >>> empty_record("empty")["error"], empty_record("empty")["due"]
    ('empty', None)
    """
    record: dict[str, Any] = dict.fromkeys(COLUMN_NAMES)
    record["error"] = error
    return record


def text_cells(values: Iterable[Any]) -> list[str]:
    """Record values as text cells: ISO dates, ``true``/``false``, ``""`` for empty.

    >>> text_cells([None, True, dt.date(2016, 7, 31), 3, "x"])
    ['', 'true', '2016-07-31', '3', 'x']
    """
    out: list[str] = []
    for value in values:
        if value is None:
            out.append("")
        elif isinstance(value, bool):
            out.append("true" if value else "false")
        elif isinstance(value, dt.datetime):
            out.append(value.isoformat(sep=" "))
        elif isinstance(value, dt.date):
            out.append(value.isoformat())
        else:
            out.append(str(value))
    return out


def json_value(value: Any) -> Any:
    """A record value for JSON (dates as ISO 8601 text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
