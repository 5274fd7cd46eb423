"""MkDocs hook: draw the timelines of the example tables into the site at build time.

``docs/timeline.md`` and the home page show ``assets/timeline-<example>.svg``; the
pictures come from ``shixian timeline``'s own layout and SVG drawing (with the
shipped CJK font embedded when fontTools is installed), so they are never stale.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("guangdong_2016", "shenzhen_2016")
REFERENCE = dt.date(2016, 5, 1)
AS_OF = dt.date(2016, 9, 1)


def timeline_svg(name: str) -> str:
    """The timeline of ``examples/<name>.csv`` as the docs show it."""
    from shixian.io.annotate import PhraseCache, annotate
    from shixian.io.tables import read_table
    from shixian.io.timeline import Row, plan_of, scene
    from shixian.io.timeline_draw import to_svg

    table = read_table(ROOT / "examples" / f"{name}.csv")
    phrase = table.column_index("完成时限")
    title = table.column_index("工作任务")
    group = table.column_index("牵头单位")
    cache = PhraseCache(REFERENCE)
    rows = []
    for number, (row, note) in enumerate(
        zip(table.rows, annotate(table.column("完成时限"), REFERENCE, cache=cache), strict=True), 1
    ):
        result = cache.get(row[phrase]) if note.ok else None
        rows.append(
            Row(
                number,
                row[title],
                row[group],
                row[phrase],
                None if isinstance(result, Exception) else result,
                note.error,
            )
        )
    plan = plan_of(rows, AS_OF, name=name)
    return to_svg(scene(plan, width=1000, grouped=True))  # fits the page without its TOC


_REPR = re.compile(r"<!-- repr-html: (.+?) \| (\S+?)(?: \| part)? -->")


def on_page_markdown(markdown: str, *, page: Any, config: Any, **kwargs: Any) -> str:
    """Put the notebook view of a phrase where ``<!-- repr-html: PHRASE | REF -->`` stands
    (``… | part -->``: of its first part), as a notebook shows it."""
    import shixian

    def html(found: re.Match[str]) -> str:
        result = shixian.normalize(found.group(1), reference=found.group(2))
        shown = result.parts[0] if found.group(0).endswith("| part -->") else result
        return '<div class="repr-html">' + shown._repr_html_() + "</div>"

    return _REPR.sub(html, markdown)


def on_files(files: Any, *, config: Any) -> Any:
    """Add the generated pictures to the site's files."""
    from mkdocs.structure.files import File

    for name in EXAMPLES:
        svg = timeline_svg(name)
        files.append(File.generated(config, f"assets/timeline-{name}.svg", content=svg))
    return files
