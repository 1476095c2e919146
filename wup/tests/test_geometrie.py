"""Boundaries (GeoJSON) of wijken and buurten: service, command and upload page."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.constants import Role
from wup.models import Buurt, Wijk
from wup.services import geometrie_import

from .factories import BuurtFactory, GemeenteFactory, WijkFactory

pytestmark = pytest.mark.django_db

# Two of Alkmaar's eight wijken from shared/data/alkmaar_wijken_2024.geojson (property `wijkCode`).
FIXTURE = Path(__file__).parent / "fixtures" / "alkmaar_wijken_2.geojson"
SQUARE = [[[4.7, 52.6], [4.8, 52.6], [4.8, 52.7], [4.7, 52.7], [4.7, 52.6]]]


@pytest.fixture
def alkmaar():
    gemeente = GemeenteFactory(code="GM0361", naam="Alkmaar")
    return {
        "huiswaard": WijkFactory(gemeente=gemeente, code="WK036105", naam="Huiswaard"),
        "centrum": WijkFactory(gemeente=gemeente, code="WK036108", naam="Centrum"),
    }


def _collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _feature(properties, geometry=None) -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE},
    }


def test_geometrie_import_stores_the_boundary_of_each_wijk(alkmaar):
    # given the two Alkmaar wijken without a boundary
    content = FIXTURE.read_bytes()
    expected = {f["properties"]["wijkCode"]: f["geometry"] for f in json.loads(content)["features"]}
    # when the GeoJSON file is imported
    result = geometrie_import(content=content)
    # then each wijk has its MultiPolygon
    assert result.ok and result.committed
    assert (result.wijken_updated, result.buurten_updated) == (2, 0)
    for code in ("WK036105", "WK036108"):
        wijk = Wijk.objects.get(code=code)
        assert wijk.geometrie == expected[code]
        assert wijk.geometrie["type"] == "MultiPolygon"


def test_geometrie_import_twice_changes_nothing_the_second_time(alkmaar):
    geometrie_import(content=FIXTURE.read_bytes())
    result = geometrie_import(content=FIXTURE.read_bytes())
    assert result.ok
    assert (result.wijken_updated, result.unchanged) == (0, 2)


def test_geometrie_import_accepts_buurtcode_statcode_and_code_keys():
    # given a wijk and two buurten
    wijk = WijkFactory(code="WK030701")
    hof = BuurtFactory(wijk=wijk, code="BU03070100")
    straat = BuurtFactory(wijk=wijk, code="BU03070101")
    content = _collection(
        _feature({"buurtcode": "BU03070100"}),
        _feature({"statcode": "bu03070101"}),
        _feature({"code": "WK030701"}),
    )
    # when the file is imported
    result = geometrie_import(content=content)
    # then all three got their polygon
    assert result.ok
    assert (result.wijken_updated, result.buurten_updated) == (1, 2)
    for area in (hof, straat, wijk):
        area.refresh_from_db()
    assert hof.geometrie == straat.geometrie == wijk.geometrie == {"type": "Polygon", "coordinates": SQUARE}


def test_geometrie_import_dry_run_saves_nothing(alkmaar):
    result = geometrie_import(content=FIXTURE.read_bytes(), dry_run=True)
    assert result.ok and not result.committed
    assert result.wijken_updated == 2
    assert not Wijk.objects.filter(geometrie__isnull=False).exists()


def test_geometrie_import_lists_every_bad_feature_and_saves_nothing(alkmaar):
    # given a file with one good feature and four bad ones
    content = _collection(
        _feature({"wijkcode": "WK036105"}),
        _feature({"wijkcode": "WK099999"}),
        _feature({"wijkcode": "WK036108"}, {"type": "Point", "coordinates": [4.7, 52.6]}),
        _feature({"naam": "zonder code"}),
        _feature({"wijkcode": "WK036108"}, {"type": "Polygon", "coordinates": [[[4.7, 52.6], [4.8, 52.6]]]}),
    )
    # when it is imported
    result = geometrie_import(content=content)
    # then each bad feature is named with its position and reason, and nothing is saved
    assert not result.ok and not result.committed
    assert [str(e) for e in result.errors] == [
        "Object 2: onbekende wijk WK099999: importeer eerst de CBS-cijfers",
        "Object 3: WK036108: de geometrie is een Point, geen Polygon of MultiPolygon",
        "Object 4: geen CBS-code (eigenschap wijkcode, buurtcode, statcode, code)",
        "Object 5: WK036108: de coördinaten vormen geen geldige Polygon",
    ]
    assert not Wijk.objects.filter(geometrie__isnull=False).exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{niet: json", "geen geldige JSON"),
        (json.dumps({"type": "Feature"}), "geen GeoJSON FeatureCollection"),
        (_collection(), "geen objecten"),
        (b"\xff\xfe\x00", "geen geldige JSON"),
    ],
)
def test_geometrie_import_refuses_a_file_that_is_not_a_feature_collection(content, reason):
    result = geometrie_import(content=content)
    assert not result.ok
    assert reason in str(result.errors[0])


def test_geometrie_import_refuses_a_code_twice(alkmaar):
    result = geometrie_import(
        content=_collection(_feature({"wijkcode": "WK036105"}), _feature({"wijkcode": "WK036105"}))
    )
    assert [str(e) for e in result.errors] == ["Object 2: WK036105 staat ook in object 1"]
    assert Wijk.objects.get(code="WK036105").geometrie is None


def test_geometrie_import_command(alkmaar, tmp_path):
    # given the fixture and a bad file
    bad = tmp_path / "fout.geojson"
    bad.write_text(_collection(_feature({"wijkcode": "WK036105"}), _feature({"wijkcode": "WK036199"})))
    out, err = StringIO(), StringIO()
    # when both are imported by the command
    with pytest.raises(CommandError, match="1 fout"):
        call_command("geometrie_import", str(bad), stdout=StringIO(), stderr=err)
    assert not Wijk.objects.filter(geometrie__isnull=False).exists()
    call_command("geometrie_import", str(FIXTURE), stdout=out, stderr=StringIO())
    # then the bad one printed its error and saved nothing; the good one saved two boundaries
    assert "Object 2: onbekende wijk WK036199" in err.getvalue()
    assert "Grenzen: 2 wijken en 0 buurten bijgewerkt" in out.getvalue()
    assert Wijk.objects.filter(geometrie__isnull=False).count() == 2


def test_upload_page_imports_boundaries(alkmaar, client_for):
    # given a civil servant
    client = client_for(Role.AMBTENAAR)
    upload = SimpleUploadedFile("alkmaar.geojson", FIXTURE.read_bytes(), content_type="application/geo+json")
    # when the fixture is uploaded
    response = client.post(reverse("wup:geometrie_import"), {"bestand": upload}, follow=True)
    # then the boundaries are saved and the page says so
    assert response.status_code == 200
    assert Wijk.objects.filter(geometrie__isnull=False).count() == 2
    assert "2" in str(list(response.context["messages"])[0])


def test_upload_page_lists_errors_and_saves_nothing(alkmaar, client_for):
    client = client_for(Role.AMBTENAAR)
    content = _collection(_feature({"wijkcode": "WK036105"}), _feature({"buurtcode": "BU03610599"}))
    upload = SimpleUploadedFile("fout.geojson", content.encode(), content_type="application/geo+json")
    response = client.post(reverse("wup:geometrie_import"), {"bestand": upload})
    assert response.status_code == 200
    assert "Object 2: onbekende buurt BU03610599" in response.content.decode()
    assert not Wijk.objects.filter(geometrie__isnull=False).exists()
    assert not Buurt.objects.exists()


def test_council_member_cannot_upload_boundaries(alkmaar, client_for):
    client = client_for(Role.RAADSLID)
    upload = SimpleUploadedFile("alkmaar.geojson", FIXTURE.read_bytes())
    response = client.post(reverse("wup:geometrie_import"), {"bestand": upload})
    assert response.status_code == 403  # a logged-in council member is refused, not redirected
    assert not Wijk.objects.filter(geometrie__isnull=False).exists()


@pytest.mark.parametrize(
    "content", ["[" * 100_000, '{"type": "FeatureCollection", "features": ' + "[" * 5000 + "]" * 5000 + "}"]
)
def test_a_deeply_nested_file_is_refused_with_a_message_and_saves_nothing(alkmaar, content):
    result = geometrie_import(content=content)
    assert not result.ok
    assert result.errors[0].index is None
    assert Wijk.objects.exclude(geometrie=None).count() == 0
