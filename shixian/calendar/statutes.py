"""Statutory time limits (法定时限): which law, article and version sets a deadline."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from importlib import resources

import attrs

from ..errors import NotComputable, ShixianError
from ..model import Offset, StatuteRef, Unit

__all__ = ["StatuteRule", "find", "get", "in_force", "rules"]

_DATA = "statutes.tsv"
_COLUMNS = (
    "id",
    "law",
    "aliases",
    "article",
    "version",
    "in_force_from",
    "in_force_until",
    "amount",
    "unit",
    "due_date",
    "extension",
    "trigger",
    "topic",
    "quote",
    "source",
    "status",
    "note",
)
_UNITS = {"day": Unit.DAY, "workday": Unit.WORKDAY, "hour": Unit.HOUR}
_STATUSES = frozenset({"V", "V*", "U"})


@attrs.frozen
class StatuteRule:
    """One statutory time limit, in one version of one law (a row of ``data/statutes.tsv``).

    Attributes:
        id: the row id (``"B1"``, ``"G5"`` …), as in the research notes.
        law: the full title (中华人民共和国预算法).
        aliases: names it goes by in text (预算法, 《预算法》 …).
        article: 第十四条; ``None`` for policy documents without articles.
        version: the text the row is from (2007, 2014修正, 2019修订 …).
        in_force_from: first day this version is in force.
        in_force_until: last day it is in force; ``None`` = still in force.
        amount: the number of units; ``None`` for a fixed annual date.
        unit: ``Unit.DAY``, ``Unit.WORKDAY`` or ``Unit.HOUR``; ``None`` for a
            fixed annual date.
        due_date: ``(month, day)`` of a fixed annual due date (年度报告 by 3-31).
        extension_amount: the longest extension allowed, in ``unit``.
        trigger: the event the period runs from (批准, 收到申请 …).
        topics: the subjects it governs (预算公开, 依申请公开, 年度报告 …).
        quote: a short quote of the wording.
        source: where the wording was read.
        status: ``"V"`` verified, ``"V*"`` verified on a poor mirror,
            ``"U"`` unverified.
        note: caveats (paragraph, unverified parts).

    >>> rule = get("B1")
    >>> rule.law, rule.article, str(rule.offset), rule.trigger
    ('中华人民共和国预算法', '第十四条', '20D', '批准')
    """

    id: str
    law: str
    aliases: tuple[str, ...]
    article: str | None
    version: str
    in_force_from: dt.date
    in_force_until: dt.date | None
    amount: int | None
    unit: Unit | None
    due_date: tuple[int, int] | None
    extension_amount: int | None
    trigger: str | None
    topics: tuple[str, ...]
    quote: str
    source: str
    status: str
    note: str | None = None

    @property
    def offset(self) -> Offset | None:
        """The time limit as an :class:`~shixian.model.Offset`; ``None`` for a fixed date.

        >>> str(get("G4").offset), get("G8").offset
        ('20WD', None)
        """
        if self.unit is None:
            return None
        return Offset(self.amount, self.unit)

    @property
    def extension(self) -> Offset | None:
        """The longest extension the rule allows, or ``None``.

        >>> str(get("G5").extension), get("G4").extension
        ('20WD', None)
        """
        if self.extension_amount is None or self.unit is None:
            return None
        return Offset(self.extension_amount, self.unit)

    def in_force(self, on: dt.date) -> bool:
        """Whether this version is in force on ``on`` (both ends inclusive).

        >>> get("G1").in_force(dt.date(2019, 5, 14)), get("G1").in_force(dt.date(2019, 5, 15))
        (True, False)
        """
        day = _as_date(on)
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    def due_in(self, year: int) -> dt.date:
        """The fixed annual due date in ``year`` (the report on ``year - 1`` is due then).

        Raises:
            NotComputable: the rule is a period after an event, not a fixed date.

        >>> get("G9").due_in(2020)
        datetime.date(2020, 3, 31)
        """
        if self.due_date is None:
            raise NotComputable("a fixed due date", f"{self.id} is a period after {self.trigger}")
        month, day = self.due_date
        return dt.date(year, month, day)

    def to_ref(self) -> StatuteRef:
        """The citation for a result: law, article, version, quote and source.

        >>> get("G5").to_ref().article
        '第三十三条'
        """
        return StatuteRef(
            law=self.law,
            article=self.article,
            version=self.version,
            quote=self.quote,
            source=self.source,
        )


def in_force(rule: StatuteRule, on: dt.date) -> bool:
    """Whether ``rule``'s version is in force on ``on``; see :meth:`StatuteRule.in_force`.

    >>> in_force(get("B1"), dt.date(2014, 12, 31))
    False
    """
    return rule.in_force(on)


def rules() -> tuple[StatuteRule, ...]:
    """Every rule in the data file, in file order (loaded once, on first use).

    >>> len(rules()) > 10
    True
    """
    return _load()


def get(rule_id: str) -> StatuteRule:
    """The rule with id ``rule_id``.

    Raises:
        ShixianError: no rule has that id.

    >>> get("G2").article
    '第二十四条'
    """
    try:
        return _by_id()[rule_id]
    except KeyError:
        raise ShixianError(f"no statute rule with id {rule_id!r}") from None


def find(law_text: str, *, on: dt.date, topic: str | None = None) -> list[StatuteRule]:
    """The rules of the law(s) named in ``law_text``, in the version in force on ``on``.

    The law is recognised by its aliases anywhere in ``law_text``, ignoring 《》,
    spaces and the prefix 中华人民共和国; the longest name wins, so
    预算法实施条例 is not read as 预算法. A text naming two laws gets the rules
    of both. An unknown law, or a date on which no listed version is in force,
    gives ``[]``: the version is never guessed.

    Args:
        law_text: the law as the text names it (``"《预算法》"``, ``"按预算法规定"``).
        on: the reference date; picks the version in force.
        topic: keep only rules about this subject (``"依申请公开"``, ``"年度报告"``).

    >>> found = find("《中华人民共和国预算法》", on=dt.date(2016, 7, 1), topic="预算公开")
    >>> [(r.article, str(r.offset), r.trigger) for r in found]
    [('第十四条', '20D', '批准')]
    >>> [r.article for r in find("政府信息公开条例", on=dt.date(2018, 1, 1), topic="依申请公开")]
    ['第二十四条']
    >>> [r.article for r in find("政府信息公开条例", on=dt.date(2020, 1, 1), topic="依申请公开")]
    ['第三十三条']
    >>> find("预算法", on=dt.date(2014, 12, 31))
    []
    >>> find("公司法", on=dt.date(2020, 1, 1))
    []
    """
    day = _as_date(on)
    laws = _laws_named(law_text)
    if not laws:
        return []
    out: list[StatuteRule] = []
    for law in laws:
        for rule in _by_law()[law]:
            if not rule.in_force(day):
                continue
            if topic is not None and topic not in rule.topics:
                continue
            out.append(rule)
    return out


# -- matching ---------------------------------------------------------------------------

_BRACKETS = str.maketrans(
    {
        "《": None,
        "》": None,
        "〈": None,
        "〉": None,
        "<": None,
        ">": None,
        "「": None,
        "」": None,
        "『": None,
        "』": None,
        "“": None,
        "”": None,
        '"': None,
        "[": "〔",
        "]": "〕",
        "【": "〔",
        "】": "〕",
    }
)
_PREFIX = "中华人民共和国"


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split()).translate(_BRACKETS)
    return text.replace(_PREFIX, "")


def _laws_named(law_text: str) -> list[str]:
    text = _normalize(law_text)
    if not text:
        return []
    spans: list[tuple[int, int, str]] = []
    for alias, law in _alias_index():
        start = text.find(alias)
        while start != -1:
            spans.append((start, start + len(alias), law))
            start = text.find(alias, start + 1)
    kept = [
        (start, end, law)
        for start, end, law in spans
        if not any(
            s <= start and end <= e and e - s > end - start and other != law
            for s, e, other in spans
        )
    ]
    laws: list[str] = []
    for _, _, law in sorted(kept):
        if law not in laws:
            laws.append(law)
    return laws


# -- loading ----------------------------------------------------------------------------


def _as_date(day: dt.date) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


@functools.lru_cache(maxsize=1)
def _load() -> tuple[StatuteRule, ...]:
    text = (
        resources.files("shixian.calendar")
        .joinpath("data")
        .joinpath(_DATA)
        .read_text(encoding="utf-8")
    )
    return _parse(text)


@functools.lru_cache(maxsize=1)
def _by_id() -> dict[str, StatuteRule]:
    return {rule.id: rule for rule in _load()}


@functools.lru_cache(maxsize=1)
def _by_law() -> dict[str, tuple[StatuteRule, ...]]:
    out: dict[str, list[StatuteRule]] = {}
    for rule in _load():
        out.setdefault(rule.law, []).append(rule)
    return {law: tuple(found) for law, found in out.items()}


@functools.lru_cache(maxsize=1)
def _alias_index() -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for rule in _load():
        for name in (rule.law, *rule.aliases):
            alias = _normalize(name)
            if not alias:
                continue
            if pairs.setdefault(alias, rule.law) != rule.law:
                raise ShixianError(
                    f"{_DATA}: alias {name!r} names both {pairs[alias]} and {rule.law}"
                )
    return tuple(sorted(pairs.items(), key=lambda item: (-len(item[0]), item[0])))


def _parse(text: str) -> tuple[StatuteRule, ...]:
    header: list[str] | None = None
    out: list[StatuteRule] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            missing = set(_COLUMNS) - set(fields)
            if missing:
                raise ShixianError(f"{_DATA}: header lacks columns {sorted(missing)}")
            header = fields
            continue
        if len(fields) != len(header):
            raise ShixianError(
                f"{_DATA}:{number}: {len(fields)} fields, the header has {len(header)}"
            )
        row = dict(zip(header, fields, strict=True))
        try:
            rule = _rule(row)
        except (ValueError, KeyError) as exc:
            raise ShixianError(f"{_DATA}:{number}: {exc}") from exc
        if rule.id in seen:
            raise ShixianError(f"{_DATA}:{number}: duplicate id {rule.id!r}")
        seen.add(rule.id)
        out.append(rule)
    if header is None:
        raise ShixianError(f"{_DATA}: no header row")
    return tuple(out)


def _opt(value: str) -> str | None:
    value = value.strip()
    return value or None


def _opt_int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _rule(row: dict[str, str]) -> StatuteRule:
    rule_id = row["id"].strip()
    unit_name = row["unit"].strip()
    due_text = _opt(row["due_date"])
    if unit_name == "date":
        if due_text is None:
            raise ValueError(f"{rule_id}: unit 'date' needs a due_date")
        month, day = (int(part) for part in due_text.split("-"))
        dt.date(2000, month, day)  # validates the month and day (2000 is a leap year)
        unit = None
        due_date: tuple[int, int] | None = (month, day)
    elif unit_name in _UNITS:
        if due_text is not None:
            raise ValueError(f"{rule_id}: a due_date needs unit 'date'")
        unit = _UNITS[unit_name]
        due_date = None
    else:
        raise ValueError(f"{rule_id}: unknown unit {unit_name!r}")
    amount = _opt_int(row["amount"])
    if (amount is None) != (unit is None):
        raise ValueError(f"{rule_id}: a period needs an amount, a fixed date none")
    status = row["status"].strip()
    if status not in _STATUSES:
        raise ValueError(f"{rule_id}: unknown status {status!r}")
    until = _opt(row["in_force_until"])
    start = dt.date.fromisoformat(row["in_force_from"].strip())
    end = None if until is None else dt.date.fromisoformat(until)
    if end is not None and end < start:
        raise ValueError(f"{rule_id}: in force until {end}, before {start}")
    source = row["source"].strip()
    if not source:
        raise ValueError(f"{rule_id}: no source")
    return StatuteRule(
        id=rule_id,
        law=row["law"].strip(),
        aliases=_split(row["aliases"]),
        article=_opt(row["article"]),
        version=row["version"].strip(),
        in_force_from=start,
        in_force_until=end,
        amount=amount,
        unit=unit,
        due_date=due_date,
        extension_amount=_opt_int(row["extension"]),
        trigger=_opt(row["trigger"]),
        topics=_split(row["topic"]),
        quote=row["quote"].strip(),
        source=source,
        status=status,
        note=_opt(row["note"]),
    )
