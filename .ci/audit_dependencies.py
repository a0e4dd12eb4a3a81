"""Audit the locked dependencies for known vulnerabilities, and say plainly what could not be audited.

1. pip-audit, on each locked requirements file as it stands (hashes, no resolution), against its default
   service: PyPI's per-release JSON (/pypi/NAME/VERSION/json), which carries that release's known
   vulnerabilities.
2. Where pip-audit could not audit a package (some registries answer 404 for that address, and the OSV service
   may be unreachable), PyPI's project JSON (/pypi/NAME/json) is read instead. Its "vulnerabilities" are those
   of the release its "info" describes (the latest), so they audit the locked version only when the locked
   version is that release. A package locked at an older version stays "could not be audited": the project
   JSON says nothing about older releases, and nothing here pretends it does.

Exit status 1 if any vulnerability is found (or pip-audit fails); 0 otherwise, with the number of packages
that could not be audited printed last, so that it is seen.

Usage: .venv/bin/python .ci/audit_dependencies.py requirements/base.txt requirements/test.txt
"""

import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
PROJECT_JSON = "https://pypi.org/pypi/{name}/json"
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def locked_versions(requirements: Path) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PINNED.findall(requirements.read_text())}


def pip_audit(requirements: Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [str(PIP_AUDIT), "--requirement", str(requirements), "--disable-pip", "--no-deps",
                   "--progress-spinner", "off", "--format", "json", "--output", str(report)]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed command
        if not report.exists():
            sys.exit(f"pip-audit failed on {requirements} (exit {finished.returncode}):\n{finished.stderr}")
        return json.loads(report.read_text())["dependencies"]


def project_json(name: str) -> dict:
    url = PROJECT_JSON.format(name=name)
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a fixed https address  # nosec B310
        return json.load(response)


def audit_from_project_json(name: str, locked: str) -> tuple[list[dict] | None, str]:
    """The locked version's vulnerabilities, or None (and why) when the project JSON cannot tell."""
    try:
        project = project_json(name)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        return None, f"project JSON unavailable ({error})"
    latest = project["info"]["version"]
    if Version(latest) != Version(locked):
        return None, f"locked {locked}, the project JSON describes {latest} only"
    return [vuln for vuln in project.get("vulnerabilities", []) if not vuln.get("withdrawn")], ""


def main(files: list[str]) -> int:
    found: list[str] = []
    not_audited: list[str] = []
    by_pip_audit = by_project_json = 0
    skipped: dict[str, str] = {}  # name: locked version, for the project JSON
    audited: set[str] = set()
    for requirements in map(Path, files):
        locked = locked_versions(requirements)
        for dependency in pip_audit(requirements):
            name = canonicalize_name(dependency["name"])
            if name in audited or name in skipped:
                continue  # in more than one file
            if "skip_reason" in dependency:
                skipped[name] = locked[name]
                continue
            audited.add(name)
            by_pip_audit += 1
            found += [f"{name} {dependency['version']}: {vuln['id']} (fixed in {', '.join(vuln['fix_versions'])})"
                      for vuln in dependency["vulns"]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = pool.map(lambda item: (*item, *audit_from_project_json(*item)), sorted(skipped.items()))
        for name, version, vulns, why in answers:
            if vulns is None:
                not_audited.append(f"{name} {version}: {why}")
                continue
            by_project_json += 1
            found += [f"{name} {version}: {vuln['id']} (fixed in {', '.join(vuln.get('fixed_in', []))})"
                      for vuln in vulns]
    print(f"Audited by pip-audit: {by_pip_audit}; from PyPI's project JSON (locked version is the latest): "
          f"{by_project_json}")
    if found:
        print(f"\n{len(found)} KNOWN VULNERABILITIES:\n  " + "\n  ".join(found))
    if not_audited:
        print(f"\n{len(not_audited)} PACKAGES COULD NOT BE AUDITED (no vulnerability data for the locked version "
              "here; this is not a clean bill):\n  " + "\n  ".join(not_audited))
    print(f"\nvulnerabilities: {len(found)}, could not be audited: {len(not_audited)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
