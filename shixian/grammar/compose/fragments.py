"""Pass 1 of the composition stage (:mod:`shixian.grammar.compose`): date fragments into
anchors, with times of day, weekday notes, labels and restatements attached."""

from __future__ import annotations

from ...calendar.periods import WEEKDAY_NAMES
from ..anchors import Anchor
from ..engine import BREAK, GAP, Token
from ..named import Day, LunarDays
from ..vocabulary import DAYPART, SCHEDULE_HEDGES
from .anchoring import (
    _DEFINING,
    _HOLIDAY_WORDS,
    _NOTE_END,
    _defined,
    _edge_of,
    _in_brackets,
    _restates,
    _same_period_of,
    _season_of_years,
    _take_prefix,
    _union_in_month,
)
from .codes import (
    _RANGE,
)
from .days import (
    _JOINING,
    _joined,
    _next_day_end,
    _next_month_end,
    _one_day,
    _only_brackets,
    _today_stated,
)
from .framing import _bare_year
from .ranges import _day_range_end, _quarter_range_start

# -- 1. fragments -------------------------------------------------------------


#: Words that name a day a bracketed date may state (上周四(5月19日), 翌日(17日)).
_DAY_NAMERS = frozenset("ti")
#: The words that open a lunar note in brackets after a date (1月28日(农历除夕、周二)).
_LUNAR_WORDS = frozenset({"农历", "阴历"})
_LUNAR_OPENINGS = frozenset("(" + word for word in _LUNAR_WORDS)
#: The words of a bracketed note that the day itself counts (6月30日(含6月30日)前).
_INCLUSIVE = ("含", "包括", "包含")


def _fragments(tokens: list[Token], text: str) -> list[Token]:
    """Join adjacent date fragments into anchors: 2016年 + 12月 + 底; 6月 + 至 + 12月."""
    out: list[Token] = []
    note_end = -1  # where the last bracketed note a date took ends
    for tok in tokens:
        code = tok.code
        if tok.start < note_end and out and out[-1].code == "A":
            # a token inside the bracketed note a date took (2月4日(农历正月初七、周二)): the
            # note's weekday is the date's, to be checked
            last = out[-1].value.last()
            if code == "D" and len(tok.value) == 1 and last.weekday is None:
                last.weekday = tok.value[0]
            continue
        if code == "U" and out and out[-1].code in _RANGE and _day_range_end(tok, out, text):
            # 7月1—7日内, 5月10日至20日内: the last day of the range, then 内 (within it)
            tok = Token("a", tok.start, tok.end, Anchor(day=tok.value.amount), tok.rule)
            code = "a"
        if code != "a":  # the joins by the code of the token (each case as it reads)
            if code in _JOINING and _joined(tok, code, out, text):
                continue
            if code == "i" and _next_day_end(tok, out):
                continue
            if (
                code == "i"
                and tok.value.amount == 0
                and out
                and out[-1].code == "A"
                and out[-1].end == tok.start
                and _one_day(out[-1].value)
            ):
                out[-1].end = tok.end  # 除夕当天, 6月30日当日: that day itself
                continue
            if (
                code == "t"
                and tok.value[:2] == ("week", 0)
                and len(tok.value) > 2
                and out
                and out[-1].code == "A"
                and out[-1].value.last().grain == "day"
                and out[-1].value.last().weekday is None
                and text[out[-1].end : tok.start] == "("
                and text[tok.end : tok.end + 1] == ")"
            ):
                # 9月17日(本周五): a weekday note (checked against the date), not this week's day
                out[-1].value.last().weekday = tok.value[2]
                out[-1].end = tok.end + 1
                continue
            if code == GAP and out:
                before = out[-1]
                if (
                    tok.value.isdigit()
                    and len(tok.value) <= 2
                    and len(out) >= 2
                    and out[-1].code == "/"
                    and out[-1].value == "、"
                    and out[-2].code == "A"
                    and out[-2].value.to is None
                    and out[-2].value.grain == "day"
                    and (tok.end == len(text) or text[tok.end] in ",;。)\n ")
                ):
                    # 5月18、19: a last day written without 日 (the list gives it its month)
                    tok = Token("A", tok.start, tok.end, Anchor(day=int(tok.value)), tok.rule)
                    out.append(tok)
                    continue
                if tok.value == "的" and before.code == "P" and before.end == tok.start:
                    before.end = tok.end  # 比赛开始前的1周内: 前的 is 前
                    continue
                if (
                    before.code == "A"
                    and tok.value in WEEKDAY_NAMES
                    and text[before.end : tok.start] == "("
                    and text[tok.end : tok.end + 1] == ")"
                ):
                    last = before.value.last()
                    if last.weekday is None and last.grain == "day":
                        # 4/16(二), 3月6日(一): a Taiwan weekday note without 周
                        last.weekday = WEEKDAY_NAMES[tok.value]
                        before.end = tok.end + 1
                        continue
                if (
                    before.code == "A"
                    and text[before.end : tok.start] == "("
                    and text[tok.end : tok.end + 1] == ")"
                    and tok.value.startswith(_INCLUSIVE)
                ):
                    before.end = tok.end + 1  # 6月30日(含6月30日)前: the day itself counts
                    continue
                if before.code == "A" and before.end == tok.start:
                    if tok.value in DAYPART and _one_day(before.value.last()):
                        before.end = tok.end  # 3月22日下午~3月28日: a part of the day
                        continue
                    if tok.value.startswith(("左右", "前后")):
                        before.value.last().about = True  # 5月左右
                        before.end = tok.start + 2
                        if len(tok.value) == 2:
                            continue
                        tok = Token(GAP, tok.start + 2, tok.end, tok.value[2:], "gap")
            elif code == "y":
                _same_period_of(tok, out)
            out.append(tok)
            continue
        prev: Token | None = out[-1] if out else None
        if (
            prev is not None
            and prev.code == GAP
            and len(out) >= 2
            and out[-2].code == "Q"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and SCHEDULE_HEDGES.fullmatch(prev.value) is not None
        ):
            out.pop()  # 每年基本固定在10月: the words between do not change the schedule
            prev = out[-1]
        if prev is not None and prev.code == "N" and (far_end := _next_month_end(tok, out)):
            tok, prev = far_end, out[-1]  # 本月23日至下月2日
        frag: Anchor = tok.value
        if (
            prev is not None
            and prev.code in _DAY_NAMERS
            and text[prev.end : tok.start] == "("
            and frag.to is None
            and frag.grain == "day"
            and (prev.code == "i" or (prev.value[0] == "week" and prev.value[2] is not None))
        ):
            # 上周四(5月19日), 本周五(9月17日): the date states the day, the weekday its note;
            # 翌日(17日), 次日(5月8日): the date states the day the word names
            if prev.code == "t":
                frag.weekday = prev.value[2]
            tok.start = out.pop().start
            prev = out[-1] if out else None
        if (
            frag.quarter is not None
            and prev is not None
            and _quarter_range_start(frag, tok, out, text)
        ):
            prev = out[-1]  # 1-3季度, 一至三季度: the first number is a quarter too
        if prev is not None and prev.code == "w" and prev.end == tok.start and not frag.has_year:
            frag.anaphoric = True  # 该年12月底: a year told before, the reference's is a guess
            prev = _take_prefix(out, tok)
        if (
            prev is not None
            and prev.code == "t"
            and prev.end == tok.start
            and prev.value[0] == "month"
            and frag.month is None
            and not frag.has_year
            and (
                frag.grain in ("day", "tenday")
                or (frag.grain is None and frag.edge is not None and frag.edge_grain is None)
            )
        ):
            # 本月十七日, 上月下旬, 本月底, 下月初: the month is the reference's, shifted
            frag.month_shift = prev.value[1]
            if frag.grain is None:
                frag.edge_grain = "month"
            prev = _take_prefix(out, tok)
        if (
            prev is not None
            and prev.code == "A"
            and prev.end == tok.start
            and _season_of_years(prev.value, frag)
        ):
            # 2017-2018年秋冬季: the autumn and winter that run from 2017 into 2018
            prev.value = Anchor(year=prev.value.year, named=frag.named)
            prev.end = tok.end
            continue
        if (
            prev is not None
            and prev.code == GAP
            and prev.value in _LUNAR_WORDS
            and len(out) >= 2
            and out[-2].code == "A"
            and text[out[-2].end : prev.start] == "("
            and prev.end == tok.start
        ):
            out.pop()  # 1月28日(农历除夕、周二): 农历 opens the note
            prev = out[-1]
        if (
            prev is not None
            and prev.code == "A"
            and (
                prev.end == tok.start
                or _in_brackets(text, prev.end, tok)
                or (
                    text[prev.end : tok.start] in _LUNAR_OPENINGS
                    and _NOTE_END.match(text, tok.end) is not None
                )
            )
            and (_defined(frag) or isinstance(frag.named, LunarDays))
            and not getattr(frag.named, "holiday", False)
            and prev.value.last().grain == "day"
        ):
            # 1/28除夕, 2月9日除夕, 2月10日(大年初一): the festival names the day written before
            # it, and tells its year when the text writes none
            if prev.end == tok.start:
                prev.end = tok.end
            else:
                note = _NOTE_END.match(text, tok.end)
                prev.end = note_end = tok.end if note is None else note.end()
            if frag.named is not None:
                prev.value.last().lunar_note = frag.named
            continue
        if (
            prev is not None
            and prev.code == GAP
            and prev.value == "的"
            and frag.named is not None
            and not frag.has_year
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and out[-2].value.has_year
            and _bare_year(out[-2].value)
        ):
            # 2019年的劳动节: the festival of that year
            out.pop()
            out[-1].value.absorb(frag)
            out[-1].end = tok.end
            continue
        if prev is not None and prev.code == "A" and prev.end == tok.start:
            target: Anchor = prev.value.last()
            if target.time is None and (
                target.accepts(frag)
                # 2016年春节 (a year, then what it names); two named periods stay two
                # (“十四五”“十五五”时期)
                or (frag.grain is None and frag.edge is None and target.named is None)
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
            and (
                frag.grain is not None
                or _edge_of(frag, out[-2].value) is not None
                or (isinstance(frag.named, Day) and _one_day(out[-2].value))
            )
        ):
            left: Anchor = out[-2].value
            # 6月28日-30日 fills from the start; 10月中下旬至11月上旬, a range from a union of
            # thirds, from the union's last third; 2月18日至月底, the edge of the start's month
            if left.to is None or (frag.to is None and _union_in_month(left)):
                edge = _edge_of(frag, left) if frag.grain is None else None
                if isinstance(frag.named, Day):
                    edge = frag  # 今天到明天, 3月1日到明天: a day counted from the reference
                if edge is None:
                    edge = frag.fill_from(left if left.to is None else left.to)
                far = edge
                out[-2].value.to = far
                out[-2].end = tok.end
                out.pop()
                continue
        if frag.to is not None and frag.to.today and frag.grain is None:
            tok.code = "z"  # 至今 with no date before it: no range
        elif frag.edge is not None and frag.edge_grain is None and frag.grain is None:
            tok.code = "E"
        else:
            tok.code = "A"
            if (
                prev is not None
                and len(out) >= 3
                and out[-2].code == GAP
                and out[-2].value in _HOLIDAY_WORDS
                and out[-3].code == "A"
                and out[-3].end == out[-2].start
                and out[-2].end == prev.start
                and ((prev.code == BREAK and prev.value == ":") or prev.value in _DEFINING)
                and _defined(out[-3].value)
            ):
                # 2012年端午节放假安排:6月23日至25日: the words of a holiday notice between the
                # festival and its dates (the festival is then the label, as in 春节:…)
                words = out.pop(-2)
                out[-2].end = words.end
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
                named: Anchor = label.value
                if named.has_year and not frag.has_year:
                    # 2024年春节:2月10日至17日: the dates are in the festival's year
                    frag.give_year(named.year, named.year_shift)
                    tok.start = label.start
                    del out[-2:]
                    prev = out[-1] if out else None
                else:
                    label.code, label.value, label.rule = GAP, text[label.start : label.end], "gap"
            elif (
                prev is not None
                and prev.code == "A"
                and prev.end + 1 == tok.start
                and text[prev.end] == "("
                and (_defined(prev.value) or isinstance(prev.value.named, LunarDays))
                and frag.grain is not None
            ):
                # 农历新年(2025年1月29至31日), 正月初九(2月18日): the festival or lunar day
                # names the dated days in brackets
                prev.code, prev.value, prev.rule = GAP, text[prev.start : prev.end], "gap"
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
            elif (
                frag.day is not None
                and out
                and frag.has_year
                and frag.grain == "day"
                and _today_stated(out, text, tok)
            ):
                # 今天是:2025年12月06日: the date says which day today is
                pass
        out.append(tok)
    return out
