"""Speed of ``shixian.extract`` on prose, and its growth on adversarial inputs: run by hand.

    python benchmarks/bench_extract.py [--size 1000000] [--repeat 3] [--tree DIR]

Prints each target of the performance issue with its measured value:

* MB/s (UTF-8) of typical prose on one core (≥ 5 MB/s): the seed documents of the
  corpus, the harvested prose sentences (corpus/real/harvest_sentences.tsv), and both,
  each repeated to ``--size`` characters (extract keeps nothing between calls, so the
  repetition only steadies the clock); best of ``--repeat`` runs, by the wall clock and
  by the process's CPU time (which a busy machine disturbs less; both are printed);
* time and counted work (``shixian._work.WORK``) of 8x the text on adversarial
  inputs (the tests count work only; here both are shown): 8x the text ~8x.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --tree DIR: measure the library of another source tree (an older commit unpacked with
# `git archive`), so that versions can be compared in one session under the same load
_TREE = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv[:-1] else str(ROOT)
sys.path.insert(0, _TREE)

from shixian import extract  # noqa: E402
from shixian._work import WORK  # noqa: E402

SEEDS = Path(os.environ.get("SHIXIAN_SEEDS", str(ROOT.parent / "shared" / "seeds")))
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")
TARGET_MBS = 5.0

ADVERSARIAL = {
    "及时公开 repeated": "及时公开",
    "及时 repeated": "及时",
    "statute, no 。": "按预算法规定时限公开",
    "condition, commas": "按照国家部署,2016年底前完成,",
    "1月、": "1月、",
    "garbled years, parts": "另105年度列管,2016年底前。",
}


def _best(text: str, repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = clock()
        extract(text, "2016-06-30")
        best = min(best, clock() - started)
    return best


def _sentences() -> str:
    path = ROOT / "corpus" / "real" / "harvest_sentences.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return "\n".join(r["sentence"] for r in rows) + "\n"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of prose")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", default=str(ROOT), help="import shixian from this tree")
    parser.add_argument("--no-adversarial", action="store_true", help="only the MB/s")
    args = parser.parse_args()
    print(f"# bench_extract: {platform.python_implementation()} {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}, tree {args.tree}")  # fmt: skip
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) + "\n"
    texts = {"seed documents": seeds, "harvested sentences": _sentences()}
    texts["both"] = texts["seed documents"] + texts["harvested sentences"]
    extract(texts["both"], "2016-06-30")  # compile the alternations
    print(f"TARGET extract >= {TARGET_MBS:g} MB/s of typical prose on one core:")
    for name, one in texts.items():
        prose = one * (args.size // len(one) + 1)
        mb = len(prose.encode("utf-8")) / 1e6
        wall = _best(prose, args.repeat)
        cpu = _best(prose, args.repeat, time.process_time)
        verdict = "pass" if mb / cpu >= TARGET_MBS else "FAIL"
        print(f"  {name:20} {len(prose):,} chars, {mb:.2f} MB: wall {mb / wall:.2f} MB/s, "
              f"cpu {mb / cpu:.2f} MB/s ({len(prose) / cpu / 1e6:.2f} M chars/s) "
              f"{verdict}")  # fmt: skip
    if args.no_adversarial:
        return
    print("TARGET 8x the text costs ~8x (linear): time ratio and counted-work ratio")
    for name, unit in ADVERSARIAL.items():
        small, large = _repeat(unit, 20_000), _repeat(unit, 160_000)
        t_small, t_large = _best(small, args.repeat), _best(large, args.repeat)
        WORK.reset()
        extract(small, "2016-06-30")
        w_small = WORK.total()
        WORK.reset()
        extract(large, "2016-06-30")
        w_large = WORK.total()
        print(f"  {name:20} 20k→160k chars: time {t_small * 1000:7.1f} → {t_large * 1000:7.1f} ms "
              f"({t_large / t_small:4.1f}x), work {w_small} → {w_large} "
              f"({w_large / w_small:4.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
