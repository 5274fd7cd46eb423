"""shixian (时限): the deadline phrases of Chinese government documents as structured time.

>>> import shixian
>>> shixian.normalize("2016年7月底前", reference="2016-06-30").due
datetime.date(2016, 7, 31)

The names below are loaded on first use (PEP 562), so that ``import shixian``
stays cheap for programs that only sometimes normalize.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import MAX_PHRASE_LENGTH, Match, extract, normalize, parse_reference
    from .errors import (
        CalendarOutOfRange,
        InputTooLong,
        InvalidDate,
        InvalidReference,
        NotComputable,
        ShixianError,
        UnrecognizedPhrase,
    )
    from .model import (
        Deadline,
        Frequency,
        Kind,
        Normalized,
        Occurrence,
        Offset,
        Ongoing,
        Part,
        Pending,
        Relative,
        Schedule,
        StatuteRef,
        Unit,
        Window,
    )
    from .workdays import WorkdayCalendar

__version__ = "0.1.0.dev0"

_EXPORTS = {
    "api": ("MAX_PHRASE_LENGTH", "Match", "extract", "normalize", "parse_reference"),
    "errors": (
        "CalendarOutOfRange", "InputTooLong", "InvalidDate", "InvalidReference",
        "NotComputable", "ShixianError", "UnrecognizedPhrase",
    ),
    "model": (
        "Deadline", "Frequency", "Kind", "Normalized", "Occurrence", "Offset", "Ongoing",
        "Part", "Pending", "Relative", "Schedule", "StatuteRef", "Unit", "Window",
    ),
    "workdays": ("WorkdayCalendar",),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_MODULE_OF, "__version__"])


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'shixian' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
