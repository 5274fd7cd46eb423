"""The example corpus: phrases with their expected meaning, in the notation of
``shared/corpus/README.md``. One corpus drives the tests, the docs and the benchmark.

A corpus file is UTF-8 TSV with a header row ``group, phrase, reference,
expected``; ``#`` lines are comments. ``expected`` is one or more parts joined by
`` ; ``, each a kind word and ``key=value`` fields (or bare flags)::

    deadline due=2016-07-31 alt=2016-06-30
    window start=2016-01-01 end=2016-12-31 fuzzy min=1 inferred
    schedule every=quarter months=4-10 day=10 from=2016-01-01 label=中考
    schedule every=week weekdays=1,3 ; schedule every=month workday=-1 ; schedule every=month week=1
    relative offset=20D after=批准 law=中华人民共和国预算法第十四条
    relative offset=5D before=会议召开
    relative offset=20WD after=收到申请 ext=20WD
    ongoing from=2016-01-01
    pending on=国家批准

A literal ``\\n`` in a phrase stands for a line break (a wrapped cell), ``\\t`` for a tab
(the cells of a row pasted into one).
Any part may carry ``if=<condition>`` and the flag ``inferred`` (year taken
from the reference). A deadline without ``alt`` must not be ambiguous; a window
without ``fuzzy`` must not be fuzzy.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..model import Deadline, Normalized, Ongoing, Part, Pending, Relative, Schedule, Window

__all__ = ["CorpusRow", "ExpectedPart", "compare", "judge", "load", "parse_expected"]

#: Joins readings of which any one is right (`` || ``); ends an expected value whose
#: first parts are scored and whose further parts are not (`` ; ...``).
EITHER = " || "
MORE = " ; ..."


@attrs.frozen
class ExpectedPart:
    """One expected part: its kind and fields (flags map to ``""``)."""

    kind: str
    fields: dict[str, str] = attrs.field(hash=False)

    def __str__(self) -> str:
        shown = " ".join(k if v == "" else f"{k}={v}" for k, v in self.fields.items())
        return f"{self.kind} {shown}".strip()


@attrs.frozen
class CorpusRow:
    """A corpus example: ``phrase`` read against ``reference`` means ``expected``."""

    group: str
    phrase: str
    reference: dt.date
    expected: str
    source: str = ""

    @property
    def parts(self) -> list[ExpectedPart]:
        """The expected parts, parsed."""
        return parse_expected(self.expected)


def parse_expected(text: str) -> list[ExpectedPart]:
    """Parse the expected-value notation.

    >>> parse_expected("deadline due=2016-07-31 alt=2016-06-30 ; window start=2017-01-01 fuzzy")
    [ExpectedPart(kind='deadline', fields={'due': '2016-07-31', 'alt': '2016-06-30'}), \
ExpectedPart(kind='window', fields={'start': '2017-01-01', 'fuzzy': ''})]
    """
    parts = []
    for chunk in text.split(" ; "):
        words = chunk.split()
        if not words:
            continue
        fields: dict[str, str] = {}
        for word in words[1:]:
            key, _, value = word.partition("=")
            fields[key] = value
        parts.append(ExpectedPart(words[0], fields))
    return parts


def load(path: str | Path, *, source: str | None = None) -> list[CorpusRow]:
    """Read a corpus file (the project's ``group`` files or the shared seed files)."""
    rows: list[CorpusRow] = []
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append(
                CorpusRow(
                    group=rec.get("group") or rec.get("source") or "",
                    phrase=(rec.get("phrase") or rec.get("expression") or "")
                    .replace("\\n", "\n")
                    .replace("\\t", "\t"),
                    reference=dt.date.fromisoformat(rec["reference"]),
                    expected=rec["expected"],
                    source=source or str(path),
                )
            )
    return rows


def _months(value: str) -> tuple[int, ...]:
    """The months of ``months=``: a list (6,12) or a span (4-10; 11-3 runs across the
    year's end), in calendar order as a schedule keeps them (a set of months)."""
    if "-" in value:
        first, last = (int(v) for v in value.split("-"))
        if last < first:
            return tuple(range(1, last + 1)) + tuple(range(first, 13))
        return tuple(range(first, last + 1))
    return tuple(sorted({int(v) for v in value.split(",")}))


def _cleaned(words: str) -> str:
    from ..grammar.clean import clean

    return clean(words).text


def _check_part(part: Part, exp: ExpectedPart, check_trigger: bool) -> Iterator[str]:
    f = exp.fields
    if part.kind.value != exp.kind:
        yield f"kind {part.kind.value} != {exp.kind}"
        return
    if "if" in f and f["if"] not in part.conditions:
        yield f"conditions {part.conditions} lack {f['if']}"
    if "inferred" in f and not part.year_inferred:
        yield "year not marked inferred"
    if isinstance(part, Deadline):
        yield from _eq("due", part.due.isoformat(), f.get("due"))
        if "due_at" in f:  # times of day are scored where the expected value names them
            yield from _eq("due_at", _moment(part.due_at), f["due_at"])
        alts = [d.isoformat() for d in part.alternatives]
        if "alt" in f:
            if not part.ambiguous or f["alt"] not in alts:
                yield f"alternatives {alts} (ambiguous={part.ambiguous}) lack {f['alt']}"
        elif part.ambiguous:
            yield f"unexpectedly ambiguous, alternatives {alts}"
    elif isinstance(part, Window):
        for key, value in (("start", part.start), ("end", part.end)):
            if key in f:
                yield from _eq(key, value.isoformat(), f[key])
        if ("fuzzy" in f) != part.fuzzy:
            yield f"fuzzy {part.fuzzy}"
        for key, at in (("start_at", part.start_at), ("end_at", part.end_at)):
            if key in f:
                yield from _eq(key, _moment(at), f[key])
        yield from _eq("min", part.min_count, int(f["min"]) if "min" in f else None)
    elif isinstance(part, Schedule):
        yield from _eq("every", part.every.value, f.get("every"))
        if "month" in f or "months" in f:
            yield from _eq("months", part.months, _months(f.get("month") or f["months"]))
        else:
            yield from _eq("months", part.months, None)
        numbers = {
            "day": part.day,
            "min": part.min_count,
            "count": part.count,
            "interval": part.interval if part.interval != 1 else None,
            "weekday": part.weekday,
            "week": part.week,
            "workday": part.workday,
        }
        for key, number in numbers.items():
            yield from _eq(key, number, int(f[key]) if key in f else None)
        wanted = tuple(int(d) for d in f["weekdays"].split(",")) if "weekdays" in f else None
        yield from _eq("weekdays", part.weekdays, wanted)
        yield from _eq("from", _iso(part.start), f.get("from"))
        yield from _eq("until", _iso(part.until), f.get("until"))
        if "label" in f:
            yield from _eq("label", part.label, f["label"])
        yield from _eq("festival", part.festival, f.get("festival"))
    elif isinstance(part, Relative):
        yield from _eq("offset", str(part.offset), f.get("offset"))
        yield from _eq("direction", part.direction.value, "before" if "before" in f else "after")
        # compared as the cleaner leaves them: a trigger is in simplified characters
        # (收到申請材料 names 收到申请材料)
        trigger = _cleaned(part.trigger or "")
        for side in ("after", "before"):
            if side in f and check_trigger and _cleaned(f[side]) not in trigger:
                yield f"trigger {part.trigger!r} does not name {f[side]!r}"
        if "ext" in f:
            yield from _eq("ext", str(part.extension), f["ext"])
        if "law" in f:
            cited = "" if part.statute is None else str(part.statute)
            if f["law"] not in cited:
                yield f"statute {cited!r} is not {f['law']!r}"
    elif isinstance(part, Ongoing):
        yield from _eq("from", _iso(part.start), f.get("from"))
    # what it waits on, where the row names it, named as a trigger is: the row's words within
    # the result's (另行通知 names 通知)
    elif (
        isinstance(part, Pending)
        and "on" in f
        and _cleaned(f["on"]) not in _cleaned(part.depends_on or "")
    ):
        yield f"on {part.depends_on!r} does not name {f['on']!r}"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _moment(at: dt.datetime | None) -> str | None:
    return None if at is None else at.isoformat(timespec="minutes")


def _eq(name: str, actual: object, expected: object) -> Iterator[str]:
    if actual != expected:
        yield f"{name} {actual!r} != {expected!r}"


def compare(
    result: Normalized,
    expected: str,
    *,
    check_trigger: bool = True,
    check_complete: bool = False,
) -> list[str]:
    """The differences between a result and the expected notation (empty = correct).

    ``check_trigger=False`` skips ``after=`` (an expression given without the
    sentence that names its event). An expected value ending in `` ; ...`` scores
    its first parts only. ``check_complete`` also requires the result to be
    complete, unless a part carries the flag ``incomplete`` (then it must not be).
    """
    more = expected.endswith(MORE)
    wanted = parse_expected(expected[: -len(MORE)] if more else expected)
    problems: list[str] = []
    if len(result.parts) != len(wanted) and not (more and len(result.parts) >= len(wanted)):
        problems.append(f"{len(result.parts)} parts, expected {len(wanted)}")
    for i, (part, exp) in enumerate(zip(result.parts, wanted, strict=False)):
        problems.extend(f"part {i + 1}: {p}" for p in _check_part(part, exp, check_trigger))
    incomplete = any("incomplete" in exp.fields for exp in wanted)
    if (check_complete or incomplete) and result.complete == incomplete:
        left = [u.text for u in result.unparsed]
        problems.append(f"complete is {result.complete} (unparsed {left})")
    return problems


def _flagged(result: Normalized) -> bool:
    """The result says it is unsure: an ambiguous part or an incomplete reading."""
    return result.ambiguous or not getattr(result, "complete", True)


def judge(
    outcome: Normalized | Exception,
    expected: str,
    *,
    check_trigger: bool = True,
    check_complete: bool = False,
) -> list[str]:
    """Score a result, or the error a phrase raised, against an expected value that may
    hold several acceptable readings (``A || B``), ``error`` (the right answer is a
    documented error) and ``flagged`` (a result that says it is unsure is right).

    Empty when one of the readings is met; else the problems of each reading.

    >>> import shixian
    >>> r = shixian.normalize("2016年7月底前", reference=2016)
    >>> judge(r, "deadline due=2016-07-31 || error")
    []
    >>> judge(ValueError("x"), "window start=2016-01-01 end=2016-01-01")
    ['ValueError: x is not window start=2016-01-01 end=2016-01-01']
    """
    problems: list[str] = []
    for reading in expected.split(EITHER):
        reading = reading.strip()
        if isinstance(outcome, Exception):
            if reading == "error":
                return []
            problems.append(f"{type(outcome).__name__}: {outcome} is not {reading}")
        elif reading == "error":
            problems.append("a result where an error is right")
        elif reading == "flagged":
            if _flagged(outcome):
                return []
            problems.append("not flagged (neither ambiguous nor incomplete)")
        else:
            found = compare(
                outcome, reading, check_trigger=check_trigger, check_complete=check_complete
            )
            if not found:
                return []
            problems.extend(found)
    return problems
