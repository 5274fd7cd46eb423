"""Work per phrase, counted rather than timed: run by hand, not by the tests.

    python benchmarks/bench_ops.py [--top 30] [--set corpus|real|seed|all]

Counts the Python operations (bytecode instructions, traced with ``sys.settrace``)
and the Python-level calls that one uncached ``normalize`` makes, per phrase, over the
project corpus, the real phrases and the seed cells (phrases that ``dateparser`` reads,
the foreign forms, are left out), after the shape memo was filled by two passes; then
the functions that run the most operations. The counts do not depend on the machine's
load, so two trees can be compared on a busy machine: fewer operations is less work,
although an operation's cost varies (see docs/performance.md, *a distinct phrase costs
twice a repeated one*).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import sys
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_speed import _rows  # noqa: E402

import shixian  # noqa: E402


def _sets(which: str) -> list[tuple[str, Any]]:
    corpus = ROOT / "corpus"
    rows = []
    if which in ("all", "corpus"):
        rows += _rows(
            sorted(p for p in corpus.glob("*.tsv") if not p.name.startswith(("seed_", "negative")))
        )
    if which in ("all", "real"):
        rows += _rows(
            sorted(
                p
                for p in (corpus / "real").glob("*.tsv")
                if p.name != "harvest_sentences.tsv" and not p.name.startswith("known_misses")
            )
        )
    if which in ("all", "seed"):
        rows += _rows([corpus / "seed_cells.tsv"])
    # the foreign forms go to dateparser, whose work is not shixian's
    return [r for r in rows if not any(c.isascii() and c.isalpha() for c in r[0])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--set", default="all", choices=("all", "corpus", "real", "seed"))
    args = parser.parse_args()
    rows = _sets(args.set)
    for _ in range(2):  # fill the shape memo and the parse table
        for phrase, ref in rows:
            with contextlib.suppress(shixian.ShixianError):
                shixian.normalize(phrase, reference=ref, cache=False)
    ops: collections.Counter[tuple[str, str]] = collections.Counter()
    calls: collections.Counter[tuple[str, str]] = collections.Counter()

    def key(frame: types.FrameType) -> tuple[str, str]:
        code = frame.f_code
        return code.co_filename.replace(str(ROOT) + "/", ""), code.co_name

    def local(frame: types.FrameType, event: str, arg: object) -> Any:
        if event == "opcode":
            ops[key(frame)] += 1
        return local

    def start(frame: types.FrameType, event: str, arg: object) -> Any:
        if event != "call":
            return None
        calls[key(frame)] += 1
        frame.f_trace_opcodes = True
        return local

    sys.settrace(start)
    try:
        for phrase, ref in rows:
            with contextlib.suppress(shixian.ShixianError):
                shixian.normalize(phrase, reference=ref, cache=False)
    finally:
        sys.settrace(None)
    n = len(rows)
    total = sum(ops.values())
    print(
        f"{n} phrases ({args.set}): {total / n:.1f} Python operations and "
        f"{sum(calls.values()) / n:.1f} Python calls per phrase"
    )
    print(" ops/phrase  share  calls/phrase  function")
    for where, count in ops.most_common(args.top):
        print(
            f"{count / n:11.1f} {100 * count / total:5.1f}% {calls[where] / n:13.2f}  "
            f"{where[0]}:{where[1]}"
        )


if __name__ == "__main__":
    main()
