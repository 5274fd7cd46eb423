"""The columns ``shixian table`` adds to a row: the flat record (:mod:`shixian.io.record`).

Each distinct phrase is normalized once (:class:`PhraseCache`); a phrase that
fails is recorded, never raised, so one bad cell cannot stop a table.
"""

from __future__ import annotations

import datetime as dt
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
    "schedule_rrule",
]

#: The columns :func:`annotate` adds, in this order, after the input's own: the
#: flat record of :mod:`shixian.io.record`.
ADDED_COLUMNS: tuple[str, ...] = COLUMN_NAMES


@attrs.frozen
class Annotation:
    """The added columns of one row: the flat record's values, in :data:`ADDED_COLUMNS` order.

    A row is either normalized (``kind`` set, ``error`` ``None``) or failed
    (``error`` set, every other field ``None``).

    >>> a = Annotation.failed("empty")
    >>> a.error, a.kind, a.cells()[-1], len(a.cells()) == len(ADDED_COLUMNS)
    ('empty', None, 'empty', True)
    """

    values: tuple[Any, ...]

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

    @property
    def kind(self) -> str | None:
        """The result's kind, ``None`` for a failed row."""
        value: str | None = self.get("kind")
        return value

    @property
    def error(self) -> str | None:
        """Why the row has no result, ``None`` when it has one."""
        value: str | None = self.get("error")
        return value

    @property
    def ambiguous(self) -> bool | None:
        """Whether the result has another reading (``None`` for a failed row)."""
        value: bool | None = self.get("ambiguous")
        return value

    @property
    def ok(self) -> bool:
        """The phrase was normalized."""
        return self.error is None

    def cells(self) -> list[str]:
        """The cells for csv/tsv, in :data:`ADDED_COLUMNS` order (dates ISO, ``true``/``false``)."""
        return text_cells(self.values)

    def as_json(self) -> dict[str, Any]:
        """The fields for JSON output, keyed by :data:`ADDED_COLUMNS` (``None`` → null)."""
        return {name: json_value(v) for name, v in zip(ADDED_COLUMNS, self.values, strict=True)}


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
        return Annotation.failed("empty")
    result = cache.get(phrase)
    if isinstance(result, Exception):
        return Annotation.failed(error_message(result))
    try:
        return annotation_of(result)
    except Exception as exc:  # e.g. a due day the calendar data cannot compute
        return Annotation.failed(error_message(exc))
