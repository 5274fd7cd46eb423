"""The ``table`` command on a large CSV, end to end: run by hand.

    python benchmarks/bench_table.py [--rows 1000000] [--runs 1] [--json out.json]

Writes a CSV of ``--rows`` rows with the columns of the example tables (序号, 工作任务,
具体要求, 牵头单位, 完成时限) into a temporary directory, then times

    python -m shixian table FILE --column 完成时限 --reference 2016-05-01 -o OUT.csv --quiet

as a subprocess of the working tree's shixian (wall time, rows/s, the child's peak
RSS from ``wait4``), and checks that OUT has as many rows as FILE and the added
columns.

The 完成时限 cells are drawn (deterministically, ``--seed``) from the project's corpus
and the seed cells (``1 - noise`` of the rows), the rest being noise: text that is no
time (the negative corpus and task sentences), impossible dates, empty cells and
cells wrapped over two lines. ``--generated-fraction F`` replaces a fraction F of the
corpus draws with phrases from the generated set of ``bench_peers.py`` (mostly
distinct), to exercise the uncached path; by default a table repeats its phrases
the way real work plans do, and the per-table phrase cache is part of what is timed.
The other columns are drawn from the rows of ``examples/*.csv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

HEADER = ["序号", "工作任务", "具体要求", "牵头单位", "完成时限"]


def _phrases() -> tuple[list[str], list[str]]:
    """(corpus phrases, noise cells)."""
    from shixian.io.corpus import load

    corpus = ROOT / "corpus"
    paths = [
        corpus / "seed_cells.tsv",
        *sorted(p for p in corpus.glob("*.tsv") if not p.name.startswith(("seed_", "negative"))),
    ]
    good = [row.phrase for path in paths for row in load(path)]
    with open(corpus / "negative.tsv", encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
    noise = [line.split("\t")[0] for line in lines[1:]]
    return good, noise


def _example_rows() -> list[list[str]]:
    rows = []
    for path in sorted((ROOT / "examples").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows += [r for r in reader if len(r) == len(header)]
    return rows


def write_table(
    path: Path, n: int, seed: int, noise_fraction: float, generated_fraction: float
) -> dict[str, Any]:
    """Write the CSV; return what it holds."""
    rng = random.Random(seed)
    good, noise = _phrases()
    examples = _example_rows()
    tasks = [r[1] for r in examples]
    noise += [r[2][:40] for r in examples[:20]] + ["", "", " ", "2016年2月30日前", "待定", "/"]
    generated: list[str] = []
    if generated_fraction > 0:
        from bench_peers import generate

        generated = [p for p, _, _ in generate(max(1, int(n * generated_fraction)), seed)]
    kinds = {"corpus": 0, "generated": 0, "noise": 0, "wrapped": 0}
    distinct: set[str] = set()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        task_no = 0
        for i in range(n):
            if i == 0 or rng.random() < 0.3:
                task_no += 1
                task = rng.choice(tasks)
            example = rng.choice(examples)
            roll = rng.random()
            if roll < noise_fraction:
                cell = rng.choice(noise)
                kinds["noise"] += 1
            elif generated and rng.random() < generated_fraction:
                cell = generated[rng.randrange(len(generated))]
                kinds["generated"] += 1
            else:
                cell = rng.choice(good)
                kinds["corpus"] += 1
                if rng.random() < 0.01 and len(cell) > 6:  # a cell wrapped in the source
                    cut = rng.randint(2, len(cell) - 2)
                    cell = cell[:cut] + "\n" + cell[cut:]
                    kinds["wrapped"] += 1
            distinct.add(cell)
            writer.writerow([str(task_no), task, example[2], example[3], cell])
    return {"rows": n, "distinct_cells": len(distinct), **kinds, "bytes": path.stat().st_size}


def count_rows(path: Path, column: str | None = None) -> tuple[list[str], int, int]:
    """The header, the number of rows and how many have ``column`` filled."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        index = header.index(column) if column in header else None
        rows = filled = 0
        for row in reader:
            rows += 1
            filled += index is not None and index < len(row) and row[index] != ""
        return header, rows, filled


def run_table(src: Path, out: Path, reference: str, pycache: Path) -> dict[str, float]:
    """One timed run of the command: wall seconds and the child's peak RSS.

    The child imports shixian from this work tree, with bytecode cached under
    ``pycache`` (nothing written into the tree; warmed by an untimed run first)."""
    cmd = [
        sys.executable,
        "-m",
        "shixian",
        "table",
        str(src),
        "--column",
        "完成时限",
        "--reference",
        reference,
        "-o",
        str(out),
        "--quiet",
    ]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"shixian table failed ({proc.returncode}):\n{stderr[-2000:]}")
    return {
        "wall_s": wall,
        "maxrss_mb": usage.ru_maxrss / 1024,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "exit": proc.returncode,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1, help="timed runs (the median is reported)")
    parser.add_argument("--seed", type=int, default=20160501)
    parser.add_argument("--noise", type=float, default=0.05, help="fraction of noise cells")
    parser.add_argument(
        "--generated-fraction",
        type=float,
        default=0.0,
        help="fraction of phrases drawn from the generated set instead of the corpus",
    )
    parser.add_argument("--reference", default="2016-05-01")
    parser.add_argument("--keep", metavar="DIR", help="write the tables into DIR and keep them")
    parser.add_argument("--json", metavar="OUT", help="also write the numbers as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_table_") as tmpdir:
        folder = Path(args.keep or tmpdir)
        folder.mkdir(parents=True, exist_ok=True)
        src, out = folder / "table.csv", folder / "table.out.csv"
        start = time.perf_counter()
        table = write_table(src, args.rows, args.seed, args.noise, args.generated_fraction)
        print(
            f"wrote {src.name}: {table['rows']:,} rows, {table['bytes'] / 2**20:.1f} MB, "
            f"{table['distinct_cells']:,} distinct 完成时限 cells "
            f"({time.perf_counter() - start:.1f} s)",
            file=sys.stderr,
        )
        pycache = Path(tmpdir) / "pycache"
        warm = Path(tmpdir) / "warm.csv"
        write_table(warm, 2000, args.seed, args.noise, args.generated_fraction)
        run_table(warm, Path(tmpdir) / "warm.out.csv", args.reference, pycache)  # untimed
        runs = []
        for i in range(args.runs):
            runs.append(run_table(src, out, args.reference, pycache))
            print(f"run {i + 1}: {runs[-1]['wall_s']:.2f} s", file=sys.stderr)
        in_header, rows_in, _ = count_rows(src)
        out_header, rows_out, errors = count_rows(out, "error")
        out_bytes = out.stat().st_size
    wall = statistics.median(r["wall_s"] for r in runs)
    result = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "table": table,
        "runs": runs,
        "wall_s": wall,
        "rows_per_s": rows_in / wall,
        "maxrss_mb": max(r["maxrss_mb"] for r in runs),
        "rows_in": rows_in,
        "rows_out": rows_out,
        "rows_with_error": errors,
        "added_columns": out_header[len(in_header) :],
        "output_bytes": out_bytes,
        "rows_match": rows_in == rows_out and out_header[: len(in_header)] == in_header,
    }
    cpu = statistics.median(r["user_s"] + r["sys_s"] for r in runs)
    result["cpu_s"] = cpu
    print(
        "| rows | distinct cells | input MB | wall (s) | CPU user+sys (s) | rows/s | peak RSS (MB) "
        "| rows in = rows out |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    print(
        f"| {rows_in:,} | {table['distinct_cells']:,} | {table['bytes'] / 2**20:.1f} "
        f"| {wall:.2f} | "
        f"{cpu:.2f} | {rows_in / wall:,.0f} | {result['maxrss_mb']:.0f} | "
        f"{'yes' if result['rows_match'] else 'NO'} ({rows_out:,}) |"
    )
    print("\nload average at the end (1/5/15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(
        f"added columns: {', '.join(result['added_columns'])}; exit status {runs[-1]['exit']}; "
        f"user {runs[-1]['user_s']:.1f} s, sys {runs[-1]['sys_s']:.1f} s; "
        f"{errors:,} rows with an error ({table['noise']:,} noise cells were written)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    if not result["rows_match"]:
        raise SystemExit("rows in != rows out")


if __name__ == "__main__":
    main()
