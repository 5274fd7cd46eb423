"""The PySpark recipe of docs/tables.md (mapInPandas), run when pyspark is installed.

pyspark is not in the test extra: it is a 300 MB download and a Spark session takes
tens of seconds to start on a 2-core machine, so CI skips this test. It was run by
hand (pyspark 4, Java 17): ``pip install pyspark && python -m pytest tests/test_spark.py``
(the workers' Python is this one: ``PYSPARK_PYTHON`` is set below).
"""

from __future__ import annotations

import os
import sys

import pytest

from shixian.io.record import COLUMNS

from .conftest import ROOT

pyspark = pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")
sp = pytest.importorskip("shixian.pandas")

SPARK = {
    "category": "string",
    "str": "string",
    "json": "string",
    "date": "date",
    "datetime": "timestamp",
    "bool": "boolean",
    "int": "bigint",
}


def _run(batches):  # type: ignore[no-untyped-def]
    for batch in batches:
        out = sp.annotate(batch, "完成时限", reference="2016-05-01", errors="coerce")
        out["kind"] = out["kind"].astype("string")
        for c in COLUMNS:
            if c.type == "date":
                out[c.name] = out[c.name].dt.date
        yield out


def test_map_in_pandas_gives_the_pandas_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyspark.sql import SparkSession

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    try:
        frame = pd.read_csv(ROOT / "examples" / "guangdong_2016.csv", dtype=str)
        archive = spark.createDataFrame(frame)
        schema = ", ".join(
            [f"`{c}` string" for c in archive.columns]
            + [f"`{c.name}` {SPARK[c.type]}" for c in COLUMNS]
        )
        got = archive.mapInPandas(_run, schema=schema).toPandas()
    finally:
        spark.stop()
    want = sp.annotate(frame, "完成时限", reference="2016-05-01")
    assert len(got) == len(want) == 88
    assert got["kind"].tolist() == want["kind"].astype(object).tolist()
    due = [None if pd.isna(d) else d.date() for d in want["due"]]
    assert [None if pd.isna(d) else d for d in got["due"]] == due
    assert got["ambiguous"].sum() == 3
    assert os.environ["PYSPARK_PYTHON"] == sys.executable
