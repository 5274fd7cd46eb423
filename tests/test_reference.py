"""Reference dates in every written form, one reader for normalize(), resolve() and the CLI;
the exclusive reading's one name (``exclusive``) and its deprecated old one (``strict``)."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian
from shixian.errors import InvalidReference
from shixian.model.reference import parse_reference

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(days)
def test_every_written_form_reads_as_the_same_day(day: dt.date) -> None:
    y, m, d = day.year, day.month, day.day
    forms = [
        day.isoformat(),
        f"{y:04d}/{m:02d}/{d:02d}",
        f"{y:04d}/{m}/{d}",
        f"{y:04d}.{m}.{d}",
        f"{y:04d}年{m}月{d}日",
        f"{y:04d}年{m:02d}月{d:02d}日",
        f" {y:04d}年{m}月{d}号 ",
        day,
        dt.datetime.combine(day, dt.time(9, 30)),
    ]
    assert {parse_reference(f) for f in forms} == {day}


@given(st.integers(1000, 9999))
def test_a_year_is_its_first_day(year: int) -> None:
    assert parse_reference(year) == parse_reference(str(year)) == dt.date(year, 1, 1)


@pytest.mark.parametrize(
    "bad", ["2016/02/30", "2016年13月1日", "明天", "", "2016-5", 0, True, 3.5, object()]
)
def test_unreadable_references_raise_invalid_reference(bad: object) -> None:
    with pytest.raises(InvalidReference):
        parse_reference(bad)


def test_normalize_and_resolve_take_the_same_forms() -> None:
    # 全年工作 against 2016年5月1日: the whole of 2016
    assert shixian.normalize("全年工作", reference="2016年5月1日").parts[0].start == dt.date(
        2016, 1, 1
    )
    rel = shixian.normalize("自收到申请之日起15个工作日内", reference="2016/09/01").parts[0]
    assert isinstance(rel, shixian.Relative)
    # 15 working days after Thursday 2016-09-29, the National Day week (10-01…10-07) off
    # and Saturday 10-08 and Sunday 10-09 worked (调休): counted by hand → 2016-10-25
    expected = dt.date(2016, 10, 25)
    for form in ("2016-09-29", "2016/09/29", "2016年9月29日", dt.date(2016, 9, 29)):
        assert rel.resolve(form) == expected
    hours = shixian.normalize("24小时内", reference=2016).parts[0]
    assert isinstance(hours, shixian.Relative)
    assert hours.resolve("2016-09-29T09:00") == dt.datetime(2016, 9, 30, 9, 0)
    with pytest.raises(InvalidReference):
        rel.resolve("next week")


def test_exclusive_is_the_one_name_and_strict_is_deprecated() -> None:
    # 2016年7月前: inclusive → 2016-07-31, exclusive → 2016-06-30
    assert shixian.normalize("2016年7月前", 2016).due == dt.date(2016, 7, 31)
    assert shixian.normalize("2016年7月前", 2016, exclusive=True).due == dt.date(2016, 6, 30)
    with pytest.warns(DeprecationWarning, match="exclusive"):
        old = shixian.normalize("2016年7月前", 2016, strict=True)
    assert old.due == dt.date(2016, 6, 30)
    with pytest.warns(DeprecationWarning, match="exclusive"):
        matches = shixian.extract("于2016年7月前完成。", 2016, strict=True)
    assert matches[0].result.due == dt.date(2016, 6, 30)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert shixian.extract("于2016年7月前完成。", 2016, exclusive=True)[0].result.due == (
            dt.date(2016, 6, 30)
        )
