"""The dependency audit (.ci/audit_dependencies.py) fails on a known vulnerability, and never counts a package as
audited from PyPI's project JSON unless the locked version is the release that JSON describes."""

import importlib.util
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / ".ci" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

PROJECT = {"info": {"version": "2.0"}, "vulnerabilities": [
    {"id": "PYSEC-2026-1", "fixed_in": ["2.1"]},
    {"id": "PYSEC-2026-2", "fixed_in": [], "withdrawn": "2026-01-01T00:00:00Z"},
]}


def test_the_project_json_audits_only_its_own_release(monkeypatch):
    monkeypatch.setattr(audit, "project_json", lambda name: PROJECT)
    vulns, _ = audit.audit_from_project_json("example", "2.0")
    assert [vuln["id"] for vuln in vulns] == ["PYSEC-2026-1"]  # the withdrawn one is not counted
    vulns, why = audit.audit_from_project_json("example", "1.9")
    assert vulns is None
    assert why == "locked 1.9, the project JSON describes 2.0 only"


def test_a_vulnerability_fails_the_audit_and_unaudited_packages_are_counted(monkeypatch, tmp_path, capsys):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("example==2.0 \\\n    --hash=sha256:00\nolder==1.0\nfine==3.0\n")
    monkeypatch.setattr(audit, "pip_audit", lambda path: [
        {"name": "example", "skip_reason": "not found"},
        {"name": "older", "skip_reason": "not found"},
        {"name": "fine", "version": "3.0", "vulns": []},
    ])
    monkeypatch.setattr(audit, "project_json", lambda name: {**PROJECT, "info": {"version": "2.0"}})
    assert audit.main([str(requirements)]) == 1
    out = capsys.readouterr().out
    assert "example 2.0: PYSEC-2026-1 (fixed in 2.1)" in out
    assert "older 1.0: locked 1.0, the project JSON describes 2.0 only" in out
    assert out.strip().endswith("vulnerabilities: 1, could not be audited: 1")

    monkeypatch.setattr(audit, "project_json", lambda name: {"info": {"version": "2.0"}, "vulnerabilities": []})
    assert audit.main([str(requirements)]) == 0
