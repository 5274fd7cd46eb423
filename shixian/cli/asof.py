"""``shixian table --as-of DATE``: two more columns, ``overdue`` and ``due_in_days``.

The report analysts build by hand: is each row's due day past on the given day,
and how many days are left. The columns come after the flat record's and exist
only when ``--as-of`` is given, so the table without it is unchanged.

* a deadline, window or compound with a due day: ``due_in_days`` = due − as-of
  (negative when past), ``overdue`` = the due day is before the as-of day;
* a schedule: its next due day on or after the as-of day (for several parts, the
  latest of their due days), so a recurring task is never overdue;
* no due day (relative, pending, ongoing, a fuzzy window, a failed row): both empty.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence

import attrs

from ..io.annotate import Annotation
from ..io.safety import WriteReport
from ..io.tables import Table, output_columns, write_table
from ..model import Normalized, Schedule

__all__ = ["AS_OF_COLUMNS", "as_of_values", "write_with_as_of"]

#: The columns ``--as-of`` adds after the flat record.
AS_OF_COLUMNS: tuple[str, str] = ("overdue", "due_in_days")


def as_of_values(result: Normalized | None, as_of: dt.date) -> tuple[bool | None, int | None]:
    """``(overdue, due_in_days)`` of a row on ``as_of`` (``(None, None)`` without a due day).

    >>> import shixian
    >>> as_of_values(shixian.normalize("2016年7月底前", reference=2016), dt.date(2016, 9, 1))
    (True, -32)
    >>> as_of_values(shixian.normalize("每季度", reference=2016), dt.date(2016, 9, 1))
    (False, 29)
    """
    if result is None:
        return None, None
    if any(isinstance(p, Schedule) for p in result.parts):
        # a schedule's due day is its next one on or after the day asked about
        due = attrs.evolve(result, reference=as_of).due
    else:
        due = result.due
    if due is None:
        return None, None
    return due < as_of, (due - as_of).days


def _text(value: bool | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_with_as_of(
    table: Table,
    annotations: Sequence[Annotation],
    extra: Sequence[tuple[bool | None, int | None]],
    out: io.BytesIO,
    fmt: str,
    encoding: str,
    *,
    raw_formulas: bool = False,
) -> WriteReport:
    """Write the annotated table with the two ``--as-of`` columns after the added ones."""
    if fmt == "jsonl":  # typed values: add the two keys to each written object
        plain = io.BytesIO()
        report = write_table(
            table, annotations, plain, fmt, encoding=encoding, raw_formulas=raw_formulas
        )
        lines = plain.getvalue().decode(encoding).splitlines()
        for line, (overdue, days) in zip(lines, extra, strict=True):
            record = json.loads(line)
            record.update({"overdue": overdue, "due_in_days": days})
            out.write((json.dumps(record, ensure_ascii=False) + "\n").encode(encoding))
        return report
    columns = [*output_columns(table.columns), *AS_OF_COLUMNS]
    rows = [
        [*row, *annotation.cells(), _text(overdue), _text(days)]
        for row, annotation, (overdue, days) in zip(table.rows, annotations, extra, strict=True)
    ]
    values: list[list[object]] | None = None
    if fmt == "xlsx":  # typed cells: the input's values, the record's, a bool and an int
        source: Sequence[Sequence[object]] = table.values or table.rows
        values = [
            [*row, *annotation.values, overdue, days]
            for row, annotation, (overdue, days) in zip(source, annotations, extra, strict=True)
        ]
    combined = Table(
        columns,
        rows,
        format=table.format,
        encoding=table.encoding,
        bom=table.bom,
        lineterminator=table.lineterminator,
        values=values,
    )
    return write_table(combined, None, out, fmt, encoding=encoding, raw_formulas=raw_formulas)
