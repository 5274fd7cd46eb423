"""A strict reader's checks of an iCalendar file (RFC 5545), for the tests of ``shixian ics``.

It reads the raw bytes, not a library's view of them: line endings and folding,
the content-line grammar, component nesting, the properties each component must
have (and may have only once), date rules of all-day events, alarms, and the
escaping of TEXT values. :func:`problems` lists every rule broken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r';([A-Za-z0-9-]+)=("[^"]*"|[^;:,"]*)(?:,("[^"]*"|[^;:,"]*))*')
_UTC = re.compile(r"\d{8}T\d{6}Z")
_DATE = re.compile(r"\d{8}")
_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME", "CATEGORIES"}
_ESCAPE = re.compile(r"\\(.)", re.S)

#: properties a component must have exactly once
_REQUIRED = {
    "VCALENDAR": ("PRODID", "VERSION"),
    "VEVENT": ("UID", "DTSTAMP", "DTSTART"),
    "VTODO": ("UID", "DTSTAMP"),
    "VALARM": ("ACTION", "TRIGGER"),
}
#: properties a component may have at most once (RFC 5545 §3.6.1, §3.6.2, §3.6.6)
_ONCE = {
    "VCALENDAR": ("PRODID", "VERSION", "CALSCALE", "METHOD"),
    "VEVENT": (
        "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION",
        "SEQUENCE", "STATUS", "TRANSP", "CLASS", "CREATED", "LAST-MODIFIED", "RRULE",
    ),
    "VTODO": (
        "UID", "DTSTAMP", "DTSTART", "DUE", "DURATION", "SUMMARY", "DESCRIPTION",
        "SEQUENCE", "STATUS", "CLASS", "COMPLETED", "PRIORITY", "RRULE",
    ),
    "VALARM": ("ACTION", "TRIGGER", "DESCRIPTION", "DURATION", "REPEAT"),
}  # fmt: skip


@dataclass
class Property:
    """One unfolded content line."""

    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    """A BEGIN … END block and what it holds."""

    name: str
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> list[Property]:
        """The properties called ``name``."""
        return [p for p in self.properties if p.name == name]


def _split(line: str) -> Property | None:
    found = _NAME.match(line)
    if found is None:
        return None
    name, rest = found.group(0).upper(), line[found.end() :]
    params: dict[str, str] = {}
    while rest.startswith(";"):
        param = _PARAM.match(rest)
        if param is None:
            return None
        key, _, value = param.group(0)[1:].partition("=")
        params[key.upper()] = value
        rest = rest[param.end() :]
    if not rest.startswith(":"):
        return None
    return Property(name, params, rest[1:])


def unescape(value: str) -> str:
    """A TEXT value as text (``\\n`` → newline, ``\\,`` → comma …)."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _date(prop: Property) -> dt.date | None:
    if prop.params.get("VALUE") == "DATE" and _DATE.fullmatch(prop.value):
        return dt.datetime.strptime(prop.value, "%Y%m%d").date()
    return None


def parse(data: bytes) -> tuple[Component | None, list[str]]:
    """The calendar read the strict way, and the problems met while reading it."""
    problems: list[str] = []
    if (
        b"\r\n" not in data
        or data.replace(b"\r\n", b"").count(b"\n")
        or data.replace(b"\r\n", b"").count(b"\r")
    ):
        problems.append("lines must end with CRLF, and only lines")
    if not data.endswith(b"\r\n"):
        problems.append("the last line must end with CRLF")
    physical = data.split(b"\r\n")
    if physical and physical[-1] == b"":
        physical.pop()
    logical: list[bytes] = []
    for n, raw in enumerate(physical, 1):
        if len(raw) > 75:
            problems.append(f"line {n} is {len(raw)} octets long (75 at most)")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n} is not UTF-8 on its own (a character split by folding)")
        if raw[:1] in (b" ", b"\t"):
            if not logical:
                problems.append("the file starts with a continuation line")
                continue
            logical[-1] += raw[1:]
        else:
            logical.append(raw)
    stack: list[Component] = []
    top: Component | None = None
    for raw in logical:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"not UTF-8: {raw[:40]!r}")
            continue
        if any(ord(c) < 0x20 and c != "\t" for c in line) or "\x7f" in line:
            problems.append(f"a control character in {line[:40]!r}")
        prop = _split(line)
        if prop is None:
            problems.append(f"not a content line: {line[:60]!r}")
            continue
        if prop.name == "BEGIN":
            component = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(component)
            elif top is None:
                top = component
            else:
                problems.append("more than one top-level component")
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                problems.append(f"END:{prop.value} does not close the open component")
            else:
                stack.pop()
        elif not stack:
            problems.append(f"a property outside any component: {prop.name}")
        else:
            stack[-1].properties.append(prop)
    if stack:
        problems.append(f"components left open: {[c.name for c in stack]}")
    if top is None or top.name != "VCALENDAR":
        problems.append("the file is not one VCALENDAR")
    return top, problems


def _check(component: Component, problems: list[str], uids: Counter[str]) -> None:
    where = component.name
    counts = Counter(p.name for p in component.properties)
    for name in _REQUIRED.get(component.name, ()):
        if counts[name] != 1:
            problems.append(f"{where} must have one {name}, has {counts[name]}")
    for name in _ONCE.get(component.name, ()):
        if counts[name] > 1:
            problems.append(f"{where} has {name} {counts[name]} times (once at most)")
    for prop in component.properties:
        if prop.name in _TEXT:
            value = prop.value
            if any(m.group(1) not in "\\;,nN" for m in _ESCAPE.finditer(value)):
                problems.append(f"{where} {prop.name}: a backslash escapes nothing: {value!r}")
            if prop.name != "CATEGORIES" and re.search(r"(?<!\\)(?:\\\\)*[;,]", value):
                problems.append(f"{where} {prop.name}: an unescaped ; or , in {value!r}")
        if prop.name == "DTSTAMP" and not _UTC.fullmatch(prop.value):
            problems.append(f"{where} DTSTAMP must be a UTC date-time, not {prop.value!r}")
    if component.name == "VCALENDAR":
        version = component.get("VERSION")
        if version and version[0].value != "2.0":
            problems.append(f"VERSION must be 2.0, not {version[0].value!r}")
    if component.name in ("VEVENT", "VTODO"):
        for prop in component.get("UID"):
            uids[prop.value] += 1
    if component.name == "VEVENT":
        if counts["DTEND"] and counts["DURATION"]:
            problems.append("VEVENT has both DTEND and DURATION")
        starts, ends = component.get("DTSTART"), component.get("DTEND")
        if starts and starts[0].params.get("VALUE") == "DATE":
            start = _date(starts[0])
            if start is None:
                problems.append(f"VEVENT DTSTART;VALUE=DATE is not a date: {starts[0].value!r}")
            if ends:
                end = _date(ends[0])
                if end is None:
                    problems.append("an all-day VEVENT's DTEND must be VALUE=DATE too")
                elif start is not None and end <= start:
                    problems.append(f"VEVENT DTEND {end} is not after DTSTART {start}")
        for rule in component.get("RRULE"):
            parts = dict(p.partition("=")[::2] for p in rule.value.split(";"))
            if "FREQ" not in parts:
                problems.append(f"RRULE without FREQ: {rule.value!r}")
            if "UNTIL" in parts and "COUNT" in parts:
                problems.append("RRULE has both UNTIL and COUNT")
    if component.name == "VTODO" and counts["DUE"] and counts["DURATION"]:
        problems.append("VTODO has both DUE and DURATION")
    if component.name == "VALARM":
        action = component.get("ACTION")
        if action and action[0].value == "DISPLAY" and counts["DESCRIPTION"] != 1:
            problems.append("a DISPLAY VALARM needs one DESCRIPTION")
        if counts["DURATION"] != counts["REPEAT"]:
            problems.append("VALARM DURATION and REPEAT go together")
    for child in component.children:
        if child.name == "VALARM" and component.name not in ("VEVENT", "VTODO"):
            problems.append(f"VALARM inside {component.name}")
        _check(child, problems, uids)


def problems(data: bytes) -> list[str]:
    """Every RFC 5545 rule the file breaks (empty: a strict reader accepts it)."""
    top, found = parse(data)
    if top is not None:
        uids: Counter[str] = Counter()
        _check(top, found, uids)
        if not any(c.name in ("VEVENT", "VTODO", "VJOURNAL") for c in top.children):
            found.append("the calendar has no component")
        found += [f"UID {u} is used {n} times" for u, n in uids.items() if n > 1]
    return found
