"""The normalized result of one phrase: its parts against a reference date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import CalendarOutOfRange, ShixianError
from ._fastinit import fast_init
from .base import Part
from .parts import Schedule

__all__ = ["Normalized", "Unparsed"]


@attrs.frozen
class Unparsed:
    """Words that look like time and that no part explains, or a note that
    contradicts its date: ``text``, its ``span`` in the input, and ``reason``.

    >>> Unparsed("14:00", (0, 5), "a time of day with no date")
    Unparsed(text='14:00', span=(0, 5), reason='a time of day with no date')
    """

    text: str
    span: tuple[int, int]
    reason: str = "not understood"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"text": self.text, "span": list(self.span), "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Unparsed:
        """Read back :meth:`to_dict` output (a field of the wrong type is refused with a
        :class:`~shixian.errors.ShixianError`, as :meth:`Normalized.from_dict` says)."""
        from .validate import check

        start, end = data["span"]
        unparsed = cls(data["text"], (start, end), data.get("reason", ""))
        check(unparsed)
        return unparsed


@fast_init
@attrs.frozen
class Normalized:
    """The structured meaning of one phrase, against a reference date.

    Attributes:
        text: the phrase as given.
        reference: the date it was read against (the document's date).
        parts: what it says, one part per time statement, in the order of the text.
        unparsed: the words that look like time and that no part explains, and notes
            that contradict their dates (:class:`Unparsed`); empty when ``complete``.

    >>> import shixian
    >>> r = shixian.normalize("2016年7月底前完成", reference="2016-06-30")
    >>> r.kind, r.due
    ('deadline', datetime.date(2016, 7, 31))
    >>> shixian.Normalized.from_dict(r.to_dict()) == r
    True
    """

    text: str
    reference: dt.date
    parts: tuple[Part, ...]
    unparsed: tuple[Unparsed, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every word of the text that looks like time is explained by a part
        (see :attr:`unparsed` for the rest)."""
        return not self.unparsed

    @property
    def kind(self) -> str:
        """The kind of the single part, or ``"compound"`` when there are several."""
        if len(self.parts) == 1:
            return self.parts[0].kind.value
        return "compound"

    @property
    def due(self) -> dt.date | None:
        """The latest day on which the work is still on time, when the text fixes it.

        For several parts, the latest of their due days when every part has one;
        for a schedule, its next due day on or after the reference (``None`` when that
        day needs working days past the official calendar's data: the text fixes no
        day then; ``Schedule.next_due()`` says why).
        """
        dues: list[dt.date] = []
        for part in self.parts:
            if isinstance(part, Schedule):
                if not part.computable:
                    return None
                try:
                    nxt = part.next_due(self.reference)
                except CalendarOutOfRange:
                    return None
                if nxt is None:
                    return None
                dues.append(nxt)
            else:
                d = part.due
                if d is None:
                    return None
                dues.append(d)
        return max(dues) if dues else None

    @property
    def ambiguous(self) -> bool:
        """True when any part has another plausible reading."""
        return any(getattr(p, "ambiguous", False) for p in self.parts)

    @property
    def iso(self) -> str | None:
        """ISO 8601 of the single part (``None`` for compounds and kinds without one)."""
        return self.parts[0].iso if len(self.parts) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; ``Normalized.from_dict(r.to_dict()) == r``."""
        due = self.due
        return {
            "text": self.text,
            "reference": self.reference.isoformat(),
            "kind": self.kind,
            "due": None if due is None else due.isoformat(),
            "parts": [p.to_dict() for p in self.parts],
            "complete": self.complete,
            "unparsed": [u.to_dict() for u in self.unparsed],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Normalized:
        """Rebuild a result from :meth:`to_dict` output.

        The data are not trusted: a field of the wrong type or range (``"text": NaN``,
        ``"day": [1]``) raises :class:`~shixian.errors.ShixianError`, so what is accepted
        round-trips exactly (``from_dict(r.to_dict()) == r``).
        """
        from .validate import check

        try:
            result = cls(
                text=data["text"],
                reference=dt.date.fromisoformat(data["reference"]),
                parts=tuple(Part.from_dict(p) for p in data["parts"]),
                unparsed=tuple(Unparsed.from_dict(u) for u in data.get("unparsed", ())),
            )
            check(result)
            return result
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            if isinstance(exc, ShixianError):
                raise
            raise ShixianError(f"not a shixian result: {exc!r}") from exc

    def __str__(self) -> str:
        from ..io.render import describe

        return describe(self)

    def _repr_html_(self) -> str:
        """A table of the parts (and a small timeline of several dated ones), for notebooks."""
        from ..io.html import result_html

        return result_html(self)
