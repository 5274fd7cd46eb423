"""The blind evaluation sets (corpus/real/blind/, blind2/ … blind9/): real phrases
from pages nobody on the team had used, annotated by hand before the library ran on them.
They measure accuracy (benchmarks/bench_accuracy.py) and are no test of meaning; here
only that every row is well formed and that no row gives anything but a result or a
documented error."""

from __future__ import annotations

import pytest

import shixian
from shixian.io.corpus import CorpusRow, load, parse_expected

from .conftest import CORPUS

FIRST = load(CORPUS / "real" / "blind" / "blind.tsv")
SECOND = load(CORPUS / "real" / "blind2" / "blind2.tsv")
#: the sets harvested on 2026-12-02, in two halves each (table cells and timetables; prose)
LATER = {
    name: load(CORPUS / "real" / name / f"{name}a.tsv")
    + load(CORPUS / "real" / name / f"{name}b.tsv")
    for name in ("blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9")
}
ROWS = FIRST + SECOND + [row for rows in LATER.values() for row in rows]


def test_the_sets_are_there() -> None:
    assert len(FIRST) >= 270
    assert len(SECOND) >= 300
    assert len({row.group for row in SECOND}) >= 120  # distinct source pages


def test_the_second_set_shares_no_page_with_the_first() -> None:
    assert not {row.group for row in FIRST} & {row.group for row in SECOND}


def test_the_later_sets_share_no_page_with_any_other() -> None:
    sets = [FIRST, SECOND, *LATER.values()]
    pages = [{row.group for row in rows} for rows in sets]
    for i, one in enumerate(pages):
        assert len(one) >= 85 or i < 2  # blind9: 87 pages (many hits were used already)
        for other in pages[i + 1 :]:
            assert not one & other


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.phrase[:30])
def test_row_is_well_formed_and_never_crashes(row: CorpusRow) -> None:
    assert row.group.startswith(("http://", "https://"))  # the page it comes from
    assert parse_expected(row.expected)
    try:
        result = shixian.normalize(row.phrase, reference=row.reference)
    except shixian.ShixianError:
        return
    assert result.parts


def _builder() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_blind", CORPUS / "real" / "build_blind.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name",
    ["blind2/blind2", *(f"{s}/{s}{half}" for s in LATER for half in "ab")],
)
def test_a_frozen_set_is_what_its_working_file_builds(name: str) -> None:
    """The TSV on disk is exactly what corpus/real/build_blind.py writes from the working
    file beside it (so the annotations read are the harvester's, and the checks of the
    build hold: notation, addresses, claimed pages, at most 6 rows a page)."""
    text, rows, pages = _builder().build(name)  # type: ignore[attr-defined]
    assert (CORPUS / "real" / f"{name}.tsv").read_text(encoding="utf-8") == text
    assert rows >= 150 and pages >= 40
