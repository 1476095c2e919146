"""Errors a page cannot handle: 503 "temporarily unavailable" when the database is unreachable,
the 500 page otherwise; neither shows a traceback (core/views.server_error)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from participatie import selectors as participatie_selectors
from wup.tests.factories import PlanFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "status", "text"),
    [
        (OperationalError("connection refused"), 503, "Tijdelijk niet beschikbaar"),
        (InterfaceError("connection already closed"), 503, "Tijdelijk niet beschikbaar"),
        (ValueError("a bug"), 500, "Er ging iets mis"),
    ],
)
def test_an_unhandled_error_is_503_when_the_database_is_unreachable_else_500(error, status, text):
    # given a public page whose read fails
    plan = PlanFactory()
    client = Client(raise_request_exception=False)
    with mock.patch.object(participatie_selectors, "plan_get", side_effect=error):
        # when a resident opens it
        response = client.get(reverse("portaal:publiek", args=[plan.id]))
    # then the page says what happened, without a traceback, and a 503 says when to try again
    body = response.content.decode()
    assert response.status_code == status
    assert text in body and "Traceback" not in body and str(error) not in body
    assert (response.get("Retry-After") == "30") is (status == 503)


@pytest.mark.django_db
def test_a_plan_that_does_not_exist_is_still_404():
    assert Client().get(reverse("portaal:publiek", args=[999_999])).status_code == 404
