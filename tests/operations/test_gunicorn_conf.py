"""deploy/gunicorn.conf.py: the metrics folder emptied when gunicorn starts, a dead worker's live gauges dropped."""

import runpy
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

CONF = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"


def test_settings_without_access_log(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    conf = runpy.run_path(str(CONF))
    assert conf["wsgi_app"] == "victimcare.wsgi:application"
    assert conf["accesslog"] is None  # its line carries query strings
    assert conf["workers"] >= 3


def test_metrics_folder_emptied_on_start_and_dead_workers_marked(monkeypatch, tmp_path):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_999.db").write_bytes(b"left by an earlier run")
    (folder / "gauge_livesum_4242.db").write_bytes(b"a worker's live gauge")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    conf = runpy.run_path(str(CONF))
    conf["on_starting"](None)
    assert folder.is_dir() and list(folder.iterdir()) == []
    (folder / "gauge_livesum_4242.db").write_bytes(b"a worker's live gauge")
    (folder / "counter_4242.db").write_bytes(b"its counts")
    conf["child_exit"](None, SimpleNamespace(pid=4242))
    assert sorted(path.name for path in folder.iterdir()) == ["counter_4242.db"]
