import time

import pytest
from celery import signals
from django.conf import settings
from django.core.cache import cache

from core import tasks as core_tasks
from core.tasks import worker_heartbeat_task
from dashboard.tests.worker import start_worker, stop_worker


@pytest.mark.django_db
def test_health_reports_database_broker_worker_and_beat(client):
    # given a worker seen 5 seconds ago and beat 12 seconds ago
    cache.set(settings.CELERY_WORKER_HEARTBEAT_KEY, time.time() - 5, timeout=None)
    cache.set(settings.CELERY_BEAT_HEARTBEAT_KEY, time.time() - 12, timeout=None)
    # when the health endpoint is asked
    response = client.get("/health/")
    # then it reports each part, as JSON, without secrets
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["broker"] == "ok" and body["status"] == "ok"
    assert body["worker"] == "ok" and 4 <= body["worker_age_seconds"] < 30
    assert body["beat"] == "ok" and 11 <= body["beat_age_seconds"] < 30
    text = response.content.decode()
    assert "redis://" not in text and "postgres" not in text and settings.SECRET_KEY not in text


@pytest.mark.django_db
def test_health_without_heartbeats_says_down(client):
    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    cache.delete(settings.CELERY_BEAT_HEARTBEAT_KEY)
    response = client.get("/health/")
    body = response.json()
    assert body["worker"] == "down" and body["worker_age_seconds"] is None
    assert body["beat"] == "down" and body["beat_age_seconds"] is None
    # monitoring's rule is unchanged: only the database and the broker make it 503
    assert response.status_code == 200


@pytest.mark.django_db
def test_health_tells_stale_from_down_by_age(client):
    # given a worker last seen just past the stale bound and beat just past the down bound
    now = time.time()
    cache.set(settings.CELERY_WORKER_HEARTBEAT_KEY, now - settings.HEALTH_HEARTBEAT_MAX_AGE - 5, timeout=None)
    cache.set(settings.CELERY_BEAT_HEARTBEAT_KEY, now - settings.HEALTH_HEARTBEAT_DOWN_AGE - 5, timeout=None)
    body = client.get("/health/").json()
    assert body["worker"] == "stale" and body["worker_age_seconds"] > settings.HEALTH_HEARTBEAT_MAX_AGE
    assert body["beat"] == "down" and body["beat_age_seconds"] > settings.HEALTH_HEARTBEAT_DOWN_AGE


def test_the_worker_event_heartbeat_records_the_worker_only(monkeypatch):
    # given nothing recorded
    monkeypatch.setattr(core_tasks, "_worker_seen_at", 0.0)
    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    cache.delete(settings.CELERY_BEAT_HEARTBEAT_KEY)
    # when the worker sends its event heartbeat (celery's own signal)
    signals.heartbeat_sent.send(sender=None)
    # then the worker is seen, beat is not
    assert time.time() - cache.get(settings.CELERY_WORKER_HEARTBEAT_KEY) < 2
    assert cache.get(settings.CELERY_BEAT_HEARTBEAT_KEY) is None


def test_publishing_the_heartbeat_task_records_beat_only(private_redis):
    # given nothing recorded (a broker and cache of this test's own)
    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    # when the heartbeat task is published, as beat does, and no worker takes it
    worker_heartbeat_task.apply_async(expires=30)
    # then beat is seen, the worker is not; another task's publish does not count as beat
    assert time.time() - cache.get(settings.CELERY_BEAT_HEARTBEAT_KEY) < 2
    assert cache.get(settings.CELERY_WORKER_HEARTBEAT_KEY) is None
    cache.delete(settings.CELERY_BEAT_HEARTBEAT_KEY)
    signals.after_task_publish.send(sender="dashboard.tasks.reconcile", headers={}, body=())
    assert cache.get(settings.CELERY_BEAT_HEARTBEAT_KEY) is None


@pytest.mark.fault
@pytest.mark.django_db(transaction=True)
def test_a_running_worker_without_beat_is_ok_and_beat_is_down(private_redis, client, tmp_path):
    # given a real worker and no beat (issue 13: this said "worker": "stale")
    cache.delete(settings.CELERY_WORKER_HEARTBEAT_KEY)
    cache.delete(settings.CELERY_BEAT_HEARTBEAT_KEY)
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = start_worker(out)
    try:
        # when /health/ is asked while the worker runs
        deadline = time.monotonic() + 60
        body = client.get("/health/").json()
        while body["worker"] != "ok" and time.monotonic() < deadline:
            time.sleep(0.5)
            body = client.get("/health/").json()
    finally:
        stop_worker(worker)
    # then the worker is ok and beat, which nobody started, is down
    assert body["worker"] == "ok", log.read_text(errors="replace")
    assert body["beat"] == "down" and body["beat_age_seconds"] is None


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
