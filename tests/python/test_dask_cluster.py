"""ontrack.dask on a real dask.distributed cluster (two worker processes): 10^5 series, an
evaluation, and a worker killed mid-run — the results are the local ones, bit for bit."""

import os
import signal
import time

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import ontrack
import ontrack.dask as od


@pytest.fixture(scope="module")
def client():
    # The context managers close the client and the cluster even when a test fails.
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  memory_limit="2GiB") as cluster, distributed.Client(cluster) as c:
        yield c


def _panel(n_series, n_years, seed=11):
    rng = np.random.default_rng(seed)
    trend = rng.normal(0.3, 0.6, size=(n_series, 1)) * np.arange(n_years)
    return pd.DataFrame({
        "series": np.repeat(np.arange(n_series, dtype=np.int64), n_years),
        "year": np.tile(np.arange(2018, 2018 + n_years, dtype=np.int64), n_series),
        "value": (60 + trend + rng.normal(0, 3, size=(n_series, n_years))).ravel(),
    })


def test_a_hundred_thousand_series_on_two_worker_processes(client):
    frame = _panel(100_000, 5)
    # Rotated by half a series: every partition boundary cuts through a series.
    frame = pd.concat([frame.iloc[2:], frame.iloc[:2]], ignore_index=True)
    local = ontrack.project_many(frame, to=2030, target=62)
    ddf = dd.from_pandas(frame, npartitions=8, sort=False)
    out = od.project_many(ddf, to=2030, target=62).compute()
    assert len(out) == 100_000
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)


def test_evaluate_on_the_cluster(client, kundulun):
    frame = ontrack.Observations.from_series(ontrack.datasets.china_national_women_series()).to_frame()
    ddf = dd.from_pandas(frame.sample(frac=1.0, random_state=2), npartitions=4, sort=False)
    local = ontrack.evaluate(kundulun, frame.sample(frac=1.0, random_state=2))
    assert od.evaluate(kundulun, ddf).to_json() == local.to_json()


def test_a_worker_killed_mid_run_changes_nothing(client):
    frame = _panel(12_000, 12, seed=5)
    local = ontrack.project_many(frame, model="auto", to=2030)
    ddf = dd.from_pandas(frame, npartitions=12, sort=False).set_index("series")   # whole series, no shuffle
    before = client.run(os.getpid)
    future = client.compute(od.project_many(ddf, model="auto", to=2030))
    deadline = time.monotonic() + 60
    while not any(client.processing().values()):
        assert time.monotonic() < deadline, "no task started"
        time.sleep(0.05)
    time.sleep(0.5)                                   # tasks are running now
    victim = next(iter(before))
    os.kill(before[victim], signal.SIGKILL)
    out = future.result(timeout=300)
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)
    client.wait_for_workers(2, timeout=60)           # the nanny restarted it
    assert set(client.run(os.getpid).values()) != set(before.values())
