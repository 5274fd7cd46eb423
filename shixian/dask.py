"""Dask: normalize the phrase column of a Dask DataFrame, partition by partition.

Install with ``pip install '.[dask]'`` in the repository. Each partition runs
:func:`shixian.pandas.normalize` (each distinct phrase once per partition, and
each worker process keeps shixian's cache of recent phrases), with the
record's dtypes as ``meta``, so nothing is computed to learn the columns:

>>> import pandas as pd, dask.dataframe as dd
>>> import shixian.dask
>>> df = dd.from_pandas(pd.DataFrame({"完成时限": ["2016年7月底前", None] * 3}), npartitions=2)
>>> out = shixian.dask.annotate(df, "完成时限", reference="2016-05-01")
>>> frame = out.compute()
>>> len(frame), int(frame["due"].notna().sum())
(6, 3)

The same recipe by hand, on any Dask DataFrame ``ddf``::

    from shixian.pandas import annotate, meta
    out = ddf.map_partitions(
        annotate, "完成时限", "2016-05-01", meta=ddf._meta.join(meta()), errors="coerce"
    )

Rows keep their partition and index; results (frames, errors, values) pickle,
so they cross process and machine boundaries.
"""

from __future__ import annotations

from typing import Any

from . import pandas as _pandas
from .io.tables import import_extra

dd = import_extra("dask.dataframe", "dask", "shixian.dask")

__all__ = ["annotate", "normalize"]


def normalize(
    series: Any,
    reference: Any = None,
    *,
    exclusive: bool = False,
    errors: str = "raise",
    era: str | None = None,
) -> Any:
    """A Dask DataFrame of the flat record of each value of a Dask Series (same partitions).

    ``reference`` is one reference for all rows (a per-row reference needs the
    frame: use :func:`annotate` with ``reference_column``); ``era`` is
    :func:`shixian.normalize`'s.
    """
    return series.map_partitions(
        _pandas.normalize,
        reference,
        exclusive=exclusive,
        errors=errors,
        era=era,
        meta=_pandas.meta(),
        align_dataframes=False,
    )


def annotate(
    frame: Any,
    column: str,
    reference: Any = None,
    *,
    reference_column: str | None = None,
    exclusive: bool = False,
    errors: str = "raise",
    prefix: str = "",
    era: str | None = None,
) -> Any:
    """``frame`` with the record's columns added (:func:`shixian.pandas.annotate` per partition).

    ``reference_column`` names a column with each row's reference (a document's date).
    """
    added = _pandas.meta()
    if prefix:
        added = added.add_prefix(prefix)
    meta = frame._meta.join(added)
    return frame.map_partitions(
        _pandas.annotate,
        column,
        reference,
        reference_column=reference_column,
        exclusive=exclusive,
        errors=errors,
        prefix=prefix,
        era=era,
        meta=meta,
        align_dataframes=False,
    )
