"""Speed of shixian on the seed cells and the corpus: run by hand, not by the tests.

    python benchmarks/bench_speed.py [--repeat 7] [--jionlp]

Prints microseconds per phrase (each phrase's median over ``--repeat`` runs, then the
median over phrases), uncached and cached, on the seed cells, the project corpus and
the real phrases (corpus/real); then the per-phrase target of the performance issue
(shixian uncached at least 20x faster than JioNLP's ``parse_time`` by median) with the
measured value. With ``--jionlp`` (JioNLP installed: ``pip install -r
benchmarks/requirements-peers.txt``) JioNLP is timed in the same run, round by round
interleaved with shixian, so that the machine's load falls on both; without it, the
JioNLP medians recorded in docs/performance.md are used (and the report says so).

It also times *unseen* phrases: generated phrases (benchmarks/bench_peers.py's
templates) each read once, after the lexer's shape memo was filled from another
seed, so that no phrase was read before: what a table of new phrases costs. Then
the time of ``import shixian`` above a bare interpreter, and the time to the first
result (import + compiling the grammar + one phrase).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import shixian  # noqa: E402
from shixian.io.corpus import load  # noqa: E402

#: The target: shixian uncached at least this many times faster than JioNLP by median.
TARGET_RATIO = 20.0
#: JioNLP parse_time medians (µs) measured by bench_peers.py on 2026-11-23 (docs/performance.md).
RECORDED_JIONLP = {"seed cells": 169.9, "project corpus": 143.2}

Row = tuple[str, dt.date]


def _timed(call: Callable[[str, dt.date], object], rows: list[Row], repeat: int) -> list[float]:
    """Each row's median time over ``repeat`` passes, in µs."""
    timings: list[list[float]] = [[] for _ in rows]
    for _ in range(repeat):
        for i, (phrase, ref) in enumerate(rows):
            start = time.perf_counter()
            with contextlib.suppress(Exception):
                call(phrase, ref)
            timings[i].append((time.perf_counter() - start) * 1e6)
    return [statistics.median(t) for t in timings]


def _interleaved(
    tools: dict[str, Callable[[str, dt.date], object]], rows: list[Row], repeat: int
) -> dict[str, list[float]]:
    """Each tool's per-row medians, the tools taking turns pass by pass."""
    passes: dict[str, list[list[float]]] = {name: [] for name in tools}
    for _ in range(repeat):
        for name, call in tools.items():
            passes[name].append(_timed(call, rows, 1))
    return {
        name: [statistics.median(p[i] for p in runs) for i in range(len(rows))]
        for name, runs in passes.items()
    }


def _uncached(phrase: str, ref: dt.date) -> object:
    return shixian.normalize(phrase, reference=ref, cache=False)


def _cached(phrase: str, ref: dt.date) -> object:
    return shixian.normalize(phrase, reference=ref)


def process_ms(code: str, runs: int = 9) -> float:
    """Median wall time of ``python -c code``, in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _rows(paths: list[Path]) -> list[Row]:
    return [(r.phrase, r.reference) for p in paths for r in load(p)]


def _jionlp() -> Callable[[str, dt.date], object] | None:
    try:
        import jionlp
    except ImportError:
        return None
    import logging

    logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for each phrase it declines

    def call(phrase: str, ref: dt.date) -> object:
        return jionlp.parse_time(phrase, time_base=dt.datetime.combine(ref, dt.time()))

    return call


def _unseen(n: int) -> float:
    """Median µs of ``n`` generated phrases, each read once, the shape memo filled first
    from phrases of another seed (bench_peers.py's templates)."""
    from bench_peers import generate

    for phrase, ref, _ in generate(n, seed=1):
        with contextlib.suppress(shixian.ShixianError):
            _uncached(phrase, dt.date.fromisoformat(ref))
    rows = [(p, dt.date.fromisoformat(r)) for p, r, _ in generate(n, seed=2)]
    return statistics.median(_timed(_uncached, rows, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--jionlp", action="store_true", help="time JioNLP in the same run")
    parser.add_argument("--unseen", type=int, default=5000, help="generated phrases read once")
    args = parser.parse_args()
    corpus = ROOT / "corpus"
    sets = {
        "seed cells": _rows([corpus / "seed_cells.tsv"]),
        "project corpus": _rows(
            sorted(p for p in corpus.glob("*.tsv") if not p.name.startswith(("seed_", "negative")))
        ),
        "real phrases": _rows(
            sorted(
                p
                for p in (corpus / "real").glob("*.tsv")
                if p.name not in ("known_misses.tsv", "harvest_sentences.tsv")
                and not p.name.startswith("known_misses")
            )
        ),
    }
    jionlp = _jionlp() if args.jionlp else None
    if args.jionlp and jionlp is None:
        print("JioNLP is not installed: using the recorded medians", file=sys.stderr)
    shixian.normalize("2016年7月底前", reference=2016)  # compile the grammar first
    print(
        f"shixian {shixian.__version__} on Python {platform.python_version()}, "
        f"{platform.machine()}, {platform.system()}; {dt.date.today()}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    measured: dict[str, tuple[float, float | None]] = {}
    for name, rows in sets.items():
        tools: dict[str, Callable[[str, dt.date], object]] = {"shixian": _uncached}
        if jionlp is not None:
            tools["jionlp"] = jionlp
        for _, call in tools.items():  # warm up: lazy imports, the shapes of the set
            _timed(call, rows, 1)
        medians = _interleaved(tools, rows, args.repeat)
        uncached = medians["shixian"]
        shixian.api._cached.cache_clear()
        _timed(_cached, rows, 1)  # fill the cache
        cached = _timed(_cached, rows, args.repeat)
        p90 = sorted(uncached)[int(len(uncached) * 0.9)]
        peer = statistics.median(medians["jionlp"]) if "jionlp" in medians else None
        measured[name] = (statistics.median(uncached), peer)
        print(
            f"{name} ({len(rows)} phrases): uncached median {statistics.median(uncached):.1f} µs,"
            f" p90 {p90:.1f} µs; cached median {statistics.median(cached):.2f} µs"
            + ("" if peer is None else f"; JioNLP median {peer:.1f} µs")
        )
    unseen = _unseen(args.unseen)
    print(f"unseen generated phrases ({args.unseen}, each read once): median {unseen:.1f} µs")
    print(f"target: uncached >= {TARGET_RATIO:.0f}x faster than JioNLP parse_time by median")
    for name, (ours, peer) in measured.items():
        source = "measured in this run"
        if peer is None:
            peer, source = RECORDED_JIONLP.get(name), "recorded 2026-11-23, another machine"
        if peer is None:
            print(f"  {name}: {ours:.1f} µs; no JioNLP median (run with --jionlp)")
            continue
        ratio = peer / ours
        print(
            f"  {name}: {ratio:.1f}x ({ours:.1f} µs against JioNLP {peer:.1f} µs, {source}; "
            f"the target needs <= {peer / TARGET_RATIO:.1f} µs): "
            + ("pass" if ratio >= TARGET_RATIO else "FAIL")
        )
    bare = process_ms("pass")
    imported = process_ms("import shixian")
    first = process_ms("import shixian; shixian.normalize('2016年7月底前', reference=2016)")
    print(f"import shixian: {imported - bare:.1f} ms above a bare interpreter ({bare:.1f} ms)")
    print(f"first result (import, grammar, one phrase): {first - bare:.1f} ms above bare")


if __name__ == "__main__":
    main()
