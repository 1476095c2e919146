"""Accessibility sweep (axe) of the participatie pages the journey test does not open:
the public plan page on a phone, the friendly closed/unknown survey pages, and the civil
servant's meeting pages (list, form, form with errors, mark-held form)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from wup.tests.factories import PlanFactory

from .factories import BijeenkomstFactory, VragenlijstFactory
from .helpers import template_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _server_validation_only(page) -> None:
    """Skip the browser's own required-field check so the server's messages are shown."""
    page.evaluate("document.querySelectorAll('form').forEach((f) => { f.noValidate = true; })")


def test_public_and_meeting_pages_are_accessible(new_page):
    # given a plan with an open survey, an upcoming and a past meeting, and a closed survey
    plan = PlanFactory(titel="Warmteplan Schothorst")
    template_survey(plan=plan)
    BijeenkomstFactory(plan=plan, titel="Informatieavond warmtenet")
    verleden = BijeenkomstFactory(plan=plan, voorbij=True, titel="Buurtwandeling")
    gesloten = VragenlijstFactory(plan=plan, gesloten=True)

    # when an anonymous resident on a phone opens the public plan page
    bewoner = new_page(mobile=True)
    bewoner.goto(reverse("portaal:publiek", args=[plan.pk]))
    # then the meeting and the survey link are shown, and axe passes
    main = bewoner.locator("main").inner_text()
    assert "Informatieavond warmtenet" in main and "Naar de vragenlijst" in main
    assert "Nieuw in de wijk?" in main
    assert_accessible(bewoner, "public plan page (phone)")
    # and the friendly closed and unknown survey pages pass too
    response = bewoner.goto(reverse("participatie:vragenlijst_start", args=[gesloten.slug]))
    assert response.status == 410
    assert_accessible(bewoner, "closed survey")
    response = bewoner.goto(reverse("participatie:vragenlijst_start", args=["bestaat-niet"]))
    assert response.status == 404
    assert_accessible(bewoner, "unknown survey")

    # when a civil servant opens the meetings list and the new-meeting form
    ambtenaar = new_page(role=Role.AMBTENAAR)
    ambtenaar.goto(reverse("participatie:vragenlijst_list", args=[plan.pk]))
    assert ambtenaar.locator("#bk-kop").count() == 1
    assert_accessible(ambtenaar, "meetings list")
    ambtenaar.goto(reverse("participatie:bijeenkomst_create", args=[plan.pk]))
    assert_accessible(ambtenaar, "meeting form")
    # and sends it empty: the errors are shown at the fields, and axe still passes
    _server_validation_only(ambtenaar)
    ambtenaar.locator("main form [type=submit]").first.click()
    ambtenaar.wait_for_selector(".is-invalid")
    assert_accessible(ambtenaar, "meeting form with errors")
    # when they open a past meeting with its mark-held form
    ambtenaar.goto(reverse("participatie:bijeenkomst_update", args=[verleden.pk]))
    assert ambtenaar.locator("#gehouden-kop").count() == 1
    assert_accessible(ambtenaar, "mark-held form")
