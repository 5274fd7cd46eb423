"""The fast path of the streamed table and its worker processes.

:func:`shixian.cli.chunks_fast.line_pattern` must accept a line only when parsing
it and writing the record again gives the line back (then copying the line is the
same as parsing and writing it), and must accept every such line of the right width
(else the fast path would rarely be taken). Then, on raw CSV text written by hand
from pieces a csv writer would never produce (over-quoted cells, stray quotes,
empty quoted cells, formula-like cells, blank lines, ragged rows, records over
several lines), the streamed output is the in-memory one, the fast path took the
chunks it can, and ``--jobs 2`` (workers writing into the output file at the
offsets the parent gives, or sending the bytes when the output is a pipe) writes
the same bytes as ``--jobs 1``.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from shixian.cli import chunks as chunks_module
from shixian.cli import main
from shixian.cli.chunkpool import positional
from shixian.cli.chunks_fast import line_pattern
from shixian.io import stream
from shixian.io.safety import FORMULA_STARTS
from shixian.io.tables import RowWriter

from .conftest import ROOT
from .test_stream import PHRASES, _in_memory, _streamed

CHARS = 'ab,"\t 时限=-＝3'
#: Pieces of a raw cell: plain text, a quoted cell (even an over-quoted one), a stray quote.
PIECE = st.one_of(
    st.sampled_from(PHRASES),
    st.text(st.sampled_from(CHARS), max_size=6),
    st.text(st.sampled_from(CHARS), max_size=6).map(lambda t: '"' + t.replace('"', '""') + '"'),
    st.just('""'),
    st.just('a"b'),
)


def _parse(line: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(line, newline=""), delimiter=delimiter))


def _write(record: list[str], delimiter: str) -> str:
    sink = io.StringIO(newline="")
    RowWriter(sink, delimiter, "\n").writerow(record)
    return sink.getvalue()[:-1]


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(PIECE, min_size=1, max_size=4),
    tsv=st.booleans(),
    formulas=st.booleans(),
    data=st.data(),
)
def test_a_line_is_accepted_only_when_it_is_written_back_as_read(
    cells: list[str], tsv: bool, formulas: bool, data: st.DataObject
) -> None:
    delimiter = "\t" if tsv else ","
    line = delimiter.join(cells)
    width = data.draw(st.integers(1, 5))
    column = data.draw(st.integers(0, width - 1))
    pattern = line_pattern(delimiter.encode(), width, column, formulas=formulas)
    match = pattern.fullmatch(line.encode())
    records = _parse(line + "\n", delimiter)
    canonical = (
        len(records) == 1
        and len(records[0]) == width
        and _write(records[0], delimiter) == line
        and not (formulas and any(c[:1] in FORMULA_STARTS for c in records[0]))
        and records[0] != [""]  # one empty cell: written "" (a line of its own is blank)
    )
    if match is not None:
        assert canonical or line == ""
        if line:
            phrase = match[1].decode()
            if phrase.startswith('"'):
                phrase = phrase[1:-1].replace('""', '"')
            assert phrase == records[0][column]
    else:
        assert not canonical


@settings(max_examples=200, deadline=None)
@given(
    record=st.lists(st.text(st.sampled_from(CHARS), max_size=6), min_size=1, max_size=4),
    tsv=st.booleans(),
    formulas=st.booleans(),
    data=st.data(),
)
def test_every_line_a_writer_writes_is_accepted(
    record: list[str], tsv: bool, formulas: bool, data: st.DataObject
) -> None:
    """Unless a cell starts like a formula (when those are neutralised)."""
    delimiter = "\t" if tsv else ","
    if record == [""]:
        return  # written "", which reads back as one empty cell: parsed, not copied
    column = data.draw(st.integers(0, len(record) - 1))
    pattern = line_pattern(delimiter.encode(), len(record), column, formulas=formulas)
    line = _write(record, delimiter).encode()
    formula = formulas and any(cell[:1] in FORMULA_STARTS for cell in record)
    assert (pattern.fullmatch(line) is not None) == (not formula)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.one_of(
            st.lists(PIECE, min_size=3, max_size=3).map(",".join),
            st.lists(PIECE, min_size=0, max_size=2).map(",".join),  # short, blank
            st.just('1,"多行\n备注",2016年7月底前'),  # a record over two lines
        ),
        max_size=30,
    ),
    crlf=st.booleans(),
    chunk=st.sampled_from([16, 64, 1 << 20]),
)
def test_hand_written_csv_streams_as_in_memory(
    lines: list[str],
    crlf: bool,
    chunk: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(stream, "CHUNK_BYTES", chunk)
    ending = "\r\n" if crlf else "\n"
    body = ending.join(lines)
    # a row longer than the header widens the in-memory table: not comparable
    assume(all(len(r) <= 3 for r in _parse(body, ",")))
    path = tmp_path / "t.csv"
    path.write_bytes(("序号,完成时限,备注" + ending + body + ending).encode())
    out = path.with_name("t.out.csv")
    argv = ["table", str(path), "-r", "2016-05-01", "-o", str(out), "-q", "--force"]
    code = main([*argv, "-c", "完成时限"])
    if code == 2:  # a quote never closed, which the in-memory reader reads to the end
        assert "never closed" in capsys.readouterr().err
        return
    assert out.read_bytes() == _in_memory(path, "-c", "完成时限")
    raw = _in_memory(path, "-c", "完成时限", "--raw-formulas")
    assert _streamed(path, "-c", "完成时限", "--raw-formulas") == raw


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.tuples(
            st.one_of(
                st.lists(PIECE, min_size=3, max_size=3).map(",".join),
                st.just('1,"多行\n备注",2016年7月底前'),
            ),
            st.sampled_from(["utf-8", "utf-8", "gbk", "junk"]),
        ),
        max_size=25,
    ),
    chunk=st.sampled_from([16, 64, 1 << 20]),
    raw=st.booleans(),
)
def test_lines_in_another_encoding_stream_as_in_memory(
    lines: list[tuple[str, str]],
    chunk: int,
    raw: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """GBK rows and undecodable bytes among UTF-8 ones: read as the in-memory path reads
    them (each such row flagged), the UTF-8 rows around them still copied."""
    monkeypatch.setattr(stream, "CHUNK_BYTES", chunk)
    body = b""
    for text, encoding in lines:
        if encoding == "junk":
            body += text.encode() + b",\xff\xfe\x80"
        else:
            body += text.encode(encoding, "replace")
        body += b"\n"
    assume(all(len(r) <= 3 for r in _parse(body.decode("utf-8", "replace"), ",")))
    path = tmp_path / "t.csv"
    path.write_bytes("序号,完成时限,备注\n".encode() + body)
    options = ["-c", "完成时限", *(["--raw-formulas"] if raw else [])]
    out = path.with_name("t.out.csv")
    argv = ["table", str(path), "-r", "2016-05-01", "-o", str(out), "-q", "--force"]
    if main([*argv, *options]) == 2:  # a quote never closed
        return
    assert out.read_bytes() == _in_memory(path, *options)


def _table(n: int, *, stray: bool = False) -> str:
    rows = ["序号,完成时限,具体要求"]
    for i in range(n):
        phrase = PHRASES[i % len(PHRASES)]
        note = f'"第{i}项,含逗号"' if i % 3 == 0 else f"备注{i}"
        if i % 50 == 7:
            note = f'"跨行\n备注{i}"'
        if stray and i % 40 == 3:
            note = f'他说"好{i}'
        if i % 60 == 11:
            note = f"-{i}项"  # formula-like: parsed and neutralised
        rows.append(f'{i},"{phrase}",{note}' if "," in phrase else f"{i},{phrase},{note}")
    return "\n".join(rows) + "\n"


def test_the_fast_path_takes_the_chunks_it_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    real = chunks_module.fast_chunk

    def counted(job, data, **options):  # type: ignore[no-untyped-def]
        result = real(job, data, **options)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(chunks_module, "fast_chunk", counted)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 4096)
    path = tmp_path / "t.csv"
    path.write_text(_table(600), encoding="utf-8")
    assert _streamed(path) == _in_memory(path)
    assert taken and all(taken)  # quoted cells, a record over two lines, formulas: all fast
    taken.clear()
    path.write_text(_table(600, stray=True), encoding="utf-8")
    assert _streamed(path) == _in_memory(path)
    assert not all(taken)  # a stray quote: those chunks go line by line


@pytest.mark.parametrize("stray", [False, True])
def test_jobs_two_writes_into_the_file_what_jobs_one_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stray: bool
) -> None:
    monkeypatch.setattr(stream, "CHUNK_BYTES", 2048)
    path = tmp_path / "t.csv"
    path.write_text(_table(1500, stray=stray), encoding="utf-8-sig")
    one = _streamed(path, "--jobs", "1")
    assert _streamed(path, "--jobs", "2") == one
    assert _streamed(path, "--jobs", "3", "-f", "tsv") == _streamed(
        path, "--jobs", "1", "-f", "tsv"
    )
    assert one == _in_memory(path)


def test_jobs_two_to_a_pipe_sends_the_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(stream, "CHUNK_BYTES", 2048)
    path = tmp_path / "t.csv"
    path.write_text(_table(800), encoding="utf-8")
    assert main(["table", str(path), "-r", "2016-05-01", "-q", "--jobs", "2", "-f", "csv"]) == 0
    assert capsysbinary.readouterr().out == _in_memory(path)


def test_workers_write_only_into_a_regular_file_at_an_offset(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    with open(path, "wb") as out:
        assert positional(out) == out.fileno()
    with open(path, "ab") as out:  # >>: every write appends, whatever the offset
        assert positional(out) is None
    assert positional(io.BytesIO()) is None
    read, write = os.pipe()
    with open(write, "wb") as out, open(read, "rb"):
        assert positional(out) is None


def test_a_quote_opened_on_the_last_line_fails_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last chunk may not know it is the last (the input ended right after it)."""
    monkeypatch.setattr(stream, "CHUNK_BYTES", 16)
    path = tmp_path / "t.csv"
    path.write_text('序号,完成时限,备注\n2016年7月底前,"",a"b\n"\n', encoding="utf-8")
    _streamed(path, "-c", "完成时限", code=2)
    assert "line 3: a quote opens a cell here and is never closed" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_what_follows_on_stdout_comes_after_the_table(tmp_path: Path, jobs: str) -> None:
    """Written at offsets into a file on stdout, the table leaves the file's position
    at its end: a later write to the same stdout goes after it, not over it."""
    path = tmp_path / "t.csv"
    path.write_text(_table(300), encoding="utf-8")
    out = tmp_path / "out.csv"
    script = (
        "import sys; from shixian.cli import main; "
        f"code = main(['table', {str(path)!r}, '-r', '2016-05-01', '-q', '-f', 'csv', "
        f"'--jobs', {jobs!r}]); sys.stdout.write('done\\n'); sys.exit(code)"
    )
    with open(out, "wb") as handle:
        subprocess.run([sys.executable, "-c", script], stdout=handle, check=True, cwd=ROOT)
    assert out.read_bytes() == _in_memory(path) + b"done\n"
