"""The command line, end to end: ``main(argv)`` in process, and ``python -m shixian``."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shixian
from shixian.cli import main
from shixian.io.annotate import ADDED_COLUMNS
from shixian.io.safety import neutralize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REF = "2016-05-01"
UNRECOGNIZED = "加强省长网上信箱留言受理与回应"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path: Path | str, encoding: str = "utf-8") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("shixian: error: "), err
    assert "Traceback" not in err
    return lines[0]


# -- shixian normalize -------------------------------------------------------


def test_normalize_prints_phrase_tab_description(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "normalize", "2016年7月底前", "全年工作", "--reference", REF)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    for phrase, line in zip(["2016年7月底前", "全年工作"], lines, strict=True):
        expected = str(shixian.normalize(phrase, REF))
        assert line == f"{phrase}\t{expected}"
    assert err == ""


def test_normalize_failure_is_reported_on_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "normalize", UNRECOGNIZED, "全年工作", "-r", REF)
    assert code == 0
    first, second = out.splitlines()
    assert first.startswith(f"{UNRECOGNIZED}\terror: ")
    assert second.startswith("全年工作\t")


def test_normalize_strict_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "normalize", "--strict", "全年工作", "-r", REF)[0] == 0
    code, out, _ = run(capsys, "normalize", "--strict", UNRECOGNIZED, "全年工作", "-r", REF)
    assert code == 1
    assert len(out.splitlines()) == 2  # processing continued after the failure


def test_normalize_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "normalize", "--json", "-r", REF, "2016年7月底前", UNRECOGNIZED)
    assert code == 0
    good, bad = (json.loads(line) for line in out.splitlines())
    assert good == shixian.normalize("2016年7月底前", REF).to_dict()
    assert bad["text"] == UNRECOGNIZED
    assert bad["error_type"] == "UnrecognizedPhrase"
    assert "no time expression" in bad["error"]


def test_normalize_reads_stdin_line_by_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("2016年7月底前\r\n\n全年工作\n"))
    code, out, _ = run(capsys, "normalize", "-r", REF)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3  # one output line per input line, blank lines included
    assert lines[0].startswith("2016年7月底前\t")
    assert lines[1] == "\terror: empty"
    assert lines[2].startswith("全年工作\t")


def test_bad_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "normalize", "全年工作", "--reference", "2016-13-01")
    assert code == 2
    assert out == ""
    assert "2016-13-01" in one_error_line(err)


def test_no_command_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2
    assert "normalize" in err
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("shixian ")


def test_usage_error_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "table")
    assert code == 2
    assert "FILE" in err


# -- shixian table -----------------------------------------------------------


def test_table_on_the_guangdong_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = EXAMPLES / "guangdong_2016.csv"
    out = tmp_path / "out.csv"
    code, stdout, err = run(
        capsys, "table", str(src), "--column", "完成时限", "-r", REF, "-o", str(out)
    )
    assert code == 0
    assert stdout == ""
    rows_in, rows_out = read_csv(src), read_csv(out)
    assert len(rows_out) == len(rows_in) == 89
    assert rows_out[0] == rows_in[0] + list(ADDED_COLUMNS)
    assert [r[:5] for r in rows_out] == rows_in
    by_phrase = {r[4]: dict(zip(rows_out[0][5:], r[5:], strict=True)) for r in rows_out[1:]}
    assert by_phrase["2016 年 12 月底前完成"]["kind"] == "deadline"
    assert by_phrase["2016 年 12 月底前完成"]["due"] == "2016-12-31"
    assert by_phrase["全年工作"]["kind"] == "window"
    assert by_phrase["全年工作"]["start"] == "2016-01-01"
    assert by_phrase["全年工作"]["end"] == "2016-12-31"
    lines = err.strip().splitlines()
    summary = lines[0]
    assert summary.startswith("shixian: 88 rows, ")
    assert " normalized, " in summary and " errors, " in summary and summary.endswith(" ambiguous")
    assert lines[1].startswith("shixian: kinds: ")
    # rows 63, 64 and 88 are 2016年7月前完成, 2016年12月前完成, 2017年第1季度前完成
    assert lines[2].startswith("shixian: ambiguous: row 63: 2016年7月前: due 2016-07-31")


def test_table_to_stdout_in_the_input_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "plan.tsv"
    src.write_text("序号\t完成时限\n1\t2016年7月底前\n", encoding="utf-8")
    code, out, _ = run(capsys, "table", str(src), "-r", REF, "-q")
    assert code == 0
    header, row = out.splitlines()
    assert header.split("\t") == ["序号", "完成时限", *ADDED_COLUMNS]
    assert row.split("\t")[:4] == ["1", "2016年7月底前", "deadline", "2016-07-31"]


def test_table_guesses_the_column_with_shixian_in_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["任务", "完成时限"], ["a", "全年工作"]])
    code, out, _ = run(capsys, "table", str(src), "-r", REF, "-q")
    assert code == 0
    assert "window" in out
    write_csv(src, [["任务", "时间"], ["a", "全年工作"]])
    code, _, err = run(capsys, "table", str(src), "-r", REF)
    assert code == 2
    assert "--column" in one_error_line(err)


def test_table_jsonl_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "2016年7月底前"], ["2", ""]])
    code, out, _ = run(
        capsys, "table", str(src), "-c", "完成时限", "-r", REF, "--format", "jsonl", "-q"
    )
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"] == "1"
    assert first["due"] == "2016-07-31"
    assert second["kind"] is None
    assert second["error"] == "empty"


def test_table_output_format_from_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "全年工作"]])
    out = tmp_path / "out.jsonl"
    assert run(capsys, "table", str(src), "-r", REF, "-o", str(out), "-q")[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["kind"] == "window"


def test_empty_and_failing_cells_keep_their_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "plan.csv"
    rows = [["id", "完成时限"], ["1", ""], ["2", UNRECOGNIZED], ["3", "   "], ["4", "全年工作"]]
    write_csv(src, rows)
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "table", str(src), "-c", "完成时限", "-r", REF, "-o", str(out))
    assert code == 0
    result = read_csv(out)
    assert [r[:2] for r in result] == rows
    error = result[0].index("error")
    kind = result[0].index("kind")
    assert [r[kind] for r in result[1:]] == ["", "", "", "window"]
    assert result[1][error] == "empty"
    assert "no time expression" in result[2][error]
    assert result[3][error] == "empty"
    assert result[4][error] == ""
    assert "4 rows, 1 normalized, 3 errors, 0 ambiguous" in err


def test_table_strict_exit_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "全年工作"]])
    assert run(capsys, "table", str(src), "-r", REF, "--strict", "-q")[0] == 0
    write_csv(src, [["id", "完成时限"], ["1", "全年工作"], ["2", UNRECOGNIZED]])
    assert run(capsys, "table", str(src), "-r", REF, "-q")[0] == 0
    code, out, _ = run(capsys, "table", str(src), "-r", REF, "--strict", "-q")
    assert code == 1
    assert len(out.splitlines()) == 3  # the table is still written


def test_table_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "table", str(tmp_path / "nope.csv"), "-c", "完成时限")
    assert code == 2
    assert out == ""
    assert "nope.csv: no such file" in one_error_line(err)


def test_table_unknown_column_lists_columns(capsys: pytest.CaptureFixture[str]) -> None:
    src = EXAMPLES / "shenzhen_2016.csv"
    code, out, err = run(capsys, "table", str(src), "--column", "完成时间", "-r", REF)
    assert code == 2
    assert out == ""
    line = one_error_line(err)
    assert "'完成时间'" in line
    assert "'序号', '工作任务', '具体要求', '牵头单位', '完成时限'" in line


def test_table_bad_reference(capsys: pytest.CaptureFixture[str]) -> None:
    src = EXAMPLES / "shenzhen_2016.csv"
    code, out, err = run(capsys, "table", str(src), "-c", "完成时限", "--reference", "2016-13-01")
    assert code == 2
    assert out == ""
    assert "2016-13-01" in one_error_line(err)


def test_table_undecodable_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    src.write_bytes("完成时限\n全年工作\n".encode("gbk"))
    code, _, err = run(capsys, "table", str(src), "--encoding", "utf-8")
    assert code == 2
    assert "cannot decode" in one_error_line(err)


def test_table_gbk_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [["序号", "完成时限"], ["1", "2016年12月底前完成"], ["2", "全年工作"]]
    src = tmp_path / "gbk.csv"
    write_csv(src, rows, encoding="gbk")
    out = tmp_path / "out.csv"
    for extra in ([], ["--encoding", "gbk"]):
        code, _, _ = run(
            capsys, "table", str(src), "-r", REF, "-o", str(out), "--force", "-q", *extra
        )
        assert code == 0
        result = read_csv(out)  # output is UTF-8
        assert [r[:2] for r in result] == rows
        assert result[1][2:4] == ["deadline", "2016-12-31"]


def test_table_bom_input_keeps_the_bom(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [["序号", "完成时限"], ["1", "2016年12月底前完成"]]
    src = tmp_path / "bom.csv"
    write_csv(src, rows, encoding="utf-8-sig")
    out = tmp_path / "out.csv"
    assert run(capsys, "table", str(src), "-r", REF, "-o", str(out), "-q")[0] == 0
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + "序号".encode())
    assert read_csv(out, "utf-8-sig")[0][:2] == ["序号", "完成时限"]


def test_table_xlsx_needs_an_output_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["序号", "完成时限"])
    book.active.append([1, "2016年12月底前完成"])
    src = tmp_path / "plan.xlsx"
    book.save(src)
    code, out, err = run(capsys, "table", str(src), "-r", REF)
    assert code == 2
    assert "-o" in one_error_line(err)
    target = tmp_path / "out.xlsx"
    assert run(capsys, "table", str(src), "-r", REF, "-o", str(target), "-q")[0] == 0
    values = list(openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert values[1][:4] == (1, "2016年12月底前完成", "deadline", dt.datetime(2016, 12, 31))
    code, out, _ = run(capsys, "table", str(src), "-r", REF, "--format", "csv", "-q")
    assert code == 0
    assert out.splitlines()[1].startswith("1,2016年12月底前完成,deadline,2016-12-31")


def test_table_docx_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([["具体要求", "完成时限"], ["a", "全年工作"], ["b", "2016年7月底前"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    src = tmp_path / "plan.docx"
    document.save(str(src))
    code, out, _ = run(capsys, "table", str(src), "-r", REF, "-q")
    assert code == 0  # docx input: csv on stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert [r[:3] for r in rows] == [
        ["具体要求", "完成时限", "kind"],
        ["a", "全年工作", "window"],
        ["b", "2016年7月底前", "deadline"],
    ]


def test_table_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "id,完成时限\n1,全年工作\n".encode("gb18030")
    fake = io.TextIOWrapper(io.BytesIO(data), encoding="latin-1")
    monkeypatch.setattr(sys, "stdin", fake)
    code, out, _ = run(capsys, "table", "-", "-r", REF, "-q")
    assert code == 0
    assert out.splitlines()[1].startswith("1,全年工作,window")


def test_table_100k_rows_in_equal_rows_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pool = [
        "2016 年 12 月底前完成",
        "全年工作",
        "2016年7月底前",
        "每季度",
        "2017年第1季度完成",
        "按照省政府相关部署,全年工作",
        "",
        UNRECOGNIZED,
        "2016年2月30日前",
    ]
    header = ["编号", "说明", "完成时限", "备注"]
    rows = [header]
    for i in range(100_000):
        note = f'第{i}行, "引号"\n换行' if i % 997 == 0 else f"备注{i}"
        rows.append([f"{i:06d}", f"任务{i % 13}", pool[i % len(pool)], note])
    src = tmp_path / "big.csv"
    write_csv(src, rows)
    out = tmp_path / "big_out.csv"
    code, _, err = run(capsys, "table", str(src), "-c", "完成时限", "-r", REF, "-o", str(out))
    assert code == 0
    result = read_csv(out)
    assert len(result) == len(rows)
    # the input columns, written again the same way, are the input byte for byte
    again = io.StringIO(newline="")
    csv.writer(again).writerows(r[: len(header)] for r in result)
    assert again.getvalue().encode("utf-8") == src.read_bytes()
    assert all(len(r) == len(header) + len(ADDED_COLUMNS) for r in result)
    assert "100000 rows" in err


PHRASES = [
    "2016 年 12 月底前完成",
    "全年工作",
    "2016年7月前",
    "每季度",
    "中考3月 高考11月",
    "2017年第1季度前完成",
    "收到国家税收政策文件后及时转发",
    "按预算法规定时限完成。全部市县的部门决算公开完成时限为2016年12月底前",
    "2016年12月底前完成,后续不定期进行目录调整",
]
# arbitrary text, real phrases, and real phrases with arbitrary text around them
CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PHRASES),
    st.builds(
        lambda a, p, b: a + p + b,
        st.text(max_size=8),
        st.sampled_from(PHRASES),
        st.text(max_size=8),
    ),
    st.text(
        alphabet="0123456789年月日底前后内季度每周旬半上下至—-起止及时全工作第一二三十 ,，。",
        max_size=20,
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cells=st.lists(CELLS, min_size=0, max_size=12))
def test_arbitrary_cells_never_lose_a_row(
    cells: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["id", "完成时限", "other"]] + [[str(i), c, c[::-1]] for i, c in enumerate(cells)]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.csv"), Path(tmp, "out.csv")
        write_csv(src, rows)
        code = main(["table", str(src), "-c", "完成时限", "-r", REF, "-o", str(out), "-q"])
        capsys.readouterr()
        assert code == 0
        result = read_csv(out)
    assert len(result) == len(rows)
    # every cell as read, but formula-like text with a leading ' (see shixian.io.safety)
    assert [r[:3] for r in result] == [[neutralize(c) for c in row] for row in rows]
    error = result[0].index("error")
    kind = result[0].index("kind")
    for r in result[1:]:
        assert bool(r[kind]) != bool(r[error])  # normalized, or an error recorded


# -- shixian extract ---------------------------------------------------------


def test_extract_prints_json_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = "市编办负责，2016年12月底前完成；市政府各部门全年工作。"
    src = tmp_path / "notice.txt"
    src.write_bytes(text.encode("gbk"))
    code, out, _ = run(capsys, "extract", str(src), "-r", REF)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    expected = [m.to_dict() for m in shixian.extract(text, REF)]
    assert records == expected
    assert records, "the sample text has time expressions"
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]


def test_extract_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "extract", str(tmp_path / "none.txt"))
    assert code == 2
    assert "no such file" in one_error_line(err)


# -- python -m shixian -------------------------------------------------------


def test_python_m_shixian_table() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "shixian",
            "table",
            "examples/guangdong_2016.csv",
            "--column",
            "完成时限",
            "--reference",
            REF,
        ],
        cwd=ROOT,
        env=subprocess_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    assert len(rows) == 89
    assert rows[0][-len(ADDED_COLUMNS) :] == list(ADDED_COLUMNS)
    assert proc.stderr.decode().startswith("shixian: 88 rows")


def test_python_m_shixian_normalize_stdin_and_errors() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "shixian", "normalize", "--reference", REF],
        input="2016年7月底前\n全年工作\n".encode(),
        cwd=ROOT,
        env=subprocess_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) == 2
    proc = subprocess.run(
        [sys.executable, "-m", "shixian", "table", "missing.csv", "--column", "完成时限"],
        cwd=ROOT,
        env=subprocess_env(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert one_error_line(proc.stderr.decode())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_bar_only_on_a_terminal_and_not_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    pytest.importorskip("tqdm")
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"]] + [[str(i), "全年工作"] for i in range(50)])
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    argv = ["table", str(src), "-r", REF, "-o", str(tmp_path / "out.csv")]
    assert main(argv + (["--quiet"] if quiet else [])) == 0
    shown = terminal.getvalue()
    if quiet:
        assert shown == ""
    else:
        assert "shixian: 50 rows, 50 normalized, 0 errors, 0 ambiguous" in shown
        assert "%|" in shown  # the bar (over the input's bytes: a table is streamed)


def test_unwritable_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "plan.csv"
    write_csv(src, [["id", "完成时限"], ["1", "全年工作"]])
    target = tmp_path / "no" / "such" / "dir" / "out.csv"
    code, _, err = run(capsys, "table", str(src), "-r", REF, "-o", str(target), "-q")
    assert code == 2
    assert "cannot write" in one_error_line(err)
