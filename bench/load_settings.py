"""Bench-only settings for the load test's trivial view: production plus bench/load_urls.py.

    DJANGO_SETTINGS_MODULE=bench.load_settings gunicorn config.wsgi ...

Everything else is `config.settings.production`; the app's own URLconf is not changed.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
