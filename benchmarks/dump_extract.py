"""Record what ``shixian.extract`` returns on a fixed set of texts: run by hand.

    python benchmarks/dump_extract.py OUT.jsonl [--tree DIR]
    python benchmarks/dump_extract.py --compare BEFORE.jsonl AFTER.jsonl

The guard of a speed change that must not change any result: dump before and after
(or from a worktree of main with ``--tree``), then compare the two files (``--compare``
names each text whose matches or failures differ; exit status 1 if any).
Each line is one text: its name, then every match's ``to_dict()`` (spans, text, parts,
flags, unparsed words) and every failure. The texts: the seed documents (each, and all
of them in one), every harvested sentence (corpus/real/harvest_sentences.tsv, each with
its reference, and all of them in one text), every sentence of corpus/seed_embedded.tsv
and of corpus/real/known_misses_sentences.tsv, the first cell of every row of the other
corpus tables (each alone, and all of them joined by filler into long documents), and
the adversarial inputs of benchmarks/bench_extract.py and tests/test_linearity.py.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TREE = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv[:-1] else str(ROOT)
sys.path.insert(0, _TREE)
sys.path.insert(1, str(ROOT))

from shixian import extract  # noqa: E402

SEEDS = Path(os.environ.get("SHIXIAN_SEEDS", str(ROOT.parent / "shared" / "seeds")))
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")
REF = "2016-06-30"
FILLERS = ("推进政务信息公开工作", ",", "。", "落实责任分工;", "\n", "(按要求)", "及时公开", "、")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _ref(row: dict[str, str]) -> str:
    ref = (row.get("reference") or "").strip()
    return ref if len(ref) == 10 and ref[4] == "-" else REF


def texts() -> Iterator[tuple[str, str, str]]:
    """``(name, text, reference)`` of every text dumped."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds:
        yield f"seed {p.name}", p.read_text(encoding="utf-8"), REF
    yield "seeds joined", "\n".join(p.read_text(encoding="utf-8") for p in seeds) + "\n", REF
    corpus = ROOT / "corpus"
    sentences = list(_rows(corpus / "real" / "harvest_sentences.tsv"))
    for n, row in enumerate(sentences):
        yield f"harvest {n}", row["sentence"], _ref(row)
    yield "harvest joined", "\n".join(r["sentence"] for r in sentences) + "\n", REF
    for name in ("seed_embedded.tsv", "real/known_misses_sentences.tsv"):
        for n, row in enumerate(_rows(corpus / name)):
            text = row.get("sentence") or next(iter(row.values()), "") or ""
            yield f"{name} {n}", text, _ref(row)
    phrases: list[str] = []
    for path in sorted(corpus.rglob("*.tsv")):
        if path.name in ("harvest_sentences.tsv", "seed_embedded.tsv"):
            continue
        for n, row in enumerate(_rows(path)):
            first = next(iter(row.values()), None)
            if not first:
                continue
            phrases.append(first)
            yield f"{path.relative_to(corpus)} {n}", first, _ref(row)
    for k in range(len(FILLERS)):
        joined = "".join(p + FILLERS[(n + k) % len(FILLERS)] for n, p in enumerate(phrases))
        yield f"phrases joined {k}", joined, REF
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_extract import ADVERSARIAL, _repeat

    for name, unit in ADVERSARIAL.items():
        yield f"bench {name}", _repeat(unit, 20_000), REF
    from tests.test_linearity import ADVERSARIAL as LINEAR

    for name, make in LINEAR.items():
        for size in (300, 2_000):
            yield f"linearity {name} {size}", make(size), "2016-05-01"


def compare(before: Path, after: Path) -> int:
    """Print the texts whose dumps differ (by name); the count of them."""
    with open(before, encoding="utf-8") as a, open(after, encoding="utf-8") as b:
        old = {r["name"]: r for r in map(json.loads, a)}
        new = {r["name"]: r for r in map(json.loads, b)}
    differ = 0
    for name in old.keys() | new.keys():
        if name not in old or name not in new:
            print(f"{name}: only {'after' if name in new else 'before'}")
            continue
        for key in ("matches", "failures"):
            if old[name][key] != new[name][key]:
                print(f"{name}: {key} differ")
                differ += 1
    print(f"{len(old.keys() & new.keys())} texts in both, {differ} differences")
    return differ


def main() -> None:
    """Write one JSON line per text to the file named by the first argument."""
    if sys.argv[1] == "--compare":
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 0)
    out = Path(sys.argv[1])
    seen: set[str] = set()
    with open(out, "w", encoding="utf-8") as handle:
        for first, text, ref in texts():
            name, n = first, 1
            while name in seen:  # a name used twice (the same index in two files)
                n += 1
                name = f"{first} #{n}"
            seen.add(name)
            found = extract(text, ref)
            record = {
                "name": name,
                "matches": [m.to_dict() for m in found],
                "failures": [f.to_dict() for f in found.failures],
            }
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
