"""Factories shared by every app's tests."""

from __future__ import annotations

import time

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.constants import Role


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `UserFactory(role=Role.AMBTENAAR)` puts it in that role's group, and
    `two_factor=True` gives it a confirmed authenticator app (`two_factor_device_give`)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example")
    password = factory.django.Password("correct-horse-battery")

    @classmethod
    def _create(cls, model_class, *args, role=None, two_factor=False, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role:
            group, _ = Group.objects.get_or_create(name=Role(role).value)
            user.groups.add(group)
            if role == Role.BEHEERDER:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        if two_factor:
            two_factor_device_give(user)
        return user


def two_factor_device_give(user) -> TOTPDevice:
    """Give the account a confirmed authenticator app (or take the one it has).

    The device is also set as `user.otp_device`: django-otp's user_logged_in handler then
    marks the session verified when this very object is logged in (`client.force_login`),
    as the verify step would. A user loaded anew from the database carries no device, so a
    real login still asks for the code.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
    user.otp_device = device
    return device


def totp_code(device: TOTPDevice) -> str:
    """A code the device accepts now: the current time step, or the next one (within the
    tolerance of one step) when the current one was used already (a code works once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), device.last_t + 1)
    if step > totp.t() + device.tolerance:  # both used: wait for the next step
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
        return totp_code(device)
    totp.drift += step - totp.t()
    return f"{totp.token():0{device.digits}d}"


def totp_code_for_key(key_text: str) -> str:
    """The current code for a key as the setup page shows it (base32 in groups)."""
    import base64

    b32 = key_text.replace(" ", "").upper()
    key = base64.b32decode(b32 + "=" * (-len(b32) % 8))
    return f"{TOTP(key).token():06d}"
