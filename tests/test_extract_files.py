"""``shixian extract`` on the files people have: Word .docx, .txt and .md; a clear refusal
for formats that are not text; each match with its sentence (``--context``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shixian.cli import main
from shixian.io.documents import UnreadableDocument, read_document, sentence_around

from .test_cli import REF, subprocess_env

TEXT = "一、总体要求\n各地级以上市于2016年12月底前完成清理，每季度向社会公开。\n"


def _extract(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *argv, "-r", REF])
    out, err = capsys.readouterr()
    return code, out, err


def test_docx_paragraphs_and_table_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("一、总体要求")
    document.add_paragraph("各地级以上市于2016年12月底前完成清理。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "工作任务"
    table.cell(0, 1).text = "完成时限"
    table.cell(1, 0).text = "公开预算"
    table.cell(1, 1).text = "每季度"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    code, out, err = _extract(capsys, str(path))
    assert code == 0, err
    texts = [json.loads(line)["text"] for line in out.splitlines()]
    assert texts == ["2016年12月底前", "每季度"]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    path.write_text(TEXT, encoding="utf-8")
    _, out, _ = _extract(capsys, str(path))
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["2016年12月底前", "每季度"]


def test_gbk_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode("gbk"))
    _, out, _ = _extract(capsys, str(path))
    assert len(out.splitlines()) == 2


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("plan.pdf", b"%PDF-1.4\n...", "a PDF"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "save it as .docx"),
        ("plan.xlsx", b"PK\x03\x04" + b"\x00" * 100, "use `shixian table`"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "an image"),
        ("report.bin", b"%PDF-1.7 binary", "a PDF"),
        ("data.bin", b"\x00\x81\xff\x03" * 40, "not text"),
        ("fake.docx", b"just text", "not a .docx"),
    ],
    ids=["pdf", "doc", "xlsx", "png", "pdf-bytes", "nul-bytes", "fake-docx"],
)
def test_formats_that_are_not_text_are_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = _extract(capsys, str(path))
    assert code == 2 and out == ""
    line = err.strip()
    assert line.startswith(f"shixian: error: {name}: cannot read ")
    assert says in line and "extract reads .txt, .md and .docx" in line
    assert "codec" not in line and "Traceback" not in err
    with pytest.raises(UnreadableDocument):
        read_document(path)


def test_context_prints_each_match_in_its_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = _extract(capsys, str(path), "--context")
    assert code == 0
    assert out.splitlines() == [
        # line 2, column 8: 各地级以上市于 is 7 characters
        "2:8\t2016年12月底前\tdeadline 2016-12-31",
        "\t各地级以上市于【2016年12月底前】完成清理，每季度向社会公开。",
        "2:23\t每季度\tschedule every quarter",
        "\t各地级以上市于2016年12月底前完成清理，【每季度】向社会公开。",
    ]


def test_stdin_is_text() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "shixian", "extract", "-", "-r", REF, "--context"],
        input=TEXT.encode("utf-8"),
        capture_output=True,
        env=subprocess_env(),
        check=True,
        timeout=120,
    )
    assert "【2016年12月底前】" in proc.stdout.decode("utf-8")


def test_sentence_around_stays_in_the_text() -> None:
    text = "甲。乙于2016年底前完成；丙"
    start = text.index("2016")
    end = start + len("2016年底前")
    a, b = sentence_around(text, start, end)
    assert text[a:b] == "乙于2016年底前完成；"
    assert sentence_around("2016年", 0, 5) == (0, 5)
    long = "字" * 500 + "2016年底前" + "字" * 500
    a, b = sentence_around(long, 500, 507, limit=20)
    assert (a, b) == (480, 527)
