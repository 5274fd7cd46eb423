"""The documentation: it builds without warnings, shows every corpus row, and its
examples run as printed."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import shixian
from shixian.api import parse_reference
from shixian.calendar import statutes
from shixian.io.corpus import load

from .conftest import CORPUS, ROOT

DOCS = ROOT / "docs"

#: Pages whose ```pycon blocks are run as doctests (one namespace per page).
EXAMPLE_PAGES = (
    "tables.md",
    "index.md",
    "getting-started.md",
    "deadlines.md",
    "windows.md",
    "schedules.md",
    "relative.md",
    "statutes.md",
    "pending.md",
    "ongoing.md",
    "extract.md",
    "schema.md",
    "notebooks.md",
    "workdays.md",
)


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shixian_docs_hooks", DOCS / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = _hooks()


def _data_lines(path: Path) -> list[str]:
    """A corpus file's rows, counted from the raw lines (header and comments left out)."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return lines[1:]


# -- the build --------------------------------------------------------------------------


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    pytest.importorskip("mkdocstrings")
    pytest.importorskip("mkdocstrings_handlers.python")
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), "-f", "mkdocs.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    for page in ("semantics", "statutes", "schema", "changelog", "api", "cli", "performance"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<!-- corpus -->" not in html and "<!-- statutes -->" not in html, page
    semantics = (site / "semantics" / "index.html").read_text(encoding="utf-8")
    assert "2016年7月底前" in semantics and "加强省长网上信箱留言受理与回应" in semantics
    assert "B1" in (site / "statutes" / "index.html").read_text(encoding="utf-8")
    assert "$defs" in (site / "schema" / "index.html").read_text(encoding="utf-8")
    assert "shixian.api.normalize" in (site / "api" / "index.html").read_text(encoding="utf-8")
    offline = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in offline


# -- generated content ------------------------------------------------------------------


def test_every_corpus_file_is_on_the_page() -> None:
    shown = [path.name for path in hooks.corpus_files(CORPUS)]
    assert sorted(shown) == sorted(path.name for path in CORPUS.glob("*.tsv"))
    markdown = hooks.render_corpus(CORPUS)
    for name in shown:
        assert f"### `{name}`" in markdown


def test_semantics_page_shows_every_corpus_row() -> None:
    """The hook renders one table row per corpus row, and nothing else in its tables."""
    markdown = hooks.render_corpus(CORPUS)
    table_lines = [line for line in markdown.splitlines() if line.startswith("|")]
    tables = markdown.count("\n| --- |") + markdown.startswith("| --- |")
    rows = len(table_lines) - 2 * tables
    expected = sum(len(_data_lines(path)) for path in CORPUS.glob("*.tsv"))
    assert rows == expected
    assert hooks.corpus_row_count(CORPUS) == expected


def test_every_example_phrase_is_a_corpus_phrase_and_back() -> None:
    markdown = hooks.render_corpus(CORPUS)
    cells = {
        cell.strip()
        for line in markdown.splitlines()
        if line.startswith("|")
        for cell in re.split(r"(?<!\\)\|", line)[1:-1]
    }
    for path in CORPUS.glob("*.tsv"):
        for line in _data_lines(path):
            fields = line.split("\t")
            phrase = fields[2] if path.name == "seed_embedded.tsv" else fields[1]
            if path.name == "negative.tsv":
                phrase = fields[0]
            assert hooks.cell(phrase) in cells, (path.name, phrase)


def test_wrapped_cell_keeps_its_notation() -> None:
    assert hooks.cell("2016年7月\\n2017年1月") == "2016年7月\\\\n2017年1月"
    assert hooks.cell("a|b") == "a\\|b"


def test_statute_table_lists_every_rule() -> None:
    markdown = hooks.render_statutes()
    rows = [line for line in markdown.splitlines() if line.startswith("| <code>")]
    assert len(rows) == len(statutes.rules())
    for rule in statutes.rules():
        assert f"<code>{rule.id}</code>" in markdown
    assert "https://github.com/LawRefBook/Laws" in markdown


def test_edge_table_follows_the_conventions() -> None:
    markdown = hooks.render_edges()
    assert "年初: January – March" in markdown
    assert "月底, 月末: day 21 – the last day" in markdown
    assert "季末: 3rd month" in markdown


def test_markers_are_expanded() -> None:
    for page in ("semantics.md", "statutes.md", "schema.md", "changelog.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        assert "<!--" in text, page
        expanded = hooks.expand(text)
        assert not re.search(r"<!--\s*(corpus|statutes|edges|schema|changelog)", expanded), page


def test_repo_links_point_outside_the_site() -> None:
    text = "see [`examples/README.md`](../examples/README.md) and [x](../missing.md)"
    out = hooks.repo_links(text, DOCS, DOCS)
    assert out.startswith("see `examples/README.md` and")
    assert "[x](../missing.md)" in out
    linked = hooks.repo_links(text, DOCS, DOCS, "https://example.org/shixian")
    assert "(https://example.org/shixian/blob/HEAD/examples/README.md)" in linked


def test_doctests_in_docstrings_are_fenced() -> None:
    text = "Summary.\n\n>>> 1 + 1\n2\n\nArgs:\n    x: y\n\n    >>> f(x)\n    3\n"
    fenced = hooks.fence_doctests(text)
    assert fenced.count("```pycon") == 2
    assert "    ```pycon\n    >>> f(x)\n    3\n    ```" in fenced
    assert hooks.fence_doctests(fenced) == fenced


def test_sphinx_roles_become_code() -> None:
    text = "see :class:`~shixian.errors.InvalidDate` and :func:`normalize`, :data:`MAX`"
    assert hooks.rst_roles(text) == "see `InvalidDate` and `normalize()`, `MAX`"


# -- the examples on the pages ----------------------------------------------------------

_PYCON = re.compile(r"^```pycon\n(.*?)^```$", re.S | re.M)


def _corpus_calls() -> tuple[set[tuple[str, dt.date]], set[str]]:
    pairs = {
        (row.phrase, row.reference)
        for path in CORPUS.glob("*.tsv")
        if path.name not in ("negative.tsv", "seed_embedded.tsv")
        for row in load(path)
    }
    pairs |= {(row.phrase, row.reference) for row in load(CORPUS / "seed_embedded.tsv")}
    negative = {line.split("\t")[0] for line in _data_lines(CORPUS / "negative.tsv")}
    return pairs, negative


def _blocks(page: str) -> Iterator[str]:
    yield from _PYCON.findall((DOCS / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", EXAMPLE_PAGES)
def test_page_examples_run_as_printed(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```pycon block of the page is a doctest; every phrase it normalizes is a
    corpus phrase (with the row's reference), so the examples are tested meanings."""
    blocks = list(_blocks(page))
    assert blocks, f"{page} has no examples"
    calls: list[tuple[str, Any]] = []
    normalize = shixian.normalize

    def recording(text: str, reference: Any = None, **kwargs: Any) -> Any:
        calls.append((text, reference))
        return normalize(text, reference, **kwargs)

    monkeypatch.setattr(shixian, "normalize", recording)
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, page, str(DOCS / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)

    pairs, negative = _corpus_calls()
    strays = [
        (text, reference)
        for text, reference in calls
        if (text, parse_reference(reference)) not in pairs and text not in negative
    ]
    assert strays == [], f"{page} normalizes phrases that are not corpus rows"
