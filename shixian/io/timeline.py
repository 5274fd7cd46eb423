"""A plan on a time axis: which rows have bars, markers and occurrences, and which are listed apart.

:func:`plan_of` reads the normalized rows of a table into a :class:`Plan`;
:func:`scene` lays it out as drawing primitives (:class:`Box`, :class:`Line`,
:class:`Mark`, :class:`Label`) in pixels, which :mod:`shixian.io.timeline_draw`
turns into SVG/HTML or, with matplotlib, PNG. Both drawings come from one layout.

* a window is a bar from its first to its last day;
* a deadline is a diamond on its due day (the other readings of an ambiguous
  one are hollow diamonds);
* a schedule is a dot on each due day inside the view's range;
* relative, pending and ongoing parts, 不定期/定期 schedules and rows that failed
  have no place on the axis and are listed apart;
* the as-of day (default: today) is a dashed line; a part whose due day is
  before it is overdue and drawn red.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from ..model import Deadline, Normalized, Schedule, Window
from .render import describe_part

__all__ = [
    "Apart",
    "Box",
    "Item",
    "Label",
    "Line",
    "Mark",
    "Plan",
    "Row",
    "Scene",
    "plan_of",
    "scene",
    "text_width",
]


@attrs.frozen
class Row:
    """One table row for the timeline: its number, title, group, phrase and what was read."""

    number: int
    title: str
    group: str
    phrase: str
    result: Normalized | None
    error: str | None = None


@attrs.frozen
class Item:
    """A row on the axis: its windows (inclusive), deadlines and schedule due days."""

    number: int
    title: str
    group: str
    phrase: str
    reading: str
    bars: tuple[tuple[dt.date, dt.date, bool], ...] = ()  # start, end, overdue
    marks: tuple[tuple[dt.date, bool, tuple[dt.date, ...]], ...] = ()  # due, overdue, others
    ticks: tuple[dt.date, ...] = ()

    @property
    def overdue(self) -> bool:
        """A window or deadline of the row was due before the as-of day."""
        return any(b[2] for b in self.bars) or any(m[1] for m in self.marks)


@attrs.frozen
class Apart:
    """A row (or part) with no place on the axis, listed apart."""

    number: int
    title: str
    phrase: str
    kind: str
    reading: str


@attrs.frozen
class Plan:
    """What the timeline shows: the view's range, the items on it and those listed apart."""

    name: str
    as_of: dt.date
    start: dt.date
    end: dt.date
    items: tuple[Item, ...]
    apart: tuple[Apart, ...]

    @property
    def overdue(self) -> int:
        """How many rows on the axis are overdue."""
        return sum(item.overdue for item in self.items)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _edges(rows: Sequence[Row]) -> list[dt.date]:
    days: list[dt.date] = []
    for row in rows:
        for part in row.result.parts if row.result else ():
            if isinstance(part, Window):
                days += [part.start, part.end]
            elif isinstance(part, Deadline):
                days += [part.due, *part.alternatives]
            elif isinstance(part, Schedule) and part.computable:
                days += [d for d in (part.start, part.until) if d is not None]
    return days


def plan_of(rows: Iterable[Row], as_of: dt.date, *, name: str = "") -> Plan:
    """Place each row's parts on the axis (or apart); the view covers them (and a near ``as_of``).

    A plan with only schedules shows the reference year; schedules show their
    due days inside the view.
    """
    rows = list(rows)
    days = _edges(rows)
    references = [r.result.reference for r in rows if r.result is not None]
    if not days:
        year = (references[0] if references else as_of).year
        days = [dt.date(year, 1, 1), dt.date(year, 12, 31)]
    start, end = min(days), max(days)
    if start - dt.timedelta(days=190) <= as_of <= end + dt.timedelta(days=190):
        start, end = min(start, as_of), max(end, as_of)
    start, end = _month_start(start), _month_end(end)
    items: list[Item] = []
    apart: list[Apart] = []
    for row in rows:
        if row.result is None:
            apart.append(Apart(row.number, row.title, row.phrase, "error", row.error or ""))
            continue
        bars: list[tuple[dt.date, dt.date, bool]] = []
        marks: list[tuple[dt.date, bool, tuple[dt.date, ...]]] = []
        ticks: list[dt.date] = []
        for part in row.result.parts:
            due = part.due
            late = due is not None and due < as_of
            if isinstance(part, Window):
                bars.append((part.start, part.end, late))
            elif isinstance(part, Deadline):
                marks.append((part.due, late, part.alternatives))
            elif isinstance(part, Schedule) and part.computable:
                ticks += [o.due for o in part.occurrences(start, end)]
            else:
                apart.append(
                    Apart(row.number, row.title, row.phrase, part.kind.value, describe_part(part))
                )
        if bars or marks or ticks:
            reading = " ; ".join(describe_part(p) for p in row.result.parts)
            items.append(
                Item(
                    row.number,
                    row.title,
                    row.group,
                    row.phrase,
                    reading,
                    tuple(bars),
                    tuple(marks),
                    tuple(sorted(set(ticks))),
                )
            )
    return Plan(name, as_of, start, end, tuple(items), tuple(apart))


# -- layout -----------------------------------------------------------------


@attrs.frozen
class Box:
    """A rectangle (``x``, ``y`` its top left), with a tooltip."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = "none"
    tip: str = ""


@attrs.frozen
class Line:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0
    dashed: bool = False


@attrs.frozen
class Mark:
    """A diamond (``shape="diamond"``) or dot (``"dot"``) centred on ``x``, ``y``."""

    x: float
    y: float
    r: float
    shape: str
    fill: str
    stroke: str
    tip: str = ""


@attrs.frozen
class Label:
    """Text whose baseline's ``anchor`` point (``start``, ``middle``, ``end``) is ``x``, ``y``."""

    x: float
    y: float
    text: str
    size: float = 12.0
    color: str = "#222222"
    anchor: str = "start"
    bold: bool = False


Shape = Box | Line | Mark | Label


@attrs.frozen
class Scene:
    """Everything a drawing needs, in pixels, top left at ``(0, 0)``."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    title: str


#: The colours of the picture.
COLORS = {
    "window": "#4C78A8",
    "window_late": "#F2A3A3",
    "late": "#D62728",
    "deadline": "#F58518",
    "schedule": "#B279A2",
    "schedule_line": "#E3CCDD",
    "grid": "#E6E6E6",
    "axis": "#555555",
    "band": "#F4F4F4",
    "text": "#222222",
    "muted": "#777777",
}


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is at ``size`` px: a CJK character 1 em, others about 0.55 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.56 * size for c in text)


def fit(text: str, size: float, width: float) -> str:
    """``text`` cut (with …) to be at most ``width`` px wide at ``size`` px.

    >>> fit("推进权力清单和责任清单公开", 10, 60)
    '推进权力清…'
    """
    text = " ".join(text.split())
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    day, out = start, []
    while day <= end:
        if (day.month - 1) % step == 0:
            out.append(day)
        day = _month_end(day) + dt.timedelta(days=1)
    return out


def _group_key(group: str) -> str:
    """The first unit named in a 牵头单位 cell (省编办，各地级以上市… → 省编办)."""
    for sep in "，,、；;/ ":
        group = group.split(sep)[0]
    return group.strip() or "—"


def scene(plan: Plan, *, width: float = 1240, apart: bool = True, grouped: bool = False) -> Scene:
    """Lay a plan out: labels on the left, the axis on the right, the listed-apart rows below.

    ``grouped`` puts the items under a heading per group (the first unit of each
    row's group cell), in the order the groups first appear.
    """
    c = COLORS
    label_w, pad, lane = 330.0, 16.0, 22.0
    x0, x1 = label_w, width - pad
    span = (plan.end - plan.start).days + 1

    def x(day: dt.date, end_of_day: bool = False) -> float:
        return x0 + (x1 - x0) * ((day - plan.start).days + (1 if end_of_day else 0)) / span

    shapes: list[Shape] = []
    late = f"; {plan.overdue} overdue" if plan.overdue else ""
    title = f"{plan.name + ': ' if plan.name else ''}{len(plan.items)} rows on the axis{late}"
    shapes.append(Label(pad, 28, title, 18, c["text"], bold=True))
    shapes.append(
        Label(pad, 50, f"as of {plan.as_of.isoformat()}  ·  {plan.start} – {plan.end}", 12,
              c["muted"])
    )  # fmt: skip
    top, axis_y = 96.0, 88.0
    order: list[tuple[str | None, Item]] = []
    if grouped:
        groups: dict[str, list[Item]] = {}
        for item in plan.items:
            groups.setdefault(_group_key(item.group), []).append(item)
        for key, members in groups.items():
            order.append((key, members[0]))
            order += [(None, m) for m in members]
    else:
        order = [(None, item) for item in plan.items]
    bottom = top + lane * len(order)
    bands: list[Shape] = []  # drawn under the grid
    for day in _ticks(plan.start, plan.end):
        shapes.append(Line(x(day), top - 4, x(day), bottom, c["grid"]))
        if day.month == 1:
            text = f"{day.year}年"
        elif day == plan.start:
            text = f"{day.year}年{day.month}月"
        else:
            text = f"{day.month}月"
        shapes.append(Label(x(day) + 3, axis_y, text, 11, c["axis"]))
    y = top
    for n, (heading, item) in enumerate(order):
        mid = y + lane / 2
        if heading is not None:
            bands.append(Box(0, y, width, lane, c["band"]))
            shapes.append(Label(pad, mid + 5, fit(heading, 13, width - 2 * pad), 13, bold=True))
            y += lane
            continue
        if n % 2 == 1 and not grouped:
            bands.append(Box(0, y, width, lane, "#FAFAFA"))
        name = f"{item.number}  {item.title or item.phrase}"
        color = c["late"] if item.overdue else c["text"]
        shapes.append(Label(pad, mid + 4, fit(name, 12, label_w - 2 * pad), 12, color))
        tip = f"{item.number} {item.title}\n{item.phrase}\n{item.reading}".strip()
        if item.ticks:
            shapes.append(
                Line(x(item.ticks[0]), mid, x(item.ticks[-1]), mid, c["schedule_line"], 2)
            )
            for day in item.ticks:
                shapes.append(Mark(x(day, True), mid, 3.5, "dot", c["schedule"], "white", tip))
        for start, end, overdue in item.bars:
            fill = c["window_late"] if overdue else c["window"]
            edge = c["late"] if overdue else "none"
            left, right = x(start), x(end, True)
            shapes.append(Box(left, mid - 6, max(right - left, 2.0), 12, fill, edge, tip))
        for due, overdue, others in item.marks:
            for other in others:
                shapes.append(Mark(x(other, True), mid, 5, "diamond", "white", c["muted"], tip))
            fill = c["late"] if overdue else c["deadline"]
            shapes.append(Mark(x(due, True), mid, 6.5, "diamond", fill, "white", tip))
        y += lane
    if plan.start <= plan.as_of <= plan.end:
        ax = x(plan.as_of)
        shapes.append(Line(ax, top - 26, ax, bottom, c["late"], 1.5, dashed=True))
        anchor = "end" if ax > (x0 + x1) / 2 else "start"
        shapes.append(
            Label(ax + (-4 if anchor == "end" else 4), top - 24, f"as of {plan.as_of}", 11,
                  c["late"], anchor=anchor, bold=True)
        )  # fmt: skip
    y = bottom + 26
    shapes += _legend(pad, y)
    y += 30
    if apart and plan.apart:
        shapes.append(Label(pad, y + 4, "Not on the time axis", 14, bold=True))
        y += 24
        for row in plan.apart:
            text = f"{row.number}  {row.title or row.phrase}"
            shapes.append(Label(pad, y, fit(text, 12, label_w - 2 * pad), 12))
            reading = f"{row.kind}: {row.reading}" if row.kind != "error" else row.reading
            detail = f"{row.phrase}  →  {reading}" if row.title else reading
            color = c["late"] if row.kind == "error" else c["muted"]
            shapes.append(Label(label_w, y, fit(detail, 12, x1 - label_w), 12, color))
            y += 20
    return Scene(width, y + 12, (*shapes[:2], *bands, *shapes[2:]), title)


def _legend(x: float, y: float) -> list[Shape]:
    c = COLORS
    out: list[Shape] = []
    kinds = [
        ("bar", c["window"], "none", "window (bar: first to last day)"),
        ("diamond", c["deadline"], "white", "deadline"),
        ("hollow", "white", c["muted"], "other reading"),
        ("dot", c["schedule"], "white", "schedule due day"),
        ("diamond", c["late"], "white", "overdue"),
    ]
    for shape, fill, edge, text in kinds:
        if shape == "bar":
            out.append(Box(x, y - 10, 22, 12, fill))
        else:
            size = 3.5 if shape == "dot" else 5 if shape == "hollow" else 6.5
            out.append(
                Mark(x + 11, y - 4, size, "dot" if shape == "dot" else "diamond", fill, edge)
            )
        out.append(Label(x + 28, y, text, 11, c["axis"]))
        x += 40 + text_width(text, 11)
    return out
