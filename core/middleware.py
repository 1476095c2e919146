"""Request middleware: default-deny access policies (with the second factor) and the idle
session timeout."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django_otp import DEVICE_ID_SESSION_KEY

from .logs import event
from .permissions import policy_of, roles_of
from .two_factor import two_factor_pending, two_factor_step_url

logger = logging.getLogger(__name__)


class AccessPolicyMiddleware:
    """Enforce the view's declared `Policy`; a view without one is denied (default deny).

    An account that has yet to pass its second factor in this session is sent to the 2FA
    step (setup or verify) from every view whose policy is not `before_2fa`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        policy = policy_of(view_func, match.namespace if match else "")
        if policy is None:
            logger.error("No access policy declared for view %s: denied", match and match.view_name)
            request.denied_by_access_policy = True
            raise PermissionDenied("No access policy declared.")
        if not policy.before_2fa and two_factor_pending(request):
            request.denied_by_access_policy = True
            next_url = request.get_full_path() if request.method == "GET" else ""
            return redirect(two_factor_step_url(request.user, next_url))
        roles = roles_of(request)
        if policy.allows(roles, request.method):
            return None
        # Marked so tests can tell a policy denial from a view's own refusal (e.g. the admin's).
        request.denied_by_access_policy = True
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        raise PermissionDenied


class IdleSessionTimeoutMiddleware:
    """Log out an account after SESSION_IDLE_SECONDS without a request (BIO2 / ASVS 3.3.2)."""

    KEY = "last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
            else:
                # Write at most once a minute to keep session writes cheap.
                if last is None or now - last > 60:
                    request.session[self.KEY] = now
        return self.get_response(request)


class SecondFactorRevokedMiddleware:
    """Log out a session whose second factor was removed (the functional administrator's reset).

    django-otp forgets a device that no longer exists; without this, the open session of an
    account whose phone was lost could set up a new app without the password. Placed after
    django-otp's middleware; costs no query of its own (the device is loaded for is_verified).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        had_device = DEVICE_ID_SESSION_KEY in request.session
        if had_device and request.user.is_authenticated and not request.user.is_verified():
            event("two_factor_revoked", result="logged out", object={"user_id": request.user.pk})
            logout(request)
        return self.get_response(request)
