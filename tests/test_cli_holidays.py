"""``shixian holidays`` and ``--holidays FILE``, end to end; outputs read back with real readers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from shixian.calendar.notices import NOTICE_DIR
from shixian.calendar.offsets import current_calendar
from shixian.calendar.workdays import OFFICIAL
from shixian.cli import main
from shixian.cli.holidays import holidays_calendar

D = dt.date
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_holidays_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holidays", str(NOTICE_DIR / "2026.txt"))
    assert code == 0
    data = json.loads(out)
    assert data["years"] == [2026]
    assert "2026-02-23" in data["holidays"] and "2026-02-28" in data["workdays"]
    assert data["festivals"][0]["name"] == "元旦"
    assert data["festivals"][0]["days_off"] == ["2026-01-01", "2026-01-02", "2026-01-03"]


def test_holidays_ics_read_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "2019.ics"
    files = [str(NOTICE_DIR / "2019.txt"), str(NOTICE_DIR / "2019-supplement-劳动节.txt")]
    code, _, err = run(capsys, "holidays", *files, "-o", str(out))
    assert code == 0 and "written to" in err
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = {
        (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"))
        for e in calendar.walk("VEVENT")
    }
    # the 劳动节 change: 5月1日至4日 off (DTEND exclusive), 4月28日 and 5月5日 上班
    assert ("劳动节 放假", D(2019, 5, 1), D(2019, 5, 5)) in events
    assert ("劳动节 调休上班", D(2019, 4, 28), D(2019, 4, 29)) in events
    assert ("劳动节 调休上班", D(2019, 5, 5), D(2019, 5, 6)) in events
    # 元旦 of 2019 starts in 2018
    assert ("元旦 放假", D(2018, 12, 30), D(2019, 1, 2)) in events
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_holidays_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holidays", str(NOTICE_DIR / "2017.txt"), "-f", "text")
    assert code == 0
    assert out.splitlines()[0] == "2017\t元旦\t放假 2017-01-01, 2017-01-02\t上班 -"


def test_json_written_then_read_by_holidays_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2026.json"
    assert run(capsys, "holidays", str(NOTICE_DIR / "2026.txt"), "-o", str(out))[0] == 0
    code, printed, _ = run(capsys, "normalize", "--holidays", str(out), "2016年7月底前")
    assert code == 0 and "2016-07-31" in printed


def test_bad_notice_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "2026.txt"
    bad.write_text("# year: 2026\n一、元旦:1月1日(周四)至3日(周五)放假调休,共3天。\n", "utf-8")
    for argv in (
        ["holidays", str(bad)],
        ["normalize", "--holidays", str(bad), "2016年7月底前"],
        [
            "table",
            str(EXAMPLES / "guangdong_2016.csv"),
            "--column",
            "完成时限",
            "--holidays",
            str(bad),
        ],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("shixian: error: holiday notice ")
        assert "line 2" in lines[0] and "2026-01-03 is a 星期六" in lines[0]


def test_missing_notice_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "holidays", str(tmp_path / "none.txt"))
    assert code == 2 and "cannot read the file" in err


def test_holidays_option_sets_the_calendar_for_the_run() -> None:
    args = argparse.Namespace(holidays=[str(NOTICE_DIR / "2020.txt")])
    with holidays_calendar(args):
        calendar = current_calendar()
        assert calendar is not OFFICIAL
        assert 2020 in calendar.years
        # the 2020 notice alone: 春节 1月24日至30日, 2月1日 (Saturday) 上班
        assert calendar.is_workday(D(2020, 2, 1))
    assert current_calendar() is OFFICIAL
    with holidays_calendar(argparse.Namespace(holidays=[])):
        assert current_calendar() is OFFICIAL


def test_table_and_ics_accept_holidays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = str(NOTICE_DIR / "2016.txt")
    table = str(EXAMPLES / "guangdong_2016.csv")
    code, out, _ = run(
        capsys, "table", table, "--column", "完成时限", "-r", "2016-05-01", "--holidays", notice
    )
    assert code == 0 and out
    pytest.importorskip("icalendar")
    code, _, _ = run(
        capsys,
        "ics",
        table,
        "--column",
        "完成时限",
        "-r",
        "2016-05-01",
        "--holidays",
        notice,
        "-o",
        str(tmp_path / "plan.ics"),
    )
    assert code == 0 and (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
