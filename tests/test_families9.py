"""Families of the ninth session, as properties over their numbers and spellings:

* a numeric date range whose far end tells only its month and day, or only its day
  (2018.11.14—12.5, 2019.10.8-12), is the range; it was the first day alone, the far
  end dropped without a word;
* after 农历 / 阴历 a lunar day needs no 初 and may be written in digits (农历五月五日,
  农历5月5日): these were read as Gregorian dates;
* 清明日 is the day of 清明, not 明日 (tomorrow) after 清;
* two quarters written as two digits (二三季度) are a range, as 一二月份 is.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian

from .strategies import cn_number

REFERENCES = st.dates(dt.date(1990, 1, 1), dt.date(2095, 12, 31))
YEARS = st.integers(1990, 2090)
SEPARATORS = st.sampled_from([".", "/", "-"])
CONNECTORS = st.sampled_from(["—", "-", "至", "到", "~", "——"])


@st.composite
def _spans(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    """Two dates of one year, or of a year and the next (the far one then earlier in its
    year than the first: the span of a year told once), the first not after the last."""
    year = draw(YEARS)
    first = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if first.timetuple().tm_yday == 1 or draw(st.booleans()):
        return first, draw(st.dates(first, dt.date(year, 12, 31)))
    # the day before first's month and day, in the next year (Feb 29 → Feb 28)
    upper = dt.date(year + 1, first.month, 1) + dt.timedelta(days=first.day - 2)
    return first, draw(st.dates(dt.date(year + 1, 1, 1), upper))


def _date(day: dt.date, sep: str, pad: bool) -> str:
    month, dom = (f"{day.month:02}", f"{day.day:02}") if pad else (str(day.month), str(day.day))
    return f"{month}{sep}{dom}"


@given(_spans(), SEPARATORS, CONNECTORS, st.booleans(), REFERENCES)
def test_a_numeric_range_with_its_year_told_once(
    span: tuple[dt.date, dt.date], sep: str, connector: str, pad: bool, reference: dt.date
) -> None:
    first, last = span
    if sep == "-" and connector == "-":
        connector = "至"  # 2018-11-14-12-05 is not written
    head = f"{first.year}{sep}{_date(first, sep, pad)}{connector}"
    text = head + _date(last, sep, pad)
    full = f"{head}{last.year}{sep}{_date(last, sep, pad)}"
    part = shixian.normalize(text, reference=reference).parts
    assert len(part) == 1
    assert (part[0].kind, part[0].start, part[0].end) == ("window", first, last)
    assert str(shixian.normalize(full, reference=reference)) == str(
        shixian.normalize(text, reference=reference)
    )


@given(YEARS, st.integers(1, 12), st.data(), st.sampled_from(["", "日", "号"]), REFERENCES)
def test_a_numeric_range_ending_on_a_day(
    year: int, month: int, data: st.DataObject, suffix: str, reference: dt.date
) -> None:
    last_day = calendar.monthrange(year, month)[1]
    first = data.draw(st.integers(1, last_day))
    last = data.draw(st.integers(first, last_day))
    text = f"{year}.{month}.{first}-{last}{suffix}"
    (part,) = shixian.normalize(text, reference=reference).parts
    assert (part.start, part.end) == (dt.date(year, month, first), dt.date(year, month, last))
    # and a deadline at its end with 前
    (due,) = shixian.normalize(f"{text}前", reference=reference).parts
    assert (due.kind, due.due) == ("deadline", dt.date(year, month, last))


def test_a_range_backwards_in_its_month_is_refused() -> None:
    with pytest.raises(shixian.InvalidDate):
        shixian.normalize("2018.11.14-5", reference=dt.date(2018, 1, 1))


def test_a_count_after_a_numeric_date_is_no_range() -> None:
    found = shixian.extract(
        "活动时间2018.11.14-5人参加,另于2018.11.14-12.5举行", reference=dt.date(2018, 1, 1)
    )
    assert [m.text for m in found] == ["2018.11.14", "2018.11.14-12.5"]
    assert found[1].result.parts[0].end == dt.date(2018, 12, 5)


_LUNAR_PREFIXES = st.sampled_from(["农历", "阴历", "農曆", "陰曆"])


@given(_LUNAR_PREFIXES, st.integers(1, 12), st.integers(1, 10), REFERENCES)
def test_a_lunar_day_after_its_prefix_needs_no_chu(
    prefix: str, month: int, day: int, reference: dt.date
) -> None:
    month_word = "正" if month == 1 else cn_number(month)
    with_chu = shixian.normalize(f"{prefix}{month_word}月初{cn_number(day)}", reference=reference)
    for text in (
        f"{prefix}{month_word}月{cn_number(day)}日",
        f"{prefix}{month}月{day}日",
        f"{prefix}{month}月初{cn_number(day)}",
    ):
        assert str(shixian.normalize(text, reference=reference)) == str(with_chu), text


@given(_LUNAR_PREFIXES, st.integers(1, 12), st.integers(11, 29), REFERENCES)
def test_a_lunar_day_in_digits(prefix: str, month: int, day: int, reference: dt.date) -> None:
    words = shixian.normalize(f"{prefix}{cn_number(month)}月{cn_number(day)}", reference=reference)
    assert str(shixian.normalize(f"{prefix}{month}月{day}日", reference=reference)) == str(words)


def test_the_dragon_boat_day_in_lunar_words() -> None:
    # 端午 (农历五月初五) of 2016 was June 9, of 2024 June 10
    for text in ("农历五月五日", "农历5月5日", "(三)端午节(农历五月五日)"):
        part = shixian.normalize(text, reference=dt.date(2024, 1, 10)).parts[-1]
        assert (part.start, part.end) == (dt.date(2024, 6, 10), dt.date(2024, 6, 10)), text


@given(REFERENCES, st.sampled_from(["清明日", "定于清明日", "清明当日", "清明当天"]))
def test_qingming_ri_is_the_festival(reference: dt.date, text: str) -> None:
    festival = shixian.normalize("清明节", reference=reference).parts[0]
    part = shixian.normalize(text, reference=reference).parts[0]
    assert (part.start, part.end) == (festival.start, festival.end)


@given(st.integers(1, 3), st.sampled_from(["", "2023年", "今年"]))
def test_two_quarters_in_two_digits(first: int, year: str) -> None:
    reference = dt.date(2023, 2, 10)
    text = f"{year}{cn_number(first)}{cn_number(first + 1)}季度"
    (part,) = shixian.normalize(text, reference=reference).parts
    start = dt.date(2023, 3 * first - 2, 1)
    end_month = 3 * (first + 1)
    end = dt.date(2023, end_month, calendar.monthrange(2023, end_month)[1])
    assert (part.kind, part.start, part.end) == ("window", start, end)


@pytest.mark.parametrize("text", ["一三季度", "四五季度", "二四季度"])
def test_two_quarters_that_are_not_neighbours_are_refused(text: str) -> None:
    with pytest.raises(shixian.InvalidDate):
        shixian.normalize(text, reference=dt.date(2023, 2, 10))
