"""Settings shared by every mode. Everything that differs between machines comes from the
environment (see the configuration table in README.md); `dev`, `test` and `production` only
change defaults."""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

# The API's settings live in their own module; settings are read by name.
from .api import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: F401
from .ops import (  # noqa: F401
    ADMINS,
    LOG_FORMAT,
    LOGGING,
    METERED_CACHES,
    METERED_ENGINES,
    OPS_ALLOWED_IPS,
    OPS_TOKEN,
    SENTRY_DSN,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps, in dependency order: home → kb → helpdesk → cms.core (docs/architecture.md).
    "home",
    "kb",
    "helpdesk",
    "cms.core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # Only for migration 0009 of helpdesk, which moves its old keys to Wagtail's APIToken.
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # staff 2FA recovery codes
]

MIDDLEWARE = [
    # Requests by view and status, latency histograms (django-prometheus; with its After below).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # The request id (X-Request-ID) every log line of the request carries (cms.core.logs).
    "cms.core.logs.middleware.RequestIdMiddleware",
    # /healthz and /readyz, before host checks and the HTTPS redirect (cms.core.ops).
    "cms.core.ops.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Each cache version (the KB generation...) is read once per request (cms.core.versioned_cache).
    "cms.core.versioned_cache.VersionsReadOnceMiddleware",
    "csp.middleware.CSPMiddleware",
    "home.middleware.AdminCSPMiddleware",
    # Anonymous KB readers get a stored page before sessions and routing (kb.anonymous_cache).
    "kb.anonymous_cache.AnonymousKBCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The request's Wagtail Site from the cache (Wagtail asks the database every time).
    "cms.core.site_cache.CachedSiteMiddleware",
    "home.middleware.PortalLocaleMiddleware",
    # A NUL character in a path, query or form is a 400 (in the reader's language), not a 500.
    "home.middleware.UnstorableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A lost lock race is a clean 503 with Retry-After, never a 500 page (C-40).
    "home.middleware.DatabaseBusyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "helpdesk.accounts.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "helpdesk.accounts.two_factor.AdminTwoFactorMiddleware",
    # KB articles answer If-None-Match before routing (kb.conditional), after the checks above.
    "kb.conditional.KBConditionalGetMiddleware",
    # KB URLs route to the page remembered for them (kb.route_cache) instead of a tree walk.
    "kb.route_cache.KBRouteCacheMiddleware",
    # Last, as django-axes asks; its lockout answer is the view's own (see AXES_*).
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.portal_shell",
            ],
        },
    },
]

# Database: a SQLite file under var/ unless DATABASE_URL says otherwise.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writes on SQLite (C-40): a deferred transaction that reads first fails its
    # upgrade to a write lock at once, busy timeout or not, and select_for_update is ignored.
    # IMMEDIATE takes the write lock at BEGIN, so writers queue for up to `timeout` seconds
    # instead; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=env.int("SQLITE_LOCK_TIMEOUT", default=20),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
    # Tests in memory, as for Django's own engine name (pytest-django tells SQLite by that name,
    # and the metered engine below would otherwise get a file name per test process).
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
# Query counts and timings for /metrics: django-prometheus's engines wrap Django's, no more.
DATABASES["default"]["ENGINE"] = METERED_ENGINES.get(
    DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"]
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default is shared by every process of one machine (gunicorn's workers, the task worker):
# a publish or a new restriction moves the KB's cache generation for all of them at once, which
# a per-process cache (locmem) cannot. Several machines share Redis (docs/deployment.md).
CACHES = {
    "default": env.cache_url("CACHE_URL")
    if "CACHE_URL" in os.environ
    else {
        "BACKEND": "cms.core.file_cache.SharedFileCache",
        "LOCATION": str(env.path("CACHE_DIR", default=str(VAR_DIR / "cache"))),
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    },
    # Wagtail writes an image's rendition to this cache every time the image is shown (the
    # portal logo: on every page); kept in process memory, that costs no file write.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# Cache timings and hit rates for /metrics: the default cache's backend, metered.
CACHES["default"]["BACKEND"] = METERED_CACHES.get(
    CACHES["default"]["BACKEND"], CACHES["default"]["BACKEND"]
)
# Sessions: "db" (default) or "cache" — with CACHE_URL=redis://… several app servers share them.
# "cached_db" writes through to the database and reads from the cache.
SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[env.str("SESSION_STORE", default="db")]
# Part of every page ETag: set it per deployment (e.g. the commit) so a new release is re-sent.
APP_VERSION = env.str("APP_VERSION", default="")

# Accounts
AUTH_USER_MODEL = "helpdesk.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked username + IP before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "helpdesk.accounts.backends.EmailBackend",
]
# Small uploads in memory, larger ones spooled to disk, but never more of a file than the
# portal's upload limit (helpdesk.tickets.uploads).
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "helpdesk.tickets.uploads.PortalLimitUploadHandler",
]
PASSWORD_HASHERS = [
    "helpdesk.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Sessions end after this much inactivity, and in any case this long after login.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=14 * 24 * 3600)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=30 * 24 * 3600)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

# Login brute force (DESIGN rule 9, C-17): 5 failures per username + IP within 15 minutes
# lock for 15 minutes; a lock looks exactly like a wrong password.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "helpdesk.accounts.lockout.axes_username"
AXES_CLIENT_IP_CALLABLE = "helpdesk.accounts.lockout.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "helpdesk.accounts.lockout.same_as_wrong_password"
# Reverse proxies in front of the app that append to X-Forwarded-For. 0: the client IP (for
# axes and the reset limits) is REMOTE_ADDR and X-Forwarded-For is ignored (C-12).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Staff need a TOTP code for /admin/ (production turns it on; off here for the demo logins).
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)

# Languages: English is the source; the URL prefix picks the language while browsing.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("it", "Italiano"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_TZ = True

# Static files and storage. "default" holds public media (Wagtail images such as the portal
# logo); "private" holds ticket attachments and is never served by URL — files leave it only
# through a view that checks permissions.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=VAR_DIR / "private")
PRIVATE_STORAGE_BACKEND = env.str("PRIVATE_STORAGE_BACKEND", default="filesystem")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if PRIVATE_STORAGE_BACKEND == "s3":
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("PRIVATE_STORAGE_BUCKET"),
            "endpoint_url": env.str("PRIVATE_STORAGE_ENDPOINT_URL", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["private"] = {
        "BACKEND": "cms.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT)},
    }

# E-mail: console in development; SMTP (or any backend) by URL in production.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Service Portal <support@example.com>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Background tasks (django_tasks, which Wagtail 8 also uses for search indexing).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Service Portal"
# One password reset for everyone: the portal's e-mailed code (10 minutes, 5 tries, limited).
# Wagtail's own form would mail a 3-day link around those rules (SECURITY C-12).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# KB documents (attachments, videos) are kept in the private storage and always leave through
# the checked document view, as downloads (kb.models.document, kb.wagtail_hooks).
WAGTAILDOCS_DOCUMENT_MODEL = "kb.KBDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"),
    *("mp4", "webm"),  # videos in KB articles
]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if env.str("SEARCH_URL", default=""):
    # e.g. SEARCH_BACKEND=wagtail.search.backends.elasticsearch8, SEARCH_URL=http://es:9200
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env.str("SEARCH_BACKEND"),
        "URLS": env.list("SEARCH_URL"),
        "INDEX": env.str("SEARCH_INDEX", default="service_portal"),
    }


# Headers that hold in every mode; production adds the HTTPS ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No avatars from gravatar.com: the admin would send hashes of staff e-mail addresses out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# A strict CSP for the portal: no inline script, inline styles only with the request's nonce
# (the brand colour). The Wagtail admin and the API docs (Swagger UI) get their own, looser
# policy (home.middleware.AdminCSPMiddleware): their templates use inline scripts and styles.
RELAXED_CSP_PREFIXES = ["/admin/", "/api/docs/"]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": RELAXED_CSP_PREFIXES,
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self'; connect-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
