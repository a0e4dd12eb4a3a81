"""The benchmark harness's pure helpers (bench/): no database, nothing timed."""

import importlib.util
import statistics
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench_module(name: str):
    sys.path.insert(0, str(BENCH))  # bench's modules import one another by name
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


common = _bench_module("common")


def test_percentile_of_one_value_is_that_value():
    assert common.percentile([7.0], 0.5) == 7.0
    assert common.percentile([7.0], 0.99) == 7.0


def test_percentile_interpolates_between_ranks_and_ignores_order():
    values = [40.0, 10.0, 30.0, 20.0]
    assert common.percentile(values, 0.0) == 10.0
    assert common.percentile(values, 1.0) == 40.0
    assert common.percentile(values, 0.5) == 25.0
    assert common.percentile(values, 0.95) == pytest.approx(38.5)


def test_percentile_agrees_with_the_standard_library():
    values = [float(v * v % 97) for v in range(1, 201)]
    cut_points = statistics.quantiles(values, n=100, method="inclusive")
    for percent in (50, 95, 99):
        assert common.percentile(values, percent / 100) == pytest.approx(cut_points[percent - 1])


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        common.percentile([], 0.5)


def test_rss_of_this_process_is_read_from_proc():
    import os

    assert 1 < common.rss_mib(os.getpid()) < 100_000


def test_only_the_runs_own_databases_are_ever_dropped():
    with pytest.raises(ValueError, match="not a benchmark database"):
        common.drop_database("victimcare")
