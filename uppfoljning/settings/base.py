"""Settings shared by every environment; values come from the environment.

See https://docs.djangoproject.com/en/5.2/ref/settings/ for each setting.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# Opt-in, because docker compose also reads .env and its DATABASE_URL names the "postgres"
# container, which a developer's `make run` cannot reach.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

# https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
# The default is for development only; production.py refuses to start with it.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env.bool("DEBUG", default=False)
# https://docs.djangoproject.com/en/5.2/ref/settings/#allowed-hosts
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# production.py sets it. What must not happen there by accident asks for it: load_demo,
# whose users would otherwise get the demo's published password.
PRODUCTION = False
# https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-trusted-origins
# Needed behind a TLS-terminating proxy, e.g. "https://uppfoljning.kommun.se".
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_celery_beat",
    # Two-factor authentication (uppfoljning/two_factor): authenticator apps, backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Only for the migration that hashed its codes into uppfoljning.two_factor's; it has
    # no devices any more (uppfoljning/two_factor/models.py).
    "django_otp.plugins.otp_static",
    "uppfoljning.two_factor",
    "axes",
    "uppfoljning",
    "uppfoljning.audit",
    "suppliers",
    "followups",
    "reports",
]

MIDDLEWARE = [
    # First, so probes get an answer whatever the Host header, TLS or login state.
    "uppfoljning.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "uppfoljning.middleware.PermissionsPolicyMiddleware",
    # Outside all that reads the database, inside the headers' middleware (its 503 page gets
    # them): a GET whose database connection died is run once more, else a 503.
    "uppfoljning.middleware.DatabaseConnectionLostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(), then the second factor for those who need one.
    "django_otp.middleware.OTPMiddleware",
    "uppfoljning.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "uppfoljning.middleware.NoStoreForUsersMiddleware",
    "uppfoljning.middleware.AuditRefusalsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Logged out after SESSION_IDLE_TIMEOUT without a request (see LOGIN AND SESSIONS below).
    "uppfoljning.middleware.IdleTimeoutMiddleware",
    # Last, as axes asks: turns a throttled login into the login page saying when to retry.
    "axes.middleware.AxesMiddleware",
]

# Response headers (issue 14); SecurityMiddleware's own (nosniff, Referrer-Policy,
# Cross-Origin-Opener-Policy) keep Django's defaults, HSTS and secure cookies are production's.
# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere. Templates keep
# their script and style in static files (static/js, static/css). The QR code of two-factor
# enrolment may be a data: PNG. The Django admin gets the same policy: Django 5.2's admin
# templates and scripts carry no inline script or style attribute; django-simple-history's
# history page has one style attribute (a paginator's border-top: 0), which the browser then
# ignores: a cosmetic line, not worth a weaker policy on the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features the site never uses, switched off for it and anything it might embed
# (uppfoljning.middleware.PermissionsPolicyMiddleware; Django has no setting for it).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# No script reads the CSRF cookie: forms (htmx's too) send the token from the form field.
CSRF_COOKIE_HTTPONLY = True

ROOT_URLCONF = "uppfoljning.urls"
WSGI_APPLICATION = "uppfoljning.wsgi.application"

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
                "uppfoljning.core.navigation.navigation",
            ],
        },
    },
]

# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# The embedded default is a SQLite file; production sets DATABASE_URL to PostgreSQL,
# e.g. postgres://user:password@host:5432/uppfoljning.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's pool, one per process (gunicorn worker, Celery child):
    # https://docs.djangoproject.com/en/5.2/ref/databases/#connection-pool
    # The pool replaces persistent connections, so CONN_MAX_AGE must stay 0.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DB_POOL_MAX_SIZE", default=4),
        # Seconds a request waits for a free connection before failing.
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A connection is checked as the pool hands it out (an empty query; a dead one, e.g. its
    # backend ended by pg_terminate_backend or a server restart, is dropped and another taken).
    # With a pool, Django 5.2 reads CONN_HEALTH_CHECKS for exactly this: it passes
    # check=ConnectionPool.check_connection to psycopg_pool when it is True (and skips its own
    # per-request check of persistent connections, which a pool does not have). The check cannot
    # be given as OPTIONS["pool"]["check"] instead: Django passes `check=` itself, so the pool
    # would get it twice (TypeError). A connection that dies while a request holds it is
    # uppfoljning.middleware.DatabaseConnectionLostMiddleware's (a GET retried, else a 503).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a throttled login before any password is checked (see below).
    "uppfoljning.throttling.LoginThrottleBackend",
    # Role permissions come from uppfoljning.core.roles; superusers get everything.
    "uppfoljning.core.roles.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12 characters: the municipality's IT department's floor (issue 14).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# Two-factor authentication (django-otp, uppfoljning/two_factor): the roles that must pass a
# second factor after the password (superusers always do; others may enrol of their own accord).
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=["strategist"])
# The account's name in the authenticator app.
OTP_TOTP_ISSUER = "Uppföljning"

# --- Login and sessions (issue 14) ------------------------------------------------------
# Login throttling, django-axes: https://django-axes.readthedocs.io/en/latest/4_configuration.html
# Failures are counted per username and per client IP separately, each against its own
# limit, within a cool-off window; a throttled login is refused even with the right
# password until the window has passed since the failures that throttled it. Never a
# permanent lockout; attempts while throttled do not extend it, so the time the login page
# names holds. A success clears that username's failures. The rows (admin: "Access
# attempts") are what `manage.py axes_reset_username <name>` deletes.
AXES_HANDLER = "uppfoljning.throttling.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_IP = env.int("LOGIN_FAILURE_LIMIT_PER_IP", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "uppfoljning.throttling.throttled_response"
AXES_CLIENT_IP_CALLABLE = "uppfoljning.core.requests.client_ip"
# Logins are recorded by the audit log, not a second time by axes.
AXES_DISABLE_ACCESS_LOG = True
# Proxies in front that append to X-Forwarded-For (production: the TLS proxy). The client's
# IP, for the login and API throttles, is the address the nearest of them saw.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Logged out after this long without a request (seconds); the absolute lifetime is
# SESSION_COOKIE_AGE.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
# A password reset link works once, for this long (seconds; Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = 60 * 60
# Reset e-mails sent within an hour: at most this many to one address, and from one client.
PASSWORD_RESET_LIMIT = 3
PASSWORD_RESET_LIMIT_PER_IP = 20

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Swedish municipal conventions: ISO dates, comma decimal. No automatic thousands separator:
# it would also group ids in links and form values ("?supplier=2 754"); amounts and counts
# that need "1 234 567" use the kr/mkr filters or humanize's intcomma (space in sv).
FORMAT_MODULE_PATH = ["uppfoljning.formats"]
USE_THOUSAND_SEPARATOR = False

# https://docs.djangoproject.com/en/5.2/ref/settings/#static-files
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Requests per client IP (anonymous) and per user; past them the answer is 429.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON_RATE", default="60/minute"),
        "user": env("API_THROTTLE_USER_RATE", default="600/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "uppfoljning.throttling.api_exception_handler",
}

# Cache: https://docs.djangoproject.com/en/5.2/topics/cache/
# Redis when REDIS_URL is set (shared by every web and worker process); otherwise memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "uppfoljning",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
# Settings: https://docs.celeryq.dev/en/stable/userguide/configuration.html
# With no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# A task is killed after the hard limit; the soft limit lets it clean up first.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=9 * 60)
# Acknowledge after the task ran, so a worker that dies mid-task loses nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Recycle worker children (WeasyPrint renders grow memory); 0 disables recycling.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50) or None
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers an unacknowledged task after this (a worker killed as a whole, not just a
# child, acknowledges nothing). It must exceed the longest task, or a running task would be
# delivered twice; tasks are idempotent (keyed by their object's id and state) even so.
# The hard time limit plus 5 minutes: 15 minutes by default, not the hours it used to be.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 5 * 60}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Fail fast when the broker is down: the daily sweep redoes what was not sent.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# Seconds without a heartbeat after which a report's PDF job is presumed lost (its worker
# died, or the broker lost the task) and the recovery sweep ("reports.recover_jobs", every
# minute) fails it, so the user can start a new one. A job beats when queued, when a worker
# takes it and at each step; the longest silent step is the WeasyPrint layout, which the
# hard time limit bounds: a live job is never silent longer than CELERY_TASK_TIME_LIMIT.
# Two minutes beyond it (12 minutes by default) leaves room for a step's own database write
# and the sweep's one-minute period, and stays below the visibility timeout, so a
# redelivered task finds its job already failed and does nothing.
REPORT_JOB_STALE_AFTER = CELERY_TASK_TIME_LIMIT + 2 * 60
# Seconds before a failed scheduled task is retried (doubling, with jitter, up to 30 min).
FOLLOWUPS_TASK_RETRY_BACKOFF = 30

# The audit log (uppfoljning.audit): rows older than this many days are deleted by the daily
# purge (Celery beat's "audit.purge", or `manage.py purge_audit_log`).
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)

# Data feeds (followups.feeds): limits that keep one uploaded file from exhausting the server.
# An upload is refused as soon as it passes FEEDS_MAX_UPLOAD_BYTES, before it is read.
FEEDS_MAX_UPLOAD_BYTES = env.int("FEEDS_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Reading stops after this many rows below the header (empty rows count: they cost time too).
FEEDS_MAX_ROWS = env.int("FEEDS_MAX_ROWS", default=20_000)
# An .xlsx is a zip: refuse one that would unpack to more than this.
FEEDS_MAX_UNCOMPRESSED_BYTES = env.int("FEEDS_MAX_UNCOMPRESSED_BYTES", default=50 * 1024 * 1024)
# Files larger than this are checked and imported by a Celery task, with progress.
FEEDS_BACKGROUND_BYTES = env.int("FEEDS_BACKGROUND_BYTES", default=50 * 1024)

# E-mail: https://docs.djangoproject.com/en/5.2/topics/email/
# Either EMAIL_URL (smtp+tls://user:password@host:587, consolemail://) or EMAIL_HOST and
# friends; with neither, mail is printed to the console (the embedded default).
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))
elif env("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="uppfoljning@kommun.example")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each step of parsing its default stylesheets at INFO, on every command.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
