"""Stage 2b, between lexing and the grammar rules: compose anchors.

The lexer gives date *fragments* (2016年, 12月, 底), times of day, weekday notes,
connectors and bare numbers. This stage joins them, in four general passes that
know no phrase:

1. **fragments** into anchors (2016年 + 12月 + 底), with the time of day (6月30日 +
   24时) and a weekday note (3月6日 + (周一)) attached to the date they follow, and
   ranges whose connector sits between two dates (6月28日-30日, 7月31日至8月1日,
   2023.3.1-2023.6.30): the right end inherits every field it leaves out;
2. **lists** joined by 、, 和, 及, 与, 或: each item inherits the coarser fields of the
   item before it (2024年1月31日、2月1日), a bare number the unit of the item after
   it (5月9、10日, 第二、三季度), the last item's edge (3月、6月、9月底) goes to items
   of its grain that have none, and a relation written once at the end applies to
   every item (于4月15日、7月15日前 → two deadlines);
3. **spans**: a range whose ends are told with words between (2020年4月启动至2022年12月
   结束, 于8月1日全面展开,至9月30日结束, 从…起,至…止) and unions across a boundary
   (7月底8月初);
4. **tidy**: what is left of the helpers (a bare number, a joining word) is plain
   text again, and adjacent plain text is one gap.
"""

from __future__ import annotations

import re

from ..errors import InvalidDate
from .anchors import Anchor
from .engine import BREAK, GAP, LIST, Token
from .named import Day, Season, Span
from .numerals import to_int
from .vocabulary import BEFORE_NOISE, DAYPART, RANGE_CLOSERS, RANGE_OPENERS

__all__ = ["TIME_LIKE_RULES", "compose"]

#: Token rules whose words are time even when no part explains them: a time of
#: day or a hyphen left over is reported as unparsed.
TIME_LIKE_RULES = frozenset({"<time of day>", "<hyphen>", "<minimum length>", "去年同期"})

_RANGE = frozenset("Rh")
_SEPARATORS = frozenset((LIST, "j"))
_CLAUSE_COMMAS = frozenset(",")
_GRAIN_FIELD = {"day": "day", "month": "month", "quarter": "quarter", "year": "year"}
_LIMITS = {"day": 31, "month": 12, "quarter": 4, "year": 9999}
_DISTRIBUTED = frozenset("P")  # relations that apply to every item of a list
_DROPPED = "\0"  # a token merged into the list item after it
_LISTING = frozenset("nj/")  # codes a list needs
_HELPERS = frozenset("njhTmyz")  # helper codes that become plain text when left over
#: a U token that opens with its number may have a lower end before it (3-5个工作日)
_LENGTH_START = frozenset("0123456789一二两三四五六七八九十")
_LENGTH_JOIN = frozenset((GAP, "n", "h", "R"))  # what a lower end and its connector lexed as


def compose(tokens: list[Token], text: str) -> list[Token]:
    """The composition stage: fragments, lists, spans, then tidy (see the module)."""
    out = _fragments(tokens, text)
    codes = [tok.code for tok in out]
    if "U" in codes:
        out = _length_ranges(out, text)
        codes = [tok.code for tok in out]
    if len(out) < 2:
        return out if not out or out[0].code not in _HELPERS else _tidy(out, text)
    kinds = set(codes)
    if kinds & _LISTING:
        out = _lists(out)
        codes = [tok.code for tok in out]
    if codes.count("A") >= 2:  # a range or a union joins two anchors
        out = _spans(out)
    if kinds & _HELPERS or codes.count(GAP) >= 2:  # else nothing to turn into or join as text
        out = _tidy(out, text)
    return out


# -- 1. fragments -------------------------------------------------------------


def _only_brackets(text: str, start: int, end: int) -> bool:
    return all(ch in "()[] " for ch in text[start:end])


def _fragments(tokens: list[Token], text: str) -> list[Token]:
    """Join adjacent date fragments into anchors: 2016年 + 12月 + 底; 6月 + 至 + 12月."""
    out: list[Token] = []
    for tok in tokens:
        code = tok.code
        prev = out[-1] if out else None
        if code == "T" and prev is not None and prev.code == "A" and prev.end == tok.start:
            last = prev.value.last()
            if last.time is None and last.grain == "day":
                last.time = tok.value
                prev.end = tok.end
                continue
        if (
            code == "T"
            and prev is not None
            and prev.code in _RANGE
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
        ):
            left: Anchor = out[-2].value
            last = left.last()
            if left.to is None and last.time is not None and last.grain == "day":
                far = last.copy()
                far.time = tok.value
                left.to = far
                out[-2].end = tok.end
                out.pop()
                continue
        if code == "D" and prev is not None and prev.code == "A" and len(tok.value) == 1:
            last = prev.value.last()
            if (
                last.weekday is None
                and last.grain == "day"
                and _only_brackets(text, prev.end, tok.start)
            ):
                last.weekday = tok.value[0]  # the D token reads a tuple of weekdays
                prev.end = tok.end + 1 if text[tok.end : tok.end + 1] in (")", "]") else tok.end
                continue
        if (
            code == "P"
            and prev is not None
            and prev.code in (BREAK, GAP)
            and prev.value in BEFORE_NOISE
            and len(out) >= 2
            and out[-2].code == "A"
            and _only_brackets(text, out[-2].end, prev.start)
            and _only_brackets(text, prev.end, tok.start)
        ):
            out.pop()  # 7月18日:前完成, 6月30日(含)前: noise between a date and its 前
        if (
            code == GAP
            and prev is not None
            and prev.code == "A"
            and prev.end == tok.start
            and tok.value in DAYPART
            and prev.value.last().grain == "day"
        ):
            prev.end = tok.end  # 3月22日下午~3月28日: a part of the day, no clock time
            continue
        if (
            prev is not None
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and code == "K"
            and prev.code == "P"
            and text[prev.start : prev.end] == "前"
            and out[-2].value.named is None  # 春节前后 is the festival rule's
        ):
            out.pop()  # 2025年前后: around the period, not before it
            out[-1].value.last().about = True
            out[-1].end = tok.end
            continue
        if (
            code == GAP
            and prev is not None
            and prev.code == "A"
            and prev.end == tok.start
            and tok.value.startswith(("左右", "前后"))
        ):
            prev.value.last().about = True  # 5月左右
            prev.end = tok.start + 2
            if len(tok.value) == 2:
                continue
            tok = Token(GAP, tok.start + 2, tok.end, tok.value[2:], "gap")
        if code == "y":
            _same_period_of(tok, out)
            out.append(tok)
            continue
        if code != "a":
            out.append(tok)
            continue
        frag: Anchor = tok.value
        if (
            prev is not None
            and prev.code == "t"
            and prev.end == tok.start
            and prev.value[0] == "month"
            and frag.month is None
            and not frag.has_year
            and frag.grain in ("day", "tenday")
        ):
            # 本月十七日, 上月下旬: the month is the reference's, shifted
            frag.month_shift = prev.value[1]
            tok.start = prev.start
            out.pop()
            prev = out[-1] if out else None
        if prev is not None and prev.code == "A" and prev.end == tok.start:
            target: Anchor = prev.value.last()
            if target.time is None and (
                target.accepts(frag) or (frag.grain is None and frag.edge is None)
            ):
                target.absorb(frag)
                if frag.to is not None:
                    target.to = frag.to.fill_from(target)
                prev.end = tok.end
                continue
        if (
            prev is not None
            and prev.code in _RANGE
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and out[-2].value.to is None
            and frag.grain is not None
        ):
            left_tok = out[-2]
            left_tok.value.to = frag.fill_from(left_tok.value)
            left_tok.end = tok.end
            out.pop()
            continue
        if frag.grain is None and frag.to is not None and frag.to.today:
            tok.code = "z"  # 至今 with no date before it: no range
        elif frag.edge is not None and frag.edge_grain is None and frag.grain is None:
            tok.code = "E"
        else:
            tok.code = "A"
            if (
                prev is not None
                and (
                    (prev.code == BREAK and prev.value == ":")
                    or (prev.code == GAP and prev.value in _DEFINING)
                )
                and len(out) >= 2
                and out[-2].code == "A"
                and out[-2].end == prev.start
                and _defined(out[-2].value)
                and frag.grain is not None
            ):
                # 春节:1月31日至2月6日 (a holiday notice): the festival names the dates after it
                label = out[-2]
                label.code, label.value, label.rule = GAP, text[label.start : label.end], "gap"
            elif (
                prev is not None
                and prev.code == "A"
                and prev.end + 1 == tok.start
                and text[prev.end] == "("
                and text[tok.end : tok.end + 1] == ")"
                and _restates(prev.value, frag)
            ):
                # 2024年底(12月31日)前: the date in brackets says the same, more exactly
                tok.value = frag.fill_from(prev.value)
                tok.start = out.pop().start
                tok.end += 1
            elif (
                prev is not None
                and prev.code == "A"
                and isinstance(prev.value.named, Day)
                and prev.value.named.day is None
                and frag.grain == "day"
                and _only_brackets(text, prev.end, tok.start)
            ):
                # 今日(八月十一日): the day the text states is the day meant
                tok.start = out.pop().start
                if text[tok.end : tok.end + 1] == ")":
                    tok.end += 1
        out.append(tok)
    return out


_LENGTH_LOW = re.compile(r"([0-9]{1,3}|[一二两三四五六七八九十]{1,3}) ?[-—–~至到] ?$")


def _length_ranges(tokens: list[Token], text: str) -> list[Token]:
    """3-5个工作日内, 3至5年: a range of lengths is a limit of its longer end."""
    out: list[Token] = []
    for tok in tokens:
        if tok.code == "U" and text[tok.start : tok.start + 1] in _LENGTH_START:
            m = _LENGTH_LOW.search(text, max(0, tok.start - 6), tok.start)
            if (
                m is not None
                and (m.start() == 0 or not text[m.start() - 1].isdigit())
                and (low := _number(m.group(1))) is not None
                and low < tok.value.amount
                and all(t.code in _LENGTH_JOIN for t in out if t.end > m.start())
                and (not out or out[-1].end <= m.start() or out[-1].start >= m.start())
            ):
                while out and out[-1].start >= m.start():
                    out.pop()
                if out and out[-1].end > m.start():  # a gap holding the lower end
                    out[-1] = _cut(out[-1], m.start(), text)
                tok.start = m.start()
        out.append(tok)
    return out


def _number(words: str) -> int | None:
    """The number ``words`` write, or ``None`` (十一二 is no number: found by the fuzz
    harness, it made extract raise for the whole document)."""
    try:
        return to_int(words)
    except InvalidDate:
        return None


def _cut(gap: Token, end: int, text: str) -> Token:
    return Token(gap.code, gap.start, end, text[gap.start : end], gap.rule)


def _restates(outer: Anchor, inner: Anchor) -> bool:
    """Whether ``inner`` (in brackets after ``outer``) is a day inside it that names
    nothing ``outer`` contradicts: 2024年底(12月31日), 12月(12月31日)."""
    if outer.to is not None or inner.to is not None or outer.named is not None:
        return False
    if outer.time is not None or inner.named is not None or inner.has_year:
        return False
    if inner.grain != "day" or outer.grain not in ("year", "month"):
        return False
    if outer.grain == "month":
        return inner.month in (None, outer.month)
    return outer.edge == "end" and inner.month == 12


_DEFINING = frozenset({"为", "是", "通常为", "一般为", "定为"})


def _defined(anchor: Anchor) -> bool:
    """Whether ``anchor`` names a festival or season whose dates a text may state after it
    (春节:1月31日至2月6日, 春季通常为3月15日至6月15日)."""
    named = anchor.named
    return named is not None and (named.occasion or isinstance(named, Season))


def _same_period_of(tok: Token, before: list[Token]) -> None:
    """去年同期 after 10月底 in its sentence: 10月底 of the year before (a copy of the
    last anchor, its years shifted); with no anchor before, the token stays a helper
    and the result reports it."""
    for prev in reversed(before):
        if prev.code == BREAK and prev.value in "。;":
            return
        if prev.code == "A" and prev.value.named is None:
            anchor = _shifted(prev.value, tok.value)
            if anchor is not None:
                tok.code, tok.value = "A", anchor
            return


def _shifted(anchor: Anchor, years: int) -> Anchor | None:
    out = anchor.copy()
    if out.today:
        return None
    if out.year is not None:
        out.year += years
    else:
        out.year_shift = (out.year_shift or 0) + years
    if out.to is not None:
        far = _shifted(out.to, years)  # a far end without a year is the reference's too
        if far is None:
            return None
        out.to = far
    return out


# -- 2. lists -----------------------------------------------------------------


def _item_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """``(first, last)`` indices of runs ``item (sep item)+`` with items A or n."""
    runs: list[tuple[int, int]] = []
    i, size = 0, len(tokens)
    while i < size:
        if tokens[i].code not in "An":
            i += 1
            continue
        j = i
        while (
            j + 2 < size
            and tokens[j + 1].code in _SEPARATORS
            and tokens[j + 2].code in "An"
            and tokens[j].end == tokens[j + 1].start
            and tokens[j + 1].end == tokens[j + 2].start
        ):
            j += 2
        if j > i:
            runs.append((i, j))
        i = j + 1
    return runs


def _lists(tokens: list[Token]) -> list[Token]:
    runs = _item_runs(tokens)
    if not runs:
        return tokens
    inserts: dict[int, list[Token]] = {}
    for first, last in runs:
        items = tokens[first : last + 1 : 2]
        if not _complete_numbers(items, tokens, first):
            continue
        anchors: list[Anchor] = [t.value for t in items]
        for k in range(1, len(anchors)):
            filled = anchors[k].fill_from(anchors[k - 1])
            anchors[k].__dict__.update(filled.__dict__)
        _share_edge(anchors)
        for sep in tokens[first + 1 : last : 2]:
            sep.code = LIST
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        before = tokens[first - 1] if first else None
        if (
            after is not None
            and after.code in _DISTRIBUTED
            and after.start == items[-1].end
            and (before is None or before.code not in "QV")
        ):
            for at in range(first, last, 2):
                item = tokens[at]
                copy = Token(after.code, item.end, item.end, after.value, after.rule)
                inserts.setdefault(at, []).append(copy)
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        if tok.code != _DROPPED:
            out.append(tok)
        out.extend(inserts.get(i, ()))
    return out


def _first_field(anchor: Anchor) -> str | None:
    """The coarsest field an anchor names after its year (2017年三季度: quarter; 10月8日:
    month; 10日: day), else its year; None for another kind of anchor."""
    for field in ("quarter", "month", "day"):
        if getattr(anchor, field) is not None:
            return field
    return _GRAIN_FIELD.get(anchor.grain or "")


def _complete_numbers(items: list[Token], tokens: list[Token], first: int) -> bool:
    """Give each bare number of a list the unit of the next anchor in it (5月9、10日);
    a number that opens the list may narrow the anchor right before it (2017年第二、三季度).
    False (the list is left alone) when a number has no anchor after it or no room."""
    # the unit of each item: the next anchor's grain, found in one pass from the right
    units: list[str | None] = [None] * len(items)
    nexts: list[Anchor | None] = [None] * len(items)
    unit: str | None = None
    following: Anchor | None = None
    for k in range(len(items) - 1, -1, -1):
        nexts[k] = following
        if items[k].code == "A":
            anchor: Anchor = items[k].value
            following = anchor
            # the anchor's first field, not its finest: 1、4、7、10月8日 lists months (each
            # on the 8th), 5月9、10日 days
            unit = None if anchor.to is not None else _first_field(anchor)
        units[k] = unit
    for k, item in enumerate(items):
        if item.code != "n":
            continue
        field = units[k]
        if field is None or not 1 <= item.value <= _LIMITS[field]:
            return False
    for k, item in enumerate(items):
        if item.code != "n":
            continue
        frag = Anchor(**{str(units[k]): item.value})
        after = nexts[k]
        if units[k] == "month" and after is not None and after.day is not None:
            frag.day = after.day  # 1、4、7、10月8日: each month on the 8th
        elif units[k] == "month" and after is not None and after.tenday is not None:
            frag.tenday = after.tenday  # 1、4、7、10月中旬
        prev = tokens[first - 1] if k == 0 and first else None
        if prev is not None and prev.code == "A" and prev.end == item.start:
            target = prev.value.last()
            if prev.value.to is None and target.accepts(frag):
                # 2017年 + 第二(、三季度): the number narrows the anchor before it
                frag = prev.value.copy()
                frag.absorb(Anchor(**{str(units[k]): item.value}))
                item.start = prev.start
                prev.code = _DROPPED
        item.code, item.value = "A", frag
    return True


def _share_edge(anchors: list[Anchor]) -> None:
    """3月、6月、9月底: the last item's edge goes to the items of its grain without one."""
    last = anchors[-1]
    if last.edge is None or last.to is not None:
        return
    for anchor in anchors[:-1]:
        if anchor.edge is None and anchor.to is None and anchor.grain == last.grain:
            anchor.edge, anchor.edge_grain = last.edge, last.edge_grain


# -- 3. spans -----------------------------------------------------------------


def _is_gap(tok: Token, pattern: object) -> bool:
    return tok.code == GAP and pattern.fullmatch(tok.value) is not None  # type: ignore[attr-defined]


def _spans(tokens: list[Token]) -> list[Token]:
    """Ranges told with words between their ends, and unions across a boundary."""
    out: list[Token] = []
    i, size = 0, len(tokens)
    while i < size:
        tok = tokens[i]
        if tok.code != "A" or tok.value.to is not None:
            out.append(tok)
            i += 1
            continue
        j = i + 1
        if j < size and tokens[j].code == "S":
            j += 1
        opened = j < size and _is_gap(tokens[j], RANGE_OPENERS)
        if opened:
            j += 1
        if j < size and tokens[j].code == BREAK and tokens[j].value in _CLAUSE_COMMAS:
            j += 1
            if not opened and j < size and _is_gap(tokens[j], RANGE_OPENERS):
                j += 1  # 5月1日开始,一直持续到6月30日
                opened = True
        if (
            opened
            and j + 1 < size
            and tokens[j].code == "A"
            and tokens[j].value.to is None
            and _is_gap(tokens[j + 1], RANGE_CLOSERS)
        ):
            # 从8月1日全面展开,9月30日结束: the end told in a clause of its own
            right = tokens[j]
            tok.value.to = right.value.fill_from(tok.value)
            tok.end = tokens[j + 1].end
            if out and out[-1].code == "F":
                tok.start = out.pop().start
            out.append(tok)
            i = j + 2
            continue
        if j > i + 1 and j < size and _starts_span(tokens, i, j):
            # 自2018年7月20日起,用1年时间: the years run from the start told before them
            right = tokens[j]
            right.value.named = Span(right.value.named.years, True, tok.value)
            right.start = out.pop().start if out and out[-1].code == "F" else tok.start
            out.append(right)
            i = j + 1
            continue
        if (
            j > i + 1
            and j + 1 < size
            and tokens[j].code in _RANGE
            and tokens[j + 1].code == "A"
            and tokens[j + 1].value.to is None
        ):
            right = tokens[j + 1]
            tok.value.to = right.value.fill_from(tok.value)
            tok.end = right.end
            i = j + 2
            if i < size and (
                _is_gap(tokens[i], RANGE_CLOSERS)
                or (tokens[i].code == "B" and "止" in tokens[i].value)
            ):
                tok.end = tokens[i].end
                i += 1
            out.append(tok)
            continue
        nxt = tokens[i + 1] if i + 1 < size else None
        if (
            nxt is not None
            and nxt.code == "A"
            and nxt.start == tok.end
            and nxt.value.to is None
            and tok.value.edge == "end"
            and nxt.value.edge == "begin"
            and nxt.value.grain == tok.value.grain
        ):
            tok.value.to = nxt.value.fill_from(tok.value)
            tok.end = nxt.end
            out.append(tok)
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def _starts_span(tokens: list[Token], i: int, j: int) -> bool:
    """Whether ``tokens[i]`` (a start, with 起 among ``tokens[i+1:j]``) opens the span of
    years ``tokens[j]`` counts ahead (今后三年, 用1年时间)."""
    right = tokens[j]
    named = right.value.named if right.code == "A" else None
    return (
        isinstance(named, Span)
        and named.ahead
        and named.start is None
        and right.value.to is None
        and any(t.code == "S" for t in tokens[i + 1 : j])
        and tokens[i].value.named is None
    )


# -- 4. tidy ------------------------------------------------------------------


def _tidy(tokens: list[Token], text: str) -> list[Token]:
    """Helpers left over become plain text; adjacent plain text is one gap."""
    out: list[Token] = []
    for tok in tokens:
        if tok.code in _HELPERS:
            tok.code = GAP
            tok.value = text[tok.start : tok.end]
        if (
            tok.code == GAP
            and out
            and out[-1].code == GAP
            and out[-1].end == tok.start
            and out[-1].rule not in TIME_LIKE_RULES
            and tok.rule not in TIME_LIKE_RULES
        ):
            prev = out[-1]
            prev.end = tok.end
            prev.value = text[prev.start : prev.end]
            prev.rule = "gap"
            continue
        out.append(tok)
    return out
