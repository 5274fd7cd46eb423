"""The terminal preview of ``shixian table``: aligned columns fitting the terminal, then a report.

Shown when standard output is a terminal and no ``-o`` is given (or with
``--preview``); piped or written to a file, the table is written as CSV/TSV/…
unchanged. Uses ``rich`` (imported here only, so ``import shixian`` stays fast).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TextIO

import attrs

from ..io.annotate import Annotation
from ..model import Normalized
from .report import Report

__all__ = ["PreviewRow", "dates", "flags", "guess_title_column", "render"]

_TITLE_WORDS = ("任务", "事项", "工作", "名称", "项目", "内容", "title", "task")


@attrs.frozen
class PreviewRow:
    """One row as the preview shows it: its number, title, phrase and what was read."""

    number: int
    title: str
    phrase: str
    annotation: Annotation
    result: Normalized | None
    due_in_days: int | None = None  # with --as-of: due − as-of


def guess_title_column(columns: Sequence[str], phrase: int) -> int | None:
    """The column that names each row's task (工作任务, 事项 …), if one is plain from its name.

    >>> guess_title_column(["序号", "工作任务", "具体要求", "完成时限"], 3)
    1
    >>> guess_title_column(["id", "完成时限"], 1) is None
    True
    """
    for i, name in enumerate(columns):
        if i != phrase and any(word in name.lower() for word in _TITLE_WORDS):
            return i
    return None


def dates(annotation: Annotation) -> str:
    """The dates of a row in short: ``start → end`` for a span, else the due day.

    >>> dates(Annotation(kind="window", start="2016-01-01", end="2016-12-31", due="2016-12-31"))
    '2016-01-01 → 2016-12-31'
    >>> dates(Annotation(kind="deadline", end="2016-07-31", due="2016-07-31"))
    '2016-07-31'
    >>> dates(Annotation(kind="schedule", due="2016-06-30"))
    'next 2016-06-30'
    """
    if annotation.kind == "schedule":
        return f"next {annotation.due}" if annotation.due else ""
    if annotation.start and annotation.end and annotation.start != annotation.end:
        return f"{annotation.start} → {annotation.end}"
    if annotation.start and not annotation.end:
        return f"{annotation.start} →"
    return annotation.due or annotation.end or annotation.start or ""


def flags(row: PreviewRow) -> str:
    """The notes of a row: its error, or ambiguous / year inferred / incomplete / next due."""
    annotation, result = row.annotation, row.result
    if not annotation.ok:
        return f"error: {annotation.error}"
    notes: list[str] = []
    if row.due_in_days is not None:
        days = row.due_in_days
        notes.append(f"overdue {-days} d" if days < 0 else f"due in {days} d")
    if annotation.ambiguous:
        notes.append("ambiguous")
    if result is not None:
        if len(result.parts) > 1:
            notes.append(f"{len(result.parts)} parts")
        if any(p.year_inferred for p in result.parts):
            notes.append("year inferred")
        if not getattr(result, "complete", True):
            notes.append("incomplete")
        if annotation.kind in ("relative", "pending", "schedule") and len(result.parts) == 1:
            from ..io.render import describe_part

            notes.append(describe_part(result.parts[0]))
        if any(p.conditions for p in result.parts):
            notes.append("conditional")
    return ", ".join(notes)


_GAP = 2  # spaces between columns

_KIND_STYLE = {
    "deadline": "bold red",
    "window": "blue",
    "schedule": "magenta",
    "relative": "cyan",
    "pending": "yellow",
    "ongoing": "green",
    "compound": "bold",
}


def render(
    rows: Iterable[PreviewRow],
    report: Report,
    *,
    title: str | None,
    phrase: str,
    file: TextIO,
    width: int | None = None,
    limit: int = 100,
    force_terminal: bool | None = None,
    hint: str = "",
) -> None:
    """Print the first ``limit`` rows as a table fitting the terminal, then the report.

    ``title`` and ``phrase`` are the column headings. ``width`` defaults to the
    terminal's (``$COLUMNS`` when set).
    """
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=file,
        width=width,
        force_terminal=force_terminal,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
    )
    body: list[tuple[str, str, str, str, str, str]] = []
    styles: list[tuple[str, str]] = []
    for row in rows:
        if len(body) >= limit:
            continue  # the report has counted every row already
        kind = row.annotation.kind or "—"
        cells = (str(row.number), _flat(row.title), _flat(row.phrase), kind)
        body.append((*cells, dates(row.annotation), flags(row)))
        styles.append((_KIND_STYLE.get(kind, ""), "yellow" if row.annotation.ok else "red"))
    heads = ("#", title or "", phrase, "kind", "dates", "notes")
    keep = [i for i in range(6) if i != 1 or title is not None]
    natural = [max([cell_len(heads[i]), *(cell_len(r[i]) for r in body)]) for i in range(6)]
    widths = _fit(natural, keep, console.width)
    table = Table(
        box=None,
        pad_edge=False,
        show_edge=False,
        padding=(0, _GAP, 0, 0),
        header_style="bold",
        expand=False,
    )
    for i in keep:
        table.add_column(
            heads[i],
            width=widths[i],
            no_wrap=True,
            overflow="ellipsis",
            justify="right" if i == 0 else "left",
            style="dim" if i == 0 else "",
        )
    for record, (kind_style, note_style) in zip(body, styles, strict=True):
        out: list[Any] = []
        for i in keep:
            if i == 3:
                out.append(Text(record[i], style=kind_style))
            elif i == 5:
                out.append(Text(record[i], style=note_style))
            else:
                out.append(record[i])
        table.add_row(*out)
    console.print(table)
    shown = len(body)
    if report.rows > shown:
        console.print(
            Text(f"… {report.rows - shown} more rows not shown (of {report.rows})", style="dim")
        )
    console.print()
    for n, line in enumerate(report.lines()):
        console.print(Text(line, style="bold" if n == 0 else ""), overflow="fold")
    if hint:
        console.print(Text(hint, style="dim"), overflow="fold")


def _fit(natural: Sequence[int], keep: Sequence[int], total: int) -> list[int]:
    """Column widths that fit ``total`` cells: the number and kind whole, the dates whole
    unless nothing else can shrink; the title, notes and phrase share what is left (the
    title gives way first).

    >>> _fit([2, 8, 10, 8, 23, 9], [0, 1, 2, 3, 4, 5], 80)
    [2, 8, 10, 8, 23, 9]
    >>> w = _fit([2, 40, 20, 8, 23, 30], [0, 1, 2, 3, 4, 5], 80); sum(w) + 10 <= 80, w[1] >= 6
    (True, True)
    """
    widths = list(natural)
    gaps = _GAP * (len(keep) - 1)
    room = total - gaps - sum(widths[i] for i in keep)
    # shrink the elastic columns, widest share first, down to a floor
    floors = {1: 6, 2: 8, 5: 8, 4: 10}
    while room < 0:
        candidates = [i for i in (1, 5, 2) if i in keep and widths[i] > floors[i]]
        if not candidates:  # the dates give way last
            candidates = [i for i in (4,) if i in keep and widths[i] > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i] - floors[i] + (4 if i == 1 else 0))
        step = min(-room, max(1, (widths[widest] - floors[widest]) // 4))
        widths[widest] -= step
        room += step
    return widths


def _flat(text: str) -> str:
    """A cell on one line (wrapped cells joined with spaces)."""
    return " ".join(text.split())
