"""Victim Care settings: one file, read from the environment, SQLite unless DATABASE_URL says otherwise."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from victimcare.env import env_bool, env_int, env_list, env_str
from victimcare.operations.logs import logging_config
from victimcare.operations.proxy import env_networks

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105 - DEBUG only  # nosec B105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules",
    "csp",
    "victimcare.frontend",
    "victimcare.accounts",
    "victimcare.areas",
    "victimcare.organisations",
    "victimcare.victims",
    "victimcare.crimes",
    "victimcare.cases",
    "victimcare.charter",
    "victimcare.firstcontact",
    "victimcare.response",
    "victimcare.contact",
    "victimcare.worklists",
    "victimcare.sharing",
    "victimcare.support",
    "victimcare.neighbourhood",
    "victimcare.multiagency",
    "victimcare.court",
    "victimcare.property",
    "victimcare.uploads",
    "victimcare.notifications",
    "victimcare.satisfaction",
    "victimcare.equality",
    "victimcare.dataprotection",
    "victimcare.monitoring",
    "victimcare.portal",
    "victimcare.api",
    "victimcare.demo",
    "victimcare.generator",
    "victimcare.operations",
]

MIDDLEWARE = [
    # First: the request id and the request's log line and metrics cover everything after it.
    "victimcare.operations.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "victimcare.frontend.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after inactivity and at most SESSION_COOKIE_AGE after signing in; then every staff page
    # waits for the code from the authenticator app (victimcare/accounts/middleware.py).
    "victimcare.accounts.middleware.SessionExpiryMiddleware",
    "victimcare.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # The Commissioner's analyst: 404 everywhere but the monitoring pages (after authentication).
    "victimcare.accounts.middleware.FiguresOnlyMiddleware",
]

ROOT_URLCONF = "victimcare.urls"
WSGI_APPLICATION = "victimcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "victimcare" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "victimcare.frontend.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The team view's covering indexes (INCLUDE columns) are for PostgreSQL; SQLite makes them on their key columns alone,
# as it should, and would otherwise say so on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# django-axes: lock an account-and-address pair after repeated failed sign-ins.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Wrong two-factor codes count as failed sign-ins too, and a right password alone does not clear the failures: a
# complete sign-in (password and code) does (victimcare/accounts/two_factor.py).
AXES_RESET_ON_SUCCESS = False

# Staff two-factor authentication (django-otp): an authenticator app for every account that signs in to the
# staff pages, and single-use recovery codes. After a wrong code each device waits 1, 2, 4, 8... seconds times
# the factor before it checks another.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Victim Care")
OTP_TOTP_THROTTLE_FACTOR = env_int("OTP_TOTP_THROTTLE_FACTOR", 1)
OTP_STATIC_THROTTLE_FACTOR = env_int("OTP_STATIC_THROTTLE_FACTOR", 1)

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "victimcare" / "locale"]
LANGUAGE_COOKIE_NAME = "victimcare_language"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("moj", BASE_DIR / "node_modules" / "@ministryofjustice" / "frontend" / "moj"),
    ("build", BASE_DIR / "victimcare" / "frontend" / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names when DEBUG is off (run collectstatic on each release: docs/deployment.md).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
                    else "victimcare.operations.staticfiles.StaticFilesStorage"},
}

# Uploaded files (photographs of property, letters): a private folder, never under STATIC_ROOT and never
# served by URL, only through victimcare.uploads.views.serve after the access checks. With several web
# servers it must be storage they all share (a network file system mount). Limits in megabytes.
PRIVATE_FILES_ROOT = Path(env_str("PRIVATE_FILES_ROOT", str(BASE_DIR / "var" / "uploads")))
UPLOAD_MAX_PHOTO_MB = env_int("UPLOAD_MAX_PHOTO_MB", 10)
UPLOAD_MAX_LETTER_MB = env_int("UPLOAD_MAX_LETTER_MB", 20)
# A photograph with more pixels than this is refused before it is decoded (a decompression bomb).
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000)
# Form fields other than files (2.5 MB, Django's default); files above 2.5 MB go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The first handler stops reading a file into memory or a temporary file past its field's limit.
FILE_UPLOAD_HANDLERS = [
    "victimcare.uploads.handlers.UploadLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # seconds from signing in, at most
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)  # a staff session ends after this long unused
PORTAL_IDLE_MINUTES = env_int("PORTAL_IDLE_MINUTES", 15)  # a victim's portal session, likewise
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Security: HTTPS, cookies and headers (`manage.py check --deploy` is clean with DEBUG off; tested in
# tests/security/test_deploy_check.py). Every page is HTTPS only; plain HTTP is redirected, except the
# health checks a load balancer and the metrics Prometheus may read over plain HTTP inside the network.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload directive only allows the domain's owner to submit it to browsers' preload lists.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind a proxy that ends TLS: the header it sets to say the request came over HTTPS, e.g.
# SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto. Set it only when the proxy always sets (or strips) that header:
# otherwise anyone could claim HTTPS by sending it.
if _proxy_ssl_header := env_str("SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.strip().upper().replace("-", "_"), "https")
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # nothing in the pages reads it: forms carry the token
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Origins (scheme and host, e.g. https://victimcare.gwent.police.uk) a form may be posted from when the proxy
# changes the Host header or the service has more than one name.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page uses, switched off (victimcare.frontend.headers.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "usb")}
# Content Security Policy (django-csp): scripts, styles, images and fonts from this site only, no inline script
# or style, no plugins, never framed. Test: tests/security/test_headers.py walks every page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

REST_FRAMEWORK = {
    # Systems: a token scoped and revocable (victimcare/api/authentication.py); staff in a browser: their session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "victimcare.api.authentication.ApiTokenAuthentication",
        "victimcare.accounts.authentication.VerifiedSessionAuthentication",  # only after the two-factor step
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "victimcare.api.permissions.NotFiguresOnly",
                                   "victimcare.api.authentication.TokenHasScope"],
    # Requests per token, counted in Django's cache (per web server unless CACHES names a shared cache).
    "DEFAULT_THROTTLE_CLASSES": ["victimcare.api.authentication.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": env_str("API_TOKEN_RATE", "600/minute")},
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "victimcare.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON only: no browsable HTML API (the reference at /api/docs/ describes it), one surface less to secure.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# An address that sends `failures` bad API tokens within `window_minutes` gets 429 for `cooloff_minutes` after the
# last of them, counted in the database so every web server agrees (victimcare/api/tokens.py).
API_TOKEN_LOCKOUT = {
    "failures": env_int("API_TOKEN_FAILURE_LIMIT", 10),
    "window_minutes": env_int("API_TOKEN_FAILURE_WINDOW_MINUTES", 15),
    "cooloff_minutes": env_int("API_TOKEN_COOLOFF_MINUTES", 15),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Victim Care API",
    "DESCRIPTION": "Crimes, cases, commitments and timelines for police records systems and partners.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Every endpoint's 401, 403, 404 and 429 (and a list's 400) with their bodies (victimcare/api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "victimcare.api.schema.add_common_responses"],
}

# Background work: the database backend when a worker runs, in-process otherwise.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.backend.DatabaseBackend"
            if env_bool("TASK_WORKER", False)
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Charter deadlines: defaults from DOMAIN.md live in victimcare.charter.rules.DEFAULT_DEADLINES;
# keys set here override them (validated at start-up).
CHARTER_DEADLINES: dict = {}

# Unclaimed property may be disposed of `months` after the owner was told it can be collected, with warnings
# `warn_days_before` days before (checked at start-up by victimcare.property.checks).
PROPERTY_DISPOSAL_RULE = {"months": 12, "warn_days_before": [28, 7]}
# Retention of a closed case's personal data: years after it closed, by kind of case ("default",
# "domestic_abuse", "sexual_offence", "child_victim", "most_serious"; the longest that applies wins), before it
# goes to the information rights officer's review queue. Defaults in victimcare.dataprotection.retention;
# checked at start-up by victimcare.dataprotection.checks.
RETENTION_RULES = {"default": 6, "domestic_abuse": 10, "sexual_offence": 10, "child_victim": 10, "most_serious": 25}

# A victim is proposed as a repeat victim at first contact after this many reports within this many
# months (the user confirms or overrides the proposal).
REPEAT_VICTIM_RULE = {"reports": 3, "months": 6}

# A case is flagged for a multi-agency risk assessment conference on a DASH score of dash_score or more,
# or incidents domestic abuse cases within months months; a referral within repeat_months months of the
# victim's last one is a repeat (checked by victimcare.multiagency.rules.MultiAgencyRule).
MULTI_AGENCY_RULE = {"dash_score": 14, "incidents": 3, "months": 12, "repeat_months": 12}

# Victim portal: at most this many sign-in codes are sent for one crime reference in each period (count, minutes),
# so that someone who knows the victim's details cannot flood their phone (victimcare.portal.services).
PORTAL_CODE_LIMITS = ((env_int("PORTAL_CODES_PER_15_MINUTES", 3), 15), (env_int("PORTAL_CODES_PER_DAY", 10), 24 * 60))

# A process chains the access log's new entries at most this often (victimcare/cases/audit_chain.py); entries in
# between are chained by the next seal, another process's, or the scheduler's.
ACCESS_LOG_SEAL_EVERY_MS = env_int("ACCESS_LOG_SEAL_EVERY_MS", 1000)

# An overdue sweep with more than a batch to record queues up to this many helper sweeps for other task workers
# (victimcare/charter/tasks.py): a day's catch-up is shared across workers. 0: one worker records it all.
OVERDUE_SWEEP_HELPERS = env_int("OVERDUE_SWEEP_HELPERS", 3)

# The Commissioner's figures hide any count from 1 to this number less one, and any rate, interval or time
# with fewer than this in its denominator, on every screen and in every export (victimcare.monitoring.publish).
MONITORING_SMALL_NUMBER_THRESHOLD = env_int("MONITORING_SMALL_NUMBER_THRESHOLD", 5)

# Logs: one JSON object a line (or text with LOG_FORMAT=text, the default with DEBUG on), the request id on each
# (victimcare/operations/logs.py); fpdf2's font subsetting is quietened there.
LOGGING = logging_config(env_str("LOG_FORMAT", "text" if DEBUG else "json"), env_str("LOG_LEVEL", "INFO"))

# The outbox (victimcare.notifications): email through Django's email backends (SMTP when EMAIL_HOST is set,
# otherwise files in var/outbox/email); text messages and letters through GOV.UK Notify when NOTIFY_API_KEY
# is set, otherwise files in var/outbox/sms and var/outbox/letter.
NOTIFICATIONS_OUTBOX_DIR = Path(env_str("NOTIFICATIONS_OUTBOX_DIR", str(BASE_DIR / "var" / "outbox")))
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = NOTIFICATIONS_OUTBOX_DIR / "email"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Gwent Police Victim Care <no-reply@victimcare.gwent.police.uk>")
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env_str("NOTIFICATIONS_MESSAGE_ID_DOMAIN", "victimcare.gwent.police.uk")
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "")  # a Notify template whose text is ((body))
NOTIFICATIONS_SMS_BACKEND = env_str(
    "NOTIFICATIONS_SMS_BACKEND",
    "victimcare.notifications.channels.NotifySms" if NOTIFY_API_KEY else "victimcare.notifications.channels.FileSms",
)
NOTIFICATIONS_LETTER_BACKEND = env_str(
    "NOTIFICATIONS_LETTER_BACKEND",
    "victimcare.notifications.channels.NotifyLetter" if NOTIFY_API_KEY
    else "victimcare.notifications.channels.FileLetter",
)
# Minutes to wait after the 1st, 2nd, ... failure; the last is repeated (a failing message is retried hourly).
NOTIFICATIONS_RETRY_MINUTES = [1, 5, 15, 60]
# Where staff reach this service, for links in emails to them.
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

# --- Operations (docs/deployment.md) ----------------------------------------------------------------------------
# Behind a proxy: the addresses of the proxies we run (addresses or networks). Only from them is X-Forwarded-For
# believed, for the client address that sign-in lockouts count (victimcare/operations/proxy.py); set it, or every
# user shares the proxy's address and a few failures lock everyone out.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "victimcare.operations.proxy.client_address"
# The Host the proxy forwards (X-Forwarded-Host) when it does not pass the client's Host header through.
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# /metrics for Prometheus: a bearer token and/or the addresses allowed to scrape; with neither, /metrics is a 404.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_ADDRESSES = env_networks("METRICS_ALLOWED_ADDRESSES")
# Prometheus scrapes each web server itself, inside the network, over plain HTTP (through the proxy it would reach
# any one of them): not redirected to HTTPS, as the health checks are not.
SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^metrics$"]
