"""Parquet output through pyarrow (the ``parquet`` extra): the record's columns typed.

The input's columns are written as strings (as read); the record's columns as
``date32`` dates, ``timestamp[s]`` times, booleans, ``int64``, strings and a
dictionary-encoded ``kind``, each nullable. Repeated or empty column names get
positional names (``column3``), as in jsonl.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from .record import COLUMNS

if TYPE_CHECKING:
    from .annotate import Annotation
    from .tables import Table

__all__ = ["arrow_type", "write_parquet"]


def arrow_type(kind: str) -> Any:
    """The pyarrow type of a record column of type ``kind`` (:class:`~shixian.io.record.Column`)."""
    from .tables import import_extra

    pa = import_extra("pyarrow", "parquet", "writing .parquet")
    return {
        "date": pa.date32(),
        "datetime": pa.timestamp("s"),
        "bool": pa.bool_(),
        "int": pa.int64(),
        "category": pa.dictionary(pa.int8(), pa.string()),
    }.get(kind, pa.string())


def write_parquet(
    table: Table,
    annotations: Sequence[Annotation] | None,
    keys: list[str],
    out: IO[bytes],
) -> None:
    """Write the table and its records as one Parquet file (one row group per 100,000 rows)."""
    from .tables import import_extra

    pa = import_extra("pyarrow", "parquet", "writing .parquet")
    pq = import_extra("pyarrow.parquet", "parquet", "writing .parquet")
    width = len(table.columns)
    arrays: list[Any] = []
    for i in range(width):
        arrays.append(pa.array([row[i] for row in table.rows], type=pa.string()))
    if annotations is not None:
        for i, column in enumerate(COLUMNS):
            values = [a.values[i] for a in annotations]
            if column.type == "category":
                arrays.append(pa.array(values, type=pa.string()).dictionary_encode())
            else:
                arrays.append(pa.array(values, type=arrow_type(column.type)))
    pq.write_table(pa.Table.from_arrays(arrays, names=keys), out, row_group_size=100_000)
