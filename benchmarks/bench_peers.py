"""shixian against its peers, JioNLP's ``parse_time`` and ``dateparser.parse``: run by hand.

    python -m venv /work/peersvenv
    /work/peersvenv/bin/pip install -e . -r benchmarks/requirements-peers.txt
    /work/peersvenv/bin/python benchmarks/bench_peers.py [--json out.json] [--quick]

The same phrases go to every tool in one run, in three sets:

* ``seed``: the seed cells (corpus/seed_cells.tsv);
* ``corpus``: the project's corpus (corpus/calendar.tsv, schedule.tsv, relative.tsv);
* ``generated``: ``--generated N`` phrases (default 20,000) built from templates over
  years, months, quarters, days and relations, deterministically from ``--seed``,
  each with the expected value its template implies.

Per tool and set it reports the time per phrase (each phrase's median over
``--repeat`` runs, uncached for shixian via ``cache=False``; cached shixian
separately), how many phrases were read correctly, how many returned anything
without error, and which crashed or timed out; then the import time of each library
(subprocess, median of several, above a bare interpreter) and its memory
(tracemalloc peak while reading the seed cells and the corpus in a fresh process,
and ru_maxrss of a fresh process that imports the library and reads them).

Correctness. shixian is correct on a row when ``shixian.io.corpus.compare`` finds no
difference. A peer returns one date or one interval, so it is judged on what such an
answer can say: the row must expect exactly one part, of kind ``deadline`` or
``window``; a deadline is matched when the last day of the peer's answer is the
expected due day (or its ``alt`` reading); a window when the peer's first and last
days are the expected ``start`` and ``end`` (only the fields given). Conditions
(``if=``), ``inferred``, ``fuzzy`` and ``min`` are not checked for the peers. Rows
whose expected value is a schedule, relative, pending or ongoing part, or several
parts, count as not correct for the peers: they cannot express them. The
``expressible`` column counts the rows a peer could get right.

How answers become intervals: JioNLP's ``time_point``/``time_span`` give
``[start, end]`` (``inf`` ends count as open); its ``time_period``/``time_delta`` are
not intervals. dateparser's ``parse`` returns one datetime; for judging, the same
call is made through ``DateDataParser.get_date_data`` (what ``parse`` does inside),
whose ``period`` (day, week, month, year) widens the date to its day, week, month or
year. So ``2016年7月`` → July 2016, which is generous to dateparser.

Every call runs in a worker process, under a per-call alarm (``--timeout``); a
worker that stops answering is killed and restarted after the phrase that hung, which
is then reported as timed out.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import platform
import random
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOOLS = ("shixian", "jionlp", "dateparser")
# timing-only variants: cached shixian, and dateparser with one parser kept per reference
TIMED = ("shixian", "shixian-cached", "jionlp", "dateparser", "dateparser-reused")
MARK = b"@@BENCH "
WARMUP = ["2016年7月底前", "全年工作", "2017年第一季度前", "每季度", "2016年7月", "及时"]


# -- the generated set -------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十, 十五, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def _year(rng: random.Random, y: int) -> str:
    style = rng.random()
    if style < 0.75:
        return str(y)
    if style < 0.85:
        return str(y).translate(_FULLWIDTH)
    zero = rng.choice("〇零○")
    return "".join(zero if c == "0" else _CN_DIGITS[int(c)] for c in str(y))


def _num(rng: random.Random, n: int) -> str:
    style = rng.random()
    if style < 0.75:
        return str(n)
    if style < 0.85:
        return str(n).translate(_FULLWIDTH)
    return _cn_number(n)


def _last(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _quarter(rng: random.Random, q: int) -> str:
    return rng.choice([f"第{_cn_number(q)}季度", f"{_cn_number(q)}季度", f"第{q}季度", f"{q}季度"])


def _deadline_month_end(rng: random.Random, y: int, m: int) -> tuple[str, str]:
    word = rng.choice(["月底前", "月底前", "月底前", "月末前", "月底之前"])
    suffix = rng.choice(["", "", "完成", "出台", "公开", "印发实施", "启动"])
    return f"{_year(rng, y)}年{_num(rng, m)}{word}{suffix}", f"deadline due={_last(y, m)}"


def _generators() -> list[tuple[float, Callable[[random.Random], tuple[str, str]]]]:
    """(weight, template) pairs; each template returns (phrase, expected)."""

    def month_end(r: random.Random) -> tuple[str, str]:
        return _deadline_month_end(r, r.randint(2010, 2030), r.randint(1, 12))

    def year_end(r: random.Random) -> tuple[str, str]:
        y = r.randint(2010, 2030)
        word = r.choice(["年底前", "年年底前", "年末前"])
        return f"{_year(r, y)}{word}{r.choice(['', '完成'])}", f"deadline due={y}-12-31"

    def day_before(r: random.Random) -> tuple[str, str]:
        y, m = r.randint(2010, 2030), r.randint(1, 12)
        d = r.randint(1, _last(y, m).day)
        word = r.choice(["日前", "日前", "日之前", "号前"])
        phrase = f"{_year(r, y)}年{_num(r, m)}月{_num(r, d)}{word}{r.choice(['', '完成'])}"
        return phrase, f"deadline due={dt.date(y, m, d)}"

    def quarter_end(r: random.Random) -> tuple[str, str]:
        y, q = r.randint(2010, 2030), r.randint(1, 4)
        return f"{_year(r, y)}年{_quarter(r, q)}末前", f"deadline due={_last(y, 3 * q)}"

    def month_before(r: random.Random) -> tuple[str, str]:  # ambiguous: 7月前
        y, m = r.randint(2010, 2030), r.randint(1, 12)
        alt = _last(y, m - 1) if m > 1 else dt.date(y - 1, 12, 31)
        word = r.choice(["月前", "月以前", "月之前"])
        return f"{_year(r, y)}年{_num(r, m)}{word}", f"deadline due={_last(y, m)} alt={alt}"

    def month(r: random.Random) -> tuple[str, str]:
        y, m = r.randint(2010, 2030), r.randint(1, 12)
        suffix = r.choice(["", "", "份", "完成"])
        return (
            f"{_year(r, y)}年{_num(r, m)}月{suffix}",
            f"window start={dt.date(y, m, 1)} end={_last(y, m)}",
        )

    def quarter(r: random.Random) -> tuple[str, str]:
        y, q = r.randint(2010, 2030), r.randint(1, 4)
        return (
            f"{_year(r, y)}年{_quarter(r, q)}{r.choice(['', '完成'])}",
            f"window start={dt.date(y, 3 * q - 2, 1)} end={_last(y, 3 * q)}",
        )

    def half(r: random.Random) -> tuple[str, str]:
        y, h = r.randint(2010, 2030), r.randint(0, 1)
        span = (
            (dt.date(y, 1, 1), dt.date(y, 6, 30))
            if h == 0
            else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        )
        return f"{_year(r, y)}年{'上下'[h]}半年", f"window start={span[0]} end={span[1]}"

    def tenday(r: random.Random) -> tuple[str, str]:
        y, m, k = r.randint(2010, 2030), r.randint(1, 12), r.randint(0, 2)
        start = dt.date(y, m, 10 * k + 1)
        end = _last(y, m) if k == 2 else dt.date(y, m, 10 * k + 10)
        return f"{_year(r, y)}年{_num(r, m)}月{'上中下'[k]}旬", f"window start={start} end={end}"

    def year(r: random.Random) -> tuple[str, str]:
        y = r.randint(2010, 2030)
        return f"{_year(r, y)}{r.choice(['年', '年度'])}", f"window start={y}-01-01 end={y}-12-31"

    def month_range(r: random.Random) -> tuple[str, str]:
        y = r.randint(2010, 2030)
        m1 = r.randint(1, 11)
        m2 = r.randint(m1 + 1, 12)
        sep = r.choice(["至", "—", "到"])
        return (
            f"{_year(r, y)}年{m1}月{sep}{m2}月",
            f"window start={dt.date(y, m1, 1)} end={_last(y, m2)}",
        )

    def day(r: random.Random) -> tuple[str, str]:
        y, m = r.randint(2010, 2030), r.randint(1, 12)
        d = dt.date(y, m, r.randint(1, _last(y, m).day))
        phrase = r.choice(
            [f"{_year(r, y)}年{_num(r, m)}月{_num(r, d.day)}日", d.isoformat(), f"{y}/{m}/{d.day}"]
        )
        return phrase, f"window start={d} end={d}"

    def by_month(r: random.Random) -> tuple[str, str]:  # 截至 / 不晚于 Y年M月
        y, m = r.randint(2010, 2030), r.randint(1, 12)
        return (
            f"{r.choice(['截至', '不晚于', '截止'])}{_year(r, y)}年{m}月",
            f"deadline due={_last(y, m)}",
        )

    def two_deadlines(r: random.Random) -> tuple[str, str]:
        y = r.randint(2010, 2029)
        m1, m2 = r.randint(1, 12), r.randint(1, 12)
        a, _ = _deadline_month_end(r, y, m1)
        b, _ = _deadline_month_end(r, y + 1, m2)
        return f"{a} {b}", f"deadline due={_last(y, m1)} ; deadline due={_last(y + 1, m2)}"

    def schedule_simple(r: random.Random) -> tuple[str, str]:
        word, every = r.choice(
            [
                ("每年", "year"),
                ("每半年", "halfyear"),
                ("每季度", "quarter"),
                ("每季", "quarter"),
                ("每月", "month"),
                ("每个月", "month"),
                ("每旬", "tenday"),
                ("每周", "week"),
                ("每日", "day"),
                ("每天", "day"),
            ]
        )
        return f"{word}{r.choice(['', '公开', '发布', '报送'])}", f"schedule every={every}"

    def schedule_day(r: random.Random) -> tuple[str, str]:
        d = r.randint(1, 28)
        return f"每月{_num(r, d)}日前{r.choice(['', '报送'])}", f"schedule every=month day={d}"

    def schedule_month(r: random.Random) -> tuple[str, str]:
        m = r.randint(1, 12)
        return f"每年{_num(r, m)}月底前{r.choice(['', '完成'])}", f"schedule every=year month={m}"

    def schedule_from(r: random.Random) -> tuple[str, str]:
        y = r.randint(2010, 2030)
        return (
            f"{r.choice(['自', '从', ''])}{_year(r, y)}年起每季度",
            f"schedule every=quarter from={y}-01-01",
        )

    def ongoing_from(r: random.Random) -> tuple[str, str]:
        y = r.randint(2010, 2030)
        return f"{r.choice(['自', ''])}{_year(r, y)}年起", f"ongoing from={y}-01-01"

    def relative_days(r: random.Random) -> tuple[str, str]:
        n = r.randint(1, 30)
        if r.random() < 0.5:
            return f"会后{_num(r, n)}日内", f"relative offset={n}D after=会"
        return f"{_num(r, n)}个工作日内", f"relative offset={n}WD"

    def pending(r: random.Random) -> tuple[str, str]:
        who = r.choice(["国家", "省政府", "市政府", "国务院"])
        return f"待{who}批准后{r.choice(['', '公开'])}", f"pending on={who}批准"

    return [
        (20, month_end),
        (8, year_end),
        (6, day_before),
        (3, quarter_end),
        (3, month_before),
        (8, month),
        (5, quarter),
        (3, half),
        (2, tenday),
        (3, year),
        (2, month_range),
        (3, day),
        (2, by_month),
        (2, two_deadlines),
        (5, schedule_simple),
        (3, schedule_day),
        (2, schedule_month),
        (2, schedule_from),
        (2, ongoing_from),
        (3, relative_days),
        (2, pending),
    ]


def generate(n: int, seed: int = 20161231) -> list[tuple[str, str, str]]:
    """``n`` (phrase, reference, expected) rows from templates, the same for the same seed."""
    rng = random.Random(seed)
    weights, makers = zip(*_generators(), strict=True)
    first = dt.date(2015, 1, 1).toordinal()
    last = dt.date(2020, 12, 31).toordinal()
    rows = []
    for maker in rng.choices(makers, weights=weights, k=n):
        phrase, expected = maker(rng)
        reference = dt.date.fromordinal(rng.randint(first, last))
        rows.append((phrase, reference.isoformat(), expected))
    return rows


def phrase_sets(n_generated: int, seed: int) -> dict[str, list[tuple[str, str, str]]]:
    """The three sets of (phrase, reference, expected) rows."""
    from shixian.io.corpus import load

    corpus = ROOT / "corpus"

    def rows(paths: list[Path]) -> list[tuple[str, str, str]]:
        return [(r.phrase, r.reference.isoformat(), r.expected) for p in paths for r in load(p)]

    project = sorted(
        p for p in corpus.glob("*.tsv") if not p.name.startswith(("seed_", "negative"))
    )
    return {
        "seed": rows([corpus / "seed_cells.tsv"]),
        "corpus": rows(project),
        "generated": generate(n_generated, seed),
    }


# -- the worker: one tool, in its own process -------------------------------------


class _Timeout(BaseException):
    """Raised by the alarm inside a call that took longer than the limit."""


def _emit(record: dict[str, Any]) -> None:
    os.write(_OUT_FD, MARK + json.dumps(record, ensure_ascii=False).encode() + b"\n")


_OUT_FD = 1


def _datetime(ref: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(ref), dt.time())


def _dates_of(value: Any) -> tuple[dt.date | None, dt.date | None]:
    def one(s: str) -> dt.date | None:
        return None if "inf" in s else dt.date.fromisoformat(s[:10])

    return one(value[0]), one(value[1])


class _Tool:
    """One library: ``prepare`` turns a row into call arguments (outside the timing),
    ``call`` is the timed call, ``answer`` the call used for judging, ``judge``."""

    name = ""

    def prepare(self, phrase: str, ref: str) -> tuple[Any, ...]:
        raise NotImplementedError

    def call(self, *args: Any) -> Any:
        raise NotImplementedError

    def answer(self, *args: Any) -> Any:
        return self.call(*args)

    def declined(self, exc: BaseException) -> bool:
        """An exception that is the library's documented "cannot read this"."""
        return False

    def interval(self, result: Any) -> tuple[dt.date | None, dt.date | None] | None:
        raise NotImplementedError

    def judge(self, result: Any, expected: str) -> bool:
        from shixian.io.corpus import parse_expected

        parts = parse_expected(expected)
        if len(parts) != 1 or parts[0].kind not in ("deadline", "window"):
            return False
        span = self.interval(result)
        if span is None:
            return False
        lo, hi = span
        fields = parts[0].fields
        if parts[0].kind == "deadline":
            return hi is not None and hi.isoformat() in (fields["due"], fields.get("alt"))
        ok = True
        if "start" in fields:
            ok = ok and lo is not None and lo.isoformat() == fields["start"]
        if "end" in fields:
            ok = ok and hi is not None and hi.isoformat() == fields["end"]
        return ok


class _Shixian(_Tool):
    def __init__(self, cached: bool = False) -> None:
        import shixian

        self.shixian = shixian
        self.cached = cached
        self.errors: tuple[type[BaseException], ...] = (shixian.ShixianError,)

    def prepare(self, phrase: str, ref: str) -> tuple[Any, ...]:
        return phrase, dt.date.fromisoformat(ref)

    def call(self, phrase: str, ref: dt.date) -> Any:
        return self.shixian.normalize(phrase, reference=ref, cache=self.cached)

    def declined(self, exc: BaseException) -> bool:
        return isinstance(exc, self.errors)

    def judge(self, result: Any, expected: str) -> bool:
        from shixian.io.corpus import compare

        return compare(result, expected) == []


class _JioNLP(_Tool):
    def __init__(self) -> None:
        import jionlp

        self.parse_time = jionlp.parse_time

    def prepare(self, phrase: str, ref: str) -> tuple[Any, ...]:
        return phrase, _datetime(ref)

    def call(self, phrase: str, ref: dt.datetime) -> Any:
        return self.parse_time(phrase, time_base=ref)

    def declined(self, exc: BaseException) -> bool:
        return isinstance(exc, ValueError)  # "can not parse the string `…`"

    def interval(self, result: Any) -> tuple[dt.date | None, dt.date | None] | None:
        if not isinstance(result, dict) or result.get("type") not in ("time_point", "time_span"):
            return None
        return _dates_of(result["time"])


class _Dateparser(_Tool):
    def __init__(self, reuse: bool = False) -> None:
        import dateparser
        from dateparser.date import DateDataParser

        self.parse = dateparser.parse
        self.DateDataParser = DateDataParser
        self.reuse = reuse
        self.parsers: dict[dt.datetime, Any] = {}

    def prepare(self, phrase: str, ref: str) -> tuple[Any, ...]:
        base = _datetime(ref)
        if self.reuse and base not in self.parsers:
            self.parsers[base] = self.DateDataParser(
                languages=["zh"], settings={"RELATIVE_BASE": base}
            )
        return phrase, base

    def call(self, phrase: str, ref: dt.datetime) -> Any:
        if self.reuse:
            return self.parsers[ref].get_date_data(phrase)["date_obj"]
        return self.parse(phrase, languages=["zh"], settings={"RELATIVE_BASE": ref})

    def answer(self, phrase: str, ref: dt.datetime) -> Any:
        # what parse() does inside, keeping the period (day, week, month, year)
        parser = self.DateDataParser(languages=["zh"], settings={"RELATIVE_BASE": ref})
        data = parser.get_date_data(phrase)
        return None if data["date_obj"] is None else (data["date_obj"], data["period"])

    def interval(self, result: Any) -> tuple[dt.date | None, dt.date | None] | None:
        if result is None:
            return None
        when, period = result
        day = when.date()
        if period == "year":
            return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        if period == "month":
            return day.replace(day=1), _last(day.year, day.month)
        if period == "week":
            monday = day - dt.timedelta(days=day.weekday())
            return monday, monday + dt.timedelta(days=6)
        return day, day


def _make_tool(name: str) -> _Tool:
    if name == "shixian":
        return _Shixian()
    if name == "shixian-cached":
        return _Shixian(cached=True)
    if name == "jionlp":
        return _JioNLP()
    if name == "dateparser":
        return _Dateparser()
    if name == "dateparser-reused":
        return _Dateparser(reuse=True)
    raise SystemExit(f"unknown tool {name}")


def _guarded(fn: Callable[..., Any], args: tuple[Any, ...], limit: float) -> tuple[str, Any, float]:
    """(outcome, result or exception, µs): outcome is ok, raised or timeout."""
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        start = time.perf_counter()
        try:
            result = fn(*args)
            outcome = "ok"
        except _Timeout:
            result, outcome = None, "timeout"
        except Exception as exc:
            result, outcome = exc, "raised"
        elapsed = (time.perf_counter() - start) * 1e6
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return outcome, result, elapsed


def _worker(tool_name: str, job_path: str) -> None:
    global _OUT_FD
    # the real stdout carries the protocol; whatever the libraries print goes to stderr
    _OUT_FD = os.dup(1)
    os.dup2(2, 1)

    def alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    mode, limit = job["mode"], job["timeout"]
    rows: list[list[str]] = job["rows"]
    if mode == "rss-bare":
        _emit(_peak_rss())
        return
    tool = _make_tool(tool_name)
    if mode in ("trace", "rss"):
        import tracemalloc

        prepared = [tool.prepare(p, r) for p, r, _ in rows]
        if mode == "trace":
            tracemalloc.start()
        for args in prepared:
            _guarded(tool.call, args, limit)
        if mode == "trace":
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            _emit({"peak_bytes": peak})
        else:
            _emit(_peak_rss())
        return
    _emit({"ready": True})
    if mode == "results":
        for i in range(job["start"], len(rows)):
            phrase, ref, expected = rows[i]
            outcome, result, us = _guarded(tool.answer, tool.prepare(phrase, ref), limit)
            record: dict[str, Any] = {"i": i, "outcome": outcome, "us": round(us, 1)}
            if outcome == "ok":
                record["returned"] = result is not None
                try:
                    record["correct"] = result is not None and tool.judge(result, expected)
                except Exception as exc:
                    record["correct"] = False
                    record["judge_error"] = f"{type(exc).__name__}: {exc}"[:200]
                if not record["correct"]:
                    record["answer"] = _show(result)
            elif outcome == "raised":
                record["declined"] = tool.declined(result)
                record["error"] = f"{type(result).__name__}: {result}"[:200]
            _emit(record)
        return
    if mode == "timing":
        skip = set(job["skip"])
        prepared = [None if i in skip else tool.prepare(p, r) for i, (p, r, _) in enumerate(rows)]
        for phrase in WARMUP:
            _guarded(tool.call, tool.prepare(phrase, "2016-05-01"), limit)
        if tool_name == "shixian-cached":  # fill the cache first
            for args in prepared:
                if args is not None:
                    _guarded(tool.call, args, limit)
        _emit({"ready_timing": True})
        run = 0
        while sys.stdin.readline().strip() == "go":  # the parent interleaves the tools' runs
            # two passes over the set: the first right after this worker waited for
            # its turn (its caches cooled by the other tools' runs), then the
            # steady-state pass that a table of phrases sees
            passes: list[list[float | None]] = []
            for _ in range(2):
                times: list[float | None] = []
                for args in prepared:
                    if args is None:
                        times.append(None)
                        continue
                    outcome, _, us = _guarded(tool.call, args, limit)
                    times.append(us if outcome != "timeout" else None)
                passes.append([None if t is None else round(t, 2) for t in times])
            _emit({"run": run, "us_first": passes[0], "us": passes[1]})
            run += 1
        return
    raise SystemExit(f"unknown mode {mode}")


def _peak_rss() -> dict[str, float]:
    """The peak resident set of this process: VmHWM, and ru_maxrss for comparison.

    On Linux ru_maxrss survives exec: a worker forked from a big parent reports at
    least the parent's size, so VmHWM (this address space's own high-water mark) is
    the number to read.
    """
    import resource

    found = {"maxrss_kb": float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                found["vmhwm_kb"] = float(line.split()[1])
    except OSError:
        pass
    return found


def _show(result: Any) -> str:
    if hasattr(result, "to_dict"):
        return " ; ".join(f"{p.kind.value}" for p in result.parts)[:200]
    return repr(result)[:200]


# -- the parent: spawning workers with a watchdog ----------------------------------


_ENV: dict[str, str] = {}


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of every subprocess: bytecode cached under ``pycache`` (the same
    for every library, and nothing written into the work tree), shixian from this tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


class _Worker:
    """A worker process; ``next`` returns its next protocol record, or raises TimeoutError."""

    def __init__(self, tool: str, job: dict[str, Any], tmp: Path) -> None:
        job_path = tmp / f"job-{tool}-{job['mode']}-{time.monotonic_ns()}.json"
        job_path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        self.tool = tool
        self.stderr_path = job_path.with_suffix(".err")
        self.stderr = open(self.stderr_path, "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", tool, "--job", str(job_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=_ENV or None,
        )
        assert self.proc.stdout is not None
        self.fd = self.proc.stdout.fileno()
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.fd, selectors.EVENT_READ)
        self.buffer = b""

    def next(self, wait: float) -> dict[str, Any] | None:
        """The next record within ``wait`` seconds; None at the end of the output."""
        deadline = time.monotonic() + wait
        while True:
            while b"\n" not in self.buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not self.selector.select(left):
                    raise TimeoutError
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    return None
                self.buffer += chunk
            line, _, self.buffer = self.buffer.partition(b"\n")
            if line.startswith(MARK):
                return dict(json.loads(line[len(MARK) :]))

    def records(self, first_wait: float, wait: float) -> Iterator[dict[str, Any]]:
        limit = first_wait
        while (rec := self.next(limit)) is not None:
            limit = wait
            yield rec

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def close(self) -> str:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.selector.close()
        self.stderr.close()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")


def run_results(
    tool: str, rows: list[tuple[str, str, str]], timeout: float, tmp: Path
) -> list[dict[str, Any]]:
    """One judged call per row; a worker that hangs (or dies) on a row is killed and
    restarted after that row, which is recorded as timed out (or crashed)."""
    out: list[dict[str, Any]] = []
    while len(out) < len(rows):
        start = len(out)
        worker = _Worker(
            tool, {"mode": "results", "rows": rows, "start": start, "timeout": timeout}, tmp
        )
        ready = False
        try:
            for rec in worker.records(first_wait=120, wait=timeout + 10):
                ready = ready or bool(rec.get("ready"))
                if "i" in rec:
                    out.append(rec)
            lost: dict[str, Any] | None = None if len(out) == len(rows) else {"outcome": "raised"}
        except TimeoutError:
            lost = {"outcome": "timeout", "killed": True}
        finally:
            log = worker.close()
        if not ready:
            raise SystemExit(f"{tool} worker failed to start:\n{log[-2000:]}")
        if lost is not None:
            if lost["outcome"] == "raised":
                lost.update(
                    declined=False, error=f"worker process died (exit {worker.proc.returncode})"
                )
                print(f"  {tool}: worker died on row {len(out)}: {log[-500:]}", file=sys.stderr)
            out.append({"i": len(out), "us": None, **lost})
    return out


Medians = dict[str, list[float | None] | None]


def run_timing(
    tools: list[str],
    rows: list[tuple[str, str, str]],
    skip: list[int],
    repeat: int,
    timeout: float,
    budget: float,
    tmp: Path,
) -> tuple[Medians, Medians]:
    """Each phrase's median time over ``repeat`` runs (µs) per tool, None where skipped:
    for the steady-state pass, and for the first pass of each run.

    One worker per tool, all started (and warmed up) first; then the runs are
    interleaved, round by round, the order rotating, so that other load on the
    machine falls on every tool alike. In each run a worker reads the set twice:
    the first pass starts with caches cooled by the other tools' runs (and, for
    a small set such as the 32 seed cells, is mostly that); the second is the
    steady state of a program reading a table of phrases.
    """
    job = {"mode": "timing", "rows": rows, "skip": skip, "timeout": timeout}
    workers: dict[str, _Worker] = {}
    runs: dict[str, list[list[float | None]]] = {t: [] for t in tools}
    first_runs: dict[str, list[list[float | None]]] = {t: [] for t in tools}
    failed: set[str] = set()
    try:
        for tool in tools:
            workers[tool] = _Worker(tool, job, tmp)
            for rec in workers[tool].records(first_wait=120, wait=budget):
                if rec.get("ready_timing"):
                    break
            else:
                raise SystemExit(f"{tool} timing worker failed:\n{workers[tool].close()[-2000:]}")
        for r in range(repeat):
            order = tools[r % len(tools) :] + tools[: r % len(tools)]
            for tool in order:
                if tool in failed:
                    continue
                workers[tool].send("go")
                try:
                    rec = workers[tool].next(budget)
                except TimeoutError:
                    print(
                        f"  {tool}: a timing run took over {budget:.0f} s; its timing is abandoned",
                        file=sys.stderr,
                    )
                    failed.add(tool)
                    workers[tool].close()
                    continue
                if rec is None or "run" not in rec:
                    raise SystemExit(
                        f"{tool} timing worker failed:\n{workers[tool].close()[-2000:]}"
                    )
                runs[tool].append(rec["us"])
                first_runs[tool].append(rec["us_first"])
    finally:
        for worker in workers.values():
            worker.close()

    def medians_of(per_tool: dict[str, list[list[float | None]]]) -> Medians:
        out: Medians = {}
        for tool in tools:
            if tool in failed:
                out[tool] = None
                continue
            medians: list[float | None] = []
            for i in range(len(rows)):
                values = [run[i] for run in per_tool[tool] if run[i] is not None]
                medians.append(statistics.median(values) if values else None)
            out[tool] = medians
        return out

    return medians_of(runs), medians_of(first_runs)


def run_memory(
    tool: str, rows: list[tuple[str, str, str]], timeout: float, tmp: Path
) -> dict[str, float]:
    """tracemalloc peak and peak RSS of fresh processes that read ``rows``."""
    found: dict[str, float] = {}
    for mode in ("trace", "rss"):
        worker = _Worker(tool, {"mode": mode, "rows": rows, "timeout": timeout}, tmp)
        try:
            for rec in worker.records(first_wait=600, wait=600):
                found.update(rec)
        finally:
            worker.close()
    return {
        "tracemalloc_peak_mb": found["peak_bytes"] / 2**20,
        "vmhwm_mb": found.get("vmhwm_kb", float("nan")) / 1024,
        "ru_maxrss_mb": found["maxrss_kb"] / 1024,
    }


def bare_rss(tmp: Path) -> dict[str, float]:
    worker = _Worker("none", {"mode": "rss-bare", "rows": [], "timeout": 1}, tmp)
    try:
        rec = worker.next(60) or {}
    finally:
        worker.close()
    return {
        "vmhwm_mb": rec.get("vmhwm_kb", float("nan")) / 1024,
        "ru_maxrss_mb": rec["maxrss_kb"] / 1024,
    }


IMPORTS = {
    "shixian": (
        "import shixian",
        "import shixian; shixian.normalize('2016年7月底前', reference='2016-05-01')",
    ),
    "jionlp": (
        "import jionlp",
        "import jionlp; "
        "jionlp.parse_time('2016年7月底前', time_base={'year': 2016, 'month': 5, 'day': 1})",
    ),
    "dateparser": (
        "import dateparser",
        "import dateparser, datetime; dateparser.parse('2016年7月', languages=['zh'], "
        "settings={'RELATIVE_BASE': datetime.datetime(2016, 5, 1)})",
    ),
}


def _process_s(code: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        env=_ENV or None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def import_times(tools: list[str], runs: int) -> dict[str, Any]:
    """Wall time of ``python -c CODE`` for a bare interpreter, each import and each
    import + first result, in ms: median and min over ``runs`` interleaved rounds
    (after one untimed round that fills the bytecode cache); the tools' numbers are
    above the bare interpreter's."""
    codes = {"bare": "pass"}
    for tool in tools:
        codes[f"{tool}:import"], codes[f"{tool}:first"] = IMPORTS[tool]
    times: dict[str, list[float]] = {k: [] for k in codes}
    for r in range(runs + 1):
        for key, code in codes.items():
            elapsed = _process_s(code) * 1000
            if r:
                times[key].append(elapsed)
    med = {k: statistics.median(v) for k, v in times.items()}
    low = {k: min(v) for k, v in times.items()}
    out: dict[str, Any] = {"bare_ms": med["bare"], "bare_min_ms": low["bare"], "runs": runs}
    for tool in tools:
        out[tool] = {
            "import_ms": med[f"{tool}:import"] - med["bare"],
            "first_result_ms": med[f"{tool}:first"] - med["bare"],
            "import_min_ms": low[f"{tool}:import"] - low["bare"],
            "first_result_min_ms": low[f"{tool}:first"] - low["bare"],
        }
    return out


def banner(tool: str) -> str:
    """What ``import tool`` prints on stdout and stderr."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {tool}"], capture_output=True, text=True, env=_ENV or None
    )
    return (done.stdout + done.stderr).strip()


def versions() -> dict[str, str]:
    from importlib import metadata

    found = {}
    for name in TOOLS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def available(tool: str) -> str | None:
    """None when ``tool`` imports; else why not."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {tool}"], capture_output=True, text=True, env=_ENV or None
    )
    if done.returncode == 0:
        return None
    return (done.stderr.strip().splitlines() or ["import failed"])[-1]


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": dt.date.today().isoformat(),
        "load_average_at_start": os.getloadavg(),
    }


# -- summaries and the report ---------------------------------------------------------


def _expressible(expected: str) -> bool:
    from shixian.io.corpus import parse_expected

    parts = parse_expected(expected)
    return len(parts) == 1 and parts[0].kind in ("deadline", "window")


def summarize_results(
    rows: list[tuple[str, str, str]], recs: list[dict[str, Any]]
) -> dict[str, Any]:
    expressible = [_expressible(e) for _, _, e in rows]
    correct = [bool(r.get("correct")) for r in recs]
    crashes = [
        {"phrase": rows[r["i"]][0], "reference": rows[r["i"]][1], "error": r["error"]}
        for r in recs
        if r["outcome"] == "raised" and not r.get("declined")
    ]
    timeouts = [
        {"phrase": rows[r["i"]][0], "reference": rows[r["i"]][1]}
        for r in recs
        if r["outcome"] == "timeout"
    ]
    wrong = [
        {
            "phrase": rows[r["i"]][0],
            "reference": rows[r["i"]][1],
            "expected": rows[r["i"]][2],
            "answer": r.get("answer") or r.get("error", ""),
        }
        for r in recs
        if not r.get("correct")
    ]
    return {
        "rows": len(rows),
        "expressible": sum(expressible),
        "correct": sum(correct),
        "correct_expressible": sum(c for c, e in zip(correct, expressible, strict=True) if e),
        "returned": sum(1 for r in recs if r["outcome"] == "ok" and r.get("returned")),
        "declined": sum(1 for r in recs if r["outcome"] == "raised" and r.get("declined"))
        + sum(1 for r in recs if r["outcome"] == "ok" and not r.get("returned")),
        "crashed": len(crashes),
        "timed_out": len(timeouts),
        "slowest_call_ms": max((r["us"] or 0) for r in recs) / 1000 if recs else 0,
        "crashes": crashes,
        "timeouts": timeouts,
        "wrong_examples": wrong[:40],
    }


def summarize_times(medians: list[float | None] | None) -> dict[str, float] | None:
    if medians is None:
        return None
    values = sorted(v for v in medians if v is not None)
    if not values:
        return None
    return {
        "median_us": statistics.median(values),
        "mean_us": statistics.fmean(values),
        "p90_us": values[int(len(values) * 0.9)],
        "max_us": values[-1],
        "timed": len(values),
    }


def _fmt_us(v: float) -> str:
    return f"{v:,.2f}" if v < 10 else f"{v:,.1f}" if v < 1000 else f"{v:,.0f}"


def _timing_tables(timing: dict[str, Any], sets: list[str], title: str) -> list[str]:
    lines = [f"### {title}", ""]
    lines.append("| tool | " + " | ".join(f"{s} median | {s} mean | {s} p90" for s in sets) + " |")
    lines.append("|---|" + "---:|" * (3 * len(sets)))
    for tool in timing:
        cells = []
        for s in sets:
            t = timing[tool].get(s)
            cells += (
                ["—"] * 3
                if t is None
                else [_fmt_us(t["median_us"]), _fmt_us(t["mean_us"]), _fmt_us(t["p90_us"])]
            )
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    lines.append("")
    base = timing.get("shixian", {})
    lines.append("How many times faster shixian (uncached) is, by median / by mean:")
    lines.append("")
    lines.append("| peer | " + " | ".join(sets) + " |")
    lines.append("|---|" + "---:|" * len(sets))
    for tool in timing:
        if tool.startswith("shixian"):
            continue
        cells = []
        for s in sets:
            t, b = timing[tool].get(s), base.get(s)
            cells.append(
                "—"
                if t is None or b is None
                else f"{t['median_us'] / b['median_us']:.1f}× / {t['mean_us'] / b['mean_us']:.1f}×"
            )
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines


#: The per-phrase target of the performance issue (16, §2): shixian uncached at least
#: this many times faster than JioNLP's parse_time, by median, on every set.
TARGET_RATIO = 20.0


def _target(timing: dict[str, Any], sets: list[str]) -> list[str]:
    """The target, and the measured ratio on each set (steady state, by median)."""
    ours, peer = timing.get("shixian", {}), timing.get("jionlp", {})
    lines = [
        f"### Target: shixian (uncached) >= {TARGET_RATIO:.0f}x faster than JioNLP, by median",
        "",
    ]
    for s in sets:
        a, b = ours.get(s), peer.get(s)
        if a is None or b is None:
            lines.append(f"- {s}: not measured (a tool did not run)")
            continue
        ratio = b["median_us"] / a["median_us"]
        wanted = b["median_us"] / TARGET_RATIO
        verdict = "pass" if ratio >= TARGET_RATIO else "FAIL"
        lines.append(
            f"- {s}: {ratio:.1f}x ({_fmt_us(a['median_us'])} µs against "
            f"{_fmt_us(b['median_us'])} µs; the target needs <= {_fmt_us(wanted)} µs): {verdict}"
        )
    lines.append("")
    return lines


def report(data: dict[str, Any]) -> str:
    sets = list(data["sets"])
    lines = []
    m = data["machine"]
    lines.append(
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['implementation']} {m['python']}, "
        f"{m['platform']}; {m['date']}"
    )
    lines.append(
        "Load average (1/5/15 min) at start {:.2f} {:.2f} {:.2f}, "
        "at end {:.2f} {:.2f} {:.2f}".format(*m["load_average_at_start"], *m["load_average_at_end"])
    )
    lines.append("Versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()))
    lines.append("Sets: " + ", ".join(f"{s} ({data['sets'][s]} phrases)" for s in sets))
    lines.append("")
    lines += _target(data["timing"], sets)
    lines += _timing_tables(
        data["timing"],
        sets,
        "Time per phrase, steady state (µs; each phrase's median over the runs; "
        "then median / mean / p90 over phrases)",
    )
    if data.get("timing_first_pass"):
        lines += _timing_tables(
            data["timing_first_pass"],
            sets,
            "Time per phrase, first pass of each run (caches cooled by the other tools' runs)",
        )
    lines.append("### Correctness (see the module docstring for how peers are judged)")
    lines.append("")
    lines.append(
        "| tool | set | correct | correct of expressible | returned anything | declined "
        "| crashed | timed out | slowest call (ms) |"
    )
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for tool, per_set in data["results"].items():
        for s in sets:
            r = per_set.get(s)
            if r is None:
                continue
            n, e = r["rows"], r["expressible"]
            lines.append(
                f"| {tool} | {s} | {r['correct']}/{n} ({100 * r['correct'] / n:.1f}%) | "
                f"{r['correct_expressible']}/{e} "
                f"({100 * r['correct_expressible'] / max(e, 1):.1f}%) | "
                f"{r['returned']}/{n} | {r['declined']} | {r['crashed']} | {r['timed_out']} | "
                f"{r['slowest_call_ms']:.1f} |"
            )
    lines.append("")
    imp = data["imports"]
    lines.append(
        "### Import and first result (ms above a bare interpreter; "
        f"median and min of {imp['runs']} "
        "interleaved subprocess runs)"
    )
    lines.append("")
    lines.append(f"Bare interpreter: {imp['bare_ms']:.1f} ms (min {imp['bare_min_ms']:.1f} ms).")
    lines.append("")
    lines.append(
        "| tool | import (median) | import (min) | import + first result (median) | (min) |"
    )
    lines.append("|---|---:|---:|---:|---:|")
    for tool, v in imp.items():
        if isinstance(v, dict):
            lines.append(
                f"| {tool} | {v['import_ms']:.1f} | {v['import_min_ms']:.1f} | "
                f"{v['first_result_ms']:.1f} | {v['first_result_min_ms']:.1f} |"
            )
    lines.append("")
    lines.append("### Memory (reading the seed cells and the corpus once, in a fresh process)")
    lines.append("")
    bare = data["memory_bare"]
    lines.append(f"Bare worker (the harness, no library): peak RSS {bare['vmhwm_mb']:.1f} MB.")
    lines.append("")
    lines.append(
        "| tool | tracemalloc peak (MB) | peak RSS, VmHWM (MB) | above bare (MB) | ru_maxrss (MB) |"
    )
    lines.append("|---|---:|---:|---:|---:|")
    for tool, v in data["memory"].items():
        lines.append(
            f"| {tool} | {v['tracemalloc_peak_mb']:.1f} | {v['vmhwm_mb']:.1f} | "
            f"{v['vmhwm_mb'] - bare['vmhwm_mb']:.1f} | {v['ru_maxrss_mb']:.1f} |"
        )
    notes = []
    for tool, per_set in data["results"].items():
        for s, r in per_set.items():
            for c in r["crashes"][:5]:
                notes.append(
                    f"- {tool} crashed on {c['phrase']!r} ({s}, reference {c['reference']}): "
                    f"{c['error']}"
                )
            if r["crashed"] > 5:
                notes.append(f"- {tool}: {r['crashed'] - 5} more crashes in {s}")
            for t in r["timeouts"][:5]:
                notes.append(f"- {tool} timed out on {t['phrase']!r} ({s})")
    for tool, why in data.get("unavailable", {}).items():
        notes.append(f"- {tool} could not be imported: {why}")
    for tool, text in data.get("banners", {}).items():
        if text:
            notes.append(f"- `import {tool}` prints: " + " / ".join(text.splitlines()[:3]))
    if notes:
        lines += ["", "### Notes", "", *notes]
    return "\n".join(lines)


def main() -> None:
    global _ENV
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--generated", type=int, default=20000, help="size of the generated set")
    parser.add_argument("--seed", type=int, default=20161231, help="seed of the generated set")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs over seed and corpus")
    parser.add_argument(
        "--repeat-generated", type=int, default=3, help="timed runs over the generated set"
    )
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per call")
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help="comma-separated: shixian,jionlp,dateparser"
    )
    parser.add_argument("--quick", action="store_true", help="2,000 generated phrases, fewer runs")
    parser.add_argument(
        "--json", metavar="OUT", help="also write all numbers (and wrong answers) as JSON"
    )
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker, args.job)
        return
    if args.quick:
        args.generated, args.repeat, args.repeat_generated, args.import_runs = 2000, 3, 2, 3
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench_peers_") as tmpdir:
        tmp = Path(tmpdir)
        _ENV = child_env(tmp / "pycache")
        wanted = [t for t in args.tools.split(",") if t]
        unavailable = {t: why for t in wanted if (why := available(t)) is not None}
        tools = [t for t in wanted if t not in unavailable]
        for t, why in unavailable.items():
            print(f"{t} is not available ({why}); it is left out", file=sys.stderr)
        sets = phrase_sets(args.generated, args.seed)
        data: dict[str, Any] = {
            "machine": machine(),
            "versions": versions(),
            "settings": {k: v for k, v in vars(args).items() if k not in ("worker", "job", "json")},
            "sets": {name: len(rows) for name, rows in sets.items()},
            "unavailable": unavailable,
            "results": {},
            "timing": {},
            "imports": {},
            "memory": {},
            "banners": {t: banner(t) for t in tools if t != "shixian"},
        }
        skip: dict[str, set[int]] = {name: set() for name in sets}
        slowest: dict[str, float] = {name: 0.0 for name in sets}
        for tool in tools:
            data["results"][tool] = {}
            for name, rows in sets.items():
                t0 = time.perf_counter()
                recs = run_results(tool, rows, args.timeout, tmp)
                data["results"][tool][name] = summarize_results(rows, recs)
                skip[name] |= {r["i"] for r in recs if r["outcome"] == "timeout"}
                slowest[name] = max(slowest[name], time.perf_counter() - t0)
                print(
                    f"  judged {tool} on {name}: "
                    f"{data['results'][tool][name]['correct']}/{len(rows)} correct "
                    f"({time.perf_counter() - t0:.1f} s)",
                    file=sys.stderr,
                )
        timed = [t for t in TIMED if t.split("-")[0] in tools]
        data["timing"] = {tool: {} for tool in timed}
        data["timing_first_pass"] = {tool: {} for tool in timed}
        for name, rows in sets.items():
            repeat = args.repeat_generated if name == "generated" else args.repeat
            t0 = time.perf_counter()
            medians, first_pass = run_timing(
                timed,
                rows,
                sorted(skip[name]),
                repeat,
                args.timeout,
                budget=60 + 20 * slowest[name],
                tmp=tmp,
            )
            for tool in timed:
                data["timing"][tool][name] = summarize_times(medians[tool])
                data["timing_first_pass"][tool][name] = summarize_times(first_pass[tool])
            print(
                f"  timed {', '.join(timed)} on {name}, {repeat} interleaved runs "
                f"({time.perf_counter() - t0:.1f} s)",
                file=sys.stderr,
            )
        data["imports"] = import_times(tools, args.import_runs)
        print("  measured import times", file=sys.stderr)
        data["memory_bare"] = bare_rss(tmp)
        memory_rows = sets["seed"] + sets["corpus"]
        for tool in tools:
            data["memory"][tool] = run_memory(tool, memory_rows, args.timeout, tmp)
        print("  measured memory", file=sys.stderr)
    data["elapsed_s"] = time.perf_counter() - started
    data["machine"]["load_average_at_end"] = os.getloadavg()
    print(report(data))
    print(f"\n(total run time {data['elapsed_s']:.0f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
