"""Draw a timeline :class:`~shixian.io.timeline.Scene`: SVG and a self-contained HTML page
(no dependency), or PNG through matplotlib (the ``timeline`` extra).

Chinese text renders everywhere: the HTML and SVG embed a font with just the
glyphs they use (a subset of the shipped font, when ``fontTools`` is installed,
else they name the usual CJK fonts), and the PNG is drawn with the shipped font.
"""

from __future__ import annotations

import html
import os
from typing import IO

from .cjkfont import FAMILY, font_path, woff_data_url
from .tables import import_extra
from .timeline import Box, Label, Line, Mark, Plan, Scene, Shape

__all__ = ["FORMATS", "to_html", "to_png", "to_svg"]

#: The picture formats, by file extension.
FORMATS: tuple[str, ...] = ("html", "svg", "png")

_FALLBACK = (
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"
)


def _text_of(scene: Scene) -> str:
    return "".join(s.text for s in scene.shapes if isinstance(s, Label)) + scene.title


def _font_face(text: str) -> str:
    url = woff_data_url(text)
    if url is None:
        return ""
    return f"@font-face {{ font-family: '{FAMILY}'; src: url({url}) format('woff'); }}\n"


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _shape_svg(shape: Shape) -> str:
    if isinstance(shape, Box):
        tip = f"<title>{html.escape(shape.tip)}</title>" if shape.tip else ""
        return (
            f'<rect x="{_num(shape.x)}" y="{_num(shape.y)}" width="{_num(shape.w)}" '
            f'height="{_num(shape.h)}" rx="2" fill="{shape.fill}" stroke="{shape.stroke}">'
            f"{tip}</rect>"
        )
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="5 4"' if shape.dashed else ""
        return (
            f'<line x1="{_num(shape.x1)}" y1="{_num(shape.y1)}" x2="{_num(shape.x2)}" '
            f'y2="{_num(shape.y2)}" stroke="{shape.color}" stroke-width="{_num(shape.width)}"'
            f"{dash}/>"
        )
    if isinstance(shape, Mark):
        tip = f"<title>{html.escape(shape.tip)}</title>" if shape.tip else ""
        if shape.shape == "dot":
            return (
                f'<circle cx="{_num(shape.x)}" cy="{_num(shape.y)}" r="{_num(shape.r)}" '
                f'fill="{shape.fill}" stroke="{shape.stroke}">{tip}</circle>'
            )
        x, y, r = shape.x, shape.y, shape.r
        points = f"{_num(x)},{_num(y - r)} {_num(x + r)},{_num(y)} {_num(x)},{_num(y + r)} " + (
            f"{_num(x - r)},{_num(y)}"
        )
        return (
            f'<polygon points="{points}" fill="{shape.fill}" stroke="{shape.stroke}" '
            f'stroke-width="1.2">{tip}</polygon>'
        )
    weight = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text x="{_num(shape.x)}" y="{_num(shape.y)}" font-size="{_num(shape.size)}" '
        f'fill="{shape.color}" text-anchor="{shape.anchor}"{weight}>'
        f"{html.escape(shape.text)}</text>"
    )


def to_svg(scene: Scene, *, embed_font: bool = True, standalone: bool = True) -> str:
    """The scene as an SVG document (``standalone``) or an ``<svg>`` element for a page."""
    style = _font_face(_text_of(scene)) if embed_font else ""
    style += f"text {{ font-family: '{FAMILY}', {_FALLBACK}; }}"
    body = "\n".join(_shape_svg(s) for s in scene.shapes)
    w, h = _num(scene.width), _num(scene.height)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label="{_attr(scene.title)}">\n'
        f"<style>{style}</style>\n"
        f'<rect width="{w}" height="{h}" fill="white"/>\n{body}\n</svg>\n'
    )


def to_html(plan: Plan, scene: Scene) -> str:
    """A page holding the picture and the rows listed apart; it needs no network to open."""
    rows = "\n".join(
        f"<tr><td>{a.number}</td><td>{html.escape(a.title)}</td><td>{html.escape(a.phrase)}"
        f"</td><td>{html.escape(a.kind)}</td><td>{html.escape(a.reading)}</td></tr>"
        for a in plan.apart
    )
    text = _text_of(scene) + "".join(a.title + a.phrase + a.reading + a.kind for a in plan.apart)
    table = (
        "<h2>Not on the time axis</h2>\n<table>\n<thead><tr><th>row</th><th>task</th>"
        f"<th>phrase</th><th>kind</th><th>reading</th></tr></thead>\n<tbody>\n{rows}\n"
        "</tbody>\n</table>\n"
        if plan.apart
        else ""
    )
    title = html.escape(scene.title)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="shixian">
<title>{title}</title>
<style>
{_font_face(text + "row task phrase kind reading Not on the time axis")}
body {{ font-family: '{FAMILY}', {_FALLBACK}; margin: 16px; color: #222; }}
.chart svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; font-size: 13px; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
</style>
</head>
<body>
<div class="chart">
{to_svg(scene, embed_font=False, standalone=False)}</div>
{table}</body>
</html>
"""


def to_png(
    scene: Scene,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    dpi: int = 110,
    font: str | os.PathLike[str] | None = None,
) -> None:
    """Draw the scene with matplotlib and the shipped CJK font (or ``font``); write a PNG.

    A path is written atomically (:func:`shixian.io.safety.atomic_file`: a temporary
    file in the same folder renamed into place, so a failed drawing leaves an old file
    intact); ``shixian timeline`` also refuses to write over its input or, without
    ``--force``, over an existing file.
    """
    if not hasattr(out, "write"):
        from .safety import atomic_file

        with atomic_file(out) as handle:
            to_png(scene, handle, dpi=dpi, font=font)
        return
    matplotlib = import_extra("matplotlib", "timeline", "drawing a PNG timeline")
    matplotlib.use("Agg", force=False)
    figure_module = import_extra("matplotlib.figure", "timeline", "drawing a PNG timeline")
    patches = import_extra("matplotlib.patches", "timeline", "drawing a PNG timeline")
    font_manager = import_extra("matplotlib.font_manager", "timeline", "drawing a PNG timeline")
    properties = font_manager.FontProperties(fname=str(font or font_path()))
    scale = 72.0 / dpi  # scene pixels → points
    figure = figure_module.Figure(figsize=(scene.width / dpi, scene.height / dpi), dpi=dpi)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, scene.width)
    axes.set_ylim(scene.height, 0)
    axes.set_axis_off()
    for z, shape in enumerate(scene.shapes):  # later shapes on top, as in the SVG
        if isinstance(shape, Box):
            edge = None if shape.stroke == "none" else shape.stroke
            axes.add_patch(
                patches.Rectangle(
                    (shape.x, shape.y), shape.w, shape.h, facecolor=shape.fill,
                    edgecolor=edge, linewidth=0.0 if edge is None else 1.0, zorder=z,
                )
            )  # fmt: skip
        elif isinstance(shape, Line):
            axes.plot(
                [shape.x1, shape.x2], [shape.y1, shape.y2], color=shape.color,
                linewidth=shape.width * scale * 1.4, linestyle=(0, (5, 4)) if shape.dashed else "-",
                zorder=z,
            )  # fmt: skip
        elif isinstance(shape, Mark):
            marker = "o" if shape.shape == "dot" else "D"
            size = shape.r * (2.0 if shape.shape == "dot" else 1.45) * scale
            axes.plot(
                [shape.x], [shape.y], marker=marker, markersize=size, markerfacecolor=shape.fill,
                markeredgecolor=shape.stroke, markeredgewidth=0.8, linestyle="none", zorder=z,
            )  # fmt: skip
        else:
            axes.text(
                shape.x, shape.y, shape.text, fontproperties=properties,
                fontsize=shape.size * scale,
                color=shape.color, ha={"start": "left", "end": "right"}.get(shape.anchor, "center"),
                va="baseline", fontweight="bold" if shape.bold else "normal", zorder=z,
            )  # fmt: skip
    figure.savefig(out, format="png", dpi=dpi, facecolor="white")
