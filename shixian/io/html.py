"""HTML views of results for notebooks: ``_repr_html_`` of results, parts and tables.

Jupyter shows an object's ``_repr_html_()``; :class:`~shixian.model.Normalized`
and every part delegate here. A result is a compact table (one line per part)
with a small inline timeline when it has several dated parts; a part is a table
of its fields. Everything is escaped; nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..model import Deadline, Normalized, Ongoing, Part, Schedule, Window
from .render import describe_part

__all__ = ["STYLE", "mini_timeline", "part_html", "result_html", "table_html"]

#: The inline style of the tables (scoped to ``table.shixian``).
STYLE = (
    "<style>table.shixian{border-collapse:collapse;font-size:12px;margin:2px 0}"
    "table.shixian th,table.shixian td{border:1px solid #ddd;padding:2px 6px;"
    "text-align:left;vertical-align:top}table.shixian th{background:#f4f4f4}"
    "table.shixian caption{text-align:left;font-weight:bold;padding:2px 0}</style>"
)
_COLORS = {"window": "#4C78A8", "deadline": "#F58518", "schedule": "#B279A2"}


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _time(part: Part) -> str:
    if isinstance(part, Window):
        return f"{part.start} – {part.end}"
    if isinstance(part, Deadline):
        return f"by {part.due}"
    if isinstance(part, Ongoing):
        return f"from {part.start}" if part.start else ""
    return ""


def _span(part: Part, reference: dt.date) -> tuple[dt.date, dt.date] | None:
    if isinstance(part, Window):
        return part.start, part.end
    if isinstance(part, Deadline):
        return part.due, part.due
    if isinstance(part, Schedule) and part.computable:
        year = dt.date(reference.year, 1, 1), _year_end(reference)
        days = [o.due for o in part.occurrences(*year)]
        return (days[0], days[-1]) if days else None
    return None


def _year_end(day: dt.date) -> dt.date:
    return dt.date(day.year, 12, 31)


def mini_timeline(result: Normalized, *, width: int = 360) -> str:
    """A small SVG of the dated parts of a result on one axis ("" when fewer than two).

    Windows are bars, deadlines diamonds, schedules a dot per due day in the
    reference year.
    """
    spans = [(p, s) for p in result.parts if (s := _span(p, result.reference)) is not None]
    if len(spans) < 2:
        return ""
    start = min(s[0] for _, s in spans)
    end = max(s[1] for _, s in spans)
    days = max((end - start).days + 1, 1)
    left, right, lane = 8.0, width - 8.0, 14.0

    def x(day: dt.date, after: bool = False) -> float:
        return left + (right - left) * ((day - start).days + (1 if after else 0)) / days

    shapes: list[str] = []
    for n, (part, (first, last)) in enumerate(spans):
        y = 6 + n * lane
        color = _COLORS.get(part.kind.value, "#888888")
        tip = f"<title>{_e(part.text)}: {_e(describe_part(part))}</title>"
        if isinstance(part, Window):
            w = max(x(last, True) - x(first), 2.0)
            shapes.append(
                f'<rect x="{x(first):.1f}" y="{y:.1f}" width="{w:.1f}" height="8" rx="2" '
                f'fill="{color}">{tip}</rect>'
            )
        elif isinstance(part, Deadline):
            cx, cy = x(first, True), y + 4
            shapes.append(
                f'<polygon points="{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},'
                f'{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}" fill="{color}">{tip}</polygon>'
            )
        elif isinstance(part, Schedule):
            for o in part.occurrences(first, last):
                shapes.append(
                    f'<circle cx="{x(o.due, True):.1f}" cy="{y + 4:.1f}" r="3" '
                    f'fill="{color}">{tip}</circle>'
                )
    height = 12 + lane * len(spans)
    label = f'<text x="{left}" y="{height + 2:.0f}" font-size="10" fill="#777">{start}</text>'
    label += (
        f'<text x="{right}" y="{height + 2:.0f}" font-size="10" fill="#777" '
        f'text-anchor="end">{end}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 6:.0f}" '
        f'role="img" aria-label="timeline">{"".join(shapes)}{label}</svg>'
    )


def _notes(part: Part) -> str:
    notes = []
    if getattr(part, "ambiguous", False):
        notes.append("ambiguous")
    if part.year_inferred:
        notes.append("year inferred")
    if getattr(part, "fuzzy", False):
        notes.append("fuzzy edges")
    if part.conditions:
        notes.append("if " + "; ".join(part.conditions))
    return ", ".join(notes)


def result_html(result: Normalized) -> str:
    """A result as a table: one line per part (kind, words, time, reading, notes)."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{_e(p.kind.value)}</td><td>{_e(p.text)}</td>"
        f"<td>{_e(_time(p))}</td><td>{_e(describe_part(p))}</td><td>{_e(_notes(p))}</td></tr>"
        for n, p in enumerate(result.parts, 1)
    )
    due = f" · due {result.due}" if result.due is not None else ""
    caption = f"{_e(result.text)} · {_e(result.kind)}{due} · reference {result.reference}"
    return (
        f'{STYLE}<table class="shixian"><caption>{caption}</caption><thead><tr><th>#</th>'
        "<th>kind</th><th>text</th><th>time</th><th>reading</th><th>notes</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{mini_timeline(result)}"
    )


def _value(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(_value(v) for v in value) if value else "()"
    if hasattr(value, "value") and not isinstance(value, (str, int)):
        return str(value.value)  # an enum
    return "None" if value is None else str(value)


def part_html(part: Part) -> str:
    """A part as a table of its kind, every field and its ISO 8601 form."""
    rows = [("kind", part.kind.value)]
    rows += [(f.name, _value(getattr(part, f.name))) for f in attrs.fields(type(part))]
    names = {f.name for f in attrs.fields(type(part))}
    rows += [(k, _value(getattr(part, k))) for k in ("due", "iso") if k not in names]
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return (
        f'{STYLE}<table class="shixian"><caption>{_e(describe_part(part))}</caption>'
        f"<tbody>{body}</tbody></table>"
    )


def table_html(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    limit: int = 50,
    total: int | None = None,
) -> str:
    """A table (e.g. a normalized DataFrame's columns) as HTML, the first ``limit`` rows.

    A hook for the pandas integration: ``total`` is the row count when ``rows``
    is only the head.
    """
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body, shown = [], 0
    for row in rows:
        if shown >= limit:
            break
        body.append("<tr>" + "".join(f"<td>{_e(_value(v))}</td>" for v in row) + "</tr>")
        shown += 1
    more = ""
    if total is not None and total > shown:
        more = f"<caption>{shown} of {total} rows</caption>"
    return (
        f'{STYLE}<table class="shixian">{more}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
