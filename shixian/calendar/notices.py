"""The State Council's holiday notices (国务院办公厅关于YYYY年部分节假日安排的通知) as data.

:func:`parse_notice` reads the text of a notice into a :class:`Notice`: per
festival line (``一、元旦:1月1日(周四)至3日(周六)放假调休,共3天。1月4日(周日)上班。``)
the days off and the make-up working days (调休上班), each with the span of
the line it came from. Every weekday note and every ``共N天`` / ``放假N天`` is
checked against the dates read; any mismatch, a date that cannot be placed, or
a clause with dates that says neither 放假 nor 上班 raises
:class:`~shixian.errors.NoticeError` naming the line — never a partial notice.

A notice file may start with header lines ``# key: value`` (``title``,
``number``, ``issued``, ``year``, ``source``, ``official``, ``festival``,
``note``); see ``docs/workdays.md``. Supplementary notices (the 2015 抗战胜利
纪念日 holiday, the 2019 劳动节 change, the 2020 春节 extension) carry a
``festival`` header; :func:`NoticeCalendar.build` applies notices in the order they
were issued, a later entry for a festival replacing (or, for 延长…至, extending)
the earlier one.

>>> n = parse_notice("一、元旦:1月1日(周四)至3日(周六)放假调休,共3天。1月4日(周日)上班。",
...                  year=2026)
>>> f = n.festivals[0]
>>> f.name, [d.date.isoformat() for d in f.days_off], [d.date.isoformat() for d in f.workdays]
('元旦', ['2026-01-01', '2026-01-02', '2026-01-03'], ['2026-01-04'])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..errors import NoticeError
from .notice_dates import DateGroup, DateReadError, read_dates

__all__ = ["Festival", "Notice", "NoticeDay", "load_notice", "parse_notice", "shipped_notices"]

NOTICE_DIR = Path(__file__).parent / "data" / "notices"
"""Where the package keeps the notice texts it ships (``YYYY.txt``, ``YYYY-supplement-*.txt``)."""

_HEADER = re.compile(r"#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*$")
_NAME = r"(?:[\u4e00-\u9fff“”\"]{1,12}?(?:节|旦)|[“\"][\u4e00-\u9fff]{1,4}[”\"])"
_FESTIVAL = re.compile(
    rf"^\s*[一二三四五六七八九十]+、(?P<names>{_NAME}(?:、{_NAME})*)\s*[:：]?\s*(?=\d)"
)
_SIGNATURE = re.compile(r"[\d年月日〇○一二三四五六七八九十]+")  # 2016年12月1日 under the text
_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+、")
_TITLE_YEAR = re.compile(r"关于(?P<y>\d{4})年")
_COUNT = re.compile(r"(?:共|放假)(?P<n>\d+|[一二三四五六七八九十]+)(?:天|日)")
_OFF = ("放假", "补休", "调休", "公休", "假日")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@attrs.frozen
class NoticeDay:
    """A date the notice names, with its span in :attr:`Festival.text`."""

    date: dt.date
    span: tuple[int, int]


@attrs.frozen
class Festival:
    """One festival line of a notice: its days off and make-up working days.

    ``names`` are the festivals of the line (``("中秋节", "国庆节")``); ``line``
    is its 1-based line number in the notice and ``text`` the line itself.
    ``extend_to`` is set for 延长…假期至 (the days off run on to that day);
    ``total`` is the ``共N天`` of the line, if any (already checked).
    """

    names: tuple[str, ...]
    days_off: tuple[NoticeDay, ...]
    workdays: tuple[NoticeDay, ...]
    line: int
    text: str
    total: int | None = None
    extend_to: NoticeDay | None = None

    @property
    def name(self) -> str:
        """The names joined as the notice writes them (``中秋节、国庆节``)."""
        return "、".join(self.names)


@attrs.frozen
class Notice:
    """A holiday notice read by :func:`parse_notice`.

    ``supplement`` is true for a notice that changes an earlier one (it has a
    ``festival`` header). ``source`` is where the text came from (the header's
    address, else the file), ``issued`` the date it was issued, if known.
    """

    year: int
    title: str
    festivals: tuple[Festival, ...]
    source: str = ""
    official: str = ""
    number: str = ""
    issued: dt.date | None = None
    supplement: bool = False
    path: str = ""

    @property
    def days_off(self) -> frozenset[dt.date]:
        """Every day off the notice names (before it is applied to earlier notices)."""
        return frozenset(d.date for f in self.festivals for d in f.days_off)

    @property
    def workdays(self) -> frozenset[dt.date]:
        """Every make-up working day the notice names."""
        return frozenset(d.date for f in self.festivals for d in f.workdays)

    @property
    def label(self) -> str:
        """How errors name the notice: its file, else its title."""
        return self.path or self.title or f"notice for {self.year}"


def _split(text: str, separators: str) -> list[tuple[int, str]]:
    """Pieces of ``text`` cut at ``separators`` outside brackets, with their offsets."""
    out: list[tuple[int, str]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            out.append((start, text[start : i + 1]))
            start = i + 1
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN[text[1]]
    if text.endswith("十"):
        return _CN[text[0]] * 10
    return _CN[text[0]] * 10 + _CN[text[-1]] if len(text) == 3 else _CN[text]


def _says(clause: str) -> bool:
    """Whether a clause says what its dates are (off, working, moved, extended)."""
    return any(word in clause for word in (*_OFF, "上班", "调至", "延长"))


def _festival(
    label: str, number: int, line: str, names: tuple[str, ...], year: int, grammar: bool
) -> Festival | None:
    def fail(detail: str) -> NoticeError:
        return NoticeError(label, number, line, detail)

    off: dict[dt.date, NoticeDay] = {}
    work: dict[dt.date, NoticeDay] = {}
    extend_to: NoticeDay | None = None
    total: int | None = None
    resume: list[NoticeDay] = []
    try:
        groups = read_dates(line, year, grammar=grammar, december_before="元旦" in names)
    except DateReadError as exc:
        raise fail(str(exc)) from None
    for s_start, sentence in _split(line, "。"):
        s_end = s_start + len(sentence)
        inside = [g for g in groups if s_start <= g.span[0] < s_end]
        if not inside or sentence.lstrip().startswith("鼓励"):
            continue  # 鼓励…安排职工在除夕(2月9日)休息: an encouragement, not a day off
        sentence_off: set[dt.date] = set()
        waiting: list[DateGroup] = []  # 4月4日(清明节),为法定节假日: the dates wait for the word
        for c_start, clause in _split(sentence, ",，;；"):
            c_from, c_to = s_start + c_start, s_start + c_start + len(clause)
            moved = clause.find("调至")
            own = [g for g in inside if c_from <= g.span[0] < c_to]
            if not _says(clause):
                waiting.extend(own)
                continue
            for group in [*waiting, *own]:
                at = max(0, group.span[0] - c_from)
                days = [NoticeDay(d, group.span) for d in group.days]
                if "上班" in clause:
                    if re.search(r"起\S{0,2}上班", clause):
                        resume.extend(days)  # 2月3日(星期一)起正常上班: work resumes
                    else:
                        work.update((d.date, d) for d in days)
                elif "延长" in clause and "至" in clause[:at]:
                    extend_to = days[-1]
                elif moved >= 0:
                    if at > moved:  # 1月4日(星期日)公休日调至1月2日(星期五): the 2nd is off
                        off.update((d.date, d) for d in days)
                        sentence_off.update(d.date for d in days)
                else:
                    off.update((d.date, d) for d in days)
                    sentence_off.update(d.date for d in days)
            waiting = []
        if waiting:
            raise fail(f"{sentence.strip()!r} names dates but says neither 放假 nor 上班")
        for count in _COUNT.finditer(sentence):
            said = _number(count.group("n"))
            if said != len(sentence_off):
                raise fail(
                    f"{count.group(0)} but the sentence names {len(sentence_off)} days off"
                    + (f" ({_days_text(sentence_off)})" if sentence_off else "")
                )
            total = said if total is None else max(total, said)
    if not off and not work and extend_to is None:
        return None
    for day in sorted(set(off) & set(work)):
        raise fail(f"{day.isoformat()} is both a day off and a working day (上班)")
    for day in sorted(work):
        if day.weekday() < 5:
            raise fail(
                f"{day.isoformat()} is a weekday: a make-up working day (上班) "
                "is a Saturday or Sunday"
            )
    for back in resume:
        if back.date in off or (extend_to is not None and back.date <= extend_to.date):
            raise fail(f"work resumes on {back.date.isoformat()}, which is a day off")
    return Festival(
        names=names,
        days_off=tuple(off[d] for d in sorted(off)),
        workdays=tuple(work[d] for d in sorted(work)),
        line=number,
        text=line,
        total=total,
        extend_to=extend_to,
    )


def _days_text(days: Iterable[dt.date]) -> str:
    ordered = sorted(days)
    if len(ordered) > 2:
        return f"{ordered[0].isoformat()} to {ordered[-1].isoformat()}"
    return ", ".join(d.isoformat() for d in ordered)


def parse_notice(
    text: str,
    *,
    year: int | None = None,
    source: str = "",
    path: str = "",
    grammar: bool = True,
) -> Notice:
    """Read a holiday notice's text into a :class:`Notice`.

    Args:
        text: the notice, optionally with ``# key: value`` header lines first.
        year: the notice's year (default: the ``year`` header, else the title's
            关于YYYY年); dates without a year are in it.
        source: where the text came from (default: the ``source`` header).
        path: the file it was read from (named in errors).
        grammar: read ranges and single dates with :func:`shixian.normalize`
            (``False``: the local reader alone; both give the same dates).

    Raises:
        NoticeError: the year is unknown, a line cannot be read, a weekday note
            or a ``共N天`` contradicts the dates, or no festival line is found.
    """
    header: dict[str, list[str]] = {}
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        match = _HEADER.match(line)
        if match and not body:
            header.setdefault(match.group("key"), []).append(match.group("value"))
        elif line:
            body.append((number, line))
    first = dict((k, v[0]) for k, v in header.items())
    title = first.get("title", "")
    label = path or title
    if year is None:
        found = first.get("year") or (m.group("y") if (m := _TITLE_YEAR.search(title)) else None)
        if found is None or not found.isdigit():
            raise NoticeError(label, 0, "", "no year: give a '# year: YYYY' header or year=")
        year = int(found)
    header_names = tuple(first["festival"].split("、")) if "festival" in first else ()
    festivals: list[Festival] = []
    for number, line in body:
        match = _FESTIVAL.match(line)
        if match:
            names = tuple(match.group("names").split("、"))
        elif header_names and "日" in line and not _SIGNATURE.fullmatch(line):
            names = header_names
        elif _NUMBERED.match(line) and not header_names and re.search(r"\d+月\d+日", line):
            raise NoticeError(label, number, line, "a numbered line with dates but no festival")
        else:
            continue
        festival = _festival(label, number, line, names, year, grammar)
        if festival is not None:
            festivals.append(festival)
        elif match:
            raise NoticeError(label, number, line, "a festival line without days off")
    if not festivals:
        raise NoticeError(label, 0, "", "no festival line (一、元旦:…放假…) found")
    issued = None
    if "issued" in first:
        try:
            issued = dt.date.fromisoformat(first["issued"])
        except ValueError:
            detail = f"issued {first['issued']!r} is not YYYY-MM-DD"
            raise NoticeError(label, 0, "", detail) from None
    return Notice(
        year=year,
        title=title,
        festivals=tuple(festivals),
        source=source or first.get("source", "") or path,
        official=first.get("official", ""),
        number=first.get("number", ""),
        issued=issued,
        supplement=bool(header_names),
        path=path,
    )


def load_notice(path: str | Path, *, grammar: bool = True) -> Notice:
    """Read the notice file at ``path`` (UTF-8, with or without BOM)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise NoticeError(str(file), 0, "", f"cannot read the file: {exc}") from None
    return parse_notice(text, path=str(file), grammar=grammar)


def shipped_notices(years: Iterable[int] | None = None) -> tuple[Path, ...]:
    """The notice files the package ships (all, or those of ``years``), in file-name order."""
    wanted = None if years is None else set(years)
    files = sorted(NOTICE_DIR.glob("*.txt"))
    return tuple(f for f in files if wanted is None or int(f.name[:4]) in wanted)
