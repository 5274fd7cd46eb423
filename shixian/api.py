"""The public entry points: :func:`normalize` one phrase, :func:`extract` from running text."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from typing import Any

import attrs

from ._failures import disjoint, outside
from ._matches import OUTSIDE, chosen, collector_paused, failure, moved
from ._work import WORK
from .errors import (
    EmptyPhrase,
    GarbledDate,
    InputTooLong,
    InvalidDate,
    PartialParse,
    UnrecognizedPhrase,
)
from .grammar import coverage, extent
from .grammar.clean import clean
from .grammar.engine import Context, Token, is_out_of_calendar
from .grammar.eras import check_era, with_era
from .grammar.rules import GRAMMAR
from .model import Normalized, Part, Pending, Unparsed, Window
from .model.reference import TimeZone, is_missing, parse_reference

__all__ = [
    "MAX_PHRASE_LENGTH",
    "Failure",
    "Match",
    "Matches",
    "extract",
    "normalize",
    "parse_reference",
]

#: The longest text :func:`normalize` accepts (a table cell is far shorter);
#: use :func:`extract` for documents.
MAX_PHRASE_LENGTH = 2000

_CACHE_SIZE = 8192
_LATIN = re.compile(r"[A-Za-z]{3,}")
_CONDITION_HEAD = re.compile(r"^(?:按照|按|根据|依照|依据)")
_SENTENCE_END = re.compile(r"[。;\n]")
#: a condition that cites rules already made (a statute's article, 按照…的规定, …精神): no
#: decision to wait on
_ARTICLE = re.compile(r"》第[0-9一二三四五六七八九十百零〇]+条|(?:规定|精神)$")


def normalize(
    text: str,
    reference: dt.date | dt.datetime | str | int | None = None,
    *,
    exclusive: bool = False,
    cache: bool = True,
    strict: bool | None = None,
    tz: TimeZone = None,
    complete: bool = False,
    era: str | None = None,
) -> Normalized:
    """The structured meaning of one deadline phrase (a table cell).

    Args:
        text: the phrase, e.g. ``"2016年7月底前完成"``; noise (spaces, full-width
            characters, wrapped lines, Chinese numerals) is tolerated.
        reference: the date the document was issued; it supplies the year of
            phrases that name none (全年工作). Default: today, in the machine's
            local time zone unless ``tz`` is given (see :func:`parse_reference`).
        exclusive: read ``X前`` as *before X begins* (2016年7月前 → 2016-06-30)
            instead of the default inclusive reading (→ 2016-07-31). Either way
            the result is marked ambiguous and carries the other reading. The
            command line's option of the same name is ``--exclusive``.
        cache: reuse the result of an identical earlier call (results are immutable).
        strict: the old name of ``exclusive``; deprecated (a ``DeprecationWarning``).
        tz: the time zone "today" is taken in (``"Asia/Shanghai"``); default: local.
        complete: raise :class:`~shixian.errors.PartialParse` instead of returning a
            result whose text holds words that look like time and that no part
            explains (``result.complete`` is False, ``result.unparsed`` says which).
        era: the era bare years count from. ``"roc"`` (民国, Taiwan's official
            calendar): 113年3月1日, 112年第2季, 104.7.2 are read as if written with
            民国 (1911 + the year: 2024-03-01). Default ``None``: a year of two or
            three digits names no calendar and is a ``GarbledDate``. The command
            line's option is ``--era roc``.

    Raises:
        TypeError: ``text`` is not a string (nor a missing value).
        EmptyPhrase: ``text`` is empty or blank, or a missing value (``None``,
            ``NaN``, ``pd.NA``, ``NaT``: an empty spreadsheet cell); a subclass
            of ``UnrecognizedPhrase``.
        UnrecognizedPhrase: no time expression understood.
        InvalidDate: an impossible date (2016年2月30日, 13月, 第五季度), or one
            before 0001-01-01 or after 9999-12-31 (上半年 in year 1); its subclass
            :class:`~shixian.errors.GarbledDate` for a garbled one (2022311日).
        PartialParse: with ``complete=True``, words that look like time are left over.
        InputTooLong: longer than :data:`MAX_PHRASE_LENGTH`.
        InvalidReference: ``reference`` cannot be read.
        UnknownEra: ``era`` is not one of :data:`shixian.grammar.eras.ERAS`.

    >>> r = normalize("2016年7月前", reference="2016-05-01")
    >>> r.due, r.parts[0].alternatives, r.ambiguous
    (datetime.date(2016, 7, 31), (datetime.date(2016, 6, 30),), True)
    """
    if not isinstance(text, str):
        if is_missing(text):
            raise EmptyPhrase(text)
        raise TypeError(f"normalize() needs a str, not {type(text).__name__}")
    if len(text) > MAX_PHRASE_LENGTH:
        raise InputTooLong(len(text), MAX_PHRASE_LENGTH)
    if strict is not None:
        exclusive = _deprecated_strict(strict, "normalize")
    ref = reference if type(reference) is dt.date else parse_reference(reference, tz=tz)
    if era is None:
        result = _cached(text, ref, exclusive) if cache else _normalize(text, ref, exclusive)
    else:
        result = (
            _cached_era(text, ref, exclusive, era)
            if cache
            else _normalize(text, ref, exclusive, era)
        )
    if complete and result.unparsed:
        raise PartialParse(text, result)
    return result


def _deprecated_strict(strict: bool, function: str) -> bool:
    import warnings

    warnings.warn(
        f"{function}(strict=...) is deprecated: the exclusive reading of X前 is now "
        f"{function}(exclusive=...), as the command line's --exclusive",
        DeprecationWarning,
        stacklevel=3,
    )
    return bool(strict)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _cached(text: str, reference: dt.date, strict: bool) -> Normalized:
    return _normalize(text, reference, strict)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _cached_era(text: str, reference: dt.date, strict: bool, era: str) -> Normalized:
    return _normalize(text, reference, strict, era)


def _normalize(text: str, reference: dt.date, strict: bool, era: str | None = None) -> Normalized:
    cleaned = clean(text) if era is None else with_era(clean(text), era)
    try:  # _parse, inlined: this is the path of every uncached call
        ctx = GRAMMAR.parse(text, cleaned, reference, strict)
    except (InvalidDate, OverflowError, ValueError) as exc:
        error = _in_words_of(text, exc)
        if error is exc:
            raise
        raise error from None
    if "g" in ctx.codes:
        tok = ctx.tokens[ctx.codes.index("g")]
        raise GarbledDate(text, "garbled", ctx.where([tok])[0])
    parts = _with_conditions(ctx, standalone_pending=True) if ctx.conditions else ctx.parts
    if not parts:
        if not text.strip():
            raise EmptyPhrase(text)
        fallback = _fallback(text, reference)
        if fallback is None:
            raise UnrecognizedPhrase(text)
        return Normalized(text, reference, (fallback,))
    return Normalized(text, reference, tuple(parts), coverage.unparsed(ctx))


def _parse(
    text: str, reference: dt.date, strict: bool, *, lines: bool = False, era: str | None = None
) -> Context:
    cleaned = clean(text, lines=lines)
    if era is not None:
        cleaned = with_era(cleaned, era)
    try:
        return GRAMMAR.parse(text, cleaned, reference, strict, lenient=lines)
    except (InvalidDate, OverflowError, ValueError) as exc:
        error = _in_words_of(text, exc)
        if error is exc:
            raise
        raise error from None


def _in_words_of(text: str, exc: Exception) -> Exception:
    """The error to raise for ``exc`` from parsing ``text``: an impossible date names the
    whole text; date arithmetic past year 9999 or before year 1 is an impossible date;
    anything else is a bug, raised as it is."""
    if isinstance(exc, InvalidDate):
        return exc if exc.text == text else InvalidDate(text, exc.field, exc.value)
    if not is_out_of_calendar(exc):
        return exc
    return InvalidDate(text, "date", OUTSIDE)


def _with_conditions(ctx: Context, standalone_pending: bool) -> list[Part]:
    """Attach each condition phrase to the parts after it in its sentence (up to the
    next condition); a condition with no part to attach to is a pending decision
    (in a cell, not in prose)."""
    parts = ctx.parts
    if not ctx.conditions:
        return parts
    text = ctx.cleaned.text
    attached: list[Part] = list(parts)
    unused: list[Token] = []
    starts = [p.span[0] for p in attached]
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    conditions = ctx.conditions
    for n, tok in enumerate(conditions):
        at = bisect.bisect_left(ends, tok.end)
        scope_end = ends[at] if at < len(ends) else len(text)
        if n + 1 < len(conditions):  # the next condition opens a scope of its own
            scope_end = min(scope_end, conditions[n + 1].start)
        lo, hi = ctx.cleaned.span(tok.start, max(scope_end, tok.end))
        first = bisect.bisect_left(starts, lo)
        inside = []
        i = first
        for i in range(first, len(attached)):
            if attached[i].span[0] >= hi:
                break
            if attached[i].span[1] <= hi:
                inside.append(i)
        WORK.scoped += i - first + 1
        if not inside:
            unused.append(tok)
        for i in inside:
            attached[i] = attrs.evolve(attached[i], conditions=(*attached[i].conditions, tok.value))
    if not standalone_pending or not unused:
        return attached
    if not parts:
        # 依据《行政处罚法》第七十二条的规定, 根据第24/2012号行政法规之规定: rules cited are no
        # decision to wait on
        return [_pending(ctx, tok) for tok in unused if _ARTICLE.search(tok.value) is None]
    # in a cell, a condition after the times still bears on them
    extra = tuple(tok.value for tok in unused)
    # a part without conditions of its own shares the one tuple (no copy per part)
    WORK.scoped += len(attached) + sum(
        len(p.conditions) + len(extra) for p in attached if p.conditions
    )
    return [
        attrs.evolve(p, conditions=(*p.conditions, *extra) if p.conditions else extra)
        for p in attached
    ]


def _pending(ctx: Context, tok: Token) -> Part:
    words = _CONDITION_HEAD.sub("", tok.value)
    return Pending(**ctx.common([tok], False), depends_on=words)


def _fallback(text: str, reference: dt.date) -> Part | None:
    """Dates in foreign forms (31 July 2016) through dateparser, marked ``via``."""
    if _LATIN.search(text) is None or not any(ch.isdigit() for ch in text):
        return None
    import dateparser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime.combine(reference, dt.time()),
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if found is None:
        return None
    day = found.date()
    return Window(text=text, span=(0, len(text)), start=day, end=day, via="dateparser")


@attrs.frozen
class Match:
    """A time expression found by :func:`extract`: where it is and what it means.

    ``result.parts`` have spans relative to ``text``; ``start``/``end`` are
    offsets into the document.

    Attributes:
        start: where the expression starts in the document (a character offset).
        end: where it ends (exclusive).
        text: the expression's words, ``document[start:end]``.
        result: what it means, with spans relative to ``text``.
    """

    start: int
    end: int
    text: str
    result: Normalized

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"start": self.start, "end": self.end, "text": self.text, **self.result.to_dict()}


@attrs.frozen
class Failure:
    """An expression :func:`extract` found but could not compute (its date is
    impossible, or before 0001-01-01 / after 9999-12-31): skipped, never raised.

    ``start``/``end`` are offsets into the document; ``error`` the reason.
    """

    start: int
    end: int
    text: str
    error: str
    error_type: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return attrs.asdict(self)


class Matches(list[Match]):
    """The list :func:`extract` returns: the matches, plus ``failures``, the
    expressions skipped because they could not be computed (in order)."""

    failures: tuple[Failure, ...] = ()


def extract(
    text: str,
    reference: dt.date | dt.datetime | str | int | None = None,
    *,
    exclusive: bool = False,
    strict: bool | None = None,
    tz: TimeZone = None,
    era: str | None = None,
) -> Matches:
    """Every time expression in running text, in order, without overlaps.

    Each part the grammar finds is one match (自2016年起每季度 is one part, so
    one match); triggers of relative times are read from the surrounding
    sentence. Runs in time linear in the length of the text; while it reads a long
    document (20,000 characters or more) Python's cyclic garbage collector is paused,
    and turned back on after. ``exclusive`` is :func:`normalize`'s (``strict`` its
    deprecated old name).

    An expression that cannot be computed (2016年2月30日; 上半年 with a reference
    in year 1) never costs the others: it is skipped and listed in the returned
    list's ``failures`` (:class:`Failure`). ``tz`` and ``era`` are as for :func:`normalize`.

    >>> [m.text for m in extract("每周公开食品抽检信息,每季度公开药品抽检信息。", 2016)]
    ['每周', '每季度']
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}")
    if strict is not None:
        exclusive = _deprecated_strict(strict, "extract")
    ref = parse_reference(reference, tz=tz)
    if era is not None:
        check_era(era)
    if not text:
        return Matches()
    with collector_paused(len(text)):
        return _extract(text, ref, exclusive, era)


def _extract(text: str, ref: dt.date, exclusive: bool, era: str | None = None) -> Matches:
    matches = Matches()
    ctx = _parse(text, ref, exclusive, lines=True, era=era)
    found = _with_conditions(ctx, standalone_pending=False)
    WORK.matches += len(found)
    dropped: list[Failure] = []
    parts = chosen(ctx, found, dropped)
    left = coverage.near(coverage.unparsed(ctx), parts, text) if parts else {}
    failures = disjoint([failure(ctx, *f) for f in ctx.failures] + dropped)
    fi = 0  # the first failure that may lie in the next match (both are in text order)
    for n, part in enumerate(parts):
        low = matches[-1].end if matches else 0
        high = parts[n + 1].span[0] if n + 1 < len(parts) else len(text)
        start, end = extent.widen(ctx, part, low, high)
        start, end = coverage.balanced(text, start, end)
        start = max(start, low)
        words = text[start:end]
        local = moved(part, words, (0, end - start))
        unparsed = tuple(
            attrs.evolve(u, span=(u.span[0] - start, u.span[1] - start)) for u in left.get(n, ())
        )
        # an expression refused inside the match (每季度 星期八 至少一次): the match did not
        # read those words; it says so (it is not complete) and the failure is still listed
        while fi < len(failures) and failures[fi].start < start:
            fi += 1
        inside = []
        at = fi
        while at < len(failures) and failures[at].start < end:
            if failures[at].end <= end:
                inside.append(failures[at])
            at += 1
        if inside:
            unparsed = tuple(
                sorted(
                    unparsed
                    + tuple(
                        Unparsed(f.text, (f.start - start, f.end - start), f.error) for f in inside
                    ),
                    key=lambda u: u.span,
                )
            )
        matches.append(Match(start, end, words, Normalized(words, ref, (local,), unparsed)))
    matches.failures = outside(failures, matches) if matches and failures else failures
    return matches
