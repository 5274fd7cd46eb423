"""Every expression of the harvested sentences that ``extract`` misses, and every extra match.

    python tools/extract_report.py [--all] [--known]

Groups the outcomes (``wrong span``, ``wrong meaning``, ``not found``, ``extra``; see
``tests/real_sentences.py``) by status and then by the expected kind, and prints the counts
the test's floors are set from. ``--known`` also lists the documented known misses
(corpus/real/known_misses_sentences.tsv); ``--all`` prints found expressions too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.real_sentences import FOUND, OUTCOMES, known, score_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="print found expressions too")
    parser.add_argument("--known", action="store_true", help="list known misses too")
    args = parser.parse_args()
    outcomes = score_all()
    misses = known()
    counts = Counter(o.status for o in outcomes)
    groups: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        if o.status == FOUND and not args.all:
            continue
        is_known = (o.sentence, o.expression) in misses
        if is_known and not args.known:
            continue
        kind = o.expected.split()[0] if o.expected else "-"
        groups[o.status][kind].append((o, is_known))
    for status in (*OUTCOMES, FOUND):
        for kind, items in sorted(groups[status].items()):
            print(f"\n## {status} / {kind} ({len(items)})")
            for o, is_known in items:
                mark = " [known]" if is_known else ""
                where = o.sentence[max(0, o.span[0] - 12) : o.span[1] + 12].replace("\n", " ")
                print(f"- {o.expression or '(extra)'!r}{mark} in …{where}…")
                if o.expected:
                    print(f"    want: {o.expected}")
                print(f"    got:  {o.got or '-'}")
    total = sum(1 for o in outcomes if o.status != "extra")
    known_hit = sum(1 for o in outcomes if (o.sentence, o.expression) in misses)
    print(f"\nexpressions {total}: found {counts[FOUND]}, " + ", ".join(
        f"{s} {counts[s]}" for s in OUTCOMES) + f"; known misses {known_hit}")  # fmt: skip


if __name__ == "__main__":
    main()
