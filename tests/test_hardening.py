"""Hardening: arbitrary Unicode, a 1 MB document, long numbers,
pickling/hashing/determinism across processes and threads, and the negatives in prose.

Linear growth on adversarial input is checked by counting work in
``tests/test_linearity.py`` (no test here reads the clock).
"""

from __future__ import annotations

import concurrent.futures
import csv
import json
import multiprocessing
import os
import pickle
import random
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shixian
from shixian import MAX_PHRASE_LENGTH, ShixianError, extract, normalize
from shixian.cli import main

from .conftest import CORPUS, ROOT

REF = "2016-05-01"
SEEDS = Path(os.environ.get("SHIXIAN_SEEDS", str(ROOT.parent / "shared" / "seeds")))
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")

HAS_FORK = "fork" in multiprocessing.get_all_start_methods()


# -- corpus and seeds ---------------------------------------------------------


def _tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a corpus file (``#`` comment lines first, then a header)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
    return rows


def _corpus_items() -> list[tuple[str, str]]:
    """(text, reference) of every phrase and sentence in corpus/*.tsv."""
    items: list[tuple[str, str]] = []
    for path in sorted(CORPUS.glob("*.tsv")):
        for row in _tsv(path):
            for column in ("phrase", "sentence"):
                text = row.get(column)
                if text:
                    items.append((text, row.get("reference") or REF))
    return list(dict.fromkeys(items))


SEED_CELLS = [(r["phrase"], r["reference"]) for r in _tsv(CORPUS / "seed_cells.tsv")]
CORPUS_ITEMS = _corpus_items()


def _seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed documents in {SEEDS}")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        pytest.skip(f"no seed documents in {SEEDS}")
    return texts


def _outcome(func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    """A comparable record of a call: its result's dict form, or its error."""
    try:
        result = func(*args, **kwargs)
    except ShixianError as exc:
        return ("error", type(exc).__name__, str(exc))
    if isinstance(result, list):
        return ("ok", [(m.start, m.end, m.text, m.to_dict()) for m in result])
    return ("ok", result.to_dict(), result)


def _check_matches(text: str, matches: list[shixian.Match]) -> None:
    """extract()'s contract: ordered, non-overlapping, each match is its own slice."""
    last_end = 0
    for m in matches:
        assert 0 <= last_end <= m.start < m.end <= len(text), (last_end, m)
        assert m.text == text[m.start : m.end], m
        assert m.result.text == m.text
        last_end = m.end


# -- long numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1" * 5000 + "个工作日内",
        "1" * 5000 + "小时",
        "1" * 5000 + "次",
        "1" * 5000 + "季度",
        "第" + "1" * 5000 + "季度",
        "每" + "1" * 5000 + "天",
        "1-" + "1" * 5000 + "月",
        "完成时限:" + "9" * 4400 + "个工作日内。",
    ],
    ids=lambda t: t[:2] + "…" + t[-5:],
)
def test_extract_long_numbers_raise_only_documented_errors(text: str) -> None:
    """Numbers longer than Python's int-string limit (4300 digits) in running text."""
    try:
        matches = extract(text, REF)
    except ShixianError:
        return
    _check_matches(text, matches)


# -- a 1 MB document ----------------------------------------------------------


@pytest.fixture(scope="module")
def big_document() -> tuple[str, str, list[shixian.Match]]:
    """(one copy of the seeds, the ~1 MB document of copies, its matches)."""
    one = "\n".join(_seed_texts()) + "\n"
    copies = 1_000_000 // len(one) + 1
    document = one * copies
    return one, document, extract(document, "2016-06-30")


def test_extract_one_megabyte(big_document: tuple[str, str, list[shixian.Match]]) -> None:
    _, document, matches = big_document
    print(
        f"extract() on {len(document):,} chars ({len(document.encode()):,} bytes UTF-8): "
        f"{len(matches)} matches"
    )
    assert len(document) >= 1_000_000
    assert matches
    _check_matches(document, matches)


def test_repeating_a_document_repeats_its_matches(
    big_document: tuple[str, str, list[shixian.Match]],
) -> None:
    """Each copy of the seeds inside the 1 MB document has the matches of the seeds alone."""
    one, document, matches = big_document
    alone = [(m.start, m.end, m.text, m.result.to_dict()) for m in extract(one, "2016-06-30")]
    size = len(one)
    copies = len(document) // size
    by_copy: list[list[tuple[int, int, str, dict[str, Any]]]] = [[] for _ in range(copies)]
    for m in matches:
        k = m.start // size
        by_copy[k].append((m.start - k * size, m.end - k * size, m.text, m.result.to_dict()))
    for k, found in enumerate(by_copy):
        assert found == alone, f"copy {k} at offset {k * size} differs from the seeds alone"


# -- arbitrary Unicode --------------------------------------------------------

VOCAB = (
    "0123456789０１２３年月日号底末初中前后内季度每周旬半上下至到—-~～起止及时全工作"
    "第一二三四五六七八九十百千万〇零两廿卅个天小时钟头次报定期以之从自截不晚迟于最"
    "按照根据依待与同步公开法条例规定时限长期坚持即今明去本当次月"
    ",，。;；、：:!?？ \u3000\t\n\r\x00\x0b\x0c\x1c\x85\u2028\u2029\ufeff()（）【】《》“”\"'"
)
CHARS = st.one_of(st.sampled_from(VOCAB), st.characters())
RUNS = st.builds(
    lambda a, ch, n, b: a + ch * n + b,
    st.text(CHARS, max_size=12),
    st.one_of(st.sampled_from(VOCAB), st.characters(), st.sampled_from(["2016年", "每年", "1月"])),
    st.integers(0, 700),
    st.text(CHARS, max_size=12),
)
ANY_TEXT = st.one_of(st.text(), st.text(CHARS, max_size=300), RUNS)
# a file holds no lone surrogates: UTF-8 cannot encode them
FILE_TEXT = ANY_TEXT.map(lambda t: t.encode("utf-8", "replace").decode("utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(ANY_TEXT, st.text(CHARS, min_size=1990, max_size=2010)))
def test_normalize_raises_only_documented_errors(text: str) -> None:
    try:
        result = normalize(text, REF)
    except ShixianError as exc:
        if len(text) > MAX_PHRASE_LENGTH:
            assert isinstance(exc, shixian.InputTooLong)
        return
    assert len(text) <= MAX_PHRASE_LENGTH
    assert result.parts
    for part in result.parts:
        lo, hi = part.span
        assert 0 <= lo <= hi <= len(text)
    json.dumps(result.to_dict())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_extract_raises_only_documented_errors(text: str) -> None:
    try:
        matches = extract(text, REF)
    except ShixianError:
        return
    _check_matches(text, matches)
    for m in matches:
        json.dumps(m.to_dict())


def test_non_strings_are_type_errors() -> None:
    for value in (None, b"2016\xe5\xb9\xb4", 2016, ["2016年"]):
        if value is not None:  # None is a missing cell: EmptyPhrase (tests/test_pandas.py)
            with pytest.raises(TypeError):
                normalize(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            extract(value)  # type: ignore[arg-type]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(phrases=st.lists(ANY_TEXT, min_size=1, max_size=6))
def test_cli_normalize_never_raises(phrases: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["normalize", "-r", REF, "--json", "--", *phrases])
    out, _ = capsys.readouterr()
    assert code == 0
    lines = out.split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert [r["text"] for r in records] == phrases  # one record per phrase, in order
    code = main(["normalize", "-r", REF, "--", *phrases])
    out, _ = capsys.readouterr()
    assert code == 0
    if not any("\n" in p for p in phrases):
        assert len(out.split("\n")) - 1 == len(phrases)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cells=st.lists(st.tuples(FILE_TEXT, FILE_TEXT.map(lambda t: t[:20])), max_size=10))
def test_cli_table_never_loses_a_row(
    cells: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["id", "完成时限", "其他"]] + [[str(i), a, b] for i, (a, b) in enumerate(cells)]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.csv"), Path(tmp, "out.csv")
        with src.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        argv = ["table", str(src), "-c", "完成时限", "-r", REF, "-o", str(out), "-q"]
        code = main([*argv, "--raw-formulas"])  # every cell exactly as read
        _, err = capsys.readouterr()
        assert code == 0, err
        with out.open(encoding="utf-8", newline="") as handle:
            limit = csv.field_size_limit(2**30)  # a cell of hundreds of parts: long JSON
            try:
                result = list(csv.reader(handle))
            finally:
                csv.field_size_limit(limit)
    assert len(result) == len(rows)
    assert [r[:3] for r in result] == rows
    kind, error = result[0].index("kind"), result[0].index("error")
    for r in result[1:]:
        assert bool(r[kind]) != bool(r[error]), r


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=FILE_TEXT)  # a UTF-8 file cannot hold lone surrogates
def test_cli_extract_never_raises(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "doc.txt")
        src.write_bytes(text.encode("utf-8"))
        code = main(["extract", str(src), "-r", REF])
    out, _ = capsys.readouterr()
    assert code == 0
    records = [json.loads(line) for line in out.split("\n") if line]
    decoded = text[1:] if text.startswith("\ufeff") else text
    assert [(r["start"], r["end"]) for r in records] == [
        (m.start, m.end) for m in extract(decoded, REF)
    ]


# -- pickling, hashing, determinism -------------------------------------------


def _results() -> Iterator[shixian.Normalized]:
    for text, ref in CORPUS_ITEMS:
        try:
            yield normalize(text, ref, cache=False)
        except ShixianError:
            continue


def test_results_pickle_and_hash() -> None:
    results = list(_results())
    assert len(results) > 100
    for result in results:
        again = pickle.loads(pickle.dumps(result))
        assert again == result
        assert again.to_dict() == result.to_dict()
        assert hash(again) == hash(result)
    assert len(set(results)) == len(results)  # usable as set members and dict keys
    for m in extract("每周公开食品抽检信息,每季度公开药品抽检信息。2016年7月底前完成。", REF):
        assert pickle.loads(pickle.dumps(m)) == m
        assert hash(pickle.loads(pickle.dumps(m))) == hash(m)


ERROR_CASES = [
    "2016年2月30日",  # InvalidDate
    "第五季度",  # InvalidDate
    "加强省长网上信箱留言受理与回应",  # UnrecognizedPhrase
    "x" * (MAX_PHRASE_LENGTH + 1),  # InputTooLong
]


@pytest.mark.parametrize("text", ERROR_CASES, ids=lambda t: t[:10])
def test_errors_pickle(text: str) -> None:
    """An error must cross a process boundary (multiprocessing pickles it) unchanged."""
    with pytest.raises(ShixianError) as info:
        normalize(text, REF)
    error = info.value
    try:
        again = pickle.loads(pickle.dumps(error))
    except Exception as exc:
        pytest.fail(
            f"{type(error).__name__} does not survive pickling: {type(exc).__name__}: {exc}",
            pytrace=False,
        )
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.__dict__ == error.__dict__


def test_normalize_is_deterministic() -> None:
    for text, ref in CORPUS_ITEMS:
        first = _outcome(normalize, text, ref, cache=False)
        assert _outcome(normalize, text, ref, cache=False) == first
        assert _outcome(normalize, text, ref) == first
        assert _outcome(normalize, text, ref) == first


_SUBPROCESS = """
import json, sys
import shixian
items = json.loads(sys.stdin.read())
out = []
for text, ref in items["phrases"]:
    try:
        out.append(shixian.normalize(text, ref, cache=False).to_dict())
    except shixian.ShixianError as exc:
        out.append([type(exc).__name__, str(exc)])
docs = [[m.to_dict() for m in shixian.extract(doc, "2016-06-30")] for doc in items["documents"]]
sys.stdout.buffer.write(json.dumps({"phrases": out, "documents": docs}).encode("utf-8"))
"""


def _in_process(items: list[tuple[str, str]], documents: list[str]) -> dict[str, Any]:
    out: list[Any] = []
    for text, ref in items:
        try:
            out.append(normalize(text, ref, cache=False).to_dict())
        except ShixianError as exc:
            out.append([type(exc).__name__, str(exc)])
    docs = [[m.to_dict() for m in extract(doc, "2016-06-30")] for doc in documents]
    same: dict[str, Any] = json.loads(json.dumps({"phrases": out, "documents": docs}))
    return same


def test_same_results_in_another_process() -> None:
    """Another interpreter, with another string-hash seed, gives the same results."""
    documents = _seed_texts() if SEEDS.is_dir() else []
    expected = _in_process(CORPUS_ITEMS, documents)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONHASHSEED"] = str(random.randrange(1, 2**32 - 1))
    payload = json.dumps({"phrases": CORPUS_ITEMS, "documents": documents})
    done = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS],
        input=payload.encode("utf-8"),
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    got = json.loads(done.stdout.decode("utf-8"))
    assert got["phrases"] == expected["phrases"], f"PYTHONHASHSEED={env['PYTHONHASHSEED']}"
    assert got["documents"] == expected["documents"], f"PYTHONHASHSEED={env['PYTHONHASHSEED']}"


def test_process_pool_matches_in_process_results() -> None:
    texts = [t for t, _ in SEED_CELLS]
    refs = [r for _, r in SEED_CELLS]
    expected = [normalize(t, r, cache=False) for t, r in SEED_CELLS]
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as on Windows/macOS
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        got = list(pool.map(normalize, texts, refs, timeout=300))
    assert got == expected
    assert [g.to_dict() for g in got] == [e.to_dict() for e in expected]


def test_process_pool_reports_errors() -> None:
    """A phrase that fails in a worker raises the same error in the parent."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        futures = {text: pool.submit(normalize, text, REF) for text in ERROR_CASES}
        for text, future in futures.items():
            with pytest.raises(ShixianError) as info:
                normalize(text, REF)
            try:
                future.result(timeout=300)
            except Exception as exc:  # compared below
                got: BaseException = exc
            else:
                pytest.fail(f"{text[:20]!r} did not fail in the worker")
            expected = info.value
            assert (type(got), str(got)) == (type(expected), str(expected)), (
                f"{text[:20]!r}: the worker's {type(expected).__name__} arrived in the parent "
                f"as {type(got).__name__}: {got}"
            )


# -- threads ------------------------------------------------------------------


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Switch threads very often, to give races a chance."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def _in_threads(work: Callable[[int], dict[int, Any]], threads: int = 4) -> list[dict[int, Any]]:
    barrier = threading.Barrier(threads)

    def start(seed: int) -> dict[int, Any]:
        barrier.wait()
        return work(seed)

    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(start, range(threads)))


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
@pytest.mark.usefixtures("busy_switching")
def test_normalize_from_four_threads(cache: bool) -> None:
    items = CORPUS_ITEMS
    expected = [_outcome(normalize, t, r, cache=False) for t, r in items]
    if cache:
        clear = getattr(getattr(shixian.api, "_cached", None), "cache_clear", None)
        if clear is not None:
            clear()

    def work(seed: int) -> dict[int, Any]:
        order = list(range(len(items)))
        random.Random(seed).shuffle(order)
        return {i: _outcome(normalize, items[i][0], items[i][1], cache=cache) for i in order}

    for got in _in_threads(work):
        assert [got[i] for i in range(len(items))] == expected


@pytest.mark.usefixtures("busy_switching")
def test_extract_from_four_threads() -> None:
    texts = [t for t, _ in CORPUS_ITEMS]
    if SEEDS.is_dir():
        texts += _seed_texts()
    expected = [_outcome(extract, t, REF) for t in texts]

    def work(seed: int) -> dict[int, Any]:
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        return {i: _outcome(extract, texts[i], REF) for i in order}

    for got in _in_threads(work):
        assert [got[i] for i in range(len(texts))] == expected


# -- negatives in prose -------------------------------------------------------

#: (words that are no time, a sentence of the seeds that holds them)
NEGATIVES_IN_PROSE = [
    ("超过500个", "1.创新医疗机构院务公开形式，培育全省医疗机构微信公众号超过500个。"),
    ("不低于4%", "梳理政府绩效评估政务公开工作各项指标,确保政务公开工作分值总体权重不低于4%。"),
    (
        "不低于4%",
        "牵头制订省政府部门绩效考核方案，推动政务公开工作纳入依法行政专项考核中，"
        "所占分值权重不低于4%。",
    ),
    (
        "第一新闻发言人",
        "1.遇有重大突发事件时,负责处置的地方和部门是信息发布的第一责任人,"
        "主要负责人要当好“第一新闻发言人”。特别重大、重大突发事件发生后,"
        "应在24小时内举行新闻发布会。",
    ),
    (
        "192项",
        "2.公开市有关部门取消、调整和保留行政审批事项;清理规范中介服务事项,"
        "承接落实好国务院第二批192项、广东省第一批58项中介服务事项,"
        "研究出台并公开第二批清理规范目录清单。",
    ),
    ("十件民生实事", "1.按照省政府要求,公布我市承担的省十件民生实事重点任务年度完成情况。"),
    (
        "十件民生实事",
        "1.2016年起督导各地、各部门全面公开省十件民生实事的任务目标、责任分工、"
        "阶段性工作任务等内容，每半年向社会公开进展和完成情况以及存在问题和下一步工作措施。",
    ),
    (
        "三年攻坚",
        "1.及时公开中央、省委省政府及有关部门制定的精准扶贫精准脱贫三年攻坚的有关政策措施文件。",
    ),
]


@pytest.mark.parametrize(("words", "sentence"), NEGATIVES_IN_PROSE, ids=lambda v: v[:12])
def test_negatives_in_prose_yield_no_match(words: str, sentence: str) -> None:
    assert extract(words, REF) == []
    start = sentence.index(words)
    end = start + len(words)
    matches = extract(sentence, REF)
    _check_matches(sentence, matches)
    overlapping = [m for m in matches if m.start < end and start < m.end]
    assert overlapping == [], f"{words!r} read as a time in {sentence!r}"


def test_negatives_are_in_the_seeds() -> None:
    """The sentences above are quoted from the seed documents."""
    seeds = "".join(_seed_texts())
    for _, sentence in NEGATIVES_IN_PROSE:
        assert sentence in seeds, sentence


def test_the_none_row_of_the_embedded_corpus_yields_nothing() -> None:
    rows = [r for r in _tsv(CORPUS / "seed_embedded.tsv") if r["expected"].strip() == "none"]
    assert rows
    for row in rows:
        sentence = row["sentence"]
        assert extract(sentence, row["reference"] or REF) == [], sentence
        with pytest.raises(shixian.UnrecognizedPhrase):
            normalize(sentence, row["reference"] or REF)
