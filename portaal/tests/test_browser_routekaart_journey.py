"""The routekaart's journey across roles (issue 9), with a REAL Celery worker:

a civil servant adds a party, an agreement with a dependency and a milestone, moves the
milestone's forecast, completes it, and sees the timeline; the council member's plan page
shows the completion in "Liggen we op schema?" and the next milestones; an anonymous visitor
reads the public page's next steps without any internal field; a concept plan's public page
holds none of its title, direction or target year.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import assert_accessible
from core.constants import Role
from dashboard import services as dashboard_services
from dashboard.tests.worker import start_worker, stop_worker
from routekaart.models import Afspraak, Mijlpaal
from wup import services as wup_services
from wup.constants import PlanStatus, Techniekrichting
from wup.tests.factories import PlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRESHNESS_SECONDS = 15


def _submit(page, action_suffix: str) -> None:
    page.locator(f"form[action$='{action_suffix}'] [type=submit]").click()


def test_routekaart_journey_from_civil_servant_to_council_and_public(new_page):
    vandaag = timezone.localdate()
    plan = PlanFactory(
        titel="Warmtenet Zonnewijk",
        status=PlanStatus.IN_UITVOERING,
        vastgesteld_op=vandaag - dt.timedelta(days=200),
        startdatum=vandaag - dt.timedelta(days=400),
        techniekrichting=Techniekrichting.WARMTENET_MT,
        doeljaar_aardgasvrij=2034,
    )
    dashboard_services.plan_recompute(plan_id=plan.id)
    rk_url = reverse("routekaart:routekaart", kwargs={"pk": plan.pk})
    council_url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    with tempfile.TemporaryFile() as log:
        worker = start_worker(log)
        try:
            ambtenaar = new_page(role=Role.AMBTENAAR)
            ambtenaar.goto(rk_url)
            # parties
            for soort, naam in (
                ("netbeheerder", "Stedin"),
                ("gemeente", "Gemeente Zonnestad"),
                ("warmtebedrijf", "Warmte BV"),
            ):
                ambtenaar.select_option("#id_partij_soort", soort)
                ambtenaar.fill("#id_partij_naam", naam)
                _submit(ambtenaar, "/partij/toevoegen/")
                ambtenaar.wait_for_url("**#partij")
            # an agreement, and a second one that depends on it
            ambtenaar.select_option("#id_afspraak_leverancier", label="Stedin")
            ambtenaar.select_option("#id_afspraak_ontvanger", label="Warmte BV")
            ambtenaar.fill("#id_afspraak_wat", "Netverzwaring 2 MVA")
            ambtenaar.fill("#id_afspraak_basisdatum", (vandaag + dt.timedelta(days=60)).isoformat())
            _submit(ambtenaar, "/afspraak/toevoegen/")
            ambtenaar.wait_for_url("**#afspraak")
            ambtenaar.select_option("#id_afspraak_leverancier", label="Warmte BV")
            ambtenaar.select_option("#id_afspraak_ontvanger", label="Gemeente Zonnestad")
            ambtenaar.fill("#id_afspraak_wat", "Aansluitaanbod aan bewoners")
            # first a date before the dependency's: refused, the typed input kept
            ambtenaar.fill("#id_afspraak_basisdatum", (vandaag + dt.timedelta(days=30)).isoformat())
            ambtenaar.select_option("#id_afspraak_afhankelijk_van", label="Netverzwaring 2 MVA")
            _submit(ambtenaar, "/afspraak/toevoegen/")
            assert "hangt af van" in ambtenaar.content()
            assert ambtenaar.input_value("#id_afspraak_wat") == "Aansluitaanbod aan bewoners"
            ambtenaar.fill("#id_afspraak_basisdatum", (vandaag + dt.timedelta(days=120)).isoformat())
            ambtenaar.select_option("#id_afspraak_afhankelijk_van", label="Netverzwaring 2 MVA")
            _submit(ambtenaar, "/afspraak/toevoegen/")
            ambtenaar.wait_for_url("**#afspraak")
            afhankelijk = Afspraak.objects.get(plan=plan, wat="Aansluitaanbod aan bewoners")
            assert [a.wat for a in afhankelijk.afhankelijk_van.all()] == ["Netverzwaring 2 MVA"]
            # a milestone, due today
            ambtenaar.fill("#id_mijlpaal_naam", "Trafostation geplaatst")
            ambtenaar.fill("#id_mijlpaal_basisdatum", vandaag.isoformat())
            ambtenaar.select_option("#id_mijlpaal_verantwoordelijke", label="Stedin")
            _submit(ambtenaar, "/mijlpaal/toevoegen/")
            ambtenaar.wait_for_url("**#mijlpaal")
            mijlpaal = Mijlpaal.objects.get(plan=plan)
            # its forecast moves, with a reason
            ambtenaar.goto(reverse("routekaart:prognose_verschuiven", args=[plan.pk, "mijlpaal", mijlpaal.pk]))
            ambtenaar.fill("#id_prognose", (vandaag + dt.timedelta(days=14)).isoformat())
            ambtenaar.fill("#id_reden", "Levering transformator vertraagd")
            ambtenaar.get_by_role("button", name="Prognose verschuiven").click()
            ambtenaar.wait_for_url("**#mijlpaal")
            # the next milestones on the council page name it, with its party
            raadslid = new_page(role=Role.RAADSLID)
            raadslid.goto(council_url)
            assert "Trafostation geplaatst" in raadslid.locator("[data-route=mijlpalen]").inner_text()
            assert "Stedin" in raadslid.locator("[data-route=mijlpalen]").inner_text()
            # then it is completed today (a date in the future is refused first)
            afronden = reverse("routekaart:afronden", args=[plan.pk, "mijlpaal", mijlpaal.pk])
            ambtenaar.goto(afronden)
            ambtenaar.check("input[name=uitkomst][value=bereikt]")
            ambtenaar.fill("#id_datum", (vandaag + dt.timedelta(days=1)).isoformat())
            ambtenaar.get_by_role("button", name="Vastleggen").click()
            assert "toekomst" in ambtenaar.content()
            ambtenaar.check("input[name=uitkomst][value=bereikt]")
            ambtenaar.fill("#id_datum", vandaag.isoformat())
            ambtenaar.get_by_role("button", name="Vastleggen").click()
            ambtenaar.wait_for_url("**#mijlpaal")
            submitted = time.monotonic()
            # the timeline shows it, chart and table
            ambtenaar.goto(reverse("routekaart:tijdlijn", kwargs={"pk": plan.pk}))
            ambtenaar.wait_for_selector("[data-chart-drawn]")
            assert "Trafostation geplaatst" in ambtenaar.locator("table").first.inner_text() or (
                "Trafostation geplaatst" in ambtenaar.content()
            )
            assert_accessible(ambtenaar, "timeline after completion")

            # the council member's schedule card counts the milestone reached on time, via the worker
            op_tijd = raadslid.locator("[data-schema=op_tijd]")
            raadslid.reload()
            while not (op_tijd.count() and op_tijd.inner_text().strip() == "1"):
                if worker.poll() is not None or time.monotonic() - submitted > FRESHNESS_SECONDS:
                    log.seek(0)
                    pytest.fail(
                        f"schedule not updated within {FRESHNESS_SECONDS} s; worker log:\n{log.read().decode()}"
                    )
                time.sleep(0.5)
                raadslid.reload()
            assert_accessible(raadslid, "council plan page")
        finally:
            stop_worker(worker)

    # an anonymous visitor reads what happens next, without internal fields
    from routekaart import services as rk_services

    volgende = vandaag + dt.timedelta(days=45)
    rk_services.mijlpaal_create(plan=plan, naam="Eerste woningen aangesloten", basisdatum=volgende)
    bezoeker = new_page()
    bezoeker.goto(reverse("portaal:publiek", kwargs={"plan_pk": plan.pk}))
    html = bezoeker.content()
    assert "Netverzwaring" not in html  # agreements between parties are not on the public page
    assert "Levering transformator vertraagd" not in html  # the reason a forecast moved is internal
    assert ambtenaar.user.username not in html and (ambtenaar.user.last_name or "§") not in html
    assert "Warmtenet Zonnewijk" in html
    assert "Eerste woningen aangesloten" in html  # the next step, with its date in Dutch
    from core.dates import datum

    assert datum(volgende) in html
    assert_accessible(bezoeker, "public page")


def test_a_concept_plans_public_page_holds_none_of_its_content(new_page):
    plan = PlanFactory(
        titel="Geheim conceptplan Oostkwartier",
        status=PlanStatus.CONCEPT,
        techniekrichting=Techniekrichting.ALL_ELECTRIC,
        doeljaar_aardgasvrij=2037,
        samenvatting="Interne schets, nog niet besproken.",
    )
    wup_services.partij_create(plan=plan, naam="Stedin", soort="netbeheerder")
    from routekaart import services as rk_services

    rk_services.mijlpaal_create(
        plan=plan, naam="Interne mijlpaal X", basisdatum=timezone.localdate() + dt.timedelta(days=30)
    )
    bezoeker = new_page()
    bezoeker.goto(reverse("portaal:publiek", kwargs={"plan_pk": plan.pk}))
    html = bezoeker.content()
    for verboden in ("Geheim conceptplan Oostkwartier", "2037", "All-electric", "Interne schets", "Interne mijlpaal X"):
        assert verboden not in html, verboden
    assert "all-electric" not in html.lower()
    assert_accessible(bezoeker, "concept public page")
