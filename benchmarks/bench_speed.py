"""Speed of shixian on the seed cells and the corpus: run by hand, not by the tests.

    python benchmarks/bench_speed.py [--repeat 7]

Prints microseconds per phrase (median of several runs), uncached and cached,
the time of ``import shixian`` above a bare interpreter, and the time to the
first result (import + compiling the grammar + one phrase).
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shixian  # noqa: E402
from shixian.io.corpus import load  # noqa: E402


def per_phrase_us(rows: list[tuple[str, str]], *, cache: bool, repeat: int) -> list[float]:
    """Median over ``repeat`` runs of each phrase's time, in µs."""
    timings: list[list[float]] = [[] for _ in rows]
    for _ in range(repeat):
        for i, (phrase, ref) in enumerate(rows):
            start = time.perf_counter()
            with contextlib.suppress(shixian.ShixianError):
                shixian.normalize(phrase, reference=ref, cache=cache)
            timings[i].append((time.perf_counter() - start) * 1e6)
    return [statistics.median(t) for t in timings]


def process_ms(code: str, runs: int = 9) -> float:
    """Median wall time of ``python -c code``, in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    seed_rows = load(ROOT / "corpus" / "seed_cells.tsv")
    seeds = [(r.phrase, r.reference.isoformat()) for r in seed_rows]
    corpus = [
        (r.phrase, r.reference.isoformat())
        for path in sorted((ROOT / "corpus").glob("*.tsv"))
        if not path.name.startswith(("seed_", "negative"))
        for r in load(path)
    ]
    shixian.normalize("2016年7月底前", reference=2016)  # compile the grammar first
    print(f"shixian {shixian.__version__} on Python {platform.python_version()}, "
          f"{platform.machine()}, {platform.system()}")  # fmt: skip
    for name, rows in (("seed cells", seeds), ("project corpus", corpus)):
        uncached = per_phrase_us(rows, cache=False, repeat=args.repeat)
        shixian.api._cached.cache_clear()
        per_phrase_us(rows, cache=True, repeat=1)  # fill the cache
        cached = per_phrase_us(rows, cache=True, repeat=args.repeat)
        p90 = sorted(uncached)[int(len(uncached) * 0.9)]
        print(
            f"{name} ({len(rows)} phrases): uncached median {statistics.median(uncached):.1f} µs,"
            f" p90 {p90:.1f} µs; cached median {statistics.median(cached):.2f} µs"
        )
    bare = process_ms("pass")
    imported = process_ms("import shixian")
    first = process_ms("import shixian; shixian.normalize('2016年7月底前', reference=2016)")
    print(f"import shixian: {imported - bare:.1f} ms above a bare interpreter ({bare:.1f} ms)")
    print(f"first result (import, grammar, one phrase): {first - bare:.1f} ms above bare")


if __name__ == "__main__":
    main()
