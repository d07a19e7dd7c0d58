"""The one settings module, driven by SAUSAT_* environment variables.

SQLite (WAL) is the embedded default; set SAUSAT_DATABASE_URL=postgres://... for production.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAUSAT_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("SAUSAT_DEBUG", True)
# The development key is only accepted while DEBUG is on; production must set its own.
SECRET_KEY = os.environ.get("SAUSAT_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SAUSAT_SECRET_KEY must be set when SAUSAT_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-sausat-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("SAUSAT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("SAUSAT_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "sausat.core",
    "sausat.accounts",
    "sausat.geo",
    "sausat.people",
    "sausat.textkit",
    "sausat.meetings",
    "sausat.opinions",
    "sausat.directives",
    "sausat.liaison",
    "sausat.cadres",
]

# --- The public news portal (sausat.portal) on Wagtail ------------------------------------------
# Wagtail's own apps plus ours; its admin lives at /quan-tri-tin/ under a relaxed CSP of its own
# (sausat.portal.middleware), the public pages at /tin-tuc/ under the product's strict CSP.
INSTALLED_APPS += [
    "django.contrib.sitemaps",
    # wagtail.search's index uses SearchVectorField/GinIndex on PostgreSQL (system check postgres.E005).
    "django.contrib.postgres",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "sausat.portal",
]

MIDDLEWARE = [
    "sausat.core.ops.MetricsMiddleware",  # outermost: the latency histogram of /metrics
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sausat.core.middleware.RequestIdMiddleware",
    "sausat.core.data_versions.VersionsPerRequest",
    "sausat.core.middleware.RejectNulMiddleware",
    "sausat.core.middleware.OutOfRangeMiddleware",
    "sausat.core.db_router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sausat.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sausat.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
# Portal: the admin's CSP, transaction and actor (before the CSP middleware sees the response).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
    "sausat.portal.middleware.PortalAdminMiddleware",
)
# Anonymous readers' home, category and article pages from memory, answered before the session,
# CSRF, auth and messages middleware run (a hit replays the stored CSP header and does the CSRF
# token itself; security headers, request id and metrics still wrap it): sausat/portal/page_cache.py.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "sausat.portal.page_cache.PortalPageCacheMiddleware",
)
SAUSAT_PORTAL_CACHE_SECONDS = int(os.environ.get("SAUSAT_PORTAL_CACHE_SECONDS", "60"))
SAUSAT_PORTAL_COUNT_VIEWS = env_bool("SAUSAT_PORTAL_COUNT_VIEWS", True)
MIDDLEWARE.append("wagtail.contrib.redirects.middleware.RedirectMiddleware")
WAGTAIL_SITE_NAME = "Cổng thông tin"
WAGTAILADMIN_BASE_URL = os.environ.get("SAUSAT_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/dang-nhap/"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Uploads lose their EXIF (GPS) and non-images are refused in Vietnamese: sausat/portal/image_forms.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "sausat.portal.image_forms.PortalImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx"]
# "default" is Django's implicit per-process memory cache; "portal" holds the reader pages of
# sausat.portal.page_cache (per worker process, bounded; a version stamp file invalidates them).
CACHES = {
    # Per process: figures and page parts kept under data versions (sausat.core.data_versions); the
    # opinion pages and lists (issue 17) would crowd Django's default of 300 entries.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SAUSAT_CACHE_ENTRIES", "2000"))},
    },
    "portal": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SAUSAT_PORTAL_CACHE_ENTRIES", "1000"))},
    },
}
# Reader comments close this many days after the article's date.
SAUSAT_PORTAL_COMMENT_DAYS = int(os.environ.get("SAUSAT_PORTAL_COMMENT_DAYS", "30"))

ROOT_URLCONF = "sausat.urls"
WSGI_APPLICATION = "sausat.wsgi.application"
# Background work: django.tasks over our own job table (sausat.core.tasks_backend), run by
# ``manage.py run_worker``.
TASKS = {"default": {"BACKEND": "sausat.core.tasks_backend.DatabaseBackend"}}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sausat.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("SAUSAT_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sausat.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE avoids "database is locked" upgrades.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 5,
    }
# Test databases are per process, so several test runs on one machine never share one.
_TEST_SUFFIX = os.environ.get("SAUSAT_TEST_DB_SUFFIX", str(os.getpid()))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test_sausat_{_TEST_SUFFIX}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_TEST_SUFFIX}"}
# Read replicas (PostgreSQL streaming replicas of default): see sausat/core/db_router.py.
for _i, _url in enumerate(env_list("SAUSAT_DATABASE_REPLICA_URLS", ""), start=1):
    DATABASES[f"replica{_i}"] = {
        **dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
SAUSAT_REPLICAS = [alias for alias in DATABASES if alias.startswith("replica")]
DATABASE_ROUTERS = ["sausat.core.db_router.ReplicaRouter"]
SAUSAT_REPLICA_READ_PATHS = env_list(
    "SAUSAT_REPLICA_READ_PATHS", "/tin-tuc/,/hoi-nghi/ket-qua/,/chi-dao/tong-quan/,/co-so/bao-quat/"
)
SAUSAT_REPLICA_STICKY_SECONDS = int(os.environ.get("SAUSAT_REPLICA_STICKY_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Django's backend; the signed-in account comes with its person (the header's name) in one query.
AUTHENTICATION_BACKENDS = ["sausat.accounts.backends.AccountWithPersonBackend"]
# Login throttling (sausat.accounts): wrong passwords per account name and per client address within
# the cool-off window lock that name / address out for the cool-off; a locked attempt answers 429
# without running the password hasher.
SAUSAT_LOGIN_FAILURE_LIMIT = int(os.environ.get("SAUSAT_LOGIN_FAILURE_LIMIT", "5"))
SAUSAT_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SAUSAT_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
SAUSAT_LOGIN_COOLOFF_SECONDS = int(os.environ.get("SAUSAT_LOGIN_COOLOFF_SECONDS", "900"))
# Proxies (IPs or CIDRs) whose X-Forwarded-For is believed; empty: REMOTE_ADDR is the client.
SAUSAT_TRUSTED_PROXIES = env_list("SAUSAT_TRUSTED_PROXIES", "")
# Roles whose holders must use a second factor (TOTP); superusers always must.
SAUSAT_MFA_REQUIRED_ROLES = env_list("SAUSAT_MFA_REQUIRED_ROLES", "admin")
OTP_TOTP_ISSUER = "Sâu sát"

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SAUSAT_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("SAUSAT_MEDIA_ROOT", VAR_DIR / "media"))
# Uploads and generated files: local disk (MEDIA_ROOT) by default; with SAUSAT_STORAGE=s3 an
# S3-compatible object store (MinIO, Ceph, a cloud's) shared by every app server and worker.
_DEFAULT_STORAGE: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if os.environ.get("SAUSAT_STORAGE", "local") == "s3":
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SAUSAT_S3_BUCKET"],
            "endpoint_url": os.environ.get("SAUSAT_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SAUSAT_S3_REGION") or None,
            "access_key": os.environ.get("SAUSAT_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("SAUSAT_S3_SECRET_KEY") or None,
            # Private objects; the app hands out short-lived signed links or streams them itself.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
            "addressing_style": os.environ.get("SAUSAT_S3_ADDRESSING_STYLE", "path"),
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Fixed at import time: the test runner turns DEBUG off later, and then WhiteNoise would look for
# a collected STATIC_ROOT that only production deployments have.
WHITENOISE_AUTOREFRESH = DEBUG
# Uploads: the non-file part of a request body (forms, JSON) is capped by Django; every uploaded
# file is cut off by LimitedUploadHandler past SAUSAT_MAX_UPLOAD_MB, and imports are further
# capped (file size, rows, unpacked .xlsx size) in sausat.core.uploads with Vietnamese messages.
_MB = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = int(float(os.environ.get("SAUSAT_MAX_BODY_MB", "5")) * _MB)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * _MB)  # larger files spool to a temporary file
FILE_UPLOAD_HANDLERS = [
    "sausat.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
SAUSAT_MAX_UPLOAD_BYTES = int(float(os.environ.get("SAUSAT_MAX_UPLOAD_MB", "20")) * _MB)
SAUSAT_MAX_IMPORT_BYTES = int(float(os.environ.get("SAUSAT_MAX_IMPORT_MB", "10")) * _MB)
SAUSAT_IMPORT_MAX_UNPACKED_BYTES = int(float(os.environ.get("SAUSAT_IMPORT_MAX_UNPACKED_MB", "100")) * _MB)
SAUSAT_IMPORT_BACKGROUND_ROWS = int(os.environ.get("SAUSAT_IMPORT_BACKGROUND_ROWS", "1000"))

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Probes and scrapers talk plain HTTP to the app server on 127.0.0.1 (sausat.core.ops).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
# /metrics: a bearer token for a scraper on another machine; empty: only this machine may read it.
SAUSAT_METRICS_TOKEN = os.environ.get("SAUSAT_METRICS_TOKEN", "")
# /readyz: a worker that has not polled the queue for this long (and runs no job) is "not ready".
SAUSAT_WORKER_STALE_SECONDS = int(os.environ.get("SAUSAT_WORKER_STALE_SECONDS", "120"))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# HTTPS-only cookies and redirects: on in production; `make run` serves the demo without DEBUG over
# plain http://127.0.0.1 and turns them off with SAUSAT_HTTPS=0.
SAUSAT_HTTPS = env_bool("SAUSAT_HTTPS", not DEBUG)
if SAUSAT_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SAUSAT_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SAUSAT_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- E-mail ---------------------------------------------------------------------------------
# Django 6.1's MAILERS (EMAIL_BACKEND is deprecated): the console in development, SMTP in production.
_EMAIL_BACKEND = os.environ.get("SAUSAT_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("SAUSAT_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("SAUSAT_EMAIL_PORT", "25")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("SAUSAT_DEFAULT_FROM_EMAIL", "sausat@localhost")

# --- Logging: UTC timestamps, request id on every line ---------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "sausat.core.middleware.RequestIdLogFilter"},
        "public_form": {"()": "sausat.core.logformat.PublicFormFilter"},
    },
    "formatters": {
        "plain": {
            "()": "sausat.core.logformat.UTCFormatter",
            "format": "%(asctime)sZ %(levelname)s [%(request_id)s] %(name)s: %(message)s",
        },
        # One JSON object per line (SAUSAT_LOG_FORMAT=json) for journald / log shippers.
        "json": {"()": "sausat.core.logformat.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("SAUSAT_LOG_FORMAT") == "json" else "plain",
            "filters": ["request_id", "public_form"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("SAUSAT_LOG_LEVEL", "WARNING")},
}

# --- Product settings -----------------------------------------------------------------------
# Demo mode (default: on with DEBUG): the demo accounts share SAUSAT_DEMO_PASSWORD. Off, e.g. in
# production, seed_demo gives each account a random password (printed once) and never the shared one.
SAUSAT_DEMO = env_bool("SAUSAT_DEMO", DEBUG)
SAUSAT_DEMO_PASSWORD = os.environ.get("SAUSAT_DEMO_PASSWORD", "sausat-demo-2026")
SAUSAT_SHARED_DIR = Path(os.environ.get("SAUSAT_SHARED_DIR", BASE_DIR.parent / "shared"))
NINJA_PAGINATION_PER_PAGE = 20
# Demo seeders, run in order by `manage.py seed_demo`; each returns lines to print.
SAUSAT_DEMO_SEEDERS = [
    "sausat.people.demo.seed",
    "sausat.meetings.demo.seed",
    "sausat.opinions.demo.seed",
    "sausat.directives.demo.seed",
    "sausat.liaison.demo.seed",
    "sausat.cadres.demo.seed",
    "sausat.portal.demo.seed",
    # Current-year work for every demo account (dates relative to the day of seeding).
    "sausat.opinions.demo_current.seed",
    "sausat.directives.demo_current.seed",
    "sausat.liaison.demo_current.seed",
]
