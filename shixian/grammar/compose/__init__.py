"""Stage 2b, between lexing and the grammar rules: compose anchors.

The lexer gives date *fragments* (2016年, 12月, 底), times of day, weekday notes,
connectors and bare numbers. This stage joins them, in six general passes that
know no phrase:

0. **weekdays** ranged or listed (每周一至周五, 周一、周三) into one set of weekdays
   (:mod:`.weekdays`, after the fragments);
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
4. **framing**: a year that the words after it are about frames the date of its clause
   that leaves its year out (2024年春运从1月26日开始至3月5日结束: both days in 2024);
5. **labels**: a year naming a meeting, a work or a document after a date told in its
   sentence (7月28日,东兴市召开2017年征兵工作会议) is plain words (:mod:`.labels`);
6. **tidy**: what is left of the helpers (a bare number, a joining word) is plain
   text again, and adjacent plain text is one gap.
"""

from __future__ import annotations

import re

from ..engine import GAP, Token
from .codes import _HELPERS, _LISTING, TIME_LIKE_RULES
from .fragments import _fragments
from .framing import _framing, _told_years
from .labels import _labels
from .lengths import _length_ranges, _lone_lengths
from .lists import _lists, _ongoing_lists
from .spans import _spans, _tidy
from .weekdays import _weekday_spans

#: the words that lead a length told in plain words (为期3个月, 历时9天, 时长约1个月), and
#: a validity after a start (有效期5年)
_LENGTH_LEAD = re.compile("为期|历时|时长")
_LASTING_LEAD = re.compile("为期|历时|时长|有效期")

__all__ = ["TIME_LIKE_RULES", "compose"]


def _lasts(tokens: list[Token]) -> bool:
    """Whether some plain words may tell a length (为期3个月) or a validity (有效期5年)
    after a start."""
    return any(t.code == GAP and _LASTING_LEAD.search(t.value) is not None for t in tokens)


def compose(tokens: list[Token], text: str) -> list[Token]:
    """The composition stage: fragments, lists, spans, then tidy (see the module)."""
    out = _fragments(tokens, text)
    codes = "".join([tok.code for tok in out])
    if "D" in codes:
        out = _weekday_spans(out, text)
        codes = "".join([tok.code for tok in out])
    if "U" in codes:
        out = _length_ranges(out, text)
        codes = "".join([tok.code for tok in out])
    if GAP in codes and _LENGTH_LEAD.search(text) is not None:
        out = _lone_lengths(out)
        codes = "".join([tok.code for tok in out])
    if len(out) < 2:
        return out if not out or out[0].code not in _HELPERS else _tidy(out, text)
    kinds = set(codes)
    if kinds & _LISTING:
        out = _lists(out, text)
        if "/" in codes and codes.count("L") >= 2:
            out = _ongoing_lists(out)
        codes = "".join([tok.code for tok in out])
    if codes.count("A") >= 2 or ("S" in kinds and _lasts(out)):
        # a range or a union joins two anchors; a start joins the length told after it
        out = _spans(out)
        out = _framing(out, text)
        _told_years(out)
        labelled = _labels(out, text)  # a year made plain words joins the words beside it
    else:
        labelled = False
    if labelled or kinds & _HELPERS or codes.count(GAP) >= 2:  # else nothing to join as text
        out = _tidy(out, text)
    return out
