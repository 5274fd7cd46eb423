"""The edges of the calendar (years 1 and 9999), extraction that never loses the
other matches, the reference (a year as a string, the time zone of "today") and
the command line's one-line errors for unreadable input.

Expected dates are worked out by hand in the comments.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian import (
    CalendarOutOfRange,
    Normalized,
    Schedule,
    ShixianError,
    WorkdayCalendar,
    extract,
    normalize,
)
from shixian.api import parse_reference
from shixian.cli import main
from shixian.errors import DateOutOfRange, InvalidDate, NotComputable, UnknownTimeZone

D = dt.date
FIRST_YEAR = [D(1, 1, 1), D(1, 3, 15), D(1, 12, 31)]
LAST_YEAR = [D(9999, 1, 1), D(9998, 12, 31), D(9999, 6, 30), D(9999, 12, 25), D(9999, 12, 31)]


# -- schedules at the edges: an open value (no next occurrence), never a crash ---------


def test_every_two_years_from_9999_has_no_next_due() -> None:
    r = normalize("9999年每两年", 2016)
    # the first two-year cycle from 9999 ends in 10000: no occurrence on the calendar
    assert r.due is None
    assert r.to_dict()["due"] is None
    assert Normalized.from_dict(r.to_dict()) == r
    (part,) = r.parts
    assert isinstance(part, Schedule)
    assert part.next_due(D(9999, 1, 1)) is None
    assert list(part.occurrences(D(9999, 1, 1), D(9999, 12, 31))) == []
    with pytest.raises(NotComputable):
        part.to_rrule()


def test_every_nine_months_in_year_one() -> None:
    r = normalize("每9月", "0001-01-01")
    # 9-month cycles count from January of year 0: Jan–Sep 0, Oct 0–Jun 1, Jul 1–Mar 2.
    # The second cycle begins before 0001-01-01, so the first one on the calendar is
    # Jul 1–Mar 2, due 0002-03-31.
    assert r.due == D(2, 3, 31)
    (part,) = r.parts
    assert isinstance(part, Schedule)
    (first,) = part.occurrences(D(1, 1, 1), D(2, 12, 1))
    assert (first.start, first.due) == (D(1, 7, 1), D(2, 3, 31))


def test_weekly_at_the_end_of_the_calendar() -> None:
    # 9999-12-31 is a Friday; the week's Sunday would be 10000-01-02
    assert D(9999, 12, 31).weekday() == 4
    assert normalize("每周", "9999-12-31").due is None
    assert normalize("每周五", "9999-12-31").due == D(9999, 12, 31)


_UNITS = ["年", "半年", "季度", "个月", "月", "旬", "周", "天"]


@st.composite
def _edge_phrases(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from(_UNITS))
    n = draw(st.sampled_from(["", "两", "3", "9", "十二"]))
    year = draw(
        st.sampled_from(["", "1年", "0001年", "9998年", "9999年", "9999年至", "自9999年起"])
    )
    tail = draw(st.sampled_from(["", "10日前", "底前", "首月", "一次"]))
    return f"{year}每{n}{unit}{tail}"


@settings(max_examples=300, deadline=None)
@given(_edge_phrases(), st.sampled_from(FIRST_YEAR + LAST_YEAR))
def test_dates_at_the_edges_are_values_or_documented_errors(text: str, ref: dt.date) -> None:
    try:
        r = normalize(text, ref)
    except ShixianError:
        return
    due = r.due  # never raises: a value or None
    assert due is None or isinstance(due, dt.date)
    data = r.to_dict()
    assert Normalized.from_dict(data) == r
    for part in r.parts:
        if isinstance(part, Schedule) and part.computable:
            nxt = part.next_due(ref)
            assert nxt is None or nxt >= ref
            for occurrence in part.occurrences(D(1, 1, 1), D(9999, 12, 31)):
                assert occurrence.start <= occurrence.due
                break
            with contextlib.suppress(NotComputable):
                part.to_rrule(ref)


def test_resolve_past_9999_is_a_documented_error() -> None:
    rel = normalize("收到后3日内", 2016).parts[0]
    with pytest.raises(DateOutOfRange, match="outside the calendar"):
        rel.resolve(D(9999, 12, 30))  # type: ignore[attr-defined]
    hours = normalize("24小时内", 2016).parts[0]
    with pytest.raises(DateOutOfRange):
        hours.resolve(dt.datetime(9999, 12, 31, 12))  # type: ignore[attr-defined]
    months = normalize("收到后2个月内", 2016).parts[0]
    with pytest.raises(DateOutOfRange):
        months.resolve(D(9999, 11, 30))  # type: ignore[attr-defined]
    workdays = normalize("收到后3个工作日内", 2016).parts[0]
    anyday = WorkdayCalendar(weekends_only=True)
    with pytest.raises(DateOutOfRange):
        workdays.resolve(D(9999, 12, 30), calendar=anyday)  # type: ignore[attr-defined]
    # a DateOutOfRange is a NotComputable, and a ShixianError
    assert issubclass(DateOutOfRange, NotComputable)


def test_phrases_that_leave_the_calendar_are_invalid_dates() -> None:
    # 上半年 of the year before year 1
    with pytest.raises(InvalidDate, match="outside the calendar"):
        normalize("上半年前", "0001-01-01")


# -- extract never loses the other matches --------------------------------------------


def test_extract_keeps_the_matches_around_a_failure() -> None:
    matches = extract("2016年7月底前。上半年前", "0001-01-01")
    assert [m.text for m in matches] == ["2016年7月底前"]
    assert matches[0].result.due == D(2016, 7, 31)
    (failure,) = matches.failures
    assert (failure.start, failure.end, failure.text) == (10, 14, "上半年前")
    assert failure.error_type == "InvalidDate"
    assert "outside the calendar" in failure.error


def test_extract_reports_impossible_dates() -> None:
    matches = extract("2016年2月30日前完成,2016年7月底前报送。", 2016)
    assert [m.text for m in matches] == ["2016年7月底前"]
    assert [f.text for f in matches.failures] == ["2016年2月30日前"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "2016年7月底前",
                "上半年前",
                "去年底",
                "每9月",
                "9999年每两年",
                "明年",
                "2016年2月30日",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(FIRST_YEAR + LAST_YEAR),
)
def test_extract_never_raises_at_the_edges(phrases: list[str], ref: dt.date) -> None:
    text = "。".join(phrases)
    matches = extract(text, ref)
    spans = sorted(
        [(m.start, m.end) for m in matches] + [(f.start, f.end) for f in matches.failures]
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start  # matches and failures do not overlap
    for m in matches:
        m.to_dict()  # every match's result computes
    # every phrase is either matched or reported: 2016年7月底前 always matches
    assert sum(m.text == "2016年7月底前" for m in matches) == phrases.count("2016年7月底前")


def test_cli_extract_reports_a_failure_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("2016年7月底前。上半年前。2017年底前", encoding="utf-8")
    assert main(["extract", "-r", "0001-01-01", str(doc)]) == 0
    out, err = capsys.readouterr()
    assert [line.count('"kind"') > 0 for line in out.splitlines()] == [True, True]
    assert "2017年底前" in out
    assert err.count("\n") == 1 and "上半年前" in err and "Traceback" not in err


def test_cli_table_reports_edge_rows_without_internal_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "t.csv"
    table.write_text("序号,完成时限\n1,9999年每两年\n2,每9月\n3,上半年前\n", encoding="utf-8")
    out_file = tmp_path / "out.csv"
    assert main(["table", str(table), "-r", "0001-01-01", "-o", str(out_file), "-q"]) == 0
    rows = out_file.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 4
    assert "internal error" not in out_file.read_text(encoding="utf-8")
    assert "outside the calendar" in rows[3]
    assert "Traceback" not in capsys.readouterr().err


# -- the reference -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2016", " 2016 ", 2016, "2016-01-01"])
def test_a_year_as_a_string_is_a_reference(value: object) -> None:
    assert parse_reference(value) == D(2016, 1, 1)
    assert normalize("7月底前", value).due == D(2016, 7, 31)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["0", "10000", "-1", "2016.5", "", "0000"])
def test_bad_year_strings_are_refused(value: str) -> None:
    with pytest.raises(shixian.InvalidReference):
        parse_reference(value)


def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock at 2016-06-30 16:30 UTC: 2016-07-01 00:30 in Beijing."""
    instant = dt.datetime(2016, 6, 30, 16, 30, tzinfo=dt.timezone.utc)

    def now(zone: dt.tzinfo | None) -> dt.datetime:
        return instant.astimezone(zone) if zone is not None else instant.replace(tzinfo=None)

    monkeypatch.setattr("shixian.model.reference._now", now)


def test_today_in_a_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    _fixed_clock(monkeypatch)
    assert parse_reference(None, tz="Asia/Shanghai") == D(2016, 7, 1)
    assert parse_reference(None, tz="UTC") == D(2016, 6, 30)
    assert parse_reference(None, tz=dt.timezone(dt.timedelta(hours=8))) == D(2016, 7, 1)
    assert normalize("本月底前", tz="Asia/Shanghai", cache=False).due == D(2016, 7, 31)
    assert normalize("本月底前", tz="UTC", cache=False).due == D(2016, 6, 30)
    # an aware datetime is converted to the zone before its date is taken
    assert parse_reference(
        dt.datetime(2016, 6, 30, 16, 30, tzinfo=dt.timezone.utc), tz="Asia/Shanghai"
    ) == D(2016, 7, 1)
    with pytest.raises(UnknownTimeZone, match="Mars/Olympus"):
        parse_reference(None, tz="Mars/Olympus")
    with pytest.raises(UnknownTimeZone):
        parse_reference(None, tz=8)  # type: ignore[arg-type]


def test_cli_tz(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _fixed_clock(monkeypatch)
    assert main(["normalize", "--json", "--tz", "Asia/Shanghai", "本月底前"]) == 0
    assert '"due": "2016-07-31"' in capsys.readouterr().out
    assert main(["normalize", "--tz", "Nowhere/City", "本月底前"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown time zone" in err


# -- CalendarOutOfRange's advice works -------------------------------------------------


def test_calendar_out_of_range_advice_is_true() -> None:
    """Follow the error's advice (the notices issue words it) and the count works."""
    import warnings

    from shixian.errors import ProvisionalCalendarWarning

    rel = normalize("收到后3个工作日内", 2016).parts[0]
    event = D(2100, 6, 28)  # a Monday, far past the official data
    with pytest.raises(CalendarOutOfRange) as info:
        rel.resolve(event)  # type: ignore[attr-defined]
    message = str(info.value)
    assert "WorkdayCalendar(provisional_years={2100})" in message
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        cal = WorkdayCalendar(provisional_years={2100})
        # Monday–Friday: 06-29 (Tue), 06-30 (Wed), 07-01 (Thu)
        assert rel.resolve(event, calendar=cal) == D(2100, 7, 1)  # type: ignore[attr-defined]
    # the caller's own days of that year, for the whole year (years=)
    cal = WorkdayCalendar(holidays={D(2100, 6, 30)}, years={2100})
    # 06-29 (Tue) 1, 06-30 off, 07-01 (Thu) 2, 07-02 (Fri) 3
    assert rel.resolve(event, calendar=cal) == D(2100, 7, 2)  # type: ignore[attr-defined]


# -- the command line: one clear line, a documented exit status ------------------------


def test_cli_non_text_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("2016年7月底前", encoding="utf-8")
    for command in (["extract", str(doc)], ["table", str(doc), "-c", "x"]):
        assert main([*command, "--encoding", "rot13"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "rot13" in err and "not a text encoding" in err


def _run_cli(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict", LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "shixian", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_invalid_utf8_on_stdin_is_one_line() -> None:
    done = _run_cli(["normalize", "-r", "2016"], b"2016\xe5\xb9\xb4\n\xff\xfe2016\n")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "Traceback" not in err and err.count("\n") == 1
    assert "line 2 is not UTF-8" in err
    # the valid line before it was normalized
    assert done.stdout.decode().startswith("2016年")


def test_cli_internal_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr("shixian.api.normalize", boom)
    monkeypatch.delenv("SHIXIAN_DEBUG", raising=False)
    assert main(["normalize", "--json", "x"]) == 0  # a phrase's own failure is its line
    capsys.readouterr()
    monkeypatch.setattr("shixian.cli._cmd_normalize", boom)
    parser_main = main(["normalize", "x"])
    err = capsys.readouterr().err
    assert parser_main == 3
    assert err.count("\n") == 1 and "internal error: RuntimeError: a bug" in err


# -- misreadings found by the fuzzer: an error or the right reading ---------------------


@pytest.mark.parametrize(
    "text",
    ["收到后-3个工作日内", "收到申请后－5日内答复", "每周星期八", "每礼拜九公开", "2016年第53周"],
)
def test_misreadings_are_refused(text: str) -> None:
    with pytest.raises(InvalidDate):
        normalize(text, 2016)


def test_minus_is_still_a_range_or_a_date() -> None:
    assert normalize("收到后3个工作日内", 2016).parts[0].offset.amount == 3  # type: ignore[attr-defined]
    assert normalize("2016-07-31", 2016).due == D(2016, 7, 31)
    assert normalize("每周八小时", 2016).kind == "compound"  # 每周 + 8 hours, not a weekday


def test_weeks_of_a_year_are_iso_weeks() -> None:
    # ISO 8601: week 1 of 2016 holds its first Thursday (Jan 7): Mon Jan 4 – Sun Jan 10;
    # week 10 starts 63 days later, Mon Mar 7. 2015 has 53 weeks (it began on a Thursday).
    w = normalize("2016年第10周", 2016).parts[0]
    assert (w.start, w.end) == (D(2016, 3, 7), D(2016, 3, 13))  # type: ignore[attr-defined]
    w = normalize("2015年第53周", 2016).parts[0]
    assert (w.start, w.end) == (D(2015, 12, 28), D(2016, 1, 3))  # type: ignore[attr-defined]


def test_before_an_event_is_not_read_as_after() -> None:
    """会议召开前3天 counts back from the event (the duties issue reads it): never 3 days after."""
    try:
        result = normalize("会议召开前3天", 2016)
    except ShixianError:
        return
    for part in result.parts:
        if isinstance(part, shixian.Relative):
            direction = getattr(part, "direction", None)
            assert getattr(direction, "value", direction) == "before"
