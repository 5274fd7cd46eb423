"""Write a blind evaluation set's TSV from its hand-annotated working file, and check it.

    python corpus/real/build_blind.py blind3/blind3a [--used USED_SOURCES] [--check]

``blind3/blind3a`` names the set's file without its ``.tsv`` (under ``corpus/real/``); its
working file is ``raw_<name>.txt`` beside it (``raw.txt`` for blind2): fields separated by
`` ¦ ``, ``#`` lines kept as notes above the row that follows them. Every row must have
five fields (phrase, reference, expected, source, doc_date), an ISO reference, readings in
the corpus notation (``shixian.io.corpus.parse_expected``: the notation only, the library
is never run on the rows, which are annotated blind) and an http(s) source. With
``--used``, no source may be a page an earlier corpus row came from (the check at harvest
time). Where the harvester kept its claims (``mine_<name>.txt``), every source must be one
of them and no page may give more than 6 rows. ``--check`` writes nothing: it fails unless
the file on disk is exactly what the working file builds (the frozen sets are; their
sha256 is in their READMEs).

This one script replaces the per-set copies the harvesters wrote (``build.py``,
``build_blind3a.py`` …); it builds every frozen set byte for byte as they did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parent
sys.path.insert(0, str(REAL.parent.parent))

from shixian.io.corpus import parse_expected  # noqa: E402

HEADER = "phrase\treference\texpected\tsource\tdoc_date"
MAX_PER_PAGE = 6


def build(name: str, used: set[str] | None = None) -> tuple[str, int, int]:
    """The TSV text of set ``name`` (``blind3/blind3a``), its rows and its pages."""
    target = REAL / f"{name}.tsv"
    here, stem = target.parent, target.stem
    raw = here / f"raw_{stem}.txt"
    if not raw.exists():
        raw = here / "raw.txt"
    claims = here / f"mine_{stem}.txt"
    mine = set(claims.read_text(encoding="utf-8").split()) if claims.exists() else None
    out = [HEADER]
    per_page: dict[str, int] = {}
    for number, line in enumerate(raw.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            out.append(line)
            continue
        fields = line.split(" ¦ ")
        if len(fields) != 5:
            raise SystemExit(f"{raw.name} line {number}: {len(fields)} fields")
        phrase, reference, expected, source, doc_date = (f.strip() for f in fields)
        try:
            dt.date.fromisoformat(reference)
            parse_expected(expected)
        except ValueError as exc:
            raise SystemExit(f"{raw.name} line {number}: {exc}") from exc
        if not source.startswith(("http://", "https://")):
            raise SystemExit(f"{raw.name} line {number}: source {source!r} is no address")
        if used is not None and source in used:
            raise SystemExit(f"{raw.name} line {number}: source {source!r} already used")
        if mine is not None:
            if source not in mine:
                raise SystemExit(f"{raw.name} line {number}: source {source!r} not claimed")
            if per_page.get(source, 0) >= MAX_PER_PAGE:
                raise SystemExit(f"{raw.name} line {number}: more than 6 rows from {source!r}")
        if "\t" in phrase:
            raise SystemExit(f"{raw.name} line {number}: tab in phrase")
        per_page[source] = per_page.get(source, 0) + 1
        out.append("\t".join((phrase, reference, expected, source, doc_date)))
    return "\n".join(out) + "\n", sum(per_page.values()), len(per_page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="the set's file without .tsv, e.g. blind3/blind3a")
    parser.add_argument("--used", metavar="FILE", help="addresses earlier rows came from")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    used = None
    if args.used:
        used = set(Path(args.used).read_text(encoding="utf-8").split())
    text, rows, pages = build(args.name, used)
    target = REAL / f"{args.name}.tsv"
    if args.check:
        if target.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{target.name} is not what its working file builds")
    else:
        target.write_text(text, encoding="utf-8")
    print(f"{target.name}: {rows} rows from {pages} pages")


if __name__ == "__main__":
    main()
