"""Pass 6 of the composition stage: a year that names a meeting or sits in a document's
title after a date told in its sentence is a label, not a period.

``7月28日,东兴市召开2017年征兵工作会议``, ``12月25日,2018年全国交通运输工作会议在…召开``,
``于10月30日前将《2009年环保专项行动工作总结》报送``: the date is the time the sentence
tells; the year after it is part of a name (the meeting of the 2017 enlistment, a report
on 2009), so it gives no window of its own. The year must be a year alone (no month, edge
or range), written right before the words of the name (no relation word between: 于2024年
实施 is a time), and those words must name a meeting
(:data:`~shixian.grammar.vocabulary.LABELLED_NOUNS`), or the year must be inside a title
(《…》). A year before other words (提出了2024年政府工作总体目标) is the period they cover.
"""

from __future__ import annotations

from ..anchors import Anchor
from ..engine import BREAK, GAP, Token
from ..vocabulary import LABELLED_NOUNS, SENTENCE_ENDS
from .framing import _bare_year

_TITLE_REACH = 20  # characters between a title's 《 and a year inside it
#: words right before a year that make it the time of what follows (将于2024年实施)
_TIME_BEFORE = ("于", "在", "到", "至", "从", "自", "为", "是", "截至", "截止", "~", "—", "-")


def _told_day(anchor: Anchor) -> bool:
    last = anchor.last()
    return last.grain in ("day", "month") and last.named is None


def _labels(tokens: list[Token], text: str) -> bool:
    """Turn each label year (see the module) into plain words, in place; whether any was."""
    told = changed = False
    for i, tok in enumerate(tokens):
        code = tok.code
        if code == BREAK and tok.value in SENTENCE_ENDS:
            told = False
        elif code == "A":
            anchor: Anchor = tok.value
            if told and anchor.year is not None and _bare_year(anchor) and _names(tokens, i, text):
                tok.code = GAP
                tok.value = text[tok.start : tok.end]
                changed = True
            elif _told_day(anchor):
                told = True
    return changed


def in_title(text: str, at: int) -> bool:
    """Whether offset ``at`` of ``text`` is inside a title (《…》) opened at most
    :data:`_TITLE_REACH` characters before it."""
    title = text.rfind("《", max(at - _TITLE_REACH, 0), at)
    return title >= 0 and "》" not in text[title:at]


def _names(tokens: list[Token], i: int, text: str) -> bool:
    """Whether the year at ``i`` opens the name of a meeting, a work or a document."""
    if i + 1 >= len(tokens) or tokens[i + 1].code != GAP:
        return False
    start = tokens[i].start
    if text[max(start - 2, 0) : start].endswith(_TIME_BEFORE):
        return False
    if in_title(text, start):
        return True  # 《邛崃市2021年…申报指南》
    words: str = tokens[i + 1].value
    return LABELLED_NOUNS.search(words) is not None
