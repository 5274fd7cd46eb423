"""shixian (时限): the deadline phrases of Chinese government documents as structured time.

>>> import shixian
>>> shixian.normalize("2016年7月底前", reference="2016-06-30").due
datetime.date(2016, 7, 31)

The names below are loaded on first use (PEP 562), so that ``import shixian``
stays cheap for programs that only sometimes normalize.

Loading is thread- and fork-safe: names are loaded under a lock, and just before
the process forks (``os.fork``, a ``fork`` process pool) every module shixian
loads lazily is imported, waiting for any import another thread has begun, so
that a forked child never inherits a half-imported module.
"""

from __future__ import annotations

import importlib
import os
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (
        MAX_PHRASE_LENGTH as MAX_PHRASE_LENGTH,
    )
    from .api import (
        Failure as Failure,
    )
    from .api import (
        Match as Match,
    )
    from .api import (
        Matches as Matches,
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
        DateOutOfRange as DateOutOfRange,
    )
    from .errors import (
        EmptyPhrase as EmptyPhrase,
    )
    from .errors import (
        GarbledDate as GarbledDate,
    )
    from .errors import (
        HolidayOutOfRange as HolidayOutOfRange,
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
        PartialParse as PartialParse,
    )
    from .errors import (
        ProvisionalCalendarWarning as ProvisionalCalendarWarning,
    )
    from .errors import (
        ShixianError as ShixianError,
    )
    from .errors import (
        UnknownEra as UnknownEra,
    )
    from .errors import (
        UnknownTimeZone as UnknownTimeZone,
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
        Direction as Direction,
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
        Unparsed as Unparsed,
    )
    from .model import (
        Window as Window,
    )


__version__ = "0.1.0.dev0"

_EXPORTS = {
    "api": (
        "MAX_PHRASE_LENGTH", "Failure", "Match", "Matches", "extract", "normalize",
        "parse_reference",
    ),
    "errors": (
        "CalendarOutOfRange", "DateOutOfRange", "EmptyPhrase", "GarbledDate", "HolidayOutOfRange",
        "InputTooLong", "InvalidDate", "InvalidReference", "NotComputable", "NoticeError",
        "PartialParse", "ProvisionalCalendarWarning", "ShixianError", "UnknownEra",
        "UnknownTimeZone", "UnrecognizedPhrase",
    ),
    "model": (
        "Deadline", "Direction", "Frequency", "Kind", "Normalized", "Occurrence", "Offset",
        "Ongoing", "Part", "Pending", "Relative", "Schedule", "StatuteRef", "Unit", "Unparsed",
        "Window",
    ),
    "calendar.workdays": ("WorkdayCalendar",),
    "io.record": ("RECORD_COLUMNS", "flatten"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "MAX_PHRASE_LENGTH",
    "RECORD_COLUMNS",
    "CalendarOutOfRange",
    "DateOutOfRange",
    "Deadline",
    "Direction",
    "EmptyPhrase",
    "Failure",
    "Frequency",
    "GarbledDate",
    "HolidayOutOfRange",
    "InputTooLong",
    "InvalidDate",
    "InvalidReference",
    "Kind",
    "Match",
    "Matches",
    "Normalized",
    "NotComputable",
    "NoticeError",
    "Occurrence",
    "Offset",
    "Ongoing",
    "Part",
    "PartialParse",
    "Pending",
    "ProvisionalCalendarWarning",
    "Relative",
    "Schedule",
    "ShixianError",
    "StatuteRef",
    "Unit",
    "UnknownEra",
    "UnknownTimeZone",
    "Unparsed",
    "UnrecognizedPhrase",
    "Window",
    "WorkdayCalendar",
    "__version__",
    "extract",
    "flatten",
    "normalize",
    "parse_reference",
]


#: Modules imported on first use (here and inside functions), imported before a fork.
_LAZY_MODULES = (
    "shixian.api",
    "shixian.calendar.recurrence",
    "shixian.calendar.statutes",
    "shixian.calendar.workdays",
    "shixian.io.render",
    "cn2an",
)
_lock = threading.RLock()


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'shixian' has no attribute {name!r}")
    with _lock:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
    return value


def _before_fork() -> None:
    """Import every lazily loaded module (waiting for other threads' imports) and
    hold the lock, so the child starts with whole modules and a free lock."""
    _lock.acquire()
    try:
        for module in _LAZY_MODULES:
            importlib.import_module(module)
        for name, module in _MODULE_OF.items():
            globals()[name] = getattr(importlib.import_module(f".{module}", __name__), name)
    except Exception:  # never stop a fork: the child then loads what it needs itself
        pass


def _after_fork_in_child() -> None:
    global _lock
    _lock = threading.RLock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(
        before=_before_fork,
        after_in_parent=lambda: _lock.release(),
        after_in_child=_after_fork_in_child,
    )


def __dir__() -> list[str]:
    return __all__
