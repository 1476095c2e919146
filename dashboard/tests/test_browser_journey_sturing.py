"""Browser journey of issue 10, on the demo: a council member reads the overview (figures,
trends, reasons), opens the plan in trouble and reads the figures its last decision was taken on
beside today's; a civil servant records a steering action and starts a pulse round; a what-if
changes the projected date on screen without writing a row."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from conftest import assert_accessible
from core.constants import Role
from dashboard.models import Stuuractie
from participatie.models import Uitnodigingscode, Vragenlijst
from wup.models import Plan

from .vingerafdruk import rijen_per_tabel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_council_reads_decides_and_civil_servant_steers(new_page):
    for loader in settings.DEMO_LOADERS:
        import_string(loader)()
    trouble = Plan.objects.get(titel__startswith="Schothorst")

    # given the council member on the overview
    raad = new_page(role=Role.RAADSLID)
    raad.goto(reverse("dashboard:overview"))
    assert_accessible(raad, "overview")
    secties = raad.locator("main section")
    # then the plans needing a decision come first (the plan in trouble among them), each says
    # why, with figures, units and trends
    besluit_nodig = ["Besluit nodig" in t for t in secties.all_inner_texts()]
    assert besluit_nodig == sorted(besluit_nodig, reverse=True), besluit_nodig
    eerste = secties.filter(has=raad.get_by_role("heading", name=trouble.titel))
    tekst = eerste.inner_text()
    assert "Besluit nodig" in tekst
    assert "woningen" in tekst and "in 30 dagen" in tekst
    assert re.search(r"[↑↓→]", tekst)
    assert "uit koers:" in tekst  # the reason next to the status
    assert "Laatste raadsbesluit" in tekst and "Volgend beslismoment" in tekst

    # when they open the red plan
    eerste.locator("h2 a").click()
    raad.wait_for_url(f"**/dashboard/plan/{trouble.pk}/")
    assert_accessible(raad, "plan page of the plan in trouble")
    # then the last decision shows the figures it was taken on beside today's
    vergelijking = raad.locator("[data-besluit-vergelijking]").first
    assert vergelijking.is_visible()
    koppen = vergelijking.locator("thead th").all_inner_texts()
    assert koppen == ["Indicator", "Bij het besluit", "Vandaag"]
    assert vergelijking.locator("tbody tr").count() >= 3
    # and a council member has no way to write
    assert raad.locator("[data-stuuractie-link]").count() == 0

    # when the civil servant records a steering action from a red indicator
    ambtenaar = new_page(role=Role.AMBTENAAR)
    ambtenaar.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": trouble.pk}))
    rood = ambtenaar.locator("[data-indicator-status]", has_text="Uit koers").first
    indicator = rood.get_attribute("data-indicator-status")
    ambtenaar.locator(f"[data-stuuractie-link={indicator}]").click()
    ambtenaar.wait_for_url("**/stuuracties/nieuw/**")
    assert_accessible(ambtenaar, "new steering action")
    assert ambtenaar.locator("#id_indicator").input_value() == indicator  # preselected
    ambtenaar.fill("#id_wat", "Extra keukentafelgesprekken in de flats")
    ambtenaar.fill("#id_wie", "Wijkteam Schothorst")
    ambtenaar.fill("#id_uiterlijk", (timezone.localdate() + dt.timedelta(days=45)).isoformat())
    ambtenaar.locator("main form [type=submit]").click()
    ambtenaar.wait_for_url(f"**/dashboard/plan/{trouble.pk}/**")
    assert "Extra keukentafelgesprekken in de flats" in ambtenaar.locator("#stuuracties").inner_text()
    assert Stuuractie.objects.filter(plan_id=trouble.pk, wat="Extra keukentafelgesprekken in de flats").exists()

    # and starts a pulse round for the civil servants (codes as CSV)
    ambtenaar.goto(reverse("participatie:pulsronde_create", kwargs={"plan_pk": trouble.pk}))
    assert_accessible(ambtenaar, "pulse round")
    ambtenaar.fill("#id_n", "12")
    with ambtenaar.expect_download() as download:
        ambtenaar.locator("main form [type=submit]").click()
    assert download.value.suggested_filename.endswith(".csv")
    ronde = Vragenlijst.objects.get(plan_id=trouble.pk, doelgroep="ambtenaren_puls")
    assert Uitnodigingscode.objects.filter(vragenlijst=ronde).count() == 12

    # when the council member tries a what-if on the plan page (the heat network a year later)
    raad.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": trouble.pk}))
    huidig = raad.locator("[data-scenario=huidig]").inner_text()
    voor = rijen_per_tabel()
    raad.fill("#id_uitstel_maanden", "24")
    raad.locator("#wat-als button[type=submit]", has_text="Doorrekenen").click()
    raad.locator("[data-scenario=jaar]").wait_for()
    # then the projected date on screen changes, and not a row was written
    assert raad.locator("[data-scenario=jaar]").inner_text() != huidig
    assert rijen_per_tabel() == voor
    assert_accessible(raad, "what-if")
