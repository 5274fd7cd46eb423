"""Stage 3: partial calendar anchors (2016年, 12月, 底) and their resolution to days.

An :class:`Anchor` holds what the text says and nothing more: a missing year
stays missing until :meth:`Anchor.bounds` resolves it against the reference
(and reports that it did). Conventions for the fuzzy edges 初/中/底 live here,
in one table, and are documented in ``docs/semantics.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendar import periods
from ..errors import InvalidDate

__all__ = ["EDGE_CONVENTIONS", "Anchor", "Bounds", "Named"]

#: grain → edge → (first, last) sub-period, as month numbers (year/quarter/half)
#: or days of the month (month). ``None`` = the period's own end.
EDGE_CONVENTIONS: dict[str, dict[str, tuple[int, int | None]]] = {
    "year": {"begin": (1, 3), "middle": (6, 7), "end": (12, 12)},
    "half": {"begin": (1, 1), "middle": (3, 4), "end": (6, 6)},
    "quarter": {"begin": (1, 1), "middle": (2, 2), "end": (3, 3)},
    "month": {"begin": (1, 10), "middle": (11, 20), "end": (21, None)},
}

_GRAINS = ("year", "half", "quarter", "month", "tenday", "day")
_LEVEL = {g: i for i, g in enumerate(_GRAINS)}
_NARROWER = {"year": ("half", "quarter", "month"), "month": ("tenday", "day")}


#: A resolved period: first day, last day, whether the year (or month) was
#: inferred from the reference, and whether the edges are conventional (fuzzy).
Bounds = tuple[dt.date, dt.date, bool, bool]


class Named:
    """A period the calendar names by a word, not by numbers: a festival, a
    holiday period, a five-year plan, a season (see ``rules/festivals.py``).

    An anchor with a ``named`` period resolves through :meth:`period`;
    ``occasion`` marks festivals and holidays, whose relations (前, 后) read as
    before/after the occasion rather than as of a calendar period.
    """

    occasion = False
    #: whether the period is one day (a lunar date): 前 after it is due that day, as after
    #: a date, not ambiguous as after a longer period
    is_day = False

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        """The period's bounds, for ``anchor`` (its year fields) read at ``reference``."""
        raise NotImplementedError


class Anchor:
    """What the text says of a calendar period; every field optional.

    ``year_shift`` is a year relative to the reference (今年 0, 上年 -1);
    ``edge`` is ``begin``/``middle``/``end`` of ``edge_grain`` (``None`` = the
    finest grain named); ``today`` is 即日; ``to`` is the far end of a range;
    ``time`` the time of day the text names on it (``(hour, minute)``, hour 24 for
    24时); ``month_shift`` a month relative to the reference's (本月十七日 0, 上月下旬
    -1); ``about`` marks a period told approximately (2025年前后, 5月左右: fuzzy);
    ``weekday`` the weekday a note beside it states (3月6日(周一): 0), checked
    against the date by the productions; ``named`` a period named by a word (春节,
    十四五, 夏季), resolved by it.
    """

    # Class-level defaults: an instance stores only the fields its text names,
    # which keeps building and merging fragments cheap on the hot path.
    year: int | None = None
    year_shift: int | None = None
    half: int | None = None
    quarter: int | None = None
    month: int | None = None
    tenday: int | None = None
    day: int | None = None
    edge: str | None = None
    edge_grain: str | None = None
    today: bool = False
    to: Anchor | None = None
    time: tuple[int, int] | None = None
    weekday: int | None = None
    named: Named | None = None
    month_shift: int | None = None
    about: bool = False
    #: the year is one an earlier sentence named (该年12月底, 同年3月): read as the
    #: reference's, and reported as a guess
    anaphoric: bool = False
    #: the year was taken from the item before it (3月1日至15日), not written
    year_inherited: bool = False
    #: ``year_shift`` counts from the year told before, not the reference's (次年, 翌年):
    #: the far end of a range is that many years after its start (2019年10月至次年4月)
    follows: bool = False
    #: a festival or lunar day a bracketed note gives the day (2月10日(大年初一)): with no
    #: year written, it tells the year (the one near the reference in which they coincide)
    lunar_note: Named | None = None

    def __init__(self, **fields: Any) -> None:
        if fields:
            self.__dict__.update(fields)

    def __repr__(self) -> str:
        return f"Anchor({self.__dict__})"

    def copy(self) -> Anchor:
        """A shallow copy."""
        return Anchor(**self.__dict__)

    def last(self) -> Anchor:
        """The far end of a range (the anchor itself when it is no range)."""
        out = self
        while out.to is not None:
            out = out.to
        return out

    @property
    def grain(self) -> str | None:
        """The finest grain the anchor names (``None`` for an empty anchor)."""
        if self.day is not None or self.today:
            return "day"
        if self.tenday is not None:
            return "tenday"
        if self.month is not None:
            return "month"
        if self.quarter is not None:
            return "quarter"
        if self.half is not None:
            return "half"
        if self.year is not None or self.year_shift is not None:
            return "year"
        return None

    @property
    def has_year(self) -> bool:
        """True when the text names the year (absolutely or relative to the reference)."""
        return self.year is not None or self.year_shift is not None

    def accepts(self, other: Anchor) -> bool:
        """Whether fragment ``other`` narrows this anchor: 2016年 + 12月, 12月 + 底."""
        if self.to is not None or self.today or self.edge is not None:
            return False
        mine, theirs = self.grain, other.grain
        if mine is None:
            return False
        if theirs is None:  # an edge word: 底, 末, or 月底 after a month
            return other.edge is not None and other.edge_grain in (None, mine)
        return theirs in _NARROWER.get(mine, ())

    def absorb(self, other: Anchor) -> None:
        """Take over the fields ``other`` names (see :meth:`accepts`), but not its range."""
        fields = other.__dict__
        if "to" in fields:
            fields = {k: v for k, v in fields.items() if k != "to"}
        self.__dict__.update(fields)

    def fill_from(self, earlier: Anchor) -> Anchor:
        """A copy completed with the coarser fields of ``earlier`` (3月1日至15日 → 3月15日).

        Only fields coarser than the finest one it names are inherited: a day takes
        the month and year, a month the year, a quarter the year.
        """
        out = self.copy()
        level = _LEVEL.get(self.grain or "year", 0)
        if not out.has_year:
            out.year, out.year_shift = earlier.year, earlier.year_shift
            out.year_inherited = True
        if level > _LEVEL["month"] and out.month is None and out.month_shift is None:
            out.month, out.month_shift = earlier.month, earlier.month_shift
        if level > _LEVEL["month"] and out.month is None and earlier.today:
            out.today = False
        return out

    def give_year(self, year: int | None, shift: int | None, *, inherited: bool = False) -> None:
        """Give this anchor and every end of its range that names no year of its own the
        year ``year`` (or ``shift`` years from the reference's): a year told once for them
        (2024年春运从1月26日开始至3月5日结束)."""
        item: Anchor | None = self
        while item is not None:
            if not item.has_year:
                item.year, item.year_shift = year, shift
                if inherited:
                    item.year_inherited = True
            item = item.to

    # -- resolution -------------------------------------------------------
    def resolve_year(self, reference: dt.date) -> tuple[int, bool]:
        """The year named, or the reference year; and whether it was inferred."""
        if self.year is not None:
            return self.year, False
        if self.year_shift is not None:
            # 次年 alone counts from a year no text told: the reference's is a guess
            return reference.year + self.year_shift, self.follows
        return reference.year, True

    def bounds(self, reference: dt.date, text: str) -> Bounds:
        """The period the anchor names, edges included, resolved against ``reference``."""
        if self.named is not None:
            return self._named_bounds(reference, text)
        if self.lunar_note is not None and self.year is None:
            noted = self._year_of_note(reference, text)
            if noted is not None:
                return noted
        if self.today:
            if self.to is not None:
                _, far_end, _, far_fuzzy = self.to.bounds(reference, text)
                if far_end < reference:
                    raise InvalidDate(text, "range", f"{reference}..{far_end}")
                return reference, far_end, False, far_fuzzy
            return reference, reference, False, False
        year, inferred = self.resolve_year(reference)
        grain = self.grain
        month = self.month
        anchor = self
        if grain is None:
            edge_grain = self.edge_grain
            if edge_grain == "month" and self.month_shift is not None:
                year, month, inferred = *self._shifted_month(reference, year), False  # 本月底
            elif edge_grain == "month":
                month, inferred = reference.month, True
            elif edge_grain in ("quarter", "half"):
                # 季末, 季初 alone: the reference's quarter (half-year)
                anchor = self.copy()
                if edge_grain == "quarter":
                    anchor.quarter = (reference.month - 1) // 3 + 1
                else:
                    anchor.half = (reference.month - 1) // 6 + 1
                inferred = True
        elif month is None and (grain == "day" or grain == "tenday"):
            if self.month_shift is None:
                month, inferred = reference.month, True
            else:  # 本月十七日: the month is named relative to the reference
                year, month, inferred = *self._shifted_month(reference, year), False
        try:
            start, end = anchor._period(year, month, text)
        except ValueError as exc:
            if isinstance(exc, InvalidDate):
                raise
            raise InvalidDate(text, "day", self.day) from exc
        fuzzy = False
        if self.edge is not None:
            start, end, fuzzy = self._edge(start, end, year, month, grain)
        if self.to is not None:
            _, far_end, far_inferred, far_fuzzy = self._far_end(start, reference, text)
            return start, far_end, inferred and far_inferred, fuzzy or far_fuzzy or self.about
        return start, end, inferred, fuzzy or self.about

    def _shifted_month(self, reference: dt.date, year: int) -> tuple[int, int]:
        """``(year, month)`` of a month named from the reference's (本月, 上月, 下月)."""
        assert self.month_shift is not None
        carry, index = divmod(reference.month - 1 + self.month_shift, 12)
        return (year if self.has_year else year + carry), index + 1

    def _year_of_note(self, reference: dt.date, text: str) -> Bounds | None:
        """1月28日(除夕) in a notice of November 2024 for the next year's holidays: the
        bounds in the year near the reference (its own, the next, the one before) in which
        the noted festival or lunar day falls on the date (the year is still reported as
        inferred: the text writes none); ``None`` when none does. (A weekday note does not
        choose the year: the other dates of a notice would stay in the reference's.)"""
        note = self.lunar_note
        if note is None or self.year_shift is not None or self.month is None or self.day is None:
            return None
        for year in (reference.year, reference.year + 1, reference.year - 1):
            try:
                day = dt.date(year, self.month, self.day)
            except ValueError:
                continue
            # (腊月 days fall in the next January: of the lunar year before)
            if not any(_falls_on(note, ly, day, reference, text) for ly in (year, year - 1)):
                continue
            fixed = self.copy()
            fixed.year, fixed.lunar_note = year, None
            far = fixed.to
            if far is not None and far.year is None and far.year_shift is None:
                fixed.to = far.copy()
                later = far.month is not None and far.month < self.month
                fixed.to.year, fixed.to.lunar_note = year + later, None
            start, end, _, fuzzy = fixed.bounds(reference, text)
            return start, end, True, fuzzy  # (still a year the text does not write)
        return None

    def _far_end(self, start: dt.date, reference: dt.date, text: str) -> Bounds:
        """The bounds of the range's far end; one that writes no year of its own and
        falls before the start is in the next year (11月11日~1月20日, 12月28日至1月3日)."""
        assert self.to is not None
        shift = self.to.year_shift
        if self.to.follows and shift is not None:
            # 2019年10月至次年4月: the year after the start's (inferred as far as the start is)
            later = self.to.copy()
            later.year, later.year_shift, later.follows = start.year + shift, None, False
            far = later.bounds(reference, text)
            if far[1] < start:
                raise InvalidDate(text, "range", f"{start}..{far[1]}")
            return far[0], far[1], True, far[3]
        far = self.to.bounds(reference, text)
        if far[1] >= start:
            return far
        to = self.to
        rolls = (to.year_inherited or not to.has_year) and to.year_shift is None
        if rolls and to.named is None and to.month is not None and to.month < start.month:
            later = to.copy()
            later.year, later.year_inherited = start.year + 1, False
            try:
                far = later.bounds(reference, text)
            except InvalidDate:
                pass
            else:
                if start <= far[1] <= dt.date(start.year + 1, 12, 31):
                    return far[0], far[1], True, far[3]  # inferred as far as the start is
        raise InvalidDate(text, "range", f"{start}..{far[1]}")

    def _named_bounds(self, reference: dt.date, text: str) -> Bounds:
        assert self.named is not None
        start, end, inferred, fuzzy = self.named.period(self, reference, text)
        if self.to is not None:
            _, far_end, far_inferred, far_fuzzy = self.to.bounds(reference, text)
            if far_end < start:
                raise InvalidDate(text, "range", f"{start}..{far_end}")
            return start, far_end, inferred and far_inferred, fuzzy or far_fuzzy
        return start, end, inferred, fuzzy

    def _period(self, year: int, month: int | None, text: str) -> tuple[dt.date, dt.date]:
        if not 1 <= year <= 9999:
            raise InvalidDate(text, "year", year)
        if self.day is not None:
            assert month is not None
            day = dt.date(year, month, self.day)
            return day, day
        if self.tenday is not None:
            assert month is not None
            return periods.tenday_bounds(year, month, self.tenday)
        if month is not None:
            return periods.month_bounds(year, month)
        if self.quarter is not None:
            return periods.quarter_bounds(year, self.quarter)
        if self.half is not None:
            return periods.half_bounds(year, self.half)
        return periods.year_bounds(year)

    def _edge(
        self, start: dt.date, end: dt.date, year: int, month: int | None, named: str | None
    ) -> tuple[dt.date, dt.date, bool]:
        grain = self.edge_grain or named or "year"
        if grain == "tenday" or grain == "day":
            return start, end, False
        assert self.edge is not None
        first, last = EDGE_CONVENTIONS[grain][self.edge]
        if grain == "month":
            last_day = end.day if last is None else last
            return start.replace(day=first), start.replace(day=last_day), True
        base = start.month - 1
        lo = dt.date(year, base + first, 1)
        hi = periods.month_end(year, base + (last if last is not None else first))
        return lo, hi, True


def _falls_on(note: Named, lunar_year: int, day: dt.date, reference: dt.date, text: str) -> bool:
    """Whether the festival or lunar day ``note`` of ``lunar_year`` is ``day``."""
    falls_on = getattr(note, "falls_on", None)
    if falls_on is not None:  # a lunar day without its month (2月10日(初一))
        return bool(falls_on(day))
    try:
        return note.period(Anchor(year=lunar_year), reference, text)[0] == day
    except (ValueError, OverflowError):
        return False
