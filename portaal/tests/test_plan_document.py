"""The plan document and its PDF (portaal): what a council member reads, with the plan map."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from core.constants import Role
from wup import selectors
from wup.tests.factories import (
    BuurtFactory,
    KernwaardeFactory,
    PlanFactory,
    WijkFactory,
    alkmaar_plan,
)

pytestmark = pytest.mark.django_db


def test_pdf_export_holds_the_plan_title_and_its_kaders(client_for):
    import io

    from pypdf import PdfReader

    plan = PlanFactory(vastgesteld=True, titel="Kattenbroek van het gas af")
    KernwaardeFactory(
        plan=plan, pool_links="Betaalbaarheid", pool_rechts="Snelheid", waarom="Niemand mag erop achteruitgaan."
    )
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_pdf", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 8  # title page, contents, 13 sections
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Kattenbroek van het gas af" in text
    assert "Betaalbaarheid" in text and "Snelheid" in text
    assert "Niemand mag erop achteruitgaan." in text


def test_detail_shows_unknown_facts_and_cbs_source(client_for):
    plan = PlanFactory(wijk=WijkFactory(pct_koopwoningen=None, gem_aardgasverbruik_m3=None))
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    content = response.content.decode()
    assert "Bron: CBS, Kerncijfers wijken en buurten 2020" in content
    gebied = content[content.index('id="sectie-gebied"') : content.index('id="sectie-keuze"')]
    koop = gebied[gebied.index("Koopwoningen") :]
    assert koop.index("onbekend") < koop.index("</tr>")
    for anchor in ('id="sectie-routekaart"', 'id="sectie-participatie"', 'id="sectie-indicatoren"'):
        assert anchor in content


def test_council_member_sees_no_edit_controls(client_for):
    plan = PlanFactory()
    content = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
    assert reverse("wup:plan_update", kwargs={"pk": plan.pk}) not in content
    assert reverse("wup:plan_kaders", kwargs={"pk": plan.pk}) not in content
    assert 'method="post"' not in content.split("<main")[1]
    ambtenaar_content = client_for(Role.AMBTENAAR).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content
    assert reverse("wup:plan_update", kwargs={"pk": plan.pk}).encode() in ambtenaar_content


def test_detail_shows_the_map_as_an_accessible_figure_with_attribution(client_for):
    # given a plan in Huiswaard with two buurten, all with boundaries
    plan = alkmaar_plan(buurten_with_boundary=2)
    # when a council member opens the WUP document
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    # then the map is an SVG image with its text alternative, named by its caption, with the
    # source right under it
    import base64

    html = response.content.decode()
    assert response.status_code == 200
    assert '<figure class="plan-map">' in html
    img = re.search(r'<img class="plan-map-svg"[^>]*>', html, re.S).group(0)
    assert 'alt="Kaart van het plangebied: wijk Huiswaard met 2 buurten"' in img
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', img).group(1)
    svg = base64.b64decode(uri).decode()
    assert 'viewBox="0 0 400 300"' in svg
    assert svg.count('fill="#9cc3e4"') == 2  # the plan's buurten are filled
    assert svg.count('fill="none"') == 1  # the wijk is an outline
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert " ".join(caption.split()) == "Kaart van het plangebied: wijk Huiswaard met 2 buurten"
    assert re.search(r"</figure>\s*<p[^>]*>Grenzen: Kadaster / CBS, CC BY 4.0</p>", html)
    assert "wup/css/plan_map.css" in html
    assert "style=" not in svg


def test_detail_shows_no_map_without_boundaries(client_for):
    # given a plan whose wijk and buurt have no boundary (as in the Amersfoort demo)
    plan = PlanFactory()
    plan.buurten.add(BuurtFactory(wijk=plan.wijk))
    # when the document is opened
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    # then there is no map and no attribution of boundaries
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" not in html and "plan-map" not in html.replace("wup/css/plan_map.css", "")
    assert "Kadaster" not in html


def test_pdf_draws_the_map_as_an_svg_image(client_for, monkeypatch):
    # given a plan with boundaries, and a spy on WeasyPrint's SVG image class (the map is an
    # img with an SVG data URI and its alt text)
    import weasyprint.images

    images = []
    real = weasyprint.images.SVGImage

    def spy(*args, **kwargs):
        image = real(*args, **kwargs)  # raises (and WeasyPrint drops the map) on an SVG it cannot read
        images.append(image)
        return image

    monkeypatch.setattr(weasyprint.images, "SVGImage", spy)
    plan = alkmaar_plan(buurten_with_boundary=1)
    # when the PDF is downloaded
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_pdf", kwargs={"pk": plan.pk}))
    # then it is a PDF, and WeasyPrint read the map as one SVG image
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(images) == 1


def test_pdf_without_boundaries_has_no_map(client_for, monkeypatch):
    # given a plan without boundaries
    import weasyprint.images

    images = []
    monkeypatch.setattr(weasyprint.images, "SVGImage", lambda *a, **k: images.append(a))
    plan = PlanFactory()
    # when the PDF is downloaded, then it is a PDF without any SVG
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_pdf", kwargs={"pk": plan.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert images == []


def test_demo_plans_have_no_map_because_amersfoort_has_no_boundaries(client_for):
    # given the demo data (Amersfoort from the CBS CSV, which carries no boundaries: none are invented)
    from wup import demo
    from wup.models import Plan

    demo.load()
    client = client_for(Role.RAADSLID)
    for plan in Plan.objects.all():
        # when a demo plan is opened, then it shows no map
        assert selectors.plan_map(plan=selectors.plan_get(pk=plan.pk)) is None
        html = client.get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
        assert "<figure" not in html


# --- The routekaart section ------------------------------------------------------------------


def _route(plan, n: int = 2):
    """A role, a phase with its decision milestone, milestones (one overdue), agreements (one
    overdue), a coupling opportunity whose window a milestone misses, and permits."""
    import datetime as dt

    from django.utils import timezone

    from routekaart import services as routekaart_services
    from routekaart.tests.factories import afspraak, mijlpaal
    from wup.tests.factories import FaseFactory, PartijFactory

    vandaag = timezone.localdate()
    routekaart_services.routekaart_opslaan(
        plan=plan, rol_gemeente="regisseur", rol_toelichting="Wij houden de regie.", waarom_route="Het riool gaat open."
    )
    fase = FaseFactory(plan=plan, naam="Planvorming", eindproduct="Gekozen warmteoplossing")
    stedin = PartijFactory(plan=plan, naam="Stedin")
    gemeente = PartijFactory(plan=plan, naam="Gemeente", soort="gemeente")
    besluit = mijlpaal(plan, naam="Besluit warmtenet", basisdatum=dt.date(2025, 12, 1), fase=fase, besluitmoment=True)
    for i in range(n):
        mijlpaal(plan, naam=f"Mijlpaal {i}", basisdatum=vandaag + dt.timedelta(days=30 + i), verantwoordelijke=stedin)
        afspraak(
            plan,
            wat=f"Levering {i}",
            basisdatum=vandaag + dt.timedelta(days=30 + i),
            leverancier=stedin,
            ontvanger=gemeente,
        )
    afspraak(
        plan,
        wat="Te late netverzwaring",
        basisdatum=vandaag - dt.timedelta(days=5),
        leverancier=stedin,
        ontvanger=gemeente,
    )
    kans = routekaart_services.koppelkans_create(
        plan=plan,
        soort="riolering",
        omschrijving="Rioolvervanging Hoofdstraat",
        venster_van=vandaag + dt.timedelta(days=100),
        venster_tot=vandaag + dt.timedelta(days=200),
        mijlpalen=[besluit],
    )
    for i in range(n):
        routekaart_services.vergunning_create(
            plan=plan, koppelkans=kans, soort="omgevingsvergunning", omschrijving=f"Vergunning {i}"
        )
    routekaart_services.vergunning_create(plan=plan, soort="watervergunning", omschrijving="Lozing bemaling")
    return besluit


def test_document_shows_the_routekaart_in_dutch_with_the_overdue_agreement_first(client_for):
    # given a plan with a route
    plan = PlanFactory()
    _route(plan)
    # when a council member opens the document
    html = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
    section = html[html.index('id="sectie-routekaart"') : html.index('id="sectie-kaders"')]
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    # then the role, why, milestones with their derived status, the matrix and the coupling
    # opportunity with its warning are there, in Dutch with long dates
    assert "Regisseur" in text or "regisseur" in text
    assert "Wij houden de regie." in text and "Het riool gaat open." in text
    assert "Besluit warmtenet" in text and "1 december 2025" in text and "Over tijd" in text
    assert "Gepland" in text
    matrix = section[section.index('id="routekaart-afspraken"') :]
    assert matrix.index("Te late netverzwaring") < matrix.index("Levering 0")
    assert "Rioolvervanging Hoofdstraat" in text
    assert "Waarschuwing" in text and "buiten dit venster" in text
    assert "Vergunning 0" in text and "Lozing bemaling" in text
    # and the phase shows its end product and decision milestone
    fasen = html[html.index('id="sectie-planning"') : html.index('id="sectie-investeringen"')]
    assert "Gekozen warmteoplossing" in fasen and "Besluit warmtenet" in fasen


def test_document_without_a_routekaart_says_so(client_for):
    plan = PlanFactory()
    html = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk})).content.decode()
    section = html[html.index('id="sectie-routekaart"') : html.index('id="sectie-kaders"')]
    assert "Dit plan heeft nog geen routekaart" in section
    assert "volgt" not in section.lower()


def test_pdf_holds_the_routekaart_section(client_for):
    import io

    from pypdf import PdfReader

    # given a plan with a route
    plan = PlanFactory(vastgesteld=True)
    _route(plan)
    # when the PDF is downloaded (WeasyPrint renders it)
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_pdf", kwargs={"pk": plan.pk}))
    # then it holds the routekaart: milestones, the matrix and the coupling opportunity
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Routekaart", "Rol van de gemeente", "Besluit warmtenet", "Te late netverzwaring", "Over tijd"):
        assert expected in text, expected
    assert "Rioolvervanging Hoofdstraat" in text and "1 december 2025" in text


def test_pdf_without_a_routekaart_has_the_empty_state(client_for):
    import io

    from pypdf import PdfReader

    plan = PlanFactory()
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_pdf", kwargs={"pk": plan.pk}))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dit plan heeft nog geen routekaart" in text


def test_the_document_takes_the_same_number_of_queries_for_2_or_20_items(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # given two plans whose routes have 2 and 20 milestones, agreements and permits
    client = client_for(Role.RAADSLID)
    counts = {}
    for n in (2, 20):
        plan = PlanFactory()
        _route(plan, n=n)
        client.get(reverse("portaal:plan_document", kwargs={"pk": PlanFactory().pk}))  # session warmed up
        # when the document is opened
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
        assert response.status_code == 200
        counts[n] = len(ctx.captured_queries)
    # then it takes as many queries for 20 items as for 2
    assert counts[2] == counts[20], counts
    print(f"plan document: {counts[20]} queries per request for 2 and 20 items")
