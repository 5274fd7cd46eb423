"""Hostile spreadsheets and documents are refused before they cost memory or time.

Each hostile file is built here, small on disk (a few kilobytes), from a real
workbook or document whose XML is then edited. Refusal is asserted by what it
costs, counted: the peak of memory Python allocates while reading (tracemalloc),
never by the clock. XML entity expansion and external entities are refused by
the parsers underneath; the tests keep that true across upgrades.
"""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from shixian.cli import main
from shixian.io.limits import LimitExceeded, Limits, check_zip, use_limits
from shixian.io.tables import TableError, read_table

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

#: Peak memory (bytes) a refusal may cost: far below the gigabytes the files ask for.
PEAK = 64 << 20

_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)
_EXTERNAL = '<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{path}">]>'


def _patch(src: Path, dst: Path, member: str, edit: Callable[[str], str]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info.filename, data)
    return dst


def _xlsx(tmp_path: Path, edit: Callable[[str], str] = lambda s: s) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "序号", "完成时限"
    sheet["A2"], sheet["B2"] = "1", "全年工作"
    base = tmp_path / "base.xlsx"
    book.save(base)
    # openpyxl writes the text as character references: make it literal for the edits
    refs = "".join(f"&#{ord(ch)};" for ch in "全年工作")
    return _patch(
        base, tmp_path / "hostile.xlsx", "xl/worksheets/sheet1.xml",
        lambda s: edit(s.replace(refs, "全年工作")),
    )  # fmt: skip


def _docx(tmp_path: Path, edit: Callable[[str], str] = lambda s: s) -> Path:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "完成时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "全年工作"
    base = tmp_path / "base.docx"
    document.save(str(base))
    return _patch(base, tmp_path / "hostile.docx", "word/document.xml", edit)


def _refused(path: Path, limit: str) -> None:
    """Reading ``path`` raises LimitExceeded naming ``limit``, at a bounded memory peak."""
    assert path.stat().st_size < 64 << 10  # small on disk
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceeded) as info:
            read_table(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.limit == limit
    assert f"{limit}=" in str(info.value) and "--limit" in str(info.value)
    assert peak < PEAK, f"peak {peak:,} bytes"


def test_the_base_files_read(tmp_path: Path) -> None:
    for path in (_xlsx(tmp_path), _docx(tmp_path)):
        table = read_table(path)
        assert table.columns == ["序号", "完成时限"] and table.rows == [["1", "全年工作"]]


# -- the used range, merged areas, grid spans ----------------------------------------


def test_xlsx_one_cell_at_the_last_cell_is_refused(tmp_path: Path) -> None:
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = _xlsx(tmp_path, lambda s: s.replace("</sheetData>", far + "</sheetData>"))
    _refused(path, "max_cells")


def test_xlsx_a_lying_dimension_is_not_believed(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path,
        lambda s: s.replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:XFD1048576"/>'),
    )
    assert b'<dimension ref="A1:XFD1048576"/>' in zipfile.ZipFile(path).read(
        "xl/worksheets/sheet1.xml"
    )
    assert read_table(path).rows == [["1", "全年工作"]]


def test_xlsx_a_merged_range_over_the_whole_sheet_is_refused(tmp_path: Path) -> None:
    merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    path = _xlsx(tmp_path, lambda s: s.replace("</sheetData>", "</sheetData>" + merge))
    _refused(path, "max_merged_cells")


def test_xlsx_merged_cells_still_fill_within_limits(tmp_path: Path) -> None:
    row3 = '<row r="3"><c r="A3" t="inlineStr"><is><t>2</t></is></c></row>'
    merge = '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>'
    path = _xlsx(tmp_path, lambda s: s.replace("</sheetData>", row3 + "</sheetData>" + merge))
    assert read_table(path).rows == [["1", "全年工作"], ["2", "全年工作"]]


def test_docx_grid_before_is_refused(tmp_path: Path) -> None:
    path = _docx(
        tmp_path,
        lambda s: s.replace(
            "<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="1000000000"/></w:trPr>', 1
        ),
    )
    _refused(path, "max_columns")


def test_docx_grid_span_is_refused(tmp_path: Path) -> None:
    path = _docx(
        tmp_path,
        lambda s: s.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="100000000"/>', 1),
    )
    _refused(path, "max_columns")


def test_docx_many_wide_rows_are_refused_by_cells(tmp_path: Path) -> None:
    wide = '<w:tr><w:trPr><w:gridBefore w:val="16000"/></w:trPr></w:tr>' * 1000
    path = _docx(tmp_path, lambda s: s.replace("</w:tbl>", wide + "</w:tbl>", 1))
    _refused(path, "max_cells")


# -- zip bombs ------------------------------------------------------------------------


def test_a_high_ratio_member_is_refused(tmp_path: Path) -> None:
    """One string of 16 MiB compresses about 1000:1 into the sheet."""
    huge = "a" * (16 << 20)
    path = _xlsx(tmp_path, lambda s: s.replace("全年工作", huge))
    _refused(path, "max_ratio")


def test_a_declared_2_gib_member_is_refused(tmp_path: Path) -> None:
    """A zip whose central directory declares 2 GiB: refused from the directory alone."""
    path = _xlsx(tmp_path)
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")  # the last central-directory entry
    struct.pack_into("<I", data, at + 24, 2 << 30)  # its uncompressed size
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(bytes(data))
    assert zipfile.ZipFile(bomb).infolist()[-1].file_size == 2 << 30
    _refused(bomb, "max_uncompressed")


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(20):
            archive.writestr(f"m{i}.xml", "")
    with pytest.raises(LimitExceeded, match="max_members"):
        check_zip(path, Limits(max_members=10))


# -- limits are documented and overridable --------------------------------------------


def test_limits_can_be_raised_or_lowered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _xlsx(tmp_path)
    with pytest.raises(LimitExceeded, match="max_cells=3"):
        read_table(path, limits=Limits(max_cells=3))
    with use_limits(Limits(max_cells=3)), pytest.raises(LimitExceeded):
        read_table(path)
    assert read_table(path, limits=Limits(max_cells=4)).rows == [["1", "全年工作"]]
    assert (
        main(["table", str(path), "-r", "2016", "--limit", "max_cells=3", "-q", "-f", "csv"]) == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "max_cells=3" in err
    assert (
        main(["table", str(path), "-r", "2016", "--limit", "max_cells=4", "-q", "-f", "csv"]) == 0
    )
    assert main(["table", str(path), "-r", "2016", "--limit", "cells=4", "-q", "-f", "csv"]) == 2


# -- XML entities ---------------------------------------------------------------------


def test_xlsx_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path,
        lambda s: _LAUGHS.format(root="worksheet") + s.replace("全年工作", "&i;"),
    )
    tracemalloc.start()
    try:
        with pytest.raises(TableError):
            read_table(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # expat stops at its amplification limit (100x past 8 MiB of expansion)
    assert peak < 4 * PEAK


def test_docx_entity_expansion_is_refused(tmp_path: Path) -> None:
    declaration = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
    path = _docx(
        tmp_path,
        lambda s: s.replace(declaration, _LAUGHS.format(root="w:document")).replace(
            ">全年工作<", ">&i;<"
        ),
    )
    with pytest.raises(TableError):
        read_table(path)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_external_entities_are_never_read(kind: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    if kind == "xlsx":
        prolog = _EXTERNAL.format(root="worksheet", path=secret)
        path = _xlsx(tmp_path, lambda s: prolog + s.replace("全年工作", "&x;"))
    else:
        declaration = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
        prolog = _EXTERNAL.format(root="w:document", path=secret)
        path = _docx(
            tmp_path, lambda s: s.replace(declaration, prolog).replace(">全年工作<", ">&x;<")
        )
    try:
        table = read_table(path)
    except TableError:
        return  # refused outright
    assert all("TOP-SECRET" not in cell for row in table.rows for cell in row)
