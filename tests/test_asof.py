"""``shixian table --as-of DATE``: the ``overdue`` and ``due_in_days`` columns, only when asked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shixian
from shixian.cli import main
from shixian.cli.asof import as_of_values

from .test_cli import REF, write_csv

ROWS = [
    ["序号", "完成时限"],
    ["1", "2016年7月底前"],
    ["2", "每季度"],
    ["3", ""],
    ["4", "收到国家税收政策文件后及时转发"],
    ["5", "全年工作"],
]


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    src = tmp_path / "plan.csv"
    write_csv(src, ROWS)
    assert main(["table", str(src), "-r", REF, "-q", "--no-preview", *extra]) == 0
    return capsys.readouterr().out


def _by_id(text: str) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {row["序号"]: row for row in rows}


def test_as_of_adds_two_columns_at_the_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(tmp_path, capsys, "--as-of", "2016-09-01")
    header = next(csv.reader(io.StringIO(out)))
    assert header[-2:] == ["overdue", "due_in_days"]
    rows = _by_id(out)
    # 2016-07-31 is 32 days before 2016-09-01 (31 days of August, and the 1st)
    assert (rows["1"]["overdue"], rows["1"]["due_in_days"]) == ("true", "-32")
    # every quarter: the next quarter end on or after 2016-09-01 is 2016-09-30, 29 days on
    assert (rows["2"]["overdue"], rows["2"]["due_in_days"]) == ("false", "29")
    assert (rows["3"]["overdue"], rows["3"]["due_in_days"]) == ("", "")  # empty cell
    assert (rows["4"]["overdue"], rows["4"]["due_in_days"]) == ("", "")  # after an event
    # 全年工作 in 2016: due 2016-12-31, 121 days after 2016-09-01 (30+31+30+31 - 1)
    assert (rows["5"]["overdue"], rows["5"]["due_in_days"]) == ("false", "121")


def test_without_as_of_the_table_is_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _run(tmp_path, capsys)
    dated = _run(tmp_path, capsys, "--as-of", "2016年9月1日")
    assert "overdue" not in plain.splitlines()[0]
    # the same cells, and two more at the end of each line
    for a, b in zip(csv.reader(io.StringIO(plain)), csv.reader(io.StringIO(dated)), strict=True):
        assert b[:-2] == a


def test_as_of_in_json_lines_is_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(tmp_path, capsys, "--as-of", "2016/09/01", "-f", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["overdue"], r["due_in_days"]) for r in records] == [
        (True, -32),
        (False, 29),
        (None, None),
        (None, None),
        (False, 121),
    ]


def test_as_of_in_xlsx_is_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "plan.xlsx"
    _run(tmp_path, capsys, "--as-of", "2016-09-01", "-o", str(out))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("overdue", "due_in_days")
    assert rows[1][-2:] == (True, -32)


@given(
    due=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    as_of=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
)
def test_a_deadline_is_overdue_exactly_when_its_day_is_past(due: dt.date, as_of: dt.date) -> None:
    part = shixian.Deadline(text="x", span=(0, 1), due=due)
    result = shixian.Normalized("x", dt.date(2016, 5, 1), (part,))
    overdue, days = as_of_values(result, as_of)
    assert days == (due - as_of).days
    assert overdue is (due < as_of)


@given(as_of=st.dates(dt.date(2001, 1, 1), dt.date(2030, 12, 31)))
def test_a_schedule_is_never_overdue(as_of: dt.date) -> None:
    result = shixian.normalize("每月", reference="2016-05-01")
    overdue, days = as_of_values(result, as_of)
    assert overdue is False and days is not None and 0 <= days <= 30
