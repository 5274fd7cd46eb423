"""Bare years of an era the caller names (``era="roc"``): 113年 in a Taiwan document.

Expected dates are 1911 + the ROC year, worked out by hand (民国113年 = 2024; 民国104
年7月2日 = 2015-07-02). The properties hold the era's reading to the grammar's own
readings of the same date written with 民国 and in Gregorian years.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian
from shixian.errors import GarbledDate, UnknownEra

REF = "2024-01-01"


def _values(result: shixian.Normalized) -> list[tuple[object, ...]]:
    return [
        (p.kind, getattr(p, "start", None), getattr(p, "end", None), getattr(p, "due", None))
        for p in result.parts
    ]


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("113年3月1日", "window", dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
        ("115 年 1 月 21 日(星期三)至 1 月 23 日(星期五)", "window",
         dt.date(2026, 1, 21), dt.date(2026, 1, 23)),
        ("104.7.2-7.3", "window", dt.date(2015, 7, 2), dt.date(2015, 7, 3)),
        ("104.6.26", "window", dt.date(2015, 6, 26), dt.date(2015, 6, 26)),
        ("106.09.21", "window", dt.date(2017, 9, 21), dt.date(2017, 9, 21)),
        ("104-03-05", "window", dt.date(2015, 3, 5), dt.date(2015, 3, 5)),
        ("113/3/1", "window", dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
        ("工程會103年至105年訪查時間", "window", dt.date(2014, 1, 1), dt.date(2016, 12, 31)),
        ("國發會113年度預算案", "window", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("105年下半年", "window", dt.date(2016, 7, 1), dt.date(2016, 12, 31)),
        ("一百一十三年六月五日", "window", dt.date(2024, 6, 5), dt.date(2024, 6, 5)),
        ("99年12月31日", "window", dt.date(2010, 12, 31), dt.date(2010, 12, 31)),
    ],
)  # fmt: skip
def test_bare_roc_years_read_as_the_caller_says(
    text: str, kind: str, start: dt.date, end: dt.date
) -> None:
    result = shixian.normalize(text, REF, era="roc")
    (part,) = result.parts
    assert (part.kind.value, part.start, part.end) == (kind, start, end)
    assert result.complete
    # without the era the same text names no calendar (or is not read at all)
    with pytest.raises((GarbledDate, shixian.UnrecognizedPhrase)):
        shixian.normalize(text, REF)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("截至112年第2季止", dt.date(2023, 6, 30)),
        ("請於113年3月1日前函復", dt.date(2024, 3, 1)),
        ("110年底前", dt.date(2021, 12, 31)),
    ],
)
def test_deadlines_in_roc_years(text: str, due: dt.date) -> None:
    assert shixian.normalize(text, REF, era="roc").due == due


@pytest.mark.parametrize(
    "text",
    [
        "用100年时间",
        "100年内完成",
        "增长12.5%",
        "2.5亿元",
        "第3.2.1条",
        "10年以上",
        "2016年7月底前",
    ],
)
def test_numbers_that_are_not_roc_years_read_as_without_the_era(text: str) -> None:
    def reading(**kw: str) -> object:
        try:
            return _values(shixian.normalize(text, REF, **kw))
        except shixian.ShixianError as exc:
            return type(exc)

    assert reading(era="roc") == reading()


def test_an_unknown_era_is_an_error_naming_it() -> None:
    with pytest.raises(UnknownEra, match=r"'meiji'.*'roc'"):
        shixian.normalize("113年3月1日", REF, era="meiji")
    with pytest.raises(UnknownEra):
        shixian.extract("113年3月1日", REF, era="meiji")


@st.composite
def roc_dates(draw: st.DrawFn) -> tuple[int, int, int]:
    year = draw(st.integers(10, 199))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(1911 + year, month)[1]))
    return year, month, day


@given(roc_dates(), st.sampled_from(["{y}年{m}月{d}日", "{y}.{m}.{d}", "{y}/{m:02}/{d:02}"]))
def test_a_bare_roc_date_is_the_same_date_with_its_era_named(
    date: tuple[int, int, int], form: str
) -> None:
    """104.7.2 with era="roc" is what 民国104年7月2日 and 2015年7月2日 are."""
    y, m, d = date
    text = form.format(y=y, m=m, d=d)
    result = shixian.normalize(text, REF, era="roc")
    assert _values(result) == _values(shixian.normalize(f"民国{y}年{m}月{d}日", REF))
    assert _values(result) == _values(shixian.normalize(f"{1911 + y}年{m}月{d}日", REF))
    (part,) = result.parts
    assert part.text == text and part.span == (0, len(text))


@given(roc_dates(), st.text(alphabet="推进工作,。", max_size=12))
def test_extract_spans_are_the_documents_own(date: tuple[int, int, int], filler: str) -> None:
    y, m, d = date
    doc = f"{filler}于{y}.{m}.{d}召开会议,{filler}{y}年{m}月{d}日前完成。"
    found = shixian.extract(doc, REF, era="roc")
    assert [m.text for m in found] == [doc[m.start : m.end] for m in found]
    assert [(p.kind.value) for m in found for p in m.result.parts] == ["window", "deadline"]
    assert found[1].result.due == dt.date(1911 + y, m, d)


def test_the_pandas_accessor_and_the_table_command_take_the_era() -> None:
    pd = pytest.importorskip("pandas")
    import shixian.pandas  # noqa: F401  (registers the .shixian accessor)

    frame = pd.Series(["113年3月1日前", "104.7.2-7.3"]).shixian.normalize(REF, era="roc")
    assert list(frame["due"]) == [pd.Timestamp("2024-03-01"), pd.Timestamp("2015-07-03")]

    table = "完成时限\n113年3月1日前\n104.7.2-7.3\n"
    run = subprocess.run(
        [sys.executable, "-m", "shixian", "table", "-", "--era", "roc", "--reference", REF, "-q"],
        input=table.encode(),
        capture_output=True,
        check=True,
    )
    rows = list(csv.DictReader(io.StringIO(run.stdout.decode("utf-8-sig"))))
    assert [(r["kind"], r["due"]) for r in rows] == [
        ("deadline", "2024-03-01"),
        ("window", "2015-07-03"),
    ]
