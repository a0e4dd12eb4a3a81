"""Case-page throughput over HTTP beside the framework's ceiling.

gunicorn with deploy/gunicorn.conf.py (N sync workers, DEBUG off, a reused database connection per worker) serves the
benchmark database; wrk (Debian's `wrk`) is the load, from another process on the same machine, with a signed-in,
two-factor-verified staff session's cookie. It asks for case pages of many different cases in turn (bench/paths.lua),
then, the same way and with the same cookie, for two views that do nothing through the same middleware:
/health/live/ (no session or user) and bench/site_urls.py's signed-in page (the session, user and two-factor check
every staff page pays for). The ratio is case pages per second / signed-in trivial pages per second (and, reported
too, / live checks). Worker restarts (max_requests) are off for the run, so the web workers' memory afterwards is
what serving these pages grew them to.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from common import REPO, rss_mib
from site_urls import SIGNED_IN_PATH

TRIVIAL_PATH = "/health/live/"


@dataclass
class Throughput:
    path: str
    requests: int
    seconds: float
    status_errors: int
    socket_errors: int
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def as_dict(self) -> dict:
        return {"path": self.path, "requests": self.requests, "seconds": round(self.seconds, 1),
                "requests_per_second": round(self.per_second, 1), "status_errors": self.status_errors,
                "socket_errors": self.socket_errors, "latency_p50_ms": self.p50_ms, "latency_p99_ms": self.p99_ms}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving the benchmark database in the background, for a `with` block."""

    def __init__(self, env: dict[str, str], workers: int):
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="victimcare-bench-gunicorn-"))
        self.env = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers),
                    "GUNICORN_MAX_REQUESTS": "0", "PROMETHEUS_MULTIPROC_DIR": str(self.folder / "metrics"),
                    "LOG_LEVEL": "INFO"}  # the request log line, as in production (to a file here)
        self.log = self.folder / "gunicorn.log"

    def __enter__(self):
        with self.log.open("wb") as log:
            self.process = subprocess.Popen([str(REPO / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],  # noqa: S603
                                            cwd=REPO, env=self.env, stdout=log, stderr=log)
        try:
            self._wait_until_live()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _wait_until_live(self) -> None:
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(self.url(TRIVIAL_PATH), timeout=30).close()  # noqa: S310 - http://127.0.0.1
                return
            except OSError:  # not listening yet, or no worker has started
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within a minute")

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def worker_rss_mib(self) -> list[float]:
        return [round(rss_mib(pid), 1) for pid in self.worker_pids()]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_answers(server: Gunicorn, paths: list[str], cookie: str) -> None:
    """Each path answers 200 to the session (not a redirect to sign in, which wrk would count as a success)."""
    opener = urllib.request.build_opener(_NoRedirect)
    for path in paths:
        request = urllib.request.Request(server.url(path), headers={"Cookie": cookie})  # noqa: S310 - 127.0.0.1
        try:
            with opener.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise RuntimeError(f"{path} answered {status}, not 200: {server.log.read_text()[-2000:]}")


def run_wrk(server: Gunicorn, paths: list[str], cookie: str, seconds: int, connections: int) -> Throughput:
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listed:
        listed.write("\n".join(paths) + "\n")
        listed.flush()
        command = [shutil.which("wrk"), "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
                   "-H", f"Cookie: {cookie}", "-s", str(REPO / "bench" / "paths.lua"), server.url("/"), "--",
                   listed.name]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    return Throughput(paths[0] if len(paths) == 1 else "/cases/<id>/", summary["requests"],
                      summary["duration_us"] / 1e6, summary["status_errors"] + summary["timeouts"],
                      summary["socket_errors"], round(summary["p50_ms"], 1), round(summary["p99_ms"], 1))


def measure_throughput(env: dict[str, str], case_paths: list[str], section_paths: list[str], cookie: str, *,
                       workers: int, seconds: int, connections: int) -> dict:
    """Case pages (the summary) per second beside two trivial views served the same way: /health/live/ (no session,
    no user) and the signed-in trivial page of bench/site_urls.py (the session, the user and the two-factor check
    every staff page pays for). The budget's ratio is against the signed-in one; both are reported. Beside them,
    every section of each case in turn, as someone going through a whole case would."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: apt-get install -y wrk")
    env = {**env, "DJANGO_SETTINGS_MODULE": "site_settings",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "bench"), os.environ.get("PYTHONPATH", "")]))}
    with Gunicorn(env, workers) as server:
        check_answers(server, [*case_paths[:5], *section_paths[:6], TRIVIAL_PATH, SIGNED_IN_PATH], cookie)
        run_wrk(server, case_paths, cookie, max(3, seconds // 4), connections)  # warm every worker up
        trivial = run_wrk(server, [TRIVIAL_PATH], cookie, seconds, connections)
        signed_in = run_wrk(server, [SIGNED_IN_PATH], cookie, seconds, connections)
        case_page = run_wrk(server, case_paths, cookie, seconds, connections)
        case_sections = run_wrk(server, section_paths, cookie, seconds, connections)
        rss = server.worker_rss_mib()
    return {
        "workers": workers, "connections": connections, "distinct_cases": len(case_paths),
        "case_page": case_page.as_dict(), "case_sections": case_sections.as_dict(),
        "sections_ratio": round(case_sections.per_second / signed_in.per_second, 3),
        "trivial_view": trivial.as_dict(), "signed_in_view": signed_in.as_dict(),
        "ratio": round(case_page.per_second / signed_in.per_second, 3),
        "ratio_to_live_check": round(case_page.per_second / trivial.per_second, 3), "web_worker_rss_mib": rss,
    }
