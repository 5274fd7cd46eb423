"""shixian.dask on a real distributed cluster: 2 worker processes, 200,000 rows in partitions."""

from __future__ import annotations

import pickle

import pytest

import shixian
from shixian.io.corpus import load
from shixian.io.record import COLUMN_NAMES

from .conftest import CORPUS

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
sp = pytest.importorskip("shixian.pandas")
sdask = pytest.importorskip("shixian.dask")

ROWS = 200_000
REFERENCES = ["2016-05-01", "2016-06-30", "2019-06-01", None]  # None: a missing date


def _table(n: int = ROWS) -> object:
    """A generated archive: corpus phrases repeated (as real archives repeat them),
    blank cells, garbage and impossible dates, each row with its document's date."""
    files = sorted(p for p in CORPUS.glob("*.tsv") if p.name != "negative.tsv")
    phrases = sorted({row.phrase for path in files for row in load(path)})
    phrases += ["", "加强省长网上信箱", "2016年2月30日前"]
    rng = np.random.default_rng(13)
    cells = np.array([*phrases, None], dtype=object)[rng.integers(0, len(phrases) + 1, n)]
    dates = pd.to_datetime(pd.Series(REFERENCES)).to_numpy()[rng.integers(0, len(REFERENCES), n)]
    index = pd.RangeIndex(10, 10 + 3 * n, 3)  # not 0..n: the index must survive
    return pd.DataFrame({"序号": range(n), "完成时限": cells, "发文日期": dates}, index=index)


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_cluster_run_gives_the_single_process_records(client) -> None:  # type: ignore[no-untyped-def]
    assert len(client.scheduler_info()["workers"]) == 2
    table = _table()
    ddf = dd.from_pandas(table, npartitions=8)
    out = sdask.annotate(ddf, "完成时限", reference_column="发文日期", errors="coerce")
    assert list(out.columns) == [*table.columns, *COLUMN_NAMES]
    got = out.compute()
    single = sp.annotate(table, "完成时限", reference_column="发文日期", errors="coerce")
    # no row lost, none duplicated, in order, on the input's index
    assert len(got) == ROWS
    assert got.index.equals(table.index)
    assert list(got["序号"]) == list(range(ROWS))
    pd.testing.assert_frame_equal(got[list(COLUMN_NAMES)], single[list(COLUMN_NAMES)])
    # the table holds every kind of row: results, no phrase, errors, missing references
    assert (got["error"] == "empty").sum() > 0
    assert got["error"].str.contains("reference").sum() > 0
    assert got["kind"].notna().sum() > ROWS // 2


def test_series_helper_and_results_cross_processes(client) -> None:  # type: ignore[no-untyped-def]
    s = dd.from_pandas(pd.Series(["2016年7月底前", None, "每季度"] * 1000), npartitions=3)
    frame = sdask.normalize(s, "2016-05-01").compute()
    assert len(frame) == 3000
    assert frame["due"].iloc[:3].tolist()[::2] == [pd.Timestamp("2016-07-31")] * 1 + [
        pd.Timestamp("2016-06-30")
    ]
    # results and errors pickle across worker processes
    fut = client.submit(shixian.normalize, "2016年7月底前", "2016-05-01", pure=False)
    assert fut.result() == shixian.normalize("2016年7月底前", "2016-05-01")
    bad = client.submit(shixian.normalize, "2016年2月30日前", "2016-05-01", pure=False)
    with pytest.raises(shixian.InvalidDate) as info:
        bad.result()
    assert info.value.field == "day"
    assert pickle.loads(pickle.dumps(frame)).equals(frame)
