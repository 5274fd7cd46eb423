"""Pass 5 of the composition stage: a year told once for the dates after it.

**A framing year.**
``2024年春运从1月26日开始至3月5日结束``, ``今年征兵从8月1日开始``, ``2016年计划于6月底前完成``:
the year names the time of what the words after it are about (春运, 征兵), and the
date that follows in the same clause leaves its year out: the date is in that year,
and the year is no period of its own. The year's token is folded into the date's (the
date's token starts at the year), as a list item inherits the fields it leaves out.

Only plain words may stand between, and a 从 / 自 just before the date (no digits, no
clause break, at most :data:`_REACH` characters), the year names nothing finer than a
year, and the words are no report or review *of* the year (2023年度报告于4月底前公开,
whose April is the next year's: :data:`~shixian.grammar.vocabulary.OF_A_PERIOD`).

A half-year frames the dates inside it the same way (``上半年征兵从2月中旬开始,3月底结束``:
the dates, not the half besides them).

**A year that labels a date.** With more words between (up to :data:`_LABEL_REACH`), a year
before a date that tells its own year names what the date is about, no period of its own:
``2023年粮食安全生产保障专项资金项目网上申报审核时间延迟至2022年11月11日`` is the deadline of
2022-11-11 (the programme is 2023's), ``2023年度报告于2024年4月底前公开`` the deadline of
April 2024.

**A year told once for a sentence.** In ``新生2019年9月7日报到,9月9日军训,9月23日开始上课``
the clauses after the first leave the year out: it is the year told before them, not
the reference's. A yearless date in a clause after a dated one inherits its year
(:func:`_told_years`), when only plain words, commas and relation words stand between
(a list marker ``3、``, a 。 or ; ends the sentence's items); days across a year's end
are in the next year (``2019年12月20日报到,1月5日开学``), any other date before the one
told keeps the reference's year as a guess (inferred: a report looks back, a timetable
goes on), and a bare day opening
its clause (``1月4—10日期末考试,11日寒假开始``) takes the month too when it comes after that day.
"""

from __future__ import annotations

import datetime as dt
import re

from ..anchors import Anchor
from ..engine import BREAK, GAP, Token
from ..named import Day, Season
from ..not_time import CHANGE_VERBS
from ..vocabulary import OF_A_PERIOD, TERM_NOUNS
from .anchoring import _heading

_REACH = 20  # characters of plain words between the year and the date it frames
#: an aside in brackets among them (以下简称“高考”) counts for nothing
_ASIDE = re.compile(r"\([^()]{0,20}\)")
_LABEL_REACH = 30  # … and between a year and a date of its own year that it labels


def _framing(tokens: list[Token], text: str) -> list[Token]:
    """Fold each framing year into the date after it (see the module)."""
    out: list[Token] = []
    skip = -1
    for i, tok in enumerate(tokens):
        if i <= skip:
            continue
        if (
            tok.code == "A"
            and i + 2 < len(tokens)
            and tokens[i + 1].code == BREAK
            and _heading(tokens, i)
        ):
            continue  # 上半年:2024年1月1日至2月18日: the period heads the dates inside it
        j = _framed(tokens, i, text) if tok.code == "A" else None
        if j is None:
            out.append(tok)
            continue
        year: Anchor = tok.value
        date: Anchor = tokens[j].value
        date.give_year(year.year, year.year_shift)  # (a date with its own year keeps it)
        # the year's words join the first token after the plain words (the date, or
        # the 从 before it), so the part's text starts at the year
        # (the plain words between are inside that token's span: no token of their own)
        first = j - 1 if tokens[j - 1].code in "FBR" else j
        tokens[first].start = tok.start
        out.extend(tokens[first : j + 1])
        skip = j
    return out


def _framed(tokens: list[Token], i: int, text: str) -> int | None:
    """The index of the date token the year at ``i`` frames or labels, or ``None``."""
    year: Anchor = tokens[i].value
    half = _bare_half(year)
    if not half and (
        not _bare_year(year) or text[tokens[i].end - 1 : tokens[i].end] not in ("年", "度")
    ):
        return None
    j = i + 1
    reach = 0
    while j < len(tokens) and (tokens[j].code == GAP or _season_word(tokens[j])):
        # 2022年全市春季森林草原防火期为3月15日至6月15日: a season among the words is theirs
        reach += tokens[j].end - tokens[j].start
        j += 1
        if reach > _LABEL_REACH:
            return None  # (never walks past the reach: extract stays linear)
    if j == i + 1 and not (j + 1 < len(tokens) and tokens[j].code == "F"):
        return None  # (明年从1月1日起, 今年自3月1日起: the year right before 从 frames too)
    words_end = tokens[j - 1].end
    if j + 1 < len(tokens) and (
        tokens[j].code in "FB"  # 从, 自, 截止时间为: just before the date
        # 延迟至, 2018年统计年报表的有效期至2019年6月: a change, or a term's end
        or (tokens[j].code == "R" and tokens[j - 1].value.endswith((*CHANGE_VERBS, *TERM_NOUNS)))
    ):
        j += 1
    if j >= len(tokens) or tokens[j].code != "A":
        return None
    date: Anchor = tokens[j].value
    labelled = _told(date)
    between = text[tokens[i].end : words_end]
    if not labelled and (not _yearless(date) or len(_ASIDE.sub("", between)) > _REACH):
        return None
    if half and (labelled or not _in_half(date, year)):
        return None  # 上半年征兵从2月中旬开始: the half frames only dates inside it
    if any(ch.isdigit() or ch in ",。;:!?、\n|" for ch in between):
        return None
    if not labelled and OF_A_PERIOD.search(between) is not None:
        return None
    return j


def _bare_half(anchor: Anchor) -> bool:
    """上半年 / 下半年 alone (no year, edge or range)."""
    return (
        anchor.grain == "half"
        and not anchor.has_year
        and anchor.to is None
        and anchor.edge is None
        and anchor.named is None
    )


def _in_half(date: Anchor, half: Anchor) -> bool:
    """Whether every month ``date`` names lies in the half-year ``half`` names."""
    months = range(1, 7) if half.half == 1 else range(7, 13)
    item: Anchor | None = date
    while item is not None:
        if item.month is None or item.month not in months:
            return False
        item = item.to
    return True


def _season_word(tok: Token) -> bool:
    """A season named without a year (春季 in 全市春季森林草原防火期), among plain words."""
    if tok.code != "A":
        return False
    anchor: Anchor = tok.value
    return isinstance(anchor.named, Season) and not anchor.has_year and anchor.to is None


def _told(anchor: Anchor) -> bool:
    """Whether ``anchor`` is a date that tells its own year (2022年11月11日): the year
    before it, with words between, names what the date is about (2023年…项目…截止时间
    为2022年11月11日: the programme of 2023, its deadline in 2022)."""
    return (
        anchor.year is not None
        and anchor.grain in ("month", "tenday", "day")
        and anchor.named is None
        and not anchor.year_inherited
    )


def _bare_year(anchor: Anchor) -> bool:
    return (
        anchor.grain == "year"
        and anchor.to is None
        and anchor.edge is None
        and anchor.named is None
        and not anchor.about
        and anchor.time is None
    )


def _yearless(anchor: Anchor) -> bool:
    return (
        not anchor.has_year
        and not anchor.anaphoric
        and anchor.month_shift is None
        and anchor.named is None
        and not anchor.today
        and anchor.grain in ("half", "quarter", "month", "tenday", "day")
    )


# Tokens a year told before reaches across: plain words, a comma, relation words, a list
# connector (9月22日(星期六)、9月23日: the list's items, told apart by a note).
_ACROSS = frozenset("_SPKEFT/")


def _told_years(tokens: list[Token]) -> None:
    """Give each yearless date after a dated one in its sentence that date's year."""
    told: Anchor | None = None
    year: Anchor | None = None  # a year told alone: the year whose end 年底 is (below)
    opens = False  # whether the token starts a clause (a bare day takes a month only there)
    for tok in tokens:
        code = tok.code
        if code == "A":
            anchor: Anchor = tok.value
            if (
                anchor.today
                and told is not None
                and told.grain == "day"
                and told.to is None
                and _not_after(told, anchor.last())
            ):
                # 布达拉宫11月1日宣布 即日起至2024年3月15日免费参观: 即日 is the day just told
                anchor.today = False
                anchor.month, anchor.day = told.month, told.day
                anchor.month_shift = told.month_shift
                if told.has_year:
                    anchor.year, anchor.year_shift = told.year, told.year_shift
                    anchor.year_inherited = True
            elif (
                told is not None and told.grain == "day" and told.to is None and _from_told(anchor)
            ):
                # 1月24日,…发布闭园公告,明起停止对外营业: 明 is the day after the day told
                _shift_from(anchor, told)
            elif (
                told is not None
                and not anchor.has_year
                and _inherits(anchor)
                and (opens or anchor.month is not None)
            ):
                _inherit(anchor, told)
            elif _year_edge(anchor) or _whole_year(anchor):
                # 2016年计划年底前完成, 至2024年底,全年信访问题受理率…: the end of the year told
                # (alone or in a date), the year told; not the reference's
                source = year if year is not None else told
                if source is not None and source.has_year:
                    anchor.give_year(source.year, source.year_shift, inherited=True)
            told_one = anchor.year is not None or anchor.year_shift is not None
            year = anchor if told_one and (_bare_year(anchor) or _year_end(anchor)) else None
            last = anchor.last()
            if last.grain in ("day", "month", "tenday"):
                told = last
            elif last.has_year and last.named is not None and last.to is None:
                # 2012年端午节放假安排:6月23日至25日: the festival's year (a year alone is no
                # date told: 按照《2007年…》的要求,于4月20日前 is in the reference's year)
                told = last
            elif last.named is None or last.has_year:
                told = None
            # (a period named without a year, 2022年1月10日起放寒假;下学期于2月26日报到, keeps
            # the date told before it for the dates after)
        elif code == "|":
            if (
                tok.value not in ",，:;；"
            ):  # a comma or semicolon, or a colon before the dates of what it names
                told = year = None
        elif code not in _ACROSS or (code == GAP and tok.value[-1:].isdigit()):
            told = year = None  # a list marker (3、), a number: the next item stands alone
        opens = code == "|"


def _from_told(anchor: Anchor) -> bool:
    """A day named from the reference (明, 今日, 昨天), not a range, with no date of its own."""
    named = anchor.named
    return (
        isinstance(named, Day)
        and named.day is None
        and named.last is None
        and anchor.to is None
        and not anchor.has_year
    )


def _shift_from(anchor: Anchor, told: Anchor) -> None:
    """Make ``anchor`` (a day named from the reference) the day ``told`` plus its shift;
    a year the text leaves out is a non-leap one for the count (only 2月28日 + 1 could
    differ, to the 29th)."""
    named = anchor.named
    assert isinstance(named, Day) and told.month is not None and told.day is not None
    try:
        base = dt.date(told.year or 2001, told.month, told.day)
    except ValueError:
        return
    day = base + dt.timedelta(days=named.shift)
    if day.year != base.year and told.year is None:
        return  # (across a year's end the year would need telling)
    anchor.named = None
    anchor.month, anchor.day, anchor.month_shift = day.month, day.day, told.month_shift
    if told.has_year:
        anchor.year = day.year if told.year is not None else None
        anchor.year_shift = None if told.year is not None else told.year_shift
        anchor.year_inherited = True


def _not_after(day: Anchor, end: Anchor) -> bool:
    """Whether the day told is not after a range's far end, as far as both say (a year
    left out is the same year)."""
    if end is None or end.month is None:
        return True
    if day.year is not None and end.year is not None:
        return (day.year, day.month or 0, day.day or 0) <= (end.year, end.month, end.day or 31)
    if end.year is not None:  # a range into a year named (11月1日…至2024年3月15日)
        return True
    return (day.month or 0, day.day or 0) <= (end.month, end.day or 31)


def _year_edge(anchor: Anchor) -> bool:
    """年底, 年终, 年初 alone: an edge of a year the text does not name."""
    return (
        not anchor.has_year
        and anchor.grain is None
        and anchor.edge is not None
        and anchor.edge_grain == "year"
        and anchor.to is None
        and anchor.named is None
    )


def _year_end(anchor: Anchor) -> bool:
    """2024年底, 2024年初: an edge of a year named, which tells the year as a year alone does."""
    return (
        anchor.grain == "year"
        and anchor.edge is not None
        and anchor.to is None
        and anchor.named is None
        and anchor.time is None
    )


def _whole_year(anchor: Anchor) -> bool:
    """全年, 年内 alone: the whole of a year the text does not name."""
    return (
        anchor.grain is None
        and anchor.edge is None
        and anchor.to is None
        and anchor.named is None
        and not anchor.anaphoric
    )


def _inherits(anchor: Anchor) -> bool:
    return (
        not anchor.anaphoric
        and anchor.month_shift is None
        and not anchor.today
        and anchor.grain in ("month", "tenday", "day")
    )


def _inherit(anchor: Anchor, told: Anchor) -> None:
    if anchor.month is None:  # a bare day: the month too, when it comes after the day told
        if told.grain != "day" or anchor.day is None or told.day is None or anchor.day <= told.day:
            return
        anchor.month, anchor.month_shift = told.month, told.month_shift
    if not told.has_year:
        return  # a month told, no year: the year stays the reference's (inferred)
    year, shift = told.year, told.year_shift
    earlier = (
        anchor.month is not None
        and told.month is not None
        and (
            anchor.month < told.month
            or (
                anchor.month == told.month
                and anchor.day is not None
                and told.day is not None
                and anchor.day < told.day
            )
        )
    )
    if earlier:
        # 2019年12月20日报到,1月5日开学: days across a year's end are in the next year; any
        # other earlier date may be the same year's (a report looks back: 截至2016年12月底,…
        # 比3月份) or the next: its year stays a guess from the reference (inferred)
        crossing = (
            told.grain == "day"
            and anchor.grain == "day"
            and (told.month or 0) >= 11
            and (anchor.month or 12) <= 3
        )
        if not crossing:
            return
        year = None if year is None else year + 1
        shift = None if shift is None else shift + 1
    anchor.give_year(year, shift, inherited=True)
