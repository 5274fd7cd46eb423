"""The blind evaluation set (corpus/real/blind/): real phrases from pages nobody on the
team had used, annotated by hand before the library ran on them. It measures accuracy
(benchmarks/bench_accuracy.py) and is no test of meaning; here only that every row is
well formed and that no row gives anything but a result or a documented error."""

from __future__ import annotations

import pytest

import shixian
from shixian.io.corpus import CorpusRow, load, parse_expected

from .conftest import CORPUS

ROWS = load(CORPUS / "real" / "blind" / "blind.tsv")


def test_the_set_is_there() -> None:
    assert len(ROWS) >= 270


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.phrase[:30])
def test_row_is_well_formed_and_never_crashes(row: CorpusRow) -> None:
    assert row.group.startswith(("http://", "https://"))  # the page it comes from
    assert parse_expected(row.expected)
    try:
        result = shixian.normalize(row.phrase, reference=row.reference)
    except shixian.ShixianError:
        return
    assert result.parts
