"""What a reading covers of its text: the words that look like time and that no part
explains (:attr:`shixian.Normalized.unparsed`), and the spans of extract()'s matches."""

from __future__ import annotations

import bisect
import re

from ..model import Part, Unparsed
from .compose.labels import in_title
from .engine import GAP, Context, Token
from .not_time import not_time_pattern
from .vocabulary import LABELLED_NOUNS, PERIOD_LABEL

__all__ = ["balanced", "near", "unparsed"]

_SENTENCE_END = re.compile(r"[。;\n]")
# Words that look like time: a number with a time unit, a third of a month, a clock time.
_TIME_WORD = re.compile(
    r"[0-9〇零一二两三四五六七八九十廿卅]+(?:个)?(?:年|月|日|号|时|旬|季度|季|周|星期|天|小时)"
    r"|[上中下]旬|(?<![0-9])[0-9]{1,2}:[0-9]{2}"
    # a month's edge with its 月 lost (2015年7底): a date not read
    r"|(?<![0-9])[0-9]{1,2}(?:底|末)(?!期)"
)
_NOT_TIME = re.compile(not_time_pattern())
# a year alone in plain words: only a composition pass leaves one there (the lexer reads
# any other), the labels pass when it names a meeting, a work or a document
_LABEL_YEAR = re.compile(r"(?<![0-9])[0-9]{4}年度?")
_REASONS = {
    "<time of day>": "a time of day no date takes",
    "<hyphen>": "a range connector between words that are not both dates",
    "<minimum length>": "a minimum length, which sets no date",
    "去年同期": "the same period of an earlier year, with no period told before it",
}


_RELATIONS = {
    "P": "a relation (前) to words after a date that are not read",
    "K": "a relation (后) to words after a date that are not read",
    "S": "a relation (起, 以来) to words after a date that are not read",
}


def _after_anchor(tokens: list[Token], i: int) -> bool:
    """Whether the clause of token ``i`` has a date before it, with only words between."""
    for j in range(i - 1, max(i - 4, -1), -1):
        code = tokens[j].code
        if code == "A":
            return j < i - 1  # 2024年开学后 (not 12月底前, whose 前 a rule takes)
        if code != GAP:
            return False
    return False


def unparsed(ctx: Context) -> tuple[Unparsed, ...]:
    """The words that look like time and that no rule took, and the flags productions
    raised (a weekday note that contradicts its date), in reading order."""
    tokens = ctx.tokens
    uncovered = ctx.uncovered
    if not uncovered and not ctx.flags:
        return ()  # every token is covered by a rule
    found: list[tuple[int, int, str]] = list(ctx.flags)
    for i in uncovered:
        tok = tokens[i]
        if tok.code == "g":
            found.append((tok.start, tok.end, "a garbled date"))
        elif tok.rule in _REASONS:
            found.append((tok.start, tok.end, _REASONS[tok.rule]))
        elif tok.code in "AE":
            found.append((tok.start, tok.end, "a date no rule takes"))
        elif tok.code in _RELATIONS and _after_anchor(tokens, i):
            # 2024年开学后: the year is read, the event it relates to is not
            found.append((tok.start, tok.end, _RELATIONS[tok.code]))
        elif (
            tok.code == GAP
            and tok.value[:1].isdigit()
            and i
            and tokens[i - 1].code == "A"
            and ctx.cleaned.text[tok.start - 1] == "月"
        ):
            found.append((tok.start, tok.end, "a number after a month: a day without 日?"))
        elif tok.code == GAP and _TIME_WORD.search(tok.value) is not None:
            # mask what is not time, seen in place (a pattern may look at what precedes)
            chars = list(tok.value)
            window = ctx.cleaned.text
            for m in _NOT_TIME.finditer(window, max(0, tok.start - 8), tok.end + 8):
                lo, hi = max(m.start(), tok.start), min(m.end(), tok.end)
                if lo < hi:
                    chars[lo - tok.start : hi - tok.start] = " " * (hi - lo)
            words = "".join(chars)
            for m in _LABEL_YEAR.finditer(words):
                if LABELLED_NOUNS.search(words, m.end()) is not None or in_title(
                    window, tok.start + m.start()
                ):
                    # a year the labels pass made plain words (召开2017年征兵工作会议 after a
                    # date told): read, as part of a name
                    words = words[: m.start()] + " " * (m.end() - m.start()) + words[m.end() :]
            for m in _TIME_WORD.finditer(words):
                found.append((tok.start + m.start(), tok.start + m.end(), "not understood"))
    if not found:
        return ()
    out = []
    for start, end, reason in sorted(found):
        lo, hi = ctx.cleaned.span(start, end) if ctx.cleaned.origin is not None else (start, end)
        out.append(Unparsed(ctx.text[lo:hi], (lo, hi), reason))
    return tuple(out)


_NEAR = 4  # characters between a match and leftover time words that belong to it
_OPENING = {")": "(", "）": "（", "]": "[", "】": "【", "〕": "〔"}
_CLOSING = {v: k for k, v in _OPENING.items()}
_BRACKET = re.compile("[" + re.escape("".join(_OPENING) + "".join(_CLOSING)) + "]")


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """A match's span with its brackets balanced: 4—10月)每月 grows back to its
    opening bracket and the period word before it (流行季节(4—10月)每月); an opening
    bracket left open at the end is dropped."""
    if _BRACKET.search(text, start, end) is None:  # the common case: no bracket at all
        return start, end
    opened = 0
    for ch in text[start:end]:
        if ch in _CLOSING:  # an opening bracket
            opened += 1
        elif ch in _OPENING:  # a closing bracket
            if opened:
                opened -= 1
                continue
            opening = text.rfind(_OPENING[ch], 0, start)
            if opening < 0 or start - opening > 2:
                return start, end
            start = opening
            label = PERIOD_LABEL.search(text, max(0, start - 8), start)
            if label is not None and label.end() == start:
                start = label.start()
    while end > start and text[end - 1] in _CLOSING:
        end -= 1
    return start, end


def near(unparsed: tuple[Unparsed, ...], parts: list[Part], text: str) -> dict[int, list[Unparsed]]:
    """Leftover time words right beside a match (a stray time of day, a contradicting
    weekday note) belong to it; the match's result is then incomplete."""
    out: dict[int, list[Unparsed]] = {}
    starts = [p.span[0] for p in parts]
    for u in unparsed:
        at = bisect.bisect_right(starts, u.span[0]) - 1
        for n in (at, at + 1):
            if not 0 <= n < len(parts):
                continue
            lo, hi = parts[n].span
            gap = text[hi : u.span[0]] if u.span[0] >= hi else text[u.span[1] : lo]
            if (lo <= u.span[0] and u.span[1] <= hi) or (
                len(gap) <= _NEAR and _SENTENCE_END.search(gap) is None
            ):
                out.setdefault(n, []).append(u)
                break
    return out
