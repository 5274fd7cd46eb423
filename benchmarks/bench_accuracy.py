"""Accuracy on the real-phrase sets, by set and by outcome: run by hand.

    python benchmarks/bench_accuracy.py [--set dev|harvest|blind|blind2|...|blind21] [--misses]

Each row of ``corpus/real/`` is scored with the corpus checker
(:func:`shixian.io.corpus.judge`, triggers included except for bare expressions) and
counted as

* **right**: the reading the row's annotation gives (or one of its alternatives);
* **flagged**: not right, but the result says so: a documented error, an ambiguous part
  or an incomplete reading (``unparsed``) — the user can see it;
* **silent**: not right and not flagged — the worst outcome, a wrong date nobody sees.

The sets: ``dev`` the 383 shared phrases, ``harvest`` the 383 phrases harvested for the
project (both are tests), ``blind`` 277 phrases from 105 pages nobody on the team had
used, annotated by hand before the library was run on them (``corpus/real/blind/``; an
evaluation set, not a test: its misses are not listed as known misses), and ``blind2``
309 phrases from 124 further unused pages, harvested and frozen the same way
(``corpus/real/blind2/``), and ``blind3`` (``corpus/real/blind3/``: table cells and
timetable columns in ``blind3a``, prose expressions in ``blind3b``), harvested and frozen
the same way on 2026-12-02, mainly from mainland pages as the development set is, and
``blind4`` … ``blind31`` (``corpus/real/blind4/`` …) twenty-eight more such sets, harvested
on 2026-12-02. A file of a
set that is not there yet is skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shixian  # noqa: E402
from shixian.io.corpus import CorpusRow, judge, load  # noqa: E402

REAL = ROOT / "corpus" / "real"
SETS = {
    "dev": ["cells.tsv", "timecol.tsv", "expressions.tsv"],
    "harvest": ["harvest_cells.tsv", "harvest_timecol.tsv", "harvest_expressions.tsv"],
    "blind": ["blind/blind.tsv"],
    "blind2": ["blind2/blind2.tsv"],
    "blind3": ["blind3/blind3a.tsv", "blind3/blind3b.tsv"],
    "blind4": ["blind4/blind4a.tsv", "blind4/blind4b.tsv"],
    "blind5": ["blind5/blind5a.tsv", "blind5/blind5b.tsv"],
    "blind6": ["blind6/blind6a.tsv", "blind6/blind6b.tsv"],
    "blind7": ["blind7/blind7a.tsv", "blind7/blind7b.tsv"],
    "blind8": ["blind8/blind8a.tsv", "blind8/blind8b.tsv"],
    "blind9": ["blind9/blind9a.tsv", "blind9/blind9b.tsv"],
    "blind10": ["blind10/blind10a.tsv", "blind10/blind10b.tsv"],
    "blind11": ["blind11/blind11a.tsv", "blind11/blind11b.tsv"],
    "blind12": ["blind12/blind12a.tsv", "blind12/blind12b.tsv"],
    "blind13": ["blind13/blind13a.tsv", "blind13/blind13b.tsv"],
    "blind14": ["blind14/blind14a.tsv", "blind14/blind14b.tsv"],
    "blind15": ["blind15/blind15a.tsv", "blind15/blind15b.tsv"],
    "blind16": ["blind16/blind16a.tsv", "blind16/blind16b.tsv"],
    "blind17": ["blind17/blind17a.tsv", "blind17/blind17b.tsv"],
    "blind18": ["blind18/blind18a.tsv", "blind18/blind18b.tsv"],
    "blind19": ["blind19/blind19a.tsv", "blind19/blind19b.tsv"],
    "blind20": ["blind20/blind20a.tsv", "blind20/blind20b.tsv"],
    "blind21": ["blind21/blind21a.tsv", "blind21/blind21b.tsv"],
    "blind22": ["blind22/blind22a.tsv", "blind22/blind22b.tsv"],
    "blind23": ["blind23/blind23a.tsv", "blind23/blind23b.tsv"],
    "blind24": ["blind24/blind24a.tsv", "blind24/blind24b.tsv"],
    "blind25": ["blind25/blind25a.tsv", "blind25/blind25b.tsv"],
    "blind26": ["blind26/blind26a.tsv", "blind26/blind26b.tsv"],
    "blind27": [
        "blind27/blind27a.tsv",
        "blind27/blind27b.tsv",
        "blind27/blind27c.tsv",
        "blind27/blind27d.tsv",
    ],
    "blind28": [
        "blind28/blind28a.tsv",
        "blind28/blind28b.tsv",
        "blind28/blind28c.tsv",
        "blind28/blind28d.tsv",
    ],
    "blind29": [
        "blind29/blind29a.tsv",
        "blind29/blind29b.tsv",
        "blind29/blind29c.tsv",
        "blind29/blind29d.tsv",
    ],
    "blind30": [
        "blind30/blind30a.tsv",
        "blind30/blind30b.tsv",
        "blind30/blind30c.tsv",
        "blind30/blind30d.tsv",
    ],
    "blind31": [
        "blind31/blind31a.tsv",
        "blind31/blind31b.tsv",
        "blind31/blind31c.tsv",
        "blind31/blind31d.tsv",
    ],
}


def outcome(row: CorpusRow, check_trigger: bool) -> tuple[str, str]:
    """``(bucket, what shixian gave)`` for one row."""
    try:
        result: shixian.Normalized | Exception = shixian.normalize(
            row.phrase, reference=row.reference
        )
    except shixian.ShixianError as exc:
        result = exc
    if not judge(result, row.expected, check_trigger=check_trigger):
        return "right", str(result)
    if isinstance(result, Exception):
        return "flagged", f"{type(result).__name__}: {result}"
    if result.ambiguous or not result.complete:
        return "flagged", str(result)
    return "silent", str(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--misses", action="store_true", help="list the rows not right")
    args = parser.parse_args()
    print(f"shixian {shixian.__version__}")
    print(f"{'set':10} {'file':28} {'rows':>5} {'right':>13} {'flagged':>13} {'silent':>13}")
    for name in args.set or list(SETS):
        total: Counter[str] = Counter()
        for file in SETS[name]:
            if not (REAL / file).exists():
                continue
            rows = load(REAL / file)
            counts: Counter[str] = Counter()
            for row in rows:
                bucket, got = outcome(row, check_trigger="expressions" not in file)
                counts[bucket] += 1
                if args.misses and bucket != "right":
                    print(f"  [{bucket}] {row.phrase}")
                    print(f"      expected {row.expected}\n      got {got}")
            total.update(counts)
            print(_line(name, file, counts))
        if len(SETS[name]) > 1:
            print(_line(name, "(all)", total))


def _line(name: str, file: str, counts: Counter[str]) -> str:
    n = sum(counts.values())
    buckets = ("right", "flagged", "silent")
    cells = [f"{counts[b]:>4} ({100 * counts[b] / n:4.1f}%)" for b in buckets]
    return f"{name:10} {file:28} {n:>5} " + " ".join(cells)


if __name__ == "__main__":
    main()
