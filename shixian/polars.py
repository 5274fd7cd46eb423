"""Polars: the flat record of a column as a polars DataFrame, or as a struct expression.

Install with ``pip install '.[polars]'`` in the repository. Each distinct (phrase,
reference) pair is normalized once; dtypes follow the record: ``Date``,
``Datetime("us")``, ``Boolean``, ``Int64``, ``String`` and an ``Enum`` for
``kind``. A missing or blank cell is *no phrase* (``error`` = ``"empty"``).

>>> import polars as pl
>>> import shixian.polars as spl
>>> df = pl.DataFrame({"完成时限": ["2016年7月底前", None, "全年工作"]})
>>> out = df.with_columns(spl.expression("完成时限", reference="2016-05-01").alias("r"))
>>> out.unnest("r").select("kind", "due", "error").rows()[:2]
[('deadline', datetime.date(2016, 7, 31), None), (None, None, 'empty')]
"""

from __future__ import annotations

from typing import Any

from .io.batch import normalize_cells
from .io.record import COLUMNS, KINDS
from .io.tables import import_extra

pl = import_extra("polars", "polars", "shixian.polars")

__all__ = ["expression", "normalize", "schema"]


def schema() -> dict[str, Any]:
    """The polars dtype of each column of the record, in order."""
    types = {
        "date": pl.Date,
        "datetime": pl.Datetime("us"),
        "bool": pl.Boolean,
        "int": pl.Int64,
        "category": pl.Enum(list(KINDS)),
    }
    return {c.name: types.get(c.type, pl.String) for c in COLUMNS}


def normalize(
    values: Any,
    reference: Any = None,
    *,
    exclusive: bool = False,
    errors: str = "raise",
    era: str | None = None,
) -> Any:
    """A polars DataFrame of the flat record, one row per value of ``values`` (a Series or list).

    ``reference`` is one reference for all rows, or a Series/list with one per row;
    ``era`` is :func:`shixian.normalize`'s (``"roc"``: 113年 is 民国113年).
    """
    cells = values.to_list() if isinstance(values, pl.Series) else list(values)
    ref = reference.to_list() if isinstance(reference, pl.Series) else reference
    batch = normalize_cells(cells, ref, exclusive=exclusive, errors=errors, era=era)
    types = schema()
    unique = pl.DataFrame(
        {c.name: [r[c.name] for r in batch.records] for c in COLUMNS}, schema=types
    )
    return unique[pl.Series(batch.codes, dtype=pl.UInt32)] if len(unique) else unique


def expression(
    column: str,
    reference: Any = None,
    *,
    exclusive: bool = False,
    errors: str = "raise",
    era: str | None = None,
) -> Any:
    """A struct expression of the record of ``column`` (``map_batches``; unnest it).

    ``reference`` is one reference for all rows (a per-row reference: call
    :func:`normalize` with the reference column).
    """

    def run(series: Any) -> Any:
        return normalize(series, reference, exclusive=exclusive, errors=errors, era=era).to_struct(
            series.name
        )

    return pl.col(column).map_batches(run, return_dtype=pl.Struct(schema()))
