"""Passes 3 and 4 of the composition stage (:mod:`shixian.grammar.compose`): spans told
with words between their ends, unions across a boundary, and tidy."""

from __future__ import annotations

import re

from ..anchors import Anchor
from ..engine import BREAK, GAP, LIST, Token
from ..named import Lasting, Span
from ..numerals import to_int
from ..vocabulary import COUNTING_NOTES, LASTING, RANGE_CLOSERS, RANGE_OPENERS
from .codes import (
    _CLAUSE_COMMAS,
    _HELPERS,
    _RANGE,
    TIME_LIKE_RULES,
)

# -- 3. spans -----------------------------------------------------------------


#: words before the far end told in its own clause (…开始,将于8月14日结束)
_FUTURE_AT = re.compile(r"(?:将|并|后|再)?于|(?:将|并)在")


def _is_gap(tok: Token, pattern: object) -> bool:
    return tok.code == GAP and pattern.fullmatch(tok.value) is not None  # type: ignore[attr-defined]


#: what begins at a start told with 开始 / 起 (轮休, 征兵报名): a few plain words
_ACTIVITY = re.compile(r"[\u4e00-\u9fff]{1,6}")
#: words that move the far end of a run (…开始,提前至4月30日结束)
_MOVED = re.compile(r"提前|推迟|延迟|延长|顺延|延期|延")
#: the far end's closing words after a start with 开始 / 起: what ends, then 结束 / 截止
_CLOSING = re.compile(rf"[\u4e00-\u9fff]{{0,6}}?(?:{RANGE_CLOSERS.pattern})")


#: deadline words that close a run after a start with 开始 / 起
_CLOSING_DEADLINES = frozenset({"截止", "截至", "止", "为止"})


def _closes(tok: Token, began: str) -> bool:
    """Whether ``tok``, right after the far end of a run, closes it: 结束, 止 (also 轮休结束,
    截止 after a start told with 开始 or 起)."""
    if _is_gap(tok, RANGE_CLOSERS):
        return True
    if not began:
        return False
    return _is_gap(tok, _CLOSING) or (tok.code == "B" and tok.value in _CLOSING_DEADLINES)


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
        labelled = _labelled_end(tokens, i, out) if out and out[-1].code == "F" else None
        if labelled is not None:  # 生效日期:2020-06-03 失效日期:2025-06-03
            out.append(labelled[0])
            i = labelled[1]
            continue
        j = i + 1
        opened = False
        if (
            j + 1 < size
            and _is_gap(tokens[j], RANGE_OPENERS)
            and tokens[j + 1].code == "S"
            and tokens[j + 1].value == "开始"
        ):
            j += 1  # 7月13日全面正式开始,…结束: the opener's manner, then 开始
        # 7月13日开始,8月14日结束; 从11月1日起,11月20日截止 (起 only before the far end's
        # own clause, which its closing word must then end)
        began = ""
        if j < size and tokens[j].code == "S":
            began = tokens[j].value if tokens[j].value in ("开始", "起") else ""
            opened = began == "开始"
            j += 1
        if j < size and _is_gap(tokens[j], RANGE_OPENERS):
            opened = True
            j += 1
        elif began and j < size and _is_gap(tokens[j], _ACTIVITY):
            j += 1  # 从7月15日开始轮休,8月28日轮休结束: what begins, told again as it ends
        if j < size and tokens[j].code == BREAK and tokens[j].value in _CLAUSE_COMMAS:
            j += 1
            opened = opened or began == "起"
            if j < size and _is_gap(tokens[j], RANGE_OPENERS):
                j += 1  # 5月1日开始,一直持续到6月30日
                opened = True
            if opened and j < size and _is_gap(tokens[j], _FUTURE_AT):
                j += 1  # …开始,将于8月14日结束
            elif (
                began and j + 1 < size and _is_gap(tokens[j], _MOVED) and tokens[j + 1].code == "R"
            ):
                j += 2  # 从9月12日开始,提前至次年4月30日结束: the end moved
            valid = _valid_for(tokens, i, j, out) if began == "起" else None
            if valid is not None:
                out.append(valid[0])
                i = valid[1]
                continue
        if (
            opened
            and began == "起"
            and j + 1 < size
            and tokens[j].code == "A"
            and _is_gap(tokens[j + 1], _CONTINUED)
        ):
            # 自年三十下午5时起休馆,并于年初一至初二继续休馆: the run goes on to the end told
            right = tokens[j]
            far = right.value if right.value.to is None else right.value.to
            tok.value.to = far.fill_from(tok.value) if far.named is None else far
            tok.end = right.end
            if out and out[-1].code == "F":
                tok.start = out.pop().start
            out.append(tok)
            i = j + 1
            continue
        # 11月15日前结束: the end by that day
        by = 1 if j + 2 < size and tokens[j + 1].code == "P" and tokens[j + 1].value == "前" else 0
        if (
            began
            and not by
            and j + 2 < size
            and _is_gap(tokens[j + 1], _ACTIVITY)
            and tokens[j + 2].code == "B"
            and tokens[j + 2].value in _CLOSING_DEADLINES
        ):
            by = 1  # 2月1日开始报名,8月5日报名截止: what ends, then its closing word
        if (
            opened
            and j + 1 + by < size
            and tokens[j].code == "A"
            and tokens[j].value.to is None
            and _closes(tokens[j + 1 + by], began)
        ):
            # 从8月1日全面展开,9月30日结束: the end told in a clause of its own
            right = tokens[j]
            tok.value.to = right.value.fill_from(tok.value)
            tok.end = tokens[j + 1 + by].end
            if out and out[-1].code == "F":
                tok.start = out.pop().start
            out.append(tok)
            i = j + 2 + by
            continue
        lasting = _lasting(tokens, i, j)
        if lasting is not None:
            # 从3月20日起,…为期3个月: the window from the start for that long
            amount, unit, end = lasting
            gap = tokens[j]
            start = out.pop().start if out and out[-1].code == "F" else tok.start
            anchor = Anchor(named=Lasting(amount, unit, tok.value))
            out.append(Token("A", start, end, anchor, tok.rule))
            if end < gap.end:
                out.append(Token(GAP, end, gap.end, gap.value[end - gap.start :], "gap"))
            i = j + 1
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


_UNITS = {"天": "day", "日": "day", "周": "week", "星期": "week", "个月": "month", "月": "month",
          "年": "year"}  # fmt: skip


def _lasting(tokens: list[Token], i: int, j: int) -> tuple[int, str, int] | None:
    """``(amount, unit, end)`` when ``tokens[i]`` is a start (起 among ``tokens[i+1:j]``)
    and the words ``tokens[j]`` tell how long from it (为期3个月, 历时一个月): ``end`` is
    where the length ends in the text."""
    if j >= len(tokens) or tokens[j].code != GAP or tokens[i].value.named is not None:
        return None
    if not any(t.code == "S" for t in tokens[i + 1 : j]):
        return None
    m = LASTING.search(tokens[j].value)
    if m is None:
        return None
    amount = 6 if m.group("half") else to_int(m.group("n"))
    unit = "month" if m.group("half") else _UNITS[m.group("u")]
    return amount, unit, tokens[j].start + m.end()


#: the label of the day something stops being in force, after the label of its start
_END_LABEL = re.compile(r"(?:失效|废止|终止|截止|有效期至|有效截止)(?:日期|时间|日)?")
_LABEL_BREAKS = frozenset({":", ";", ",", " "})


def _labelled_end(tokens: list[Token], i: int, out: list[Token]) -> tuple[Token, int] | None:
    """A day labelled as the start of force (生效日期:, 施行日期:) and, in the next field, a
    day labelled as its end (失效日期:, 废止日期:): the window between them (a catalogue's
    fields; it was from the start on, and the last day alone); the anchor made and the
    index after the far end."""
    if not out or out[-1].code != "F" or out[-1].rule != "施行日期:":
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].code == BREAK and tokens[j].value in _LABEL_BREAKS:
        j += 1
    if j >= len(tokens) or not _is_gap(tokens[j], _END_LABEL):
        return None
    j += 1
    if j < len(tokens) and tokens[j].code == BREAK and tokens[j].value in _LABEL_BREAKS:
        j += 1
    if j >= len(tokens) or tokens[j].code != "A" or tokens[j].value.to is not None:
        return None
    tok, right = tokens[i], tokens[j]
    if tok.value.to is not None:
        return None
    tok.value.to = right.value.fill_from(tok.value)
    tok.start, tok.end = out.pop().start, right.end
    return tok, j + 1


#: what began goes on (自…起停课,2月1日至10日继续停课): the run reaches the dates told
_CONTINUED = re.compile(r"继续[\u4e00-\u9fff]{0,6}")
#: the validity of what starts (自1月28日起生效,有效期至2月12日; 起施行,有效期5年)
_VALID_FOR = re.compile(r"有效期(?:限)?(?:为)?")
_LASTING_UNITS = frozenset({"day", "week", "month", "year"})


def _valid_for(tokens: list[Token], i: int, j: int, out: list[Token]) -> tuple[Token, int] | None:
    """A start (``tokens[i]``, 起) whose validity is told in the next clause (``tokens[j]``):
    to a day (有效期至2月12日: the window to it) or for a length (有效期5年: the window of
    that length from the start); the anchor made, and the index after its words."""
    if j + 1 >= len(tokens) or not _is_gap(tokens[j], _VALID_FOR):
        return None
    tok, nxt = tokens[i], tokens[j + 1]
    opener = bool(out) and out[-1].code == "F"
    start = out[-1].start if opener else tok.start
    made: tuple[Token, int] | None = None
    if nxt.code == "R" and j + 2 < len(tokens) and tokens[j + 2].code == "A":
        right = tokens[j + 2]
        if right.value.to is None and right.value.named is None:
            tok.value.to = right.value.fill_from(tok.value)
            tok.start, tok.end = start, right.end
            made = tok, j + 3
    elif (
        nxt.code == "U"
        and not (nxt.value.approx or nxt.value.either)
        and nxt.value.unit.value in _LASTING_UNITS
        and tok.value.named is None
    ):
        anchor = Anchor(named=Lasting(nxt.value.amount, nxt.value.unit.value, tok.value))
        made = Token("A", start, nxt.end, anchor, tok.rule), j + 2
    if made is not None and opener:
        out.pop()
    return made


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
    """Helpers left over become plain text; adjacent plain text is one gap. A counting
    note in brackets inside plain text (选举日(不含本日)的5日以前, 开标日(含当日)前) is
    dropped: the words around it are one gap, the event the limit counts from."""
    out: list[Token] = []
    over_note = False
    for tok in tokens:
        if tok.code in _HELPERS:
            tok.code = GAP
            tok.value = text[tok.start : tok.end]
        if (
            tok.code == GAP
            and out
            and out[-1].code not in (BREAK, LIST)
            and out[-1].rule not in TIME_LIKE_RULES
            and tok.value in COUNTING_NOTES
            and text[tok.start - 1 : tok.start] in ("(", "[")
            and text[tok.end : tok.end + 1] in (")", "]")
        ):
            # the note goes; the words after it join the words before
            over_note = out[-1].code == GAP
            continue
        if (
            tok.code == GAP
            and out
            and out[-1].code == GAP
            and (out[-1].end == tok.start or over_note)
            and out[-1].rule not in TIME_LIKE_RULES
            and tok.rule not in TIME_LIKE_RULES
        ):
            prev = out[-1]
            prev.value = prev.value + tok.value if over_note else text[prev.start : tok.end]
            prev.end = tok.end
            prev.rule = "gap"
            over_note = False
            continue
        over_note = False
        out.append(tok)
    return out
