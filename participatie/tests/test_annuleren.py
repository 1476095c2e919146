"""A meeting can be cancelled: it stays, marked, in the lists, on the public page and in the feeds."""

from __future__ import annotations

import icalendar
import ics
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from core.constants import Role
from participatie import services
from participatie.models import Bijeenkomst
from wup.constants import PlanStatus

from .factories import BijeenkomstFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_cancel_once_refuse_held_and_held_refuses_cancelled():
    bijeenkomst = BijeenkomstFactory()
    assert services.bijeenkomst_annuleren(bijeenkomst=bijeenkomst)
    assert not services.bijeenkomst_annuleren(bijeenkomst=bijeenkomst)  # a double submit changes nothing
    bijeenkomst.refresh_from_db()
    with pytest.raises(ValidationError):
        services.bijeenkomst_mark_held(bijeenkomst=bijeenkomst, aantal_bezoekers=10)
    gehouden = BijeenkomstFactory(voorbij=True)
    services.bijeenkomst_mark_held(bijeenkomst=gehouden, aantal_bezoekers=12)
    with pytest.raises(ValidationError):
        services.bijeenkomst_annuleren(bijeenkomst=gehouden)
    assert Bijeenkomst.objects.get(pk=gehouden.pk).geannuleerd_op is None


def test_civil_servant_cancels_after_a_confirmation_page(client_for):
    bijeenkomst = BijeenkomstFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("participatie:bijeenkomst_annuleren", args=[bijeenkomst.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Wilt u" in page.content.decode()
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).geannuleerd_op is None  # GET changes nothing
    assert client.post(url).status_code == 302
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).geannuleerd_op is not None
    assert client_for(Role.RAADSLID).post(url).status_code == 403


def test_residents_and_calendars_see_the_cancellation():
    plan = PlanFactory(status=PlanStatus.IN_CONSULTATIE)
    bijeenkomst = BijeenkomstFactory(plan=plan, titel="Keukentafel Zuid")
    services.bijeenkomst_annuleren(bijeenkomst=bijeenkomst)
    html = Client().get(reverse("portaal:publiek", kwargs={"plan_pk": plan.pk})).content.decode()
    assert "Gaat niet door" in html and "Keukentafel Zuid" in html
    body = Client().get(reverse("portaal:agenda_publiek", args=[plan.pk])).content
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    (tweede,) = ics.Calendar(body.decode()).events
    assert tweede.status == "CANCELLED"
