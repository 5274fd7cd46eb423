"""Calendar anchors and their relations: 2016年12月底前, 全年, 2017年第一季度前, 至2025年底.

Token codes: ``a`` date fragment (merged into ``A`` anchors, or ``E`` for a bare
底/末 that follows no anchor), ``P`` 前, ``B`` 不晚于/截至, ``R`` 至/到/—,
``W`` 内, ``S`` 起, ``F`` 自.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ...errors import InvalidDate
from ...model import Deadline, Ongoing, Part, Schedule, Window
from ..anchors import Anchor
from ..engine import Context, Rule, Token, TokenRule
from ..numerals import CN_DIGITS, NUMBER, SMALL_NUMBER, YEAR_NUMBER, to_int

__all__ = ["RULES", "TOKENS", "merge"]

N = NUMBER
_ONE_DAY = dt.timedelta(days=1)
_SMALL = SMALL_NUMBER

# The parts of a calendar date, coarse to fine; a date token is any non-empty run
# of them in this order (2016年, 7月, 2016年7月10日, 明年一季度, 2016年度上半年).
_YEAR_PART = (
    rf"(?P<y>{YEAR_NUMBER})年度?"
    r"|(?P<rel>今年|本年|当年|上一年|上年|去年|前年|明年|下一年|次年|来年)度?"
)
_SUB_YEAR_PART = (
    r"(?P<h>上|下|前|后)半年度?"
    rf"|第(?P<q>{N})季度?"
    r"|(?<![0-9一二三四五六七八九十])(?P<q2>[0-9一二三四五六七八九十]{1,2})季度"
    r"|(?<![A-Za-z])[Qq] ?(?P<q3>[0-9])(?![0-9])"
    rf"|(?<![0-9])(?P<m>{SMALL_NUMBER})月份?"
)
_DAY_PART = rf"(?P<x>上|中|下)旬|(?<![0-9])(?P<d>{SMALL_NUMBER})(?:日|号)"


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# The lookahead keeps a date from being empty; a date that would start with its
# day does not take 20日内 (a duration, see relative.DURATION_TOKENS).
_DATE = (
    f"(?=(?:{_unnamed(_YEAR_PART)}|{_unnamed(_SUB_YEAR_PART)}"
    rf"|(?:上|中|下)旬|(?<![0-9]){SMALL_NUMBER}(?:号|日(?!以内|之内|内))))"
    f"(?:{_YEAR_PART})?(?:{_SUB_YEAR_PART})?(?:{_DAY_PART})?"
)
_NUM_START = f"[0-9{CN_DIGITS}十廿卅]"

_YEAR_SHIFT = {
    "今年": 0, "本年": 0, "当年": 0, "上年": -1, "去年": -1, "上一年": -1, "前年": -2,
    "明年": 1, "下一年": 1, "次年": 1, "来年": 1,
}  # fmt: skip
_EDGE = {"底": "end", "末": "end", "终": "end", "初": "begin", "中": "middle"}
_GRAIN = {"年": "year", "月": "month", "季": "quarter", "季度": "quarter", "半年": "half"}
_HALF = {"上": 1, "前": 1, "下": 2, "后": 2}
_TENDAY = {"上": 1, "中": 2, "下": 3}


def _checked(text: str, field: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InvalidDate(text, field, value)
    return value


def _ymd(text: str, y: str, sep: str, m: str, d: str) -> Anchor:
    month = _checked(text, "month", int(m), 1, 12)
    return Anchor(year=int(y), month=month, day=_checked(text, "day", int(d), 1, 31))


def _number_range(text: str, a: str, b: str, unit: str) -> Anchor:
    unit = unit[:1]
    first, last = to_int(a), to_int(b)
    if unit == "年":
        return Anchor(year=first, to=Anchor(year=last))
    if unit == "月":
        _checked(text, "month", first, 1, 12)
        _checked(text, "month", last, 1, 12)
        return Anchor(month=first, to=Anchor(month=last))
    _checked(text, "day", first, 1, 31)
    _checked(text, "day", last, 1, 31)
    return Anchor(day=first, to=Anchor(day=last))


def _date(
    text: str,
    y: str | None,
    rel: str | None,
    h: str | None,
    q: str | None,
    q2: str | None,
    q3: str | None,
    m: str | None,
    x: str | None,
    d: str | None,
) -> Anchor:
    """One calendar anchor read at once: 2016年 7月, 二〇一六年度上半年, 明年一季度, 7月10日."""
    anchor = Anchor()  # set only the fields the text names (see Anchor)
    if y is not None:
        anchor.year = to_int(y)
    elif rel is not None:
        anchor.year_shift = _YEAR_SHIFT[rel]
    if m is not None:
        anchor.month = _checked(text, "month", to_int(m), 1, 12)
    elif h is not None:
        anchor.half = _HALF[h]
    else:
        quarter = q or q2 or q3
        if quarter:
            anchor.quarter = _checked(text, "quarter", to_int(quarter), 1, 4)
    if d is not None:
        anchor.day = _checked(text, "day", to_int(d), 1, 31)
    elif x is not None:
        anchor.tenday = _TENDAY[x]
    return anchor


def _this_year(text: str) -> Anchor:
    return Anchor()


def _period_edge(text: str) -> Anchor:
    return Anchor(edge=_EDGE[text[-1]], edge_grain=_GRAIN[text[:-1]])


def _bare_edge(text: str) -> Anchor:
    return Anchor(edge=_EDGE[text])


def _today(text: str) -> Anchor:
    return Anchor(today=True)


def _word(text: str) -> str:
    return text


def _iso_week(text: str, y: str, n: str) -> Anchor:
    """2016年第10周: ISO 8601 week ``n`` of the year (Monday–Sunday; week 1 holds the
    year's first Thursday), as a range of days; a week the year lacks is invalid."""
    year, week = int(y), to_int(n)
    weeks = dt.date(year, 12, 28).isocalendar()[1]  # 28 December is in the last week
    _checked(text, "week", week, 1, weeks)
    first = dt.date.fromisocalendar(year, week, 1)
    last = first + dt.timedelta(days=6)
    return Anchor(
        year=first.year,
        month=first.month,
        day=first.day,
        to=Anchor(year=last.year, month=last.month, day=last.day),
    )


#: An ISO week of a named year (before the calendar date, which would take 2016年 alone).
WEEK_OF_YEAR = TokenRule(
    "<year>年第<n>周",
    rf"(?P<y>[0-9]{{4}})年度?的?第(?P<n>[0-9]{{1,2}}|[{CN_DIGITS}十]{{1,3}})个?(?:周|星期)"
    r"(?![报])",
    "a",
    _iso_week,
)

TOKENS: list[TokenRule] = [
    TokenRule("<year>年<month>月<day>日", _DATE, "a", _date),
    TokenRule(
        "<yyyy>-<mm>-<dd>",
        r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})(?![0-9])",
        "a",
        _ymd,
    ),
    TokenRule(
        "<n>—<n>年|月|日",
        rf"(?<![0-9])(?P<a>{N})[—~\-至到](?P<b>{N})(?P<unit>年度?|月份?|日|号)",
        "a",
        _number_range,
    ),
    TokenRule("全年|年内", r"全年度?|本年度?(?=内|以内)|年(?=以?内|之内)", "a", _this_year),
    TokenRule(
        "年底|月初|季末",
        r"(?:年|月|季度|季|半年)(?:底|末|终|初)|(?:年|月|季度|季)中(?![央共国华心部期小学级])",
        "a",
        _period_edge,
    ),
    TokenRule("底前", r"(?:底|末)(?:以前|之前|前)", "P", _word),
    TokenRule(
        "底|末|初",
        r"(?:底|末)(?![端梢尾位月])|初(?![步稿审次级期始衷心中])"
        r"|(?<=[年月季度])中(?![央共国华心部期小学级旬外])",
        "a",
        _bare_edge,
    ),
    TokenRule("即日", r"即日(?=起)", "a", _today),
    TokenRule(
        "前",
        r"以前|之前|(?<![提目当此事空面眼跟向从])前(?![期提列端沿景往述瞻言身夕])",
        "P",
        _word,
    ),
    TokenRule(
        "不晚于|截至",
        r"(?:截至|截止)(?:到|至)?|不晚于|不迟于|最迟于?|最晚于?",
        "B",
        _word,
    ),
    TokenRule(
        "至|到", r"至(?!少|今)|(?<![收达得做受报直遇看想办提签])到(?!位|期|达)|[—~]", "R", _word
    ),
    TokenRule("内", r"以内|之内|内(?![容部涵外设置在控地])", "W", _word),
    TokenRule("起", r"起(?![草来步诉])|开始|以来", "S", _word),
    TokenRule("自", rf"(?:自从|自|从)(?={_NUM_START}|今年|明年|本年|即日|当年|次年)", "F", _word),
]


def merge(tokens: list[Token]) -> list[Token]:
    """Join adjacent date fragments into anchors: 2016年 + 12月 + 底; 6月 + 至 + 12月."""
    out: list[Token] = []
    for tok in tokens:
        if tok.code != "a":
            out.append(tok)
            continue
        frag: Anchor = tok.value
        prev = out[-1] if out else None
        if prev is not None and prev.code == "A" and prev.end == tok.start:
            target: Anchor = prev.value
            while target.to is not None:
                target = target.to
            if target.accepts(frag) or (frag.grain is None and frag.edge is None):
                target.absorb(frag)
                if frag.to is not None:
                    target.to = frag.to.fill_from(target)
                prev.end = tok.end
                continue
        if (
            prev is not None
            and prev.code == "R"
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and out[-2].value.to is None
            and frag.grain is not None
        ):
            left = out[-2]
            left.value.to = frag.fill_from(left.value)
            left.end = tok.end
            out.pop()
            continue
        if frag.edge is not None and frag.edge_grain is None and frag.grain is None:
            tok.code = "E"
        else:
            tok.code = "A"
        out.append(tok)
    return out


# -- productions ---------------------------------------------------------


def _anchor(tokens: Sequence[Token]) -> Token:
    for tok in tokens:
        if tok.code == "A":
            return tok
    raise AssertionError("rule without anchor")


def _ends_with_edge(anchor: Anchor) -> bool:
    last = anchor
    while last.to is not None:
        last = last.to
    return last.edge == "end" or last.grain == "day"


def deadline_before(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<anchor>前``: by the end of the period; 前 alone is ambiguous (see README)."""
    tok = _anchor(tokens)
    start, end, inferred, _ = tok.value.bounds(ctx.reference, ctx.text)
    text, span = ctx.where(tokens)
    if tokens[-1].value[0] in "底末" or _ends_with_edge(tok.value):
        return [Deadline(text=text, span=span, year_inferred=inferred, due=end)]
    strict = start - _ONE_DAY
    due, alt = (strict, end) if ctx.strict else (end, strict)
    return [
        Deadline(
            text=text,
            span=span,
            year_inferred=inferred,
            due=due,
            ambiguous=True,
            alternatives=(alt,),
        )
    ]


def deadline_by(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``不晚于/截至/到 <anchor>``: by the last day of the period."""
    tok = _anchor(tokens)
    _, end, inferred, _ = tok.value.bounds(ctx.reference, ctx.text)
    text, span = ctx.where(tokens)
    return [Deadline(text=text, span=span, year_inferred=inferred, due=end)]


def ongoing_from(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``(自)<anchor>起``: continuing work from the first day of the period."""
    tok = _anchor(tokens)
    start, _, inferred, _ = tok.value.bounds(ctx.reference, ctx.text)
    text, span = ctx.where(tokens)
    return [Ongoing(text=text, span=span, year_inferred=inferred, start=start)]


def from_until(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``(自)<anchor>起至<anchor>``: a window from the first period's start to the
    second's end (即日起至2016年12月31日)."""
    first, last = (t for t in tokens if t.code == "A")
    start, _, lo_inferred, lo_fuzzy = first.value.bounds(ctx.reference, ctx.text)
    _, end, hi_inferred, hi_fuzzy = last.value.fill_from(first.value).bounds(
        ctx.reference, ctx.text
    )
    if end < start:
        raise InvalidDate(ctx.text, "range", f"{start}..{end}")
    return [
        Window(
            **ctx.common(tokens, lo_inferred or hi_inferred),
            start=start,
            end=end,
            fuzzy=lo_fuzzy or hi_fuzzy,
        )
    ]


def window(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<anchor>``, ``<anchor>内``, ``<anchor>完成``: the work happens within the period.

    A month without a year right after a short label (中考3月) is a yearly
    schedule with that label.
    """
    tok = _anchor(tokens)
    anchor: Anchor = tok.value
    label = _label_before(ctx, tok)
    month = anchor.month
    if label is not None and anchor.grain == "month" and not anchor.has_year and anchor.to is None:
        assert month is not None
        return [
            Schedule(
                **ctx.common(tokens, False, start=ctx.tokens[tok.index - 1].start),
                every="year",
                months=(month,),
                label=label,
            )
        ]
    start, end, inferred, fuzzy = anchor.bounds(ctx.reference, ctx.text)
    count = None
    if len(tokens) > 2:
        count = next((t.value[0] for t in tokens if t.code == "C"), None)
    text, span = ctx.where(tokens)
    return [
        Window(
            text=text,
            span=span,
            year_inferred=inferred,
            start=start,
            end=end,
            fuzzy=fuzzy,
            min_count=count,
        )
    ]


def _label_before(ctx: Context, tok: Token) -> str | None:
    """A short free word that opens a clause right before ``tok`` (中考 in 中考3月)."""
    if tok.index < 1:
        return None
    gap = ctx.tokens[tok.index - 1]
    if gap.code != "_" or gap.end != tok.start or not 2 <= len(gap.value) <= 4:
        return None
    if tok.index >= 2 and ctx.tokens[tok.index - 2].code not in ("|", "/", "A"):
        return None
    text: str = gap.value
    if not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return None
    return text


RULES: list[Rule] = [
    Rule("<anchor>前", r"B?AP", deadline_before),
    Rule("不晚于<anchor>", r"BA", deadline_by),
    Rule("到<anchor>", r"(?<![AE])RA", deadline_by),
    Rule("<anchor>起至<anchor>", r"F?ASRA", from_until),
    Rule("<anchor>起", r"F?A[SK]|FA", ongoing_from),
    Rule("<anchor>内", r"AW(?:Z?_?Z?C)?", window),
    Rule("<anchor>", r"A", window),
]
