"""Browser journey of issue 3: import, plan with kaders, adoption, PDF; a council member only reads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from wup.constants import PlanStatus
from wup.models import Plan

from .factories import wgiw_compleet

CSV = (
    "buurtcode,wijkcode,gemeentecode,buurtnaam,gemeentenaam,aantal_inwoners,woningvoorraad,pct_koopwoningen\n"
    "BU03072100,WK030721,GM0307,Donken en zanden,Amersfoort,1500,647,71.0\n"
    "BU03072101,WK030721,GM0307,Paddenstoelenbuurt,Amersfoort,700,305,\n"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_civil_servant_builds_a_plan_and_council_member_only_reads(new_page, client_for):
    page = new_page(role=Role.AMBTENAAR)
    # given an import of wijken: preview first, then commit
    page.goto(reverse("wup:wijk_import"))
    assert_accessible(page, "import")
    page.set_input_files("#id_bestand", files=[{"name": "cbs.csv", "mimeType": "text/csv", "buffer": CSV.encode()}])
    page.locator("form:has(#id_bestand) [type=submit]").click()
    assert page.locator("[data-testid=buurten-new]").inner_text() == "2"
    assert_accessible(page, "import preview")
    page.locator("form[action$='bevestigen/'] [type=submit]").click()
    page.wait_for_url("**/wijken/import/")

    # when the civil servant creates a plan
    page.goto(reverse("wup:plan_create"))
    assert_accessible(page, "plan form")
    page.fill("#id_titel", "Kattenbroek all-electric")
    page.select_option("#id_wijk", label="WK030721")
    page.select_option("#id_techniekrichting", "all_electric")
    page.fill("#id_startdatum", "2025-01-01")
    page.fill("#id_doeljaar_aardgasvrij", "2035")
    page.locator("form:has(#id_titel) [type=submit]").click()
    page.wait_for_url("**/plannen/*/")
    plan = Plan.objects.get(titel="Kattenbroek all-electric")
    assert_accessible(page, "plan detail")

    # and adds a kernwaarde and a tussendoel in the kaders editor
    page.goto(reverse("wup:plan_kaders", kwargs={"pk": plan.pk}))
    assert_accessible(page, "kaders editor")
    page.fill("#id_kernwaarde_pool_links", "Koplopers faciliteren")
    page.fill("#id_kernwaarde_pool_rechts", "Vangnet voor achterblijvers")
    page.fill("#id_kernwaarde_waarom", "Niemand blijft achter.")
    page.locator("form[action$='/kernwaarde/toevoegen/'] [type=submit]").click()
    page.wait_for_url("**/kaders/#kernwaarde")
    page.fill("#id_tussendoel_omschrijving", "Woningen geïsoleerd")
    page.select_option("#id_tussendoel_metriek", "woningen_geisoleerd")
    page.fill("#id_tussendoel_streefwaarde", "300")
    page.fill("#id_tussendoel_deadline", "2028-12-31")
    page.fill("#id_tussendoel_eigenaar", "Energieloket")
    page.select_option("#id_tussendoel_kernwaarde", index=1)
    page.locator("form[action$='/tussendoel/toevoegen/'] [type=submit]").click()
    page.wait_for_url("**/kaders/#tussendoel")
    assert plan.tussendoelen.get().kernwaarde == plan.kernwaarden.get()

    # and sees on the status page what the Wgiw still asks, until every part is filled in
    page.goto(reverse("wup:plan_transition", kwargs={"pk": plan.pk}))
    assert page.locator("[data-wgiw-status=onvolledig]").is_visible()
    wgiw_compleet(plan)
    page.goto(reverse("wup:plan_wgiw", kwargs={"pk": plan.pk}))
    assert page.locator("[data-wgiw-status=compleet]").is_visible()
    assert_accessible(page, "wgiw page")

    # and moves it to vastgesteld via consultation
    for naar, extra in ((PlanStatus.IN_CONSULTATIE, {}), (PlanStatus.VASTGESTELD, {"date": "2025-09-18"})):
        page.goto(reverse("wup:plan_transition", kwargs={"pk": plan.pk}))
        if not extra:
            assert_accessible(page, "transition")
        page.check(f"input[name=naar][value={naar}]")
        if extra:
            page.fill("#id_vastgesteld_op", extra["date"])
            page.fill("#id_raadsbesluit_kenmerk", "RB-2025-042")
        page.locator("form:has(input[name=naar]) [type=submit]").click()
        page.wait_for_url(f"**/plannen/{plan.pk}/")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.VASTGESTELD

    # then the PDF downloads as a PDF and the history is readable
    pdf = page.request.get(reverse("portaal:plan_pdf", kwargs={"pk": plan.pk}))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.goto(reverse("wup:plan_history", kwargs={"pk": plan.pk}))
    assert_accessible(page, "history")

    # and a council member sees the plan without any way to edit
    raad = new_page(role=Role.RAADSLID)
    raad.goto(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    assert raad.locator("main form").count() == 0
    assert raad.locator("main a[href*='/wijzigen'], main a[href*='/kaders'], main a[href*='/status']").count() == 0
    assert raad.get_by_role("heading", level=1).inner_text() == "Kattenbroek all-electric"
    raad.goto(reverse("wup:plan_list"))
    assert raad.locator("a[href$='/nieuw/']").count() == 0
    assert_accessible(raad, "plan list (council)")

    # and a forged POST to the edit URL is refused with nothing changed
    forged = client_for(Role.RAADSLID).post(
        reverse("wup:plan_update", kwargs={"pk": plan.pk}),
        {"titel": "Vervalst", "focus": "hoe", "techniekrichting": "open"},
    )
    assert forged.status_code == 403
    plan.refresh_from_db()
    assert plan.titel == "Kattenbroek all-electric"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_municipality_wide_kaders_and_boundaries_pages_are_accessible(new_page):
    from .factories import KernwaardeFactory

    # given a municipality-wide kernwaarde
    KernwaardeFactory(plan=None, pool_links="CO2-reductie", pool_rechts="Woningen aardgasvrij")
    page = new_page(role=Role.AMBTENAAR)
    # when a civil servant adds an ambitie by keyboard on the municipality-wide kaders page
    page.goto(reverse("wup:plan_list"))
    page.locator(f"main a[href='{reverse('wup:gemeente_kaders')}']").click()
    page.wait_for_url("**/kaders/")
    assert_accessible(page, "municipality-wide kaders")
    page.fill("#id_ambitie_omschrijving", "Samen van het gas af.")
    page.fill("#id_ambitie_partijen", "Gemeente, corporaties")
    page.locator("#id_ambitie_partijen").press("Enter")
    page.wait_for_url("**/kaders/#ambitie")
    # then it is listed, and the boundaries upload page is accessible too
    assert "Samen van het gas af." in page.locator("#ambitie").inner_text()
    page.goto(reverse("wup:geometrie_import"))
    assert_accessible(page, "boundaries upload")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_plan_detail_with_boundaries_shows_an_accessible_map(new_page):
    from .factories import alkmaar_plan

    # given a plan in Huiswaard whose wijk boundary was imported from the Alkmaar GeoJSON
    plan = alkmaar_plan(buurten_with_boundary=2)
    page = new_page(role=Role.RAADSLID)
    # when a council member opens its WUP document
    page.goto(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    # then the map is an image named by its alt text, drawn with the CSP in force, and axe is clean
    kaart = page.get_by_role("img", name="Huiswaard")
    assert kaart.count() == 1
    assert kaart.bounding_box()["width"] > 100
    assert kaart.evaluate("img => img.complete && img.naturalWidth > 0")  # the SVG loaded
    assert_accessible(page, "plan detail with map")
