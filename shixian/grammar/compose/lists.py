"""Pass 2 of the composition stage (:mod:`shixian.grammar.compose`): lists of anchors."""

from __future__ import annotations

from ..anchors import Anchor
from ..engine import BREAK, GAP, LIST, Token
from .codes import (
    _DISTRIBUTED,
    _DROPPED,
    _GRAIN_FIELD,
    _LIMITS,
    _LOWEST,
    _SEPARATORS,
)

# -- 2. lists -----------------------------------------------------------------


_LINE_ENDS = frozenset("。;:\n")


def _heading_number(tokens: list[Token], i: int, text: str) -> bool:
    """Whether the bare number at ``i`` numbers a heading or an item (一、5月份工作完成情况,
    三、3月底前完成, 1、3月25日前由…负责) rather than opening a list of months: it opens the
    text or a line, and either it is written in Chinese numerals before a date in digits,
    or both are in digits and the one date after it names its day (a list of months is
    written 1、2月, 1、4、7、10月8日; 二、五月10日前 stays two months)."""
    if tokens[i].code != "n" or (
        i and not (tokens[i - 1].code == BREAK and tokens[i - 1].value in _LINE_ENDS)
    ):
        return False
    nxt = tokens[i + 2]
    if nxt.code != "A" or nxt.value.month is None:
        return False
    number_digits = text[tokens[i].start : tokens[i].end].isascii()
    date_digits = text[nxt.start : nxt.start + 1].isascii()
    if not number_digits:
        return date_digits
    alone = i + 3 >= len(tokens) or tokens[i + 3].code not in _SEPARATORS
    return date_digits and alone and nxt.value.day is not None


def _item_runs(tokens: list[Token], text: str = "") -> list[tuple[int, int]]:
    """``(first, last)`` indices of runs ``item (sep item)+`` with items A or n."""
    runs: list[tuple[int, int]] = []
    i, size = 0, len(tokens)
    while i < size:
        if tokens[i].code not in "An":
            i += 1
            continue
        if i + 2 < size and text and _heading_number(tokens, i, text):
            i += 2  # 一、5月份…: the heading's number is plain words
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


def _lists(tokens: list[Token], text: str = "") -> list[Token]:
    runs = _item_runs(tokens, text)
    if not runs:
        return tokens
    inserts: dict[int, list[Token]] = {}
    for first, last in runs:
        items = tokens[first : last + 1 : 2]
        if not _complete_numbers(items, tokens, first, text):
            continue
        anchors: list[Anchor] = [t.value for t in items]
        for k in range(1, len(anchors)):
            filled = anchors[k].fill_from(anchors[k - 1])
            if filled.to is not None:  # 2月1日、2日9时至13时: the far end is of that month too
                filled.to = filled.to.fill_from(filled)
            anchors[k].__dict__.update(filled.__dict__)
        if _between(tokens, first, last, anchors):
            continue
        _share_edge(anchors)
        _share_hours(anchors)
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


def _between(tokens: list[Token], first: int, last: int, anchors: list[Anchor]) -> bool:
    """在1月13日和2月23日之间: two dates joined by 和 (与, 及) before 之间 are a range from
    the first to the second; the joining word and the second date are then dropped."""
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        last != first + 2
        or tokens[first + 1].value not in _BETWEEN_JOINS
        or after is None
        or after.code != GAP
        or after.start != tokens[last].end
        or not after.value.startswith("之间")
        or anchors[0].to is not None
        or anchors[1].to is not None
    ):
        return False
    head = tokens[first]
    head.value.to = anchors[1]
    head.end = tokens[last].end
    tokens[first + 1].code = tokens[last].code = _DROPPED
    return True


_BETWEEN_JOINS = frozenset({"和", "与", "及", "與"})


def _first_field(anchor: Anchor) -> str | None:
    """The coarsest field an anchor names after its year (2017年三季度: quarter; 10月8日:
    month; 10日: day), else its year; None for another kind of anchor."""
    for field in ("quarter", "month", "day"):
        if getattr(anchor, field) is not None:
            return field
    return _GRAIN_FIELD.get(anchor.grain or "")


def _complete_numbers(items: list[Token], tokens: list[Token], first: int, text: str) -> bool:
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
        if field is None or not _LOWEST.get(field, 1) <= item.value <= _LIMITS[field]:
            return False
        after = nexts[k]
        if field != "year" and after is not None and after.has_year:
            return False  # 一、2023年3月底前: a heading's number, not a month before a year
        if (
            k == 0
            and field == "month"
            and after is not None
            and after.day is not None
            and after.month is not None
            and item.value >= after.month
            and items[1] is not None
            and items[1].code == "A"
        ):
            # 3、1月31日, 4、2月7日: an item's number before a date, not a month (a list of
            # months runs forward: 1、4、7、10月8日)
            return False
        if (
            k == 0
            and len(items) == 2
            and field == "month"
            and after is not None
            and after.day is not None
            and (first == 0 or tokens[first - 1].code == BREAK)
            and text[item.start : item.start + 1].isascii()
            != text[items[1].start : items[1].start + 1].isascii()
        ):
            # 一、6月9日采样时间, 二、6月10日 opening a clause: a heading's number and a date,
            # in another script (二、五月10日前 lists two months; so do 1、4、7、10月8日)
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


def _share_hours(anchors: list[Anchor]) -> None:
    """10月17日及18日上午9时至下午6时: the hours told once after the last day go to the days
    of the list told without any (each day from 9 to 18)."""
    last = anchors[-1]
    if last.grain != "day" or last.time is None:
        return
    far = last.to
    if far is not None and (far.to is not None or far.time is None or far.day != last.day):
        return  # a range to another day (1日、2日9时至3日17时) is no hours of a day
    for anchor in anchors[:-1]:
        if anchor.grain == "day" and anchor.time is None and anchor.to is None:
            anchor.time = last.time
            if far is not None:
                end = anchor.copy()
                end.time = far.time
                anchor.to = end


#: the words a continuing-work word may take before the next in its list (长期坚持、常态化推进)
_ONGOING_VERB = 4


def _ongoing_lists(tokens: list[Token]) -> list[Token]:
    """常态化、长效化管理, 长期坚持、常态化推进, 常态化、制度化、长效化: continuing-work words
    listed together, with plain words of the list between, are one continuing duty (they
    were one ongoing part each)."""
    out: list[Token] = []
    for tok in tokens:
        first = _listed_before(out) if tok.code == "L" else None
        if first is not None and out[-1].end == tok.start:
            out[first].end = tok.end
            del out[first + 1 :]
            continue
        out.append(tok)
    return out


def _listed_before(out: list[Token]) -> int | None:
    """The index of the continuing-work word that opens the list ``out`` ends in."""
    j = len(out) - 1
    if j < 1 or out[j].code != "/" or out[j].value != "、":
        return None
    j -= 1
    while j >= 1 and _short_words(out[j]) and out[j - 1].code == "/" and out[j - 1].value == "、":
        j -= 2  # 制度化 in 常态化、制度化、长效化: a word of the list, no time
    if j >= 1 and _short_words(out[j]) and out[j - 1].code == "L":
        j -= 1  # 坚持 in 长期坚持、常态化推进
    return j if j >= 0 and out[j].code == "L" else None


def _short_words(tok: Token) -> bool:
    return tok.code == GAP and len(tok.value) <= _ONGOING_VERB
