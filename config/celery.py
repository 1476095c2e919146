"""Celery application. Configuration lives in Django settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("wijkproces")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _structured_logs(sender, **kwargs):
    from core.logs import connect_celery

    connect_celery(sender)


@app.on_after_configure.connect
def _heartbeats(sender, **kwargs):
    from core.tasks import connect_heartbeats

    connect_heartbeats()
