"""What a month read alone is beside the words around it: the label of a yearly schedule
(中考3月, 自考4月和10月, 本科考试时间分别为1月) or the topic of a sentence whose time is
told elsewhere (第二季度空气质量信息将在7月公开). The words are tables of
:mod:`shixian.grammar.vocabulary`; :func:`shixian.grammar.rules.calendar.window` asks."""

from __future__ import annotations

from ..._work import WORK
from ...model import Schedule
from ..anchors import Anchor
from ..engine import LIST, Context, Token
from ..vocabulary import (
    EXAM_TIME,
    LABEL_WORDS,
    NOT_LABELS,
    SENTENCE_ENDS,
    SUBJECT_WORDS,
    TOPIC_NOUNS,
    TOPIC_SUBJECT,
)

__all__ = ["exam_before", "is_topic", "label_before", "label_of_list"]


#: tokens either side of a year that its sentence's other times may lie within
_BESIDE_REACH = 40
#: token codes of the times a duty may be told by (dates, schedules, limits)
_TIME_CODES = frozenset("AQUBG")


def _times_beside(ctx: Context, tok: Token) -> bool:
    """Whether the sentence of ``tok`` tells another time (a date, a schedule, a limit)."""
    tokens = ctx.tokens
    for step in (-1, 1):
        i = tok.index + step
        # a bounded walk: a text without sentence breaks costs no scan per year (linear)
        while 0 <= i < len(tokens) and abs(i - tok.index) <= _BESIDE_REACH:
            other = tokens[i]
            WORK.walked += 1
            if other.code == "|" and other.value in SENTENCE_ENDS:
                break
            if other.code in _TIME_CODES:
                return True
            i += step
    return False


def is_topic(ctx: Context, tok: Token) -> bool:
    """上一年度 in 公开上一年度年度报告 names what a report is about, not when the duty
    falls: a past year right before a report noun is no time of the duty."""
    anchor: Anchor = tok.value
    nxt = ctx.tokens[tok.index + 1] if tok.index + 1 < len(ctx.tokens) else None
    if nxt is None or nxt.code != "_":
        return False
    if anchor.year_shift is not None and anchor.year_shift < 0 and anchor.grain == "year":
        # (alone in its sentence, 要对上一年度…落实情况开展“回头看”, the year is the time)
        return TOPIC_NOUNS.match(nxt.value) is not None and _times_beside(ctx, tok)
    # 第二季度空气质量信息将在2024年7月中下旬公开: the data of a period, published at a
    # time told later in the same clause
    if TOPIC_SUBJECT.match(nxt.value) is None or anchor.to is not None:
        return False
    for later in ctx.tokens[tok.index + 2 :]:
        if later.code == "|":
            return False
        if later.code == "A":
            return True
    return False


def label_before(ctx: Context, tok: Token) -> str | None:
    """A short free word that opens a clause right before ``tok`` (中考 in 中考3月)."""
    if tok.index < 1:
        return None
    gap = ctx.tokens[tok.index - 1]
    if gap.code != "_" or gap.end != tok.start or not 2 <= len(gap.value) <= 4:
        return None
    if tok.index >= 2 and ctx.tokens[tok.index - 2].code not in ("|", "/", "A"):
        return None
    text: str = gap.value
    if not all("\u4e00" <= ch <= "\u9fff" for ch in text) or text in NOT_LABELS:
        return None
    if text[-1] in "于在至到从自将拟及和与为是":  # 项目于9月, 戒严期为5月: no label
        return None
    if LABEL_WORDS.search(text) is not None:
        return text
    # another word labels the month only where the month ends its clause (a timetable's
    # 中考3月 高考11月), and a subject never does (我市6月份遭受暴雨: a date of the report)
    if SUBJECT_WORDS.match(text) is not None:
        return None
    nxt = ctx.tokens[tok.index + 1] if tok.index + 1 < len(ctx.tokens) else None
    if nxt is None or nxt.code in ("|", "/") or (nxt.code == "_" and nxt.value[:1].isspace()):
        return text
    after = ctx.tokens[tok.index + 2] if tok.index + 2 < len(ctx.tokens) else None
    if nxt.code == "_" and after is not None and after.code == "A" and len(nxt.value) <= 4:
        return text  # 春播4月秋收9月: the next label and its month follow
    return None


def exam_before(ctx: Context, tok: Token) -> str | None:
    """本科考试时间分别为1月, 已将考试次数调整为4月: an exam's time (vocabulary.EXAM_TIME)
    right before the month."""
    if tok.index < 1:
        return None
    gap = ctx.tokens[tok.index - 1]
    if gap.code != "_" or gap.end != tok.start:
        return None
    told = EXAM_TIME.search(gap.value)
    if told is None:
        return None
    named: str = gap.value[: told.start()]
    opens = tok.index < 2 or ctx.tokens[tok.index - 2].code in ("|", "/")
    if (
        opens
        and len(named) <= 4
        and all("\u4e00" <= ch <= "\u9fff" and ch not in "将把已于在为是和与及" for ch in named)
    ):
        return named + str(told.group("label"))  # 本科考试时间分别为1月: the exam 本科考试
    return str(told.group("label"))


def label_of_list(ctx: Context, tok: Token) -> str | None:
    """自考4月和10月, 中考3月、6月: an item of a list after a labelled month has its label."""
    if tok.index < 2 or ctx.tokens[tok.index - 1].code != LIST or not ctx.parts:
        return None
    prev, item = ctx.parts[-1], ctx.tokens[tok.index - 2]
    if not isinstance(prev, Schedule) or prev.label is None or item.code != "A":
        return None
    return prev.label if prev.span[1] == ctx.where([item])[1][1] else None
