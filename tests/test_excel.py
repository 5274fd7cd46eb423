"""Excel in and out, CSV for Excel, Parquet, and output formats named by extension."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from shixian.cli import main
from shixian.io.annotate import ADDED_COLUMNS
from shixian.io.excel import FILLS, find_header
from shixian.io.tables import TableError, read_table

openpyxl = pytest.importorskip("openpyxl")

REF = "2016-05-01"
TITLE = "广东省2016年政务公开工作要点分工方案"


def _titled_sheet(path: Path, blank_row: bool = False) -> None:
    """A sheet as offices send them: a merged title row, the header, a task merged down."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "分工方案"
    ws.append([TITLE, None, None, None])
    ws.merge_cells("A1:D1")
    if blank_row:
        ws.append([None, None, None, None])
    ws.append(["序号", "工作任务", "完成时限", "发文日期"])
    start = ws.max_row + 1
    ws.append([1, "推进权力清单公开", "2016年12月底前", dt.datetime(2016, 5, 1)])
    ws.append([None, None, "2017年第一季度前", dt.datetime(2016, 5, 1)])
    ws.append([2, "公开预算", "2016年2月30日前", None])
    ws.append([3, "公开目录", "收到文件后3个工作日内", None])
    ws.append([4, "报名", "3月8日（星期一）", None])  # 2016-03-08 was a Tuesday: not read whole
    ws.merge_cells(f"A{start}:A{start + 1}")
    ws.merge_cells(f"B{start}:B{start + 1}")
    book.save(path)


def test_title_row_is_detected_and_merged_cells_fill_down(tmp_path: Path) -> None:
    src = tmp_path / "plan.xlsx"
    _titled_sheet(src, blank_row=True)
    table = read_table(src)
    assert table.columns == ["序号", "工作任务", "完成时限", "发文日期"]
    assert table.header_row == 3
    assert table.title == TITLE
    assert table.sheet == "分工方案"
    assert [r[:3] for r in table.rows] == [
        ["1", "推进权力清单公开", "2016年12月底前"],
        ["1", "推进权力清单公开", "2017年第一季度前"],  # merged down: the same task
        ["2", "公开预算", "2016年2月30日前"],
        ["3", "公开目录", "收到文件后3个工作日内"],
        ["4", "报名", "3月8日（星期一）"],
    ]
    assert table.values is not None and table.values[0][3] == dt.datetime(2016, 5, 1)


def test_header_row_option_and_column_name(tmp_path: Path) -> None:
    src = tmp_path / "plan.xlsx"
    _titled_sheet(src)
    assert read_table(src, header_row=2).columns[2] == "完成时限"
    assert read_table(src, column="完成时限").header_row == 2
    assert read_table(src, header_row=1).columns[0] == TITLE
    with pytest.raises(TableError, match="no header row 99"):
        read_table(src, header_row=99)


def test_find_header_rules() -> None:
    assert find_header([["标题", "", ""], ["", "", ""], ["a", "b", "c"]]) == 2
    assert find_header([["序号", "完成时限"], ["1", "x"]]) == 0
    assert find_header([["完成时限"], ["2016年"], ["2017年"]]) == 0  # one column: no title
    assert find_header([["标题", "标题"], ["x", "完成时限"]], column="完成时限") == 1
    assert find_header([]) == 0


def test_csv_title_rows_too(tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    src.write_text(f"{TITLE},,\n序号,完成时限,备注\n1,2016年7月底前,\n", encoding="utf-8")
    table = read_table(src)
    assert table.columns == ["序号", "完成时限", "备注"]
    assert table.rows == [["1", "2016年7月底前", ""]]


def _xlsx_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[object, str]:
    src = tmp_path / "plan.xlsx"
    _titled_sheet(src)
    out = tmp_path / "out.xlsx"
    code = main(["table", str(src), "-c", "完成时限", "-r", REF, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    return openpyxl.load_workbook(out), err


def test_xlsx_output_is_typed_styled_and_highlighted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, err = _xlsx_out(tmp_path, capsys)
    assert f"header on row 2: title {TITLE!r}" in err
    ws = book.worksheets[0]
    assert ws.title == "分工方案"  # the input's sheet name
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    assert header == ["序号", "工作任务", "完成时限", "发文日期", *ADDED_COLUMNS]
    assert ws.auto_filter.ref == f"A1:{rows[0][-1].column_letter}{len(rows)}"
    assert all(c.font.b for c in rows[0])
    col = {name: i for i, name in enumerate(header)}
    first = rows[1]
    # 2016年12月底前 → a date cell 2016-12-31, booleans as booleans, the input's date kept
    assert first[col["due"]].is_date and first[col["due"]].value == dt.datetime(2016, 12, 31)
    assert first[col["ambiguous"]].value is False and first[col["ambiguous"]].data_type == "b"
    assert first[col["发文日期"]].value == dt.datetime(2016, 5, 1)
    assert first[col["序号"]].value == 1
    assert first[col["start"]].value is None

    # 2017年第一季度前 is ambiguous (yellow); 2016年2月30日前 an error (red); others plain
    def fill(row: tuple[object, ...]) -> str | None:
        rgb = row[0].fill.fgColor.rgb  # type: ignore[attr-defined]
        return None if row[0].fill.fill_type is None else rgb[-6:]  # type: ignore[attr-defined]

    assert [fill(r) for r in rows[1:]] == [
        None,
        FILLS["ambiguous"],
        FILLS["error"],
        None,
        FILLS["incomplete"],
    ]
    assert rows[5][col["complete"]].value is False
    assert rows[5][col["unparsed"]].value is not None
    assert rows[3][col["error"]].value.startswith("invalid day 30")
    assert rows[2][col["due"]].value == dt.datetime(2017, 3, 31)
    assert rows[2][col["due"]].number_format == "yyyy-mm-dd"
    assert rows[4][col["offset_amount"]].value == 3
    assert rows[4][col["trigger"]].value == "收到文件"


def test_csv_for_excel_has_a_bom_and_crlf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "plan.csv"
    src.write_bytes("序号,完成时限\n1,2016年7月底前\n".encode())
    out = tmp_path / "out.csv"
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q", "--excel"]) == 0
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + "序号,完成时限,kind".encode())
    assert data.count(b"\r\n") == 2
    plain = tmp_path / "plain.csv"
    assert main(["table", str(src), "-r", REF, "-o", str(plain), "-q"]) == 0
    assert not plain.read_bytes().startswith(codecs.BOM_UTF8)  # without --excel: as the input
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[1][:4] == ["1", "2016年7月底前", "deadline", "2016-07-31"]


def test_parquet_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    src = tmp_path / "plan.csv"
    src.write_text(
        "序号,完成时限,完成时限\n1,2016年7月底前,a\n2,,b\n3,每季度,c\n", encoding="utf-8"
    )
    out = tmp_path / "out.parquet"
    assert main(["table", str(src), "-c", "完成时限", "-r", REF, "-o", str(out), "-q"]) == 0
    back = pq.read_table(out)
    assert back.column_names[:3] == ["序号", "完成时限", "column3"]
    schema = back.schema
    assert schema.field("due").type == pa.date32()
    assert schema.field("ambiguous").type == pa.bool_()
    assert schema.field("offset_amount").type == pa.int64()
    assert pa.types.is_dictionary(schema.field("kind").type)
    rows = back.to_pylist()
    assert rows[0]["due"] == dt.date(2016, 7, 31)
    assert rows[0]["序号"] == "1"
    assert rows[1]["error"] == "empty" and rows[1]["kind"] is None
    assert rows[2]["due"] == dt.date(2016, 6, 30)  # the next quarter end after 2016-05-01
    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(out)
    assert len(frame) == 3
    assert frame["due"].iloc[0] == dt.date(2016, 7, 31)


@pytest.mark.parametrize("name", ["out.parquett", "out.xls2", "out.txt"])
def test_unknown_output_extension_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    src = tmp_path / "plan.csv"
    src.write_text("序号,完成时限\n1,2016年7月底前\n", encoding="utf-8")
    out = tmp_path / name
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q"]) == 2
    assert "--format" in capsys.readouterr().err
    assert not out.exists()
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q", "-f", "csv"]) == 0
    assert out.read_text(encoding="utf-8").startswith("序号,完成时限,kind")


def test_parquet_needs_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "plan.csv"
    src.write_text("序号,完成时限\n1,2016年7月底前\n", encoding="utf-8")
    assert main(["table", str(src), "-r", REF, "-f", "parquet", "-q"]) == 2
    assert "parquet output needs a file" in capsys.readouterr().err


def test_jsonl_gives_typed_values_and_parts_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    import shixian

    src = tmp_path / "plan.csv"
    src.write_text("序号,完成时限\n1,收到文件后3个工作日内\n2,\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q"]) == 0
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert (first["offset_amount"], first["offset_unit"], first["trigger"]) == (
        3,
        "workday",
        "收到文件",
    )
    assert first["ambiguous"] is False and first["reference"] == REF
    rebuilt = shixian.Normalized.from_dict(
        {"text": first["完成时限"], "reference": first["reference"], "parts": first["parts"]}
    )
    assert rebuilt == shixian.normalize("收到文件后3个工作日内", REF)
    assert second["error"] == "empty" and second["parts"] is None


def test_cli_csv_with_a_title_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "plan.csv"
    src.write_text(f"{TITLE},,\n序号,完成时限,备注\n1,2016年7月底前,\n", encoding="utf-8")
    assert main(["table", str(src), "-r", REF, "-f", "csv"]) == 0
    captured = capsys.readouterr()
    assert f"header on row 2: title {TITLE!r}" in captured.err
    rows = list(csv.reader(io.StringIO(captured.out)))
    assert rows[0][:4] == ["序号", "完成时限", "备注", "kind"]
    assert rows[1][:5] == ["1", "2016年7月底前", "", "deadline", "2016-07-31"]
    # --header-row 1 keeps the title as the header: the phrase column is then unknown
    assert main(["table", str(src), "-r", REF, "-c", "完成时限", "--header-row", "1"]) == 2
