"""The composition stage: ranges and lists built from any anchors, in any spelling,
mean what their fully written forms mean; unparsed time words are reported exactly."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import shixian

from .strategies import day_lists, day_ranges, full_width, spaced

REF = "2020-01-01"


def _windows(text: str) -> list[tuple[dt.date, dt.date]]:
    result = shixian.normalize(text, reference=REF)
    assert result.complete, result.unparsed
    return [(p.start, p.end) for p in result.parts if isinstance(p, shixian.Window)]


@given(day_ranges())
def test_a_range_with_omitted_fields_means_its_full_form(
    case: tuple[str, str, dt.date, dt.date],
) -> None:
    full, short, first, last = case
    assert _windows(full) == [(first, last)]
    assert _windows(short) == [(first, last)]


@given(day_ranges(), st.data())
def test_a_range_survives_noise(
    case: tuple[str, str, dt.date, dt.date], data: st.DataObject
) -> None:
    _, short, first, last = case
    noisy = data.draw(spaced(short))
    if data.draw(st.booleans()):
        noisy = full_width(noisy)
    assert _windows(noisy) == [(first, last)]


@given(day_lists())
def test_a_list_with_omitted_fields_means_its_full_form(
    case: tuple[str, str, list[dt.date]],
) -> None:
    full, short, chosen = case
    wanted = [(d, d) for d in chosen]
    assert _windows(full) == wanted
    assert _windows(short) == wanted


@given(st.lists(st.integers(1, 12), min_size=2, max_size=4, unique=True).map(sorted), st.booleans())
def test_a_relation_written_once_applies_to_every_item(months: list[int], edge: bool) -> None:
    """3月、6月、9月底前: each month's deadline, as if each were written in full."""
    tail = "底前" if edge else "月底前"
    short = (
        "、".join(f"{m}月" for m in months[:-1]) + f"、{months[-1]}月{tail[1:] if edge else '底前'}"
    )
    full = "、".join(f"{m}月底前" for m in months)
    a = shixian.normalize(short, reference=REF)
    b = shixian.normalize(full, reference=REF)
    assert [p.due for p in a.parts] == [p.due for p in b.parts]
    assert len(a.parts) == len(months)


@given(
    st.integers(1, 12),
    st.lists(st.integers(1, 28), min_size=2, max_size=4, unique=True).map(sorted),
    st.integers(0, 11),
    st.integers(13, 23),
    st.sampled_from(["、", "和", "及"]),
    st.sampled_from(["{h}:00", "{h}时", "{h}時"]),
    st.booleans(),
)
def test_hours_told_once_are_each_listed_days(
    month: int, days: list[int], first: int, last: int, sep: str, clock: str, wide: bool
) -> None:
    """10月17日及18日9时至18时: every day of the list has the hours written after the last,
    as if each day were written with them."""
    hours = f"{clock.format(h=first)}至{clock.format(h=last)}"
    text = f"{month}月" + sep.join(f"{d}日" for d in days) + hours
    result = shixian.normalize(full_width(text) if wide else text, reference=REF)
    assert result.complete, result.unparsed
    want = [(dt.datetime(2020, month, d, first), dt.datetime(2020, month, d, last)) for d in days]
    assert [(p.start_at, p.end_at) for p in result.parts] == want


@given(
    st.sampled_from(["中考", "高考", "自考"]),
    st.lists(st.integers(1, 12), min_size=2, max_size=4, unique=True).map(sorted),
    st.sampled_from(["、", "和", "及"]),
)
def test_a_label_before_a_month_list_is_every_items(
    label: str, months: list[int], sep: str
) -> None:
    """中考3月、6月: each month a yearly schedule with the label, as 中考3月 alone is."""
    result = shixian.normalize(label + sep.join(f"{m}月" for m in months), reference=REF)
    assert [(p.kind.value, p.months, p.label) for p in result.parts] == [
        ("schedule", (m,), label) for m in months
    ]


STRAY = ["会议14:30", "14时至16时", "下午(28日)"]


@given(day_ranges(), st.sampled_from([None, *STRAY]))
def test_unparsed_is_empty_exactly_when_every_time_word_is_read(
    case: tuple[str, str, dt.date, dt.date], stray: str | None
) -> None:
    _, short, _, _ = case
    text = short if stray is None else f"{short},{stray}"
    result = shixian.normalize(text, reference=REF)
    assert result.complete == (stray is None), result.unparsed
    if stray is not None:
        left = "".join(u.text for u in result.unparsed)
        assert any(ch.isdigit() for ch in left)
        assert all(text[u.span[0] : u.span[1]] == u.text for u in result.unparsed)


def test_complete_true_raises_partial_parse() -> None:
    try:
        shixian.normalize("2023年3月7日(周一)", reference=REF, complete=True)
    except shixian.PartialParse as exc:
        assert "周一" in str(exc) or "3月7日" in str(exc)
        assert not exc.result.complete
    else:
        raise AssertionError("PartialParse not raised")


def test_times_of_day_round_trip() -> None:
    r = shixian.normalize("6月10日8:30至6月12日17:00", reference="2023-01-01")
    window = r.parts[0]
    assert isinstance(window, shixian.Window)
    assert window.start_at == dt.datetime(2023, 6, 10, 8, 30)
    assert window.end_at == dt.datetime(2023, 6, 12, 17, 0)
    assert shixian.Normalized.from_dict(r.to_dict()) == r
    d = shixian.normalize("2023年6月30日24时前", reference=REF).parts[0]
    assert isinstance(d, shixian.Deadline)
    assert d.due == dt.date(2023, 6, 30) and d.due_at == dt.datetime(2023, 7, 1)


def test_garbled_dates_raise_a_documented_error() -> None:
    for text in ["2022311日", "于20206月底", "7 7 月月 2020 日日", "112年3月1日"]:
        try:
            shixian.normalize(text, reference=REF)
        except shixian.GarbledDate as exc:
            assert isinstance(exc, shixian.InvalidDate)
        else:
            raise AssertionError(text)


def test_a_working_day_due_past_the_calendar_data_is_open() -> None:
    """每月最后一个工作日 read in a year the official data does not cover: the result's
    due is open (None) and to_dict() works; next_due() itself says why."""
    r = shixian.normalize("每月最后一个工作日", reference="2099-03-01")
    assert r.due is None
    assert r.to_dict()["due"] is None
    schedule = r.parts[0]
    assert isinstance(schedule, shixian.Schedule)
    try:
        schedule.next_due(dt.date(2099, 3, 1))
    except shixian.CalendarOutOfRange as exc:
        assert "2099" in str(exc)
    else:
        raise AssertionError("CalendarOutOfRange not raised")


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    st.integers(1, 120),
    st.sampled_from(["天", "日", "周", "个月", "年"]),
    st.sampled_from(["为期", "历时"]),
)
def test_a_length_after_a_start_is_the_window_that_long(
    start: dt.date, amount: int, unit: str, word: str
) -> None:
    """自<date>起,为期N<unit>: the window from the start day for N units (the last day is
    the day before the same day N units later)."""
    text = f"自{start.year}年{start.month}月{start.day}日起,{word}{amount}{unit}"
    if unit in ("天", "日"):
        last = start + dt.timedelta(days=amount - 1)
    elif unit == "周":
        last = start + dt.timedelta(weeks=amount) - dt.timedelta(days=1)
    else:
        months = amount * (12 if unit == "年" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year += start.year
        day = start.day
        while True:  # the same day N months later, or the month's last day
            try:
                later = dt.date(year, month + 1, day)
                break
            except ValueError:
                day -= 1
        last = later - dt.timedelta(days=1)
    assert _windows(text) == [(start, last)]
