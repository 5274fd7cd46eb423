"""``shixian timeline``: the plan on a time axis, from both example tables, as HTML, SVG
and PNG — with Chinese glyphs, not boxes, on a machine with no CJK font of its own."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from shixian.cli import main
from shixian.io.cjkfont import font_path, missing
from shixian.io.timeline import Box, Label, Mark, Row, plan_of, scene
from shixian.model import Deadline, Normalized, Pending, Relative, Schedule, Window
from shixian.model.base import Offset

from .test_cli import EXAMPLES, REF

EXAMPLE_NAMES = ("guangdong_2016", "shenzhen_2016")
AS_OF = "2016-09-01"
REFERENCE = dt.date(2016, 5, 1)


def _result(*parts: Any) -> Normalized:
    return Normalized("…", REFERENCE, tuple(parts))


def _rows() -> list[Row]:
    window = Window(text="全年", span=(0, 2), start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31))
    early = Deadline(text="7月底前", span=(0, 5), due=dt.date(2016, 7, 31))
    late = Deadline(
        text="2016年12月前",
        span=(0, 9),
        due=dt.date(2016, 12, 31),
        ambiguous=True,
        alternatives=(dt.date(2016, 11, 30),),
    )
    quarterly = Schedule(text="每季度", span=(0, 3), every="quarter")
    relative = Relative(text="收到后3日内", span=(0, 6), offset=Offset(3), trigger="收到")
    return [
        Row(1, "公开目录", "省政府办公厅，各市", "全年工作", _result(window)),
        Row(2, "公开预算", "省财政厅", "7月底前", _result(early)),
        Row(3, "公开决算", "省财政厅", "2016年12月前", _result(late)),
        Row(4, "公开统计", "省统计局", "每季度", _result(quarterly)),
        Row(5, "转发文件", "省税务局", "收到后3日内", _result(relative)),
        Row(6, "待定事项", "", "待国家批准", _result(Pending(text="待", span=(0, 1)))),
        Row(7, "无法识别", "", "加强", None, "no time expression understood in '加强'"),
    ]


def test_plan_places_each_kind() -> None:
    plan = plan_of(_rows(), dt.date(2016, 9, 1), name="plan")
    on_axis = {item.number: item for item in plan.items}
    assert sorted(on_axis) == [1, 2, 3, 4]
    assert on_axis[1].bars == ((dt.date(2016, 1, 1), dt.date(2016, 12, 31), False),)
    # due 2016-07-31, before the as-of day 2016-09-01: overdue
    assert on_axis[2].marks == ((dt.date(2016, 7, 31), True, ()),)
    assert on_axis[3].marks == ((dt.date(2016, 12, 31), False, (dt.date(2016, 11, 30),)),)
    # the quarter ends of 2016 inside the view 2016-01-01 … 2016-12-31
    assert on_axis[4].ticks == (
        dt.date(2016, 3, 31),
        dt.date(2016, 6, 30),
        dt.date(2016, 9, 30),
        dt.date(2016, 12, 31),
    )
    assert [(a.number, a.kind) for a in plan.apart] == [
        (5, "relative"),
        (6, "pending"),
        (7, "error"),
    ]
    assert (plan.start, plan.end) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert plan.overdue == 1


def test_view_covers_a_near_as_of_day_and_not_a_far_one() -> None:
    rows = _rows()[:3]
    near = plan_of(rows, dt.date(2017, 2, 10))
    assert (near.start, near.end) == (dt.date(2016, 1, 1), dt.date(2017, 2, 28))
    far = plan_of(rows, dt.date(2026, 12, 1))
    assert (far.start, far.end) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert far.overdue == 3  # everything was due before 2026


def test_scene_draws_what_the_plan_holds() -> None:
    plan = plan_of(_rows(), dt.date(2016, 9, 1), name="plan")
    drawn = scene(plan, grouped=True)
    labels = [s.text for s in drawn.shapes if isinstance(s, Label)]
    assert "as of 2016-09-01" in labels
    assert "Not on the time axis" in labels
    assert {"省政府办公厅", "省财政厅", "省统计局"} <= set(labels)  # group headings: first unit
    diamonds = [s for s in drawn.shapes if isinstance(s, Mark) and s.shape == "diamond"]
    dots = [s for s in drawn.shapes if isinstance(s, Mark) and s.shape == "dot"]
    # two deadlines and one other reading, plus the legend's three diamonds
    assert len(diamonds) == 3 + 3
    assert len(dots) == 4 + 1
    bars = [s for s in drawn.shapes if isinstance(s, Box) and s.tip]
    assert len(bars) == 1 and bars[0].w > 0.9 * (drawn.width - 330 - 16)
    assert all(0 <= s.x <= drawn.width for s in drawn.shapes if isinstance(s, Label | Mark))


def _timeline(tmp_path: Path, name: str, suffix: str, *extra: str) -> Path:
    out = tmp_path / f"{name}.{suffix}"
    argv = ["timeline", str(EXAMPLES / f"{name}.csv"), "-c", "完成时限", "-t", "工作任务"]
    code = main([*argv, "-r", REF, "--as-of", AS_OF, "-o", str(out), "-q", *extra])
    assert code == 0
    return out


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_html_is_self_contained(tmp_path: Path, name: str) -> None:
    page = _timeline(tmp_path, name, "html", "-g", "牵头单位").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # nothing to fetch: the only address is the SVG namespace, the font is inline
    outside = re.sub(r"data:[^)\"']*", "", page)
    addresses = set(re.findall(r"(?:https?:)?//[^\s\"')]+", outside))
    assert not re.search(r"<(?:script|link|img|iframe)\b", outside)
    assert addresses == {"http://www.w3.org/2000/svg"}
    assert "@font-face" in page and "url(data:font/woff;base64," in page
    assert "推进权力清单和责任清单公开" in page  # row 1 of both tables
    assert "as of 2016-09-01" in page


def test_svg_and_the_rows_listed_apart(tmp_path: Path) -> None:
    svg = _timeline(tmp_path, "guangdong_2016", "svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    # row 29 收到国家税收政策文件后及时转发 has no day of its own: listed apart
    assert "Not on the time axis" in svg and "收到国家税收政策文件后及时转发" in svg


def _glyph(text: str, font: Path | None) -> Any:
    """``text`` drawn alone at 40 px, as an array of grey levels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    np = pytest.importorskip("numpy")
    figure = Figure(figsize=(1, 1), dpi=60)
    canvas = FigureCanvasAgg(figure)
    properties = FontProperties(fname=str(font)) if font else FontProperties(family="DejaVu Sans")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DejaVu has no CJK glyph: that is the point
        figure.text(0.1, 0.2, text, fontproperties=properties, fontsize=40)
        canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., 0].copy()


def test_the_shipped_font_draws_chinese_and_a_font_without_it_draws_boxes() -> None:
    pytest.importorskip("matplotlib")
    np = pytest.importorskip("numpy")
    chars = "推进公开清单"
    shipped = [_glyph(c, font_path()) for c in chars]
    tofu = [_glyph(c, None) for c in chars]
    # without a CJK font every character is the same box …
    assert all(np.array_equal(tofu[0], t) for t in tofu[1:])
    # … with the shipped font each is its own glyph, none of them the box, none blank
    for i, glyph in enumerate(shipped):
        assert not np.array_equal(glyph, tofu[0])
        assert (glyph < 128).sum() > 30
        assert all(not np.array_equal(glyph, other) for other in shipped[i + 1 :])


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_font_covers_every_character_of_the_examples(name: str) -> None:
    pytest.importorskip("fontTools")
    text = (EXAMPLES / f"{name}.csv").read_text(encoding="utf-8")
    assert missing(text) == set()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_png_of_the_examples_has_every_glyph(tmp_path: Path, name: str) -> None:
    pytest.importorskip("matplotlib")
    image = pytest.importorskip("matplotlib.image")
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s)" for each character it draws as a box
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing")
        out = _timeline(tmp_path, name, "png", "-g", "牵头单位")
    pixels = image.imread(str(out))
    assert pixels.shape[1] == 1240 and pixels.shape[0] > 1500  # 68 or 88 rows of 22 px
    # the label column holds dark text pixels: the rows' titles were drawn
    labels = pixels[200:-200, 10:320, :3].mean(axis=2)
    assert (labels < 0.5).mean() > 0.02


def test_png_with_the_shipped_font_differs_from_boxes(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    np = pytest.importorskip("numpy")
    from shixian.io.timeline_draw import to_png

    plan = plan_of(_rows(), dt.date(2016, 9, 1), name="计划")
    drawn = scene(plan)
    mine, boxes = io.BytesIO(), io.BytesIO()
    to_png(drawn, mine)
    import matplotlib

    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        to_png(drawn, boxes, font=dejavu)
    import matplotlib.image as mpimg

    a = mpimg.imread(io.BytesIO(mine.getvalue()), format="png")
    b = mpimg.imread(io.BytesIO(boxes.getvalue()), format="png")
    assert a.shape == b.shape
    assert np.abs(a[..., :3] - b[..., :3]).mean() > 0.002


def test_timeline_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = EXAMPLES / "shenzhen_2016.csv"
    code = main(["timeline", str(src), "-c", "完成时限", "-r", REF, "-o", str(tmp_path / "a.pdf")])
    assert code == 2
    assert "must be .html, .svg or .png" in capsys.readouterr().err
    code = main(["timeline", str(src), "-c", "完成时限", "-r", REF])
    assert code == 2  # -o is required
    capsys.readouterr()


def test_missing_matplotlib_names_the_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    src = EXAMPLES / "shenzhen_2016.csv"
    code = main(["timeline", str(src), "-c", "完成时限", "-r", REF, "-o", str(tmp_path / "a.png")])
    err = capsys.readouterr().err
    assert code == 2
    assert "pip install matplotlib" in err and "'.[timeline]'" in err
