"""Rebuild the example tables from the seed documents.

Usage::

    python examples/make_examples.py [SEEDS_DIR] [OUT_DIR]

``SEEDS_DIR`` defaults to ``/work/shared/seeds`` (or ``$SHIXIAN_SEEDS``),
``OUT_DIR`` to the directory of this script. It writes

* ``shenzhen_2016.csv`` from ``000_*.txt``, a web-page dump of the Shenzhen
  table in which every cell stands on a line of its own;
* ``guangdong_2016.csv`` from ``002_*.txt``, a tab-separated dump of the
  Guangdong table with the header repeated at each page break.

Both CSVs are UTF-8 with the columns 序号, 工作任务, 具体要求, 牵头单位, 完成时限 and
one row per 具体要求 cell. Cells the table merges across rows (so the dump
leaves them out or blank) are filled down from the row above, which is what a
reader of the table sees. See ``README.md`` next to this script.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

COLUMNS = ("序号", "工作任务", "具体要求", "牵头单位", "完成时限")
FILL_DOWN = ("序号", "工作任务", "牵头单位", "完成时限")

Row = dict[str, str]

# A 完成时限 cell of the Shenzhen table: a year-dated phrase or 全年工作.
_SZ_DEADLINE = re.compile(r"\d{4}\s*年|全年工作")
_SERIAL = re.compile(r"\d+")
_CELL_SPACE = " \t\u00a0\u3000"


def _cell(text: str) -> str:
    """A cell as a reader sees it: the dump's padding (spaces, NBSP) trimmed."""
    return text.strip(_CELL_SPACE)


def fill_down(rows: Iterable[Row]) -> list[Row]:
    """Fill the merged columns (:data:`FILL_DOWN`) down from the row above.

    A row that starts a new 序号 must carry its own 牵头单位 and 完成时限: this
    converter never carries them from one task into the next.
    """
    out: list[Row] = []
    previous: Row = {}
    for row in rows:
        row = dict(row)
        new_task = bool(row["序号"]) and row["序号"] != previous.get("序号")
        for column in FILL_DOWN:
            if not row[column]:
                if new_task and column in ("牵头单位", "完成时限"):
                    raise ValueError(f"task {row['序号']} starts without {column}: {row}")
                row[column] = previous.get(column, "")
        if not all(row[c] for c in COLUMNS):
            raise ValueError(f"row still has an empty cell after filling down: {row}")
        out.append(row)
        previous = row
    return out


def parse_shenzhen(text: str) -> list[Row]:
    """Rows of the Shenzhen table, from the web-page dump (one cell per line).

    The dump loses the table's structure, so each line is classified: a bare
    number starts a task (序号) and the next line is its 工作任务; a line ending
    in 。 is a 具体要求; after it, a line naming a year or 全年工作 is the
    完成时限 and any other line is the 牵头单位.
    """
    lines = [_cell(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    try:
        begin = lines.index("序号")
    except ValueError as exc:
        raise ValueError("no header row (序号) in the Shenzhen seed") from exc
    if tuple(lines[begin : begin + 5]) != ("序号", "工作任务", "具体要求", "牵头单位", "完成时限"):
        raise ValueError(f"unexpected header: {lines[begin : begin + 5]}")
    rows: list[Row] = []
    serial = task = ""
    expect_task = False
    for line in lines[begin + 5 :]:
        if line == "触碰右侧展开":  # the page footer after the table
            break
        if expect_task:
            task, expect_task = line, False
        elif _SERIAL.fullmatch(line):
            serial, task, expect_task = line, "", True
        elif line.endswith("。"):
            rows.append(dict(zip(COLUMNS, (serial, task, line, "", ""), strict=True)))
            serial = task = ""  # later items of the task: merged cells
        elif not rows:
            raise ValueError(f"cell before the first 具体要求: {line!r}")
        elif _SZ_DEADLINE.search(line):
            rows[-1]["完成时限"] = line
        else:
            rows[-1]["牵头单位"] = line
    return fill_down(rows)


def _guangdong_cells(fields: Sequence[str]) -> tuple[str, str, str, str, str]:
    """Map one tab-separated data line of the Guangdong dump onto the 5 columns."""
    fields = list(fields)
    first = fields[0]
    if first and not _SERIAL.fullmatch(first):
        # Rows 7–13 of task 2 (after a page break) lost their first two cells:
        # the line is 具体要求, (empty), 牵头单位, 完成时限, (empty).
        if len(fields) != 5 or fields[1] or fields[4]:
            raise ValueError(f"unexpected shifted row: {fields}")
        return ("", "", first, fields[2], fields[3])
    if len(fields) == 6:
        # The page of tasks 16–17 has a sixth, empty column; two 完成时限 cells
        # landed in it instead of the fifth.
        if fields[4] and fields[5]:
            raise ValueError(f"two 完成时限 cells: {fields}")
        fields = [*fields[:4], fields[4] or fields[5]]
    if len(fields) != 5:
        raise ValueError(f"expected 5 cells, got {len(fields)}: {fields}")
    a, b, c, d, e = fields
    return (a, b, c, d, e)


def parse_guangdong(text: str) -> list[Row]:
    """Rows of the Guangdong table, from the tab-separated dump.

    Header lines (序号 …), repeated at every page break, and blank lines are
    dropped; the header's 牵头落实单位 becomes 牵头单位.
    """
    rows: list[Row] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "序号":
            continue
        cells = _guangdong_cells(fields)
        rows.append(dict(zip(COLUMNS, (_cell(c) for c in cells), strict=True)))
    return fill_down(rows)


def write_csv(rows: Sequence[Row], path: Path) -> None:
    """Write rows as UTF-8 CSV (no BOM, ``\\n`` line ends) with a header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _seed(seeds: Path, prefix: str) -> Path:
    found = sorted(seeds.glob(f"{prefix}_*.txt"))
    if len(found) != 1:
        raise SystemExit(f"expected one {prefix}_*.txt in {seeds}, found {len(found)}")
    return found[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Convert both seeds; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    seeds = Path(args[0] if args else os.environ.get("SHIXIAN_SEEDS", "/work/shared/seeds"))
    out = Path(args[1]) if len(args) > 1 else Path(__file__).resolve().parent
    jobs = (
        ("000", parse_shenzhen, "shenzhen_2016.csv"),
        ("002", parse_guangdong, "guangdong_2016.csv"),
    )
    for prefix, parse, name in jobs:
        source = _seed(seeds, prefix)
        rows = parse(source.read_text(encoding="utf-8"))
        write_csv(rows, out / name)
        print(f"{source.name} -> {out / name}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
