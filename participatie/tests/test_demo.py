import datetime as dt

import pytest
from django.utils import timezone

from participatie import demo
from participatie.models import Bijeenkomst
from wup.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", ["2027-01-10T23:05:00+00:00", "2027-07-10T03:47:00+00:00"])
def test_demo_meetings_are_at_half_past_seven_in_the_evening_whatever_the_load_time(now, monkeypatch):
    # given the demo loads late at night in winter, or early in the morning in summer
    moment = dt.datetime.fromisoformat(now)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    PlanFactory()
    # when it creates its meetings
    demo.load()
    # then both start at 19:30 Amsterdam time, the coming one in the future
    vandaag = timezone.localdate(moment)
    meetings = {b.titel: timezone.localtime(b.datum) for b in Bijeenkomst.objects.all()}
    assert {m.time() for m in meetings.values()} == {dt.time(19, 30)}
    assert meetings["Buurtwandeling warmte"].date() == vandaag + dt.timedelta(days=14)
    assert meetings["Informatieavond aardgasvrij"].date() == vandaag - dt.timedelta(days=21)
