import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .constants import Role
from .forms import SecondFactorCodeForm
from .permissions import AUTHENTICATED, PUBLIC, RESOURCE, TWO_FACTOR, AccessPolicyMixin, access, roles_of
from .selectors import health_status


class LoginView(AccessPolicyMixin, auth_views.LoginView):
    """The password step (django-axes throttles it); the second factor follows on its own page."""

    access_policy = PUBLIC
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        if two_factor.two_factor_pending(self.request):
            return two_factor.two_factor_step_url(self.request.user, url)
        return url


class LogoutView(AccessPolicyMixin, auth_views.LogoutView):
    access_policy = TWO_FACTOR


@access(AUTHENTICATED)
def home(request):
    """Send each role to its own start page."""
    roles = roles_of(request)
    if Role.AMBTENAAR in roles:
        return redirect("wup:plan_list")
    if Role.RAADSLID in roles:
        return redirect("dashboard:overview")
    return redirect("admin:index")


@access(RESOURCE)
@require_GET
@never_cache
def health(request):
    status = health_status()
    return JsonResponse(status, status=200 if status["status"] == "ok" else 503)


# Seconds a client (or the proxy) is told to wait before trying again when the database is down.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 page, or 503 "temporarily unavailable" when the database cannot be reached.

    Django calls this (config/urls.py `handler500`) inside its handling of the exception, so
    `sys.exc_info()` names it. An OperationalError or InterfaceError is the database being
    down, restarting or failing over, or a lock or statement timeout: transient, so 503 with
    Retry-After, not "something went wrong". Both pages render without a request context
    (no session, no user, no database), like Django's own `server_error`; the error and its
    traceback go to the log only (django.request).
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


@access(RESOURCE)
@require_GET
@cache_control(max_age=300, public=True)
def theme_css(request):
    """The municipality's colours as CSS custom properties (no inline styles under the CSP)."""
    from django.conf import settings

    css = (
        ":root{"
        f"--wp-primary:{_css_color(settings.THEME_PRIMARY)};"
        f"--wp-primary-contrast:{_css_color(settings.THEME_PRIMARY_CONTRAST)};"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def _css_color(value: str) -> str:
    """Only accept #rgb / #rrggbb so configuration can never inject CSS."""
    value = value.strip()
    if value.startswith("#") and len(value) in (4, 7) and all(c in "0123456789abcdefABCDEF" for c in value[1:]):
        return value
    return "#00689e"


@access(RESOURCE)
@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask /favicon.ico on pages without an icon link (the Django admin)."""
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=False)


# --- Second factor (core/two_factor.py) -----------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    """Where to go after the second factor: `next` if it is a page of this site, else home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _throttled_message(seconds: int) -> str:
    return ngettext(
        "Too many wrong codes. Wait %(seconds)s second and try again.",
        "Too many wrong codes. Wait %(seconds)s seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


@access(TWO_FACTOR)
@never_cache
def two_factor_setup(request):
    """Set up the authenticator app: QR code and key, confirm with a code, recovery codes once."""
    user = request.user
    next_url = _next_url(request)
    if two_factor.totp_device_of(user) is not None:
        if two_factor.session_is_verified(request):
            messages.info(request, _("Two-factor authentication is already on for your account."))
            return redirect("core:two_factor")
        return redirect(two_factor.two_factor_step_url(user, next_url))  # verify the app it has
    key = two_factor.totp_setup_key(request.session)
    form = SecondFactorCodeForm(request.POST or None, recovery_allowed=False)
    if request.method == "POST" and form.is_valid():
        try:
            done = two_factor.two_factor_set_up(user=user, key=key, code=form.cleaned_data["code"])
        except two_factor.TwoFactorAlreadySetUp:
            return redirect(two_factor.two_factor_step_url(user, next_url))
        if done is not None:
            device, codes = done
            two_factor.session_verify(request, device)
            # Shown in this response only: the plain codes are stored nowhere (not in the session).
            return render(request, "core/two_factor_recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error(
            "code",
            _(
                "This code is not correct. Check that the time on your phone is set automatically "
                "and enter the code your app shows now."
            ),
        )
    context = {
        "form": form,
        "next": next_url,
        "required": two_factor.two_factor_required(request),
        "qr_data_uri": two_factor.totp_qr_data_uri(user=user, key=key),
        "key_text": two_factor.totp_key_text(key),
    }
    return render(request, "core/two_factor_setup.html", context)


@access(TWO_FACTOR)
@never_cache
def two_factor_verify(request):
    """The second login step: a code from the app or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if not two_factor.two_factor_pending(request):
        return redirect(next_url)
    if two_factor.totp_device_of(user) is None:
        return redirect(two_factor.two_factor_step_url(user, next_url))  # nothing to verify: set up
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if result.ok:
            two_factor.session_verify(request, result.device)
            if isinstance(result.device, StaticDevice):
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You logged in with a recovery code; it no longer works. You have %(left)s "
                        "recovery code left: make new ones under Two-factor authentication.",
                        "You logged in with a recovery code; it no longer works. You have %(left)s "
                        "recovery codes left: make new ones under Two-factor authentication.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(next_url)
        if result.wait_seconds:
            form.add_error("code", _throttled_message(result.wait_seconds))
        else:
            form.add_error(
                "code",
                _("This code is not correct. Enter the code your app shows now, or a recovery code you have not used."),
            )
    return render(request, "core/two_factor_verify.html", {"form": form, "next": next_url})


def _overview(request, form=None, status=200):
    user = request.user
    device = two_factor.totp_device_of(user)
    context = {
        "device": device,
        "codes_left": two_factor.recovery_codes_left(user) if device else 0,
        "required": two_factor.two_factor_required(request),
        "form": form or SecondFactorCodeForm(recovery_allowed=False),
    }
    return render(request, "core/two_factor_overview.html", context, status=status)


@access(AUTHENTICATED)
@never_cache
def two_factor_overview(request):
    """The account's own page: is two-factor authentication on, how many recovery codes are left."""
    return _overview(request)


@access(AUTHENTICATED)
@require_POST
@never_cache
def two_factor_recovery_codes(request):
    """Make new recovery codes (the old ones stop working); asks for a code from the app first,
    so an unattended open session alone cannot do it (ASVS 7.5.1)."""
    user = request.user
    if two_factor.totp_device_of(user) is None or not two_factor.session_is_verified(request):
        messages.error(request, _("Set up two-factor authentication first."))
        return redirect("core:two_factor")
    form = SecondFactorCodeForm(request.POST, recovery_allowed=False)
    if form.is_valid():
        result = two_factor.two_factor_verify(user=user, code=form.cleaned_data["code"], recovery_allowed=False)
        if result.ok:
            codes = two_factor.recovery_codes_create(user=user)
            return render(request, "core/two_factor_recovery_codes.html", {"codes": codes, "next": ""})
        if result.wait_seconds:
            form.add_error("code", _throttled_message(result.wait_seconds))
        else:
            form.add_error("code", _("This code is not correct. Enter the code your app shows now."))
    return _overview(request, form=form, status=200)
