"""The columns ``shixian table`` adds to a row: the flat record (:mod:`shixian.io.record`).

Each distinct phrase is normalized once (:class:`PhraseCache`); a phrase that
fails is recorded, never raised, so one bad cell cannot stop a table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ..errors import ShixianError
from ..model import Normalized, Schedule
from .record import COLUMN_NAMES, empty_record, flatten, json_value, text_cells

__all__ = [
    "ADDED_COLUMNS",
    "Annotation",
    "PhraseCache",
    "Summary",
    "annotate",
    "annotation_of",
    "error_message",
    "flagged",
    "input_flag",
    "schedule_rrule",
]

#: The columns :func:`annotate` adds, in this order, after the input's own: the
#: flat record of :mod:`shixian.io.record`.
ADDED_COLUMNS: tuple[str, ...] = COLUMN_NAMES


class Annotation:
    """The added columns of one row: the flat record's values, in :data:`ADDED_COLUMNS` order.

    A row is either normalized (``kind`` set, ``error`` ``None``) or failed
    (``error`` set, every other field ``None``). Build one from a result
    (:meth:`of`), for a failure (:meth:`failed`), or from column values by
    name (``Annotation(kind="deadline", due="2016-07-31")``, others empty).
    ``get(name)`` gives a column's typed value (dates as ``datetime.date``); the
    attributes ``due``, ``start``, ``end`` give the ISO text.

    >>> a = Annotation.failed("empty")
    >>> a.error, a.kind, a.cells()[-1], len(a.cells()) == len(ADDED_COLUMNS)
    ('empty', None, 'empty', True)
    >>> Annotation(kind="deadline", due=dt.date(2016, 7, 31)).due
    '2016-07-31'
    """

    __slots__ = ("values",)

    values: tuple[Any, ...]

    def __init__(self, values: tuple[Any, ...] | None = None, **columns: Any) -> None:
        if values is None:
            record = dict.fromkeys(ADDED_COLUMNS)
            unknown = set(columns) - set(record)
            if unknown:
                raise TypeError(f"no such columns: {sorted(unknown)}")
            record.update(columns)
            values = tuple(record.values())
        elif columns or len(values) != len(ADDED_COLUMNS):
            raise TypeError("give one value per column, or columns by name")
        object.__setattr__(self, "values", values)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Annotation is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Annotation) and self.values == other.values

    def __hash__(self) -> int:
        return hash(self.values)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.record().items() if v is not None)
        return f"Annotation({fields})"

    def __reduce__(self) -> tuple[type[Annotation], tuple[tuple[Any, ...]]]:
        return (Annotation, (self.values,))

    @classmethod
    def of(cls, result: Normalized) -> Annotation:
        """The annotation of a normalized phrase (:func:`~shixian.io.record.flatten`)."""
        return cls(tuple(flatten(result).values()))

    @classmethod
    def failed(cls, message: str) -> Annotation:
        """The annotation of a cell without a result, saying why."""
        return cls(tuple(empty_record(message).values()))

    def get(self, name: str) -> Any:
        """The typed value of column ``name``."""
        return self.values[_POSITION[name]]

    def record(self) -> dict[str, Any]:
        """The typed values keyed by column name (dates as :class:`datetime.date`)."""
        return dict(zip(ADDED_COLUMNS, self.values, strict=True))

    def _text(self, name: str) -> str | None:
        value = self.get(name)
        return None if value is None else text_cells((value,))[0]

    @property
    def kind(self) -> str | None:
        """The result's kind, ``None`` for a failed row."""
        return self._text("kind")

    @property
    def due(self) -> str | None:
        """The ``due`` column as ISO text (``get("due")`` for the date)."""
        return self._text("due")

    @property
    def start(self) -> str | None:
        """The ``start`` column as ISO text."""
        return self._text("start")

    @property
    def end(self) -> str | None:
        """The ``end`` column as ISO text."""
        return self._text("end")

    @property
    def rrule(self) -> str | None:
        """The ``rrule`` column."""
        return self._text("rrule")

    @property
    def iso(self) -> str | None:
        """The ``iso`` column."""
        return self._text("iso")

    @property
    def error(self) -> str | None:
        """Why the row has no result, ``None`` when it has one."""
        return self._text("error")

    @property
    def ambiguous(self) -> bool | None:
        """Whether the result has another reading (``None`` for a failed row)."""
        value = self.get("ambiguous")
        return None if value is None else bool(value)

    @property
    def ok(self) -> bool:
        """The phrase was normalized."""
        return self.error is None

    def cells(self) -> list[str]:
        """The cells for csv/tsv, in :data:`ADDED_COLUMNS` order (dates ISO, ``true``/``false``)."""
        return text_cells(self.values)

    def as_json(self) -> dict[str, Any]:
        """The fields for JSON output, keyed by :data:`ADDED_COLUMNS` (``None`` → null)."""
        out = {name: json_value(v) for name, v in zip(ADDED_COLUMNS, self.values, strict=True)}
        if isinstance(out.get("parts"), str):
            out["parts"] = json.loads(out["parts"])  # the parts as JSON, not a string of it
        return out


_POSITION = {name: i for i, name in enumerate(ADDED_COLUMNS)}


def schedule_rrule(part: Schedule, reference: dt.date) -> str:
    """A schedule's ``DTSTART`` and ``RRULE`` lines, from its own start or 1 January."""
    return part.to_rrule(part.start or dt.date(reference.year, 1, 1))


def annotation_of(result: Normalized) -> Annotation:
    """The added columns for a normalized phrase: its flat record (:func:`shixian.flatten`)."""
    return Annotation.of(result)


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
        era: str | None = None,
    ) -> None:
        if normalizer is None:
            from ..api import normalize

            def _default(text: str) -> Normalized:
                return normalize(text, reference, exclusive=strict, era=era)

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


def input_flag(error: str | None, note: str) -> str:
    """The ``error`` cell of a row whose input had to be repaired (``note``: how it was
    read), after the phrase's own error when it has one.

    >>> input_flag(None, "not UTF-8: read as GB18030")
    'input: not UTF-8: read as GB18030'
    """
    flag = f"input: {note}"
    return f"{error}; {flag}" if error else flag


def flagged(annotation: Annotation, note: str) -> Annotation:
    """``annotation`` with :func:`input_flag` in its ``error`` column and its other columns
    kept: what a written row says (the streamed ``shixian table`` writes the same)."""
    values = list(annotation.values)
    at = _POSITION["error"]
    values[at] = input_flag(values[at], note)
    return Annotation(tuple(values))


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
        return Annotation.failed("empty")
    result = cache.get(phrase)
    if isinstance(result, Exception):
        return Annotation.failed(error_message(result))
    try:
        return annotation_of(result)
    except Exception as exc:  # e.g. a due day the calendar data cannot compute
        return Annotation.failed(error_message(exc))
