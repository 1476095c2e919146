"""The functional administrator's admin: one role per account, names of areas, the event log read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.constants import Role
from core.tests.factories import UserFactory
from dashboard.tests.factories import GebeurtenisFactory
from logboek.models import Gebeurtenis
from wup.models import Wijk
from wup.tests.factories import WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client_for):
    return client_for(Role.BEHEERDER)


def _user_form(user, groups):
    return {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "groups": [g.pk for g in groups],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "10:00:00",
    }


def test_an_account_gets_exactly_one_role(beheer):
    # given an account with one role
    user = UserFactory(role=Role.AMBTENAAR)
    url = reverse("admin:auth_user_change", args=[user.pk])
    ambtenaar, raadslid = Group.objects.get(name="ambtenaar"), Group.objects.get(name="raadslid")
    # when the administrator gives it two roles, or none
    for groups in ([ambtenaar, raadslid], []):
        response = beheer.post(url, _user_form(user, groups))
        # then the form says so in Dutch and nothing changes
        assert response.status_code == 200
        assert "Kies precies één rol voor dit account" in response.content.decode()
        assert list(user.groups.values_list("name", flat=True)) == ["ambtenaar"]
    # when it gets one other role, that is saved
    response = beheer.post(url, _user_form(user, [raadslid]))
    assert response.status_code == 302
    assert list(user.groups.values_list("name", flat=True)) == ["raadslid"]


def test_a_wijk_name_is_editable_and_its_code_and_figures_are_not(beheer):
    wijk = WijkFactory(code="WK030701", naam="")
    url = reverse("admin:wup_wijk_change", args=[wijk.pk])
    page = beheer.get(url).content.decode()
    assert 'name="naam"' in page and 'name="code"' not in page
    response = beheer.post(url, {"naam": "Kattenbroek", "code": "WK999999"})
    assert response.status_code == 302
    wijk.refresh_from_db()
    assert (wijk.naam, wijk.code) == ("Kattenbroek", "WK030701")
    # areas come from the CBS import: no adding or deleting here
    assert beheer.get(reverse("admin:wup_wijk_add")).status_code == 403
    assert beheer.post(reverse("admin:wup_wijk_delete", args=[wijk.pk]), {"post": "yes"}).status_code == 403
    assert Wijk.objects.filter(pk=wijk.pk).exists()


def test_the_event_log_is_readable_and_never_writable_in_the_admin(beheer):
    event = GebeurtenisFactory(datum=dt.date(2025, 3, 1), extern_id="admin-1")
    listing = beheer.get(reverse("admin:logboek_gebeurtenis_changelist"))
    assert listing.status_code == 200 and "admin-1" in listing.content.decode()
    assert beheer.get(reverse("admin:logboek_gebeurtenis_change", args=[event.pk])).status_code == 200
    assert beheer.get(reverse("admin:logboek_gebeurtenis_add")).status_code == 403
    response = beheer.post(reverse("admin:logboek_gebeurtenis_change", args=[event.pk]), {"extern_id": "x"})
    assert response.status_code == 403
    assert beheer.post(reverse("admin:logboek_gebeurtenis_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert Gebeurtenis.objects.get(pk=event.pk).extern_id == "admin-1"


def test_the_event_log_list_takes_the_same_queries_for_many_events(beheer, django_assert_max_num_queries):
    for i in range(30):
        GebeurtenisFactory(extern_id=f"many-{i}")
    with django_assert_max_num_queries(15):
        assert beheer.get(reverse("admin:logboek_gebeurtenis_changelist")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_beheerder_role_has_its_admin_permissions_after_a_fresh_migrate_or_flush():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)  # emits post_migrate for every app, like a fresh migrate
    perms = set(
        Group.objects.get(name=Role.BEHEERDER.value).permissions.values_list("content_type__app_label", "codename")
    )
    assert {("wup", "change_wijk"), ("logboek", "view_gebeurtenis"), ("pghistory", "view_events")} <= perms
