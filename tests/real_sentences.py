"""Score :func:`shixian.extract` on the harvested sentences (corpus/real/harvest_sentences.tsv).

Shared by ``tests/test_real.py`` and the report script ``tools/extract_report.py``.

Each sentence lists every time expression in it with its meaning (`` ;; `` between
them, ``expression => expected``), or ``none``. An expression is located in the
sentence in reading order (the first occurrence after the one before it that overlaps
no expression already placed); the matches that overlap it are its *hits*. Its outcome:

* ``found``: the hits' parts, read together, have the expected meaning and the hits
  cover the expression's words (``edges`` below may differ: 于, 在, brackets …);
* ``wrong span``: the meaning is right, the hits cover more or less than the expression;
* ``wrong meaning``: the hits mean something else;
* ``not found``: no match overlaps the expression (right when ``error`` is expected:
  the expression then counts as found);

and a match that overlaps no expression is ``extra``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

import shixian
from shixian.io.corpus import EITHER, judge

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
SENTENCES = REAL / "harvest_sentences.tsv"
KNOWN = REAL / "known_misses_sentences.tsv"

#: Words at the edges of an annotated expression or of a match that may differ between
#: the two without the span being wrong (a preposition, a bracket, a list word).
EDGES = "于於在从從自由至到及和、,，。;；:：（）()【】〔〕[]“”\"' 　分别為为是即的"

FOUND = "found"
OUTCOMES = ("wrong span", "wrong meaning", "not found", "extra")


@attrs.frozen
class Outcome:
    """What extract made of one expression of a sentence (or of one extra match)."""

    sentence: str
    expression: str
    expected: str
    status: str
    span: tuple[int, int]
    got: str  # the hits' texts and readings, for the report


def load(path: Path = SENTENCES) -> list[dict[str, str]]:
    """The harvested sentences' rows (``#`` lines are comments: the project's reading of a
    row whose harvested annotation it changed)."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def known(path: Path = KNOWN) -> dict[tuple[str, str], tuple[str, str]]:
    """The documented known misses: (sentence, expression) → (kind, reason); ``kind`` is
    ``unreadable`` (no reasonable reading gives the annotated meaning) or ``disputed``
    (the annotation contradicts a decision of the project: listed for review)."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(r["sentence"], r["expression"]): (r["kind"], r["reason"]) for r in reader}


def expressions(rec: dict[str, str]) -> list[tuple[str, str, tuple[int, int]]]:
    """A sentence's expressions with their meaning and where they are, in reading order."""
    if rec["expressions"].strip() == "none":
        return []
    sentence = rec["sentence"]
    placed: list[tuple[int, int]] = []
    out = []
    after = 0
    for item in rec["expressions"].split(" ;; "):
        expression, expected = item.split(" => ", 1)
        span = _place(sentence, expression, placed, after)
        placed.append(span)
        after = span[0]
        out.append((expression, expected, span))
    return out


def _place(
    sentence: str, expression: str, placed: list[tuple[int, int]], after: int
) -> tuple[int, int]:
    spots = []
    at = sentence.find(expression)
    while at >= 0:
        spots.append((at, at + len(expression)))
        at = sentence.find(expression, at + 1)
    if not spots:
        raise ValueError(f"{expression!r} is not in {sentence!r}")
    free = [s for s in spots if not any(s[0] < b and a < s[1] for a, b in placed)]
    for spot in free:
        if spot[0] >= after:
            return spot
    return (free or spots)[0]


#: Words before an expression that say who must or how (a modal, a hedge), not when:
#: 须在2021年12月15日前, 應自…之日起, 預計於104年12月31日, 嚴格按照法定時限.
HEADS = re.compile(
    r"(?:调整至|调整到|調整至|調整到|应当|應當|应|應|必须|必須|须|須|需|要|将|將|预计|預計|严格|嚴格|分别|分別)+"
)


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        was = start
        while start < end and text[start] in EDGES:
            start += 1
        head = HEADS.match(text, start, end)
        if head is not None:
            start = head.end()
        if start == was:
            break
    while end > start and text[end - 1] in EDGES:
        end -= 1
    return start, end


def _shown(match: shixian.Match) -> str:
    return f"{match.text!r}: " + " ; ".join(str(p) for p in match.result.parts)


def score(rec: dict[str, str], reference: dt.date | None = None) -> Iterator[Outcome]:
    """The outcome of each expression of one sentence, then its extra matches."""
    sentence = rec["sentence"]
    ref = reference or dt.date.fromisoformat(rec["reference"])
    matches = shixian.extract(sentence, reference=ref)
    used: set[int] = set()
    for expression, expected, (start, end) in expressions(rec):
        hits = [m for m in matches if m.start < end and start < m.end]
        used.update(id(m) for m in hits)
        got = " | ".join(_shown(m) for m in hits)
        if not hits:
            errorish = any(r.strip() == "error" for r in expected.split(EITHER))
            status = FOUND if errorish else "not found"
            yield Outcome(sentence, expression, expected, status, (start, end), got)
            continue
        lo, hi = min(m.start for m in hits), max(m.end for m in hits)
        parts = tuple(
            attrs.evolve(p, span=(p.span[0] + m.start - lo, p.span[1] + m.start - lo))
            for m in hits
            for p in m.result.parts
        )
        unparsed = tuple(u for m in hits for u in m.result.unparsed)
        together = shixian.Normalized(sentence[lo:hi], ref, parts, unparsed)
        if judge(together, expected, check_trigger=False):
            status = "wrong meaning"
        elif _core(sentence, lo, hi) != _core(sentence, start, end):
            status = "wrong span"
        else:
            status = FOUND
        yield Outcome(sentence, expression, expected, status, (start, end), got)
    for m in matches:
        if id(m) not in used:
            yield Outcome(sentence, "", "", "extra", (m.start, m.end), _shown(m))


def score_all(rows: list[dict[str, str]] | None = None) -> list[Outcome]:
    """Every outcome of every harvested sentence."""
    return [o for rec in (rows if rows is not None else load()) for o in score(rec)]
