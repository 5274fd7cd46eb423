"""shixian.pandas: dtypes, index, no-phrase rows, errors=, per-row references, the accessor."""

from __future__ import annotations

import datetime as dt
import json
import math
import pickle
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian.io import batch as batch_module
from shixian.io.record import COLUMN_NAMES

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")
sp = pytest.importorskip("shixian.pandas")

REF = "2016-05-01"


def test_dtypes_and_index_are_kept() -> None:
    s = pd.Series(["2016年7月底前", "全年工作", "每季度"], index=["x", "y", "z"], name="完成时限")
    df = s.shixian.normalize(reference=REF)
    assert list(df.columns) == list(COLUMN_NAMES)
    assert list(df.index) == ["x", "y", "z"]
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert list(df["kind"].cat.categories) == list(shixian.io.record.KINDS)
    for name in ("due", "start", "end", "reference", "due_at"):
        assert df[name].dtype == np.dtype("datetime64[s]"), name
    for name in ("ambiguous", "year_inferred", "complete"):
        assert df[name].dtype == pd.BooleanDtype(), name
    assert df["offset_amount"].dtype == pd.Int64Dtype()
    assert df["error"].dtype == pd.StringDtype("python")
    # 2016年7月底前 → 7-31; 全年工作 → the reference year; 每季度 → next quarter end 6-30
    assert list(df["due"]) == [
        pd.Timestamp("2016-07-31"),
        pd.Timestamp("2016-12-31"),
        pd.Timestamp("2016-06-30"),
    ]
    assert list(df["kind"]) == ["deadline", "window", "schedule"]
    assert df.loc["y", "start"] == pd.Timestamp("2016-01-01")
    assert df.loc["y", "year_inferred"]
    assert not df.loc["x", "year_inferred"]
    assert df.loc["z", "every"] == "quarter"


def test_missing_cells_are_no_phrase_not_errors() -> None:
    s = pd.Series(["2016年7月底前", None, float("nan"), pd.NA, "", "  ", np.nan])
    df = sp.normalize(s, REF)  # errors="raise": no phrase is not an error
    assert list(df["error"].fillna("-")) == [
        "-",
        "empty",
        "empty",
        "empty",
        "empty",
        "empty",
        "empty",
    ]
    assert df["due"].isna().tolist() == [False, True, True, True, True, True, True]
    assert df["kind"].isna().sum() == 6


def test_normalize_of_a_missing_value_is_empty_phrase() -> None:
    for value in (float("nan"), None, pd.NA, pd.NaT, np.float64("nan"), "", " \n"):
        with pytest.raises(shixian.EmptyPhrase) as info:
            shixian.normalize(value)  # type: ignore[arg-type]
        assert isinstance(info.value, shixian.UnrecognizedPhrase)
        assert "no phrase" in str(info.value)


def test_errors_raise_and_coerce() -> None:
    s = pd.Series(["2016年7月底前", "2016年2月30日前", "加强省长网上信箱"])
    with pytest.raises(shixian.InvalidDate):
        sp.normalize(s, REF)
    df = sp.normalize(s, REF, errors="coerce")
    assert df["error"].isna().tolist() == [True, False, False]
    assert "30" in df.loc[1, "error"]
    assert "加强省长网上信箱" in df.loc[2, "error"]
    assert df.loc[1:, "due"].isna().all()
    assert df.loc[1:, "kind"].isna().all()
    with pytest.raises(ValueError, match="errors must be one of"):
        sp.normalize(s, REF, errors="ignore")


def test_reference_forms() -> None:
    s = pd.Series(["全年工作"])
    for ref in (np.int64(2017), np.int32(2017), pd.Timestamp("2017-03-01"), dt.date(2017, 3, 1),
                np.datetime64("2017-03-01"), "2017-03-01", 2017):  # fmt: skip
        df = sp.normalize(s, ref)
        assert df.loc[0, "end"] == pd.Timestamp("2017-12-31"), ref
    with pytest.raises(shixian.InvalidReference, match="missing value"):
        sp.normalize(s, pd.NaT)
    with pytest.raises(shixian.InvalidReference):
        shixian.normalize("全年工作", reference=pd.NaT)
    with pytest.raises(shixian.InvalidReference):
        shixian.normalize("全年工作", reference=np.datetime64("NaT"))
    assert shixian.normalize("全年工作", reference=np.int64(2016)).due == dt.date(2016, 12, 31)


def test_a_reference_per_row() -> None:
    df = pd.DataFrame(
        {
            "完成时限": ["全年工作", "全年工作", "下半年", "全年工作"],
            "发文日期": pd.to_datetime(["2016-06-30", "2018-01-05", "2019-02-01", None]),
        },
        index=[5, 6, 7, 8],
    )
    with pytest.raises(shixian.InvalidReference):
        df["完成时限"].shixian.normalize(reference=df["发文日期"])
    out = df["完成时限"].shixian.normalize(reference=df["发文日期"], errors="coerce")
    assert list(out["end"][:3]) == [
        pd.Timestamp("2016-12-31"),
        pd.Timestamp("2018-12-31"),
        pd.Timestamp("2019-12-31"),
    ]
    assert out.loc[7, "start"] == pd.Timestamp("2019-07-01")  # 下半年 of 2019
    assert "reference" in out.loc[8, "error"]
    # a Series of references is aligned on the index, not taken by position
    shuffled = df["发文日期"].iloc[::-1]
    again = df["完成时限"].shixian.normalize(reference=shuffled, errors="coerce")
    assert again["end"].equals(out["end"])
    # a list is positional; the wrong length is an error
    listed = sp.normalize(df["完成时限"][:3], ["2016-01-01", 2018, np.int64(2019)])
    assert list(listed["reference"].dt.year) == [2016, 2018, 2019]
    with pytest.raises(shixian.ShixianError, match="one per row"):
        sp.normalize(df["完成时限"], ["2016-01-01"] * 3)


def test_repeated_values_are_normalized_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, dt.date]] = []
    real = batch_module._normalizer(False)

    def counting(exclusive: bool, era: str | None = None):  # type: ignore[no-untyped-def]
        def run(text: str, ref: dt.date) -> shixian.Normalized:
            calls.append((text, ref))
            return real(text, ref)

        return run

    monkeypatch.setattr(batch_module, "_normalizer", counting)
    s = pd.Series(["全年工作", "2016年7月底前", None] * 500)
    df = sp.normalize(s, REF)
    assert len(df) == 1500
    assert sorted(calls) == sorted(
        {("全年工作", dt.date(2016, 5, 1)), ("2016年7月底前", dt.date(2016, 5, 1))}
    )
    # per-row references: one call per distinct pair
    calls.clear()
    refs = ["2016-01-01", "2017-01-01"] * 750
    sp.normalize(s, refs)
    assert len(calls) == 4


def test_parts_column_rebuilds_each_result() -> None:
    phrases = [
        "2016年7月 2017年1月",
        "收到文件后3个工作日内",
        "中考3月 高考11月",
        "按照省政府相关部署",
    ]
    df = sp.normalize(pd.Series(phrases), REF)
    for phrase, row in zip(phrases, df.itertuples(), strict=True):
        result = shixian.normalize(phrase, REF)
        rebuilt = shixian.Normalized.from_dict(
            {
                "text": phrase,
                "reference": row.reference.date().isoformat(),
                "parts": json.loads(row.parts),
            }
        )
        assert rebuilt == result


def test_annotate_and_results() -> None:
    df = pd.DataFrame({"序号": [1, 2], "完成时限": ["2016年7月底前", "全年工作"]})
    out = sp.annotate(df, "完成时限", REF)
    assert list(out.columns) == ["序号", "完成时限", *COLUMN_NAMES]
    with pytest.raises(ValueError, match="prefix"):
        sp.annotate(out[["序号", "完成时限", "due"]], "完成时限", REF)
    prefixed = sp.annotate(df, "完成时限", REF, prefix="sx_")
    assert "sx_due" in prefixed.columns
    results = df["完成时限"].shixian.results(reference=REF)
    assert results[0] == shixian.normalize("2016年7月底前", REF)


def test_results_pickle() -> None:
    df = sp.normalize(pd.Series(["2016年7月底前", None, "每月10日前"]), REF)
    back = pickle.loads(pickle.dumps(df))
    pd.testing.assert_frame_equal(back, df)


def test_meta_is_the_empty_frame() -> None:
    empty = sp.normalize(pd.Series([], dtype=object), REF)
    assert len(empty) == 0
    assert empty.dtypes.equals(sp.meta().dtypes)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["2016年7月底前", "全年工作", "", None, math.nan, "每季度", "x", "2016年2月30日"]
        ),
        max_size=30,
    )
)
def test_one_row_per_cell_same_as_one_by_one(cells: list[object]) -> None:
    df = sp.normalize(pd.Series(cells, dtype=object), REF, errors="coerce")
    assert len(df) == len(cells)
    for i, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            assert df.loc[i, "error"] == "empty"
            continue
        try:
            due = shixian.normalize(cell, REF).due
        except shixian.ShixianError:
            assert not pd.isna(df.loc[i, "error"])
            continue
        got = df.loc[i, "due"]
        assert (pd.isna(got) and due is None) or got.date() == due


def test_import_shixian_does_not_import_pandas() -> None:
    code = "import sys, shixian; shixian.flatten; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
