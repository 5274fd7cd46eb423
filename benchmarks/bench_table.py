"""The ``table`` command on a large CSV, end to end: run by hand.

    python benchmarks/bench_table.py [--rows 1000000] [--runs 3] [--jobs 1,2] [--garbage 0.2]
                                     [--json out.json]

Writes a CSV of ``--rows`` rows with the columns of the example tables (序号, 工作任务,
具体要求, 牵头单位, 完成时限) into a temporary directory, then times

    python -m shixian table FILE --column 完成时限 --reference 2016-05-01 -o OUT.csv --quiet

as a subprocess of the working tree's shixian, ``--runs`` times for each ``--jobs``
value (the best and the median wall time, rows/s, CPU time and the peak RSS of the
command and its worker processes, from ``wait4``, and the load average before each
run: the machine may be shared), checks that OUT has as many rows as FILE and that every ``--jobs``
wrote the same bytes, and prints each target with its measured value
(``TARGET … pass/FAIL``). ``--garbage F`` writes a fraction F of the rows with
garbage in a cell (binary junk, NUL, quotes and line breaks, whole rows in GBK, a
few 200,000-character cells).

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
import io
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


def _field(cell: bytes) -> bytes:
    if any(ch in cell for ch in (b",", b'"', b"\r", b"\n")):
        return b'"' + cell.replace(b'"', b'""') + b'"'
    return cell


def _garbage_row(rng: random.Random, cells: list[str]) -> bytes:
    """A row with garbage in its 具体要求 cell: binary junk, NUL, a huge cell, quotes and
    line breaks, or the whole row in GBK (a row pasted from another file)."""
    kind = rng.choice(["junk", "nul", "quotes", "gbk", "gbk", "huge"] if rng.random() < 0.001
                      else ["junk", "nul", "quotes", "gbk"])  # fmt: skip
    encoding = "utf-8"
    if kind == "junk":
        cells[2] = bytes(rng.randrange(256) for _ in range(12)).decode("latin-1") + "\xff"
        junk = [c.encode("utf-8") for c in cells]
        junk[2] = cells[2].encode("latin-1")
        return b",".join(_field(c) for c in junk) + b"\n"
    if kind == "nul":
        cells[2] = cells[2][:20] + "\x00" + cells[2][20:]
    elif kind == "quotes":
        cells[2] = f'他说"{cells[2][:10]}",\n又说""\r\n完'
    elif kind == "huge":
        cells[2] = "巨" * 200_000
    else:
        encoding = "gb18030"
    return b",".join(_field(c.encode(encoding)) for c in cells) + b"\n"


def write_table(
    path: Path,
    n: int,
    seed: int,
    noise_fraction: float,
    generated_fraction: float,
    garbage: float = 0.0,
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
    kinds = {"corpus": 0, "generated": 0, "noise": 0, "wrapped": 0, "garbage": 0}
    distinct: set[str] = set()
    with open(path, "wb") as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
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
            if garbage and rng.random() < garbage:
                kinds["garbage"] += 1
                raw.write(_garbage_row(rng, [str(task_no), task, example[2], example[3], cell]))
                continue
            writer.writerow([str(task_no), task, example[2], example[3], cell])
        handle.detach()
    return {"rows": n, "distinct_cells": len(distinct), **kinds, "bytes": path.stat().st_size}


def count_rows(path: Path, column: str | None = None) -> tuple[list[str], int, int]:
    """The header, the number of rows and how many have ``column`` filled."""
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        index = header.index(column) if column in header else None
        rows = filled = 0
        for row in reader:
            rows += 1
            filled += index is not None and index < len(row) and row[index] != ""
        return header, rows, filled


def run_table(
    src: Path, out: Path, reference: str, pycache: Path, jobs: int | None = None
) -> dict[str, float]:
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
        "--force",
        *([] if jobs is None else ["--jobs", str(jobs)]),
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


TARGET_SECONDS = 4.0
TARGET_MB = 200.0


def _same_bytes(a: Path, b: Path) -> bool:
    with open(a, "rb") as x, open(b, "rb") as y:
        while True:
            one, two = x.read(1 << 20), y.read(1 << 20)
            if one != two:
                return False
            if not one:
                return True


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--runs", type=int, default=3, help="timed runs (the best and the median are reported)"
    )
    parser.add_argument("--seed", type=int, default=20160501)
    parser.add_argument("--noise", type=float, default=0.05, help="fraction of noise cells")
    parser.add_argument(
        "--generated-fraction",
        type=float,
        default=0.0,
        help="fraction of phrases drawn from the generated set instead of the corpus",
    )
    parser.add_argument(
        "--garbage",
        type=float,
        default=0.0,
        help="fraction of rows with garbage (binary junk, NUL, quotes and line breaks, GBK "
        "rows, a few 200,000-character cells)",
    )
    parser.add_argument(
        "--jobs", default="1,2", help="comma-separated --jobs values to time (default: 1,2)"
    )
    parser.add_argument("--reference", default="2016-05-01")
    parser.add_argument("--keep", metavar="DIR", help="write the tables into DIR and keep them")
    parser.add_argument("--json", metavar="OUT", help="also write the numbers as JSON")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench_table_") as tmpdir:
        folder = Path(args.keep or tmpdir)
        folder.mkdir(parents=True, exist_ok=True)
        src = folder / "table.csv"
        start = time.perf_counter()
        table = write_table(
            src, args.rows, args.seed, args.noise, args.generated_fraction, args.garbage
        )
        print(
            f"wrote {src.name}: {table['rows']:,} rows, {table['bytes'] / 2**20:.1f} MB, "
            f"{table['distinct_cells']:,} distinct 完成时限 cells, {table['garbage']:,} garbage "
            f"rows ({time.perf_counter() - start:.1f} s)",
            file=sys.stderr,
        )
        pycache = Path(tmpdir) / "pycache"
        warm = Path(tmpdir) / "warm.csv"
        write_table(warm, 2000, args.seed, args.noise, args.generated_fraction)
        run_table(warm, Path(tmpdir) / "warm.out.csv", args.reference, pycache)  # untimed
        in_header, rows_in, _ = count_rows(src)
        by_jobs: dict[int, dict[str, Any]] = {}
        outputs: dict[int, Path] = {}
        for jobs in jobs_list:
            out = folder / f"table.out.jobs{jobs}.csv"
            runs = []
            for i in range(args.runs):
                load = os.getloadavg()[0]
                runs.append(run_table(src, out, args.reference, pycache, jobs))
                runs[-1]["load_1min"] = load
                print(
                    f"--jobs {jobs} run {i + 1}: {runs[-1]['wall_s']:.2f} s wall, "
                    f"{runs[-1]['user_s'] + runs[-1]['sys_s']:.2f} s CPU (load {load:.2f})",
                    file=sys.stderr,
                )
            out_header, rows_out, errors = count_rows(out, "error")
            outputs[jobs] = out
            by_jobs[jobs] = {
                "runs": runs,
                "wall_s": statistics.median(r["wall_s"] for r in runs),
                "best_wall_s": min(r["wall_s"] for r in runs),
                "cpu_s": statistics.median(r["user_s"] + r["sys_s"] for r in runs),
                "best_cpu_s": min(r["user_s"] + r["sys_s"] for r in runs),
                "load_1min": [r["load_1min"] for r in runs],
                "maxrss_mb": max(r["maxrss_mb"] for r in runs),
                "rows_out": rows_out,
                "rows_with_error": errors,
                "rows_match": rows_in == rows_out and out_header[: len(in_header)] == in_header,
                "added_columns": out_header[len(in_header) :],
            }
        first = jobs_list[0]
        identical = all(_same_bytes(outputs[first], outputs[j]) for j in jobs_list[1:])
    load_end = os.getloadavg()
    result = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "load_average_at_start": load_start,
        "load_average_at_end": load_end,
        "table": table,
        "rows_in": rows_in,
        "jobs": by_jobs,
        "identical_output_for_every_jobs": identical,
    }
    print(
        "| --jobs | rows | input MB | runs | wall best / median (s) | CPU user+sys best / "
        "median (s) | rows/s (best) | peak RSS (MB) | load (1 min) | rows in = rows out |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for jobs, r in by_jobs.items():
        loads = r["load_1min"]
        print(
            f"| {jobs} | {rows_in:,} | {table['bytes'] / 2**20:.1f} | {len(r['runs'])} "
            f"| {r['best_wall_s']:.2f} / {r['wall_s']:.2f} | {r['best_cpu_s']:.2f} / "
            f"{r['cpu_s']:.2f} | {rows_in / r['best_wall_s']:,.0f} | {r['maxrss_mb']:.0f} "
            f"| {min(loads):.1f}–{max(loads):.1f} "
            f"| {'yes' if r['rows_match'] else 'NO'} ({r['rows_out']:,}) |"
        )
    print("\nload average (1/5/15 min) at the start {:.2f} {:.2f} {:.2f}".format(*load_start)
          + ", at the end {:.2f} {:.2f} {:.2f}".format(*load_end))  # fmt: skip
    best = max(by_jobs)
    wall = by_jobs[best]["best_wall_s"]
    median = by_jobs[best]["wall_s"]
    peak = max(r["maxrss_mb"] for r in by_jobs.values())
    scale = args.rows / 1_000_000
    print(f"TARGET {args.rows:,} rows in <= {TARGET_SECONDS * scale:g} s with --jobs {best}: "
          f"best {wall:.2f} s, median {median:.2f} s of {args.runs} "
          f"{'pass' if wall <= TARGET_SECONDS * scale else 'FAIL'} (best run)")  # fmt: skip
    print(f"TARGET peak memory <= {TARGET_MB:g} MB (any --jobs): {peak:.0f} MB "
          f"{'pass' if peak <= TARGET_MB else 'FAIL'}")  # fmt: skip
    print(f"TARGET --jobs {', '.join(map(str, jobs_list))} write the same bytes: "
          f"{'pass' if identical else 'FAIL'}")  # fmt: skip
    match = all(r["rows_match"] for r in by_jobs.values())
    print(f"TARGET rows in = rows out: {rows_in:,} in, "
          f"{', '.join(str(r['rows_out']) for r in by_jobs.values())} out "
          f"{'pass' if match else 'FAIL'}")  # fmt: skip
    last = by_jobs[best]
    print(
        f"added columns: {len(last['added_columns'])}; "
        f"{last['rows_with_error']:,} rows with an error ({table['noise']:,} noise cells, "
        f"{table['garbage']:,} garbage rows were written)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    if not match:
        raise SystemExit("rows in != rows out")


if __name__ == "__main__":
    main()
