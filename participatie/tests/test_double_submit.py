"""One response per filling-in session: a double click, a retry or ten simultaneous posts."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from core.constants import RESIDENT_SESSION_KEY
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis
from participatie import services
from participatie.constants import Toegang
from participatie.models import Respons, Uitnodigingscode
from participatie.views import bewoner

from .helpers import answers_for, template_survey


def _events() -> int:
    return Gebeurtenis.objects.filter(type=GebeurtenisType.ENQUETE_RESPONS).count()


@pytest.mark.django_db
def test_the_same_key_twice_stores_one_response_and_one_event():
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    answers = answers_for(vragenlijst)
    first = services.respons_submit(vragenlijst=vragenlijst, answers=answers, sleutel="k" * 43)
    second = services.respons_submit(vragenlijst=vragenlijst, answers=answers, sleutel="k" * 43)
    assert first.pk == second.pk
    assert (Respons.objects.count(), _events()) == (1, 1)
    # and another session's key is another response
    services.respons_submit(vragenlijst=vragenlijst, answers=answers, sleutel="m" * 43)
    assert (Respons.objects.count(), _events()) == (2, 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("toegang", [Toegang.OPEN_LINK, Toegang.CODES])
def test_ten_simultaneous_submits_of_one_session_store_one_response(toegang):
    # given one resident session (with its invite code for a code survey)
    vragenlijst = template_survey(toegang=toegang)
    code = services.codes_generate(vragenlijst=vragenlijst, n=1)[0] if toegang == Toegang.CODES else None
    answers = answers_for(vragenlijst)
    barrier = threading.Barrier(10)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(
                services.respons_submit(vragenlijst=vragenlijst, answers=answers, code=code, sleutel="s" * 43).pk
            )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    # when ten requests submit it at the same moment
    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # then every request succeeds with the same, single response and one event
    assert errors == []
    assert len(results) == 10 and len(set(results)) == 1
    assert (Respons.objects.count(), _events()) == (1, 1)
    if code:
        assert Uitnodigingscode.objects.filter(used_at__isnull=False).count() == 1


@pytest.mark.django_db
@override_settings(PARTICIPATIE_MIN_FILL_SECONDS=0)
def test_a_retry_with_the_session_as_it_was_before_the_first_submit_is_thanked_and_stored_once():
    # given a resident on the last page
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    answers = answers_for(vragenlijst)
    vragen = list(vragenlijst.vragen.order_by("volgorde", "id"))
    pages = [vragen[i : i + bewoner.PER_PAGINA] for i in range(0, len(vragen), bewoner.PER_PAGINA)]

    def post(number):
        data = {f"vraag_{v.pk}": answers.get(v.pk, "") for v in pages[number - 1]}
        return client.post(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, number]), data)

    for number in range(1, len(pages)):
        post(number)
    session = client.session
    before = dict(session[RESIDENT_SESSION_KEY])
    # when the last page is sent, and sent again by a request that read the session before
    # the first one saved it (a double click while the server is slow)
    assert post(len(pages))["Location"].endswith("/bedankt/")
    session = client.session
    session[RESIDENT_SESSION_KEY] = before
    session["participatie_klaar"] = []
    session.save()
    second = post(len(pages))
    # then both are thanked and one response is stored
    assert second["Location"].endswith("/bedankt/")
    assert (Respons.objects.count(), _events()) == (1, 1)
