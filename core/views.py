from django.contrib.auth import views as auth_views
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .constants import Role
from .permissions import AUTHENTICATED, PUBLIC, AccessPolicyMixin, access, roles_of
from .selectors import health_status


class LoginView(AccessPolicyMixin, auth_views.LoginView):
    access_policy = PUBLIC
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(AccessPolicyMixin, auth_views.LogoutView):
    access_policy = AUTHENTICATED


@access(AUTHENTICATED)
def home(request):
    """Send each role to its own start page."""
    roles = roles_of(request)
    if Role.AMBTENAAR in roles:
        return redirect("wup:plan_list")
    if Role.RAADSLID in roles:
        return redirect("dashboard:overview")
    return redirect("admin:index")


@access(PUBLIC)
@require_GET
@never_cache
def health(request):
    status = health_status()
    return JsonResponse(status, status=200 if status["status"] == "ok" else 503)


@access(PUBLIC)
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


@access(PUBLIC)
@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask /favicon.ico on pages without an icon link (the Django admin)."""
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=False)
