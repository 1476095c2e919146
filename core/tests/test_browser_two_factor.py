"""Browser journeys of the second factor: setting it up, logging in with the app and with a
recovery code, a council member without it, and the functional administrator's reset. Every
page is checked with axe; the `new_page` guard fails on a CSP violation or external request."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import assert_accessible
from core.constants import Role
from core.tests.factories import UserFactory, totp_code, totp_code_for_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SETUP = reverse("core:two_factor_setup")
VERIFY = reverse("core:two_factor_verify")


def _password_login(page, username: str) -> None:
    page.goto(reverse("core:login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()


def _log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"**{reverse('core:login')}")


def _enter_code(page, code: str) -> None:
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Doorgaan").click()


def _set_up_on_the_page(page) -> list[str]:
    """Scan: read the key from the page, compute the app's code, confirm; returns the codes."""
    qr = page.get_by_role("img", name="QR-code voor uw authenticator-app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the data URI loaded under the CSP
    key_text = page.locator("[data-totp-key]").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key_text)
    page.get_by_label("Code").fill(totp_code_for_key(key_text))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    return page.locator("[data-recovery-code]").all_inner_texts()


def test_set_up_then_log_in_with_the_app_and_with_a_recovery_code_once(new_page):
    # given a civil servant with a password and no authenticator app
    UserFactory(role=Role.AMBTENAAR, username="a1")
    page = new_page()
    # when they log in, they are sent to the setup, which passes axe
    _password_login(page, "a1")
    page.wait_for_url(f"**{SETUP}*")
    expect(page.get_by_role("heading", name="Twee-factor-authenticatie instellen")).to_be_visible()
    assert_accessible(page, "2FA setup")
    # when they scan the QR code (read the key) and confirm with the app's code
    codes = _set_up_on_the_page(page)
    # then ten recovery codes are shown once, with a Dutch text to store them
    assert len(codes) == 10 and len(set(codes)) == 10
    expect(page.get_by_role("alert")).to_contain_text("Bewaar deze codes nu: ze worden alleen deze ene keer getoond.")
    assert_accessible(page, "recovery codes")
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.wait_for_url(f"**{reverse('wup:plan_list')}")
    # when they log out and in again, the app's code is asked (page passes axe) and accepted
    _log_out(page)
    _password_login(page, "a1")
    page.wait_for_url(f"**{VERIFY}*")
    expect(page.get_by_role("heading", name="Vul uw code in")).to_be_visible()
    assert_accessible(page, "2FA verify")
    _enter_code(page, totp_code(TOTPDevice.objects.get(user__username="a1")))
    page.wait_for_url(f"**{reverse('wup:plan_list')}")
    # when they log in with a recovery code instead
    _log_out(page)
    _password_login(page, "a1")
    page.wait_for_url(f"**{VERIFY}*")
    _enter_code(page, codes[0])
    # then they are in and told it is used up
    page.wait_for_url(f"**{reverse('wup:plan_list')}")
    expect(page.get_by_role("status")).to_contain_text("U heeft nog 9 herstelcodes")
    # when they try the same recovery code a second time, it is refused in Dutch
    _log_out(page)
    _password_login(page, "a1")
    page.wait_for_url(f"**{VERIFY}*")
    _enter_code(page, codes[0])
    expect(page.locator(".invalid-feedback").get_by_text("Deze code klopt niet.")).to_be_visible()
    assert VERIFY in page.url


def test_a_wrong_code_is_refused_with_a_dutch_message(new_page):
    UserFactory(role=Role.AMBTENAAR, username="a1", two_factor=True)
    page = new_page()
    _password_login(page, "a1")
    page.wait_for_url(f"**{VERIFY}*")
    _enter_code(page, "000000")
    expect(
        page.locator("#id_code_error").get_by_text("Deze code klopt niet. Vul de code in die uw app nu toont")
    ).to_be_visible()
    expect(page.get_by_label("Code")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")  # issue 13
    assert_accessible(page, "2FA verify with error")
    page.goto(reverse("wup:plan_list"))
    assert VERIFY in page.url


def test_a_council_member_logs_in_without_and_may_set_it_up_from_the_account_menu(new_page):
    # given a council member without an app
    UserFactory(role=Role.RAADSLID, username="r1")
    page = new_page()
    # when they log in, they land on the dashboard straight away
    _password_login(page, "r1")
    page.wait_for_url(f"**{reverse('dashboard:overview')}")
    # when they open Two-factor authentication in the account menu (the page passes axe)
    page.get_by_role("link", name="Twee-factor-authenticatie").click()
    expect(page.get_by_text("Voor raadsleden is het niet verplicht")).to_be_visible()
    assert_accessible(page, "2FA account page (off)")
    page.get_by_role("link", name="Twee-factor-authenticatie instellen").click()
    # then they set it up voluntarily
    _set_up_on_the_page(page)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.get_by_role("link", name="Twee-factor-authenticatie").click()
    expect(page.get_by_text("U heeft nog 10 ongebruikte herstelcodes")).to_be_visible()
    assert_accessible(page, "2FA account page (on)")
    # and from then on the code is asked at login
    _log_out(page)
    _password_login(page, "r1")
    page.wait_for_url(f"**{VERIFY}*")


def test_an_ambtenaar_without_an_app_reaches_only_the_setup(new_page):
    # given a civil servant logged in with the password only
    UserFactory(role=Role.AMBTENAAR, username="a1")
    page = new_page()
    _password_login(page, "a1")
    page.wait_for_url(f"**{SETUP}*")
    # then there is no menu, only logging out
    expect(page.get_by_role("link", name="Plannen")).to_have_count(0)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    # and every page they open leads back to the setup
    for url in (reverse("wup:plan_list"), reverse("dashboard:overview"), reverse("participatie:overzicht"), "/beheer/"):
        page.goto(url)
        assert SETUP in page.url, url


def test_an_admin_reset_forces_a_new_setup(new_page):
    # given a civil servant logged in past the second factor, and a functional administrator
    ambtenaar = new_page(role=Role.AMBTENAAR)
    ambtenaar.goto(reverse("wup:plan_list"))
    user = ambtenaar.user
    user.set_password("correct-horse-battery")
    user.save()
    beheer = new_page(role=Role.BEHEERDER)
    # when the administrator selects the civil servant and the reset action in /beheer/
    beheer.goto(reverse("admin:auth_user_changelist"))
    beheer.locator(f"input[name=_selected_action][value='{user.pk}']").check()
    beheer.locator("select[name=action]").select_option(label="Twee-factor-authenticatie resetten")
    beheer.get_by_role("button", name="Uitvoeren").click()
    # then a confirmation page (passing axe) asks first
    expect(beheer.get_by_text("Doe dit alleen als u persoonlijk of telefonisch")).to_be_visible()
    assert_accessible(beheer, "2FA reset confirmation")
    beheer.get_by_role("button", name="Ja, resetten").click()
    expect(beheer.get_by_text("Twee-factor-authenticatie is gereset voor 1 account")).to_be_visible()
    assert not TOTPDevice.objects.filter(user=user).exists()
    # and the civil servant's open session is logged out; the next login asks for a new setup
    ambtenaar.goto(reverse("wup:plan_list"))
    assert reverse("core:login") in ambtenaar.url
    _password_login(ambtenaar, user.username)
    ambtenaar.wait_for_url(f"**{SETUP}*")
