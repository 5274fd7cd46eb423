"""Normalize a column of cells at once: each distinct (phrase, reference) pair once.

The engine under :mod:`shixian.pandas`, :mod:`shixian.polars` and
:mod:`shixian.dask`, free of any of them: :func:`normalize_cells` gives the
flat records of the distinct pairs and, per row, which record is its.

A missing cell (``None``, ``NaN``, ``pd.NA``, ``NaT``, ``""`` or blank) is *no
phrase*: its record is empty but for ``error`` = ``"empty"``, whatever
``errors`` says. A reference that cannot be read (``NaT`` in a column of
references) is an error of its row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..errors import InvalidReference, ShixianError
from ..model import Normalized
from .annotate import error_message
from .record import empty_record, flatten

__all__ = ["ERRORS", "Batch", "normalize_cells"]

#: The values of ``errors=``: ``raise`` the first error, or ``coerce`` it into
#: the row's ``error`` column (every other column empty).
ERRORS: tuple[str, ...] = ("raise", "coerce")

EMPTY = "empty"


@attrs.frozen
class Batch:
    """The records of a column: ``records[codes[i]]`` is row ``i``'s.

    Attributes:
        records: one flat record (:func:`~shixian.io.record.flatten`) per
            distinct (phrase, reference) pair, in order of first appearance.
        codes: for each row, the position of its record.
        results: parallel to ``records``, the result (``None`` for a row without one).
    """

    records: list[dict[str, Any]]
    codes: list[int]
    results: list[Normalized | None]


def _normalizer(exclusive: bool, era: str | None = None) -> Callable[[str, dt.date], Normalized]:
    from ..api import normalize

    def run(text: str, reference: dt.date) -> Normalized:
        return normalize(text, reference, exclusive=exclusive, era=era)

    return run


def _references(reference: object, n: int) -> tuple[bool, list[object]]:
    """``(per_row, values)``: one reference for all rows, or one per row."""
    if isinstance(reference, (str, bytes, dt.date)) or reference is None:
        return False, [reference]
    if hasattr(reference, "__len__") and hasattr(reference, "__iter__"):
        values = list(reference)
        if len(values) != n:
            raise ShixianError(
                f"reference has {len(values)} values for {n} rows: give one date, or one per row"
            )
        return True, values
    return False, [reference]


def _key(value: object) -> object:
    """A hashable key for a reference value (``NaT``/``NaN`` compare unequal to themselves)."""
    from ..model.reference import is_missing

    if is_missing(value):
        return ("missing", type(value).__name__)
    try:
        hash(value)
    except TypeError:
        return ("repr", repr(value))
    return value


def normalize_cells(
    cells: Sequence[object],
    reference: object = None,
    *,
    exclusive: bool = False,
    errors: str = "raise",
    normalizer: Callable[[str, dt.date], Normalized] | None = None,
    era: str | None = None,
) -> Batch:
    """The flat records of a column of phrases, each distinct pair normalized once.

    Args:
        cells: the phrases; missing values and blanks are *no phrase*.
        reference: one reference for every row (anything
            :func:`shixian.parse_reference` reads), or a sequence of them, one per row.
        exclusive: the exclusive reading of ``X前`` (see :func:`shixian.normalize`).
        errors: ``"raise"`` (default): the first phrase or reference that fails
            raises its error; ``"coerce"``: its row gets the message in ``error``.
        normalizer: replaces :func:`shixian.normalize` (for tests and custom rules).
        era: the era of bare years (``"roc"``; see :func:`shixian.normalize`).

    Raises:
        ShixianError: with ``errors="raise"``, the first failure; a scalar
            reference that cannot be read raises whatever ``errors`` says.
    """
    from ..model.reference import is_missing, parse_reference

    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, not {errors!r}")
    if era is not None:
        from ..grammar.eras import check_era

        check_era(era)
    run = normalizer or _normalizer(exclusive, era)
    n = len(cells)
    per_row, ref_values = _references(reference, n)
    parsed: dict[object, dt.date | ShixianError] = {}

    def read(value: object) -> dt.date | ShixianError:
        key = _key(value)
        found = parsed.get(key)
        if found is None:
            try:
                if per_row and value is None:
                    raise InvalidReference(value, "a missing value: every row needs one")
                found = parse_reference(value)
            except ShixianError as exc:
                if errors == "raise" or not per_row:
                    raise
                found = exc
            parsed[key] = found
        return found

    scalar = None if per_row else read(ref_values[0])
    positions: dict[tuple[object, object], int] = {}
    records: list[dict[str, Any]] = []
    results: list[Normalized | None] = []
    codes: list[int] = []
    for i, cell in enumerate(cells):
        ref = read(ref_values[i]) if per_row else scalar
        phrase: object = None if is_missing(cell) else cell
        if isinstance(phrase, str) and not phrase.strip():
            phrase = None
        pair = (phrase, ref if isinstance(ref, dt.date) else id(ref))
        code = positions.get(pair)
        if code is None:
            code = len(records)
            positions[pair] = code
            record, result = _record(phrase, ref, run, errors)
            records.append(record)
            results.append(result)
        codes.append(code)
    return Batch(records, codes, results)


def _record(
    phrase: object,
    ref: dt.date | ShixianError | None,
    run: Callable[[str, dt.date], Normalized],
    errors: str,
) -> tuple[dict[str, Any], Normalized | None]:
    if phrase is None:
        return empty_record(EMPTY), None
    if isinstance(ref, ShixianError):
        return empty_record(str(ref)), None
    assert ref is not None
    try:
        if not isinstance(phrase, str):
            raise ShixianError(f"not a phrase: {type(phrase).__name__} {phrase!r}")
        result = run(phrase, ref)
        return flatten(result), result
    except Exception as exc:  # recorded in coerce mode: one bad cell cannot stop a table
        if errors == "raise":
            raise
        return empty_record(error_message(exc)), None
