"""The second factor (core/two_factor.py): setup, verify, throttling, recovery codes, reset."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import two_factor
from core.constants import Role
from core.logs import JsonFormatter
from core.tests.factories import UserFactory, totp_code, totp_code_for_key

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _password_login(username: str) -> tuple[Client, str]:
    """A client after the password step; returns it and where the login sent it."""
    client = Client()
    response = client.post(reverse("core:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client, response["Location"]


def _set_up(client: Client) -> tuple[str, list[str]]:
    """Run the setup page as a person would: read the key, type the app's code. Returns the
    key as shown and the recovery codes shown."""
    page = client.get(reverse("core:two_factor_setup")).content.decode()
    key_text = re.search(r"data-totp-key>([A-Z2-7 ]+)<", page).group(1)
    response = client.post(reverse("core:two_factor_setup"), {"code": totp_code_for_key(key_text)})
    assert response.status_code == 200
    codes = re.findall(r"data-recovery-code>([a-z0-9-]+)<", response.content.decode())
    return key_text, codes


def test_an_ambtenaar_without_an_app_is_sent_to_setup_from_every_page():
    # given a civil servant with a password and no authenticator app
    UserFactory(role=Role.AMBTENAAR, username="a1")
    # when they log in with the password
    client, location = _password_login("a1")
    # then the login sends them to the setup, and so does every other page
    assert location.startswith(reverse("core:two_factor_setup"))
    response = client.get(reverse("wup:plan_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:two_factor_setup") + "?next=%2Fplannen%2F"
    assert client.get(reverse("dashboard:overview"))["Location"].startswith(reverse("core:two_factor_setup"))
    assert client.get(reverse("admin:index")).status_code == 302
    # and the setup page shows a QR code (an SVG data URI the CSP allows) and the key as text
    page = client.get(reverse("core:two_factor_setup"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html
    assert re.search(r"data-totp-key>([A-Z2-7]{4} ){7}[A-Z2-7]{4}<", html)
    assert "no-store" in page["Cache-Control"]
    # and the menu is not shown, logging out is
    assert reverse("wup:plan_list") not in html
    assert reverse("core:logout") in html


def test_opening_the_setup_page_writes_no_row_and_keeps_its_key():
    client = Client()
    client.force_login(UserFactory(role=Role.AMBTENAAR))
    first = client.get(reverse("core:two_factor_setup")).content.decode()
    second = client.get(reverse("core:two_factor_setup")).content.decode()
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    key = re.compile(r"data-totp-key>([A-Z2-7 ]+)<")
    assert key.search(first).group(1) == key.search(second).group(1)


def test_setup_confirms_with_a_code_and_shows_ten_single_use_recovery_codes_once():
    # given a civil servant on the setup page
    user = UserFactory(role=Role.AMBTENAAR, username="a1")
    client, _ = _password_login("a1")
    # when they confirm with a wrong code
    client.get(reverse("core:two_factor_setup"))
    wrong = client.post(reverse("core:two_factor_setup"), {"code": "000000"})
    # then it is refused in Dutch and nothing is set up
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    # when they confirm with the app's code
    _, codes = _set_up(client)
    # then the app is set up, ten distinct recovery codes are shown, stored only as hashes
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {c.replace("-", "") for c in codes}
    # and this session passed its second factor: the plans are open
    assert client.get(reverse("wup:plan_list")).status_code == 200
    # and the codes are not shown again
    assert codes[0] not in client.get(reverse("core:two_factor")).content.decode()


def test_a_second_app_cannot_be_set_up_with_the_password_alone():
    # given a civil servant with an app, logged in with the password only (e.g. a stolen password)
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    client, location = _password_login("a1")
    assert location.startswith(reverse("core:two_factor_verify"))
    # when the setup page is opened and a new key confirmed
    assert client.get(reverse("core:two_factor_setup"))["Location"].startswith(reverse("core:two_factor_verify"))
    key = two_factor.totp_setup_key(client.session)
    with pytest.raises(two_factor.TwoFactorAlreadySetUp):
        two_factor.two_factor_set_up(user=user, key=key, code="123456")
    # then the account keeps its one app
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_login_asks_the_app_code_and_refuses_a_wrong_one_in_dutch():
    # given a civil servant with an app
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    client, location = _password_login("a1")
    # when a wrong code is entered
    response = client.post(location, {"code": "000000"})
    # then it is refused with a Dutch message and the plans stay closed
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("wup:plan_list")).status_code == 302
    # when the app's code is entered (after the one-second wait of the throttle)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=2)):
        response = client.post(location, {"code": totp_code(user.otp_device)})
        # then they reach the page they asked for (home -> the plans)
        assert response.status_code == 302 and response["Location"] == "/"
        assert client.get(reverse("wup:plan_list")).status_code == 200


def test_the_session_key_changes_when_the_second_factor_is_passed():
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    client, location = _password_login("a1")
    before = client.session.session_key
    client.post(location, {"code": totp_code(user.otp_device)})
    assert client.session.session_key != before


def test_an_app_code_works_once():
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    code = totp_code(user.otp_device)
    assert two_factor.two_factor_verify(user=user, code=code).ok
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=1)):
        assert not two_factor.two_factor_verify(user=user, code=code).ok


def test_wrong_codes_are_throttled_also_against_the_right_code():
    # given an account with an app and recovery codes
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    codes = two_factor.recovery_codes_create(user=user)
    now = dt.datetime.now(tz=dt.UTC)
    with time_machine.travel(now, tick=False):
        # when four wrong codes are tried, each after the wait the previous one asked
        for seconds in (0, 2, 4, 8):
            with time_machine.travel(now + dt.timedelta(seconds=seconds), tick=False):
                assert not two_factor.two_factor_verify(user=user, code="111111").ok
    # then the next try, right away, is not even checked: right app code and recovery code alike
    with time_machine.travel(now + dt.timedelta(seconds=9), tick=False):
        right = two_factor.two_factor_verify(user=user, code=totp_code(user.otp_device))
        assert not right.ok and right.wait_seconds == 7  # 2^(4-1) s after the last failure
        assert two_factor.two_factor_verify(user=user, code=codes[0]).wait_seconds > 0
    # and after the wait the right code passes (throttling is on: settings and django-otp)
    with time_machine.travel(now + dt.timedelta(seconds=17), tick=False):
        assert two_factor.two_factor_verify(user=user, code=totp_code(user.otp_device)).ok


def test_the_verify_page_says_in_dutch_how_long_to_wait():
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    client, location = _password_login("a1")
    now = dt.datetime.now(tz=dt.UTC)
    with time_machine.travel(now, tick=False):
        client.post(location, {"code": "111111"})
        client.post(location, {"code": "111111"})  # within the 1 s wait: not checked
        response = client.post(location, {"code": totp_code(user.otp_device)})
    assert "Te veel onjuiste codes. Wacht 1 seconde en probeer het opnieuw." in response.content.decode()


def test_a_recovery_code_logs_in_once():
    # given a civil servant who set up the app and kept the recovery codes
    UserFactory(role=Role.AMBTENAAR, username="a1")
    client, _ = _password_login("a1")
    _, codes = _set_up(client)
    # when they log in again with a recovery code, typed in capitals without the dash
    client, location = _password_login("a1")
    response = client.post(location, {"code": codes[3].replace("-", "").upper()}, follow=True)
    # then they are in, told that the code is used up and how many are left
    assert response.redirect_chain[-1][0] == reverse("wup:plan_list")
    assert "U heeft nog 9 herstelcodes" in response.content.decode()
    # when the same code is used a second time
    client, location = _password_login("a1")
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=2)):
        response = client.post(location, {"code": codes[3]})
    # then it is refused
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()


def test_recovery_codes_survive_a_secret_key_rotation(settings):
    user = UserFactory(role=Role.AMBTENAAR, two_factor=True)
    codes = two_factor.recovery_codes_create(user=user)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789"
    assert two_factor.two_factor_verify(user=user, code=codes[0]).ok


def test_new_recovery_codes_need_the_app_code_and_replace_the_old_ones(client_for):
    # given a civil servant past the second factor, with recovery codes
    client = client_for(Role.AMBTENAAR)
    old = two_factor.recovery_codes_create(user=client.user)
    url = reverse("core:two_factor_recovery_codes")
    # when new codes are asked without or with a wrong app code
    assert "Deze code klopt niet" in client.post(url, {"code": "000000"}).content.decode()
    # then the old codes still work
    assert StaticToken.objects.filter(device__user=client.user).count() == 10
    # when asked with the app's code
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=2)):
        response = client.post(url, {"code": totp_code(client.user.otp_device)})
    new = re.findall(r"data-recovery-code>([a-z0-9-]+)<", response.content.decode())
    # then ten new codes are shown and the old ones no longer work
    assert len(new) == 10 and not set(new) & set(old)
    assert not two_factor.two_factor_verify(user=client.user, code=old[0]).ok


def test_a_council_member_without_an_app_needs_no_second_factor():
    # given a council member with a password only
    UserFactory(role=Role.RAADSLID, username="r1")
    # when they log in
    client, location = _password_login("r1")
    # then they land on the dashboard, and may set up an app from their account page
    assert location == "/"
    assert client.get(reverse("dashboard:overview")).status_code == 200
    page = client.get(reverse("core:two_factor")).content.decode()
    assert "Twee-factor-authenticatie staat uit" in page
    assert reverse("core:two_factor_setup") in page


def test_a_council_member_who_set_up_an_app_must_use_it():
    # given a council member who set up an app voluntarily
    UserFactory(role=Role.RAADSLID, username="r1")
    client, _ = _password_login("r1")
    _set_up(client)
    # when they log in again with the password
    client, location = _password_login("r1")
    # then the app's code is asked before the dashboard
    assert location.startswith(reverse("core:two_factor_verify"))
    assert client.get(reverse("dashboard:overview"))["Location"].startswith(reverse("core:two_factor_verify"))


def test_next_only_leads_to_this_site():
    user = UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    client, _ = _password_login("a1")
    response = client.post(
        reverse("core:two_factor_verify") + "?next=https://evil.example/",
        {"code": totp_code(user.otp_device)},
    )
    assert response["Location"] == "/"


def test_the_admin_reset_removes_the_devices_and_logs_out_the_open_session(client_for):
    # given a civil servant with an app and recovery codes, logged in past the second factor
    ambtenaar = client_for(Role.AMBTENAAR)
    two_factor.recovery_codes_create(user=ambtenaar.user)
    assert ambtenaar.get(reverse("wup:plan_list")).status_code == 200
    # when a functional administrator selects the reset action on them
    beheerder = client_for(Role.BEHEERDER)
    changelist = reverse("admin:auth_user_changelist")
    form = {"action": "two_factor_reset", "_selected_action": [ambtenaar.user.pk]}
    confirmation = beheerder.post(changelist, form)
    # then a confirmation page comes first and nothing is removed yet
    assert confirmation.status_code == 200
    assert "Ja, resetten" in confirmation.content.decode()
    assert TOTPDevice.objects.filter(user=ambtenaar.user).exists()
    # when they confirm
    response = beheerder.post(changelist, {**form, "post": "yes"}, follow=True)
    # then the devices are gone, the change is in the admin history, and the message is Dutch
    assert not TOTPDevice.objects.filter(user=ambtenaar.user).exists()
    assert not StaticDevice.objects.filter(user=ambtenaar.user).exists()
    assert LogEntry.objects.filter(object_id=str(ambtenaar.user.pk)).exists()
    assert "Twee-factor-authenticatie is gereset voor 1 account" in response.content.decode()
    # and the civil servant's open session is logged out; the next login asks for a new setup
    response = ambtenaar.get(reverse("wup:plan_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
    _, location = _password_login(ambtenaar.user.username)
    assert location.startswith(reverse("core:two_factor_setup"))


def test_the_user_list_shows_who_has_two_factor_authentication(client_for):
    UserFactory(username="met-app", two_factor=True)
    UserFactory(username="zonder-app")
    response = client_for(Role.BEHEERDER).get(reverse("admin:auth_user_changelist"))
    rows = {user.username: user.two_factor_on for user in response.context["cl"].result_list}
    assert rows["met-app"] is True and rows["zonder-app"] is False


def test_the_break_glass_command_resets_an_account():
    user = UserFactory(role=Role.BEHEERDER, username="laatste-beheerder", two_factor=True)
    two_factor.recovery_codes_create(user=user)
    call_command("two_factor_reset", "laatste-beheerder")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()


def test_no_code_key_or_recovery_code_reaches_a_log_line(caplog):
    # given every log line of a setup, a wrong and a right login, and a recovery login
    caplog.set_level(logging.DEBUG)
    UserFactory(role=Role.AMBTENAAR, username="a1")
    client, _ = _password_login("a1")
    key_text, codes = _set_up(client)
    device = TOTPDevice.objects.get(user__username="a1")
    client, location = _password_login("a1")
    client.post(location, {"code": "000000"})
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=2)):
        right = totp_code(device)
        client.post(location, {"code": right})
    client, location = _password_login("a1")
    client.post(location, {"code": codes[0]})
    # then the audit events tell what happened, to which account
    lines = [JsonFormatter().format(r) for r in caplog.records]
    events = [json.loads(line) for line in lines if '"wijkproces.audit"' in line]
    steps = [(e["action"], e["result"], e["object"].get("method")) for e in events if e["action"].startswith("two_")]
    assert steps == [
        ("two_factor_setup", "ok", None),
        ("two_factor_recovery_codes", "ok", None),
        ("two_factor_verify", "failed", "app"),
        ("two_factor_verify", "ok", "app"),
        ("two_factor_verify", "ok", "recovery_code"),
    ]
    assert {e["object"]["user_id"] for e in events if e["action"].startswith("two_")} == {device.user_id}
    text = "\n".join(lines)
    # and none carries a secret, in any form
    secrets = {key_text, key_text.replace(" ", ""), device.key, right, "000000"}
    secrets |= {c for code in codes for c in (code, code.replace("-", ""))}
    secrets |= set(StaticToken.objects.filter(device__user=device.user).values_list("token", flat=True))
    assert not [s for s in secrets if s in text]
