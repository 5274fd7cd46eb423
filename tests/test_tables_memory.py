"""The in-memory table reader (``read_table``: ``shixian ics``, ``timeline``, ``table
--as-of``, the preview) reads a file as the streamed ``shixian table`` does: a line
that is not in the file's encoding is decoded on its own and its row flagged, and a
quote that is never closed fails naming the line where it opened. Real files, read
back with the libraries that read them."""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shixian.cli import main
from shixian.io.annotate import ADDED_COLUMNS
from shixian.io.tables import TableError, read_table

from .test_stream import _garbage, _in_memory, _streamed

REF = "2016-05-01"
ERROR = ADDED_COLUMNS.index("error")
GBK_FLAG = "input: not UTF-8: read as GB18030"


def _gbk_file(path: Path) -> Path:
    head = "序号,完成时限,备注\r\n1,每季度,甲\r\n".encode()
    gbk = "2,2016年7月底前,国标乙\r\n".encode("gbk")
    tail = "3,全年工作,丙\r\n".encode()
    path.write_bytes(head + gbk + tail)
    return path


def _open_quote_file(path: Path) -> Path:
    path.write_text(
        '序号,完成时限\n1,每季度\n2,"全年工作\n3,每季度\n4,全年工作\n', encoding="utf-8"
    )
    return path


def test_read_table_decodes_a_gbk_line_on_its_own_and_flags_its_row(tmp_path: Path) -> None:
    table = read_table(_gbk_file(tmp_path / "t.csv"))
    assert table.rows == [
        ["1", "每季度", "甲"],
        ["2", "2016年7月底前", "国标乙"],
        ["3", "全年工作", "丙"],
    ]
    assert table.encoding == "utf-8"
    assert table.notes == {1: (3, "not UTF-8: read as GB18030")}  # row 2 is the file's line 3


def test_read_table_refuses_a_quote_never_closed_naming_its_line(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="line 3: a quote opens a cell here and is never closed"):
        read_table(_open_quote_file(tmp_path / "t.csv"))


def test_undecodable_bytes_are_kept_and_written_back(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(
        "序号,完成时限,x\n".encode() + b"1,\xff\xfe\x80,y\n2,\xe5\x85\xa8\xe5\xb9\xb4,z\n"
    )
    table = read_table(path)
    assert table.notes == {0: (2, "not UTF-8: undecodable bytes kept as they are")}
    assert [r[1] for r in table.rows] == [
        b"\xff\xfe\x80".decode("utf-8", "surrogateescape"),
        "全年",
    ]
    out = tmp_path / "out.csv"
    assert main(["table", str(path), "-r", REF, "--as-of", REF, "-o", str(out), "-q"]) == 0
    data = out.read_bytes()
    assert b"\n1,\xff\xfe\x80,y," in data  # the input's bytes, unchanged
    rows = list(csv.reader(io.StringIO(data.decode("utf-8", "surrogateescape"), newline="")))
    assert rows[1][3 + ERROR].endswith("input: not UTF-8: undecodable bytes kept as they are")
    assert rows[2][3 + ERROR] == "" and rows[2][3] == "window"


def test_ics_reads_the_gbk_row_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    icalendar = pytest.importorskip("icalendar")
    src = _gbk_file(tmp_path / "t.csv")
    out = tmp_path / "t.ics"
    argv = ["ics", str(src), "-c", "完成时限", "-t", "备注", "-r", REF, "-o", str(out)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert (
        f"{GBK_FLAG.replace('input: ', 'input: 1 rows flagged in error: row 2 (line 3): ')}" in err
    )
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert "国标乙" in summaries  # the GBK row is an event with its own title
    (deadline,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "国标乙"]
    assert deadline["DTSTART"].dt.isoformat() == "2016-07-31"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_as_of_table_flags_the_row_and_keeps_its_result(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _gbk_file(tmp_path / "t.csv")
    out = tmp_path / f"out.{fmt}"
    assert main(["table", str(src), "-r", REF, "--as-of", "2016-08-01", "-o", str(out)]) == 0
    assert "input: 1 rows flagged in error: row 2 (line 3)" in capsys.readouterr().err
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    else:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(out, read_only=True)
        rows = [["" if v is None else str(v) for v in r] for r in book.worksheets[0].values]
        book.close()
    header = rows[0]
    assert len(rows) == 4  # rows in = rows out
    row = dict(zip(header, rows[2], strict=False))
    assert (row["完成时限"], row["备注"], row["kind"]) == ("2016年7月底前", "国标乙", "deadline")
    assert row["error"] == GBK_FLAG
    assert row["overdue"] in ("true", "True")  # its result is used: due 07-31, as of 08-01
    assert dict(zip(header, rows[1], strict=False))["error"] in ("", "None")


@pytest.mark.parametrize(
    "command",
    [
        ["ics", "-o", "{out}.ics"],
        ["timeline", "-o", "{out}.svg"],
        ["table", "--as-of", REF, "-o", "{out}.csv"],
        ["table", "--preview"],
    ],
    ids=["ics", "timeline", "as-of", "preview"],
)
def test_every_in_memory_command_refuses_a_quote_never_closed(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _open_quote_file(tmp_path / "t.csv")
    argv = [c.replace("{out}", str(tmp_path / "out")) for c in command]
    assert main([argv[0], str(src), "-c", "完成时限", "-r", REF, *argv[1:]]) == 2
    assert "line 3: a quote opens a cell here and is never closed" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]  # nothing written


@pytest.mark.skipif(sys.version_info < (3, 11), reason="csv reads NUL from Python 3.11")
def test_in_memory_output_is_the_streamed_output_byte_for_byte(tmp_path: Path) -> None:
    # GBK lines, junk that is neither UTF-8 nor GB18030, NUL, quotes and line breaks
    rng = random.Random(6)
    made = [_garbage(rng, i) for i in range(2_000)]
    path = tmp_path / "garbage.csv"
    path.write_bytes("id,完成时限,备注\r\n".encode() + b"".join(row for row, _, _ in made))
    options = ("--raw-formulas",)
    assert _in_memory(path, *options) == _streamed(path, "--jobs", "1", *options)
    kinds = {kind for _, _, kind in made}
    assert {"gbk", "junk", "nul", "quotes", "huge"} <= kinds


def _even_file(path: Path) -> Path:
    # every run of Chinese characters has an even length: the UTF-8 bytes of such text
    # also decode as GB18030 (as other characters, without an error)
    head = "序号,完成时限,备注\n1,全年工作,甲乙\n".encode()
    gbk = "2,每季度内,国标\n".encode("gbk")
    path.write_bytes(head + gbk + "3,全年,完成\n".encode())
    return path


def test_a_gbk_line_does_not_turn_a_utf8_file_into_gb18030(tmp_path: Path) -> None:
    path = _even_file(tmp_path / "t.csv")
    assert path.read_bytes().decode("gb18030")  # the whole file "is" GB18030 …
    table = read_table(path)  # … but it is UTF-8 with one GBK line
    assert table.encoding == "utf-8"
    assert table.columns == ["序号", "完成时限", "备注"]
    assert table.rows == [
        ["1", "全年工作", "甲乙"],
        ["2", "每季度内", "国标"],
        ["3", "全年", "完成"],
    ]
    assert table.notes == {1: (3, "not UTF-8: read as GB18030")}
    streamed = list(csv.reader(io.StringIO(_streamed(path).decode(), newline="")))
    assert [r[:3] for r in streamed[1:]] == table.rows
    assert streamed[2][3 + ERROR] == GBK_FLAG


#: Characters whose GBK bytes begin with a UTF-8 continuation byte: a GBK cell of them is
#: never UTF-8 (时 is CA B1 in GBK, which is also the UTF-8 of ʱ: no reader can tell).
_NOT_UTF8 = "季度工成甲丙丁"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from(_NOT_UTF8), min_size=1, max_size=7),
        min_size=2,
        max_size=12,
    ),
    st.data(),
)
def test_utf8_rows_come_back_exactly_whatever_line_is_gbk(
    cells: list[str], data: st.DataObject
) -> None:
    gbk_row = data.draw(st.integers(0, len(cells) - 1))
    lines = ["序号,完成时限\n".encode()]
    for i, cell in enumerate(cells):
        lines.append(f"{i},{cell}\n".encode("gbk" if i == gbk_row else "utf-8"))
    table = read_table(b"".join(lines))
    assert table.rows == [[str(i), cell] for i, cell in enumerate(cells)]
    assert set(table.notes) == {gbk_row}


def test_a_quote_closed_by_a_later_cell_fails_instead_of_merging_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # found by the fuzz harness: the quote opened on line 3 is "closed" by the quote of
    # line 5's cell, so a lenient reader read lines 3-5 as one row and carried on
    path = tmp_path / "t.csv"
    path.write_text(
        '序号,完成时限,备注\n1,每季度,甲\n2,"全年工作\n3,每季度,乙\n4,全年,"他说""好""了"\n5,每季度,丙\n',
        encoding="utf-8",
    )
    with pytest.raises(TableError, match=r"^line 3: a quote opens a cell here"):
        read_table(path)
    out = tmp_path / "out.csv"
    assert main(["table", str(path), "-r", REF, "-o", str(out), "-q"]) == 2
    assert "line 3: a quote opens a cell here" in capsys.readouterr().err
    assert not out.exists()
    # the same cells written correctly read back as five rows
    good = tmp_path / "good.csv"
    good.write_text(
        '序号,完成时限,备注\n1,每季度,甲\n2,"全年""工作",x\n3,每季度,乙\n4,全年,"他说""好""了"\n5,每季度,丙\n',
        encoding="utf-8",
    )
    assert [r[0] for r in read_table(good).rows] == ["1", "2", "3", "4", "5"]
