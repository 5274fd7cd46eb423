"""The failures :func:`shixian.extract` reports, made disjoint from each other and from
its matches, so that no words of a document are reported twice."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .api import Failure, Match

__all__ = ["disjoint", "outside"]


def disjoint(failures: list[Failure]) -> tuple[Failure, ...]:
    """The failures in text order, each starting after the one before it ends: a rule
    over an expression the lexer already refused in part (星期八 in 星期八全年前) reports
    only the rest of it, so that no text is reported twice."""
    out: list[Failure] = []
    for f in sorted(failures, key=lambda f: (f.start, f.end)):
        start = max(f.start, out[-1].end) if out else f.start
        if start >= f.end:
            continue
        if start != f.start:
            f = attrs.evolve(f, start=start, text=f.text[start - f.start :])
        out.append(f)
    return tuple(out)


def outside(failures: tuple[Failure, ...], matches: list[Match]) -> tuple[Failure, ...]:
    """Each failure cut to the words no match read: a rule can read part of an expression
    the lexer refused (the 0 of Q0 in Q0~13个工作日内: "0~13个工作日内" is a match, the
    failure is "Q"). A failure inside a match stays whole (the match lists it in its
    ``unparsed`` words)."""
    out: list[Failure] = []
    ends = [m.end for m in matches]  # matches are disjoint and in text order
    for f in failures:
        start, end = f.start, f.end
        # only the matches that can overlap the failure: linear in the text, not
        # failures x matches
        for n in range(bisect.bisect_right(ends, start), len(matches)):
            m = matches[n]
            if m.start >= f.end:
                break
            if m.end <= start or end <= m.start or (m.start <= start and end <= m.end):
                continue
            if start < m.start:
                end = m.start
            else:
                start = m.end
        if start < end:
            text = f.text[start - f.start : end - f.start]
            out.append(attrs.evolve(f, start=start, end=end, text=text))
    return tuple(out)
