"""The built site, as a reader meets it: the home page leads with the table job and the
timeline, the timelines of both examples are there, the API reference lists every field
with its type, and the search index finds Chinese words (工作日)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import shixian
from shixian.api import Match

from .conftest import ROOT

pytest.importorskip("mkdocs")
pytest.importorskip("material")
pytest.importorskip("mkdocstrings")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_home_page_leads_with_the_table_job_and_the_timeline(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    body = page[page.index('<article class="md-content__inner') :]
    headings = re.findall(r"<h2[^>]*>(.*?)<", body)
    assert headings[:2] == ["The main job: a task table", "A picture of the plan"]
    first_code = re.search(r"<pre[^>]*>.*?<code>(.*?)</code>", body, re.S)
    assert first_code is not None
    command = "shixian table examples/guangdong_2016.csv --column 完成时限"
    assert command in _text(first_code.group(1))
    assert 'src="assets/timeline-guangdong_2016.svg"' in body


@pytest.mark.parametrize("name", ["guangdong_2016", "shenzhen_2016"])
def test_the_timelines_of_both_examples_are_drawn(site: Path, name: str) -> None:
    svg = (site / "assets" / f"timeline-{name}.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "推进权力清单和责任清单公开" in svg
    assert "as of 2016-09-01" in svg
    page = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert f'src="../assets/timeline-{name}.svg"' in page


def test_code_blocks_wrap_instead_of_being_cut(site: Path) -> None:
    css = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert re.search(r"pre > code \{[^}]*white-space: pre-wrap", css)
    assert 'href="stylesheets/extra.css"' in (site / "index.html").read_text(encoding="utf-8")


def _type_text(annotation: object) -> str:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return str(text).replace("dt.", "")


CLASSES = [
    shixian.Deadline,
    shixian.Window,
    shixian.Schedule,
    shixian.Relative,
    shixian.Pending,
    shixian.Ongoing,
    shixian.Normalized,
    shixian.Offset,
    shixian.StatuteRef,
    shixian.Occurrence,
    Match,
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_api_reference_lists_every_field_with_its_type(site: Path, cls: type) -> None:
    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    module = "shixian.api" if cls is Match else "shixian.model"
    start = page.index(f'id="{module}.{cls.__name__}"')
    # up to the next class's heading (its members' headings have a dot after the name)
    following = re.search(r'<h\d id="shixian\.(?:model|api)\.[A-Za-z]\w*"', page[start + 10 :])
    section = page[start : start + 10 + (following.start() if following else len(page))]
    table = section[section.index("Attributes") :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    documented = {}
    for row in rows:
        cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if len(cells) >= 2:
            documented[cells[0]] = cells[1].replace(" ", "")
    for field in attrs.fields(cls):
        assert field.name in documented, f"{cls.__name__}.{field.name} is not documented"
        wanted = _type_text(field.type).replace(" ", "")
        assert documented[field.name] == wanted, (cls.__name__, field.name)


def test_search_finds_chinese_words(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    found = set()
    for doc in index["docs"]:
        tokens = {t.lower() for t in separator.split(doc["title"] + " " + doc["text"]) if t}
        if "工作日" in tokens:
            found.add(doc["location"].split("#")[0])
    # the pages that explain working days are found by the word itself
    assert {"relative/", "statutes/"} <= found
    # and the words are cut from running text, not kept as whole sentences
    relative = next(d for d in index["docs"] if d["location"] == "relative/")
    assert "\u200b" in relative["text"]


def test_install_instructions_use_what_exists() -> None:
    """No page, docstring or error hint tells a reader to install from an index that
    does not have shixian: it is installed from the repository or a wheel."""
    wrong = re.compile(r"pip install\s+['\"]?shixian(?:\[|\b(?!\S*\.whl))")
    places = [*(ROOT / "docs").glob("*.md"), ROOT / "README.md", *(ROOT / "shixian").rglob("*.py")]
    found = []
    for path in places:
        if path.name in ("changelog.md",):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if wrong.search(line) and "would not install" not in line:
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []
