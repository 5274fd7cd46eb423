"""The pandas path and a Dask cluster on a generated 200,000-row table: run by hand.

    python benchmarks/bench_dataframes.py [--rows 200000] [--partitions 8] [--workers 2]

The table is the one ``tests/test_dask.py`` builds: corpus phrases repeated (as
archives repeat them), blank cells, text that is no time and impossible dates,
each row with its document's date (one of four, one of them missing). Each
measurement runs in a fresh child process, so its peak RSS (``ru_maxrss``) is
its own:

- ``pandas``: ``shixian.pandas.annotate(table, "完成时限", reference_column="发文日期",
  errors="coerce")``, first (cold: grammar compiled, every distinct phrase
  normalized) and second call (warm: shixian's caches filled);
- ``dask``: the same through ``shixian.dask.annotate`` on a
  ``distributed.LocalCluster`` of ``--workers`` processes (one thread each),
  ``--partitions`` partitions, gathered to the client; peak RSS of the client
  and of each worker; the cluster's start-up is timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _table(rows: int) -> Any:
    sys.path.insert(0, str(ROOT))
    from tests import test_dask

    return test_dask._table(rows)


def run_pandas(rows: int) -> dict[str, Any]:
    """Time the pandas path cold and warm in this process."""
    table = _table(rows)
    base = _peak_mib()
    import shixian.pandas as sp

    out: dict[str, Any] = {"rows": rows, "peak_mib_before": round(base, 1)}
    for label in ("cold", "warm"):
        start = time.perf_counter()
        frame = sp.annotate(table, "完成时限", reference_column="发文日期", errors="coerce")
        out[f"{label}_s"] = round(time.perf_counter() - start, 3)
        assert len(frame) == rows
    out["peak_mib"] = round(_peak_mib(), 1)
    out["rows_per_s_warm"] = round(rows / out["warm_s"])
    return out


def _worker_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(rows: int, partitions: int, workers: int) -> dict[str, Any]:
    """Time the Dask helper on a local cluster of worker processes."""
    import dask.dataframe as dd
    import distributed

    import shixian.dask as sdask

    table = _table(rows)
    start = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    )
    client = distributed.Client(cluster)
    out: dict[str, Any] = {"rows": rows, "partitions": partitions, "workers": workers}
    out["cluster_start_s"] = round(time.perf_counter() - start, 3)
    try:
        ddf = dd.from_pandas(table, npartitions=partitions)
        for label in ("cold", "warm"):
            start = time.perf_counter()
            frame = sdask.annotate(
                ddf, "完成时限", reference_column="发文日期", errors="coerce"
            ).compute()
            out[f"{label}_s"] = round(time.perf_counter() - start, 3)
            assert len(frame) == rows
            ddf = dd.from_pandas(table.copy(), npartitions=partitions)  # new keys: no reuse
        peaks = client.run(_worker_peak)
        out["worker_peak_mib"] = [round(v, 1) for v in peaks.values()]
        out["client_peak_mib"] = round(_peak_mib(), 1)
    finally:
        client.close()
        cluster.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("pandas", "dask"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.only == "pandas":
        print(json.dumps(run_pandas(args.rows)))
        return 0
    if args.only == "dask":
        print(json.dumps(run_dask(args.rows, args.partitions, args.workers)))
        return 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for which in ("pandas", "dask"):
        command = [sys.executable, __file__, "--only", which, "--rows", str(args.rows)]
        command += ["--partitions", str(args.partitions), "--workers", str(args.workers)]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        print(which, json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
