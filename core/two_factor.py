"""The second factor (two-factor authentication, 2FA): a TOTP app plus recovery codes.

Who must use it: civil servants (ambtenaar) and functional administrators (beheerder), BIO2
5.17.01 (MFA for internet-facing and admin accounts) and ASVS 6.3.3. Council members
(raadslid) may set it up; once they have a device, they must use it like everyone else.

Built on django-otp: a confirmed `TOTPDevice` (the authenticator app) and a `StaticDevice`
holding the recovery codes. A session is verified when `django_otp.login` stored the device
in it (`request.user.is_verified()`, set by django-otp's middleware on every request, so a
reset by the functional administrator takes effect on the user's next request).
`core.middleware.AccessPolicyMiddleware` sends an account that still has to pass its second
factor to the setup or verify page from every view whose policy is not `before_2fa`.

Secrets stay out of logs: every step is an audit event (core/logs.py) naming the account's
id, the method and the outcome, never a code or a key. Recovery codes are stored as keyed hashes (HMAC-SHA256 with the secret key, the
secret key fallbacks accepted), so a copy of the database alone does not reveal them.
"""

from __future__ import annotations

import base64
import logging
import math
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import Role
from .logs import event
from .permissions import roles_of

# Roles for which the second factor is required (the others may opt in).
REQUIRED_ROLES = frozenset({Role.AMBTENAAR, Role.BEHEERDER})
RECOVERY_CODE_COUNT = 10
# Ten characters from 31 (no 0/o, 1/i/l): about 50 bits each; typed in two groups of five.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10
TOTP_DIGITS = 6
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"
# The secret being set up lives in the session until it is confirmed with a code: a GET of
# the setup page writes no row, and an abandoned setup leaves nothing behind.
SETUP_KEY_SESSION_KEY = "two_factor_setup_key"
_RECOVERY_HMAC_SALT = "core.two_factor.recovery_code"


# --- Reads ---------------------------------------------------------------------------------


def two_factor_required(request: HttpRequest) -> bool:
    """Whether the account's roles require a second factor."""
    return bool(roles_of(request) & REQUIRED_ROLES)


def totp_device_of(user) -> TOTPDevice | None:
    """The account's confirmed authenticator app, if it set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def session_is_verified(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)  # installed by django-otp's middleware
    return bool(is_verified and is_verified())


def two_factor_pending(request: HttpRequest) -> bool:
    """True for a logged-in account that must pass its second factor and has not in this session.

    Cached on the request: the middleware and the template context both ask.
    """
    user = getattr(request, "user", None)
    cached = getattr(request, "_two_factor_pending", None)
    if cached is not None and cached[0] == getattr(user, "pk", None):  # the same account (login changes it)
        return cached[1]
    if user is None or not user.is_authenticated or not user.is_active or session_is_verified(request):
        pending = False
    else:
        pending = two_factor_required(request) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    request._two_factor_pending = (getattr(user, "pk", None), pending)
    return pending


def two_factor_step_url(user, next_url: str = "") -> str:
    """Where an account that has to pass its second factor goes: verify, or set one up."""
    name = "core:two_factor_verify" if totp_device_of(user) else "core:two_factor_setup"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_setup_key(session) -> str:
    """The hex key being set up in this session (made on first use, kept until confirmed)."""
    key = session.get(SETUP_KEY_SESSION_KEY)
    if not key:
        key = secrets.token_hex(20)  # 160 bits, RFC 4226's recommendation
        session[SETUP_KEY_SESSION_KEY] = key
    return key


def totp_key_text(key: str) -> str:
    """The key as an authenticator app asks for it by hand: base32, in groups of four."""
    b32 = base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


def totp_config_url(*, user, key: str) -> str:
    """The otpauth:// URL of the QR code (same format as django-otp's TOTPDevice.config_url)."""
    return TOTPDevice(user=user, key=key, digits=TOTP_DIGITS).config_url


def totp_qr_data_uri(*, user, key: str) -> str:
    """The QR code as an SVG data URI: an <img> the CSP allows (img-src data:), no extra request
    that would carry the secret, no inline script or style in the page."""
    qr = segno.make(totp_config_url(user=user, key=key), error="m")
    return qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff")


# --- Verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """The outcome of a code: the device that accepted it, or why none did."""

    device: TOTPDevice | StaticDevice | None = None
    wait_seconds: int = 0  # > 0: throttled after wrong codes, nothing was tried

    @property
    def ok(self) -> bool:
        return self.device is not None


def normalise_code(raw: str) -> str:
    """Spaces and dashes out, lower case: `123 456` and `ABCDE-FGHIJ` as people type them."""
    return re.sub(r"[\s-]+", "", raw or "").lower()


def is_totp_format(code: str) -> bool:
    return len(code) == TOTP_DIGITS and code.isdigit()


def _wait_seconds(device) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return 0
    locked_until = (data or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, math.ceil((locked_until - timezone.now()).total_seconds()))


def two_factor_verify(*, user, code: str, recovery_allowed: bool = True) -> Verification:
    """Check a 6-digit app code or (if allowed) a recovery code against the account's devices.

    django-otp throttles each device (1, 2, 4, 8 ... s after successive wrong codes;
    settings OTP_*_THROTTLE_FACTOR). While either device is throttled nothing is tried, so
    alternating app codes and recovery codes gains an attacker nothing. A used recovery code
    is deleted (single use); an app code is refused a second time (django-otp's last_t).
    """
    code = normalise_code(code)
    totp = totp_device_of(user)
    static = StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    wait = max((_wait_seconds(d) for d in (totp, static) if d is not None), default=0)
    if wait:
        event("two_factor_verify", result="throttled", object={"user_id": user.pk}, level=logging.WARNING)
        return Verification(wait_seconds=wait)
    if is_totp_format(code) or not recovery_allowed:
        method, device, token = "app", totp, code if is_totp_format(code) else ""
    else:
        method, device = "recovery_code", static
        token = _recovery_token_stored(static, code) if static is not None else ""
    accepted = None
    if device is not None and token:
        # django_otp.verify_token locks the device row (select_for_update) inside a transaction:
        # two simultaneous tries of one code cannot both pass.
        accepted = django_otp.verify_token(user, device.persistent_id, token)
    if accepted is None:
        if not token or device is None:
            # Not tried (malformed, or no device of that kind): it counts as a wrong code all the same.
            target = device or totp
            if target is not None:
                target.throttle_increment()
        event(
            "two_factor_verify", result="failed", object={"user_id": user.pk, "method": method}, level=logging.WARNING
        )
        return Verification()
    event("two_factor_verify", result="ok", object={"user_id": user.pk, "method": method})
    return Verification(device=accepted)


def session_verify(request: HttpRequest, device) -> None:
    """Mark this session as verified by `device`, under a new session key (ASVS 7.2.4)."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session.pop(SETUP_KEY_SESSION_KEY, None)
    request._two_factor_pending = None


# --- Writes --------------------------------------------------------------------------------


class TwoFactorAlreadySetUp(Exception):
    """The account has a confirmed authenticator app; a new one needs that one first."""


@transaction.atomic
def two_factor_set_up(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the key being set up with a code from the app: the app's device and ten
    recovery codes are created together. Returns (device, recovery codes) or None for a wrong
    code. Refuses (TwoFactorAlreadySetUp) when the account already has a confirmed app:
    replacing it must not be possible with the password alone.
    """
    if TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists():
        raise TwoFactorAlreadySetUp
    code = normalise_code(code)
    if not is_totp_format(code):
        return None
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=TOTP_DIGITS, drift=0)
    totp.time = time.time()
    if not totp.verify(int(code), tolerance=1):
        event("two_factor_setup", result="failed", object={"user_id": user.pk})
        return None
    # The confirming code's time step counts as used: it cannot log in a second time.
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True, last_t=totp.t(), drift=totp.drift)
    device.full_clean()
    device.save()
    event("two_factor_setup", result="ok", object={"user_id": user.pk})
    return device, recovery_codes_create(user=user)


@transaction.atomic
def recovery_codes_create(*, user) -> list[str]:
    """Replace the account's recovery codes by RECOVERY_CODE_COUNT new ones; returns them.

    The plain codes exist only in the return value (shown once); the database keeps keyed hashes.
    """
    device, _ = StaticDevice.objects.select_for_update().get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=_recovery_digest(code)) for code in codes)
    event("two_factor_recovery_codes", result="ok", object={"user_id": user.pk})
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def two_factor_reset(*, user) -> int:
    """Remove every second-factor device of the account (the functional administrator's reset).

    The account's sessions lose their verification on their next request (django-otp checks
    the device each time) and it sets up a new app at its next login. Returns the number of
    devices removed.
    """
    removed = 0
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    event("two_factor_reset", result="ok", object={"user_id": user.pk, "devices": removed})
    return removed


# --- Recovery code hashing -----------------------------------------------------------------


def _recovery_digest(code: str, secret: str | bytes | None = None) -> str:
    """16 characters (StaticToken.token's length): 80 bits of HMAC-SHA256 keyed by the secret key."""
    mac = salted_hmac(_RECOVERY_HMAC_SALT, normalise_code(code), secret=secret, algorithm="sha256").digest()
    return base64.b32encode(mac).decode().lower()[:16]


def _recovery_token_stored(device: StaticDevice, code: str) -> str:
    """The stored token matching `code` under the secret key or one of its fallbacks (a key
    rotation keeps the codes working); else the current key's digest, which will not match."""
    if len(code) != RECOVERY_CODE_LENGTH or any(c not in RECOVERY_ALPHABET for c in code):
        return ""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    digests = [_recovery_digest(code, key) for key in keys]
    stored = set(device.token_set.filter(token__in=digests).values_list("token", flat=True))
    return next((d for d in digests if d in stored), digests[0])
