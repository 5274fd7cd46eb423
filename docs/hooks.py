"""MkDocs hook: pages that show data files render them at build time.

A page asks for generated content with a marker on a line of its own:

* ``<!-- corpus -->``: every row of every ``corpus/*.tsv`` file, grouped by file
  and ``group`` (phrase, reference, expected in the corpus notation);
* ``<!-- statutes -->``: the statutory time limits of ``shixian/calendar/data/statutes.tsv``;
* ``<!-- edges -->``: the fuzzy-edge conventions of ``shixian.grammar.anchors.EDGE_CONVENTIONS``;
* ``<!-- schema -->``: ``shixian/schema.json`` as a JSON code block;
* ``<!-- schema-fields -->``: a table of the fields of each part kind, from the schema;
* ``<!-- changelog -->``: ``CHANGELOG.md``;
* ``<!-- record-columns -->``: the columns of the flat record (``shixian.io.record.COLUMNS``).

Links from a page to repository files outside ``docs/`` (``../examples/README.md``)
become the file's repository path (or a link to ``repo_url`` when one is set).

The same file holds the Griffe extension ``MarkdownDocstrings`` (named in
``mkdocs.yml``), which shows the doctests and Sphinx roles of the docstrings as
Markdown code on the API page.

Nothing is fetched from the network and nothing is written to ``docs/``.
The functions are plain (no MkDocs objects) so that tests can call them.
"""

from __future__ import annotations

import csv
import html
import importlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STATUTES = ROOT / "shixian" / "calendar" / "data" / "statutes.tsv"
SCHEMA = ROOT / "shixian" / "schema.json"
CHANGELOG = ROOT / "CHANGELOG.md"

#: The order of the corpus files on the page; files not named here follow, by name.
CORPUS_ORDER = (
    "seed_cells.tsv",
    "seed_embedded.tsv",
    "calendar.tsv",
    "schedule.tsv",
    "relative.tsv",
    "negative.tsv",
)

_MARKER = re.compile(
    r"^<!--\s*(corpus|statutes|edges|schema|schema-fields|changelog|record-columns)\s*-->[ \t]*$",
    re.M,
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")
_URL = re.compile(r"https?://\S+")


# -- cells ------------------------------------------------------------------------------


def cell(text: str) -> str:
    """``text`` as the content of a Markdown table cell, shown literally.

    Markdown punctuation is backslash-escaped (``|`` above all, which would end
    the cell), ``&<>`` are escaped for HTML, and line breaks become ``<br>``.

    >>> print(cell("a|b *c* <d>"))
    a\\|b \\*c\\* &lt;d&gt;
    """
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "<br>".join(text.splitlines()) if "\n" in text else text


def code_cell(text: str) -> str:
    """``text`` as inline code in a table cell (``|`` still escaped, as tables need)."""
    if not text:
        return ""
    inner = html.escape(text, quote=False).replace("|", "&#124;")
    return f"<code>{inner}</code>"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


# -- corpus -----------------------------------------------------------------------------


def _tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The comment lines and the records of a corpus TSV file, cells verbatim.

    A literal ``\\n`` in a phrase stays as written: it is the corpus notation of
    a wrapped cell.
    """
    comments: list[str] = []
    body: list[str] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.startswith("#"):
                comments.append(line[1:].strip())
            elif line.strip():
                body.append(line)
    records = list(csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE))
    return comments, records


def corpus_files(corpus_dir: Path = CORPUS) -> list[Path]:
    """The corpus files, in page order."""
    found = {p.name: p for p in corpus_dir.glob("*.tsv")}
    first = [found.pop(name) for name in CORPUS_ORDER if name in found]
    return first + [found[name] for name in sorted(found)]


def corpus_records(corpus_dir: Path = CORPUS) -> list[tuple[str, list[str], list[dict[str, str]]]]:
    """``(file name, comment lines, records)`` of every corpus file."""
    out = []
    for path in corpus_files(corpus_dir):
        comments, records = _tsv(path)
        out.append((path.name, comments, records))
    return out


def _group_of(record: dict[str, str]) -> str:
    return record.get("group") or record.get("source") or ""


def _grouped(records: list[dict[str, str]]) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """Records by group, groups in order of first appearance, rows in file order."""
    groups: dict[str, list[dict[str, str]]] = {}
    for record in records:
        groups.setdefault(_group_of(record), []).append(record)
    yield from groups.items()


_FILE_NOTES = {
    "seed_cells.tsv": "Every distinct deadline cell of the two seed tables (the shared "
    "acceptance corpus). The group is the seed document.",
    "seed_embedded.tsv": "Time expressions inside the requirement prose of the seed "
    "tables, for `extract()`. `none`: the sentence holds no time expression.",
    "negative.tsv": "Text that must not be read as a time, and impossible dates: "
    "`normalize()` raises the error named.",
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def corpus_row_count(corpus_dir: Path = CORPUS) -> int:
    """The number of example rows in all corpus files (what :func:`render_corpus` shows)."""
    return sum(len(records) for _, _, records in corpus_records(corpus_dir))


def render_corpus(corpus_dir: Path = CORPUS) -> str:
    """Every corpus row as Markdown: a section per file, rows grouped by ``group``.

    The group's name is shown on its first row only, so each group reads as a block.
    """
    parts: list[str] = []
    for name, comments, records in corpus_records(corpus_dir):
        parts.append(f"### `{name}`\n")
        note = _FILE_NOTES.get(name) or " ".join(comments)
        groups = list(_grouped(records))
        if name == "negative.tsv" or "error" in (records[0] if records else {}):
            parts.append(f"{note}\n\n{_count(len(records), 'row')}.\n")
            errors = ([cell(r.get("phrase", "")), code_cell(r.get("error", ""))] for r in records)
            parts.append(_table(["phrase", "error"], errors) + "\n")
            continue
        counts = f"{_count(len(records), 'row')} in {_count(len(groups), 'group')}"
        parts.append(f"{note}\n\n{counts}.\n")
        embedded = bool(records) and "sentence" in records[0]
        header = ["group", "phrase", "reference", "expected"]
        if embedded:
            header = ["source", "sentence", "expression", "reference", "expected"]
        elif name.startswith("seed_"):
            header[0] = "source"
        rows: list[list[str]] = []
        for group, members in groups:
            for i, rec in enumerate(members):
                shown = code_cell(group) if i == 0 else ""
                phrase = cell(rec.get("expression") or rec.get("phrase") or "")
                row = [shown, phrase, cell(rec.get("reference", "")), code_cell(rec["expected"])]
                if embedded:
                    row.insert(1, cell(rec.get("sentence", "")))
                rows.append(row)
        parts.append(_table(header, rows) + "\n")
    return "\n".join(parts)


# -- statutes ---------------------------------------------------------------------------


def statute_records(path: Path = STATUTES) -> list[dict[str, str]]:
    """The rows of ``statutes.tsv`` as dicts (comments skipped, cells stripped)."""
    header: list[str] | None = None
    out: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header is None:
            header = fields
            continue
        out.append(dict(zip(header, fields, strict=True)))
    return out


_UNIT_WORDS = {"day": "days", "workday": "working days", "hour": "hours"}


def _limit(rec: dict[str, str]) -> str:
    if rec["unit"] == "date":
        month, day = rec["due_date"].split("-")
        return f"each year by {int(month)}-{int(day)}"
    return f"{rec['amount']} {_UNIT_WORDS.get(rec['unit'], rec['unit'])}"


def _source_label(url: str) -> str:
    """A short name for a source: ``owner/repo`` on GitHub, else the host."""
    parsed = urlsplit(url)
    host = parsed.netloc.removeprefix("www.")
    if host == "github.com":
        owner_repo = "/".join(parsed.path.strip("/").split("/")[:2])
        return owner_repo or host
    return host or url


def _sources(text: str) -> str:
    links = []
    for url in _URL.findall(text):
        href = html.escape(url, quote=True)
        links.append(f'<a href="{href}" title="{href}">{html.escape(_source_label(url))}</a>')
    return "<br>".join(links) or cell(text)


def _status(rec: dict[str, str]) -> str:
    """The status code; the row's note (its caveats) shows on hover."""
    note = rec.get("note", "")
    code = code_cell(rec["status"])
    if not note:
        return code
    return f'<span title="{html.escape(note, quote=True)}">{code}</span>'


def render_statutes(path: Path = STATUTES) -> str:
    """The statutory time limits as a Markdown table, one row per limit, with sources."""
    rows = []
    for rec in statute_records(path):
        until = rec.get("in_force_until") or "…"
        extension = rec.get("extension") or ""
        if extension:
            extension = f"+{extension}"
        rows.append(
            [
                code_cell(rec["id"]),
                cell(rec["law"]) + (f" {cell(rec['article'])}" if rec.get("article") else ""),
                cell(rec["version"]),
                f"{rec['in_force_from']} – {until}",
                cell(_limit(rec)) + (f" ({cell(extension)})" if extension else ""),
                cell(rec.get("trigger", "")),
                cell("、".join(t for t in rec.get("topic", "").split("|") if t)),
                cell(rec.get("quote", "")),
                _status(rec),
                _sources(rec.get("source", "")),
            ]
        )
    header = ["id", "law, article", "version", "in force", "limit (extension)",
              "from", "topics", "wording", "status", "source"]  # fmt: skip
    return _table(header, rows) + "\n"


# -- fuzzy edges ------------------------------------------------------------------------

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th")
_EDGE_ROWS = (
    ("year", "年", "年初", "年中", "年底, 年末"),
    ("half", "上半年, 下半年", "半年初", "半年中", "半年末"),
    ("quarter", "季度", "季初", "季中", "季末"),
    ("month", "月", "月初", "月中", "月底, 月末"),
)


def _edge_conventions() -> dict[str, dict[str, tuple[int, int | None]]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    anchors = importlib.import_module("shixian.grammar.anchors")
    conventions: dict[str, dict[str, tuple[int, int | None]]] = anchors.EDGE_CONVENTIONS
    return conventions


def _edge_cell(grain: str, first: int, last: int | None) -> str:
    if grain == "month":
        if last is None:
            return f"day {first} – the last day"
        return f"days {first} – {last}"
    if grain == "year":
        names = [_MONTH_NAMES[first - 1]]
        if last is not None and last != first:
            names.append(_MONTH_NAMES[last - 1])
        return " – ".join(names)
    months = [_ORDINALS[first - 1]]
    if last is not None and last != first:
        months.append(_ORDINALS[last - 1])
    return "–".join(months) + (" months" if len(months) > 1 else " month")


def render_edges() -> str:
    """The fuzzy-edge conventions as a table: which part of a period 初, 中, 底 mean."""
    conventions = _edge_conventions()
    rows = []
    for grain, period, begin, middle, end in _EDGE_ROWS:
        edges = conventions[grain]
        cells = [
            f"{cell(word)}: {_edge_cell(grain, *edges[edge])}"
            for word, edge in ((begin, "begin"), (middle, "middle"), (end, "end"))
        ]
        rows.append([f"{cell(period)} (`{grain}`)", *cells])
    header = ["period", "初 (begin)", "中 (middle)", "底, 末 (end)"]
    note = (
        "\nMonths of a half-year or quarter count from its first month "
        "(下半年初 = July, 三季度末 = September).\n"
    )
    return _table(header, rows) + "\n" + note


# -- schema -----------------------------------------------------------------------------


def load_schema(path: Path = SCHEMA) -> dict[str, Any]:
    """The JSON Schema of ``Normalized.to_dict()``."""
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def render_schema(path: Path = SCHEMA) -> str:
    """The schema file as a fenced JSON block."""
    return "```json\n" + path.read_text(encoding="utf-8").rstrip() + "\n```\n"


def _type_of(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if name in ("offset", "statute", "part"):
            return name
        return _type_of(target, defs)
    if "const" in node:
        return f'"{node["const"]}"'
    if "enum" in node:
        return " \\| ".join(f'"{v}"' if isinstance(v, str) else json.dumps(v) for v in node["enum"])
    if "oneOf" in node:
        return " or ".join(_type_of(sub, defs) for sub in node["oneOf"])
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "string" and node.get("format") == "date":
        return "date"
    if kind == "array":
        if "prefixItems" in node:
            return "[" + ", ".join(_type_of(i, defs) for i in node["prefixItems"]) + "]"
        return "array of " + _type_of(node.get("items", {}), defs)
    if kind == "integer" and ("minimum" in node or "maximum" in node):
        lo, hi = node.get("minimum"), node.get("maximum")
        if lo is not None and hi is not None:
            return f"integer {lo}–{hi}"
        return f"integer ≥ {lo}" if lo is not None else f"integer ≤ {hi}"
    return str(kind or "any")


def _description(node: dict[str, Any], defs: dict[str, Any]) -> str:
    if "description" in node:
        return str(node["description"])
    if "$ref" in node:
        return _description(defs.get(node["$ref"].rsplit("/", 1)[-1], {}), defs)
    return ""


_COMMON_KEYS = ("text", "span", "conditions", "year_inferred", "via")
_KINDS = ("deadline", "window", "schedule", "relative", "pending", "ongoing")


def _field_rows(node: dict[str, Any], defs: dict[str, Any], keys: Iterable[str]) -> list[list[str]]:
    required = set(node.get("required", ()))
    rows = []
    for name in keys:
        sub = node["properties"][name]
        shown = f"`{name}`" + ("" if name in required else " (optional)")
        rows.append([shown, _type_of(sub, defs), _description(sub, defs)])
    return rows


def render_schema_fields(path: Path = SCHEMA) -> str:
    """Tables of the fields of a result, a match, every part and each part kind,
    read from the schema's ``$defs``."""
    defs = load_schema(path)["$defs"]
    header = ["key", "type", "meaning"]
    result, match = defs["normalized"], defs["match"]
    kind_row = ["`kind`", " \\| ".join(f'"{k}"' for k in _KINDS), "Which of the six shapes below."]
    out = [
        "#### Result (`Normalized.to_dict()`)\n",
        _table(header, _field_rows(result, defs, result["properties"])) + "\n",
        "#### Match (`Match.to_dict()`, `#/$defs/match`)\n",
        "The result's keys, after these:\n",
        _table(header, _field_rows(match, defs, ("start", "end"))) + "\n",
        "#### Every part\n",
        _table(header, [kind_row, *_field_rows(defs["deadline"], defs, _COMMON_KEYS)]) + "\n",
    ]
    for kind in _KINDS:
        node = defs[kind]
        keys = [k for k in node["properties"] if k not in ("kind", *_COMMON_KEYS)]
        table = _table(header, _field_rows(node, defs, keys))
        out.append(f"#### `{kind}`\n\n{node.get('description', '')}\n\n{table}\n")
    for name in ("offset", "statute"):
        node = defs[name]
        table = _table(header, _field_rows(node, defs, node["properties"]))
        out.append(f"#### `{name}`\n\n{node.get('description', '')}\n\n{table}\n")
    return "\n".join(out)


# -- changelog --------------------------------------------------------------------------


def render_changelog(path: Path = CHANGELOG) -> str:
    """``CHANGELOG.md``, or a title and a note while it does not exist."""
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return "# Changelog\n\nNothing has been released yet.\n"


# -- the hook ---------------------------------------------------------------------------


def render_record_columns() -> str:
    """The columns of the flat record (``shixian.io.record.COLUMNS``): name, type, content."""
    from shixian.io.record import COLUMNS

    rows = ([code_cell(c.name), c.type, cell(c.doc)] for c in COLUMNS)
    return _table(["column", "type", "content"], rows)


_RENDERERS = {
    "record-columns": render_record_columns,
    "corpus": render_corpus,
    "statutes": render_statutes,
    "edges": render_edges,
    "schema": render_schema,
    "schema-fields": render_schema_fields,
    "changelog": render_changelog,
}


def expand(markdown: str) -> str:
    """Replace every marker in ``markdown`` by its generated content."""
    return _MARKER.sub(lambda m: _RENDERERS[m.group(1)](), markdown)


_REPO_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<target>\.\./[^)\s#]+)\)")


def repo_links(markdown: str, page_dir: Path, docs_dir: Path, repo_url: str | None = None) -> str:
    """Rewrite links from a page to repository files outside ``docs/``.

    Such links work when the Markdown is read on a code host, but the file is
    not part of the site. With a ``repo_url`` they point to the file there;
    without one the link text stays, followed by the file's repository path.
    Links to files that do not exist are left alone (MkDocs reports them).
    """
    root = docs_dir.resolve().parent

    def replace(match: re.Match[str]) -> str:
        target = (page_dir / match["target"]).resolve()
        if target.is_relative_to(docs_dir.resolve()) or not target.is_relative_to(root):
            return match[0]
        if not target.exists():
            return match[0]
        path = target.relative_to(root).as_posix()
        if repo_url:
            return f"[{match['text']}]({repo_url.rstrip('/')}/blob/HEAD/{path})"
        if path in match["text"]:
            return match["text"]
        return f"{match['text']} (`{path}` in the source repository)"

    return _REPO_LINK.sub(replace, markdown)


def on_page_markdown(markdown: str, *, page: Any, config: Any, **kwargs: Any) -> str:
    """MkDocs event: expand the markers of a page, fix links into the repository."""
    docs_dir = Path(config["docs_dir"])
    page_dir = (docs_dir / page.file.src_uri).parent
    return repo_links(expand(markdown), page_dir, docs_dir, config.get("repo_url"))


# -- docstrings -------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")


def fence_doctests(text: str) -> str:
    """Put the doctest examples (``>>>`` lines and their output) of a docstring in
    ``pycon`` code fences, so that Markdown shows them as code.

    ``"Sum.\\n\\n>>> 1 + 1\\n2\\n\\nMore."`` becomes the same text with the two
    example lines between a ```` ```pycon ```` line and a ```` ``` ```` line. A
    block ends at the first blank line; text already in a fence is left alone.
    """
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            in_fence = not in_fence
        stripped = line.lstrip()
        if in_fence or not (stripped == ">>>" or stripped.startswith(">>> ")):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(stripped)]
        out.append(f"{indent}```pycon")
        while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
            out.append(lines[i])
            i += 1
        out.append(f"{indent}```")
    return "\n".join(out)


_RST_ROLE = re.compile(r":(?:class|meth|func|data|attr|mod|exc|obj):`~?(?P<target>[^`]+)`")


def rst_roles(text: str) -> str:
    """Sphinx roles as Markdown code: ``:class:`~shixian.model.Window``` becomes
    ```Window```, ``:func:`normalize``` becomes ```normalize()```.

    The docstrings are also read by ``help()``, where the roles are harmless.
    """

    def replace(match: re.Match[str]) -> str:
        whole = match[0]
        target = match["target"]
        if "~" in whole.split("`", 1)[1][:1]:
            target = target.rsplit(".", 1)[-1]
        if whole.startswith((":func:", ":meth:")) and not target.endswith(")"):
            target += "()"
        return f"`{target}`"

    return _RST_ROLE.sub(replace, text)


try:
    import griffe
except ImportError:  # the docs extra is not installed: the hook functions still work
    griffe = None  # type: ignore[assignment]

if griffe is not None:

    class MarkdownDocstrings(griffe.Extension):
        """Griffe extension (see ``mkdocs.yml``): docstrings written for ``help()``
        and doctest, shown as Markdown — doctests as code, Sphinx roles as code."""

        def on_object(self, *, obj: Any, **kwargs: Any) -> None:
            docstring = getattr(obj, "docstring", None)
            if docstring is None:
                return
            value = rst_roles(docstring.value)
            if ">>>" in value:
                value = fence_doctests(value)
            docstring.value = value
