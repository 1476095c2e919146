"""Production: no defaults for secrets or the database; fail loudly when they are missing.

Run behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if not CELERY_BROKER_URL or not REDIS_URL:  # noqa: F405
    raise RuntimeError("REDIS_URL (and optionally CELERY_BROKER_URL) must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
PROXY_COUNT = env.int("PROXY_COUNT", default=1)  # the TLS-terminating reverse proxy
