"""A year told once, weekdays ranged, a range to an edge: each means what its fully
written form means, for any date and spelling.

* a framing year (2024年春运从1月26日开始) is the year of the yearless date of its clause:
  the same as 从2024年1月26日开始, whatever the reference's year;
* a year told once for a sentence (2019年9月7日报到,9月9日军训): the later clauses' dates
  are in that year (the next one across a year's end; an earlier date keeps the reference's
  year, said to be inferred);
* 周一至周五 is 每周一至周五, every week on Monday to Friday;
* 2月18日至月底 ends on the last day of February.
"""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

import shixian

from .strategies import cn_number

WEEKDAY = "一二三四五六日"


@st.composite
def days(draw: st.DrawFn) -> tuple[int, int, int]:
    year = draw(st.integers(2001, 2049))
    month = draw(st.integers(1, 12))
    return year, month, draw(st.integers(1, calendar.monthrange(year, month)[1]))


def _values(text: str, reference: dt.date) -> list[tuple[object, ...]]:
    result = shixian.normalize(text, reference=reference)
    assert result.complete, (text, result.unparsed)
    return [
        (p.kind.value, getattr(p, "start", None), getattr(p, "end", None), getattr(p, "due", None))
        for p in result.parts
    ]


@given(
    days(),
    st.sampled_from(["春运", "征兵工作", "招生", "计划", "征兵工作将"]),
    st.sampled_from(["从{m}月{d}日开始", "于{m}月{d}日", "{m}月{d}日前"]),
    st.integers(-3, 3),
)
def test_a_framing_year_is_the_year_of_its_clause(
    day: tuple[int, int, int], words: str, form: str, shift: int
) -> None:
    y, m, d = day
    reference = dt.date(y + shift, 6, 15)
    told = form.format(m=m, d=d)
    written = told.replace(f"{m}月", f"{y}年{m}月", 1)
    assert _values(f"{y}年{words}{told}", reference) == _values(written, reference)


@given(days(), days(), st.booleans())
def test_a_year_told_once_holds_for_the_clauses_after_it(
    first: tuple[int, int, int], second: tuple[int, int, int], chinese: bool
) -> None:
    y, m1, d1 = first
    _, m2, d2 = second
    assume(d2 <= calendar.monthrange(y + 1, m2)[1] and d2 <= calendar.monthrange(y, m2)[1])
    reference = dt.date(2021, 3, 1) if y != 2021 else dt.date(2022, 3, 1)
    assume(d2 <= calendar.monthrange(reference.year, m2)[1])
    if (m2, d2) >= (m1, d1):
        year2: int | None = y
    elif m1 >= 11 and m2 <= 3:
        year2 = y + 1  # across a year's end
    else:
        year2 = None  # an earlier date: the reference's year, a guess

    def n(v: int) -> str:
        return cn_number(v) if chinese else str(v)

    told = f"{y}年{n(m1)}月{n(d1)}日报到,{n(m2)}月{n(d2)}日上课"
    second_year = "" if year2 is None else f"{year2}年"
    written = f"{y}年{m1}月{d1}日报到,{second_year}{m2}月{d2}日上课"
    assert _values(told, reference) == _values(written, reference)
    later = shixian.normalize(told, reference=reference).parts[-1]
    assert later.year_inferred == (year2 is None)


@given(st.integers(0, 5), st.integers(1, 6), st.sampled_from(["周", "星期", "週"]), st.booleans())
def test_a_weekday_range_is_a_weekly_schedule(a: int, width: int, word: str, each: bool) -> None:
    b = min(a + width, 6)
    text = f"{'每' if each else ''}{word}{WEEKDAY[a]}至{word}{WEEKDAY[b]}"
    (part,) = shixian.normalize(text, reference="2021-03-03").parts
    assert isinstance(part, shixian.Schedule)
    assert part.every is shixian.Frequency.WEEK
    assert part.weekdays == tuple(range(a, b + 1))


@given(days(), st.sampled_from(["至月底", "至月末", "到月底"]))
def test_a_range_to_the_month_end_ends_on_its_last_day(day: tuple[int, int, int], end: str) -> None:
    y, m, d = day
    (part,) = shixian.normalize(f"{y}年{m}月{d}日{end}", reference="2021-03-01").parts
    assert isinstance(part, shixian.Window)
    assert part.start == dt.date(y, m, d)
    assert part.end == dt.date(y, m, calendar.monthrange(y, m)[1])
