"""Settings shared by every environment. Everything that differs comes from the environment.

Layout: base (this file) <- dev / test / production. Production has no defaults for secrets
or the database: it fails loudly (see production.py).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab  # noqa: F401 - for beat entries
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEVDATA_DIR = BASE_DIR / ".devdata"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pgtrigger",
    "pghistory",
    # The audit history (every tracked change to plans, kaders, routekaart...) read-only in the
    # admin for the functional administrator: pghistory's events admin has no add/change/delete.
    "pghistory.admin",
    "core",
    "wup",
    "logboek",
    "routekaart",
    "participatie",
    "dashboard",
    "portaal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.logs.RequestLogMiddleware",
    # request.user.is_verified(): the second factor of this session (core/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.SecondFactorRevokedMiddleware",
    "core.middleware.IdleSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Last: every view must declare an access policy (default deny), see core/permissions.py.
    "core.middleware.AccessPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
            # The named date formats (|datum, |datum_kort, ...) in every template: core/dates.py.
            "builtins": ["core.templatetags.datums"],
        },
    },
]

# --- Database: PostgreSQL only -------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A connection kept open is checked before each request reuses it: after a database restart
# the first request reconnects instead of failing (core/tests/test_fault_postgres.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that accepts connections but never answers (a stalled server, a dropped network
# path) fails a request after this many seconds, with a 503 (core/views.server_error),
# instead of holding it until the proxy or gunicorn gives up. Reached servers connect in ms.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache ---------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default=None)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)


def redis_cache_url(redis_url: str | None) -> str | None:
    """The cache's Redis database: REDIS_CACHE_URL, else the next database of REDIS_URL.

    Cache and broker in different databases by default, so clearing or evicting the cache
    can never touch queued tasks (redis://host:6379/0 -> redis://host:6379/1).
    """
    explicit = env("REDIS_CACHE_URL", default=None)
    if explicit or not redis_url:
        return explicit or redis_url
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(redis_url)
    db = parts.path.strip("/")
    next_db = (int(db) + 1) % 16 if db.isdigit() else 1
    return urlunsplit(parts._replace(path=f"/{next_db}"))


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_cache_url(REDIS_URL),
        "KEY_PREFIX": "wijkproces",
        # Short timeouts: a broker or cache that is down must never block a request (together
        # with the breaker in core/redis_guard.py: one slow call per process per 10 s at most).
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}

# --- Authentication and sessions -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # absolute: one working day
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)  # BIO2: idle timeout
# Login throttling (django-axes): lock a username+IP pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Behind reverse proxies the client's address is read from X-Forwarded-For, trusting exactly
# PROXY_COUNT proxies (core/client_ip.py); without it every attempt would come from the proxy
# and five wrong passwords would lock that username out for everyone.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# Second factor (django-otp; BIO2 5.17.01, ASVS 6.3.3): TOTP app plus single-use recovery
# codes, required for civil servants and functional administrators (core/two_factor.py).
# Wrong codes are throttled per device: after n failures the next try waits 2^(n-1) s.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The device admins are not registered (core/admin.py); should they ever be, hide the keys.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "nl"
# The UI is Dutch for everyone (a municipal product); the English catalogue exists for
# translators and a later language switch, so the browser's Accept-Language is not followed.
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Django's own date formats follow the named ones of core/dates.py (the admin, a raw {{ date }}).
FORMAT_MODULE_PATH = ["core.formats"]

# --- Static files (all local, whitenoise) --------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / ".devdata" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Forms ---------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers ----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Strict CSP: no unsafe-inline, no unsafe-eval (DESIGN.md, security baseline). The two style
# hashes are plotly.js 4.1.1's injected style elements (the first is the empty element); a
# browser test fails on any CSP violation so a plotly upgrade cannot slip through.
PLOTLY_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *PLOTLY_STYLE_HASHES],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Celery (reliability settings: DESIGN.md) ----------------------------------------------
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 6 * 60
# The Redis transport redelivers an unacked task after the visibility timeout: just above the
# longest task's hard limit, so a task whose worker was killed comes back within minutes (not
# an hour), and a running task is never delivered twice because it is slow. Countdowns are
# at most a few seconds (recompute coalescing), far below it.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60)
# A running worker looks for such tasks every UNACKED_RESTORE_INTERVAL seconds (kombu's
# default, 10 s x a throttle of 10, looked only every 100 s: a killed worker's task came back
# after up to timeout + 100 s: dashboard/tests/test_fault_worker.py). One ZRANGE per worker per sweep.
CELERY_UNACKED_RESTORE_INTERVAL = max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 10))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": CELERY_UNACKED_RESTORE_INTERVAL,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# No publish retries: a request waits at most core.redis_guard.ENQUEUE_WAIT for a publish, and
# what was not published is caught up by the reconcile (recomputes) or refused (imports).
CELERY_TASK_PUBLISH_RETRY = False
# Bounded redelivery after a worker died mid-task (see core/tasks.py: BoundedRedeliveryTask).
CELERY_MAX_REDELIVERIES = 3
CELERY_WORKER_HEARTBEAT_KEY = "worker-heartbeat"
# Written when beat publishes the heartbeat task (core/tasks.py: beat_seen): /health/ "beat".
CELERY_BEAT_HEARTBEAT_KEY = "beat-heartbeat"
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {
        "task": "core.tasks.worker_heartbeat",
        "schedule": timedelta(seconds=30),
        "options": {"expires": 30},
    },
    # Catch up every plan whose indicator watermark lags the event log (lost enqueue = delay).
    "dashboard-reconcile": {
        "task": "dashboard.tasks.reconcile",
        "schedule": timedelta(minutes=2),
        "options": {"expires": 110},
    },
    "dashboard-nightly-recompute": {
        "task": "dashboard.tasks.recompute_all",
        "schedule": crontab(hour=2, minute=30),
    },
    # AVG retention: free text and unused invite codes after the configured period.
    "participatie-retention": {
        "task": "participatie.tasks.retention_purge",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- Application ---------------------------------------------------------------------------
GEMEENTE_NAAM = env("GEMEENTE_NAAM", default="Amersfoort")
# How residents reach the municipality (e.g. "Bel 14 033 of mail ..."), shown to newcomers on the public page.
GEMEENTE_CONTACT = env("GEMEENTE_CONTACT", default="")
GEMEENTE_CODE = env("GEMEENTE_CODE", default="GM0307")
THEME_PRIMARY = env("THEME_PRIMARY", default="#00689e")
THEME_PRIMARY_CONTRAST = env("THEME_PRIMARY_CONTRAST", default="#ffffff")
HEALTH_HEARTBEAT_MAX_AGE = env.int("HEALTH_HEARTBEAT_MAX_AGE", default=120)
# Older than this (or never seen): /health/ says "down" instead of "stale" (docs/operations.md).
HEALTH_HEARTBEAT_DOWN_AGE = env.int("HEALTH_HEARTBEAT_DOWN_AGE", default=600)
# The name an authenticator app shows next to the account's codes.
OTP_TOTP_ISSUER = f"Wijkproces {GEMEENTE_NAAM}"

# --- Participation (participatie/services) -----------------------------------------------------
# Free-text answers and unused invite codes are removed after this many days (AVG).
PARTICIPATIE_RETENTION_DAYS = env.int("PARTICIPATIE_RETENTION_DAYS", default=365)
# Open-link surveys: a response sent sooner than this after the start is refused (too fast for
# a person); one client (address) sends at most CLIENT_LIMIT responses per survey per window;
# the survey as a whole at most RATE_LIMIT_PER_MINUTE (a safety valve, not the first line).
PARTICIPATIE_MIN_FILL_SECONDS = env.float("PARTICIPATIE_MIN_FILL_SECONDS", default=3)
PARTICIPATIE_CLIENT_LIMIT = env.int("PARTICIPATIE_CLIENT_LIMIT", default=10)
PARTICIPATIE_CLIENT_WINDOW_SECONDS = env.int("PARTICIPATIE_CLIENT_WINDOW_SECONDS", default=600)
PARTICIPATIE_RATE_LIMIT_PER_MINUTE = env.int("PARTICIPATIE_RATE_LIMIT_PER_MINUTE", default=600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # JSON lines with request id, interface and actor (core/logs.py); `plain` for reading by eye.
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", default="json")}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO (a PDF is made at each adoption).
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}


# Demo data loaders, in dependency order (core <- wup <- logboek <- routekaart, participatie <- dashboard).
# wup.demo.load_besluiten last: adopting freezes the whole plan document (route map, participation).
DEMO_LOADERS = ["wup.demo.load", "participatie.demo.load", "dashboard.demo.load", "wup.demo.load_besluiten"]
