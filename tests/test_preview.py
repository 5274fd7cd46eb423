"""The terminal preview of ``shixian table``: its width and content on a fixed-size
terminal (in process and through a real pseudo-terminal), and the piped output unchanged."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shixian.cli import main
from shixian.cli.preview import _fit
from shixian.cli.report import Report
from shixian.io.annotate import Annotation

from .test_cli import EXAMPLES, REF, subprocess_env, write_csv

pytest.importorskip("rich")

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class _Tty(io.StringIO):
    """A text stream that says it is a terminal (with a binary buffer, like sys.stdout)."""

    def __init__(self) -> None:
        super().__init__()
        self.raw = io.BytesIO()

    def isatty(self) -> bool:
        return True

    @property
    def buffer(self) -> io.BytesIO:
        return self.raw


def _cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _preview(monkeypatch: pytest.MonkeyPatch, columns: int, *argv: str) -> tuple[int, str, str]:
    out, err = _Tty(), io.StringIO()
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(list(argv))
    assert out.raw.getvalue() == b"", "the preview must not write the table"
    return code, ANSI.sub("", out.getvalue()), err.getvalue()


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_preview_fits_the_terminal_and_shows_the_rows(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    src = EXAMPLES / "guangdong_2016.csv"
    code, shown, err = _preview(
        monkeypatch, columns, "table", str(src), "-c", "完成时限", "-r", REF
    )
    assert code == 0
    assert err == ""  # the reference was given; nothing else goes to stderr
    lines = shown.splitlines()
    assert all(_cell_width(line) <= columns for line in lines), max(map(_cell_width, lines))
    header = lines[0].split()
    assert header[0] == "#" and header[1].startswith("工作")
    assert header[-3:] == ["kind", "dates", "notes"]
    # row 1 of the Guangdong table: 2016 年 12 月底前完成 → deadline 2016-12-31
    first = lines[1]
    assert first.split()[0] == "1" and "deadline" in first and "2016-12-31" in first
    # every data row is shown, numbered 1…88, then the report
    numbers = [line.split()[0] for line in lines[1:89]]
    assert numbers == [str(n) for n in range(1, 89)]
    text = "\n".join(lines)
    assert "88 rows, 88 normalized, 0 errors, 3 ambiguous" in text
    assert "kinds: " in text and "deadline" in text.split("kinds: ")[1]
    # 2016年7月前完成 is row 63 of the table (counted by hand from the file)
    squeezed = "".join(text.split())  # the report folds long lines anywhere
    assert "row63:2016年7月前:due2016-07-31,otherreading2016-06-30" in squeezed
    assert "-o OUT.csv" in text


def test_preview_rows_on_a_wide_terminal_hold_the_whole_dates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src = EXAMPLES / "guangdong_2016.csv"
    _, shown, _ = _preview(monkeypatch, 120, "table", str(src), "-c", "完成时限", "-r", REF)
    window = next(line for line in shown.splitlines() if line.split()[:1] == ["6"])
    # row 6: 全年工作 → the whole of 2016, the year taken from the reference
    assert "全年工作" in window and "window" in window
    assert "2016-01-01 → 2016-12-31" in window and "year inferred" in window


def test_preview_lists_failing_rows_with_reasons(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    src = tmp_path / "plan.csv"
    write_csv(
        src,
        [
            ["序号", "工作任务", "完成时限"],
            ["1", "公开目录", "2016年7月底前"],
            ["2", "空行", ""],
            ["3", "信箱", "加强省长网上信箱留言受理与回应"],
        ],
    )
    code, shown, _ = _preview(monkeypatch, 100, "table", str(src), "-r", REF, "--strict")
    assert code == 1
    text = " ".join(shown.split())
    assert "3 rows, 1 normalized, 2 errors, 0 ambiguous" in text
    assert "errors: row 2: empty; row 3: 加强省长网上信箱留言受理与回应: " in text
    row3 = next(line for line in shown.splitlines() if line.split()[:1] == ["3"])
    assert "error:" in row3


def test_preview_row_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"]] + [[str(i), "全年工作"] for i in range(30)])
    _, shown, _ = _preview(monkeypatch, 80, "table", str(src), "-r", REF, "--preview-rows", "5")
    lines = shown.splitlines()
    assert [line.split()[0] for line in lines[1:6]] == ["1", "2", "3", "4", "5"]
    assert "… 25 more rows not shown (of 30)" in shown
    assert "30 rows, 30 normalized" in shown


def test_no_reference_is_said_once_on_stderr(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "2016年7月底前"], ["2", "2016年8月底前"]])
    _, _, err = _preview(monkeypatch, 80, "table", str(src))
    assert err.count("no --reference given") == 1
    assert "today" in err


@pytest.mark.parametrize("reference", ["2016/05/01", "2016年5月1日", "2016-05-01", "2016.5.1"])
def test_reference_forms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, reference: str) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "全年工作"]])
    out = tmp_path / "out.csv"
    assert main(["table", str(src), "-r", reference, "-o", str(out), "-q"]) == 0
    # 全年工作 against 2016-05-01: the whole of 2016
    assert (
        out.read_text(encoding="utf-8")
        .splitlines()[1]
        .startswith("1,全年工作,window,2016-12-31,2016-01-01,2016-12-31")
    )


def test_piped_output_is_the_table_byte_for_byte(tmp_path: Path) -> None:
    """Piped (not a terminal), stdout is exactly the file -o writes; so is --no-preview."""
    src = EXAMPLES / "shenzhen_2016.csv"
    out = tmp_path / "out.csv"
    base = [sys.executable, "-m", "shixian", "table", str(src), "-c", "完成时限", "-r", REF]
    piped = subprocess.run(base, capture_output=True, env=subprocess_env(), check=True)
    subprocess.run([*base, "-o", str(out)], capture_output=True, env=subprocess_env(), check=True)
    assert piped.stdout == out.read_bytes()
    assert piped.stdout.startswith(src.read_bytes().split(b"\n")[0].rstrip(b"\r"))
    assert b"\x1b[" not in piped.stdout


def test_no_preview_on_a_terminal_writes_the_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "2016年7月底前"]])
    out = _Tty()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["table", str(src), "-r", REF, "--no-preview", "-q"]) == 0
    header, row, end = out.raw.getvalue().decode().split("\r\n")
    from shixian.io.annotate import ADDED_COLUMNS

    assert header == ",".join(["id", "完成时限", *ADDED_COLUMNS])
    assert row.startswith("1,2016年7月底前,deadline,2016-07-31,,2016-07-31,")
    assert end == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_preview_through_a_real_pseudo_terminal() -> None:
    """A real terminal of 72 columns: the preview, not CSV, and no line wider than 72."""
    import pty
    import select
    import struct

    master, slave = pty.openpty()
    try:
        import fcntl
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 72, 0, 0))
        env = subprocess_env()
        env.pop("COLUMNS", None)
        env.update({"TERM": "xterm-256color", "LINES": "40"})
        src = EXAMPLES / "shenzhen_2016.csv"
        proc = subprocess.Popen(
            [sys.executable, "-m", "shixian", "table", str(src), "-c", "完成时限", "-r", REF],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
        )
        os.close(slave)
        slave = -1
        chunks: list[bytes] = []
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    shown = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    lines = [line for line in shown.split("\n") if line.strip()]
    assert lines[0].split()[0] == "#" and lines[0].split()[1].startswith("工作")
    assert not any(",deadline," in line for line in lines)
    assert all(_cell_width(line) <= 72 for line in lines)
    assert any(line.split()[:1] == ["1"] and "2016-12-31" in line for line in lines)


@settings(max_examples=200, deadline=None)
@given(
    natural=st.lists(st.integers(1, 200), min_size=6, max_size=6),
    total=st.integers(40, 300),
    title=st.booleans(),
)
def test_fit_never_exceeds_the_width_when_it_can(
    natural: list[int], total: int, title: bool
) -> None:
    keep = [i for i in range(6) if i != 1 or title]
    widths = _fit(natural, keep, total)
    gaps = 2 * (len(keep) - 1)
    floors = {0: natural[0], 1: 6, 2: 8, 3: natural[3], 4: 10, 5: 8}
    least = sum(min(natural[i], floors[i]) for i in keep) + gaps
    used = sum(widths[i] for i in keep) + gaps
    assert all(w <= n for w, n in zip(widths, natural, strict=True))  # never wider than needed
    if least <= total:
        assert used <= total
    else:
        assert all(widths[i] <= max(floors[i], 0) or widths[i] == natural[i] for i in keep)


def test_report_keeps_the_first_rows_of_each_problem() -> None:
    report = Report(limit=2)
    for n in range(1, 6):
        report.add(n, f"坏{n}", Annotation(error="unrecognized"), None)
    lines = report.lines()
    assert lines[0] == "5 rows, 0 normalized, 5 errors, 0 ambiguous"
    assert lines[-1] == "errors: row 1: 坏1: unrecognized; row 2: 坏2: unrecognized; … and 3 more"
