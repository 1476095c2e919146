"""Code attempts are throttled (issue 13): only wrong codes count, per browser session, per
client and for all surveys together; the resident is told how long to wait, the typed code
stays, and a resident with the right code is never slowed down."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participatie import services
from participatie.models import Uitnodigingscode
from participatie.services import invullen
from participatie.tests.helpers import template_survey

pytestmark = pytest.mark.django_db


def _code_post(client, vragenlijst, code, **extra):
    return client.post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": code}, **extra)


def test_a_session_is_stopped_after_ten_wrong_codes_and_told_how_long():
    vragenlijst = template_survey()
    [goed] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    client = Client()
    for i in range(invullen.CODE_LIMIT_SESSION):
        response = _code_post(client, vragenlijst, f"FOUT-{i:04d}-XXXX")
    # the tenth wrong code already says to wait; the eleventh try, even the right code, waits
    assert response.status_code == 429
    response = _code_post(client, vragenlijst, goed)
    html = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "te vaak" in html and "minuten opnieuw" in html
    assert f'value="{goed}"' in html  # what was typed stays
    assert not Uitnodigingscode.objects.filter(vragenlijst=vragenlijst, used_at__isnull=False).exists()
    # and the letter's link in the same browser goes to the code page with the same message
    letter = client.get(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]) + f"?code={goed}")
    assert letter["Location"] == reverse("participatie:vragenlijst_code", args=[vragenlijst.slug])
    # and another resident (another browser, another address) is not affected
    other = _code_post(Client(), vragenlijst, goed, REMOTE_ADDR="10.0.0.99")
    assert other.status_code == 302


def test_right_codes_never_count_and_the_limit_resets_after_the_window():
    vragenlijst = template_survey()
    session: dict = {}
    nu = timezone.now()
    # a few mistakes leave the resident free to go on
    for _ in range(invullen.CODE_LIMIT_SESSION - 1):
        invullen.code_poging_mislukt(session=session, client="10.0.0.1", now=nu)
    assert invullen.code_poging_wacht(session=session, client="10.0.0.1", now=nu) == 0
    invullen.code_poging_mislukt(session=session, client="10.0.0.1", now=nu)
    assert 0 < invullen.code_poging_wacht(session=session, client="10.0.0.1", now=nu) <= invullen.CODE_WINDOW_SECONDS
    later = nu + dt.timedelta(seconds=invullen.CODE_WINDOW_SECONDS + 1)
    assert invullen.code_poging_wacht(session=session, client="10.0.0.1", now=later) == 0
    assert vragenlijst.pk  # the survey itself is untouched by the counting


def test_one_address_with_many_browsers_is_limited_per_client():
    vragenlijst = template_survey()
    for i in range(invullen.CODE_LIMIT_CLIENT):
        _code_post(Client(), vragenlijst, f"FOUT-{i:04d}-YYYY", REMOTE_ADDR="10.0.0.7")
    assert _code_post(Client(), vragenlijst, "FOUT-0000-ZZZZ", REMOTE_ADDR="10.0.0.7").status_code == 429
    assert _code_post(Client(), vragenlijst, "FOUT-0000-ZZZZ", REMOTE_ADDR="10.0.0.8").status_code == 200


def test_the_global_ceiling_holds_against_many_addresses(monkeypatch):
    monkeypatch.setattr(invullen, "CODE_LIMIT_GLOBAL", 5)
    vragenlijst = template_survey()
    for i in range(5):
        _code_post(Client(), vragenlijst, f"FOUT-{i:04d}-WWWW", REMOTE_ADDR=f"10.1.0.{i}")
    assert _code_post(Client(), vragenlijst, "FOUT-0000-VVVV", REMOTE_ADDR="10.2.0.1").status_code == 429
