"""Checking values rebuilt from untrusted dicts (``from_dict``) before anything computes with them.

``Part.from_dict`` builds a part from JSON-like data; a field of the wrong type
or out of range (``"day": [1]``, ``"interval": 0``, ``"months": [13]``) would
otherwise fail later, deep in date arithmetic, with an error that is not a
:class:`~shixian.errors.ShixianError`. :func:`check` refuses it at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from typing import Any

import attrs

from ..errors import ShixianError

__all__ = ["check"]

#: (low, high) of the integer fields of a schedule and an offset, by field name.
RANGES: dict[str, tuple[int, int]] = {
    "interval": (1, 10_000),
    "day": (1, 31),
    "weekday": (0, 6),
    "months": (1, 12),
    "weekdays": (0, 6),
    "week": (-53, 53),
    "workday": (-366, 366),
    "min_count": (0, 10**9),
    "count": (0, 10**9),
    "amount": (0, 10**9),
}


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)  # resolved without changing the class's fields
    return tuple((f.name, hints.get(f.name, Any)) for f in attrs.fields(cls))


def _matches(value: object, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(tp))
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_matches(v, args[0]) for v in value)
        return len(value) == len(args) and all(
            _matches(v, a) for v, a in zip(value, args, strict=True)
        )
    if tp is type(None):
        return value is None
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(tp, type) and (issubclass(tp, (str, bool, dt.date, enum.Enum)) or attrs.has(tp)):
        return isinstance(value, tp)
    return True  # Any and forms not checked here


def check(obj: Any) -> None:
    """Raise :class:`ShixianError` when a field of ``obj`` (an attrs value) has the wrong
    type, or an integer field named in :data:`RANGES` is out of its range."""
    name = type(obj).__name__
    kind: type = type(obj)
    for field, tp in _fields(kind):
        value = getattr(obj, field)
        if not _matches(value, tp):
            raise ShixianError(f"not a shixian {name}: {field}={value!r} has the wrong type")
        bounds = RANGES.get(field)
        if bounds is not None and value is not None:
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                if isinstance(item, int) and not bounds[0] <= item <= bounds[1]:
                    low, high = bounds
                    raise ShixianError(
                        f"not a shixian {name}: {field}={value!r} is outside {low}..{high}"
                    )
        if attrs.has(type(value)):
            check(value)
