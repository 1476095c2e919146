"""Structured logs: JSON lines with who did what, and never a secret (core/logs.py)."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from core.constants import Role
from core.logs import JsonFormatter
from core.tests.factories import UserFactory
from participatie import services as participatie_services
from participatie.tests.helpers import answers_for, template_survey, walk_pages

pytestmark = pytest.mark.django_db

ANSWER = "Mijn geheime antwoord over de warmtepomp"
PASSWORD = "correct-horse-battery"


def _lines(caplog) -> list[str]:
    formatter = JsonFormatter()
    return [formatter.format(record) for record in caplog.records]


def test_a_resident_and_civil_servant_journey_logs_who_did_what_and_no_secret(caplog, client_for, settings):
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 0
    caplog.set_level(logging.DEBUG)
    # given a council member who mistypes the password once, then logs in with the form
    raadslid = UserFactory(role=Role.RAADSLID, username="r.raadslid", email="r.raadslid@gemeente.example")
    browser = Client()
    browser.post(reverse("core:login"), {"username": raadslid.username, "password": "fout-wachtwoord-123"})
    browser.post(reverse("core:login"), {"username": raadslid.username, "password": PASSWORD})
    # and a resident with a letter code who answers every question, with free text
    vragenlijst = template_survey()
    [code] = participatie_services.codes_generate(vragenlijst=vragenlijst, n=1)
    resident = Client()
    resident.post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": code})
    walk_pages(resident, vragenlijst, answers_for(vragenlijst, tekst=ANSWER))
    # and a civil servant who reads the results and exports the answers
    ambtenaar = client_for(Role.AMBTENAAR)
    ambtenaar.get(reverse("participatie:vragenlijst_resultaten", args=[vragenlijst.pk]))
    ambtenaar.get(reverse("participatie:vragenlijst_export", args=[vragenlijst.pk]))
    # and a council member who tries to write
    browser.post(reverse("participatie:vragenlijst_status", args=[vragenlijst.pk]), {"status": "gesloten"})
    lines = _lines(caplog)
    text = "\n".join(lines)
    # then no line holds the password, the code, the answer text, an e-mail address,
    # a username or an IP address
    for secret in (
        PASSWORD,
        "fout-wachtwoord-123",
        code,
        code.replace("-", ""),
        ANSWER,
        "@gemeente.example",
        "r.raadslid",
        "127.0.0.1",
    ):
        assert secret not in text, secret
    # and every line is one JSON object with the interface
    records = [json.loads(line) for line in lines]
    assert all(r["interface"] in ("web", "command") for r in records)
    events = [r for r in records if r["logger"] == "wijkproces.audit"]
    actions = [(r["action"], r["result"]) for r in events]
    assert ("login", "failed") in actions and ("login", "ok") in actions
    # the resident's final submit is a write by a resident, with a request id
    submits = [r for r in events if r["action"] == "participatie:vragenlijst_pagina"]
    assert submits and all(r["actor"]["role"] == "bewoner" and len(r["request_id"]) >= 8 for r in submits)
    # the council member's write attempt is a refusal by that account
    refused = [r for r in events if r["result"] == "denied"]
    assert refused and refused[-1]["actor"] == {"user_id": raadslid.pk, "role": "raadslid"}
    assert refused[-1]["object"] == {"pk": vragenlijst.pk}


def test_a_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced(client):
    assert client.get(reverse("core:login"), HTTP_X_REQUEST_ID="abc12345-proxy")["X-Request-ID"] == "abc12345-proxy"
    replaced = client.get(reverse("core:login"), HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert replaced != "<script>" and len(replaced) == 32
