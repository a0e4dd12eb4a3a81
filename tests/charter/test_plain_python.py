"""The calendar, rules and standards registry are plain Python: usable and testable without Django."""

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PLAIN_MODULES = ["victimcare.charter.calendar", "victimcare.charter.rules", "victimcare.charter.standards"]

PROBE = f"""
import sys
for name in {PLAIN_MODULES!r}:
    __import__(name)
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(loaded))
"""


def test_plain_modules_import_without_loading_django():
    completed = subprocess.run(  # noqa: S603 - our own interpreter running our own probe
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "", f"Django modules loaded: {completed.stdout.strip()}"
