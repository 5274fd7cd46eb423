"""shixian.polars: the record as a polars DataFrame and as a map_batches struct expression."""

from __future__ import annotations

import datetime as dt

import pytest

from shixian.io.record import COLUMN_NAMES

pl = pytest.importorskip("polars")
spl = pytest.importorskip("shixian.polars")

REF = "2016-05-01"


def test_normalize_gives_typed_columns() -> None:
    s = pl.Series("完成时限", ["2016年7月底前", None, "收到文件后3个工作日内", "", "2016年7月底前"])
    df = spl.normalize(s, REF)
    assert df.columns == list(COLUMN_NAMES)
    assert df.height == 5
    assert df.schema["due"] == pl.Date
    assert df.schema["ambiguous"] == pl.Boolean
    assert df.schema["offset_amount"] == pl.Int64
    assert isinstance(df.schema["kind"], pl.Enum)
    assert df["due"].to_list() == [dt.date(2016, 7, 31), None, None, None, dt.date(2016, 7, 31)]
    assert df["error"].to_list() == [None, "empty", None, "empty", None]
    assert df["offset_amount"].to_list()[2] == 3


def test_a_reference_per_row_and_errors() -> None:
    phrases = pl.Series(["全年工作", "全年工作", "2016年2月30日前"])
    refs = pl.Series([dt.date(2016, 6, 30), dt.date(2018, 1, 5), dt.date(2016, 1, 1)])
    with pytest.raises(ValueError, match="invalid day"):
        spl.normalize(phrases, refs)
    df = spl.normalize(phrases, refs, errors="coerce")
    assert df["end"].to_list()[:2] == [dt.date(2016, 12, 31), dt.date(2018, 12, 31)]
    assert df["error"][2].startswith("invalid day 30")


def test_expression_in_a_lazy_query() -> None:
    lf = pl.LazyFrame({"id": [1, 2, 3], "完成时限": ["每季度", "2016年12月底前", None]})
    out = (
        lf.with_columns(spl.expression("完成时限", reference=REF).alias("r"))
        .unnest("r")
        .filter(pl.col("kind").is_not_null())
        .collect()
    )
    assert out["id"].to_list() == [1, 2]
    assert out["due"].to_list() == [dt.date(2016, 6, 30), dt.date(2016, 12, 31)]


def test_empty_series() -> None:
    df = spl.normalize(pl.Series([], dtype=pl.String), REF)
    assert df.height == 0
    assert df.columns == list(COLUMN_NAMES)
