"""shixian (时限): the deadline phrases of Chinese government documents as structured time.

>>> import shixian
>>> shixian.normalize("2016年7月底前", reference="2016-06-30").due
datetime.date(2016, 7, 31)
"""

from __future__ import annotations

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

__version__ = "0.1.0.dev0"

__all__ = [
    "MAX_PHRASE_LENGTH",
    "CalendarOutOfRange",
    "Deadline",
    "Frequency",
    "InputTooLong",
    "InvalidDate",
    "InvalidReference",
    "Kind",
    "Match",
    "Normalized",
    "NotComputable",
    "Occurrence",
    "Offset",
    "Ongoing",
    "Part",
    "Pending",
    "Relative",
    "Schedule",
    "ShixianError",
    "StatuteRef",
    "Unit",
    "UnrecognizedPhrase",
    "Window",
    "__version__",
    "extract",
    "normalize",
    "parse_reference",
]
