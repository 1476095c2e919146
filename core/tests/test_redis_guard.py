"""A stalled or stopped Redis never stalls a request (core/redis_guard.py)."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.test import Client
from django.urls import reverse

from core import redis_guard


def test_a_failing_call_returns_the_fallback_and_later_calls_skip_redis():
    calls = []

    def broken():
        calls.append(1)
        raise ConnectionError("down")

    assert redis_guard.call(broken, fallback="x", what="test") == "x"
    assert redis_guard.call(broken, fallback="y", what="test") == "y"
    assert calls == [1]  # the second call did not even try
    redis_guard.reset()
    assert redis_guard.call(lambda: 42, fallback=0, what="test") == 42


def test_a_publish_that_hangs_is_given_up_after_the_wait_and_opens_the_breaker():
    started = time.monotonic()
    with pytest.raises(redis_guard.RedisUnavailable):
        redis_guard.enqueue(lambda: time.sleep(3), what="test")
    assert time.monotonic() - started < 2  # a hang detector: the wait is ENQUEUE_WAIT (0.5 s)
    assert not redis_guard.available()
    with pytest.raises(redis_guard.RedisUnavailable):
        redis_guard.enqueue(lambda: "never called", what="test")


@pytest.mark.fault
@pytest.mark.django_db(transaction=True)
def test_residents_submit_while_redis_is_paused_and_nothing_is_lost(private_redis, settings):
    from participatie.constants import Toegang
    from participatie.models import Respons
    from participatie.tests.helpers import answers_for, template_survey
    from participatie.views import bewoner

    settings.PARTICIPATIE_MIN_FILL_SECONDS = 0
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    vragen = list(vragenlijst.vragen.order_by("volgorde", "id"))
    pages = [vragen[i : i + bewoner.PER_PAGINA] for i in range(0, len(vragen), bewoner.PER_PAGINA)]
    clients = []
    # given three residents on the last page while Redis still answers
    for n in range(3):
        client = Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
        client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
        answers = answers_for(vragenlijst)
        for number, page in enumerate(pages[:-1], start=1):
            data = {f"vraag_{v.pk}": answers.get(v.pk, "") for v in page}
            client.post(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, number]), data)
        clients.append((client, {f"vraag_{v.pk}": answers.get(v.pk, "") for v in pages[-1]}))
    # when Redis stops answering (SIGSTOP: connections open, no replies) and they send
    os.kill(private_redis.pid, signal.SIGSTOP)
    timings = []
    for client, data in clients:
        started = time.monotonic()
        response = client.post(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, len(pages)]), data)
        timings.append(time.monotonic() - started)
        assert response.status_code == 302 and response["Location"].endswith("/bedankt/")
    login = time.monotonic()
    assert Client().get(reverse("core:login")).status_code == 200
    # then every answer is saved, once, and no request hung (hang detector; figures in bench/)
    assert Respons.objects.filter(vragenlijst=vragenlijst).count() == 3
    assert max(timings) < 5 and time.monotonic() - login < 5
    # and only the first request paid a timeout: the breaker skipped Redis for the others
    assert max(timings[1:]) < timings[0] or max(timings) < 1
