import pytest

from wup import demo
from wup.constants import PlanStatus
from wup.models import Kernwaarde, Plan, Tussendoel

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_realistic():
    # given / when the demo data is loaded twice
    demo.load()
    counts = (Plan.objects.count(), Kernwaarde.objects.count(), Tussendoel.objects.count())
    second = demo.load()
    # then the second run creates nothing new
    assert (Plan.objects.count(), Kernwaarde.objects.count(), Tussendoel.objects.count()) == counts
    assert "0 new plans" in second
    # and the plans differ in status and focus, each goal tied to a kernwaarde
    assert {p.status for p in Plan.objects.all()} == {
        PlanStatus.IN_UITVOERING,
        PlanStatus.VASTGESTELD,
        PlanStatus.IN_CONSULTATIE,
        PlanStatus.CONCEPT,
    }
    assert {p.focus for p in Plan.objects.all()} == {"wat", "hoe"}
    assert not Tussendoel.objects.filter(kernwaarde__isnull=True).exists()
