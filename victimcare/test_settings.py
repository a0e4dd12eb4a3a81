"""Settings for the test suite: the real settings, with a throwaway key and a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-not-secret")

from victimcare.settings import *  # noqa: F403

# Argon2 is deliberately slow; tests create many users. victimcare.settings keeps Argon2 first
# (asserted in tests/accounts/test_password_hashing.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the finders, as in development: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The test client and the browser tests' live server speak plain HTTP: no redirect to HTTPS (the production
# settings' redirect and headers are checked by tests/security/test_deploy_check.py).
SECURE_SSL_REDIRECT = False
