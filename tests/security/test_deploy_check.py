"""`manage.py check --deploy` is clean with the production settings (victimcare.settings, not the test
settings) and the environment a deployment gives them: DEBUG off, a real secret key, the service's host name,
HTTPS ended at a trusted proxy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def production_environment(**overrides: str) -> dict[str, str]:
    # Only what a deployment sets: nothing inherited from the test run (DJANGO_SETTINGS_MODULE, DEBUG, ...).
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "victimcare.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "victimcare.gwent.police.uk",
        "CSRF_TRUSTED_ORIGINS": "https://victimcare.gwent.police.uk",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "DATABASE_URL": "sqlite:///:memory:",
        **overrides,
    }


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py, by this interpreter, with fixed arguments
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(**overrides), capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_deploy_is_clean_in_production():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_debug_on():
    """The test above can fail: with DEBUG on the same check reports security.W018 (and HSTS and the HTTPS
    redirect default to off)."""
    result = check_deploy(DEBUG="1")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout


def test_check_deploy_fails_without_https_redirect():
    result = check_deploy(SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_production_settings_read_the_environment():
    """The proxy's header is trusted only when named; HSTS and the redirect are on unless turned off."""
    script = ("from django.conf import settings as s; "
              "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
              "s.SECURE_HSTS_PRELOAD, s.CSRF_TRUSTED_ORIGINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)")
    run = [sys.executable, str(MANAGE), "shell", "-c", script]
    trusted = subprocess.run(run, env=production_environment(), capture_output=True, text=True, check=True)  # noqa: S603 - fixed arguments
    assert trusted.stdout.split("\n")[-2] == (
        "('HTTP_X_FORWARDED_PROTO', 'https') True 31536000 True ['https://victimcare.gwent.police.uk'] True True")
    untrusted = subprocess.run(  # noqa: S603 - fixed arguments
        run, env=production_environment(SECURE_PROXY_SSL_HEADER="", SECURE_HSTS_PRELOAD="0"),
        capture_output=True, text=True, check=True)
    assert untrusted.stdout.split("\n")[-2].startswith("None True 31536000 False")
