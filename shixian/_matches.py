"""How :func:`shixian.extract` turns the parts of a document into matches: which parts
become matches (:func:`chosen`), a part in its match's words (:func:`moved`), the
failures in the document's words (:func:`failure`), and the collector's pause while a
long document is read (:func:`collector_paused`)."""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from .errors import GarbledDate, InvalidDate
from .grammar import extent
from .grammar.engine import Context
from .model import Part, Window

if TYPE_CHECKING:
    from .api import Failure

__all__ = ["OUTSIDE", "PAUSE_FROM", "chosen", "collector_paused", "failure", "moved"]

OUTSIDE = "outside the calendar (0001-01-01 to 9999-12-31)"
_THREE_DIGIT_YEAR = re.compile(r"(?<![0-9０-９民國国])[0-9０-９]{3}年$")
#: texts from this length on are read with the cyclic garbage collector paused
PAUSE_FROM = 20_000
_pausing = threading.Lock()
_paused = 0  # calls inside collector_paused that found the collector on


@contextlib.contextmanager
def collector_paused(length: int) -> Iterator[None]:
    """Python's cyclic garbage collector off while a text of ``length`` characters, a
    long document, is read (from :data:`PAUSE_FROM` on): the tokens and parts of a
    document are many objects without cycles, freed by their reference counts, which the
    collector walked over and over (a fifth of extract's time on a 1 MB document). It is
    turned back on when the last such call that found it on ends; it is left alone if
    it was off (the program turned it off)."""
    global _paused
    if length < PAUSE_FROM:
        yield
        return
    with _pausing:
        mine = gc.isenabled() or _paused > 0
        if mine:
            _paused += 1
            gc.disable()
    try:
        yield
    finally:
        if mine:
            with _pausing:
                _paused -= 1
                if _paused == 0:
                    gc.enable()


_INIT_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def moved(part: Part, words: str, span: tuple[int, int]) -> Part:
    """``attrs.evolve(part, text=words, span=span)`` without looking the fields up again
    for every match (evolve's lookup was a tenth of extract's own time)."""
    cls = type(part)
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = _INIT_FIELDS[cls] = tuple((a.name, a.alias) for a in attrs.fields(cls) if a.init)
    fields = {alias: getattr(part, name) for name, alias in names}
    fields["text"], fields["span"] = words, span
    return cls(**fields)


def chosen(ctx: Context, found: list[Part], dropped: list[Failure]) -> list[Part]:
    """The parts that become matches, in order and without overlaps: a year word
    absorbed by the finer date after it (年内6月30日前); a date right after a garbled
    year (105年5月31日: a three-digit year without 民国) is a failure, never a date of
    the reference year."""
    from .api import Failure

    garbled = {}
    text = ctx.text
    for tok in ctx.tokens:
        if tok.code == "g":
            lo, hi = ctx.cleaned.span(tok.start, tok.end)
            while hi < len(text) and text[hi].isspace():  # ( 年 7 月: the date after the spaces
                hi += 1
            garbled[hi] = lo
    # 2016年1028日: the year before a garbled date is that date's, no window of its own
    ends = {lo: hi for hi, lo in garbled.items()}
    parts: list[Part] = []
    for part in found:
        if parts and part.span[0] < parts[-1].span[1]:
            continue
        if part.span[1] in ends and isinstance(part, Window) and _year_only(part):
            hi = ends.pop(part.span[1])
            garbled[hi] = part.span[0]
            continue
        at = part.span[0]
        year = (
            _THREE_DIGIT_YEAR.search(ctx.text, max(0, at - 4), at)
            if at and ctx.text[at - 1] == "年"
            else None
        )
        if year is not None:  # 105年下半年: the three-digit year is left out of the part
            garbled[part.span[0]] = year.start()
        if part.span[0] in garbled:
            lo, hi = garbled.pop(part.span[0]), part.span[1]
            words = ctx.text[lo:hi]
            exc = GarbledDate(words, "garbled", ctx.text[lo : part.span[0]])
            dropped.append(Failure(lo, hi, words, str(exc), type(exc).__name__))
            continue
        if parts and extent.absorbs(ctx, parts[-1], part):
            first = parts.pop()
            span = (first.span[0], part.span[1])
            part = attrs.evolve(part, text=ctx.text[span[0] : span[1]], span=span)
        parts.append(part)
    starts = [p.span[0] for p in parts]  # the parts are disjoint and in order
    for hi, lo in garbled.items():  # 另105年度列管: a garbled date no part follows is a failure
        at = bisect.bisect_left(starts, hi)  # the parts starting before hi: the last may overlap
        if lo < hi and not (at and parts[at - 1].span[1] > lo):
            exc = GarbledDate(ctx.text[lo:hi], "garbled", ctx.text[lo:hi])
            dropped.append(Failure(lo, hi, ctx.text[lo:hi], str(exc), type(exc).__name__))
    return parts


def _year_only(part: Window) -> bool:
    """Whether ``part`` is a whole calendar year (2016年 alone)."""
    return (
        part.start.month == 1
        and part.start.day == 1
        and part.end.month == 12
        and part.end.day == 31
        and part.start.year == part.end.year
    )


def failure(ctx: Context, start: int, end: int, exc: Exception) -> Failure:
    """The failure of an expression a lenient parse skipped (offsets in the cleaned
    text), in the document's words: its message names those words."""
    from .api import Failure

    if ctx.cleaned.origin is not None:
        start, end = ctx.cleaned.span(start, end)
    text = ctx.text[start:end]
    if not isinstance(exc, InvalidDate):
        exc = InvalidDate(text, "date", OUTSIDE)
    elif len(exc.text) > len(text):  # a production named its whole text (the document)
        exc = type(exc)(text, *exc._fields[1:])  # type: ignore[arg-type]
    return Failure(start, end, text, str(exc), type(exc).__name__)
