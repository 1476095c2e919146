import time

import pytest
from django.conf import settings
from django.core.cache import cache

from core.tasks import worker_heartbeat_task


@pytest.mark.django_db
def test_health_reports_database_broker_and_heartbeat_age(client):
    # given a worker that beat 5 seconds ago
    cache.set(settings.CELERY_WORKER_HEARTBEAT_KEY, time.time() - 5, timeout=None)
    # when the health endpoint is asked
    response = client.get("/health/")
    # then it reports each part, as JSON, without secrets
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["broker"] == "ok" and body["status"] == "ok"
    assert 4 <= body["worker_heartbeat_age_seconds"] < 30
    assert body["worker"] == "ok"
    text = response.content.decode()
    assert "redis://" not in text and "postgres" not in text and settings.SECRET_KEY not in text


@pytest.mark.django_db
def test_health_without_heartbeat_says_stale(client):
    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    body = client.get("/health/").json()
    assert body["worker_heartbeat_age_seconds"] is None and body["worker"] == "stale"


@pytest.mark.django_db
def test_health_with_broker_down_is_503(client, settings):
    # given a broker URL where nothing listens
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    # when asked, then it answers quickly with the broker in error
    started = time.monotonic()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_heartbeat_task_records_now():
    worker_heartbeat_task()
    assert time.time() - cache.get(settings.CELERY_WORKER_HEARTBEAT_KEY) < 2


def test_celery_reliability_settings():
    # DESIGN.md: acks late, bounded redelivery, prefetch 1, time limits below visibility timeout
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_TASK_TIME_LIMIT < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] <= 2
    # a dead worker's task is looked for every <= 10 s (kombu's own default: every 100 s)
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] == 1
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"] <= 10
    # and a database that never answers fails a request within seconds
    assert 0 < settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 10
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert "worker-heartbeat" in settings.CELERY_BEAT_SCHEDULE


@pytest.mark.django_db
def test_a_task_redelivered_too_often_is_dropped(settings):
    # given a task id that was already delivered the maximum number of times
    from core.tasks import worker_heartbeat_task as task

    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    cache.set("task-deliveries:t-1:0", settings.CELERY_MAX_REDELIVERIES, timeout=60)
    # when it is delivered once more
    task.push_request(id="t-1")
    try:
        result = task()
    finally:
        task.pop_request()
    # then it does not run
    assert result is None
    assert cache.get(settings.CELERY_WORKER_HEARTBEAT_KEY) is None


@pytest.mark.django_db
def test_a_retry_is_not_counted_as_a_redelivery(settings):
    # given an attempt delivered the maximum number of times
    from core.tasks import worker_heartbeat_task as task

    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    cache.set("task-deliveries:t-2:0", settings.CELERY_MAX_REDELIVERIES, timeout=60)
    # when the task runs as its first retry (same id, retries=1)
    task.push_request(id="t-2", retries=1)
    try:
        result = task()
    finally:
        task.pop_request()
    # then it runs
    assert result is not None
    assert cache.get(settings.CELERY_WORKER_HEARTBEAT_KEY) is not None
