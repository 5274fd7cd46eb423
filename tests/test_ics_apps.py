"""``shixian ics`` for the calendar apps people use: deadlines as all-day events with
reminders, descriptions from chosen columns, UIDs that survive an updated plan, and
files a strict RFC 5545 reader accepts (checked on the raw bytes by ``tests/rfc5545.py``)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shixian.cli import main
from shixian.io.ics import Entry, build_calendar
from shixian.model import Deadline, Normalized

from . import rfc5545
from .test_cli import EXAMPLES, REF

icalendar = pytest.importorskip("icalendar")
recurring_ical_events = pytest.importorskip("recurring_ical_events")


def _export(capsys: pytest.CaptureFixture[str], src: Path, out: Path, *extra: str) -> bytes:
    code = main(
        ["ics", str(src), "-c", "完成时限", "-r", REF, "-o", str(out), "--force", "-q", *extra]
    )
    assert code == 0, capsys.readouterr().err
    return out.read_bytes()


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize("example", ["guangdong_2016.csv", "shenzhen_2016.csv"])
@pytest.mark.parametrize("mode", ["events", "todos"])
def test_the_examples_pass_a_strict_reader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example: str, mode: str
) -> None:
    data = _export(
        capsys,
        EXAMPLES / example,
        tmp_path / "plan.ics",
        "-t", "工作任务", "-d", "具体要求", "-d", "牵头单位", "--deadlines", mode, "--undated",
    )  # fmt: skip
    assert rfc5545.problems(data) == []
    calendar = icalendar.Calendar.from_ical(data)
    components = [c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")]
    assert len(components) >= 60
    for component in components:
        description = str(component["DESCRIPTION"])
        assert description.splitlines()[0].startswith(("具体要求: ", "牵头单位: "))
        assert "时限: " in description
    # the whole plan expands in a calendar's view of 2016–2017
    expanded = recurring_ical_events.of(calendar).between(dt.date(2016, 1, 1), dt.date(2018, 1, 1))
    assert len(list(expanded)) >= len(calendar.walk("VEVENT"))


def test_guangdong_deadlines_are_events_on_their_days(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = EXAMPLES / "guangdong_2016.csv"
    data = _export(capsys, src, tmp_path / "plan.ics", "-t", "工作任务", "-d", "牵头单位")
    calendar = icalendar.Calendar.from_ical(data)
    events = recurring_ical_events.of(calendar).between(dt.date(2016, 4, 1), dt.date(2016, 5, 1))
    april = sorted(str(e["SUMMARY"]) for e in events if e["DTSTART"].dt == dt.date(2016, 4, 30))
    # the rows due 2016年4月底前: 做好“信用中国”网站的连接工作, 推进“互联网+政务服务”工作
    assert april == ["做好“信用中国”网站的连接工作", "推进“互联网+政务服务”工作"]
    (first,) = [
        e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "推进权力清单和责任清单公开"
    ]
    lead = "牵头单位: 省编办，各地级以上市、县（市、区）政府\n"
    assert str(first["DESCRIPTION"]).startswith(lead)


def test_reminders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    _write(src, [["工作任务", "完成时限"], ["公开目录", "2016年7月底前"]])
    data = _export(capsys, src, tmp_path / "a.ics", "--alarm", "3")
    (alarm,) = icalendar.Calendar.from_ical(data).walk("VALARM")
    # three days before the due day, at 09:00: 2 days 15 hours before its start
    assert alarm["TRIGGER"].dt == -dt.timedelta(days=2, hours=15)
    data = _export(capsys, src, tmp_path / "b.ics", "--no-alarm")
    assert icalendar.Calendar.from_ical(data).walk("VALARM") == []
    assert rfc5545.problems(data) == []


def _uids(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(c["SUMMARY"]): c for c in calendar.walk("VEVENT")}


def test_an_updated_plan_keeps_its_uids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "plan.csv"
    rows = [
        ["工作任务", "牵头单位", "完成时限"],
        ["公开目录", "省政府办公厅", "2016年7月底前"],
        ["公开预算", "省财政厅", "2016年12月底前"],
    ]
    _write(src, rows)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1_462_060_800))  # 2016-05-01T00:00Z
    before = _uids(_export(capsys, src, tmp_path / "v1.ics", "-t", "工作任务"))
    # the plan is revised: a row is inserted first and 公开目录 moves to August
    rows = [rows[0], ["公开规划", "省发展改革委", "2016年9月底前"], rows[1], rows[2]]
    rows[2] = ["公开目录", "省政府办公厅", "2016年8月底前"]
    _write(src, rows)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1_464_739_200))  # 2016-06-01T00:00Z
    after = _uids(_export(capsys, src, tmp_path / "v2.ics", "-t", "工作任务"))
    for task in ("公开目录", "公开预算"):
        assert str(after[task]["UID"]) == str(before[task]["UID"])
        assert int(after[task]["SEQUENCE"]) > int(before[task]["SEQUENCE"])
    assert after["公开目录"]["DTSTART"].dt == dt.date(2016, 8, 31)
    assert str(after["公开规划"]["UID"]) not in {str(c["UID"]) for c in before.values()}


def test_uid_column_and_repeated_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    _write(
        src,
        [
            ["序号", "工作任务", "完成时限"],
            ["1", "公开目录", "2016年7月底前"],
            ["1", "公开目录", "2016年7月底前"],  # the same row twice: still two events
        ],
    )
    data = _export(capsys, src, tmp_path / "a.ics", "--uid-column", "序号")
    assert rfc5545.problems(data) == []
    assert len({str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}) == 2
    renamed = tmp_path / "b.csv"
    _write(renamed, [["序号", "工作任务", "完成时限"], ["1", "公开全部目录", "2016年8月底前"]])
    again = _export(capsys, renamed, tmp_path / "a.ics", "--uid-column", "序号", "--name", "plan")
    first = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    # same calendar name, same 序号: the same event, though its title and day changed
    assert str(icalendar.Calendar.from_ical(again).walk("VEVENT")[0]["UID"]) == str(first["UID"])


_awkward = st.text(
    alphabet=st.sampled_from(list("，,;；\\\n\r\t:\"'“”年月日公开 abc\u3000😀")), max_size=200
)


@settings(max_examples=60)
@given(title=_awkward, detail=_awkward, name=_awkward)
def test_any_text_is_escaped_folded_and_read_back(title: str, detail: str, name: str) -> None:
    ref = dt.date(2016, 5, 1)
    part = Deadline(text="2016年7月底前", span=(0, 9), due=dt.date(2016, 7, 31))
    entry = Entry(
        key=title,
        title=title,
        phrase="2016年7月底前",
        result=Normalized("2016年7月底前", ref, (part,)),
        details=(("具体要求", detail),),
    )
    stamp = dt.datetime(2016, 5, 1, tzinfo=dt.timezone.utc)
    calendar, _ = build_calendar([entry], name=name or None, stamp=stamp)
    data = calendar.to_ical()
    assert rfc5545.problems(data) == []
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")

    def lines(text: str) -> str:  # iCalendar text has line feeds, no carriage returns
        return text.replace("\r\n", "\n").replace("\r", "\n")

    assert str(event["SUMMARY"]) == lines(title or "2016年7月底前")
    if detail.strip():
        assert str(event["DESCRIPTION"]).startswith(lines(f"具体要求: {detail}\n"))


# -- the validator finds what it looks for --------------------------------------------

_GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
    "UID:1@t\r\nDTSTAMP:20160501T000000Z\r\nDTSTART;VALUE=DATE:20160731\r\n"
    "DTEND;VALUE=DATE:20160801\r\nSUMMARY:a\\, b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_the_validator_accepts_a_good_file() -> None:
    assert rfc5545.problems(_GOOD.encode()) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda s: s.replace("\r\n", "\n"), "CRLF"),
        (lambda s: s.replace("SUMMARY:a\\, b", "SUMMARY:" + "长" * 30), "octets"),
        (lambda s: s.replace("SUMMARY:a\\, b", "SUMMARY:a, b"), "unescaped"),
        (lambda s: s.replace("SUMMARY:a\\, b", "SUMMARY:a\\x"), "escapes nothing"),
        (lambda s: s.replace("UID:1@t\r\n", ""), "one UID"),
        (lambda s: s.replace("DTSTAMP:20160501T000000Z\r\n", ""), "one DTSTAMP"),
        (lambda s: s.replace("DTSTAMP:20160501T000000Z", "DTSTAMP:20160501T000000"), "UTC"),
        (lambda s: s.replace("PRODID:-//t//t//EN\r\n", ""), "one PRODID"),
        (lambda s: s.replace("VERSION:2.0", "VERSION:1.0"), "VERSION must be 2.0"),
        (lambda s: s.replace("20160801", "20160731"), "not after DTSTART"),
        (lambda s: s.replace("END:VEVENT\r\n", ""), "does not close"),
        (lambda s: s.replace("SUMMARY", "SUM MARY"), "not a content line"),
    ],
)
def test_the_validator_finds_each_broken_rule(change: Any, problem: str) -> None:
    found = rfc5545.problems(change(_GOOD).encode())
    assert any(problem in p for p in found), found


def test_the_validator_finds_a_character_split_by_folding() -> None:
    encoded = "SUMMARY:公开".encode()
    folded = encoded[:9] + b"\r\n " + encoded[9:]  # inside the three octets of 公
    data = _GOOD.encode().replace(b"SUMMARY:a\\, b", folded)
    assert any("split by folding" in p for p in rfc5545.problems(data))
