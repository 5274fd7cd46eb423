"""What a table run found, for people: counts by kind and the first problem rows with reasons.

:class:`Report` is filled one row at a time (it never holds the table), so it
suits a streamed table as well as a read one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs

from ..io.annotate import Annotation
from ..io.tables import Table
from ..model import Deadline, Normalized

__all__ = ["PROBLEMS", "Report", "flagged_line", "input_lines"]

#: The problem kinds a report lists rows for, in the order it prints them.
PROBLEMS: tuple[str, ...] = ("errors", "ambiguous", "incomplete")


def _cut(text: str, width: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def ambiguity(result: Normalized) -> str:
    """Why a result is ambiguous: the reading taken and the others, for each ambiguous part.

    >>> import shixian
    >>> ambiguity(shixian.normalize("2016年7月前", reference="2016-05-01"))
    '2016年7月前: due 2016-07-31, other reading 2016-06-30'
    """
    notes = []
    for part in result.parts:
        if isinstance(part, Deadline) and part.ambiguous:
            others = ", ".join(d.isoformat() for d in part.alternatives)
            notes.append(f"{part.text}: due {part.due.isoformat()}, other reading {others}")
    return "; ".join(notes) or "more than one reading"


def unparsed(result: Normalized) -> str:
    """The words of an incomplete result that were not read as time (``Normalized.unparsed``)."""
    pieces = [str(getattr(u, "text", u)) for u in getattr(result, "unparsed", ())]
    return "not read: " + " / ".join(pieces) if pieces else "not read in full"


@attrs.define
class Report:
    """Counts over an annotated table: rows, kinds, and the first rows of each problem.

    ``limit`` is how many rows of each problem are kept with their reasons; row
    numbers count data rows from 1 (the header is not a row).

    >>> import shixian
    >>> from shixian.io.annotate import Annotation, annotation_of
    >>> report = Report()
    >>> r = shixian.normalize("2016年7月前", reference="2016-05-01")
    >>> report.add(1, "2016年7月前", annotation_of(r), r)
    >>> report.add(2, "", Annotation(error="empty"), None)
    >>> print("\\n".join(report.lines()))
    2 rows, 1 normalized, 1 errors, 1 ambiguous
    kinds: deadline 1
    errors: row 2: empty
    ambiguous: row 1: 2016年7月前: due 2016-07-31, other reading 2016-06-30
    """

    limit: int = 5
    rows: int = 0
    normalized: int = 0
    kinds: Counter[str] = attrs.field(factory=Counter)
    counts: Counter[str] = attrs.field(factory=Counter)
    examples: dict[str, list[tuple[int, str]]] = attrs.field(
        factory=lambda: {name: [] for name in PROBLEMS}
    )

    def _note(self, problem: str, number: int, reason: str) -> None:
        self.counts[problem] += 1
        kept = self.examples[problem]
        if len(kept) < self.limit:
            kept.append((number, reason))

    def add(
        self, number: int, phrase: str, annotation: Annotation, result: Normalized | None
    ) -> None:
        """Count row ``number`` (its phrase, its added columns and, when it read, its result)."""
        self.rows += 1
        if not annotation.ok:
            head = f"{_cut(phrase)}: " if phrase.strip() else ""
            self._note("errors", number, head + str(annotation.error))
            return
        self.normalized += 1
        self.kinds[str(annotation.kind)] += 1
        if annotation.ambiguous:
            self._note("ambiguous", number, ambiguity(result) if result else "ambiguous")
        if result is not None and not getattr(result, "complete", True):
            self._note("incomplete", number, f"{_cut(phrase)}: {unparsed(result)}")

    @property
    def errors(self) -> int:
        """Rows that failed."""
        return self.counts["errors"]

    def headline(self) -> str:
        """The one-line count, as the command has always printed it."""
        text = (
            f"{self.rows} rows, {self.normalized} normalized, "
            f"{self.counts['errors']} errors, {self.counts['ambiguous']} ambiguous"
        )
        if self.counts["incomplete"]:
            text += f", {self.counts['incomplete']} incomplete"
        return text

    def lines(self) -> list[str]:
        """The headline, the counts by kind, then each problem's first rows and reasons."""
        out = [self.headline()]
        if self.kinds:
            out.append("kinds: " + ", ".join(f"{k} {n}" for k, n in self.kinds.most_common()))
        for problem in PROBLEMS:
            kept = self.examples[problem]
            if not kept:
                continue
            shown = "; ".join(f"row {n}: {reason}" for n, reason in kept)
            more = self.counts[problem] - len(kept)
            out.append(f"{problem}: {shown}" + (f"; … and {more} more" if more else ""))
        return out


def flagged_line(count: int, notes: Sequence[tuple[int, int, str]]) -> str:
    """The summary line of the rows flagged for their input: ``notes`` are the first few
    ``(row, line, note)``, numbered from 1.

    >>> flagged_line(1, [(2, 3, "not UTF-8: read as GB18030")])
    'input: 1 rows flagged in error: row 2 (line 3): not UTF-8: read as GB18030'
    """
    shown = "; ".join(f"row {n} (line {line}): {note}" for n, line, note in notes[:5])
    more = count - min(len(notes), 5)
    return f"input: {count} rows flagged in error: {shown}" + (
        f"; … and {more} more" if more else ""
    )


def input_lines(table: Table) -> list[str]:
    """:func:`flagged_line` for a table read in memory (none when no row was flagged)."""
    if not table.notes:
        return []
    notes = [(i + 1, line, note) for i, (line, note) in sorted(table.notes.items())]
    return [flagged_line(len(notes), notes)]
