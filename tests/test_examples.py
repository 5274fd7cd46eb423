"""The example tables in examples/: their shape, their provenance, and the README's command."""

from __future__ import annotations

import csv
import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

from shixian.cli import main
from shixian.io.annotate import ADDED_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = Path(os.environ.get("SHIXIAN_SEEDS", "/work/shared/seeds"))
COLUMNS = ["序号", "工作任务", "具体要求", "牵头单位", "完成时限"]
FILES = {"shenzhen_2016.csv": 68, "guangdong_2016.csv": 88}


def _rows(name: str) -> list[list[str]]:
    with (EXAMPLES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "count"), FILES.items())
def test_shape(name: str, count: int) -> None:
    data = (EXAMPLES / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    rows = _rows(name)
    assert rows[0] == COLUMNS
    assert len(rows) == count + 1
    for row in rows[1:]:
        assert len(row) == 5
        assert all(row), f"empty cell (all merged cells are filled down): {row}"
        assert all(c == c.strip() and "\u00a0" not in c for c in row)
        assert row[0].isdigit()


@pytest.mark.parametrize("name", FILES)
def test_tasks_are_numbered_in_order(name: str) -> None:
    serials = [int(r[0]) for r in _rows(name)[1:]]
    assert serials == sorted(serials)
    assert sorted(set(serials)) == list(range(1, max(serials) + 1))


def test_guangdong_cells_as_in_the_seed() -> None:
    rows = {r[2]: r for r in _rows("guangdong_2016.csv")[1:]}
    deadlines = {r[4] for r in rows.values()}
    assert {"2016 年 12 月底前完成", "2016年3月 月底前完成", "中考3月 高考11月"} <= deadlines
    # rows 7–13 of task 2 lost their first cells in the dump
    shifted = rows["7.每季度公示旅游投诉情况。"]
    assert shifted[0] == "2"
    assert shifted[3] == "省旅游局，各地级以上市、县（市、区）政府"
    assert shifted[4] == "全年工作"
    assert rows["10.及时主动在政府门户网站公布专利行政执法案件信息。"][3].startswith("省知识产权局")
    # a 完成时限 that landed in the sixth column
    assert (
        rows[
            "4.根据环境保护部正在修订的《建设项目环境影响评价公众参与办法》要求,"
            "督促指导建设单位按时公开环评信息,推进建设项目环境影响评价公众参与。"
        ][4]
        == "按环保部修订发布后的时间要求完成"
    )
    # a merged 完成时限 filled down
    assert rows["4.公开机构检验资格许可等行政审批信息。"][4] == "2016 年 12 月底前完成"


def test_shenzhen_merged_cells_filled_down() -> None:
    rows = _rows("shenzhen_2016.csv")[1:]
    task3 = [r for r in rows if r[0] == "3"]
    assert len(task3) == 2
    assert task3[1][3] == task3[0][3] == "市发展改革委,市经贸信息委,市市场和质量监管委"
    assert [r[4] for r in rows if r[0] == "20"] == [
        "2017年1月",
        "2017年1月",
        "2016年12月底前",
        "2017年2月底前",
    ]
    assert "全年工作" in {r[4] for r in rows if r[0] == "12"}  # seed: "全年工作 " + NBSP


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_make_examples_reproduces_the_files(tmp_path: Path) -> None:
    assert _maker().main([str(SEEDS), str(tmp_path)]) == 0
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name


def test_fill_down_refuses_a_task_without_its_own_deadline() -> None:
    maker = _maker()
    rows = [
        dict(zip(COLUMNS, ["1", "任务", "要求", "市编办", "全年工作"], strict=True)),
        dict(zip(COLUMNS, ["2", "任务", "要求", "市编办", ""], strict=True)),
    ]
    with pytest.raises(ValueError, match="starts without 完成时限"):
        maker.fill_down(rows)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("guangdong_2016.csv", "2016-05-01"),
        ("shenzhen_2016.csv", "2016-07-01"),
    ],
)
def test_readme_command_normalizes_every_row(
    name: str, reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    argv = ["table", str(EXAMPLES / name), "--column", "完成时限", "--reference", reference]
    assert main([*argv, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    count = FILES[name]
    assert f"{count} rows, {count} normalized, 0 errors" in err
    with out.open(encoding="utf-8", newline="") as handle:
        result = list(csv.reader(handle))
    assert [r[:5] for r in result] == _rows(name)
    assert result[0][5:] == list(ADDED_COLUMNS)
