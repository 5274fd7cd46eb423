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
    from .api import (
        MAX_PHRASE_LENGTH as MAX_PHRASE_LENGTH,
    )
    from .api import (
        Match as Match,
    )
    from .api import (
        extract as extract,
    )
    from .api import (
        normalize as normalize,
    )
    from .api import (
        parse_reference as parse_reference,
    )
    from .calendar.workdays import WorkdayCalendar as WorkdayCalendar
    from .errors import (
        CalendarOutOfRange as CalendarOutOfRange,
    )
    from .errors import (
        EmptyPhrase as EmptyPhrase,
    )
    from .errors import (
        InputTooLong as InputTooLong,
    )
    from .errors import (
        InvalidDate as InvalidDate,
    )
    from .errors import (
        InvalidReference as InvalidReference,
    )
    from .errors import (
        NotComputable as NotComputable,
    )
    from .errors import (
        NoticeError as NoticeError,
    )
    from .errors import (
        ProvisionalCalendarWarning as ProvisionalCalendarWarning,
    )
    from .errors import (
        ShixianError as ShixianError,
    )
    from .errors import (
        UnrecognizedPhrase as UnrecognizedPhrase,
    )
    from .io.record import (
        RECORD_COLUMNS as RECORD_COLUMNS,
    )
    from .io.record import (
        flatten as flatten,
    )
    from .model import (
        Deadline as Deadline,
    )
    from .model import (
        Frequency as Frequency,
    )
    from .model import (
        Kind as Kind,
    )
    from .model import (
        Normalized as Normalized,
    )
    from .model import (
        Occurrence as Occurrence,
    )
    from .model import (
        Offset as Offset,
    )
    from .model import (
        Ongoing as Ongoing,
    )
    from .model import (
        Part as Part,
    )
    from .model import (
        Pending as Pending,
    )
    from .model import (
        Relative as Relative,
    )
    from .model import (
        Schedule as Schedule,
    )
    from .model import (
        StatuteRef as StatuteRef,
    )
    from .model import (
        Unit as Unit,
    )
    from .model import (
        Window as Window,
    )


__version__ = "0.1.0.dev0"

_EXPORTS = {
    "api": ("MAX_PHRASE_LENGTH", "Match", "extract", "normalize", "parse_reference"),
    "errors": (
        "CalendarOutOfRange", "EmptyPhrase", "InputTooLong", "InvalidDate", "InvalidReference",
        "NotComputable", "NoticeError", "ProvisionalCalendarWarning", "ShixianError",
        "UnrecognizedPhrase",
    ),
    "model": (
        "Deadline", "Frequency", "Kind", "Normalized", "Occurrence", "Offset", "Ongoing",
        "Part", "Pending", "Relative", "Schedule", "StatuteRef", "Unit", "Window",
    ),
    "calendar.workdays": ("WorkdayCalendar",),
    "io.record": ("RECORD_COLUMNS", "flatten"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "MAX_PHRASE_LENGTH",
    "RECORD_COLUMNS",
    "CalendarOutOfRange",
    "Deadline",
    "EmptyPhrase",
    "Frequency",
    "InputTooLong",
    "InvalidDate",
    "InvalidReference",
    "Kind",
    "Match",
    "Normalized",
    "NotComputable",
    "NoticeError",
    "Occurrence",
    "Offset",
    "Ongoing",
    "Part",
    "Pending",
    "ProvisionalCalendarWarning",
    "Relative",
    "Schedule",
    "ShixianError",
    "StatuteRef",
    "Unit",
    "UnrecognizedPhrase",
    "Window",
    "WorkdayCalendar",
    "__version__",
    "extract",
    "flatten",
    "normalize",
    "parse_reference",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'shixian' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
