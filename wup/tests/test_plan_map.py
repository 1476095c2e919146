"""The map of the plan area on the WUP document: selector, detail page and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from core.constants import Role
from wup import selectors
from wup.services import geometrie_import

from .factories import BuurtFactory, GemeenteFactory, PlanFactory, WijkFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "alkmaar_wijken_2.geojson"


def _square(lon: float, lat: float, size: float = 0.004) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def alkmaar_plan(*, buurten_with_boundary: int = 2):
    """A plan in Huiswaard (WK036105) whose wijk boundary comes from the Alkmaar fixture through
    geometrie_import; its buurten get hand-made squares inside the wijk (the fixture has none)."""
    gemeente = GemeenteFactory(code="GM0361", naam="Alkmaar")
    huiswaard = WijkFactory(gemeente=gemeente, code="WK036105", naam="Huiswaard")
    WijkFactory(gemeente=gemeente, code="WK036108", naam="Centrum")
    geometrie_import(content=FIXTURE.read_bytes())
    plan = PlanFactory(gemeente=gemeente, wijk=huiswaard, titel="Huiswaard aardgasvrij")
    for i in range(buurten_with_boundary):
        buurt = BuurtFactory(
            wijk=huiswaard,
            code=f"BU036105{i:02d}",
            naam=f"Buurt {i}",
            geometrie=_square(4.751 + i * 0.0035, 52.6435, 0.003),
        )
        plan.buurten.add(buurt)
    return plan


def test_plan_map_draws_the_wijk_outline_and_the_plans_buurten():
    # given a plan whose wijk and two buurten have boundaries, and a buurt without one
    plan = alkmaar_plan(buurten_with_boundary=2)
    plan.buurten.add(BuurtFactory(wijk=plan.wijk, code="BU03610599", naam="Onbekend", geometrie=None))
    # when the map is made from the plan as the document reads it
    kaart = selectors.plan_map(plan=selectors.plan_get(pk=plan.pk))
    # then the wijk outline and the two buurten with a boundary are drawn in one 400 x 300 view
    assert kaart.viewbox == "0 0 400 300"
    assert kaart.wijk_naam == "Huiswaard"
    assert kaart.wijk.d.startswith("M") and kaart.wijk.d.endswith("Z")
    assert [b.naam for b in kaart.buurten] == ["Buurt 0 (BU03610500)", "Buurt 1 (BU03610501)"]
    coordinates = [float(c) for c in re.findall(r"-?\d+(?:\.\d)?", kaart.wijk.d + " ".join(b.d for b in kaart.buurten))]
    assert all(0 <= c <= 400 for c in coordinates)


def test_plan_map_is_none_without_any_boundary():
    # given plans without boundaries: one with a wijk and a buurt, one without a wijk
    plan = PlanFactory()
    plan.buurten.add(BuurtFactory(wijk=plan.wijk))
    # when / then there is no map
    assert selectors.plan_map(plan=selectors.plan_get(pk=plan.pk)) is None
    assert selectors.plan_map(plan=selectors.plan_get(pk=PlanFactory(wijk=None).pk)) is None


def test_plan_map_draws_buurten_when_only_they_have_a_boundary():
    # given a plan whose wijk has no boundary but whose buurt has
    plan = PlanFactory()
    plan.buurten.add(BuurtFactory(wijk=plan.wijk, geometrie=_square(5.38, 52.15)))
    # when the map is made
    kaart = selectors.plan_map(plan=selectors.plan_get(pk=plan.pk))
    # then the buurt fills the view's inner height (280 px for 0.004 degrees: 70,000 px per degree),
    # 0.004 * cos(52.152) * 70,000 = 171.8 px wide and centred, and there is no wijk outline
    assert kaart.wijk is None
    assert [b.d for b in kaart.buurten] == ["M114.1 290 L285.9 290 L285.9 10 L114.1 10 Z"]


def test_detail_shows_the_map_as_an_accessible_figure_with_attribution(client_for):
    # given a plan in Huiswaard with two buurten, all with boundaries
    plan = alkmaar_plan(buurten_with_boundary=2)
    # when a council member opens the WUP document
    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    # then the map is an inline SVG image named by its caption, with the source right under it
    html = response.content.decode()
    assert response.status_code == 200
    assert '<figure class="plan-map">' in html
    svg = re.search(r"<svg[^>]*>", html).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="kaart-bijschrift"' in svg
    assert 'viewBox="0 0 400 300"' in svg
    assert html.count('fill="#9cc3e4"') == 2  # the plan's buurten are filled
    assert html.count('fill="none"') == 1  # the wijk is an outline
    caption = re.search(r'<figcaption id="kaart-bijschrift">(.*?)</figcaption>', html, re.S).group(1)
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


def test_pdf_draws_the_map_as_an_inline_svg(client_for, monkeypatch):
    # given a plan with boundaries, and a spy on WeasyPrint's inline-SVG image class
    import weasyprint.html

    images = []
    real = weasyprint.html.SVGImage

    def spy(*args, **kwargs):
        image = real(*args, **kwargs)  # raises (and WeasyPrint drops the map) on an SVG it cannot read
        images.append(image)
        return image

    monkeypatch.setattr(weasyprint.html, "SVGImage", spy)
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
    import weasyprint.html

    images = []
    monkeypatch.setattr(weasyprint.html, "SVGImage", lambda *a, **k: images.append(a))
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
