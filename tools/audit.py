"""Audits over every real row (development, harvested and blind sets): run by hand.

    python tools/audit.py spellings   # the same reading spaced, full-width, traditional,
                                      # wrapped and in Chinese numerals
    python tools/audit.py reference   # a part that moves with the reference says so
    python tools/audit.py extract     # extract(phrase) reads what normalize(phrase) reads

Each prints how many rows differ and the first of them. ``spellings`` is the check of
``tests/test_spellings.py`` over the blind sets too (which are no test). ``reference``
reads every row against its reference and against the reference three years on: a part
whose dates move must be marked ``year_inferred`` unless its words are deictic (今年, 本月,
即日: the reference by decision 9, listed anyway for review). ``extract`` compares the
parts (pending parts aside: a cell attaches conditions that prose does not); rows that
``normalize`` refuses as garbled, and cells wrapped across lines (running text reads
them line by line), differ by design.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shixian  # noqa: E402
from shixian.io.corpus import CorpusRow, load  # noqa: E402

FILES = (
    "cells.tsv", "timecol.tsv", "expressions.tsv", "harvest_cells.tsv", "harvest_timecol.tsv",
    "harvest_expressions.tsv", "blind/blind.tsv", "blind2/blind2.tsv", "blind3/blind3a.tsv",
    "blind3/blind3b.tsv", "blind4/blind4a.tsv", "blind4/blind4b.tsv", "blind5/blind5a.tsv",
    "blind5/blind5b.tsv", "blind6/blind6a.tsv", "blind6/blind6b.tsv", "blind7/blind7a.tsv",
    "blind7/blind7b.tsv", "blind8/blind8a.tsv", "blind8/blind8b.tsv", "blind9/blind9a.tsv",
    "blind9/blind9b.tsv",
)  # fmt: skip
Key = tuple[object, ...]


def _rows() -> list[tuple[str, CorpusRow]]:
    real = ROOT / "corpus" / "real"
    return [(name, row) for name in FILES if (real / name).exists() for row in load(real / name)]


def _key(part: shixian.Part) -> Key:
    return tuple(getattr(part, f, None) for f in ("kind", "start", "end", "due", "every", "offset"))


def _reading(text: str, reference: dt.date) -> list[Key] | str:
    try:
        return [_key(p) for p in shixian.normalize(text, reference=reference).parts]
    except shixian.ShixianError as exc:
        return type(exc).__name__


def spellings() -> list[tuple[str, ...]]:
    from tests.test_spellings import VARIANTS

    out = []
    for name, row in _rows():
        base = _reading(row.phrase, row.reference)
        for variant, spell in VARIANTS.items():
            text = spell(row.phrase)
            if text != row.phrase and _reading(text, row.reference) != base:
                out.append((variant, name, row.phrase, text))
    return out


def reference() -> list[tuple[str, ...]]:
    out = []
    for name, row in _rows():
        later = row.reference + dt.timedelta(days=3 * 365 + 1)
        try:
            a = shixian.normalize(row.phrase, reference=row.reference)
            b = shixian.normalize(row.phrase, reference=later)
        except shixian.ShixianError:
            continue
        if len(a.parts) != len(b.parts):
            out.append(("parts differ", name, row.phrase, str(a), str(b)))
            continue
        for p, q in zip(a.parts, b.parts, strict=True):
            moved = any(getattr(p, f, None) != getattr(q, f, None) for f in ("start", "end", "due"))
            if moved and not p.year_inferred:
                out.append(("moved, not inferred", name, row.phrase, str(p), str(q)))
    return out


def extract() -> list[tuple[str, ...]]:
    def plain(keys: list[Key] | str) -> list[Key] | str:
        if isinstance(keys, str):
            return keys
        return [k for k in keys if k[0] is not shixian.Kind.PENDING]

    out = []
    for name, row in _rows():
        said = _reading(row.phrase, row.reference)
        found = [
            _key(p) for m in shixian.extract(row.phrase, row.reference) for p in m.result.parts
        ]
        if isinstance(said, str) and not found:
            continue
        if plain(said) != plain(found):
            out.append((name, row.phrase, str(said), str(found)))
    return out


AUDITS: dict[str, Callable[[], list[tuple[str, ...]]]] = {
    "spellings": spellings,
    "reference": reference,
    "extract": extract,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("audit", choices=sorted(AUDITS))
    parser.add_argument("--show", type=int, default=40, help="how many differences to print")
    args = parser.parse_args()
    found = AUDITS[args.audit]()
    print(f"{len(found)} differences over {len(_rows())} rows")
    print(Counter(f[0] for f in found).most_common())
    for item in found[: args.show]:
        print(" | ".join(str(x).replace("\n", "⏎")[:90] for x in item))


if __name__ == "__main__":
    main()
