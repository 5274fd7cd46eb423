"""Reading and writing tables (shixian.io.tables) and the added columns (shixian.io.annotate)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

import shixian
from shixian.errors import ShixianError
from shixian.io.annotate import ADDED_COLUMNS, Annotation, PhraseCache, annotate, annotation_of
from shixian.io.tables import (
    MissingExtra,
    Table,
    TableError,
    UnknownColumn,
    decode,
    detect_format,
    parse_text,
    read_table,
    write_table,
)

REF = dt.date(2016, 5, 1)
ROWS = [
    ["序号", "工作任务", "完成时限"],
    ["1", "推进权力清单公开", "2016 年 12 月底前完成"],
    ["2", "推进市场监管公开", "全年工作"],
    ["3", "做好“双公示”", "2016年4月底前完成"],
]


def _csv_text(rows: list[list[str]], delimiter: str = ",", end: str = "\r\n") -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator=end).writerows(rows)
    return buf.getvalue()


# -- decoding ----------------------------------------------------------------


def test_decode_utf8_bom_gbk_gb18030_and_utf16() -> None:
    text = _csv_text(ROWS)
    assert decode(text.encode("utf-8")) == (text, "utf-8", False)
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig", True)
    assert decode(text.encode("gbk")) == (text, "gb18030", False)
    rare = "𠀀 2016年底前"  # outside GBK, inside GB18030
    assert decode(rare.encode("gb18030"))[0] == rare
    assert decode(text.encode("utf-16"))[0] == text


def test_decode_with_given_encoding() -> None:
    data = "完成时限".encode("gbk")
    assert decode(data, "gbk") == ("完成时限", "gbk", False)
    assert decode(codecs.BOM_UTF8 + b"a", "utf-8") == ("a", "utf-8", True)
    with pytest.raises(TableError, match="cannot decode the input as utf-8"):
        decode(data, "utf-8")
    with pytest.raises(TableError, match="unknown encoding 'no-such-codec'"):
        decode(data, "no-such-codec")


def test_decode_failure_names_the_way_out() -> None:
    with pytest.raises(TableError, match="give its encoding"):
        decode(b"\x81\x30\xff\xff")


# -- csv / tsv ---------------------------------------------------------------


def test_read_csv_keeps_cells_as_strings(tmp_path: Path) -> None:
    rows = [["id", "amount", "when", "phrase"], ["007", "1.50", "2016-07-01", " 全年工作 "]]
    path = tmp_path / "t.csv"
    path.write_text(_csv_text(rows), encoding="utf-8", newline="")
    table = read_table(path)
    assert table.columns == rows[0]
    assert table.rows == rows[1:]
    assert (table.format, table.encoding, table.bom, table.lineterminator) == (
        "csv",
        "utf-8",
        False,
        "\r\n",
    )


def test_read_tsv_and_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text(_csv_text(ROWS, "\t", "\n"), encoding="utf-8", newline="")
    table = read_table(path)
    assert table.format == "tsv"
    assert table.lineterminator == "\n"
    assert table.rows == ROWS[1:]


def test_quoted_newlines_and_commas_survive(tmp_path: Path) -> None:
    rows = [["a", "b"], ["line1\r\nline2", "x,y"], ['say "hi"', "\n"]]
    path = tmp_path / "t.csv"
    path.write_bytes(_csv_text(rows).encode())
    table = read_table(path)
    assert table.rows == rows[1:]
    out = io.BytesIO()
    write_table(table, None, out, "csv")
    assert out.getvalue() == path.read_bytes()


def test_ragged_rows_are_padded_not_dropped() -> None:
    table = parse_text("a,b,c\n1\n1,2,3,4\n\n", "csv")
    assert table.columns == ["a", "b", "c", ""]
    assert table.rows == [["1", "", "", ""], ["1", "2", "3", "4"], ["", "", "", ""]]


def test_empty_input_is_an_error() -> None:
    with pytest.raises(TableError, match="empty"):
        parse_text("", "csv")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="no such file"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(TableError, match="is a directory"):
        read_table(tmp_path)


def test_formats_by_extension() -> None:
    assert detect_format("a.CSV") == "csv"
    assert detect_format("a.tab") == "tsv"
    assert detect_format("a.docx") == "docx"
    assert detect_format("a.unknown") == "csv"
    with pytest.raises(TableError, match=r"\.xls format is not supported"):
        detect_format("old.xls")


def test_read_from_bytes() -> None:
    table = read_table(_csv_text(ROWS).encode("gbk"))
    assert table.rows == ROWS[1:]
    assert table.encoding == "gb18030"


def test_unknown_column_lists_the_columns() -> None:
    table = parse_text(_csv_text(ROWS))
    assert table.column_index("完成时限") == 2
    assert table.column("序号") == ["1", "2", "3"]
    with pytest.raises(UnknownColumn) as info:
        table.column_index("时间")
    assert info.value.columns == ("序号", "工作任务", "完成时限")
    assert "'序号', '工作任务', '完成时限'" in str(info.value)
    assert isinstance(info.value, ShixianError)


# -- writing -----------------------------------------------------------------


def _annotated(table: Table, column: str = "完成时限") -> list[Annotation]:
    return list(annotate(table.column(column), REF))


def test_write_csv_appends_columns_after_the_input() -> None:
    table = parse_text(_csv_text(ROWS))
    out = io.BytesIO()
    write_table(table, _annotated(table), out, "csv")
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    assert rows[0] == ROWS[0] + list(ADDED_COLUMNS)
    assert [r[: len(ROWS[0])] for r in rows] == ROWS
    assert all(len(r) == len(ROWS[0]) + len(ADDED_COLUMNS) for r in rows)


def test_write_csv_with_bom() -> None:
    table = parse_text(_csv_text(ROWS))
    out = io.BytesIO()
    write_table(table, None, out, "csv", encoding="utf-8-sig")
    assert out.getvalue().startswith(codecs.BOM_UTF8 + "序号".encode())


def test_write_jsonl_types_the_added_fields() -> None:
    table = parse_text("完成时限,完成时限\n2016年7月底前,\n,x\n")
    out = io.BytesIO()
    write_table(table, _annotated(table), out, "jsonl")
    records = [json.loads(line) for line in out.getvalue().decode().splitlines()]
    assert len(records) == 2
    first = records[0]
    assert first["完成时限"] == "2016年7月底前"
    assert first["column2"] == ""  # a repeated column name gets a positional key
    assert first["kind"] == "deadline"
    assert first["due"] == "2016-07-31"
    assert first["ambiguous"] is False or first["ambiguous"] is True
    assert first["error"] is None
    assert records[1]["kind"] is None
    assert records[1]["error"] == "empty"


def test_write_rejects_unknown_format_and_wrong_length() -> None:
    table = parse_text(_csv_text(ROWS))
    with pytest.raises(TableError, match="cannot write 'docx'"):
        write_table(table, None, io.BytesIO(), "docx")
    with pytest.raises(ValueError, match="one annotation per row"):
        write_table(table, [], io.BytesIO(), "csv")


# -- xlsx --------------------------------------------------------------------


def test_xlsx_round_trip_keeps_values_and_types(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "计划"
    sheet.append(["序号", "完成时限", "金额", "发文日期", "备注"])
    sheet.append([1, "2016年12月底前完成", 1.5, dt.datetime(2016, 7, 1), None])
    sheet.append([2, "全年工作", 3.0, dt.datetime(2016, 7, 1, 11, 0), "x"])
    sheet.append([3, None, None, None, None])
    sheet.append([None, None, None, None, None])  # trailing blank row: dropped
    path = tmp_path / "plan.xlsx"
    book.save(path)

    table = read_table(path)
    assert table.format == "xlsx"
    assert table.columns == ["序号", "完成时限", "金额", "发文日期", "备注"]
    assert table.rows == [
        ["1", "2016年12月底前完成", "1.5", "2016-07-01", ""],
        ["2", "全年工作", "3", "2016-07-01 11:00:00", "x"],
        ["3", "", "", "", ""],
    ]
    out = tmp_path / "out.xlsx"
    with out.open("wb") as handle:
        write_table(table, _annotated(table), handle, "xlsx")
    back = openpyxl.load_workbook(out).worksheets[0]
    values = [list(r) for r in back.iter_rows(values_only=True)]
    assert values[0] == [*table.columns, *ADDED_COLUMNS]
    assert values[1][:5] == [1, "2016年12月底前完成", 1.5, dt.datetime(2016, 7, 1), None]
    assert values[1][5:7] == ["deadline", dt.datetime(2016, 12, 31)]  # a date cell
    assert values[3][-1] == "empty"
    assert len(values) == 4


def test_xlsx_merged_cells_read_in_every_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["具体要求", "完成时限"])
    sheet.append(["a", "全年工作"])
    sheet.append(["b", None])
    sheet.merge_cells("B2:B3")
    book.create_sheet("第二页").append(["x"])
    path = tmp_path / "merged.xlsx"
    book.save(path)
    assert read_table(path).column("完成时限") == ["全年工作", "全年工作"]
    assert read_table(path, sheet="第二页").columns == ["x"]
    assert read_table(path, sheet="2").columns == ["x"]
    with pytest.raises(TableError, match="no sheet 'nope'"):
        read_table(path, sheet="nope")


def test_bad_xlsx_is_a_table_error(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(TableError, match=r"not a readable \.xlsx"):
        read_table(path)


# -- docx --------------------------------------------------------------------


def _docx(path: Path, rows: list[list[str]], merge: tuple[int, int, int] | None = None) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("深圳市贯彻落实2016年政务公开工作要点分工方案")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge is not None:
        col, top, bottom = merge
        table.cell(top, col).merge(table.cell(bottom, col)).text = rows[top][col]
    document.save(str(path))


def test_docx_table_with_vertically_merged_cells(tmp_path: Path) -> None:
    rows = [
        ["序号", "具体要求", "完成时限"],
        ["1", "1.统一区、街道职权事项", "2016年12月底前"],
        ["", "2.公开市有关部门取消", ""],
        ["2", "1.公开行政处罚", "全年工作"],
    ]
    path = tmp_path / "plan.docx"
    _docx(path, rows, merge=(2, 1, 2))
    table = read_table(path)
    assert table.format == "docx"
    assert table.columns == rows[0]
    assert table.column("完成时限") == ["2016年12月底前", "2016年12月底前", "全年工作"]
    assert table.column("具体要求") == [r[1] for r in rows[1:]]


def test_docx_without_a_table(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("no table here")
    path = tmp_path / "empty.docx"
    document.save(str(path))
    with pytest.raises(TableError, match="has no table"):
        read_table(path)
    _docx(path, [["a"], ["b"]])
    with pytest.raises(TableError, match="no table 2; the document has 1"):
        read_table(path, table=1)


# -- optional dependencies ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "module", "extra"),
    [("t.xlsx", "openpyxl", "xlsx"), ("t.docx", "docx", "docx")],
)
def test_missing_extra_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, module: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import module → ImportError
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(MissingExtra, match=rf"pip install '\.\[{extra}\]' in its source") as info:
        read_table(path)
    assert info.value.extra == extra
    # the package itself, by its distribution name, which pip finds on any index
    assert f"pip install {'python-docx' if module == 'docx' else module} " in str(info.value)


# -- annotations -------------------------------------------------------------


def test_each_distinct_phrase_is_normalized_once() -> None:
    calls: list[str] = []

    def counting(text: str) -> shixian.Normalized:
        calls.append(text)
        return shixian.normalize(text, REF)

    cache = PhraseCache(normalizer=counting)
    phrases = ["全年工作", "2016年7月底前", "全年工作", "", "全年工作", "2016年7月底前"] * 100
    out = list(annotate(phrases, REF, cache=cache))
    assert len(out) == len(phrases)
    assert sorted(calls) == sorted({"全年工作", "2016年7月底前"})
    assert out[3] == Annotation.failed("empty")


def test_unexpected_exceptions_are_recorded_not_raised() -> None:
    def broken(text: str) -> shixian.Normalized:
        raise KeyError(text)

    (annotation,) = annotate(["2016年7月底前"], REF, cache=PhraseCache(normalizer=broken))
    assert annotation.error == "internal error: KeyError: '2016年7月底前'"
    assert annotation.cells()[-1] == annotation.error


def test_annotation_of_a_deadline() -> None:
    a = annotation_of(shixian.normalize("2016 年 12 月底前完成", REF))
    got = {k: a.get(k) for k in ("kind", "due", "start", "end", "rrule", "iso", "error")}
    assert got == {
        "kind": "deadline",
        "due": dt.date(2016, 12, 31),
        "start": None,
        "end": dt.date(2016, 12, 31),
        "rrule": None,
        "iso": "../2016-12-31",
        "error": None,
    }
    cells = dict(zip(ADDED_COLUMNS, a.cells(), strict=True))
    assert cells["due"] == cells["end"] == "2016-12-31"
    assert cells["start"] == cells["error"] == ""
    assert cells["ambiguous"] == cells["year_inferred"] == "false"


def test_annotation_of_a_window() -> None:
    a = annotation_of(shixian.normalize("全年工作", REF))
    assert (a.kind, a.get("start"), a.get("end"), a.get("iso")) == (
        "window",
        dt.date(2016, 1, 1),
        dt.date(2016, 12, 31),
        "2016-01-01/2016-12-31",
    )


def test_annotation_of_a_schedule_has_its_rrule() -> None:
    a = annotation_of(shixian.normalize("每季度", REF))
    assert a.kind == "schedule"
    rrule = a.get("rrule")
    assert rrule is not None
    # from the reference (2016-05-01) on: the first instance is the row's due day
    assert rrule.startswith("DTSTART;VALUE=DATE:20160630 RRULE:FREQ=")
    assert "\n" not in rrule
    assert a.get("due") == dt.date(2016, 6, 30)  # the next quarter end on or after 2016-05-01


def test_invalid_date_is_an_error_cell() -> None:
    (a,) = annotate(["2016年2月30日前"], REF)
    assert a.kind is None
    assert a.error is not None
    assert "30" in a.error


def test_other_names_and_bytes_are_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(_csv_text(ROWS, "\t"), encoding="utf-8")
    assert read_table(path).format == "tsv"
    assert read_table(path).rows == ROWS[1:]
    assert read_table(_csv_text(ROWS).encode()).format == "csv"
    assert read_table(_csv_text(ROWS, "\t").encode()).format == "tsv"
