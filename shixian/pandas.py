"""pandas: normalize a column into a DataFrame of the flat record, with proper dtypes.

Install with ``pip install 'shixian[pandas]'``. Importing this module registers
the ``.shixian`` Series accessor:

>>> import pandas as pd
>>> import shixian.pandas
>>> s = pd.Series(["2016年7月底前", None, "全年工作"], index=[10, 11, 12])
>>> df = s.shixian.normalize(reference="2016-05-01")
>>> df[["kind", "due", "error"]]
        kind        due  error
10  deadline 2016-07-31   <NA>
11       NaN        NaT  empty
12    window 2016-12-31   <NA>

Columns and their dtypes (the record of :mod:`shixian.io.record`):
``kind`` category; ``due``/``start``/``end``/``reference`` and the ``*_at``
times ``datetime64[s]``; booleans ``boolean`` (nullable); numbers ``Int64``;
text ``string``. The input's index is kept; each distinct (phrase, reference)
pair is normalized once. A missing cell (NaN, None, pd.NA, NaT, ``""``) is *no
phrase*: its row is empty with ``error`` = ``"empty"``, never an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .io.batch import Batch, normalize_cells
from .io.record import COLUMNS, KINDS
from .io.tables import import_extra

pd = import_extra("pandas", "pandas", "shixian.pandas")
np = import_extra("numpy", "pandas", "shixian.pandas")

__all__ = ["DATETIME", "ShixianAccessor", "annotate", "dtypes", "meta", "normalize"]

#: The dtype of the date and time columns (seconds: any year 1–9999 fits).
DATETIME = "datetime64[s]"


def dtypes() -> dict[str, Any]:
    """The pandas dtype of each column of the record, in order."""
    out: dict[str, Any] = {}
    for column in COLUMNS:
        if column.type == "category":
            out[column.name] = pd.CategoricalDtype(list(KINDS))
        elif column.type in ("date", "datetime"):
            out[column.name] = np.dtype(DATETIME)
        elif column.type == "bool":
            out[column.name] = pd.BooleanDtype()
        elif column.type == "int":
            out[column.name] = pd.Int64Dtype()
        else:
            out[column.name] = pd.StringDtype()
    return out


def _column(values: list[Any], kind: str, dtype: Any, codes: Any) -> Any:
    if kind == "category":
        return pd.Categorical(values, dtype=dtype).take(codes)
    if kind in ("date", "datetime"):
        nat = np.datetime64("NaT", "s")
        arr = np.array(
            [nat if v is None else np.datetime64(_naive(v), "s") for v in values], dtype=DATETIME
        )
        return arr[codes] if len(values) else arr
    return pd.array(values, dtype=dtype).take(codes)


def _naive(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # times of day are local to the text
    return value


def frame(batch: Batch, index: Any = None) -> Any:
    """The DataFrame of a :class:`~shixian.io.batch.Batch` (one row per code)."""
    codes = np.asarray(batch.codes, dtype=np.intp)
    types = dtypes()
    data = {}
    for column in COLUMNS:
        values = [r[column.name] for r in batch.records]
        data[column.name] = _column(values, column.type, types[column.name], codes)
    return pd.DataFrame(data, index=index if index is not None else pd.RangeIndex(len(codes)))


def meta() -> Any:
    """An empty DataFrame with the record's columns and dtypes (Dask's ``meta``)."""
    return frame(Batch([], [], []))


def _per_row(reference: Any, values: Any) -> Any:
    """Align a Series of references on the values' index."""
    if isinstance(reference, pd.Series) and isinstance(values, pd.Series):
        if not reference.index.equals(values.index):
            reference = reference.reindex(values.index)
        return reference.to_numpy(dtype=object)
    if isinstance(reference, (pd.Index, np.ndarray)):
        return list(reference)
    return reference


def normalize(
    values: Sequence[Any] | Any,
    reference: Any = None,
    *,
    exclusive: bool = False,
    errors: str = "raise",
) -> Any:
    """A DataFrame of the flat record, one row per value, on the values' index.

    Args:
        values: a Series (its index is kept), an Index, an array or a list of phrases.
        reference: the date the document was issued: one for all rows (a date,
            ``"2016-05-01"``, a ``Timestamp``, ``2016`` or a numpy integer), or
            one per row (a Series — aligned on the index — an array or a list,
            e.g. ``df["发文日期"]``). Default: today.
        exclusive: read ``X前`` as before X begins.
        errors: ``"raise"`` raises the first failure; ``"coerce"`` puts its
            message in ``error`` and leaves the row's other columns empty (NaT/NA).

    Raises:
        shixian.ShixianError: with ``errors="raise"``, the first phrase or
            reference that fails; ``InvalidReference`` for a scalar ``NaT``.
    """
    index = values.index if isinstance(values, pd.Series) else None
    cells = values.to_numpy(dtype=object) if isinstance(values, (pd.Series, pd.Index)) else values
    batch = normalize_cells(
        list(cells), _per_row(reference, values), exclusive=exclusive, errors=errors
    )
    return frame(batch, index)


def annotate(
    data: Any,
    column: str,
    reference: Any = None,
    *,
    reference_column: str | None = None,
    exclusive: bool = False,
    errors: str = "raise",
    prefix: str = "",
) -> Any:
    """``data`` with the record's columns added after its own (named ``prefix + name``).

    ``reference_column`` names a column of ``data`` holding each row's reference.
    """
    ref = data[reference_column] if reference_column is not None else reference
    added = normalize(data[column], ref, exclusive=exclusive, errors=errors)
    if prefix:
        added = added.add_prefix(prefix)
    clash = [c for c in added.columns if c in data.columns]
    if clash:
        raise ValueError(f"the table already has columns {clash}; give a prefix")
    return pd.concat([data, added], axis=1)


@pd.api.extensions.register_series_accessor("shixian")
class ShixianAccessor:
    """``series.shixian``: the functions of :mod:`shixian.pandas` on a column."""

    def __init__(self, series: Any) -> None:
        self._series = series

    def normalize(
        self, reference: Any = None, *, exclusive: bool = False, errors: str = "raise"
    ) -> Any:
        """The flat record of each cell (:func:`shixian.pandas.normalize`)."""
        return normalize(self._series, reference, exclusive=exclusive, errors=errors)

    def results(self, reference: Any = None, *, exclusive: bool = False) -> Any:
        """A Series of :class:`~shixian.Normalized` (``None`` where a cell has no result)."""
        cells = list(self._series.to_numpy(dtype=object))
        batch = normalize_cells(
            cells, _per_row(reference, self._series), exclusive=exclusive, errors="coerce"
        )
        out = [batch.results[c] for c in batch.codes]
        return pd.Series(out, index=self._series.index, dtype=object, name=self._series.name)
