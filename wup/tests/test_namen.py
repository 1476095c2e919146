"""Names of wijken and buurten: edited in the app, imported from a CSV or from GeoJSON properties;
CBS percentages of a buurt without homes are unknown, not 0 %."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from core.constants import Role
from wup import selectors, services
from wup.models import Buurt, Wijk

from .factories import BuurtFactory, WijkFactory

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.0]]]}


def test_names_import_is_atomic_with_an_error_per_row():
    wijk = WijkFactory(code="WK030701", naam="")
    buurt = BuurtFactory(wijk=wijk, code="BU03070101", naam="Oud")
    content = "code;naam\nWK030701;Kattenbroek\nBU03070101;\nWK999999;Nergens\nXX;Fout\n"
    result = services.gebied_namen_import(content=content)
    assert [(e.row, e.column) for e in result.errors] == [(3, "naam"), (4, "code"), (5, "code")]
    wijk.refresh_from_db()
    assert wijk.naam == ""  # nothing saved
    result = services.gebied_namen_import(content="code,naam\r\nWK030701,Kattenbroek\r\nbu03070101,Nieuw\r\n")
    assert result.ok and (result.wijken_updated, result.buurten_updated) == (1, 1)
    assert Wijk.objects.get(pk=wijk.pk).naam == "Kattenbroek" and Buurt.objects.get(pk=buurt.pk).naam == "Nieuw"
    again = services.gebied_namen_import(content="code,naam\nWK030701,Kattenbroek\n")
    assert again.ok and again.unchanged == 1 and again.wijken_updated == 0


def test_names_import_refuses_nul_bytes_and_long_names_per_row():
    WijkFactory(code="WK030702", naam="")
    result = services.gebied_namen_import(content="code,naam\nWK030702," + "x" * 101 + "\n")
    assert [(e.row, e.column) for e in result.errors] == [(2, "naam")]
    result = services.gebied_namen_import(content="code,naam\nWK030702,a\x00b\n")
    assert not result.ok


def test_geojson_properties_name_the_areas():
    wijk = WijkFactory(code="WK030703", naam="")
    feature = {"type": "Feature", "properties": {"wijkcode": "WK030703", "wijknaam": "Schothorst"}, "geometry": SQUARE}
    result = services.geometrie_import(content=json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert result.ok and result.namen_updated == 1
    wijk.refresh_from_db()
    assert wijk.naam == "Schothorst"


def test_cbs_percentages_of_a_buurt_without_homes_are_unknown():
    header = (
        "gemeentecode;gemeentenaam;wijkcode;buurtcode;buurtnaam;inwoners;woningvoorraad;"
        "pct_koopwoningen;pct_meergezinswoningen;pct_bouwjaar_vanaf_2000;gem_aardgasverbruik_m3\n"
    )
    rows = "GM0307;Amersfoort;WK030704;BU03070401;Bedrijven;10;0;0;0;0;0\nGM0307;Amersfoort;WK030704;BU03070402;Wonen;900;400;55,5;10;20;1200\n"
    result = services.cbs_import(content=header + rows)
    assert result.ok, result.errors
    leeg = Buurt.objects.get(code="BU03070401")
    assert (leeg.pct_koopwoningen, leeg.gem_aardgasverbruik_m3) == (None, None)
    assert str(Buurt.objects.get(code="BU03070402").pct_koopwoningen) == "55.5"


def test_civil_servant_names_a_wijk_and_a_buurt_in_the_browser_flow(client_for):
    wijk = WijkFactory(code="WK030705", naam="")
    buurt = BuurtFactory(wijk=wijk, code="BU03070501", naam="Oud")
    client = client_for(Role.AMBTENAAR)
    page = client.get(reverse("wup:gebied_list"), {"zonder_naam": "1"})
    assert page.status_code == 200 and "WK030705" in page.content.decode()
    response = client.post(reverse("wup:wijk_naam", args=[wijk.pk]), {"naam": "Vathorst"})
    assert response.status_code == 302
    assert Wijk.objects.get(pk=wijk.pk).naam == "Vathorst"
    # a buurt needs a name: the form comes back, the typed input kept, nothing saved
    response = client.post(reverse("wup:buurt_naam", args=[buurt.pk]), {"naam": "  "})
    assert response.status_code == 200 and "verplicht" in response.content.decode()
    assert Buurt.objects.get(pk=buurt.pk).naam == "Oud"
    response = client.post(reverse("wup:buurt_naam", args=[buurt.pk]), {"naam": "x" * 101})
    assert response.status_code == 200 and "x" * 101 in response.content.decode()


def test_civil_servant_imports_names_and_sees_errors_per_row(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    WijkFactory(code="WK030706", naam="")
    client = client_for(Role.AMBTENAAR)
    upload = SimpleUploadedFile("namen.csv", b"code;naam\nWK030706;Hooglanderveen\nWK000000;X\n", "text/csv")
    response = client.post(reverse("wup:gebied_namen_import"), {"bestand": upload})
    assert response.status_code == 200 and "WK000000" in response.content.decode()
    assert Wijk.objects.get(code="WK030706").naam == ""


def test_council_member_cannot_rename(client_for):
    wijk = WijkFactory(code="WK030707", naam="")
    response = client_for(Role.RAADSLID).post(reverse("wup:wijk_naam", args=[wijk.pk]), {"naam": "X"})
    assert response.status_code == 403


@pytest.mark.parametrize("n", [2, 20])
def test_area_list_queries_stay_flat(n, django_assert_num_queries):
    for i in range(n):
        wijk = WijkFactory(code=f"WK0308{i:02d}")
        BuurtFactory(wijk=wijk, code=f"BU0308{i:02d}01")
    with django_assert_num_queries(2):
        wijken = list(selectors.wijken_met_buurten(zoek="WK0308"))
        assert sum(len(w.buurten.all()) for w in wijken) == n
