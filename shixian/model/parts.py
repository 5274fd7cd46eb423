"""The part kinds: deadlines, windows, schedules, relative limits, pending and ongoing work.

Each kind lives in a module of its own (:mod:`.dated`, :mod:`.schedule`, :mod:`.limits`);
this module gathers them and registers them by kind for ``Part.from_dict``.
"""

from __future__ import annotations

from .base import _PART_TYPES
from .dated import Deadline, Window
from .limits import Ongoing, Pending, Relative
from .schedule import Schedule

__all__ = ["Deadline", "Ongoing", "Pending", "Relative", "Schedule", "Window"]

_PART_TYPES.update(
    {cls.kind: cls for cls in (Deadline, Window, Schedule, Relative, Pending, Ongoing)}
)
