"""The columns ``shixian table`` adds to a row: kind, due, start, end, rrule, iso, ambiguous, error.

Each distinct phrase is normalized once (:class:`PhraseCache`); a phrase that
fails is recorded, never raised, so one bad cell cannot stop a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ..errors import ShixianError
from ..model import Deadline, Normalized, Ongoing, Part, Schedule, Window

__all__ = [
    "ADDED_COLUMNS",
    "Annotation",
    "PhraseCache",
    "Summary",
    "annotate",
    "annotation_of",
    "error_message",
    "schedule_rrule",
]

#: The columns :func:`annotate` adds, in this order, after the input's own.
ADDED_COLUMNS: tuple[str, ...] = (
    "kind",
    "due",
    "start",
    "end",
    "rrule",
    "iso",
    "ambiguous",
    "error",
)
_SEPARATOR = " ; "


@attrs.frozen
class Annotation:
    """The added columns of one row (``None`` = empty cell).

    A row is either normalized (``kind`` set, ``error`` ``None``) or failed
    (``error`` set, every other field ``None``).

    >>> Annotation(error="empty").cells()
    ['', '', '', '', '', '', '', 'empty']
    """

    kind: str | None = None
    due: str | None = None
    start: str | None = None
    end: str | None = None
    rrule: str | None = None
    iso: str | None = None
    ambiguous: bool | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """The phrase was normalized."""
        return self.error is None

    def cells(self) -> list[str]:
        """The cells for csv/tsv/xlsx, in :data:`ADDED_COLUMNS` order."""
        out: list[str] = []
        for name in ADDED_COLUMNS:
            value = getattr(self, name)
            if value is None:
                out.append("")
            elif isinstance(value, bool):
                out.append("true" if value else "false")
            else:
                out.append(str(value))
        return out

    def as_json(self) -> dict[str, Any]:
        """The fields for JSON output, keyed by :data:`ADDED_COLUMNS` (``None`` → null)."""
        return {name: getattr(self, name) for name in ADDED_COLUMNS}


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _edges(part: Part) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a part states (``None`` where it has no edge)."""
    if isinstance(part, Window):
        return part.start, part.end
    if isinstance(part, Deadline):
        return None, part.due
    if isinstance(part, Schedule):
        return part.start, part.until
    if isinstance(part, Ongoing):
        return part.start, None
    return None, None


def schedule_rrule(part: Schedule, reference: dt.date) -> str:
    """A schedule's ``DTSTART`` and ``RRULE`` lines, from its own start or 1 January."""
    return part.to_rrule(part.start or dt.date(reference.year, 1, 1))


def annotation_of(result: Normalized) -> Annotation:
    """The added columns for a normalized phrase.

    ``start``/``end`` are the edges of the first window among the parts, else of
    the first part that has an edge (a deadline's ``end`` is its due day); ``rrule``
    and ``iso`` list every part that has one, joined with `` ; `` (an RRULE's own
    two lines are joined with a space).
    """
    windows = [p for p in result.parts if isinstance(p, Window)]
    edged = [e for e in map(_edges, windows or result.parts) if e != (None, None)]
    start, end = edged[0] if edged else (None, None)
    rrules = [
        schedule_rrule(p, result.reference).replace("\r\n", " ").replace("\n", " ")
        for p in result.parts
        if isinstance(p, Schedule) and p.computable
    ]
    isos = [p.iso for p in result.parts if p.iso is not None]
    return Annotation(
        kind=result.kind,
        due=_iso(result.due),
        start=_iso(start),
        end=_iso(end),
        rrule=_SEPARATOR.join(rrules) or None,
        iso=_SEPARATOR.join(isos) or None,
        ambiguous=result.ambiguous,
    )


Normalizer = Callable[[str], Normalized]


class PhraseCache:
    """Normalize each distinct phrase once; remember the result or the error.

    ``get`` returns a :class:`~shixian.model.Normalized` or the exception it
    raised. Any exception is kept, not only :class:`~shixian.errors.ShixianError`,
    so one bad cell cannot stop a whole table.
    """

    def __init__(
        self,
        reference: dt.date | None = None,
        *,
        strict: bool = False,
        normalizer: Normalizer | None = None,
    ) -> None:
        if normalizer is None:
            from ..api import normalize

            def _default(text: str) -> Normalized:
                return normalize(text, reference, exclusive=strict)

            normalizer = _default
        self._normalize = normalizer
        self._results: dict[str, Normalized | Exception] = {}

    def get(self, text: str) -> Normalized | Exception:
        """The result for ``text`` (computed on first use)."""
        try:
            return self._results[text]
        except KeyError:
            pass
        result: Normalized | Exception
        try:
            result = self._normalize(text)
        except Exception as exc:  # recorded, never raised: see the class docstring
            result = exc
        self._results[text] = result
        return result

    def __len__(self) -> int:
        return len(self._results)


def error_message(exc: BaseException) -> str:
    """The text of an error for the ``error`` column (unexpected errors name their type)."""
    if isinstance(exc, ShixianError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}"


@attrs.define
class Summary:
    """Counts over an annotated table."""

    rows: int = 0
    normalized: int = 0
    errors: int = 0
    ambiguous: int = 0

    def add(self, annotation: Annotation) -> None:
        """Count one row."""
        self.rows += 1
        if annotation.ok:
            self.normalized += 1
            self.ambiguous += bool(annotation.ambiguous)
        else:
            self.errors += 1

    def __str__(self) -> str:
        return (
            f"{self.rows} rows, {self.normalized} normalized, "
            f"{self.errors} errors, {self.ambiguous} ambiguous"
        )


def annotate(
    phrases: Iterable[str],
    reference: dt.date | None = None,
    *,
    strict: bool = False,
    cache: PhraseCache | None = None,
) -> Iterator[Annotation]:
    """One :class:`Annotation` per phrase, in order; each distinct phrase is normalized once.

    A blank phrase gets ``error="empty"``; a phrase that fails gets its error message.
    """
    cache = cache if cache is not None else PhraseCache(reference, strict=strict)
    done: dict[str, Annotation] = {}
    for phrase in phrases:
        annotation = done.get(phrase)
        if annotation is None:
            annotation = _annotate_one(phrase, cache)
            done[phrase] = annotation
        yield annotation


def _annotate_one(phrase: str, cache: PhraseCache) -> Annotation:
    if not phrase.strip():
        return Annotation(error="empty")
    result = cache.get(phrase)
    if isinstance(result, Exception):
        return Annotation(error=error_message(result))
    try:
        return annotation_of(result)
    except Exception as exc:  # e.g. a due day the calendar data cannot compute
        return Annotation(error=error_message(exc))
