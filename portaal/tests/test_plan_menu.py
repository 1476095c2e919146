"""The plan menu on the plan pages (issue 13): which item is current, and what a role sees."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from core.constants import Role
from participatie.tests.factories import VragenlijstFactory
from routekaart.tests.factories import gevuld_plan
from wup.tests.factories import PlanFactory

ALL = ["Document", "Kaders", "Wgiw", "Routekaart", "Participatie", "Gebeurtenissen", "Dashboard"]


def _menu(html: str) -> tuple[list[str], dict[str, str]]:
    """The menu's item labels, and {label: aria-current} for the marked ones."""
    nav = re.search(r'<nav aria-label="Plan".*?</nav>', html, re.S).group(0)
    items = re.findall(r"<a ([^>]*)>([^<]+)</a>", nav)
    labels = [label for _, label in items]
    current = {label: m.group(1) for attrs, label in items if (m := re.search(r'aria-current="(\w+)"', attrs))}
    return labels, current


@pytest.fixture
def plan(db):
    plan = PlanFactory(titel="Kattenbroek")
    gevuld_plan(plan)
    return plan


@pytest.mark.parametrize(
    ("url", "label", "current"),
    [
        (lambda p: reverse("portaal:plan_document", args=[p.pk]), "Document", "page"),
        (lambda p: reverse("wup:plan_kaders", args=[p.pk]), "Kaders", "page"),
        (lambda p: reverse("wup:plan_wgiw", args=[p.pk]), "Wgiw", "page"),
        (lambda p: reverse("routekaart:routekaart", args=[p.pk]), "Routekaart", "page"),
        (lambda p: reverse("participatie:vragenlijst_list", args=[p.pk]), "Participatie", "page"),
        (lambda p: reverse("dashboard:plan_events", kwargs={"plan_id": p.pk}), "Gebeurtenissen", "page"),
        (lambda p: reverse("dashboard:plan_detail", kwargs={"plan_id": p.pk}), "Dashboard", "page"),
        (lambda p: reverse("routekaart:tijdlijn", args=[p.pk]), "Routekaart", "true"),
        (lambda p: reverse("routekaart:afspraken_matrix", args=[p.pk]), "Routekaart", "true"),
        (lambda p: reverse("wup:plan_history", args=[p.pk]), "Document", "true"),
        (lambda p: reverse("portaal:agenda_tokens", args=[p.pk]), "Document", "true"),
        (lambda p: reverse("participatie:pulsronde_create", args=[p.pk]), "Participatie", "true"),
        (lambda p: reverse("wup:plan_update", args=[p.pk]), "Document", "true"),
        (lambda p: reverse("wup:plan_transition", args=[p.pk]), "Document", "true"),
        (
            lambda p: reverse("routekaart:item_edit", args=[p.pk, "mijlpaal", p.mijlpalen.first().pk]),
            "Routekaart",
            "true",
        ),
        (
            lambda p: reverse("participatie:vragenlijst_detail", args=[VragenlijstFactory(plan=p).pk]),
            "Participatie",
            "true",
        ),
    ],
)
def test_every_plan_page_marks_its_item_in_the_plan_menu(client_for, plan, url, label, current):
    # given a civil servant
    client = client_for(Role.AMBTENAAR)

    # when they open a page of the plan
    response = client.get(url(plan))

    # then the plan menu holds every item and marks this page (or its section) only
    assert response.status_code == 200
    labels, marked = _menu(response.content.decode())
    assert labels == ALL
    assert marked == {label: current}


def test_a_council_members_menu_holds_only_what_they_may_read(client_for, plan):
    # given a council member
    client = client_for(Role.RAADSLID)

    # when they open the plan's dashboard page
    response = client.get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.pk}))

    # then kaders and participation (civil servants' pages) are left out, and each item opens
    labels, _ = _menu(response.content.decode())
    assert labels == ["Document", "Wgiw", "Routekaart", "Gebeurtenissen", "Dashboard"]
    nav = re.search(r'<nav aria-label="Plan".*?</nav>', response.content.decode(), re.S).group(0)
    for href in re.findall(r'href="([^"]+)"', nav):
        assert client.get(href).status_code == 200, href


def test_the_event_form_preselects_the_plan_it_was_opened_from(client_for, plan):
    # given another plan, so the preselection is a choice
    PlanFactory(titel="Soesterkwartier")
    client = client_for(Role.AMBTENAAR)

    # when the event form opens from the plan
    response = client.get(reverse("dashboard:event_create") + f"?plan={plan.pk}")

    # then that plan is selected; a wrong value preselects nothing and is no error
    assert response.context["form"]["plan"].value() == plan.pk
    assert client.get(reverse("dashboard:event_create") + "?plan=x").status_code == 200


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        (lambda p: reverse("portaal:plan_document", args=[p.pk]), ["Plannen", "Kattenbroek"]),
        (lambda p: reverse("wup:plan_kaders", args=[p.pk]), ["Plannen", "Kattenbroek", "Kaders"]),
        (lambda p: reverse("routekaart:tijdlijn", args=[p.pk]), ["Plannen", "Kattenbroek", "Routekaart", "Tijdpad"]),
        (lambda p: reverse("dashboard:plan_detail", kwargs={"plan_id": p.pk}), ["Plannen", "Kattenbroek", "Dashboard"]),
    ],
)
def test_the_breadcrumb_leads_from_the_plans_through_the_plan_to_this_page(client_for, plan, url, trail):
    # when a civil servant opens a page of the plan
    html = client_for(Role.AMBTENAAR).get(url(plan)).content.decode()

    # then the trail names the plans, the plan and this page, the last one marked as current
    nav = re.search(r'<nav aria-label="Kruimelpad">.*?</nav>', html, re.S).group(0)
    items = [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S)]
    assert items == trail
    assert re.search(r'aria-current="page">([^<]+)</li>', nav).group(1) == trail[-1]
