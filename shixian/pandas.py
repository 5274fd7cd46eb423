"""pandas: normalize a column into a DataFrame of the flat record, with proper dtypes.

Install with ``pip install '.[pandas]'`` in the repository. Importing this module registers
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

from .errors import ShixianError
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
            out[column.name] = pd.StringDtype("python")
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


def frame(batch: Batch, index: Any = None, codes: Any = None) -> Any:
    """The DataFrame of a :class:`~shixian.io.batch.Batch`: one row per code
    (``codes``, default ``batch.codes``: the record of each row)."""
    codes = np.asarray(batch.codes if codes is None else codes, dtype=np.intp)
    types = dtypes()
    data = {}
    for column in COLUMNS:
        values = [r[column.name] for r in batch.records]
        data[column.name] = _column(values, column.type, types[column.name], codes)
    return pd.DataFrame(data, index=index if index is not None else pd.RangeIndex(len(codes)))


def meta() -> Any:
    """An empty DataFrame with the record's columns and dtypes (Dask's ``meta``)."""
    return frame(Batch([], [], []))


def _as_series(values: Any) -> Any:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, pd.Index):
        return pd.Series(values.to_numpy(dtype=object), dtype=object)
    return pd.Series(list(values), dtype=object)


def _per_row(reference: Any, values: Any) -> Any:
    """``None`` for one reference for all rows, else a Series of them aligned on ``values``."""
    if isinstance(reference, pd.Series):
        if not reference.index.equals(values.index):
            reference = reference.reindex(values.index)
        return reference
    if isinstance(reference, (pd.Index, np.ndarray, list, tuple)):
        if len(reference) != len(values):
            raise ShixianError(
                f"reference has {len(reference)} values for {len(values)} rows: "
                "give one date, or one per row"
            )
        return pd.Series(list(reference), index=values.index, dtype=object)
    return None


def _factorize(values: Any) -> tuple[Any, list[Any]]:
    """Codes (-1 for a missing value) and the distinct values, in order of appearance."""
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:  # unhashable cells: one code per row
        return np.arange(len(values), dtype=np.int64), list(values.to_numpy(dtype=object))
    return np.asarray(codes, dtype=np.int64), list(np.asarray(uniques, dtype=object))


def normalize(
    values: Sequence[Any] | Any,
    reference: Any = None,
    *,
    exclusive: bool = False,
    errors: str = "raise",
    era: str | None = None,
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
        era: the era of bare years (``"roc"``: 113年 is 民国113年; see
            :func:`shixian.normalize`).

    Raises:
        shixian.ShixianError: with ``errors="raise"``, the first phrase or
            reference that fails; ``InvalidReference`` for a scalar ``NaT``.
    """
    series = _as_series(values)
    refs = _per_row(reference, series)
    p_codes, p_uniques = _factorize(series)
    ref_arg: Any = reference
    if refs is None:
        pair_codes, pair_uniques = _factorize(pd.Series(p_codes + 1))
        phrases = [None if u == 0 else p_uniques[u - 1] for u in pair_uniques]
    else:
        r_codes, r_uniques = _factorize(refs)
        width = len(r_uniques) + 1
        pair_codes, pair_uniques = _factorize(pd.Series((p_codes + 1) * width + r_codes + 1))
        phrases = [None if u // width == 0 else p_uniques[u // width - 1] for u in pair_uniques]
        ref_arg = [None if u % width == 0 else r_uniques[u % width - 1] for u in pair_uniques]
    batch = normalize_cells(phrases, ref_arg, exclusive=exclusive, errors=errors, era=era)
    codes = np.asarray(batch.codes, dtype=np.intp)[pair_codes]
    return frame(batch, series.index, codes)


def annotate(
    data: Any,
    column: str,
    reference: Any = None,
    *,
    reference_column: str | None = None,
    exclusive: bool = False,
    errors: str = "raise",
    prefix: str = "",
    era: str | None = None,
) -> Any:
    """``data`` with the record's columns added after its own (named ``prefix + name``).

    ``reference_column`` names a column of ``data`` holding each row's reference;
    ``era`` is :func:`normalize`'s.
    """
    ref = data[reference_column] if reference_column is not None else reference
    added = normalize(data[column], ref, exclusive=exclusive, errors=errors, era=era)
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
        self,
        reference: Any = None,
        *,
        exclusive: bool = False,
        errors: str = "raise",
        era: str | None = None,
    ) -> Any:
        """The flat record of each cell (:func:`shixian.pandas.normalize`)."""
        return normalize(self._series, reference, exclusive=exclusive, errors=errors, era=era)

    def results(
        self, reference: Any = None, *, exclusive: bool = False, era: str | None = None
    ) -> Any:
        """A Series of :class:`~shixian.Normalized` (``None`` where a cell has no result)."""
        cells = list(self._series.to_numpy(dtype=object))
        refs = _per_row(reference, self._series)
        ref_arg = reference if refs is None else list(refs.to_numpy(dtype=object))
        batch = normalize_cells(cells, ref_arg, exclusive=exclusive, errors="coerce", era=era)
        out = [batch.results[c] for c in batch.codes]
        return pd.Series(out, index=self._series.index, dtype=object, name=self._series.name)
