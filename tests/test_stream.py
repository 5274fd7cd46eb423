"""The streaming table job: the same bytes as the in-memory path, for every N of --jobs.

The in-memory path (``read_table`` + ``write_table``, which xlsx/docx input and the
preview still use) is the reference: on every example table and on generated
tables with quotes, embedded line breaks, BOMs, GBK, CRLF and TSV, streamed in
chunks small enough that every table is cut many times, the output is byte for
byte the in-memory one; ``--jobs 2`` (real worker processes) writes the same
bytes as ``--jobs 1``. Then the robust-input rules of :mod:`shixian.io.stream`:
long cells, a GBK line in a UTF-8 file, a quote never closed, ragged rows, and a
generated 100,000-row table with 20 % garbage in which rows in = rows out and every
input column comes back byte for byte.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shixian.cli import _table_in_memory, build_parser, main
from shixian.io import stream
from shixian.io.annotate import ADDED_COLUMNS
from shixian.io.tables import RowWriter, read_table

from .conftest import ROOT

REF = "2016-05-01"
EXAMPLES = sorted((ROOT / "examples").glob("*.csv"))
PHRASES = [
    "2016年7月底前",
    "每季度",
    "全年工作",
    "2016年12月底前完成",
    "",
    "不是时间",
    "2016年2月30日前",
    "收到申请后15个工作日内",
    "2017年第一季度前",
    "按照省政府相关部署,全年工作",
]
ERROR = ADDED_COLUMNS.index("error")


def _in_memory(path: Path, *options: str) -> bytes:
    out = path.with_name(path.stem + ".memory" + path.suffix)
    argv = ["table", str(path), "-r", REF, "-o", str(out), "-q", "--force", *options]
    args = build_parser().parse_args(argv)
    _table_in_memory(args, read_table(path, encoding=args.encoding))
    return out.read_bytes()


def _streamed(path: Path, *options: str, code: int = 0) -> bytes:
    out = path.with_name(path.stem + ".streamed" + path.suffix)
    before = out.read_bytes() if out.exists() else None
    argv = ["table", str(path), "-r", REF, "-o", str(out), "-q", "--force", *options]
    assert main(argv) == code
    if code:
        assert not out.exists() or out.read_bytes() == before  # no half-written file
        return b""
    return out.read_bytes()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of ~64 bytes: every table is cut at many places."""
    monkeypatch.setattr(stream, "CHUNK_BYTES", 64)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("options", ["csv", "tsv", "jsonl", "csv --excel", "tsv --excel"])
def test_examples_stream_as_in_memory(
    path: Path, options: str, tmp_path: Path, small_chunks: None
) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    argv = ["-f", *options.split()]
    assert _streamed(copy, *argv) == _in_memory(copy, *argv)


def _write(rows: list[list[str]], *, delimiter: str, ending: str) -> str:
    buffer = io.StringIO(newline="")
    # csv.writer alone leaves a bare \r unquoted when lines end in \n
    RowWriter(buffer, delimiter, ending).writerows(rows)
    return buffer.getvalue()


CELL = st.one_of(
    st.sampled_from(PHRASES),
    st.text(st.sampled_from('ab,"\n\r\t 时限年月“”=+-@＝3'), max_size=12),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=0, max_size=25),
    tsv=st.booleans(),
    crlf=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]),
    chunk=st.sampled_from([16, 64, 1 << 20]),
)
def test_generated_tables_stream_as_in_memory(
    rows: list[list[str]],
    tsv: bool,
    crlf: bool,
    encoding: str,
    chunk: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quotes, embedded line breaks, BOMs, GBK, CRLF, TSV: streamed == read whole."""
    monkeypatch.setattr(stream, "CHUNK_BYTES", chunk)
    text = _write([["序号", "完成时限", "备注"], *rows], delimiter="\t" if tsv else ",",
                  ending="\r\n" if crlf else "\n")  # fmt: skip
    path = tmp_path / ("t.tsv" if tsv else "t.csv")
    path.write_bytes(text.encode(encoding))
    out = _streamed(path, "-c", "完成时限", "--raw-formulas")
    assert out == _in_memory(path, "-c", "完成时限", "--raw-formulas")
    # rows in = rows out, every input cell read back as written (a bare \r too)
    back = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline=""),
                           delimiter="\t" if tsv else ","))  # fmt: skip
    assert [r[:3] for r in back[1:]] == rows
    assert _streamed(path, "-c", "完成时限") == _in_memory(path, "-c", "完成时限")


def _table(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    rows = [["序号", "完成时限", "备注"]]
    for i in range(n):
        note = f'第{i}行, "引号"\n换行' if i % 17 == 0 else f"备注{i}"
        rows.append([str(i), rng.choice(PHRASES), note])
    return _write(rows, delimiter=",", ending="\r\n")


def test_jobs_two_writes_what_jobs_one_writes(tmp_path: Path, small_chunks: None) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(_table(3000).encode("utf-8-sig"))
    stream.CHUNK_BYTES = 4096
    one = _streamed(path, "--jobs", "1")
    two = _streamed(path, "--jobs", "2")
    assert two == one
    assert one == _in_memory(path)
    assert len(list(csv.reader(io.StringIO(one.decode("utf-8-sig"), newline="")))) == 3001


def test_jobs_two_on_jsonl_and_tsv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_table(500), encoding="utf-8")
    for fmt in ("jsonl", "tsv"):
        assert _streamed(path, "--jobs", "2", "-f", fmt) == _streamed(
            path, "--jobs", "1", "-f", fmt
        )


def test_a_failed_run_keeps_the_old_output(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    out = tmp_path / "t.out.csv"
    out.write_bytes(b"old")
    path.write_text('id,完成时限\n1,每季度\n2,"never closed\n', encoding="utf-8")
    assert main(["table", str(path), "-r", REF, "-o", str(out), "-q", "--force"]) == 2
    assert out.read_bytes() == b"old"
    assert {p.name for p in tmp_path.iterdir()} == {"t.csv", "t.out.csv"}  # no temporary file


def test_jobs_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_table(3), encoding="utf-8")
    assert main(["table", str(path), "-r", REF, "--jobs", "0", "-o", str(tmp_path / "o.csv")]) == 2
    assert "--jobs must be 1 or more" in capsys.readouterr().err


def test_default_jobs() -> None:
    from shixian.cli.table import SMALL_INPUT, default_jobs

    assert default_jobs(None) == 1  # a pipe
    assert default_jobs(1000) == 1
    assert default_jobs(SMALL_INPUT) >= 1


def test_stdin_streams(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes],
                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    path = tmp_path / "t.csv"
    path.write_text(_table(40), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    assert main(["table", "-", "-r", REF, "-q", "--no-preview"]) == 0
    assert capsysbinary.readouterr().out == _in_memory(path)


# -- JSONL input ------------------------------------------------------------------------


def test_jsonl_input(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [
        {"id": 1, "完成时限": "2016年7月底前", "note": None},
        {"id": 2, "完成时限": "每季度", "note": "x"},
        "not json",
        {"id": 4, "完成时限": "全年工作", "extra": True},
    ]
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
        + "\n\n",
        encoding="utf-8",
    )
    out = [json.loads(line) for line in _streamed(path).decode().splitlines()]
    assert [o.get("id") for o in out] == [1, 2, None, 4]  # rows in = rows out (blank skipped)
    assert out[0]["kind"] == "deadline" and out[0]["due"] == "2016-07-31"
    assert out[0]["note"] is None  # input values keep their JSON type
    assert "not JSON" in out[2]["error"]
    assert out[3]["extra"] is True and "keys not in the first row" in out[3]["error"]
    rows = list(csv.reader(io.StringIO(_streamed(path, "-f", "csv").decode(), newline="")))
    assert rows[0][:3] == ["id", "完成时限", "note"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "", "4"]


# -- robust CSV input (issue 15) ----------------------------------------------------------


def test_a_cell_over_131072_characters_is_read(tmp_path: Path) -> None:
    big = "长" * 200_000
    path = tmp_path / "t.csv"
    rows = [["id", "完成时限", "备注"], ["1", "每季度", big], ["2", "全年工作", "x"]]
    path.write_text(_write(rows, delimiter=",", ending="\n"), encoding="utf-8")
    rows = list(csv.reader(io.StringIO(_streamed(path).decode(), newline="")))
    assert len(rows) == 3 and rows[1][2] == big
    assert read_table(path).rows[0][2] == big  # the in-memory reader too


def test_a_cell_over_the_limit_fails_naming_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(stream, "CELL_LIMIT", 1000)
    try:
        path = tmp_path / "t.csv"
        path.write_text(
            'id,完成时限\n1,每季度\n2,"' + "x" * 2000 + '"\n3,全年工作\n', encoding="utf-8"
        )
        _streamed(path, code=2)
        assert "line 3: a cell longer than 1,000 characters" in capsys.readouterr().err
    finally:
        csv.field_size_limit(stream.CELL_LIMIT)


def test_one_gbk_line_in_a_utf8_file(tmp_path: Path) -> None:
    head = "id,完成时限,备注\r\n1,每季度,甲\r\n".encode()
    gbk = "2,2016年7月底前,乙\r\n".encode("gbk")
    tail = "3,全年工作,丙\r\n".encode()
    path = tmp_path / "t.csv"
    path.write_bytes(head + gbk + tail)
    rows = list(csv.reader(io.StringIO(_streamed(path).decode(), newline="")))
    assert [r[:3] for r in rows[1:]] == [["1", "每季度", "甲"], ["2", "2016年7月底前", "乙"],
                                         ["3", "全年工作", "丙"]]  # fmt: skip
    assert rows[2][3] == "deadline" and rows[2][ADDED_COLUMNS.index("due") + 3] == "2016-07-31"
    assert rows[2][ERROR + 3] == "input: not UTF-8: read as GB18030"
    assert rows[1][ERROR + 3] == rows[3][ERROR + 3] == ""


def test_undecodable_bytes_come_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,\xe5\xae\x8c\xe6\x88\x90\xe6\x97\xb6\xe9\x99\x90,x\n1,\xff\xfe\x80,y\n")
    out = _streamed(path, "-c", "完成时限")
    assert b"\n1,\xff\xfe\x80,y," in out
    row = list(csv.reader(io.StringIO(out.decode("utf-8", "surrogateescape"), newline="")))[1]
    assert "undecodable bytes kept as they are" in row[ERROR + 3]


def test_a_quote_never_closed_fails_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,完成时限\n1,每季度\n2,"全年工作\n3,每季度\n4,全年工作\n', encoding="utf-8")
    _streamed(path, code=2)
    err = capsys.readouterr().err
    assert "line 3: a quote opens a cell here and is never closed" in err


def test_a_quote_never_closed_in_a_later_field_and_chunk(
    tmp_path: Path, small_chunks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f'{i},每季度,"多行\n备注"' for i in range(20)]
    text = "id,完成时限,备注\n" + "\n".join(rows) + '\n20,每季度,"never closed\n21,x,y\n'
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    _streamed(path, code=2)
    assert "line 42: a quote opens a cell here" in capsys.readouterr().err


def test_stray_quotes_inside_cells_are_kept(tmp_path: Path, small_chunks: None) -> None:
    """A quote inside an unquoted cell is a character (the parity guess is wrong there:
    the chunk is joined with the next and read again)."""
    text = "id,完成时限,备注\n" + "".join(f'{i},每季度,a"b{i}\n' for i in range(30))
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    out = _streamed(path)
    assert out == _in_memory(path)
    assert len(list(csv.reader(io.StringIO(out.decode(), newline="")))) == 31


def test_ragged_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,完成时限,备注\n1,每季度\n2,全年工作,x,extra1,extra2\n\n", encoding="utf-8")
    rows = list(csv.reader(io.StringIO(_streamed(path).decode(), newline="")))
    width = 3 + len(ADDED_COLUMNS)
    assert rows[1][:3] == ["1", "每季度", ""] and len(rows[1]) == width
    assert rows[2][width:] == ["extra1", "extra2"]
    assert "2 cells past the header's 3" in rows[2][3 + ERROR]
    assert rows[3][:3] == ["", "", ""] and rows[3][3 + ERROR] == "empty"  # a blank line


# -- 100,000 rows with 20 % garbage ----------------------------------------------------


def _field(cell: bytes) -> bytes:
    if any(ch in cell for ch in (b",", b'"', b"\r", b"\n")):
        return b'"' + cell.replace(b'"', b'""') + b'"'
    return cell


_JUNK = [b for b in range(256) if b not in (0x0A, 0x0D)]


def _garbage(rng: random.Random, i: int) -> tuple[bytes, str | bytes, str]:
    """(the encoded row, what its 备注 cell must read back as, how it was made)."""
    phrase = rng.choice(PHRASES)
    kind = rng.choices(["plain", "junk", "nul", "quotes", "gbk", "mixed"], [80, 4, 3, 5, 4, 4])[0]
    if i in (10, 50_000):
        kind = "huge"
    note: str | bytes = f"备注{i}"
    if kind == "junk":  # neither UTF-8 nor GB18030 (0xFF starts no character in either);
        # no line break inside: each line is decoded on its own
        junk = bytes(rng.choice(_JUNK) for _ in range(rng.randrange(1, 20)))
        note = junk + b"\xff"
    elif kind == "nul":
        note = f"a\x00b{i}"
    elif kind == "huge":
        note = "巨" * 150_000
    elif kind == "quotes":
        note = f'他说"{i}",\n又说""\r\n完'
    elif kind == "mixed":
        note = f"混合{i}" + "\u00e9\u4e2d"
    encoding = "gbk" if kind == "gbk" else "utf-8"
    cells = [str(i).encode(), phrase.encode(encoding),
             note if isinstance(note, bytes) else note.encode(encoding)]  # fmt: skip
    return b",".join(_field(c) for c in cells) + b"\r\n", note, kind


@pytest.mark.skipif(sys.version_info < (3, 11), reason="csv reads NUL from Python 3.11")
def test_hundred_thousand_rows_with_garbage(tmp_path: Path) -> None:
    rng = random.Random(15)
    made = [_garbage(rng, i) for i in range(100_000)]
    path = tmp_path / "garbage.csv"
    path.write_bytes("id,完成时限,备注\r\n".encode() + b"".join(row for row, _, _ in made))
    out = _streamed(path, "--jobs", "1", "--raw-formulas")  # junk may begin with = + - @
    rows = list(csv.reader(io.StringIO(out.decode("utf-8", "surrogateescape"), newline="")))
    assert len(rows) == 1 + len(made)  # rows in = rows out
    for i, (row, (_, note, kind)) in enumerate(zip(rows[1:], made, strict=True)):
        assert row[0] == str(i)
        expected = note.decode("utf-8", "surrogateescape") if isinstance(note, bytes) else note
        assert row[2] == expected, (i, kind)
        if kind == "gbk":
            assert "read as GB18030" in row[3 + ERROR]
        elif kind == "junk":
            assert "undecodable bytes kept as they are" in row[3 + ERROR]
    # the junk bytes themselves are in the output, byte for byte
    junk = [note for _, note, kind in made if kind == "junk"]
    assert all(_field(note) in out for note in junk[:200])


def _lines(data: bytes) -> Iterator[str]:  # pragma: no cover - debugging aid
    yield from io.StringIO(data.decode("utf-8", "surrogateescape"), newline="")


def test_bom_and_header_only(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(codecs.BOM_UTF8 + "id,完成时限\r\n".encode())
    assert _streamed(path) == _in_memory(path)
    assert _streamed(path).startswith(codecs.BOM_UTF8)


def test_empty_input_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"")
    _streamed(path, code=2)
    assert "empty" in capsys.readouterr().err
