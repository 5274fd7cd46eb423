"""The corpus is the test suite: every row of every corpus file, each its own test."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

import shixian
from shixian.io.corpus import CorpusRow, compare, judge, load, parse_expected

from .conftest import CORPUS, SHARED_CORPUS

PROJECT_FILES = sorted(
    p for p in CORPUS.glob("*.tsv") if not p.name.startswith(("seed_", "negative"))
)
SEED_CELLS = load(CORPUS / "seed_cells.tsv")
PROJECT_ROWS = [row for path in PROJECT_FILES for row in load(path)]


def _id(row: CorpusRow) -> str:
    return f"{row.phrase}@{row.reference}"


@pytest.mark.parametrize("row", SEED_CELLS, ids=_id)
def test_seed_cell(row: CorpusRow) -> None:
    result = shixian.normalize(row.phrase, reference=row.reference)
    assert compare(result, row.expected) == []


@pytest.mark.parametrize("row", PROJECT_ROWS, ids=_id)
def test_project_corpus(row: CorpusRow) -> None:
    """Every row has its meaning, explains every time word it holds (unless marked
    ``incomplete``), or raises the documented error its row says (``error``)."""
    outcome: shixian.Normalized | Exception
    try:
        outcome = shixian.normalize(row.phrase, reference=row.reference)
    except shixian.ShixianError as exc:
        outcome = exc
    assert judge(outcome, row.expected, check_complete=True) == []


def _embedded_rows() -> list[dict[str, str]]:
    with open(CORPUS / "seed_embedded.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


EMBEDDED = _embedded_rows()


@pytest.mark.parametrize(
    "row",
    [r for r in EMBEDDED if r["expected"] != "none"],
    ids=lambda r: r["expression"],
)
def test_embedded_expression_alone(row: dict[str, str]) -> None:
    """Each expression of the prose, given alone, has the expected meaning.

    Its trigger event is checked only where the expression itself names it.
    """
    result = shixian.normalize(row["expression"], reference=row["reference"])
    wanted = parse_expected(row["expected"])
    names_event = all(p.fields.get("after", "") in row["expression"] for p in wanted)
    assert compare(result, row["expected"], check_trigger=names_event) == []


@pytest.mark.parametrize("row", EMBEDDED, ids=lambda r: f"{r['sentence'][:20]}|{r['expression']}")
def test_embedded_extraction(row: dict[str, str]) -> None:
    """extract() finds each expression at its place, with the sentence's trigger."""
    matches = shixian.extract(row["sentence"], reference=row["reference"])
    if row["expected"] == "none":
        assert matches == []
        return
    start = row["sentence"].index(row["expression"])
    end = start + len(row["expression"])
    overlapping = [m for m in matches if m.start < end and start < m.end]
    assert overlapping, f"nothing found at {row['expression']!r}: {[m.text for m in matches]}"
    problems = [compare(m.result, row["expected"]) for m in overlapping]
    assert [] in problems, problems


def test_seed_copies_match_shared_corpus() -> None:
    """The copies in corpus/ are the shared acceptance corpus, unchanged."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("shared/ is not beside this checkout")
    for name in ("seed_cells.tsv", "seed_embedded.tsv"):
        assert (CORPUS / name).read_bytes() == (SHARED_CORPUS / name).read_bytes()


def test_corpus_is_large_enough() -> None:
    assert len(PROJECT_ROWS) >= 290
    assert len({(row.phrase, row.reference) for row in PROJECT_ROWS}) == len(PROJECT_ROWS)


def _negative_rows() -> list[dict[str, str]]:
    with open(CORPUS / "negative.tsv", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


NEGATIVE = _negative_rows()


@pytest.mark.parametrize("row", NEGATIVE, ids=lambda r: r["phrase"])
def test_negative_corpus(row: dict[str, str]) -> None:
    """Text that holds no time, or an impossible one, raises the documented error."""
    error = getattr(shixian, row["error"])
    with pytest.raises(error) as info:
        shixian.normalize(row["phrase"], reference=dt.date(2016, 5, 1))
    assert row["phrase"] in str(info.value)
