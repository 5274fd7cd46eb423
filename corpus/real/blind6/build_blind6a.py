"""Write blind6a.tsv from the hand-annotated working file raw_blind6a.txt (fields separated by
`` ¦ ``; ``#`` lines are comments kept above the row that follows them) and check it:
five fields, ISO reference dates, the notation's kinds / keys / ISO dates, http(s)
sources, and that no source is a page any earlier corpus row came from. It never runs
the library (the set is annotated blind).

    python corpus/real/blind5/build_blind6a.py /path/to/used_sources.txt

It also checks that every source was claimed by this harvester (``mine_blind6a.txt``, the
lines it added to the shared claims file) and that no page gives more than 6 rows.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"deadline", "window", "schedule", "relative", "ongoing", "pending"}
KEYS = {
    "deadline": {"due", "alt", "due_at", "inferred", "if"},
    "window": {"start", "end", "fuzzy", "min", "start_at", "end_at", "inferred", "if"},
    "schedule": {
        "every",
        "month",
        "months",
        "day",
        "from",
        "until",
        "min",
        "count",
        "label",
        "interval",
        "weekday",
        "weekdays",
        "week",
        "workday",
        "festival",
        "if",
    },
    "relative": {"offset", "after", "before", "law", "ext", "if"},
    "ongoing": {"from", "if"},
    "pending": {"on", "if"},
}
DATE_KEYS = {"due", "alt", "start", "end", "from", "until"}
OFFSET = re.compile(r"^(0|\?|\d+(H|D|WD|W|M|Y))$")


def check_reading(reading: str) -> None:
    """Raise ValueError when one ``||`` reading is not in the notation."""
    if reading in {"error", "flagged"}:
        return
    for chunk in reading.split(" ; "):
        if chunk == "...":
            continue
        kind, *words = chunk.split()
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r}")
        for word in words:
            key, _, value = word.partition("=")
            if key not in KEYS[kind]:
                raise ValueError(f"{kind}: key {key!r}")
            if key in DATE_KEYS:
                dt.date.fromisoformat(value)
            if key == "offset" and not OFFSET.match(value):
                raise ValueError(f"offset {value!r}")


def main() -> None:
    used = set(Path(sys.argv[1]).read_text(encoding="utf-8").split())
    mine = set((HERE / "mine_blind6a.txt").read_text(encoding="utf-8").split())
    per_page: dict[str, int] = {}
    out = ["phrase\treference\texpected\tsource\tdoc_date"]
    rows = 0
    pages: set[str] = set()
    for number, line in enumerate((HERE / "raw_blind6a.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            out.append(line)
            continue
        fields = line.split(" ¦ ")
        if len(fields) != 5:
            raise SystemExit(f"line {number}: {len(fields)} fields")
        phrase, reference, expected, source, doc_date = (f.strip() for f in fields)
        dt.date.fromisoformat(reference)
        for reading in expected.split(" || "):
            try:
                check_reading(reading.strip())
            except ValueError as exc:
                raise SystemExit(f"line {number}: {exc} in {expected!r}") from exc
        if not source.startswith(("http://", "https://")) or source in used:
            raise SystemExit(f"line {number}: source {source!r} missing or already used")
        if source not in mine:
            raise SystemExit(f"line {number}: source {source!r} not claimed by blind6a")
        per_page[source] = per_page.get(source, 0) + 1
        if per_page[source] > 6:
            raise SystemExit(f"line {number}: more than 6 rows from {source!r}")
        if "\t" in phrase:
            raise SystemExit(f"line {number}: tab in phrase")
        out.append("\t".join((phrase, reference, expected, source, doc_date)))
        rows += 1
        pages.add(source)
    (HERE / "blind6a.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{rows} rows from {len(pages)} pages")


if __name__ == "__main__":
    main()
