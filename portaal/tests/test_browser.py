"""Browser checks (axe) of the portaal pages in the states the generated sweep does not reach:
a published public page with its route, the document with a full routekaart, and the links
page right after a link was made."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from participatie.tests.factories import BijeenkomstFactory
from wup.tests.factories import PlanFactory

from .test_plan_document import _route as document_route
from .test_publiek import _with_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_published_public_page_with_its_route_is_accessible_on_a_phone(new_page):
    # given a published plan with a route and a meeting
    plan = PlanFactory(vastgesteld=True, techniekrichting="all_electric", titel="Schothorst van het gas af")
    _with_route(plan)
    BijeenkomstFactory(plan=plan, titel="Informatieavond warmtenet")
    # when a resident opens its public page on a phone
    page = new_page(mobile=True)
    page.goto(reverse("portaal:publiek", args=[plan.pk]))
    # then the next steps, the boiler advice and the feed link are there, and axe passes
    main = page.locator("main").inner_text()
    assert "Wat komt er?" in main and "Netverzwaring gereed" in main
    assert "Vervangt u binnenkort uw cv-ketel? Lees dit eerst" in main
    assert page.locator("#agenda-link").get_attribute("href") == reverse("portaal:agenda_publiek", args=[plan.pk])
    assert_accessible(page, "published public page (phone)")


def test_document_with_a_routekaart_and_the_new_link_are_accessible(new_page):
    # given a plan with a full route
    plan = PlanFactory()
    document_route(plan)
    page = new_page(role=Role.AMBTENAAR)
    # when a civil servant opens the document
    page.goto(reverse("portaal:plan_document", args=[plan.pk]))
    assert page.locator("#routekaart-afspraken").is_visible()
    assert_accessible(page, "plan document with routekaart")
    # and makes a calendar link for a party
    page.click("text=Agendalinks voor partijen")
    page.fill("input[name=label]", "Netbeheerder Stedin")
    page.click("#submit-id-submit")
    # then the link is shown once, and the page passes axe
    assert page.locator("#nieuwe-link-url").input_value().endswith(".ics")
    assert_accessible(page, "calendar links page with a new link")
