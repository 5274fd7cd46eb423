"""Speed of ``shixian.extract`` on prose, and its growth on adversarial inputs: run by hand.

    python benchmarks/bench_extract.py [--size 1000000] [--repeat 3]

Prints each target of the performance issue with its measured value:

* MB/s (UTF-8) of typical prose on one core: the seed documents of the corpus
  repeated to ``--size`` characters, best of ``--repeat`` runs (≥ 5 MB/s);
* time and counted work (``shixian._work.WORK``) of 8x the text on adversarial
  inputs (the tests count work only; here both are shown): 8x the text ~8x.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
}


def _best(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        extract(text, "2016-06-30")
        best = min(best, time.perf_counter() - started)
    return best


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of prose")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"# bench_extract: {platform.python_implementation()} {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")  # fmt: skip
    one = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) + "\n"
    prose = one * (args.size // len(one) + 1)
    extract(one, "2016-06-30")  # compile the alternations
    seconds = _best(prose, args.repeat)
    mb = len(prose.encode("utf-8")) / 1e6
    speed = mb / seconds
    verdict = "pass" if speed >= TARGET_MBS else "FAIL"
    print(f"prose: {len(prose):,} chars, {mb:.2f} MB UTF-8 in {seconds:.3f} s")
    print(f"TARGET extract >= {TARGET_MBS:g} MB/s of prose on one core: "
          f"{speed:.2f} MB/s ({len(prose) / seconds / 1e6:.2f} M chars/s) {verdict}")  # fmt: skip
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
