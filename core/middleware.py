"""Request middleware: default-deny access policies and the idle session timeout."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .permissions import policy_of, roles_of

logger = logging.getLogger(__name__)


class AccessPolicyMiddleware:
    """Enforce the view's declared `Policy`; a view without one is denied (default deny)."""

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
