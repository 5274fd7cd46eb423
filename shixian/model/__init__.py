"""The value objects shixian returns: parts of a phrase and the normalized result.

Values sit at the bottom of the package: this subpackage imports nothing of
shixian but :mod:`shixian.errors` (and, lazily, the calendar code its methods use).
"""

from .base import Direction, Frequency, Kind, Occurrence, Offset, Part, StatuteRef, Unit
from .parts import Deadline, Ongoing, Pending, Relative, Schedule, Window
from .result import Normalized, Unparsed

__all__ = [
    "Deadline",
    "Direction",
    "Frequency",
    "Kind",
    "Normalized",
    "Occurrence",
    "Offset",
    "Ongoing",
    "Part",
    "Pending",
    "Relative",
    "Schedule",
    "StatuteRef",
    "Unit",
    "Unparsed",
    "Window",
]
