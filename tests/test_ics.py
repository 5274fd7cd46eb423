"""``shixian ics``: iCalendar export, read back with icalendar and recurring_ical_events."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from shixian.cli import main
from shixian.io.ics import Entry, build_calendar, rrule_lines
from shixian.model import Deadline, Normalized, Pending, Schedule, Window

from . import rfc5545

icalendar = pytest.importorskip("icalendar")
recurring_ical_events = pytest.importorskip("recurring_ical_events")

REF = "2016-05-01"
ROWS = [
    ["工作任务", "完成时限"],
    ["公开旅游投诉情况", "每季度"],
    ["公开权责清单", "2016年12月底前完成"],
    ["公开行政处罚信息", "全年工作"],
    ["批复部门决算", "在市人大通过市级政府决算后20日内"],
    ["无法识别", "加强省长网上信箱留言受理与回应"],
]


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[Any, str, bytes]:
    src = tmp_path / "plan.csv"
    _write(src, ROWS)
    out = tmp_path / "plan.ics"
    argv = ["ics", str(src), "--column", "完成时限", "--title-column", "工作任务"]
    code = main([*argv, "--reference", REF, "-o", str(out), "--force", *extra])
    _, err = capsys.readouterr()
    assert code == 0, err
    data = out.read_bytes()
    return icalendar.Calendar.from_ical(data), err, data


def _by_summary(calendar: Any, name: str) -> list[Any]:
    return [c for c in calendar.walk(name)]


def test_calendar_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calendar, _, data = _export(tmp_path, capsys)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//shixian//shixian ")
    assert str(calendar["X-WR-CALNAME"]) == "plan"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded lines


def test_deadline_is_an_all_day_event_with_a_reminder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar, _, _ = _export(tmp_path, capsys)
    assert not calendar.walk("VTODO")
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "公开权责清单"]
    # 2016年12月底前完成: the event is the day 2016-12-31, DTEND the exclusive next day
    assert event["DTSTART"].dt == dt.date(2016, 12, 31)
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event["DTEND"].dt == dt.date(2017, 1, 1)
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    # one day before, at 09:00: 15 hours before the start of the due day
    assert alarm["TRIGGER"].dt == -dt.timedelta(hours=15)
    assert "公开权责清单" in str(alarm["DESCRIPTION"])


def test_deadlines_as_todos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calendar, _, _ = _export(tmp_path, capsys, "--deadlines", "todos")
    todos = _by_summary(calendar, "VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == ["公开权责清单"]
    due = todos[0]["DUE"]
    assert due.dt == dt.date(2016, 12, 31)
    assert not isinstance(due.dt, dt.datetime)
    assert due.params.get("VALUE") == "DATE"
    assert "2016年12月底前完成" in str(todos[0]["DESCRIPTION"])


def test_quarterly_schedule_gives_four_events_on_quarter_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar, _, _ = _export(tmp_path, capsys)
    events = recurring_ical_events.of(calendar).between(dt.date(2016, 1, 1), dt.date(2017, 1, 1))
    quarterly = sorted(e["DTSTART"].dt for e in events if str(e["SUMMARY"]) == "公开旅游投诉情况")
    assert quarterly == [
        dt.date(2016, 3, 31),
        dt.date(2016, 6, 30),
        dt.date(2016, 9, 30),
        dt.date(2016, 12, 31),
    ]
    (master,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "公开旅游投诉情况"]
    assert "RRULE" in master
    assert master["DTSTART"].params.get("VALUE") == "DATE"


def test_window_is_an_all_day_event_with_exclusive_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar, _, _ = _export(tmp_path, capsys)
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "公开行政处罚信息"]
    assert event["DTSTART"].dt == dt.date(2016, 1, 1)
    assert event["DTEND"].dt == dt.date(2017, 1, 1)  # 12-31 inclusive → exclusive end
    assert "RRULE" not in event


def test_parts_without_dates_are_skipped_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar, err, _ = _export(tmp_path, capsys)
    summaries = {str(c["SUMMARY"]) for c in calendar.walk() if "SUMMARY" in c}
    assert "批复部门决算" not in summaries
    assert "无法识别" not in summaries
    line = err.strip().splitlines()[-1]
    assert line.startswith("shixian: 5 rows, 4 normalized, 1 errors, ")
    assert line.endswith("3 events, 0 to-dos, 1 parts without dates")


def test_undated_parts_become_todos_without_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar, err, _ = _export(tmp_path, capsys, "--undated")
    (todo,) = [t for t in calendar.walk("VTODO") if str(t["SUMMARY"]) == "批复部门决算"]
    assert "DUE" not in todo
    assert "20日内" in str(todo["DESCRIPTION"])
    assert err.strip().endswith("3 events, 1 to-dos, 0 parts without dates")


def test_uids_are_unique_and_stable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, _, _ = _export(tmp_path, capsys)
    second, _, _ = _export(tmp_path, capsys)
    uids = [str(c["UID"]) for c in first.walk() if "UID" in c]
    assert len(uids) == len(set(uids)) == 3
    assert uids == [str(c["UID"]) for c in second.walk() if "UID" in c]
    assert all("DTSTAMP" in c for c in first.walk() if "UID" in c)


def test_ics_to_stdout_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "plan.csv"
    _write(src, ROWS)
    code = main(["ics", str(src), "-c", "完成时限", "-r", REF, "-q"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR")
    assert err == ""
    code = main(["ics", str(src), "-c", "完成时限", "--title-column", "标题", "-r", REF])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("shixian: error: no column '标题'")
    code = main(["ics", str(src), "-c", "完成时限", "-r", REF, "--strict", "-q"])
    capsys.readouterr()
    assert code == 1  # one row failed


# -- the builder, on hand-made results ---------------------------------------


def test_rrule_lines() -> None:
    start, rule, extra = rrule_lines(
        "DTSTART;VALUE=DATE:20160331\nRRULE:FREQ=MONTHLY;INTERVAL=3\nEXDATE;VALUE=DATE:20160630"
    )
    assert (start, rule) == (dt.date(2016, 3, 31), "FREQ=MONTHLY;INTERVAL=3")
    assert extra == [("exdate", [dt.date(2016, 6, 30)])]
    with pytest.raises(ValueError, match="not a DTSTART and RRULE"):
        rrule_lines("RRULE:FREQ=DAILY")


def test_build_calendar_from_parts() -> None:
    ref = dt.date(2016, 5, 1)
    result = Normalized(
        "2016年7月前完成，每月报送",
        ref,
        [
            Deadline(
                text="2016年7月前",
                span=(0, 7),
                due=dt.date(2016, 7, 31),
                ambiguous=True,
                alternatives=[dt.date(2016, 6, 30)],
            ),
            Schedule(text="每月", span=(10, 12), every="month", start=dt.date(2016, 5, 1)),
            Window(text="上半年", span=(0, 3), start=dt.date(2016, 1, 1), end=dt.date(2016, 6, 30)),
            Pending(text="待定", span=(0, 2)),
        ],
    )
    stamp = dt.datetime(2016, 7, 1, tzinfo=dt.timezone.utc)
    calendar, stats = build_calendar(
        [Entry(key="1", title="", phrase=result.text, result=result)],
        stamp=stamp,
        deadlines="todos",
    )
    assert (stats.events, stats.todos, stats.skipped) == (2, 1, 1)
    (todo,) = calendar.walk("VTODO")
    # no title: the phrase, and the part's own words as the phrase has several parts
    assert str(todo["SUMMARY"]) == "2016年7月前完成，每月报送 (2016年7月前)"
    assert "2016-06-30" in str(todo["DESCRIPTION"])  # the other reading
    assert todo["DTSTAMP"].dt == stamp
    monthly = [e for e in calendar.walk("VEVENT") if "RRULE" in e]
    assert len(monthly) == 1
    uid = str(monthly[0]["UID"])
    days = recurring_ical_events.of(calendar).between(dt.date(2016, 5, 1), dt.date(2016, 9, 1))
    dues = sorted(e["DTSTART"].dt for e in days if str(e["UID"]) == uid)
    assert dues == [
        dt.date(2016, 5, 31),
        dt.date(2016, 6, 30),
        dt.date(2016, 7, 31),
        dt.date(2016, 8, 31),
    ]


def test_missing_icalendar_names_the_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)  # import icalendar → ImportError
    src = tmp_path / "plan.csv"
    _write(src, ROWS)
    code = main(["ics", str(src), "-c", "完成时限", "-r", REF, "-o", str(tmp_path / "x.ics")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (
        "shixian: error: writing .ics needs the optional package 'icalendar': "
        "pip install icalendar (or install shixian with the extra: pip install '.[ics]' "
        "in its source folder)"
    )


def test_a_part_that_cannot_be_exported_is_counted_not_fatal() -> None:
    ref = dt.date(2016, 5, 1)
    # a working-day position: RFC 5545 cannot state it (no RRULE)
    workday = Schedule(text="每月第一个工作日", span=(0, 8), every="month", workday=1)
    good = Deadline(text="2016年7月底前", span=(0, 9), due=dt.date(2016, 7, 31))
    entries = [
        Entry(key="1", title="a", phrase="…", result=Normalized("…", ref, [workday])),
        Entry(key="2", title="b", phrase="2016年7月底前", result=Normalized("x", ref, [good])),
    ]
    calendar, stats = build_calendar(entries)
    assert (stats.events, stats.todos, stats.failed) == (1, 0, 1)
    assert str(stats).endswith(", 1 parts failed")
    assert [str(t["SUMMARY"]) for t in calendar.walk("VEVENT")] == ["b"]


def test_the_last_days_of_the_calendar_are_written_with_a_duration() -> None:
    # found by the fuzz harness: DTEND (the day after) of an all-day event on 9999-12-31
    # does not exist; RFC 5545 allows DURATION instead
    ref = dt.date(2016, 5, 1)
    last = Window(text="…", span=(0, 1), start=dt.date(9999, 12, 1), end=dt.date(9999, 12, 31))
    due = Deadline(text="…", span=(0, 1), due=dt.date(9999, 12, 31))
    entries = [
        Entry(key="1", title="a", phrase="…", result=Normalized("…", ref, [last])),
        Entry(key="2", title="b", phrase="…", result=Normalized("…", ref, [due])),
    ]
    calendar, stats = build_calendar(
        entries, stamp=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    )
    assert (stats.events, stats.failed) == (2, 0)
    data = calendar.to_ical()
    assert rfc5545.problems(data) == []
    assert b"DURATION:P31D" in data and b"DURATION:P1D" in data and b"DTEND" not in data
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [(e["DTSTART"].dt, e["DURATION"].dt.days) for e in events] == [
        (dt.date(9999, 12, 1), 31),
        (dt.date(9999, 12, 31), 1),
    ]


def test_dates_before_year_1000_have_eight_digits() -> None:
    # found by the fuzz harness: strftime("%Y") gives "1" for year 1 on glibc, so
    # DTSTART read "10331" and the export failed
    s = Schedule(text="每季度", span=(0, 3), every="quarter", until=dt.date(2, 12, 31))
    assert s.to_rrule(dt.date(1, 1, 1)) == (
        "DTSTART;VALUE=DATE:00010331\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1;"
        "UNTIL=00021231"
    )
    entry = Entry(
        key="1", title="q", phrase="每季度", result=Normalized("每季度", dt.date(1, 5, 1), [s])
    )
    calendar, stats = build_calendar(
        [entry], stamp=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    )
    assert (stats.events, stats.failed) == (1, 0)
    data = calendar.to_ical()
    assert rfc5545.problems(data) == []
    assert b"DTSTART;VALUE=DATE:00010331" in data


def test_control_characters_and_surrogates_never_reach_the_file() -> None:
    # found by the fuzz harness: a NUL in a title gave a SUMMARY no reader accepts
    ref = dt.date(2016, 5, 1)
    good = Deadline(text="2016年7月底前", span=(0, 9), due=dt.date(2016, 7, 31))
    entry = Entry(
        key="1",
        title="a\x00b\x1bc\ud800d",
        phrase="2016年7月底前",
        result=Normalized("x", ref, [good]),
    )
    calendar, _ = build_calendar([entry], stamp=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    data = calendar.to_ical()
    assert rfc5545.problems(data) == []
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "a\ufffdb\ufffdc\ufffdd"
