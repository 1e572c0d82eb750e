"""The cluster an audit starts by itself: a LocalCluster of worker processes, one thread each."""

from __future__ import annotations

from replylint.audit.cluster import connect, default_workers


def test_a_local_cluster_has_the_workers_asked_for_and_stops_with_the_run():
    with connect(None, 1) as client:
        workers = client.scheduler_info()["workers"]
        assert [w["nthreads"] for w in workers.values()] == [1]
        assert client.submit(default_workers).result() >= 1
    assert client.status == "closed"
